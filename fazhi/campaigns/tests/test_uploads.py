"""Reports written outside the platform (issue 9, item 7).

- "Bulk upload of 20 files of which one is not a report and one names no known unit: 18 parsed and
  checked, one refused with its reason, one waiting for assignment, nothing half-written"; the
  waiting one assigned becomes a submission.
- The unit's own file: sent by the head through the check page; a file with an error is refused
  without the head's reasons and sent with them; a broken or unreadable file is refused with a
  Chinese message and nothing written.
- The permission matrix of the new routes, by hand: only the head sends a file; the offices over
  the region upload in bulk and assign; a clerk cannot; another region's office gets 404.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections import Counter
from unittest import mock

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from fazhi.campaigns.actions import do_open_campaign
from fazhi.campaigns.models import Participant, Submission
from fazhi.campaigns.upload_models import ReportFile, UploadBatch, UploadItem
from fazhi.campaigns.upload_views import SALT
from fazhi.campaigns.uploads import check_sent_file, do_send_file, do_upload_batch
from fazhi.inbox.models import Notice
from fazhi.lib.errors import FazhiError
from fazhi.orgs.models import Role, Unit
from fazhi.reports.checking import finding_key
from fazhi.reports.models import Report, ReportEvent
from fazhi.testing import INVESTMENT_SEED, SEEDS_DIR, BaseTestCase

from .report_files import BLANK_PDF, NOTICE, broken_docx, docx_bytes, report_lines, txt_bytes

User = get_user_model()
S = UploadItem.Status
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The units of 南开 that keep no report on the platform: (name, short name).
UNITS = [
    ("南开区政府办公室", "区政府办"),  # the seed report, as the PDF Word exported
    ("南开区投资促进局", "投促局"),  # the seed report, as plain text
    ("南开区司法局", "区司法局"),
    ("南开区教育局", "区教育局"),
    ("南开区财政局", "区财政局"),
    ("南开区民政局", ""),
    ("南开区商务局", ""),
    ("南开区卫生健康委员会", "区卫健委"),
    ("南开区生态环境局", ""),
    ("南开区住房和建设委员会", "区住建委"),
    ("南开区城市管理委员会", "区城管委"),
    ("南开区市场监督管理局", "区市场监管局"),
    ("南开区文化和旅游局", "区文旅局"),
    ("南开区退役军人事务局", ""),
    ("南开区应急管理局", "区应急局"),
    ("南开区统计局", ""),
    ("南开区医疗保障局", "区医保局"),
    ("南开区体育局", ""),
]
LAYOUTS = ("title", "city-title", "unit-line", "opening")


def report_files() -> list[tuple[str, bytes, str]]:
    """(file name, content, the unit it is by) for the 18 reports: the two seed reports as they
    came (PDF, text) and 16 written here in four layouts, as .docx (plain and with Word's
    heading styles) and .txt (UTF-8 and GB18030), one titled with the unit's short name."""
    files = [
        ("政府办2024年报告.pdf", (SEEDS_DIR / "001_from_docx.pdf").read_bytes(), "南开区政府办公室"),
        ("投促局法治政府建设报告.txt", INVESTMENT_SEED.read_bytes(), "南开区投资促进局"),
    ]
    for index, (name, short) in enumerate(UNITS[2:]):
        layout = LAYOUTS[index % 4]
        written = short if index == 1 else name  # 区教育局2024年度……: the short name in the title
        lines = report_lines(written, 2024, layout=layout)
        if name == "南开区财政局":  # a figure the ledger disagrees with: an error, kept as found
            lines = report_lines(name, 2024, layout=layout, extra="全年共开展各类学法活动5次。")
        kind = index % 4
        if kind == 0:
            files.append((f"{index:02d}-{name}.docx", docx_bytes(lines), name))
        elif kind == 1:
            files.append((f"{index:02d}-报告.docx", docx_bytes(lines, styled=True), name))
        elif kind == 2:
            files.append((f"{index:02d}-{name}.txt", txt_bytes(lines), name))
        else:
            files.append((f"{index:02d}.txt", txt_bytes(lines, encoding="gb18030"), name))
    return files


