"""建议提案 (交办 → 面商 → 答复 → 反馈 → 重新办理) and 复议诉讼 events, with their due dates."""

from __future__ import annotations

from fazhi.lib.errors import FazhiError

from .helpers import D, DeadlinesTestCase


class ProposalWorkflowTest(DeadlinesTestCase):
    def setUp(self):
        self.proposal = self.make(
            "proposal",
            self.unit_a,
            D(2025, 2, 20),
            "关于优化营商环境的建议",
            proposal_type="npc",
            level="district",
        )

    def test_the_reply_is_due_three_months_after_assignment_or_six_for_a_complex_one(self):
        self.assertEqual(self.due(self.proposal), D(2025, 5, 20))
        self.step(self.proposal, "assign", D(2025, 2, 20), note="区人大常委会选工委")
        self.step(self.proposal, "extension", D(2025, 4, 1), note="涉及多部门，经交办机关同意")
        self.assertEqual(self.due(self.proposal), D(2025, 8, 20))

    def test_a_dissatisfied_response_opens_a_re_reply_due_in_a_month(self):
        self.step(self.proposal, "assign", D(2025, 2, 20))
        self.step(self.proposal, "meet", D(2025, 3, 15), note="与代表当面沟通")
        self.step(self.proposal, "reply", D(2025, 5, 10), result="B", note="列入年度计划")
        with self.assertRaisesMessage(FazhiError, "须先记录“代表/委员反馈”，才能记录“重新办理答复”"):
            self.step(self.proposal, "rereply", D(2025, 5, 12), result="A")
        self.step(self.proposal, "feedback", D(2025, 5, 20), result="dissatisfied", note="希望加快进度")
        feedback = self.proposal_steps()[-1]
        self.assertEqual(self.due(self.proposal, f"rereply:{feedback.pk}"), D(2025, 6, 20))
        self.proposal.refresh_from_db()
        self.assertEqual(
            (
                self.proposal.face_to_face,
                self.proposal.replied_on,
                self.proposal.satisfaction,
                self.proposal.replied_on_time,
            ),
            (True, D(2025, 5, 10), "dissatisfied", True),
        )
        self.step(self.proposal, "rereply", D(2025, 6, 10), result="A", note="已完成")
        self.assertEqual(self.item(self.proposal, f"rereply:{feedback.pk}").status, "done")
        self.proposal.refresh_from_db()
        self.assertEqual((self.proposal.result_code, self.proposal.satisfaction), ("A", "pending"))
        self.step(self.proposal, "feedback", D(2025, 6, 15), result="satisfied")
        self.proposal.refresh_from_db()
        self.assertEqual(self.proposal.satisfaction, "satisfied")
        with self.assertRaisesMessage(FazhiError, "本次答复已有反馈"):
            self.step(self.proposal, "feedback", D(2025, 6, 16), result="satisfied")
        with self.assertRaisesMessage(FazhiError, "只有代表/委员反馈不满意的，才需要重新办理"):
            self.step(self.proposal, "rereply", D(2025, 6, 17), result="A")

    def proposal_steps(self):
        from fazhi.deadlines.queries import steps_in_recorded_order

        return steps_in_recorded_order(self.proposal)


class CaseWorkflowTest(DeadlinesTestCase):
    def test_a_lawsuit_has_its_defence_due_the_heads_appearance_per_instance_and_its_outcome(self):
        case = self.make(
            "case", self.unit_a, D(2025, 4, 1), "某公司诉区政府信息公开案", case_type="litigation"
        )
        self.step(case, "served", D(2025, 4, 1))
        self.assertEqual(self.due(case, "defence"), D(2025, 4, 16))  # 15 days (行政诉讼法第六十七条)
        self.step(case, "defence", D(2025, 4, 14))
        self.assertEqual(self.item(case, "defence").status, "done")
        self.step(case, "hearing", D(2025, 5, 20), court_level="first", head_appeared=True, note="区长出庭")
        with self.assertRaisesMessage(FazhiError, "请填写“审级”"):
            self.step(case, "hearing", D(2025, 5, 21), head_appeared=False)
        self.step(case, "judgment", D(2025, 6, 10), court_level="first", result="upheld")
        appeal = self.item(case, f"appeal:{self.last_step(case).pk}")
        self.assertEqual((appeal.due_on, appeal.bound, appeal.status), (D(2025, 6, 25), "window", "done"))
        case.refresh_from_db()
        self.assertEqual((case.head_appeared, case.outcome), (True, "upheld"))

    def test_the_appeal_period_is_open_until_it_runs_out(self):
        case = self.make("case", self.unit_a, D(2025, 4, 1), "某公民诉区政府案", case_type="litigation")
        self.step(case, "served", D(2025, 4, 1))
        self.step(case, "ruling", D(2025, 6, 10), court_level="first", result="other", today=D(2025, 6, 12))
        window = self.item(case, f"appeal:{self.last_step(case).pk}")
        self.assertEqual((window.due_on, window.status), (D(2025, 6, 20), "open"))  # 10 days for a ruling

    def test_a_reconsideration_has_ten_working_days_for_the_written_answer(self):
        case = self.make(
            "case", self.unit_a, D(2025, 4, 1), "申请人不服答复复议案", case_type="reconsideration"
        )
        with self.assertRaisesMessage(FazhiError, "不适用于本类案件"):
            self.step(case, "served", D(2025, 4, 1))
        self.step(case, "served_reconsideration", D(2025, 4, 1))
        # 04-02..03 (2), 04-04 清明 off, 04-07..11 (7), 04-14..16 (10) (行政复议法第四十八条、第八十八条).
        self.assertEqual(self.due(case, "defence"), D(2025, 4, 16))
        self.step(case, "decision", D(2025, 5, 30), result="corrected")
        case.refresh_from_db()
        self.assertEqual(case.outcome, "corrected")

    def last_step(self, record):
        from fazhi.deadlines.queries import steps_in_recorded_order

        return steps_in_recorded_order(record)[-1]
