"""What each role sees due and overdue; the run_deadlines step that records items going overdue."""

from __future__ import annotations

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from fazhi.deadlines.actions import process_one_due_item
from fazhi.deadlines.models import DueItem
from fazhi.deadlines.queries import list_due_items_for_user

from .helpers import D, DeadlinesTestCase

TODAY = D(2025, 3, 20)  # a Thursday; 7 working days later is Monday 31 March


class DueListsTest(DeadlinesTestCase):
    today = TODAY

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.a_overdue = cls.make_request(cls.unit_a, D(2025, 2, 10))  # due 03-10
        cls.a_soon = cls.make_request(cls.unit_a, D(2025, 2, 24))  # due 03-24
        cls.a_later = cls.make_request(cls.unit_a, D(2025, 3, 18))  # due 04-16: not yet listed
        cls.b_soon = cls.make_request(cls.unit_b, D(2025, 2, 26))  # due 03-26
        cls.c_overdue = cls.make_request(cls.unit_c, D(2025, 2, 10))  # due 03-10

    @classmethod
    def make_request(cls, unit, received):
        return DeadlinesTestCase.make(
            cls, "request", unit, received, f"{unit.name}的申请", applicant_type="person"
        )

    def titles(self, items):
        return [i.record.pk for i in items]

    def see(self, user):
        overview = list_due_items_for_user(user, today=TODAY)
        return self.titles(overview.overdue), self.titles(overview.due_soon), overview

    def test_a_clerk_sees_only_the_own_units_items(self):
        overdue, soon, overview = self.see(self.zhang)
        self.assertEqual((overdue, soon), ([self.a_overdue.pk], [self.a_soon.pk]))
        self.assertEqual(overview.horizon, D(2025, 3, 31))
        self.assertEqual(overview.per_unit, [])
        self.assertEqual(self.see(self.wang)[:2], ([], [self.b_soon.pk]))
        self.assertEqual(self.see(self.chen)[:2], ([self.c_overdue.pk], []))

    def test_the_head_sees_the_same_as_the_clerk(self):
        self.assertEqual(self.see(self.li)[:2], self.see(self.zhang)[:2])

    def test_a_supervisor_sees_every_unit_of_the_region_with_counts_per_unit(self):
        overdue, soon, overview = self.see(self.han)
        self.assertEqual((overdue, soon), ([self.a_overdue.pk], [self.a_soon.pk, self.b_soon.pk]))
        counts = [(row.unit, row.overdue, row.due_soon) for row in overview.per_unit]
        self.assertEqual(counts, [(self.unit_a, 1, 1), (self.unit_b, 0, 1)])

    def test_someone_without_a_role_sees_nothing(self):
        self.assertTrue(list_due_items_for_user(self.nobody, today=TODAY).empty)

    def test_a_replied_request_leaves_the_list(self):
        self.step(self.a_overdue, "register", D(2025, 2, 10))
        self.step(self.a_overdue, "reply", D(2025, 3, 14), result="nonexistent")
        self.assertEqual(self.see(self.zhang)[0], [])

    def test_the_due_panel_renders_for_the_supervisor(self):
        request = RequestFactory().get("/")
        request.user = self.han
        html = Template("{% load deadlines_tags %}{% due_panel %}").render(Context({"request": request}))
        self.assertIn("法定期限提醒", html)
        self.assertIn(self.unit_a.name, html)
        self.assertNotIn(self.unit_c.name, html)

    def test_the_due_page_lists_a_units_overdue_request_with_a_link(self):
        self.client.force_login(self.han)
        response = self.client.get(reverse("deadlines:list-due"))
        link = reverse("records:show-record", args=[self.unit_a.pk, "request", self.a_overdue.pk])
        self.assertContains(response, link)
        self.assertContains(response, "已逾期")


class RunDeadlinesTest(DeadlinesTestCase):
    today = D(2025, 2, 25)  # records are entered before anything is due

    def test_it_records_each_item_going_overdue_once(self):
        late = self.request(self.unit_a, D(2025, 2, 10))
        self.request(self.unit_a, D(2025, 2, 24))
        self.assertIsNone(late.replied_on_time)
        self.assertTrue(process_one_due_item(today=TODAY))
        self.assertFalse(process_one_due_item(today=TODAY))
        item = self.item(late)
        late.refresh_from_db()
        self.assertEqual((item.overdue_since, item.status, late.replied_on_time), (TODAY, "open", False))
        history = DueItem.history.filter(id=item.pk).count()
        self.assertFalse(process_one_due_item(today=TODAY))
        self.assertEqual(DueItem.history.filter(id=item.pk).count(), history)

    def test_it_closes_a_period_that_has_run_out(self):
        decision = self.make("decision", self.unit_a, D(2025, 1, 10), "重大决策")
        self.step(decision, "participation", D(2025, 2, 1), result="done", today=D(2025, 2, 1))
        self.assertEqual(self.item(decision, "comment").status, "open")
        while process_one_due_item(today=TODAY):
            pass
        window = self.item(decision, "comment")
        self.assertEqual((window.status, window.done_on), ("done", D(2025, 3, 3)))


class SyncCommandTest(DeadlinesTestCase):
    def test_it_stores_the_due_dates_of_records_entered_before_and_is_idempotent(self):
        from io import StringIO

        from django.core.management import call_command

        from fazhi.records.actions import do_create_record
        from fazhi.records.kinds import KINDS

        def entered(received, **fields):  # as the records pages and the Excel import enter them
            return do_create_record(
                KINDS["request"],
                unit=self.unit_a,
                acting_user=self.zhang,
                data={"date": received, "title": "申请", "applicant_type": "person", **fields},
            )

        late = entered(D(2025, 2, 10), replied_on=D(2025, 3, 14), reply_type="public")
        stepped = entered(D(2025, 3, 3))
        self.step(stepped, "register", D(2025, 3, 3))
        DueItem.objects.all().delete()
        call_command("sync_deadlines", stdout=StringIO())
        call_command("sync_deadlines", "--since", "2025-01-01", stdout=StringIO())
        late.refresh_from_db()
        self.assertEqual(
            (self.due(late), self.item(late).status, late.replied_on_time), (D(2025, 3, 10), "done", False)
        )
        self.assertEqual(self.due(stepped), D(2025, 3, 31))
        self.assertEqual(DueItem.objects.count(), 2)
