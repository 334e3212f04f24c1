"""A unit's figures are kept under its ledger stamp and never read back once a record changed:
a record created, edited by a workflow step's plain ``save``, or deleted, in any process."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.indicators import get as indicator
from fazhi.records.figures import compute_figures, compute_unit_figures
from fazhi.records.models import LedgerStamp, StudySession
from fazhi.testing import BaseTestCase

STUDY = indicator("study.total")


def studies(unit_id: int) -> int:
    return next(f.value for f in compute_figures(unit_id, 2024) if f.indicator is STUDY)


class FiguresKeptTest(BaseTestCase):
    def setUp(self):
        cache.clear()

    def test_a_kept_figure_is_read_without_computing_and_equals_the_computed_one(self):
        self.make_study(self.unit_a)
        first = compute_figures(self.unit_a.pk, 2024)
        with CaptureQueriesContext(connection) as queries:
            again = compute_figures(self.unit_a.pk, 2024)
        self.assertEqual(len(queries), 1)  # the stamp only
        self.assertEqual(again, first)
        self.assertEqual(again, compute_unit_figures([self.unit_a.pk], 2024)[self.unit_a.pk])

    def test_every_write_to_a_record_gives_a_new_figure(self):
        self.assertEqual(studies(self.unit_a.pk), 0)
        study = self.make_study(self.unit_a)  # a plain ORM create, as a hook-less writer would
        self.assertEqual(studies(self.unit_a.pk), 1)
        study.date = dt.date(2023, 5, 6)  # moved out of 2024 by a plain save (as workflow steps save)
        study.save(update_fields=["date"])
        self.assertEqual(studies(self.unit_a.pk), 0)
        study.date = dt.date(2024, 5, 6)
        study.save()
        self.assertEqual(studies(self.unit_a.pk), 1)
        study.delete()
        self.assertEqual(studies(self.unit_a.pk), 0)

    def test_another_units_write_leaves_this_units_stamp(self):
        studies(self.unit_a.pk)
        before = LedgerStamp.objects.get(unit_id=self.unit_a.pk).stamp
        self.make_study(self.unit_b)
        self.assertEqual(LedgerStamp.objects.get(unit_id=self.unit_a.pk).stamp, before)
        self.assertNotEqual(LedgerStamp.objects.get(unit_id=self.unit_b.pk).stamp, before)
        StudySession.objects.filter(unit=self.unit_b).delete()  # a queryset delete sends post_delete too
        self.assertEqual(studies(self.unit_b.pk), 0)
