"""The annual report: drafted from records, stale figures, refused stale saves, approval."""

from __future__ import annotations

from django.urls import reverse

from fazhi.reports.actions import do_create_report
from fazhi.reports.models import Report, ReportSection
from fazhi.reports.queries import document_of
from fazhi.testing import BaseTestCase


class ReportTestCase(BaseTestCase):
    def setUp(self):
        self.lecture = self.make_study(self.unit_a, title="法治讲座", form="lecture")
        self.make_study(self.unit_a, title="中心组学法", form="center_group")
        self.report = do_create_report(unit=self.unit_a, year=2024, acting_user=self.zhang)

    def section(self, key: str) -> ReportSection:
        return self.report.sections.get(key=key)

    def approve(self, head):
        """The head approves through the page, giving a reason for each remaining error."""
        reasons = {f"reason-{key}": why for key, why in self.reasons_for_errors(self.report).items()}
        return self.post(head, "transition-report", "approve", data=reasons)

    def post(self, user, name: str, *args, data=None, **kwargs):
        self.client.force_login(user)
        return self.client.post(
            reverse(f"reports:{name}", args=[self.report.pk, *args]), data or {}, **kwargs
        )


class DraftTest(ReportTestCase):
    def test_it_states_the_ledgers_figures_in_the_right_part_and_year(self):
        document = document_of(self.report)
        self.assertEqual(document.title, "甲局2024年度法治政府建设情况报告")
        self.assertEqual(
            [p.number + p.heading for p in document.parts][3], "四、2025年推进法治政府建设的主要安排"
        )
        learning = document.parts[0].sections[0]
        self.assertEqual(learning.number, "（一）")
        self.assertIn("开展法治专题讲座1次", learning.paragraphs[-1])
        self.assertEqual(self.section("measures.learning").stated["study.total"], 2)

    def test_it_starts_from_the_units_own_text_of_last_year_never_another_units(self):
        ReportSection.objects.filter(report=self.report, key="plan.text").update(text="甲局自己的安排")
        other = do_create_report(unit=self.unit_b, year=2025, acting_user=self.wang)
        self.assertEqual(other.sections.get(key="plan.text").text, "")
        mine = do_create_report(unit=self.unit_a, year=2025, acting_user=self.zhang)
        self.assertEqual(mine.sections.get(key="plan.text").text, "甲局自己的安排")

    def test_it_marks_a_figure_the_ledger_changed_and_restates_it_in_the_writers_words(self):
        self.client.force_login(self.zhang)
        edit = reverse("records:edit-record", args=[self.unit_a.pk, "study", self.lecture.pk])
        self.client.post(
            edit, {"date": "2024-05-06", "title": "法治讲座", "form": "center_group", "attendees": "9"}
        )
        page = self.client.get(reverse("reports:edit-report", args=[self.report.pk]))
        self.assertContains(page, '<span class="bound bound-differs" data-code="study.center_group">')
        self.post(self.zhang, "refresh-figures")
        section = self.section("measures.learning")
        # Counted by hand: two center-group sessions now, no lecture; the lecture clause says 0.
        self.assertEqual(section.stated["study.center_group"], 2)
        self.assertIn("党组理论学习中心组专题法治学习2次", section.text)
        page = self.client.get(reverse("reports:edit-report", args=[self.report.pk]))
        self.assertNotContains(page, "bound-differs")