def uploads(files: list[tuple[str, bytes, str]]) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, content) for name, content, _unit in files]


class CampaignTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.units = {
            name: Unit.objects.create(name=name, short_name=short, region=cls.region1)
            for name, short in UNITS
        }
        cls.hexi = User.objects.create_user("hexi", password="Pw-for-tests-1")  # 河西's own office
        Role.objects.create(user=cls.hexi, kind=Role.Kind.SUPERVISOR, region=cls.region2)
        for unit in (cls.units["南开区财政局"], cls.unit_a):
            cls.make_study(unit, on=dt.date(2024, 4, 2))
            cls.make_study(unit, on=dt.date(2024, 9, 9))
        cls.campaign = do_open_campaign(region=cls.region1, year=2024, acting_user=cls.han)

    def report_of(self, unit: Unit) -> Report:
        return Report.objects.get(unit=unit, year=2024, genre="law")

    def board(self) -> str:
        return reverse("campaigns:show-board", args=[self.campaign.pk])

    def bulk(self, files, user=None):
        self.client.force_login(user or self.han)
        with self.captureOnCommitCallbacks(execute=True):  # the immediate backend runs the job here
            response = self.client.post(
                reverse("campaigns:upload-batch", args=[self.campaign.pk]), {"files": uploads(files)}
            )
        self.assertRedirects(response, self.board() + "#uploads", fetch_redirect_response=False)
        return UploadBatch.objects.order_by("-pk").first()


