"""Fields that workflow steps set are read-only in the plain form and ignored by do_update_record."""

from __future__ import annotations

from datetime import date
from unittest import mock

from django.urls import reverse

from fazhi.records import hooks
from fazhi.records.actions import do_update_record
from fazhi.records.forms import OWNED_HELP
from fazhi.records.models import DisclosureRequest
from fazhi.testing import BaseTestCase


class OwnedFieldsTest(BaseTestCase):
    def setUp(self):
        self.request = DisclosureRequest.objects.create(
            unit=self.unit_a,
            date=date(2025, 3, 3),
            title="申请公开某项目环评报告",
            applicant_type="person",
            reply_type="public",
            replied_on=date(2025, 3, 20),
        )
        self.other = DisclosureRequest.objects.create(
            unit=self.unit_a, date=date(2025, 3, 4), title="另一申请", applicant_type="person"
        )

        def provider(record):
            # as deadlines does for a record with steps: the reply is the steps' to say
            return frozenset({"reply_type", "replied_on"}) if record.pk == self.request.pk else frozenset()

        patcher = mock.patch.object(hooks, "_owned_fields", [])  # only this test's provider, removed after
        patcher.start()
        self.addCleanup(patcher.stop)
        hooks.register(owned_fields=provider)
        self.client.force_login(self.zhang)

    def edit_url(self, record):
        return reverse("records:edit-record", args=[self.unit_a.pk, "request", record.pk])

    def test_the_edit_form_shows_the_owned_fields_read_only(self):
        response = self.client.get(self.edit_url(self.request))
        form = response.context["form"]
        self.assertTrue(form.fields["reply_type"].disabled)
        self.assertTrue(form.fields["replied_on"].disabled)
        self.assertFalse(form.fields["title"].disabled)
        self.assertContains(response, OWNED_HELP)
        self.assertEqual(OWNED_HELP, "由办理流程步骤确定，请在记录详情页的“办理流程”中记录")

    def test_a_posted_value_for_an_owned_field_is_not_saved(self):
        self.client.post(
            self.edit_url(self.request),
            {
                "date": "2025-03-03",
                "title": "申请公开某项目环评报告（补正后）",
                "applicant_type": "person",
                "reply_type": "withheld",
                "replied_on": "2025-04-30",
            },
        )
        self.request.refresh_from_db()
        self.assertEqual(self.request.title, "申请公开某项目环评报告（补正后）")
        self.assertEqual((self.request.reply_type, self.request.replied_on), ("public", date(2025, 3, 20)))

    def test_the_action_ignores_an_owned_field_whoever_sends_it(self):
        do_update_record(
            self.request,
            data={"reply_type": "withheld", "replied_on": date(2025, 4, 30), "notes": "补正"},
            acting_user=self.zhang,
        )
        self.request.refresh_from_db()
        self.assertEqual((self.request.reply_type, self.request.replied_on), ("public", date(2025, 3, 20)))
        self.assertEqual(self.request.notes, "补正")
        self.assertFalse(self.request.history.filter(reply_type="withheld").exists())

    def test_a_record_whose_fields_no_one_owns_stays_editable(self):
        form = self.client.get(self.edit_url(self.other)).context["form"]
        self.assertFalse(form.fields["reply_type"].disabled)
        self.client.post(
            self.edit_url(self.other),
            {
                "date": "2025-03-04",
                "title": "另一申请",
                "applicant_type": "person",
                "reply_type": "public",
                "replied_on": "2025-03-10",
            },
        )
        self.other.refresh_from_db()
        self.assertEqual((self.other.reply_type, self.other.replied_on), ("public", date(2025, 3, 10)))
