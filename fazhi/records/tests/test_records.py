"""Record pages: create, edit with history, delete kept in history, evidence uploads, lists."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from fazhi.lib.tests.zips import pdf_of_pages
from fazhi.records.models import Attachment, Exam, StudySession
from fazhi.testing import BaseTestCase

PDF = pdf_of_pages(1)  # a real PDF: an upload must open as one (fazhi.lib.uploads)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


class RecordPagesTest(BaseTestCase):
    def setUp(self):
        self.client.force_login(self.zhang)

    def test_it_creates_a_record_for_the_clerks_unit(self):
        url = reverse("records:create-record", args=[self.unit_a.pk, "exam"])
        response = self.client.post(
            url,
            {
                "date": "2024-10-18",
                "title": "专题考试",
                "exam_type": "xi_thought",
                "eligible_count": "25",
                "taker_count": "25",
                "average_score": "96.28",
                "passed_count": "25",
            },
        )
        exam = Exam.objects.get()
        self.assertRedirects(response, reverse("records:show-record", args=[self.unit_a.pk, "exam", exam.pk]))
        self.assertEqual(
            (exam.unit, exam.created_by, str(exam.average_score)), (self.unit_a, self.zhang, "96.28")
        )

    def test_it_shows_errors_in_chinese_and_saves_nothing(self):
        url = reverse("records:create-record", args=[self.unit_a.pk, "exam"])
        response = self.client.post(
            url, {"date": "2024-02-30", "title": "", "exam_type": "xi_thought", "average_score": "120"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "这个字段是必填项。")
        self.assertContains(response, "输入一个有效的日期。")
        self.assertContains(response, "确保该值小于或等于100。")
        self.assertFalse(Exam.objects.exists())

    def test_it_records_who_changed_what_and_when(self):
        record = self.make_study(self.unit_a, title="学习宪法", attendees=10)
        url = reverse("records:edit-record", args=[self.unit_a.pk, "study", record.pk])
        self.client.post(
            url, {"date": "2024-05-06", "title": "学习宪法修正案", "form": "lecture", "attendees": "12"}
        )
        self.client.force_login(self.li)
        self.client.post(
            url, {"date": "2024-05-06", "title": "学习宪法修正案", "form": "lecture", "attendees": "15"}
        )
        page = self.client.get(reverse("records:show-record", args=[self.unit_a.pk, "study", record.pk]))
        history = page.context["history"]
        self.assertEqual(
            [(h["version"].history_user, h["action"]) for h in history],
            [(self.li, "修改"), (self.zhang, "修改"), (None, "新建")],
        )
        self.assertIn(("参加人数", "12", "15"), history[0]["changes"])
        self.assertIn(("学习主题", "学习宪法", "学习宪法修正案"), history[1]["changes"])
        self.assertIn(("学习形式", "党组理论学习中心组专题学法", "法治专题讲座"), history[1]["changes"])

    def test_it_keeps_a_deleted_record_in_history(self):
        record = self.make_study(self.unit_a, title="将被删除")
        self.client.post(reverse("records:delete-record", args=[self.unit_a.pk, "study", record.pk]))
        self.assertFalse(StudySession.objects.filter(pk=record.pk).exists())
        deleted = StudySession.history.filter(id=record.pk, history_type="-").get()
        self.assertEqual((deleted.title, deleted.history_user), ("将被删除", self.zhang))

    def test_it_lists_filters_searches_and_paginates(self):
        for i in range(30):
            self.make_study(self.unit_a, title=f"学习第{i}次", on=date(2024, 1, 1 + i))
        self.make_study(self.unit_a, title="宪法专题", on=date(2023, 12, 4))
        url = reverse("records:list-records", args=[self.unit_a.pk, "study"])
        self.assertEqual(self.client.get(url + "?year=2024").context["page"].paginator.count, 30)
        self.assertEqual(len(self.client.get(url + "?year=2024").context["rows"]), 25)
        self.assertEqual(len(self.client.get(url + "?year=2024&page=2").context["rows"]), 5)
        self.assertEqual([r.title for r, _ in self.client.get(url + "?q=宪法").context["rows"]], ["宪法专题"])

    def test_it_links_a_figure_to_the_records_it_was_computed_from(self):
        self.make_study(self.unit_a, title="讲座一", form="lecture")
        self.make_study(self.unit_a, title="中心组", form="center_group")
        page = self.client.get(reverse("records:show-figures", args=[self.unit_a.pk, 2024]))
        link = (
            reverse("records:list-records", args=[self.unit_a.pk, "study"])
            + "?year=2024&indicator=study.lecture"
        )
        self.assertContains(page, link)
        rows = self.client.get(link).context["rows"]
        self.assertEqual([r.title for r, _ in rows], ["讲座一"])

    def test_it_escapes_what_users_typed(self):
        record = self.make_study(self.unit_a, title="<script>alert(1)</script>")
        page = self.client.get(reverse("records:show-record", args=[self.unit_a.pk, "study", record.pk]))
        self.assertNotContains(page, "<script>alert(1)</script>")
        self.assertContains(page, "&lt;script&gt;alert(1)&lt;/script&gt;")


class EvidenceUploadTest(BaseTestCase):
    def setUp(self):
        self.client.force_login(self.zhang)
        self.record = self.make_study(self.unit_a)
        self.url = reverse("records:add-attachment", args=[self.unit_a.pk, "study", self.record.pk])

    def upload(self, name: str, content: bytes):
        return self.client.post(self.url, {"file": SimpleUploadedFile(name, content)}, follow=True)

    def test_it_accepts_pdf_and_word_evidence(self):
        self.upload("会议纪要.pdf", PDF)
        self.upload("签到表.docx", docx_bytes())
        self.assertEqual(
            sorted(a.original_name for a in Attachment.objects.all()), ["会议纪要.pdf", "签到表.docx"]
        )
        attachment = Attachment.objects.get(original_name="会议纪要.pdf")
        download = self.client.get(
            reverse("records:download-attachment", args=[self.unit_a.pk, attachment.pk])
        )
        self.assertEqual(b"".join(download.streaming_content), PDF)

    def test_it_refuses_a_wrong_type_a_fake_type_and_a_broken_docx(self):
        self.assertContains(self.upload("病毒.exe", b"MZ\x90\x00"), "不支持文件“病毒.exe”的类型")
        self.assertContains(self.upload("假的.pdf", b"<html>"), "不是有效的PDF")
        self.assertContains(self.upload("坏的.docx", b"PK\x03\x04broken"), "不是有效的Word 文档")
        self.assertFalse(Attachment.objects.exists())

    @override_settings(FAZHI_MAX_UPLOAD_BYTES=1024)
    def test_it_refuses_a_file_over_the_size_limit(self):
        response = self.upload("大文件.pdf", PDF + b"0" * 2048)
        self.assertContains(response, "超过上限")
        self.assertFalse(Attachment.objects.exists())


class MajorDecisionRuleTest(BaseTestCase):
    def test_it_refuses_a_collective_decision_without_legality_review_from_the_form(self):
        self.client.force_login(self.zhang)
        url = reverse("records:create-record", args=[self.unit_a.pk, "decision"])
        response = self.client.post(
            url, {"date": "2024-03-28", "title": "某专项规划", "collective_decision": "on"}
        )
        self.assertContains(response, "未经合法性审查的重大行政决策不得提交集体讨论决定")
        from fazhi.records.models import MajorDecision

        self.assertFalse(MajorDecision.objects.exists())
        self.client.post(
            url,
            {
                "date": "2024-03-28",
                "title": "某专项规划",
                "collective_decision": "on",
                "legality_review": "on",
            },
        )
        self.assertTrue(MajorDecision.objects.get().collective_decision)


class OversizedUploadTest(BaseTestCase):
    def test_it_refuses_a_200_mb_upload_before_reading_it(self):
        self.client.force_login(self.zhang)
        record = self.make_study(self.unit_a)
        url = reverse("records:add-attachment", args=[self.unit_a.pk, "study", record.pk])
        # The client sends a small body; the declared length is what the server sees first.
        response = self.client.post(
            url, {"file": SimpleUploadedFile("大.pdf", PDF)}, CONTENT_LENGTH=str(200 * 1024 * 1024)
        )
        self.assertEqual(response.status_code, 413)
        self.assertIn("上传内容过大（200.0 MB）", response.content.decode())
        self.assertFalse(Attachment.objects.exists())