class BulkUploadTest(CampaignTestCase):
    def test_twenty_files_one_not_a_report_one_naming_no_known_unit(self):
        reports = report_files()
        stray = ("会议通知.txt", NOTICE, "")
        unknown = ("未知单位.docx", docx_bytes(report_lines("南开区档案馆", 2024)), "")
        files = [*reports[:9], stray, *reports[9:], unknown]
        self.assertEqual(len(files), 20)
        before = dict(Report.objects.filter(year=2024).values_list("unit_id", "status"))

        batch = self.bulk(files)

        self.assertIsNotNone(batch.finished_at)
        items = {item.original_name: item for item in batch.items.select_related("unit", "submission")}
        self.assertEqual(len(items), 20)
        self.assertEqual(
            Counter(i.status for i in items.values()), {S.PARSED: 18, S.REFUSED: 1, S.WAITING: 1}
        )
        refused = items["会议通知.txt"]
        self.assertEqual(refused.status, S.REFUSED)
        self.assertIn("不像法治政府建设情况报告", refused.reason)
        self.assertIsNone(refused.submission)
        waiting = items["未知单位.docx"]
        self.assertEqual((waiting.status, waiting.named_unit), (S.WAITING, "南开区档案馆"))
        self.assertEqual(waiting.reason, "文件中写的单位“南开区档案馆”不是本次报送任务的单位，请指定单位。")
        self.assertIsNone(waiting.submission)

        # Each report became its own unit's sending, parsed and checked with that unit's ledger.
        for name, _content, unit_name in reports:
            with self.subTest(file=name):
                item = items[name]
                self.assertEqual((item.status, item.unit.name), (S.PARSED, unit_name))
                submission = item.submission
                self.assertEqual(submission.unit_id, item.unit_id)
                self.assertEqual(submission.sent_by, self.han)
                self.assertIsNone(submission.version)
                self.assertEqual(len(submission.document["parts"]), 4)
                self.assertEqual(self.report_of(item.unit).status, Report.Status.SENT)
                self.assertEqual(submission.report_file.file.name, item.file.name)
                self.assertTrue(submission.report_file.by_office)
                self.assertTrue(all(f["reason"] == "" for f in submission.findings))  # no head's gate
        finance = items[next(n for n, _c, u in reports if u == "南开区财政局")].submission
        self.assertEqual((finance.errors, finance.stated.get("study.total")), (1, 5))
        mismatch = next(f for f in finance.findings if f["severity"] == "error")
        self.assertEqual(mismatch["rule"], "ledger-mismatch")
        self.assertIn("台账为2次", mismatch["message"])
        office = items["政府办2024年报告.pdf"].submission
        self.assertGreater(len(office.stated), 5)  # the seed's figures, as the PDF states them
        no_title = items[next(n for n, _c, u in reports if u == "南开区民政局")].submission
        self.assertIn("title-year", {f["rule"] for f in no_title.findings})  # the opening-sentence layout

        # Nothing half-written: a sending, its file and one event for each of the 18, nothing else.
        self.assertEqual(Submission.objects.count(), 18)
        self.assertEqual(ReportFile.objects.count(), 18)
        self.assertEqual(ReportEvent.objects.filter(action=ReportEvent.Action.SEND).count(), 18)
        sent = set(Report.objects.filter(status=Report.Status.SENT).values_list("unit_id", flat=True))
        self.assertEqual(sent, {item.unit_id for item in items.values() if item.status == S.PARSED})
        for unit_id, status in before.items():
            if unit_id not in sent:
                self.assertEqual(Report.objects.get(unit_id=unit_id, year=2024, genre="law").status, status)

        # The zip of sent reports renders them like drafted ones.
        archive = zipfile.ZipFile(io.BytesIO(self.client.get(self.board() + "reports.zip").content))
        self.assertEqual(len(archive.namelist()), 18)
        self.assertIn("南开区司法局2024年度法治政府建设情况报告.docx", archive.namelist())

        # The board: the job is done (no more polling), the refusal and the waiting file are shown.
        page = self.client.get(self.board()).content.decode()
        self.assertIn('data-count="parsed">18<', page)
        self.assertIn('data-status="refused"', page)
        self.assertIn('class="assign-item" data-item="未知单位.docx"', page)
        self.assertNotIn("hx-trigger", page)

        # The office assigns the waiting file to 乙局: it becomes 乙局's sending.
        response = self.client.post(
            reverse("campaigns:assign-upload-item", args=[waiting.pk]), {"unit": self.unit_b.pk}
        )
        self.assertRedirects(response, self.board() + "#uploads", fetch_redirect_response=False)
        waiting.refresh_from_db()
        self.assertEqual((waiting.status, waiting.unit), (S.ASSIGNED, self.unit_b))
        self.assertEqual(waiting.submission.unit_id, self.unit_b.pk)
        self.assertEqual(waiting.submission.participant.unit, self.unit_b)
        self.assertEqual(self.report_of(self.unit_b).status, Report.Status.SENT)
        self.assertEqual(Submission.objects.count(), 19)
        page = self.client.get(self.board()).content.decode()
        self.assertNotIn('class="assign-item"', page)
        row = re.search(r'<tr data-unit="乙局" data-status="(\w+)"', page)
        self.assertEqual(row.group(1), "sent")

    def test_a_broken_file_is_refused_with_its_reason_and_the_others_go_on(self):
        good = report_files()[2:4]
        damaged = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(docx_bytes(report_lines("南开区民政局", 2024)))) as source:
            with zipfile.ZipFile(damaged, "w") as target:
                for entry in source.infolist():
                    data = source.read(entry)
                    target.writestr(entry, b"<w:document>" if entry.filename == "word/document.xml" else data)
        files = [
            ("截断.docx", broken_docx(), ""),
            *good[:1],
            ("内容损坏.docx", damaged.getvalue(), ""),
            ("扫描件.pdf", BLANK_PDF, ""),
            ("表格.xlsx", b"PK\x03\x04", ""),
            ("2023年报告.txt", txt_bytes(report_lines("南开区民政局", 2023)), ""),
            *good[1:],
        ]
        batch = self.bulk(files)
        reasons = {i.original_name: (i.status, i.reason) for i in batch.items.all()}
        self.assertEqual(
            reasons["截断.docx"], (S.REFUSED, "文件“截断.docx”不是有效的Word 文档，可能已损坏。")
        )
        self.assertEqual(reasons["内容损坏.docx"][0], S.REFUSED)
        self.assertIn("Word 文档已损坏", reasons["内容损坏.docx"][1])
        self.assertIn("没有可提取的文字（可能是扫描件）", reasons["扫描件.pdf"][1])
        self.assertIn("只接受 .docx、.pdf、.txt 文件", reasons["表格.xlsx"][1])
        self.assertIn("文件标题写的是2023年度，本次报送的是2024年度报告", reasons["2023年报告.txt"][1])
        self.assertEqual(Counter(s for s, _r in reasons.values()), {S.REFUSED: 5, S.PARSED: 2})
        self.assertFalse(batch.items.get(original_name="表格.xlsx").file)  # a wrong type is not kept
        self.assertEqual(Submission.objects.count(), 2)

    def test_a_failure_half_way_leaves_nothing_of_that_file_and_the_job_goes_on(self):
        files = report_files()[2:5]
        failing = self.units[files[1][2]]
        from fazhi.campaigns import actions as module  # where a sending is recorded, files too

        real = module.sync_participant_due_items

        def fail_for_one(participant, **kwargs):
            if participant.unit_id == failing.pk:
                raise RuntimeError("disk full")
            return real(participant, **kwargs)

        with (
            mock.patch.object(module, "sync_participant_due_items", fail_for_one),
            self.assertLogs("fazhi.campaigns.uploads", "ERROR"),
        ):
            batch = self.bulk(files)
        item = batch.items.get(original_name=files[1][0])
        self.assertEqual(item.status, S.REFUSED)
        self.assertIn("内部错误", item.reason)
        self.assertFalse(Submission.objects.filter(unit=failing).exists())
        self.assertFalse(ReportFile.objects.filter(unit=failing).exists())
        self.assertEqual(self.report_of(failing).status, Report.Status.DRAFT)
        self.assertEqual(batch.items.filter(status=S.PARSED).count(), 2)

    def test_the_progress_fragment_polls_while_files_are_queued(self):
        self.client.force_login(self.han)
        do_upload_batch(
            self.campaign, files=uploads(report_files()[2:4]), acting_user=self.han
        )  # no commit: queued
        url = reverse("campaigns:show-uploads", args=[self.campaign.pk])
        fragment = self.client.get(url).content.decode()
        self.assertIn('hx-trigger="every 2s"', fragment)
        self.assertIn('<progress max="2" value="0">', fragment)
        self.assertIn("正在处理 0/2", fragment)
        self.assertIn('hx-get="' + url + '"', self.client.get(self.board()).content.decode())

    def test_a_file_cannot_be_assigned_to_a_unit_outside_the_campaign_or_twice(self):
        unknown = [("未知单位.txt", txt_bytes(report_lines("南开区档案馆", 2024)), "")]
        item = self.bulk(unknown).items.get()
        url = reverse("campaigns:assign-upload-item", args=[item.pk])
        board = self.client.get(self.board())
        for unit, message in (
            (self.unit_c, "所选单位不在本次报送任务中。"),
            (None, "请选择文件所属的单位。"),
        ):
            response = self.client.post(url, {"unit": unit.pk if unit else ""}, HTTP_REFERER=self.board())
            self.assertRedirects(response, self.board(), fetch_redirect_response=False)
            self.assertIn(message, [str(m) for m in response.wsgi_request._messages])
        self.assertEqual(Submission.objects.count(), 0)
        self.assertEqual(board.status_code, 200)
        self.client.post(url, {"unit": self.unit_b.pk})
        response = self.client.post(url, {"unit": self.unit_a.pk}, HTTP_REFERER="/")
        self.assertIn("已指定单位导入，不需要再指定单位", str(list(response.wsgi_request._messages)[-1]))
        self.assertEqual(list(Submission.objects.values_list("unit_id", flat=True)), [self.unit_b.pk])


