"""依申请公开: the reply due date follows every step (政府信息公开条例第三十条、第三十二条、第三十三条).

2025 schedule: 清明 04-04..06 off; 劳动节 05-01..05 off with Sunday 04-27 worked.
"(n)" below is the n-th working day after the start day.
"""

from __future__ import annotations

from fazhi.deadlines.models import DueItem
from fazhi.lib.errors import FazhiError

from .helpers import D, DeadlinesTestCase


class DisclosureDueDatesTest(DeadlinesTestCase):
    def setUp(self):
        # Received Monday 3 March 2025: 03-04..07 (4), 10-14 (9), 17-21 (14), 24-28 (19), 31 (20).
        self.record = self.request(self.unit_a, D(2025, 3, 3))

    def test_it_stores_the_reply_due_date_on_receipt(self):
        item = self.item(self.record)
        self.assertEqual(
            (item.rule, item.start, item.due_on, item.status),
            ("disclosure-reply", D(2025, 3, 3), D(2025, 3, 31), "open"),
        )
        self.assertFalse(item.provisional)

    def test_an_extension_adds_the_approved_working_days(self):
        self.step(self.record, "register", D(2025, 3, 3))
        self.step(self.record, "review", D(2025, 3, 4))
        # 10 more: 04-01..03 (23), 04-04 清明 off, 04-07..11 (28), 04-14 (29), 04-15 (30).
        self.step(
            self.record, "extension", D(2025, 3, 28), days=10, note="经公开办负责人批准并书面告知申请人"
        )
        self.assertEqual(self.due(self.record), D(2025, 4, 15))

    def test_the_longest_extension_crosses_the_may_day_adjustment(self):
        self.step(self.record, "register", D(2025, 3, 3))
        self.step(self.record, "review", D(2025, 3, 4))
        # 40: ... 04-21..25 (38), Sunday 04-27 worked (39), 04-28 (40).
        self.step(self.record, "extension", D(2025, 3, 31), days=20, note="经批准")
        self.assertEqual(self.due(self.record), D(2025, 4, 28))

    def test_an_extension_cannot_exceed_twenty_working_days_or_come_after_the_due_date(self):
        self.step(self.record, "register", D(2025, 3, 3))
        self.step(self.record, "review", D(2025, 3, 4))
        with self.assertRaisesMessage(FazhiError, "延长答复期限最长不超过20个工作日"):
            self.step(self.record, "extension", D(2025, 3, 20), days=21, note="经批准")
        with self.assertRaisesMessage(FazhiError, "答复期限已于2025-03-31届满，不能再延长"):
            self.step(self.record, "extension", D(2025, 4, 1), days=10, note="经批准")
        self.assertEqual(self.due(self.record), D(2025, 3, 31))

    def test_a_correction_stops_the_clock_and_restarts_it_from_the_corrected_application(self):
        self.step(self.record, "register", D(2025, 3, 3))
        self.step(self.record, "review", D(2025, 3, 4))
        self.step(self.record, "correction", D(2025, 3, 5), note="请明确所需信息的名称和文号")
        item = self.item(self.record)
        self.assertEqual((item.status, item.due_on), (DueItem.Status.PAUSED, None))
        # Corrected application received Wednesday 12 March: 13-14 (2), 17-21 (7), 24-28 (12),
        # 03-31..04-03 (16), 04-04 清明 off, 04-07..10 (20).
        self.step(self.record, "corrected", D(2025, 3, 12))
        item = self.item(self.record)
        self.assertEqual((item.status, item.start, item.due_on), ("open", D(2025, 3, 12), D(2025, 4, 10)))

    def test_time_spent_consulting_a_third_party_is_not_counted(self):
        self.step(self.record, "register", D(2025, 3, 3))
        self.step(self.record, "review", D(2025, 3, 4))
        self.step(self.record, "third_party", D(2025, 3, 10), note="征求某公司意见")
        # While the third party has not answered: its 15 working days (03-11..31) are all paused,
        # so 35 working days: ... 04-14..18 (33), 04-21 (34), 04-22 (35).
        self.assertEqual(
            self.due(self.record, "third-party:" + str(self.record_steps()[-1].pk)), D(2025, 3, 31)
        )
        self.assertEqual(self.due(self.record), D(2025, 4, 22))
        # Answer on Monday 17 March: 5 working days paused (03-11..14, 03-17): 25 -> 04-01..03 (23), 04-07, 04-08.
        self.step(self.record, "third_party_reply", D(2025, 3, 17), note="不同意公开")
        self.assertEqual(self.due(self.record), D(2025, 4, 8))
        self.assertEqual(self.item(self.record, f"third-party:{self.record_steps()[-2].pk}").status, "done")

    def test_the_reply_closes_the_item_and_fills_the_ledger(self):
        self.step(self.record, "register", D(2025, 3, 3))
        self.step(self.record, "reply", D(2025, 3, 20), result="public", note="予以公开")
        self.record.refresh_from_db()
        self.assertEqual(
            (self.record.reply_type, self.record.replied_on, self.record.replied_on_time),
            ("public", D(2025, 3, 20), True),
        )
        item = self.item(self.record)
        self.assertEqual((item.status, item.done_on), ("done", D(2025, 3, 20)))
        self.step(self.record, "archive", D(2025, 3, 21))
        with self.assertRaisesMessage(FazhiError, "已归档"):
            self.step(self.record, "review", D(2025, 3, 22))

    def test_a_reply_needs_its_statutory_type_and_the_registration(self):
        with self.assertRaisesMessage(FazhiError, "须先记录“登记”"):
            self.step(self.record, "reply", D(2025, 3, 20), result="public")
        self.step(self.record, "register", D(2025, 3, 3))
        with self.assertRaisesMessage(FazhiError, "请填写“结果”"):
            self.step(self.record, "reply", D(2025, 3, 20))
        with self.assertRaisesMessage(FazhiError, "结果无效"):
            self.step(self.record, "reply", D(2025, 3, 20), result="maybe")

    def test_a_step_cannot_be_dated_before_receipt_or_in_the_future(self):
        with self.assertRaisesMessage(FazhiError, "不能早于收到申请日期"):
            self.step(self.record, "register", D(2025, 3, 1))
        with self.assertRaisesMessage(FazhiError, "不能晚于今天"):
            self.step(self.record, "register", D(2025, 3, 5), today=D(2025, 3, 4))

    def test_editing_the_receipt_date_moves_the_due_date(self):
        from fazhi.deadlines.actions import sync_record_deadlines
        from fazhi.records.actions import do_update_record

        do_update_record(self.record, data={"date": D(2025, 3, 4)}, acting_user=self.zhang)
        sync_record_deadlines(self.record, acting_user=self.zhang, today=self.today)
        self.assertEqual(self.due(self.record), D(2025, 4, 1))

    def record_steps(self):
        from fazhi.deadlines.queries import steps_in_recorded_order

        return steps_in_recorded_order(self.record)
