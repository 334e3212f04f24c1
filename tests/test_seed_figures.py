"""The demo's records reproduce every figure of the two real 2024 seed reports.

Each expected figure stands beside the exact sentence of the seed that states it;
the test checks both that the sentence is in the seed and that the ledger gives
the value.
"""

from __future__ import annotations

from datetime import date

from django.test import TestCase

from fazhi.demo.load import GOV_OFFICE, INVESTMENT, load_demo
from fazhi.orgs.models import Unit
from fazhi.records.figures import figures_by_code
from fazhi.testing import GOV_OFFICE_SEED, INVESTMENT_SEED

GOV_OFFICE_FIGURES = [
    ("study.lecture", 2, "区领导开展法治专题讲座2次"),
    ("study.executive_meeting", 3, "共开展政府常务会议集体学法3次"),
    ("study.center_group", 11, "区政府党组理论学习中心组专题法治学习11次"),
    ("study.organ_center_group", 10, "区政府机关党组理论学习中心组专题学法10次"),
    ("training.enrolled", 42, "学法用法共42人参训并顺利结业"),
    ("training.completed", 42, "学法用法共42人参训并顺利结业"),
    ("exam.xi_participation_rate", 100, "习近平法治思想专题考试参考率为100%"),
    ("meeting.executive_rule_of_law", 10, "区政府召开10次政府常务会议，研究法治政府建设工作"),
    ("case.head_appeared", 1, "区政府办主要负责人作为行政机关负责人进行出庭应诉1次"),
    ("proposal.city", 47, "承办市级建议提案47件"),
    ("proposal.district", 237, "区级建议提案237件"),
    ("proposal.face_to_face_rate", 100, "建议提案面商率、答复率、满意率均达到100%"),
    ("proposal.reply_rate", 100, "建议提案面商率、答复率、满意率均达到100%"),
    ("proposal.satisfaction_rate", 100, "建议提案面商率、答复率、满意率均达到100%"),
    ("decision.count", 4, "等4个项目为区政府年度重大决策事项"),
    ("normdoc.published", 106, "指导全区各单位规范发布文件106条"),
    ("request.count", 58, "参与处理信息公开申请58件"),
    ("case.reconsideration", 4, "行政复议4件"),
    ("case.litigation", 4, "行政诉讼4件"),
    ("study.led_by_head", 10, "2024年组织专题学法10次"),
    ("meeting.party_group_chaired", 30, "主持召开机关党组会30次"),
    ("meeting.sanzhong_topics", 100, "研究“三重一大”事项议题100个"),
    ("case.head_appeared", 1, "积极履行出庭应诉职责1次"),
]

INVESTMENT_FIGURES = [
    (
        "exam.xi_average_score",
        96.28,
        "组织处级干部、机关干部积极参加习近平法治思想专题考试，平均成绩达到96.28分",
    ),
]


class SeedFiguresTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(today=date(2026, 11, 24))

    def assert_reproduces(self, unit_name: str, seed_path, expected) -> None:
        text = seed_path.read_text(encoding="utf-8")
        figures = figures_by_code(Unit.objects.get(name=unit_name).pk, 2024)
        for code, value, sentence in expected:
            with self.subTest(code=code):
                self.assertIn(sentence, text, "the sentence must be quoted from the seed")
                self.assertIn(str(value), sentence)
                self.assertEqual(figures[code], value)

    def test_it_reproduces_the_government_offices_2024_figures(self):
        self.assert_reproduces(GOV_OFFICE, GOV_OFFICE_SEED, GOV_OFFICE_FIGURES)

    def test_it_reproduces_the_investment_bureaus_2024_figures(self):
        self.assert_reproduces(INVESTMENT, INVESTMENT_SEED, INVESTMENT_FIGURES)

    def test_it_keeps_the_seed_units_records_in_their_own_unit(self):
        office = Unit.objects.get(name=GOV_OFFICE)
        bureau = Unit.objects.get(name=INVESTMENT)
        self.assertEqual(figures_by_code(bureau.pk, 2024)["proposal.city"], 0)
        self.assertEqual(figures_by_code(office.pk, 2024)["proposal.total"], 284)
