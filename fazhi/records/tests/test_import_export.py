"""Excel import: all rows or none, every bad cell named; a row of an existing record updates it or
leaves it alone, two rows with one key are refused; export and template round-trip."""

from __future__ import annotations

import io
from datetime import date
from unittest import mock

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.deadlines.models import DueItem
from fazhi.records import hooks
from fazhi.records.figures import figures_by_code
from fazhi.records.models import DisclosureRequest, MajorDecision, NormativeDocument, Proposal, StudySession
from fazhi.testing import STUDY_HEADER, BaseTestCase, xlsx_bytes


def xlsx(rows: list[list]) -> SimpleUploadedFile:
    return SimpleUploadedFile("台账.xlsx", xlsx_bytes(rows))


class ImportTest(BaseTestCase):
    def setUp(self):
        self.client.force_login(self.zhang)
        self.url = reverse("records:import-records", args=[self.unit_a.pk, "study"])

    def test_it_imports_every_row_of_a_good_file(self):
        upload = xlsx(
            [
                STUDY_HEADER,
                [
                    "2024-03-12",
                    "常务会议学习行政复议法",
                    "政府常务会议集体学法",
                    "行政复议法",
                    "",
                    24,
                    "否",
                    "",
                ],
                ["2024/04/18", "法治专题讲座", "法治专题讲座", "", "区长", "86", "是", "在区政府礼堂"],
                [
                    "2024年5月9日",
                    "中心组学习民法典",
                    "党组理论学习中心组专题学法",
                    "民法典",
                    "",
                    None,
                    "",
                    "",
                ],
            ]
        )
        response = self.client.post(self.url, {"file": upload})
        self.assertEqual(response.status_code, 302)
        rows = StudySession.objects.filter(unit=self.unit_a).order_by("date")
        self.assertEqual(
            [r.title for r in rows], ["常务会议学习行政复议法", "法治专题讲座", "中心组学习民法典"]
        )
        self.assertEqual([r.form for r in rows], ["executive_meeting", "lecture", "center_group"])
        self.assertEqual(rows[1].attendees, 86)
        self.assertTrue(rows[1].led_by_head)
        self.assertEqual(rows[2].attendees, 0)
        self.assertEqual(rows[0].history.first().history_user, self.zhang)

    def test_it_imports_nothing_when_one_row_is_bad_and_names_the_row(self):
        upload = xlsx(
            [
                STUDY_HEADER,
                ["2024-03-12", "第一行正确", "法治专题讲座", "", "", 5, "否", ""],
                ["2024-13-45", "日期错误", "法治专题讲座", "", "", 5, "否", ""],
                ["2024-03-14", "第三行正确", "法治专题讲座", "", "", 5, "否", ""],
            ]
        )
        response = self.client.post(self.url, {"file": upload})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(StudySession.objects.exists())
        page = response.content.decode()
        self.assertIn("第3行", page)
        self.assertIn("“2024-13-45”不是有效日期", page)
        self.assertIn("未导入任何数据", page)

    def test_it_reports_every_bad_cell_with_its_column(self):
        upload = xlsx(
            [
                STUDY_HEADER,
                ["", "缺日期", "法治专题讲座", "", "", 5, "否", ""],
                ["2024-03-12", "形式不对", "喝茶", "", "", "五", "也许", ""],
            ]
        )
        response = self.client.post(self.url, {"file": upload})
        errors = {(e.row, e.column) for e in response.context["errors"]}
        self.assertEqual(errors, {(2, "日期"), (3, "学习形式"), (3, "参加人数"), (3, "主要负责人组织/主持")})
        self.assertFalse(StudySession.objects.exists())

    def test_it_rejects_a_file_that_is_not_excel(self):
        response = self.client.post(self.url, {"file": SimpleUploadedFile("a.xlsx", b"not a zip at all")})
        self.assertContains(response, "不是有效的Excel 表格")
        response = self.client.post(self.url, {"file": SimpleUploadedFile("a.csv", b"a,b")})
        self.assertContains(response, "只接受 .xlsx 文件")
        self.assertFalse(StudySession.objects.exists())

    def test_it_rejects_a_file_without_the_required_columns(self):
        response = self.client.post(self.url, {"file": xlsx([["名称"], ["x"]])})
        self.assertContains(response, "表头缺少必填列：日期、学习主题、学习形式")

    def test_it_round_trips_the_downloadable_template(self):
        template = self.client.get(reverse("records:download-template", args=["proposal"]))
        self.assertEqual(template.status_code, 200)
        wb = load_workbook(io.BytesIO(template.content))
        header = [c.value for c in wb.worksheets[0][1]]
        self.assertEqual(header[:3], ["交办日期", "建议提案标题", "编号"])
        self.assertIn("填写说明", wb.sheetnames)
        values = {
            "交办日期": "2024-02-05",
            "建议提案标题": "关于增设便民菜市场的建议",
            "类别": "人大代表建议",
            "级别": "区级",
            "已面商": "是",
            "答复日期": "2024-04-20",
            "办理结果": "A 已解决或基本解决",
            "反馈意见": "满意",
        }
        wb.worksheets[0].append([values.get(h, "") for h in header])
        buffer = io.BytesIO()
        wb.save(buffer)
        url = reverse("records:import-records", args=[self.unit_a.pk, "proposal"])
        response = self.client.post(url, {"file": SimpleUploadedFile("p.xlsx", buffer.getvalue())})
        self.assertEqual(response.status_code, 302)
        proposal = Proposal.objects.get()
        self.assertEqual(
            (proposal.level, proposal.proposal_type, proposal.result_code, proposal.satisfaction),
            ("district", "npc", "A", "satisfied"),
        )


