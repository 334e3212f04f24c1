"""Search over the published reports (fazhi/portal/search.py), on SQLite and on PostgreSQL alike.

Every report here is published through the real actions (drafted, written, approved with reasons,
sent, accepted, reviewed for secrets, published), so the index is fed as in production: by the
publication hook. The reports found by each query are written out by hand.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from fazhi.campaigns import actions as campaign_actions
from fazhi.campaigns import publishing
from fazhi.campaigns.publication_models import Publication
from fazhi.orgs.models import Role, Unit
from fazhi.portal.models import SearchEntry
from fazhi.portal.search import (
    EMPTY,
    NO_WORDS,
    NOTHING,
    TOO_LONG,
    Filters,
    index_words,
    query_words,
    ranked_ids,
    rebuild_index,
    search,
    snippet,
)
from fazhi.reports import actions as report_actions
from fazhi.reports.models import Report
from fazhi.testing import BaseTestCase

User = get_user_model()

# What each unit wrote, in its three sections (不足, 第一责任人职责, 下一年安排).
JUSTICE_2024 = [
    "部分科室对行政机关负责人出庭应诉的重视程度不够。",
    "主要负责人带头出庭应诉3次，深入开展法治宣传教育，举办“八五”普法讲座12场。",
    "2025年继续做好普法宣传工作。",
]
JUSTICE_2023 = [
    "规范性文件备案审查工作有待加强。",
    "主要负责人审定重大事项前均经合法性审核，全年审核合同28件。",
    "2024年加强行政执法监督。",
]
EDUCATION_2024 = [
    "对重大行政决策的公众参与仍显不足；<b>加粗</b>与<script>alert('x')</script>照原样显示。",
    "严格履行重大行政决策程序，对2项决策开展合法性审核，会同南开区司法局组织培训。",
    "2025年完善校园安全制度。",
]
HEXI_JUSTICE_2024 = [
    "行政复议案件办理质量有待提高。",
    "负责人出庭应诉率达到100%，法治文化阵地建设稳步推进。",
    "2025年加强对外宣传，提升群众满意度。",
]
CORRECTED = [
    "部分科室对行政复议的重视程度不够。",
    "主要负责人带头办理行政复议案件，深入开展法治宣传教育，举办“八五”普法讲座12场。",
    "2025年继续做好普法宣传工作。",
]
DRAFT_ONLY = ["知识产权保护工作仍有短板。", "", ""]  # 乙局: a draft, never sent
UNPUBLISHED = ["营商环境法治保障有待加强。", "", ""]  # 丙局: accepted and reviewed, not published


class SearchTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.justice = cls.unit_with_people("南开区司法局", cls.region1)
        cls.education = cls.unit_with_people("南开区教育局", cls.region1)
        cls.hexi_justice = cls.unit_with_people("河西区司法局", cls.region2)
        for year in (2023, 2024):
            campaign_actions.do_open_campaign(region=cls.region1, year=year, acting_user=cls.han)
        campaign_actions.do_open_campaign(region=cls.region2, year=2024, acting_user=cls.zhou)
        cls.justice_2023 = cls.publish(cls.justice, 2023, JUSTICE_2023)
        cls.justice_2024 = cls.publish(cls.justice, 2024, JUSTICE_2024)
        cls.education_2024 = cls.publish(cls.education, 2024, EDUCATION_2024)
        cls.hexi_2024 = cls.publish(cls.hexi_justice, 2024, HEXI_JUSTICE_2024)
        cls.write(cls.unit_b, 2024, DRAFT_ONLY)
        cls.accept(cls.unit_c, 2024, UNPUBLISHED)

    # --- the real actions ---------------------------------------------------------------------

    @classmethod
    def unit_with_people(cls, name: str, region) -> Unit:
        unit = Unit.objects.create(name=name, region=region)
        for kind in (Role.Kind.CLERK, Role.Kind.HEAD):
            user = User.objects.create_user(f"{kind}-{name}", password="Pw-for-tests-1")
            Role.objects.create(user=user, kind=kind, unit=unit)
        return unit

    @classmethod
    def people(cls, unit: Unit):
        if unit in (cls.unit_a, cls.unit_b, cls.unit_c):
            clerk = cls.clerk_of(unit)
            head = cls.li if unit == cls.unit_a else User.objects.get_or_create(username=f"head-{unit.pk}")[0]
            Role.objects.get_or_create(user=head, kind=Role.Kind.HEAD, unit=unit)
            return clerk, head
        clerk = User.objects.get(fazhi_roles__unit=unit, fazhi_roles__kind=Role.Kind.CLERK)
        return clerk, User.objects.get(fazhi_roles__unit=unit, fazhi_roles__kind=Role.Kind.HEAD)

    @classmethod
    def write(cls, unit: Unit, year: int, texts: list[str]) -> Report:
        clerk, _ = cls.people(unit)
        report = Report.objects.get(unit=unit, year=year, genre="law")  # drafted when the campaign opened
        keys = ("shortcomings.text", "leadership.duties", "plan.text")
        for key, text in zip(keys, texts, strict=True):
            section = report.sections.get(key=key)
            report_actions.do_save_section(
                section, heading=section.heading, text=text, revision=section.revision, acting_user=clerk
            )
        return report

    @classmethod
    def accept(cls, unit: Unit, year: int, texts: list[str]) -> Report:
        clerk, head = cls.people(unit)
        report = cls.write(unit, year, texts)
        report_actions.do_submit_report(report, acting_user=clerk)
        report_actions.do_approve_report(report, acting_user=head, reasons=cls.reasons_for_errors(report))
        sent = campaign_actions.do_send_report(report, acting_user=clerk)
        office = cls.han if unit.region_id == cls.region1.pk else cls.zhou
        campaign_actions.do_accept_submission(sent, acting_user=office)
        publishing.do_record_secrecy_review(
            Report.objects.get(pk=report.pk),
            reviewer="保密员",
            reviewed_on=timezone.localdate(),
            acting_user=clerk,
        )
        return Report.objects.get(pk=report.pk)

    @classmethod
    def publish(cls, unit: Unit, year: int, texts: list[str], reason: str = "") -> Publication:
        _, head = cls.people(unit)
        report = cls.accept(unit, year, texts)
        return publishing.do_publish_report(report, acting_user=head, reason=reason)

    def correct(self, publication: Publication, texts: list[str]) -> Publication:
        _, head = self.people(publication.unit)
        report_actions.do_reopen_report(
            Report.objects.get(unit=publication.unit, year=publication.year, genre="law"), acting_user=head
        )
        return self.publish(publication.unit, publication.year, texts, reason="更正第二部分的表述。")

    # --- what the queries find ----------------------------------------------------------------

    def found(self, query: str, **filters) -> list[Publication]:
        results = search(query, Filters(**filters))
        return [hit.publication for hit in results.hits]

    def assertFinds(self, query: str, expected: set[Publication], **filters) -> None:
        self.assertEqual(set(self.found(query, **filters)), expected, query)

    def test_real_queries_find_the_reports_that_have_every_word(self):
        justice, justice_2023, education, hexi = (
            self.justice_2024,
            self.justice_2023,
            self.education_2024,
            self.hexi_2024,
        )
        # 出庭应诉 is two words (出庭, 应诉): both are in 南开区司法局's 2024 text and in 河西区司法局's.
        self.assertEqual(query_words("出庭应诉"), ["出庭", "应诉"])
        self.assertFinds("出庭应诉", {justice, hexi})
        self.assertFinds("应诉  出庭", {justice, hexi})  # words, in any order, not a substring
        self.assertFinds("重大行政决策", {education})
        # 法治宣传: 宣传 is a word inside 宣传教育 (司法局); 河西区 has 法治文化 and 对外宣传: both words.
        self.assertFinds("法治宣传", {justice, hexi})
        self.assertFinds("法治宣传教育", {justice})
        self.assertFinds("合法性审核", {justice_2023, education})
        self.assertFinds("合法性审核", {justice_2023}, year=2023)
        self.assertFinds("合法性审核", {education}, year=2024)
        # A unit's name: its own reports, and the report that names it (教育局's 会同南开区司法局).
        self.assertFinds("南开区司法局", {justice, justice_2023, education})
        self.assertFinds("河西区司法局", {hexi})
        self.assertFinds("司法局", {justice, justice_2023, education, hexi})
        self.assertFinds("南开区教育局", {education})

    def test_filters_by_region_unit_and_year(self):
        self.assertFinds("出庭应诉", {self.hexi_2024}, region=self.region2)
        self.assertFinds("出庭应诉", {self.justice_2024}, region=self.region1)
        self.assertFinds(
            "出庭应诉", {self.justice_2024, self.hexi_2024}, region=self.city
        )  # the regions below
        self.assertFinds("司法局", {self.justice_2024, self.justice_2023}, unit_id=self.justice.pk)
        self.assertFinds("司法局", {self.justice_2023}, unit_id=self.justice.pk, year=2023)
        self.assertFinds("司法局", set(), unit_id=self.justice.pk, year=2022)

    def test_a_unit_named_in_its_title_comes_before_a_report_that_mentions_it(self):
        found = self.found("南开区司法局")
        self.assertEqual(found[-1], self.education_2024, found)
        self.assertEqual(search("南开区司法局").count, 3)

    def test_a_correction_replaces_the_old_text_in_the_index(self):
        self.assertFinds("行政复议", {self.hexi_2024})
        corrected = self.correct(self.justice_2024, CORRECTED)
        self.assertEqual(corrected.number, 2)
        self.assertFinds("出庭应诉", {self.hexi_2024})  # its old words no longer find it
        self.assertFinds("行政复议", {corrected, self.hexi_2024})  # its new ones do
        self.assertEqual(
            SearchEntry.objects.filter(unit=self.justice, year=2024).get().publication, corrected
        )
        hit = search("行政复议", Filters(unit_id=self.justice.pk)).hits[0]
        self.assertEqual(hit.publication.get_absolute_url(), f"/public/units/{self.justice.pk}/2024/")

    def test_an_older_version_never_replaces_the_current_one(self):
        from fazhi.portal.search import index_publication

        corrected = self.correct(self.justice_2024, CORRECTED)
        index_publication(Publication.objects.get(pk=self.justice_2024.pk))  # e.g. out of order
        self.assertEqual(SearchEntry.objects.get(unit=self.justice, year=2024).publication, corrected)

    def test_drafts_and_unpublished_reports_are_not_found(self):
        self.assertIn(
            "知识产权保护",
            "".join(
                Report.objects.get(unit=self.unit_b, year=2024, genre="law").sections.values_list(
                    "text", flat=True
                )
            ),
        )
        self.assertEqual(
            Report.objects.get(unit=self.unit_c, year=2024, genre="law").status, Report.Status.ACCEPTED
        )
        self.assertFinds("知识产权保护", set())
        self.assertFinds("营商环境", set())
        self.assertEqual(search("营商环境").message, NOTHING)
        self.assertEqual(SearchEntry.objects.count(), 4)

    def test_rebuilding_the_index_gives_the_same_results(self):
        self.correct(self.justice_2024, CORRECTED)
        before = {q: self.found(q) for q in ("出庭应诉", "行政复议", "南开区司法局", "法治宣传")}
        self.assertEqual(rebuild_index(), 4)
        self.assertEqual({q: self.found(q) for q in before}, before)
        out = io.StringIO()
        call_command("reindex_search", stdout=out)
        self.assertIn("已索引 4 份公开的报告", out.getvalue())
        self.assertEqual({q: self.found(q) for q in before}, before)

    def test_every_indexed_word_finds_its_report_on_this_database(self):
        """The database's own tokenizer must see exactly our words: each one, alone, finds the report."""
        entry = SearchEntry.objects.get(publication=self.education_2024)
        for word in set(entry.body.split()) | set(entry.head.split()):
            self.assertIn(entry.pk, ranked_ids([word]), word)

    # --- snippets and the page ----------------------------------------------------------------

    def test_snippets_mark_the_hits_and_escape_the_report_text(self):
        hit = search("重大行政决策").hits[0]
        self.assertIn("<mark>重大行政决策</mark>", hit.snippet)
        self.assertIn("&lt;b&gt;加粗&lt;/b&gt;", hit.snippet)
        self.assertIn("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", hit.snippet)
        self.assertNotIn("<script>", hit.snippet)
        self.assertNotIn("<b>", hit.snippet)
        title_hit = search("南开区教育局").hits[0]
        self.assertIn("<mark>南开区教育局</mark>", title_hit.title)

    def test_snippet_windows(self):
        text = "甲" * 300 + "出庭应诉" + "乙" * 300 + "<合法性审核>" + "丙" * 300
        marked = snippet(text, ["出庭", "应诉", "合法性", "审核"], width=40)
        self.assertEqual(marked.count("<mark>"), 2)  # adjacent hits are one mark
        self.assertIn("<mark>出庭应诉</mark>", marked)
        self.assertIn("&lt;<mark>合法性审核</mark>&gt;", marked)
        self.assertTrue(marked.startswith("…") and marked.endswith("…"))
        self.assertLess(len(marked), 40 * 2 + 60)
        self.assertEqual(snippet("没有命中的正文" * 40, ["出庭"], width=10), "没有命中的正文没有命…")
        self.assertIn(
            "<mark>ＩＳＯ９００１</mark>", snippet("通过ＩＳＯ９００１认证", query_words("iso9001"))
        )

    def test_the_search_page_needs_no_login(self):
        response = self.client.get("/public/search/", {"q": "出庭应诉"})
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        self.assertIn("找到 <b>2</b> 份报告", page)
        self.assertIn(f'href="/public/units/{self.justice.pk}/2024/"', page)
        self.assertIn(f'href="/public/units/{self.hexi_justice.pk}/2024/"', page)
        self.assertIn("<mark>出庭应诉</mark>", page)
        self.assertNotIn("知识产权", page)

    def test_the_page_filters_and_keeps_the_choices(self):
        response = self.client.get(
            "/public/search/", {"q": "司法局", "region": self.region1.pk, "year": "2023"}
        )
        page = response.content.decode()
        self.assertIn("找到 <b>1</b> 份报告", page)
        self.assertIn(f'<option value="{self.region1.pk}" selected>', page)
        self.assertIn(f'<option value="{self.justice.pk}">南开区司法局</option>', page)  # the region's units
        self.assertIn('<option value="2023" selected>', page)
        response = self.client.get("/public/search/", {"q": "司法局", "unit": self.justice.pk, "year": "x"})
        self.assertIn("找到 <b>2</b> 份报告", response.content.decode())  # a bad year is no filter

    def test_an_empty_or_too_long_query_is_answered_kindly(self):
        for query, message in (("", EMPTY), ("   ", EMPTY), ("法" * 51, TOO_LONG), ("，。！", NO_WORDS)):
            response = self.client.get("/public/search/", {"q": query})
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, message)
        self.assertContains(self.client.get("/public/search/"), "?q=%E5%87%BA%E5%BA%AD%E5%BA%94%E8%AF%89")

    def test_query_text_is_escaped_on_the_page(self):
        response = self.client.get("/public/search/", {"q": "<i>法治</i>"})
        self.assertNotContains(response, "<i>法治</i>")
        self.assertContains(response, "&lt;i&gt;法治&lt;/i&gt;")

    def test_the_portal_header_has_the_search_box(self):
        response = self.client.get("/public/")
        self.assertContains(response, 'action="/public/search/"')

    def test_results_are_paginated(self):
        from fazhi.portal import search as module

        original = module.PAGE_SIZE
        module.PAGE_SIZE = 2
        try:
            first = self.client.get("/public/search/", {"q": "司法局"}).content.decode()
            second = self.client.get("/public/search/", {"q": "司法局", "page": 2}).content.decode()
        finally:
            module.PAGE_SIZE = original
        self.assertIn("找到 <b>4</b> 份报告", first)
        self.assertIn("page=2", first)
        self.assertIn('<ol class="search-list" start="3">', second)


def test_segmenting_sentences_one_by_one_gives_the_words_of_the_whole_text():
    """The bench builds its index from sentences segmented once each: this is why it is the same."""
    sentences = [s + "。" for s in JUSTICE_2024 + EDUCATION_2024 + HEXI_JUSTICE_2024]
    assert index_words("".join(sentences)) == [w for s in sentences for w in index_words(s)]


def test_words_are_letters_and_digits_folded_as_the_index_reads_them():
    assert query_words("ＩＳＯ９００１认证") == ["iso9001", "认证"]
    assert query_words("出庭_应诉!!") == ["出庭", "应诉"]
    assert "宣传" in index_words("法治宣传教育") and "宣传教育" in index_words("法治宣传教育")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own parser")
def test_postgresql_reads_the_same_words_as_we_wrote():
    text = "二〇二四年，通过ＩＳＯ９００１认证；e-mail: a.b@c.cn；1.5万元；100%；法治宣传教育"
    words = index_words(text)
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(to_tsvector('simple', %s))", [" ".join(words)])
        lexemes = cursor.fetchone()[0]
    assert sorted(lexemes) == sorted(set(words))
