"""重大行政决策: the steps in the regulation's order, and no decision without a legality review."""

from __future__ import annotations

from django.urls import reverse

from fazhi.deadlines.models import WorkflowStep
from fazhi.lib.errors import FazhiError

from .helpers import D, DeadlinesTestCase

LEGAL = {"result": "lawful", "reviewer": "public_lawyer", "note": "决策权限、程序、内容合法"}


class DecisionStepsTest(DeadlinesTestCase):
    def setUp(self):
        self.decision = self.make("decision", self.unit_a, D(2025, 1, 10), "老旧小区改造三年行动方案")

    def up_to_risk(self):
        self.step(self.decision, "participation", D(2025, 2, 1), result="done", note="网上公开征求意见")
        self.step(self.decision, "expert", D(2025, 3, 5), result="done", note="三名专家书面论证")
        self.step(self.decision, "risk", D(2025, 3, 6), result="not_applicable", note="不涉及社会稳定风险")

    def test_it_refuses_a_step_before_the_steps_the_regulation_puts_first(self):
        with self.assertRaisesMessage(FazhiError, "须先记录“公众参与”，才能记录“专家论证”"):
            self.step(self.decision, "expert", D(2025, 2, 1), result="done")
        self.step(self.decision, "participation", D(2025, 2, 1), result="done")
        with self.assertRaisesMessage(FazhiError, "须先记录“风险评估”，才能记录“合法性审查”"):
            self.step(self.decision, "legality", D(2025, 3, 1), **LEGAL)
        with self.assertRaisesMessage(FazhiError, "“专家论证”的日期不能早于“公众参与”（2025-02-01）"):
            self.step(self.decision, "expert", D(2025, 1, 20), result="done")
        self.assertEqual(WorkflowStep.objects.count(), 1)

    def test_it_cannot_be_decided_without_a_legality_review(self):
        self.up_to_risk()
        with self.assertRaisesMessage(FazhiError, "须先记录“合法性审查”，才能记录“集体讨论决定”"):
            self.step(self.decision, "collective", D(2025, 3, 20), note="区政府第12次常务会议")
        self.decision.refresh_from_db()
        self.assertFalse(self.decision.collective_decision)

    def test_a_review_finding_it_unlawful_blocks_the_decision(self):
        self.up_to_risk()
        self.step(
            self.decision, "legality", D(2025, 3, 10), result="unlawful", reviewer="counsel", note="超越权限"
        )
        with self.assertRaisesMessage(FazhiError, "经合法性审查不合法的，不得提交集体讨论"):
            self.step(self.decision, "collective", D(2025, 3, 20), note="区政府常务会议")
        self.step(self.decision, "legality", D(2025, 3, 18), **LEGAL)
        self.step(
            self.decision,
            "collective",
            D(2025, 3, 20),
            note="区政府第12次常务会议",
            dissent="某委员建议分期实施",
        )
        self.decision.refresh_from_db()
        self.assertTrue(self.decision.legality_review and self.decision.collective_decision)

    def test_the_legality_review_needs_a_counsel_or_public_lawyer_and_an_opinion(self):
        self.up_to_risk()
        with self.assertRaisesMessage(FazhiError, "请填写“审查人员”"):
            self.step(self.decision, "legality", D(2025, 3, 10), result="lawful", note="合法")
        with self.assertRaisesMessage(FazhiError, "请填写“审查意见”"):
            self.step(self.decision, "legality", D(2025, 3, 10), result="lawful", reviewer="counsel")

    def test_the_whole_procedure_fills_the_ledger_fields_the_figures_read(self):
        self.up_to_risk()
        self.step(self.decision, "legality", D(2025, 3, 10), **LEGAL)
        self.step(self.decision, "collective", D(2025, 3, 20), note="区政府第12次常务会议", dissent="无")
        self.step(self.decision, "publish", D(2025, 3, 25), note="区政府网站")
        self.step(self.decision, "archive", D(2025, 3, 30))
        self.decision.refresh_from_db()
        fields = (
            "public_participation",
            "expert_review",
            "risk_assessment",
            "legality_review",
            "collective_decision",
            "published",
        )
        self.assertEqual([getattr(self.decision, f) for f in fields], [True, True, False, True, True, True])
        self.assertEqual(self.decision.history.first().history_user, self.zhang)

    def test_the_comment_period_runs_thirty_days_unless_a_reason_is_recorded(self):
        # Published 1 March 2025: 30 days end on 31 March (a Monday).
        self.step(self.decision, "participation", D(2025, 3, 1), result="done", note="网上征求意见")
        window = self.item(self.decision, "comment")
        self.assertEqual((window.due_on, window.bound), (D(2025, 3, 31), "window"))
        self.step(self.decision, "expert", D(2025, 3, 5), result="done")
        self.step(self.decision, "risk", D(2025, 3, 6), result="done")
        self.step(self.decision, "legality", D(2025, 3, 18), **LEGAL)
        with self.assertRaisesMessage(FazhiError, "公开征求意见期至2025-03-31届满，届满前不能集体讨论决定"):
            self.step(self.decision, "collective", D(2025, 3, 20), note="常务会议")
        other = self.make("decision", self.unit_a, D(2025, 1, 10), "应急物资储备调整")
        with self.assertRaisesMessage(FazhiError, "公开征求意见期少于30日的，应当说明理由"):
            self.step(other, "participation", D(2025, 2, 1), result="done", days=15)


class DecisionPermissionsTest(DeadlinesTestCase):
    def test_only_the_units_clerk_and_head_may_record_steps(self):
        decision = self.make("decision", self.unit_a, D(2025, 1, 10), "重大决策")
        url = reverse("deadlines:record-step", args=[self.unit_a.pk, "decision", decision.pk])
        data = {"code": "participation", "date": "2025-02-01", "result": "done", "note": "座谈会"}
        expected = {self.wang: 404, self.chen: 404, self.nobody: 404, self.han: 403, self.admin: 403}
        for user, status in expected.items():
            self.client.force_login(user)
            self.assertEqual(self.client.post(url, data).status_code, status, user.username)
        self.assertFalse(WorkflowStep.objects.exists())
        self.client.force_login(self.li)
        response = self.client.post(url, data)
        self.assertRedirects(
            response,
            reverse("records:show-record", args=[self.unit_a.pk, "decision", decision.pk]) + "#workflow",
            fetch_redirect_response=False,
        )
        step = WorkflowStep.objects.get()
        self.assertEqual((step.code, step.recorded_by, step.unit), ("participation", self.li, self.unit_a))

    def test_wang_cannot_record_a_step_on_zhangs_record_by_naming_his_own_unit(self):
        decision = self.make("decision", self.unit_a, D(2025, 1, 10), "重大决策")
        url = reverse("deadlines:record-step", args=[self.unit_b.pk, "decision", decision.pk])
        self.client.force_login(self.wang)
        response = self.client.post(url, {"code": "participation", "date": "2025-02-01", "result": "done"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(WorkflowStep.objects.exists())

    def test_a_refused_step_comes_back_as_a_message(self):
        decision = self.make("decision", self.unit_a, D(2025, 1, 10), "重大决策")
        self.client.force_login(self.zhang)
        url = reverse("deadlines:record-step", args=[self.unit_a.pk, "decision", decision.pk])
        response = self.client.post(
            url, {"code": "collective", "date": "2025-02-01", "note": "常务会议"}, follow=True
        )
        self.assertContains(response, "须先记录“合法性审查”，才能记录“集体讨论决定”")
        self.assertFalse(WorkflowStep.objects.exists())