class ImportAgainTest(BaseTestCase):
    """A row with the natural key of a record of the unit updates that record (in its history, attributed)
    or leaves it alone; two rows with one key, or any bad row, import nothing."""

    ROWS = [
        ["2024-03-12", "常务会议学习行政复议法", "政府常务会议集体学法", "", "", 24, "否", ""],
        ["2024-04-18", "法治专题讲座", "法治专题讲座", "", "区长", 86, "是", ""],
        ["2024-05-09", "中心组学习民法典", "党组理论学习中心组专题学法", "", "", 12, "否", ""],
    ]

    def setUp(self):
        self.client.force_login(self.zhang)
        self.url = reverse("records:import-records", args=[self.unit_a.pk, "study"])

    def post(self, rows, url=None, header=STUDY_HEADER):
        return self.client.post(url or self.url, {"file": xlsx([header, *rows])}, follow=True)

    def flash(self, response) -> list[str]:
        return [str(m) for m in response.context["messages"]]

    def studies(self):
        return StudySession.objects.filter(unit=self.unit_a).order_by("date")

    def history_rows(self) -> int:
        return StudySession.history.filter(unit=self.unit_a).count()

    def test_importing_the_same_file_twice_adds_nothing_the_second_time(self):
        first = self.post(self.ROWS)
        self.assertEqual(self.flash(first), ["学法活动导入完成：新增 3 条，更新 0 条，未变 0 条。"])
        figures, history = figures_by_code(self.unit_a.pk, 2024), self.history_rows()
        self.assertEqual(figures["study.lecture"], 1)
        self.assertEqual(history, 3)

        second = self.post(self.ROWS)
        self.assertRedirects(second, reverse("records:list-records", args=[self.unit_a.pk, "study"]))
        self.assertEqual(self.flash(second), ["学法活动导入完成：新增 0 条，更新 0 条，未变 3 条。"])
        self.assertEqual(self.studies().count(), 3)
        self.assertEqual(figures_by_code(self.unit_a.pk, 2024), figures)
        self.assertEqual(self.history_rows(), history)  # no empty edits in the history

    def test_the_exported_ledger_imports_back_unchanged(self):
        self.post(self.ROWS)
        export = self.client.get(reverse("records:export-records", args=[self.unit_a.pk, "study"]))
        response = self.client.post(
            self.url, {"file": SimpleUploadedFile("导出.xlsx", export.content)}, follow=True
        )
        self.assertEqual(self.flash(response), ["学法活动导入完成：新增 0 条，更新 0 条，未变 3 条。"])

    def test_a_changed_row_updates_its_record_in_the_history_of_the_importing_user(self):
        self.post(self.ROWS)
        lecture = self.studies().get(title="法治专题讲座")
        self.assertEqual(lecture.history.count(), 1)
        self.client.force_login(self.li)  # another writer of the unit imports the corrected file
        changed = [list(row) for row in self.ROWS]
        changed[1][5] = 90  # 参加人数 86 → 90
        new = ["2024-06-01", "新的一次学习", "法治专题讲座", "", "", 5, "否", ""]
        response = self.post([*changed, new])
        self.assertEqual(self.flash(response), ["学法活动导入完成：新增 1 条，更新 1 条，未变 2 条。"])
        self.assertEqual(self.studies().count(), 4)
        lecture.refresh_from_db()
        self.assertEqual((lecture.attendees, lecture.speaker), (90, "区长"))
        latest = lecture.history.first()
        self.assertEqual(lecture.history.count(), 2)
        self.assertEqual((latest.history_type, latest.history_user, latest.attendees), ("~", self.li, 90))
        self.assertEqual(lecture.history.last().history_user, self.zhang)
        self.assertEqual(lecture.created_by, self.zhang)  # who entered it first stays

    def test_one_bad_row_imports_nothing_not_even_the_updates(self):
        self.post(self.ROWS)
        history = self.history_rows()
        changed = [list(row) for row in self.ROWS]
        changed[0][5] = 30
        bad = ["2024-13-45", "日期错误", "法治专题讲座", "", "", 5, "否", ""]
        new = ["2024-06-01", "新的一次学习", "法治专题讲座", "", "", 5, "否", ""]
        response = self.post([*changed, bad, new])
        self.assertEqual(response.status_code, 200)
        self.assertEqual([str(e) for e in response.context["errors"]][0][:9], "第5行“日期”列：")
        self.assertContains(response, "未导入任何数据")
        self.assertEqual(self.studies().count(), 3)
        self.assertEqual(self.studies().get(title="常务会议学习行政复议法").attendees, 24)
        self.assertEqual(self.history_rows(), history)

    def test_an_update_the_record_refuses_rolls_back_the_whole_file(self):
        decision = MajorDecision.objects.create(
            unit=self.unit_a,
            date=date(2024, 5, 6),
            title="老旧小区改造方案",
            legality_review=True,
            collective_decision=True,
        )
        url = reverse("records:import-records", args=[self.unit_a.pk, "decision"])
        header = ["列入目录日期", "决策事项", "合法性审查", "备注"]
        rows = [
            ["2024-05-07", "新的决策", "是", ""],
            # A good row alone; with the record's 集体讨论决定 it is not: the record refuses it.
            ["2024-05-06", "老旧小区改造方案", "否", ""],
        ]
        response = self.post(rows, url, header)
        self.assertEqual(response.status_code, 200)
        self.assertEqual([(e.row, e.column) for e in response.context["errors"]], [(3, "集体讨论决定")])
        self.assertContains(response, "未经合法性审查的重大行政决策不得提交集体讨论决定")
        self.assertEqual(list(MajorDecision.objects.filter(unit=self.unit_a)), [decision])
        decision.refresh_from_db()
        self.assertTrue(decision.legality_review)

    def test_two_rows_with_one_key_are_refused_naming_both(self):
        row = ["2024-03-12", "常务会议学习行政复议法", "政府常务会议集体学法", "", "", 24, "否", ""]
        other = ["2024-03-13", "常务会议学习行政复议法", "政府常务会议集体学法", "", "", 24, "否", ""]
        changed = ["2024-03-12", "常务会议学习行政复议法", "政府常务会议集体学法", "", "", 30, "否", ""]
        response = self.post([row, other, [], changed])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [str(e) for e in response.context["errors"]], ["第5行：与第2行重复（日期、学习主题相同）"]
        )
        self.assertFalse(StudySession.objects.exists())

    def test_a_row_matching_two_records_of_the_unit_is_refused(self):
        self.make_study(self.unit_a, on=date(2024, 4, 18), title="法治专题讲座")
        self.make_study(self.unit_a, on=date(2024, 4, 18), title="法治专题讲座")
        response = self.post(self.ROWS)
        self.assertEqual(
            [str(e) for e in response.context["errors"]],
            [
                "第3行：本单位已有2条记录与此行相同（日期、学习主题相同），无法确定更新哪一条，请先删除多余的记录"
            ],
        )
        self.assertEqual(self.studies().count(), 2)

    def test_the_same_entry_in_another_unit_is_another_record(self):
        theirs = self.make_study(self.unit_b, on=date(2024, 3, 12), title="常务会议学习行政复议法")
        response = self.post(self.ROWS)
        self.assertEqual(self.flash(response), ["学法活动导入完成：新增 3 条，更新 0 条，未变 0 条。"])
        self.assertEqual(self.studies().count(), 3)
        self.assertEqual(StudySession.objects.get(pk=theirs.pk).attendees, theirs.attendees)

    def test_a_normative_document_is_known_by_its_number_and_one_without_a_number_is_always_new(self):
        url = reverse("records:import-records", args=[self.unit_a.pk, "normdoc"])
        header = ["发布日期", "文件名称", "文号", "类型", "备注"]
        rows = [
            ["2024-02-01", "关于规范行政执法的若干规定", "南政规〔2024〕1号", "发布", ""],
            ["2024-02-20", "关于规范行政执法的若干规定", "南政规〔2024〕1号", "备案", ""],
            ["2024-03-01", "无文号的文件", "", "发布", ""],
        ]
        self.assertEqual(self.post(rows, url, header).status_code, 200)
        again = [
            ["2024-02-02", "关于规范行政执法的若干规定（发布稿）", "南政规〔2024〕1号", "发布", ""],
            ["2024-03-01", "无文号的文件", "", "发布", ""],
        ]
        response = self.post(again, url, header)
        self.assertEqual(self.flash(response), ["规范性文件导入完成：新增 1 条，更新 1 条，未变 0 条。"])
        self.assertEqual(NormativeDocument.objects.filter(unit=self.unit_a).count(), 4)
        published = NormativeDocument.objects.get(
            unit=self.unit_a, doc_number="南政规〔2024〕1号", action="published"
        )
        self.assertEqual(
            (published.date, published.title), (date(2024, 2, 2), "关于规范行政执法的若干规定（发布稿）")
        )