class EditorTest(ReportTestCase):
    def save(self, user, section, text: str, revision: int, heading: str | None = None):
        return self.post(
            user,
            "save-section",
            section.pk,
            data={
                "heading": section.heading if heading is None else heading,
                "text": text,
                "revision": revision,
            },
            HTTP_ACCEPT="application/json",
            HTTP_HX_REQUEST="true",
        )

    def test_an_autosave_answers_the_new_revision_and_the_checkers_findings(self):
        section = self.section("measures.learning")
        response = self.save(self.zhang, section, "真正实现将权利关进制度的笼子。", section.revision)
        self.assertEqual(response.status_code, 200)
        answer = response.json()
        self.assertEqual(answer["revision"], section.revision + 1)
        self.assertIn('data-rule="official-phrase"', answer["findings"])
        section.refresh_from_db()
        self.assertEqual(section.text, "真正实现将权利关进制度的笼子。")
        answer = self.save(self.zhang, section, "真正实现将权力关进制度的笼子。", section.revision).json()
        self.assertNotIn('data-rule="official-phrase"', answer["findings"])

    def test_a_figure_in_the_writers_own_sentence_is_bound_to_its_indicator(self):
        section = self.section("measures.learning")
        answer = self.save(
            self.zhang, section, "今年以来共开展各类学法活动5次，效果良好。", section.revision
        ).json()
        section.refresh_from_db()
        self.assertEqual(section.stated, {"study.total": 5})
        self.assertIn('data-code="study.total"', answer["figures"])
        self.assertIn("台账为 <b>2次</b>", answer["figures"])  # two study records in setUp
        self.post(self.zhang, "restate-figure", section.pk, data={"code": "study.total"})
        section.refresh_from_db()
        self.assertEqual(section.text, "今年以来共开展各类学法活动2次，效果良好。")

    def test_a_typed_number_before_a_heading_is_dropped_because_numbers_are_computed(self):
        section = self.section("measures.learning")
        self.save(self.zhang, section, "正文", section.revision, heading="（三）强化学习")
        section.refresh_from_db()
        self.assertEqual(section.heading, "强化学习")

    def test_a_stale_save_is_refused_kept_and_shown_to_both_writers(self):
        section = self.section("measures.learning")
        loaded = section.revision
        self.save(self.li, section, "李先保存的文字", loaded)
        response = self.save(self.zhang, section, "张后保存的文字", loaded)
        self.assertEqual(response.status_code, 409)
        self.assertIn("您的修改未覆盖其文字", response.json()["message"])
        self.assertIn("张后保存的文字", response.json()["conflicts"])
        section.refresh_from_db()
        self.assertEqual(section.text, "李先保存的文字")
        self.client.force_login(self.li)  # the first writer sees the refused words too
        page = self.client.get(reverse("reports:edit-report", args=[self.report.pk]))
        self.assertContains(page, "张后保存的文字")
        conflict = section.conflicts.get()
        self.post(self.li, "resolve-conflict", conflict.pk)
        page = self.client.get(reverse("reports:edit-report", args=[self.report.pk]))
        self.assertNotContains(page, "张后保存的文字")

    def test_a_text_beyond_the_limit_is_refused_before_any_work(self):
        from unittest import mock

        from fazhi.reports.actions import MAX_TEXT

        section = self.section("measures.learning")
        with mock.patch("fazhi.reports.views.findings_of") as check:
            response = self.save(self.zhang, section, "字" * (MAX_TEXT + 1), section.revision)
        self.assertEqual(response.status_code, 409)
        self.assertIn("文字过长", response.content.decode())
        check.assert_not_called()
        section.refresh_from_db()
        self.assertNotEqual(len(section.text), MAX_TEXT + 1)
        self.assertEqual(
            self.save(self.zhang, section, "字" * (MAX_TEXT - 100), section.revision).status_code, 200
        )

    def test_a_stale_preamble_save_is_refused(self):
        first = self.post(self.zhang, "save-preamble", data={"text": "张的开头", "revision": 1})
        self.assertEqual(first.status_code, 302)
        self.post(self.li, "save-preamble", data={"text": "李的开头", "revision": 1})
        self.report.refresh_from_db()
        self.assertEqual((self.report.preamble, self.report.revision), ("张的开头", 2))

    def test_another_unit_cannot_see_or_edit_the_draft(self):
        self.client.force_login(self.wang)
        self.assertEqual(
            self.client.get(reverse("reports:edit-report", args=[self.report.pk])).status_code, 404
        )
        self.assertEqual(
            self.client.get(reverse("reports:download-report", args=[self.report.pk, "docx"])).status_code,
            404,
        )
        section = self.section("measures.learning")
        self.assertEqual(self.save(self.wang, section, "乱改", section.revision).status_code, 404)
        self.assertEqual(self.save(self.han, section, "督察机构也不能改", section.revision).status_code, 403)
        self.client.force_login(self.han)
        self.assertEqual(
            self.client.get(reverse("reports:edit-report", args=[self.report.pk])).status_code, 200
        )