class SendFileTest(CampaignTestCase):
    """The head of 甲局 (李) sends the report written in Word: 甲局's ledger has 2 study sessions."""

    def setUp(self) -> None:
        self.report = self.report_of(self.unit_a)
        self.editor = reverse("reports:edit-report", args=[self.report.pk])

    def upload(self, name: str, content: bytes, user=None):
        self.client.force_login(user or self.li)
        return self.client.post(
            reverse("campaigns:upload-report-file", args=[self.report.pk]),
            {"file": SimpleUploadedFile(name, content)},
            HTTP_REFERER=self.editor,
        )

    @staticmethod
    def pending() -> list[str]:
        folder = "campaign-files/pending"
        return sorted(default_storage.listdir(folder)[1]) if default_storage.exists(folder) else []

    def wrong(self) -> bytes:
        return docx_bytes(report_lines("甲局", 2024, extra="全年共开展各类学法活动5次。"), styled=True)

    def test_a_file_with_an_error_is_refused_without_reasons_and_sent_with_them(self):
        self.client.force_login(self.li)
        self.assertContains(
            self.client.get(self.editor), reverse("campaigns:upload-report-file", args=[self.report.pk])
        )

        content = self.wrong()
        response = self.upload("甲局2024年度报告.docx", content)
        check = response["Location"]
        self.assertTrue(
            check.startswith(reverse("campaigns:check-report-file", args=[self.report.pk]) + "?t=")
        )
        page = self.client.get(check).content.decode()
        self.assertIn("检查发现 1 处错误", page)
        self.assertIn("台账为2次", page)
        self.assertNotIn('data-warning="other-unit"', page)
        key = re.search(r'name="reason-(\w+)"', page).group(1)
        token = re.search(r'name="t" value="([^"]+)"', page).group(1)
        send = reverse("campaigns:send-report-file", args=[self.report.pk])

        response = self.client.post(send, {"t": token, f"reason-{key}": "  "})
        self.assertContains(
            response, "文件中有1处错误：请修改后重新上传，或由主要负责人逐条说明按此文件报送的理由。"
        )
        self.assertEqual((Submission.objects.count(), ReportFile.objects.count()), (0, 0))
        self.assertEqual(self.report_of(self.unit_a).status, Report.Status.DRAFT)

        response = self.client.post(send, {"t": token, f"reason-{key}": "学法次数含线上学习，台账未录入"})
        self.assertRedirects(response, self.editor, fetch_redirect_response=False)
        submission = Submission.objects.get()
        self.assertEqual(
            (submission.unit, submission.sent_by, submission.version), (self.unit_a, self.li, None)
        )
        self.assertEqual((submission.errors, submission.ledger_mismatches), (1, 1))
        error = next(f for f in submission.findings if f["severity"] == "error")
        self.assertEqual((error["key"], error["reason"]), (key, "学法次数含线上学习，台账未录入"))
        self.assertEqual(submission.stated, {"study.total": 5})
        self.assertEqual(submission.document["title"], "甲局2024年度法治政府建设情况报告")
        self.assertEqual(submission.document["signed_on"], "2025-01-20")
        self.assertEqual(submission.report_file.original_name, "甲局2024年度报告.docx")
        self.assertEqual(self.report_of(self.unit_a).status, Report.Status.SENT)
        event = ReportEvent.objects.get(report=self.report, action=ReportEvent.Action.SEND)
        self.assertEqual((event.actor, event.comment), (self.li, "以文件报送：甲局2024年度报告.docx"))
        self.assertTrue(Notice.objects.filter(recipient=self.han, kind=Notice.Kind.SENT).exists())
        kept_aside = signing.loads(token, salt=SALT)["f"]
        self.assertFalse(default_storage.exists(kept_aside))  # the copy kept for the check page is gone

        # The office reads it with the head's reason; the file can be opened beside it.
        self.client.force_login(self.han)
        self.assertContains(self.client.get(submission.get_absolute_url()), "学法次数含线上学习，台账未录入")
        download = self.client.get(reverse("campaigns:download-file", args=[submission.pk]))
        self.assertEqual(b"".join(download.streaming_content), content)
        # Sent: the editor offers no second file until the office returns it.
        self.client.force_login(self.li)
        self.assertNotContains(self.client.get(self.editor), 'name="file"')
        self.assertEqual(self.client.get(check).status_code, 400)  # the link of the sent file is spent

    def test_the_check_page_warns_when_the_file_names_another_unit(self):
        response = self.upload("乙局.docx", docx_bytes(report_lines("乙局", 2024)))
        page = self.client.get(response["Location"]).content.decode()
        self.assertIn("文件中写的单位是“乙局”，不是本单位（甲局）：请确认没有选错文件。", page)

    def test_the_action_itself_keeps_the_gate(self):
        upload = SimpleUploadedFile("a.docx", self.wrong())
        with self.assertRaises(FazhiError) as refused:
            do_send_file(self.report, upload=upload, acting_user=self.li)
        self.assertEqual(refused.exception.code, "errors-unexplained")
        self.assertIn("文件中有1处错误", refused.exception.message)
        self.assertEqual(Submission.objects.count(), 0)
        clean = SimpleUploadedFile("b.docx", docx_bytes(report_lines("甲局", 2024)))
        submission = do_send_file(self.report, upload=clean, acting_user=self.li)
        self.assertEqual(submission.errors, 0)
        with self.assertRaises(FazhiError) as again:
            do_send_file(self.report, upload=SimpleUploadedFile("c.docx", self.wrong()), acting_user=self.li)
        self.assertEqual(again.exception.code, "already-sent")

    def test_a_broken_file_is_refused_with_its_message_and_nothing_written(self):
        kept_aside = self.pending()
        cases = [
            ("坏文件.docx", broken_docx(), "文件“坏文件.docx”不是有效的Word 文档，可能已损坏。"),
            ("扫描件.pdf", BLANK_PDF, "PDF 中没有可提取的文字（可能是扫描件）"),
            ("报告.doc", b"\xd0\xcf\x11\xe0", "不支持文件“报告.doc”的类型；只接受 .docx、.pdf 文件。"),
            ("报告.txt", txt_bytes(report_lines("甲局", 2024)), "只接受 .docx、.pdf 文件"),
            ("通知.docx", docx_bytes(NOTICE.decode().splitlines()), "不像法治政府建设情况报告"),
            ("2023.docx", docx_bytes(report_lines("甲局", 2023)), "文件标题写的是2023年度"),
        ]
        for name, content, message in cases:
            with self.subTest(file=name):
                response = self.upload(name, content)
                self.assertRedirects(response, self.editor, fetch_redirect_response=False)
                flashed = [str(m) for m in response.wsgi_request._messages]
                self.assertTrue(any(message in m for m in flashed), flashed)
        self.assertEqual((Submission.objects.count(), ReportFile.objects.count()), (0, 0))
        self.assertEqual(self.pending(), kept_aside)
        self.assertEqual(self.report_of(self.unit_a).status, Report.Status.DRAFT)

    def test_a_pdf_exported_from_word_is_read(self):
        other = Participant.objects.get(campaign=self.campaign, unit=self.units["南开区政府办公室"])
        head = User.objects.create_user("zhuren", password="Pw-for-tests-1")
        Role.objects.create(user=head, kind=Role.Kind.HEAD, unit=other.unit)
        pdf = SimpleUploadedFile("报告.pdf", (SEEDS_DIR / "001_from_docx.pdf").read_bytes())
        checked = check_sent_file(other.report, pdf, name="报告.pdf")
        reasons = {finding_key(f): "如实报送" for f in checked.errors}
        submission = do_send_file(other.report, upload=pdf, acting_user=head, reasons=reasons)
        self.assertEqual(submission.document["title"], "南开区政府办公室2024年度法治政府建设情况报告")
        self.assertEqual(submission.errors, len(checked.errors))
        self.assertEqual(submission.report_file.original_name, "报告.pdf")


