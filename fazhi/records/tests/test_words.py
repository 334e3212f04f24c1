"""Codes in words: a reader sees a checker rule's or an indicator's Chinese name, not its code."""

from __future__ import annotations

from django.template import Context, Template
from django.urls import reverse

from fazhi.testing import BaseTestCase


def render(source: str, **context) -> str:
    return Template("{% load fazhi_words %}" + source).render(Context(context))


class FiltersTest(BaseTestCase):
    def test_rule_name_names_a_rule_and_leaves_an_unknown_code_alone(self):
        self.assertEqual(render("{{ r|rule_name }}", r="ledger-mismatch"), "数据与台账不符")
        self.assertEqual(render("{{ r|rule_name }}", r="empty-section"), "空白段落")
        self.assertEqual(render("{{ r|rule_name }}", r="no-such-rule"), "no-such-rule")

    def test_indicator_name_names_an_indicator_and_leaves_an_unknown_code_alone(self):
        self.assertEqual(render("{{ c|indicator_name }}", c="study.total"), "学法活动次数")
        self.assertEqual(render("{{ c|indicator_name }}", c="no.such"), "no.such")
        self.assertEqual(render("{{ c|indicator_name }}", c="<b>"), "&lt;b&gt;")  # escaped as ever


class PagesTest(BaseTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.zhang)

    def test_the_list_filtered_by_an_indicator_names_it(self):
        self.make_study(self.unit_a)
        url = reverse("records:list-records", args=[self.unit_a.pk, "study"])
        page = self.client.get(url, {"year": 2024, "indicator": "study.total"})
        self.assertContains(page, "按指标“学法活动次数”筛选")
        self.assertContains(page, 'data-indicator="study.total"')  # the code stays for scripts
        self.assertNotContains(page, "按指标 study.total")

    def test_the_units_figures_show_no_code_column(self):
        page = self.client.get(reverse("records:show-figures", args=[self.unit_a.pk, 2024]))
        self.assertContains(page, "学法活动次数")
        self.assertNotContains(page, "<th>编码</th>")
        self.assertNotContains(page, "<code>study.total</code>")