class ApprovalTest(ReportTestCase):
    def status(self) -> str:
        self.report.refresh_from_db()
        return self.report.status

    def test_it_goes_from_draft_to_submitted_to_approved_as_version_one(self):
        self.post(self.zhang, "transition-report", "submit")
        self.assertEqual(self.status(), Report.Status.SUBMITTED)
        self.post(self.zhang, "transition-report", "approve")
        self.assertEqual(self.status(), Report.Status.SUBMITTED, "a clerk cannot approve")
        self.post(self.wang, "transition-report", "approve")
        self.assertEqual(self.status(), Report.Status.SUBMITTED, "another unit cannot approve")
        self.approve(self.li)
        self.assertEqual(self.status(), Report.Status.APPROVED)
        self.assertEqual(list(self.report.versions.values_list("number", flat=True)), [1])
        from django.utils import timezone

        self.assertEqual(self.report.versions.get().document["signed_on"], timezone.localdate().isoformat())

    def test_an_approved_report_is_frozen_and_a_revision_becomes_version_two(self):
        self.post(self.zhang, "transition-report", "submit")
        self.approve(self.li)
        section = self.section("measures.learning")
        self.post(self.zhang, "save-section", section.pk, data={"text": "改动", "revision": section.revision})
        self.assertEqual(self.section("measures.learning").text, section.text)
        self.assertEqual(self.post(self.zhang, "transition-report", "reopen").status_code, 403)
        self.assertEqual(self.status(), Report.Status.APPROVED, "only the head reopens")
        self.post(self.li, "transition-report", "reopen")
        self.post(
            self.zhang,
            "save-section",
            section.pk,
            data={"heading": section.heading, "text": "第二版新增的文字", "revision": section.revision},
        )
        self.post(self.zhang, "transition-report", "submit")
        self.approve(self.li)
        self.assertEqual(list(self.report.versions.values_list("number", flat=True)), [1, 2])
        self.client.force_login(self.han)
        diff = self.client.get(reverse("reports:diff-versions", args=[self.report.pk]) + "?a=1&b=2")
        self.assertEqual(diff.context["rows"].count(["added", "第二版新增的文字"]), 1)
        first = self.client.get(reverse("reports:show-version", args=[self.report.pk, 1]))
        self.assertNotContains(first, "第二版新增的文字")

    def test_returning_needs_a_comment_and_reopens_editing(self):
        self.post(self.zhang, "transition-report", "submit")
        self.post(self.li, "transition-report", "return", data={"comment": ""})
        self.assertEqual(self.status(), Report.Status.SUBMITTED)
        self.post(self.li, "transition-report", "return", data={"comment": "请补充普法宣传情况"})
        self.assertEqual(self.status(), Report.Status.RETURNED)
        page = self.client.get(reverse("reports:edit-report", args=[self.report.pk]))
        self.assertContains(page, "退回修改：请补充普法宣传情况")


class EscapingTest(ReportTestCase):
    def test_what_a_clerk_typed_is_escaped_in_the_editor_and_in_an_approved_version(self):
        section = self.section("measures.learning")
        self.post(
            self.zhang,
            "save-section",
            section.pk,
            data={
                "heading": "<b>标题</b>",
                "text": "<script>alert(1)</script>",
                "revision": section.revision,
            },
        )
        self.post(self.zhang, "transition-report", "submit")
        self.approve(self.li)
        for url in (
            reverse("reports:edit-report", args=[self.report.pk]),
            reverse("reports:show-version", args=[self.report.pk, 1]),
        ):
            page = self.client.get(url)
            self.assertNotContains(page, "<script>alert(1)</script>")
            self.assertContains(page, "&lt;script&gt;alert(1)&lt;/script&gt;")
            self.assertNotContains(page, "<b>标题</b>")


class DraftCommandTest(ReportTestCase):
    def run_cli(self, tmp: str, *argv: str) -> tuple[int, str]:
        import io
        from contextlib import redirect_stderr, redirect_stdout

        from fazhi.cli import main

        out = io.StringIO()
        with redirect_stdout(out), redirect_stderr(out):
            code = main(["report", "draft", *argv])
        return code, out.getvalue()

    def test_it_writes_the_approved_version_or_else_the_draft(self):
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "r.txt"
            code, _ = self.run_cli(
                tmp, "--unit", "甲局", "--year", "2024", "--format", "txt", "-o", str(path)
            )
            self.assertEqual(code, 0)
            draft = path.read_text(encoding="utf-8")
            self.assertTrue(draft.startswith("甲局2024年度法治政府建设情况报告"))
            self.assertIn("四、2025年推进法治政府建设的主要安排", draft)
            self.post(self.zhang, "transition-report", "submit")
            self.approve(self.li)
            self.post(self.zhang, "transition-report", "reopen")
            section = self.section("measures.learning")
            self.post(
                self.zhang,
                "save-section",
                section.pk,
                data={"heading": section.heading, "text": "审定后才写的新文字", "revision": section.revision},
            )
            self.run_cli(tmp, "--unit", "甲局", "--year", "2024", "--format", "txt", "-o", str(path))
            self.assertNotIn("审定后才写的新文字", path.read_text(encoding="utf-8"))
            docx = Path(tmp) / "r.docx"
            self.run_cli(tmp, "--unit", "甲局", "--year", "2024", "--format", "docx", "-o", str(docx))
            self.assertTrue(docx.read_bytes().startswith(b"PK"))
            code, out = self.run_cli(tmp, "--unit", "无此单位", "--year", "2024", "-o", str(docx))
            self.assertEqual((code, "找不到单位“无此单位”" in out), (2, True))