class RoutesMatrixTest(CampaignTestCase):
    """Every new route × the cast, written by hand."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.sent = do_send_file(
            Report.objects.get(unit=cls.units["南开区司法局"], year=2024, genre="law"),
            upload=SimpleUploadedFile("司法局.docx", docx_bytes(report_lines("南开区司法局", 2024))),
            acting_user=cls.appoint_head(cls.units["南开区司法局"]),
        )
        cls.batch = do_upload_batch(
            cls.campaign,
            files=[SimpleUploadedFile("x.txt", txt_bytes(report_lines("南开区档案馆", 2024)))],
            acting_user=cls.han,
        )
        cls.item = cls.batch.items.get()
        cls.item.status = S.WAITING  # as the job leaves a file naming no unit of the campaign
        cls.item.save()

    @classmethod
    def appoint_head(cls, unit):
        user = User.objects.create_user(f"head-{unit.pk}", password="Pw-for-tests-1")
        Role.objects.create(user=user, kind=Role.Kind.HEAD, unit=unit)
        return user

    def status(self, user, method: str, url: str, data=None) -> int:
        savepoint = transaction.savepoint()
        try:
            self.client.force_login(user)
            response = getattr(self.client, method)(url, data() if data else {})
            return response.status_code
        finally:
            transaction.savepoint_rollback(savepoint)

    def test_who_may_use_each_route(self):
        report = self.report_of(self.unit_a)
        li_file = {"file": SimpleUploadedFile("甲局.docx", docx_bytes(report_lines("甲局", 2024)))}
        self.client.force_login(self.li)
        check = self.client.post(reverse("campaigns:upload-report-file", args=[report.pk]), li_file)[
            "Location"
        ]
        token = check.split("?t=")[1]
        cast = {
            "li": self.li,
            "zhang": self.zhang,
            "wang": self.wang,
            "chen": self.chen,
            "han": self.han,
            "zhou": self.zhou,
            "hexi": self.hexi,
            "guanliyuan": self.admin,
            "nobody": self.nobody,
        }
        docx = docx_bytes(report_lines("甲局", 2024))
        routes = {
            # The head of 甲局 alone sends a file; readers of 甲局 who may not get 403, others 404.
            "upload-report-file": (
                "post",
                reverse("campaigns:upload-report-file", args=[report.pk]),
                lambda: {"file": SimpleUploadedFile("甲局.docx", docx)},
                {"li": 302, "zhang": 403, "han": 403, "zhou": 403, "guanliyuan": 403},
            ),
            "check-report-file": ("get", check, None, {"li": 200, "zhang": 403, "han": 403, "zhou": 403, "guanliyuan": 403}),
            "send-report-file": (
                "post",
                reverse("campaigns:send-report-file", args=[report.pk]),
                lambda: {"t": token},
                {"li": 302, "zhang": 403, "han": 403, "zhou": 403, "guanliyuan": 403},
            ),
            # The original file: whoever reads the unit.
            "download-file": (
                "get",
                reverse("campaigns:download-file", args=[self.sent.pk]),
                None,
                {"han": 200, "zhou": 200, "guanliyuan": 200},
            ),
            # The offices over 南开 upload, follow and assign; the admin reads the board but may not.
            "upload-batch": (
                "post",
                reverse("campaigns:upload-batch", args=[self.campaign.pk]),
                lambda: {"files": [SimpleUploadedFile("a.txt", txt_bytes(report_lines("甲局", 2024)))]},
                {"han": 302, "zhou": 302, "guanliyuan": 403},
            ),
            "show-uploads": (
                "get",
                reverse("campaigns:show-uploads", args=[self.campaign.pk]),
                None,
                {"han": 200, "zhou": 200, "guanliyuan": 403},
            ),
            "assign-upload-item": (
                "post",
                reverse("campaigns:assign-upload-item", args=[self.item.pk]),
                lambda: {"unit": self.unit_b.pk},
                {"han": 302, "zhou": 302, "guanliyuan": 403},
            ),
        }  # fmt: skip
        for route, (method, url, data, allowed) in routes.items():
            for username, user in cast.items():
                with self.subTest(route=route, user=username):
                    self.assertEqual(self.status(user, method, url, data), allowed.get(username, 404))

    def test_the_board_shows_the_upload_form_to_the_offices_only(self):
        for user, shown in ((self.han, True), (self.zhou, True), (self.admin, False)):
            self.client.force_login(user)
            page = self.client.get(self.board())
            self.assertEqual(page.status_code, 200)
            self.assertEqual('name="files" multiple' in page.content.decode(), shown, user.username)

    def test_only_the_head_sees_the_file_form_in_the_editor(self):
        editor = reverse("reports:edit-report", args=[self.report_of(self.unit_a).pk])
        for user, shown in ((self.li, True), (self.zhang, False), (self.han, False)):
            self.client.force_login(user)
            self.assertEqual('name="file"' in self.client.get(editor).content.decode(), shown, user.username)