class ImportUpdateWorkflowTest(BaseTestCase):
    """An import updates a record as the edit form does: the deadlines follow, the steps' fields stay."""

    HEADER = ["收到申请日期", "申请内容", "申请人类型", "答复类型", "答复日期", "备注"]

    def setUp(self):
        self.client.force_login(self.zhang)
        self.url = reverse("records:import-records", args=[self.unit_a.pk, "request"])

    def post(self, *rows):
        return self.client.post(self.url, {"file": xlsx([self.HEADER, *rows])}, follow=True)

    def reply_due(self, record) -> DueItem:
        ct = ContentType.objects.get_for_model(record)
        return DueItem.objects.get(content_type=ct, object_id=record.pk, slot="reply")

    def test_an_updated_reply_closes_the_reply_due_date(self):
        self.post(["2025-03-03", "申请公开某项目环评报告", "自然人", "", "", ""])
        request = DisclosureRequest.objects.get(unit=self.unit_a)
        self.assertEqual(self.reply_due(request).status, DueItem.Status.OPEN)
        response = self.post(["2025-03-03", "申请公开某项目环评报告", "自然人", "予以公开", "2025-03-20", ""])
        self.assertContains(response, "新增 0 条，更新 1 条，未变 0 条")
        due = self.reply_due(request)
        self.assertEqual((due.status, due.done_on), (DueItem.Status.DONE, date(2025, 3, 20)))

    def test_fields_set_by_workflow_steps_are_not_overwritten(self):
        request = DisclosureRequest.objects.create(
            unit=self.unit_a,
            date=date(2025, 3, 3),
            title="申请公开某项目环评报告",
            applicant_type="person",
            reply_type="public",
            replied_on=date(2025, 3, 20),
        )
        owned = frozenset({"reply_type", "replied_on"})
        with mock.patch.object(hooks, "_owned_fields", [lambda record: owned]):
            same = self.post(["2025-03-03", "申请公开某项目环评报告", "自然人", "部分公开", "2025-04-30", ""])
            self.assertContains(same, "新增 0 条，更新 0 条，未变 1 条")
            noted = self.post(
                ["2025-03-03", "申请公开某项目环评报告", "自然人", "部分公开", "2025-04-30", "补正"]
            )
            self.assertContains(noted, "新增 0 条，更新 1 条，未变 0 条")
        request.refresh_from_db()
        self.assertEqual(
            (request.reply_type, request.replied_on, request.notes), ("public", date(2025, 3, 20), "补正")
        )
        self.assertFalse(request.history.filter(reply_type="partial").exists())


class ExportTest(BaseTestCase):
    def test_it_exports_the_units_records_of_the_year_only(self):
        self.make_study(self.unit_a, title="二〇二四年的学习")
        self.make_study(self.unit_a, title="往年的学习", on=date(2023, 6, 1))
        self.make_study(self.unit_b, title="别的单位的学习")
        self.client.force_login(self.zhang)
        response = self.client.get(
            reverse("records:export-records", args=[self.unit_a.pk, "study"]) + "?year=2024"
        )
        self.assertEqual(response.status_code, 200)
        ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
        titles = [row[1] for row in ws.iter_rows(min_row=2, values_only=True)]
        self.assertEqual(titles, ["二〇二四年的学习"])
        self.assertEqual(ws.cell(row=2, column=3).value, "党组理论学习中心组专题学法")