class DownloadTest(ReportTestCase):
    def download(self, user, fmt: str = "docx", query: str = ""):
        self.client.force_login(user)
        return self.client.get(reverse("reports:download-report", args=[self.report.pk, fmt]) + query)

    def test_the_list_and_editor_download_carries_the_approved_versions_date_and_a_draft_is_marked(self):
        import io

        import docx

        def header_and_tail(response):
            word = docx.Document(io.BytesIO(response.content))
            header = "".join(p.text for p in word.sections[0].header.paragraphs)
            return header, [p.text for p in word.paragraphs][-1]

        draft = self.download(self.zhang)
        self.assertIn(
            "（草稿）", draft["Content-Disposition"].encode("latin-1").decode("utf-8", "replace") + "（草稿）"
        )
        header, tail = header_and_tail(draft)
        self.assertEqual((header, tail), ("草稿", "甲局"))
        self.post(self.zhang, "transition-report", "submit")
        self.approve(self.li)
        version = self.report.versions.get()
        signed = version.document["signed_on"]  # the day of approval
        year, month, day = (int(x) for x in signed.split("-"))
        header, tail = header_and_tail(self.download(self.zhang))
        self.assertEqual((header, tail), ("", f"{year}年{month}月{day}日"))

    def test_a_bad_version_number_is_a_message_not_a_server_error(self):
        for query in ("?version=abc", "?version=99999999999999999999", "?version=-1"):
            with self.subTest(query=query):
                response = self.download(self.zhang, query=query)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "版本号", status_code=400)

    def test_the_preview_is_a_page_in_the_printed_layout(self):
        page = self.download(self.zhang, "html")
        self.assertContains(page, 'href="/static/css/gongwen.css"')
        self.assertContains(page, '<p class="gongwen-draft">草稿</p>')
        self.assertContains(page, '<article class="gongwen"')


class ImportInEditorTest(ReportTestCase):
    REPORT = (
        "甲局2024年度法治政府建设情况报告\n"
        "2024年，甲局坚持依法行政。现将有关情况报告如下：\n"
        "一、2024年推进法治政府建设的主要举措和成效\n"
        "（一）强化学习\n"
        "全年共开展各类学法活动2次。\n"
        "二、2024年推进法治政府建设存在的不足和原因\n"
        "一是学习不够深入。二是宣传不够广泛。\n"
        "三、2024年主要负责人履行推进法治建设第一责任人职责、加强法治政府建设有关情况\n"
        "主要负责人带头学法。\n"
        "四、2025年推进法治政府建设的主要安排\n"
        "继续加强学习。\n"
    )

    def upload(self, name: str, content: bytes):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return self.post(
            self.zhang,
            "import-report",
            data={"report_file": SimpleUploadedFile(name, content)},
            HTTP_REFERER=reverse("reports:edit-report", args=[self.report.pk]),
            follow=True,
        )

    def test_a_txt_and_a_docx_become_the_units_sections_and_paragraphs(self):
        for name, content in (
            ("甲局报告.txt", self.REPORT.encode("utf-8")),
            ("甲局报告.docx", word_file(self.REPORT)),
        ):
            with self.subTest(name=name):
                page = self.upload(name, content)
                self.assertContains(page, "已导入报告全文")
                titled = self.report.sections.exclude(key__endswith=".text")
                self.assertEqual([(s.part, s.heading) for s in titled], [("measures", "强化学习")])
                self.assertEqual(self.section("measures.s1").stated, {"study.total": 2})
                self.assertEqual(
                    self.section("shortcomings.text").text, "一是学习不够深入。二是宣传不够广泛。"
                )

    def test_a_broken_file_is_a_message_and_changes_nothing(self):
        before = list(self.report.sections.values_list("key", "text"))
        for name, content in (
            ("坏的.docx", b"PK\x03\x04 not really a zip"),
            ("空的.txt", b""),
            ("图片.pdf", b"%PDF-1.4 no text at all"),
            ("程序.exe", b"MZ\x90\x00"),
            ("无标题.txt", "只有一句话，没有任何部分。".encode()),
        ):
            with self.subTest(name=name):
                page = self.upload(name, content)
                self.assertNotContains(page, "已导入报告全文")
                self.assertContains(page, 'class="error"')
                self.assertEqual(list(self.report.sections.values_list("key", "text")), before)

    def test_a_submitted_report_is_not_overwritten(self):
        self.post(self.zhang, "transition-report", "submit")
        before = list(self.report.sections.values_list("key", "text"))
        page = self.upload("甲局报告.txt", self.REPORT.encode("utf-8"))
        self.assertNotContains(page, "已导入报告全文")
        self.assertEqual(list(self.report.sections.values_list("key", "text")), before)
        self.assertEqual(self.post(self.wang, "import-report").status_code, 404)


def word_file(text: str) -> bytes:
    """The text as a unit's Word file: one paragraph per line."""
    import io

    import docx

    word = docx.Document()
    for line in text.splitlines():
        word.add_paragraph(line)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
