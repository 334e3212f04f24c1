"""The disclosure report's tables from records, counted by hand, and their checks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse

from fazhi.disclosure.compute import tables_for
from fazhi.disclosure.models import DisclosureYear
from fazhi.disclosure.queries import disclosure_report
from fazhi.disclosurecheck.tables import Tables, check_tables
from fazhi.records.models import Case, DisclosureRequest, NormativeDocument
from fazhi.testing import BaseTestCase


def request(unit, on, applicant, reply="", reason="", replied=None, title="申请"):
    return DisclosureRequest.objects.create(
        unit=unit,
        date=on,
        title=f"{title}{on}",
        applicant_type=applicant,
        reply_type=reply,
        reply_reason=reason,
        replied_on=replied,
    )


class TablesFromRecordsTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        u = cls.unit_a
        cls.carried = request(u, date(2023, 12, 20), "person", "public", replied=date(2024, 1, 5))
        request(u, date(2024, 3, 1), "person", "public", replied=date(2024, 3, 10))
        request(u, date(2024, 4, 1), "business", "partial", replied=date(2024, 4, 15))
        request(u, date(2024, 5, 1), "research", "withheld", "secret", replied=date(2024, 5, 20))
        request(u, date(2024, 6, 1), "legal", "nonexistent", "not_held", replied=date(2024, 6, 20))
        cls.open = request(u, date(2024, 12, 25), "charity")  # not answered by the year's end
        request(u, date(2023, 5, 1), "person", "public", replied=date(2023, 5, 10))  # a 2023 matter only
        request(cls.unit_b, date(2024, 3, 1), "person", "public", replied=date(2024, 3, 9))  # another unit
        for case_type, outcome, after, about in (
            ("reconsideration", "upheld", False, True),
            ("litigation", "corrected", True, True),
            ("litigation", "pending", False, True),
            ("litigation", "upheld", False, False),  # not about disclosure
        ):
            Case.objects.create(
                unit=u,
                date=date(2024, 7, 1),
                title=f"{case_type}{outcome}{after}{about}",
                case_type=case_type,
                outcome=outcome,
                after_reconsideration=after,
                about_disclosure=about,
            )
        for action, day in (("published", 3), ("published", 4), ("repealed", 5)):
            NormativeDocument.objects.create(
                unit=u,
                date=date(2024, 2, day),
                title=f"文件{day}",
                doc_number=f"甲规〔2024〕{day}号",
                action=action,
            )
        DisclosureYear.objects.create(unit=u, year=2023, normdocs_in_force=10)
        cls.entry = DisclosureYear.objects.create(
            unit=u, year=2024, normdocs_in_force=11, permits=7, fees=Decimal("1.25")
        )

    def test_table_3_counted_by_hand(self):
        t = tables_for(self.unit_a.pk, 2024).tables.table3
        expected = {
            ("new", "person"): 1,
            ("new", "business"): 1,
            ("new", "research"): 1,
            ("new", "legal"): 1,
            ("new", "charity"): 1,
            ("new", "total"): 5,
            ("carried_in", "person"): 1,
            ("carried_in", "total"): 1,
            ("public", "person"): 2,
            ("public", "total"): 2,
            ("partial", "business"): 1,
            ("withheld", "research"): 1,
            ("withheld.secret", "research"): 1,
            ("nonexistent", "legal"): 1,
            ("nonexistent.not_held", "legal"): 1,
            ("results_total", "person"): 2,
            ("results_total", "business"): 1,
            ("results_total", "research"): 1,
            ("results_total", "legal"): 1,
            ("results_total", "total"): 5,
            ("carried_out", "charity"): 1,
            ("carried_out", "total"): 1,
        }
        for (row, column), value in expected.items():
            with self.subTest(row=row, column=column):
                self.assertEqual(t.get(row, column), value)
        nonzero = {key for key, value in t.cells.items() if value}
        self.assertEqual(
            nonzero - set(expected),
            {
                ("partial", "total"),
                ("withheld", "total"),
                ("withheld.secret", "total"),
                ("nonexistent", "total"),
                ("nonexistent.not_held", "total"),
            },
        )

    def test_table_4_counts_only_cases_about_disclosure(self):
        t = tables_for(self.unit_a.pk, 2024).tables.table4
        self.assertEqual(
            {c: v for (_, c), v in t.cells.items() if v},
            {
                "reconsideration.upheld": 1,
                "reconsideration.total": 1,
                "suit_after.corrected": 1,
                "suit_after.total": 1,
                "direct_suit.pending": 1,
                "direct_suit.total": 1,
            },
        )

    def test_table_2_from_the_ledger_and_the_years_entries_checked_against_last_year(self):
        report = disclosure_report(self.unit_a, 2024)
        t = report.tables.table2
        self.assertEqual(
            (t.get("normdocs", "issued"), t.get("normdocs", "repealed"), t.get("normdocs", "in_force")),
            (2, 1, 11),
        )
        self.assertEqual((t.get("permits", "decisions"), t.get("fees", "amount")), (7, Decimal("1.25")))
        self.assertEqual(report.failures, [])  # 10 + 2 - 1 = 11
        DisclosureYear.objects.filter(pk=self.entry.pk).update(normdocs_in_force=12)
        failures = disclosure_report(self.unit_a, 2024).failures
        self.assertEqual([(f.table, f.row, f.column) for f in failures], [(2, "normdocs", "in_force")])
        self.assertIn(
            "表二“行政规范性文件”行“现行有效件数”列为12，但上年现行有效10加本年制发2减本年废止1为11",
            failures[0].message,
        )

    def test_a_request_carried_into_the_year_is_the_one_carried_out_of_the_year_before(self):
        before = tables_for(self.unit_a.pk, 2023)
        self.assertEqual(before.tables.table3.get("carried_out", "total"), 1)
        self.assertEqual(before.records[(3, "carried_out", "total")], [self.carried])
        self.assertEqual(tables_for(self.unit_a.pk, 2024).records[(3, "carried_in", "total")], [self.carried])

    def test_the_page_shows_the_tables_and_a_cell_leads_to_its_records(self):
        self.client.force_login(self.zhang)
        page = self.client.get(reverse("disclosure:show-disclosure", args=[self.unit_a.pk, 2024]))
        self.assertContains(page, "勾稽关系全部成立")
        cell = reverse(
            "disclosure:show-disclosure-cell", args=[self.unit_a.pk, 2024, 3, "carried_out", "charity"]
        )
        self.assertContains(page, f'href="{cell}"')
        listed = self.client.get(cell)
        self.assertContains(listed, self.open.title)
        self.assertContains(listed, self.open.get_absolute_url())
        self.assertEqual(
            self.client.get(
                reverse(
                    "disclosure:show-disclosure-cell", args=[self.unit_a.pk, 2024, 3, "public", "charity"]
                )
            ).status_code,
            404,
        )
        self.client.force_login(self.wang)  # another unit's clerk
        self.assertEqual(
            self.client.get(reverse("disclosure:show-disclosure", args=[self.unit_a.pk, 2024])).status_code,
            404,
        )
        self.assertEqual(self.client.get(cell).status_code, 404)

    def test_the_clerk_enters_the_years_figures_with_history_and_others_cannot(self):
        data = {name: "0" for name in DisclosureYear.ENTERED} | {
            "normdocs_in_force": "11",
            "penalties": "4",
            "fees": "2.5",
        }
        url = reverse("disclosure:save-disclosure-year", args=[self.unit_a.pk, 2024])
        self.client.force_login(self.han)  # the supervising office reads, does not write
        self.assertEqual(self.client.post(url, data).status_code, 403)
        self.client.force_login(self.zhang)
        self.client.post(url, data)
        self.entry.refresh_from_db()
        self.assertEqual((self.entry.penalties, self.entry.fees), (4, Decimal("2.5")))
        self.assertEqual(self.entry.history.first().history_user, self.zhang)

    def test_the_catalogues_rates_are_the_tables_ratios(self):
        from fazhi.records.figures import figures_by_code

        figures = figures_by_code(self.unit_a.pk, 2024)
        t3 = tables_for(self.unit_a.pk, 2024).tables.table3
        # Counted by hand: 5 results in 2024 (the carried-in request included), 2 public + 1 partial.
        self.assertEqual(t3.get("results_total", "total"), 5)
        self.assertEqual(figures["request.substantive_rate"], 60)
        self.assertEqual(figures["request.nonexistent_share"], 20)
        self.assertEqual(figures["case.disclosure_reconsideration_corrected_rate"], 0)  # 1 upheld
        self.assertEqual(figures["case.disclosure_litigation_corrected_rate"], 100)  # 1 corrected, 1 pending


class IdentitiesTest(BaseTestCase):
    def test_an_unbalanced_table_3_names_table_row_and_column(self):
        tables = Tables()
        t = tables.table3
        for row, value in (("new", 3), ("public", 2), ("results_total", 2), ("carried_out", 1)):
            t.set(row, "person", value)
            t.set(row, "total", value)
        self.assertEqual(check_tables(tables), [])
        t.set("public", "person", 3)  # the result items no longer sum to 总计; the row to its total
        failures = check_tables(tables)
        self.assertEqual(
            [(f.table, f.row, f.column) for f in failures],
            [(3, "results_total", "person"), (3, "public", "total")],
        )
        self.assertEqual(
            failures[0].message, "表三“（七）总计”行“自然人”列为2，但（一）至（六）各项之和为3。"
        )

    def test_table_4_totals(self):
        tables = Tables()
        tables.table4.set("cases", "direct_suit.upheld", 2)
        tables.table4.set("cases", "direct_suit.total", 1)
        [failure] = check_tables(tables)
        self.assertEqual((failure.table, failure.column), (4, "direct_suit.total"))
        self.assertIn("行政诉讼（未经复议直接起诉）·总计", failure.message)
