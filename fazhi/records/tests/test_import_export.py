"""Excel import: all rows or none, every bad cell and every repeated row named; export and
template round-trip."""

from __future__ import annotations

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.records.models import NormativeDocument, Proposal, StudySession
from fazhi.testing import BaseTestCase


def xlsx(rows: list[list]) -> SimpleUploadedFile:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("台账.xlsx", buffer.getvalue())


STUDY_HEADER = [
    "日期",
    "学习主题",
    "学习形式",
    "学习的法律法规",
    "主讲人",
    "参加人数",
    "主要负责人组织/主持",
    "备注",
]


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


class DuplicateImportTest(BaseTestCase):
    """A row that repeats a record of the unit, or another row, is refused: nothing is imported."""

    ROWS = [
        ["2024-03-12", "常务会议学习行政复议法", "政府常务会议集体学法", "", "", 24, "否", ""],
        ["2024-04-18", "法治专题讲座", "法治专题讲座", "", "区长", 86, "是", ""],
        ["2024-05-09", "中心组学习民法典", "党组理论学习中心组专题学法", "", "", 12, "否", ""],
    ]

    def setUp(self):
        self.client.force_login(self.zhang)
        self.url = reverse("records:import-records", args=[self.unit_a.pk, "study"])

    def test_importing_the_same_file_twice_imports_it_once_and_names_each_repeated_row(self):
        first = self.client.post(self.url, {"file": xlsx([STUDY_HEADER, *self.ROWS])})
        self.assertEqual(first.status_code, 302)
        self.assertEqual(StudySession.objects.filter(unit=self.unit_a).count(), 3)

        second = self.client.post(self.url, {"file": xlsx([STUDY_HEADER, *self.ROWS])})
        self.assertEqual(second.status_code, 200)
        self.assertEqual(StudySession.objects.filter(unit=self.unit_a).count(), 3)
        self.assertEqual(
            [str(e) for e in second.context["errors"]],
            [
                "第2行：与已有记录重复（日期、学习主题相同）",
                "第3行：与已有记录重复（日期、学习主题相同）",
                "第4行：与已有记录重复（日期、学习主题相同）",
            ],
        )
        self.assertContains(second, "与已有记录重复（日期、学习主题相同）")
        self.assertContains(second, "未导入任何数据")

    def test_one_repeated_row_stops_the_whole_file(self):
        self.make_study(self.unit_a, on=date(2024, 4, 18), title="法治专题讲座")
        new = ["2024-06-01", "新的一次学习", "法治专题讲座", "", "", 5, "否", ""]
        response = self.client.post(self.url, {"file": xlsx([STUDY_HEADER, *self.ROWS, new])})
        self.assertEqual(
            [str(e) for e in response.context["errors"]], ["第3行：与已有记录重复（日期、学习主题相同）"]
        )
        self.assertEqual(StudySession.objects.filter(unit=self.unit_a).count(), 1)

    def test_two_identical_rows_in_one_file_are_refused(self):
        row = ["2024-03-12", "常务会议学习行政复议法", "政府常务会议集体学法", "", "", 24, "否", ""]
        other = ["2024-03-13", "常务会议学习行政复议法", "政府常务会议集体学法", "", "", 24, "否", ""]
        response = self.client.post(self.url, {"file": xlsx([STUDY_HEADER, row, other, [], row])})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [str(e) for e in response.context["errors"]], ["第5行：与第2行重复（日期、学习主题相同）"]
        )
        self.assertFalse(StudySession.objects.exists())

    def test_the_same_entry_in_another_unit_is_no_duplicate(self):
        self.make_study(self.unit_b, on=date(2024, 3, 12), title="常务会议学习行政复议法")
        response = self.client.post(self.url, {"file": xlsx([STUDY_HEADER, *self.ROWS])})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(StudySession.objects.filter(unit=self.unit_a).count(), 3)

    def test_a_normative_document_is_known_by_its_number_and_one_without_a_number_is_never_repeated(self):
        url = reverse("records:import-records", args=[self.unit_a.pk, "normdoc"])
        header = ["发布日期", "文件名称", "文号", "类型", "备注"]
        rows = [
            ["2024-02-01", "关于规范行政执法的若干规定", "南政规〔2024〕1号", "发布", ""],
            ["2024-02-20", "关于规范行政执法的若干规定", "南政规〔2024〕1号", "备案", ""],
            ["2024-03-01", "无文号的文件", "", "发布", ""],
        ]
        self.assertEqual(self.client.post(url, {"file": xlsx([header, *rows])}).status_code, 302)
        again = [
            ["2024-02-02", "关于规范行政执法的若干规定（发布稿）", "南政规〔2024〕1号", "发布", ""],
            ["2024-03-01", "无文号的文件", "", "发布", ""],
        ]
        response = self.client.post(url, {"file": xlsx([header, *again])})
        self.assertEqual(
            [str(e) for e in response.context["errors"]], ["第2行：与已有记录重复（文号、类型相同）"]
        )
        self.assertEqual(NormativeDocument.objects.filter(unit=self.unit_a).count(), 3)


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
