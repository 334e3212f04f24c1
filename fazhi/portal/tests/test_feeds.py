"""`/public/reports.json` and `/public/feed.atom` (issue 11, item 4), read as an outside harvester
would: no login, every key and value written out by hand.

The cast's 2024 campaign, every step through the real actions:
- 甲局 (南开): sent 20 Feb, accepted, published 20 March 2025; corrected on 11 April (version 2);
- 乙局 (南开): sent and accepted, never published: absent everywhere;
- 丙局 (河西): published 31 March 2025, once; its PDF is made (set as the job would).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.test import TestCase
from django.urls import reverse
from lxml import etree

from fazhi.campaigns.actions import do_open_campaign
from fazhi.campaigns.publication_models import Publication
from fazhi.campaigns.tests.publication_flow import accept, at, correct, person, publish, send
from fazhi.orgs.models import Role
from fazhi.reports.models import Report
from fazhi.testing import BaseTestCase

D = dt.date
ATOM = "{http://www.w3.org/2005/Atom}"
REASON = "更正第一部分中政府信息公开申请的答复件数（原文误写）。"
KEYS = {"unit", "region", "year", "title", "published_at", "first_published_at", "sha256", "url"}
KEYS |= {"docx_url", "pdf_url", "corrections", "genre"}


class PublicIndexTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        zhao = person("zhao", Role.Kind.HEAD, cls.unit_b)
        head_c = person("head-c", Role.Kind.HEAD, cls.unit_c)
        with at(D(2025, 1, 6)):
            do_open_campaign(region=cls.region1, year=2024, acting_user=cls.han)
            do_open_campaign(region=cls.region2, year=2024, acting_user=cls.zhou)
        a, b, c = (
            Report.objects.get(unit=u, year=2024, genre="law") for u in (cls.unit_a, cls.unit_b, cls.unit_c)
        )
        accept(send(a, cls.zhang, cls.li, D(2025, 2, 20)), cls.han, D(2025, 2, 24))
        accept(send(b, cls.wang, zhao, D(2025, 2, 25)), cls.han, D(2025, 2, 26))
        accept(send(c, cls.chen, head_c, D(2025, 2, 21)), cls.zhou, D(2025, 2, 24))
        cls.a1 = publish(a, cls.zhang, cls.li, D(2025, 3, 20))
        cls.c1 = publish(c, cls.chen, head_c, D(2025, 3, 31))
        cls.a2 = correct(
            a, cls.zhang, cls.li, cls.han, sent=D(2025, 4, 8), published=D(2025, 4, 11), reason=REASON
        )
        Publication.objects.filter(pk=cls.c1.pk).update(pdf="published/2025/c.pdf", pdf_sha256="0" * 64)

    def index(self) -> list[dict]:
        response = self.client.get("/public/reports.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        return json.loads(response.content)

    def test_it_lists_the_current_version_of_every_published_report_with_every_key(self):
        reports = self.index()
        self.assertEqual([(r["unit"], r["year"]) for r in reports], [("甲局", 2024), ("丙局", 2024)])
        for report in reports:
            self.assertEqual(set(report), KEYS)
        a, c = reports
        text_a2 = self.a2.text.encode("utf-8")
        self.assertEqual(
            a,
            {
                "unit": "甲局",
                "region": "天津市南开区",
                "year": 2024,
                "genre": "law",
                "title": "甲局2024年度法治政府建设情况报告",
                "published_at": "2025-04-11T10:00:00+08:00",  # the current version: the correction
                "first_published_at": "2025-03-20T10:00:00+08:00",
                "sha256": hashlib.sha256(text_a2).hexdigest(),
                "url": f"http://testserver/public/units/{self.unit_a.pk}/2024/",
                "docx_url": f"http://testserver/public/units/{self.unit_a.pk}/2024/v2.docx",
                "pdf_url": None,  # not made yet (the job is off in tests)
                "corrections": [
                    {
                        "published_at": "2025-04-11T10:00:00+08:00",
                        "reason": REASON,
                        "sha256": hashlib.sha256(text_a2).hexdigest(),
                    }
                ],
            },
        )
        self.assertNotEqual(a["sha256"], hashlib.sha256(self.a1.text.encode("utf-8")).hexdigest())
        self.assertEqual(
            (c["region"], c["published_at"], c["first_published_at"], c["corrections"]),
            ("天津市河西区", "2025-03-31T10:00:00+08:00", "2025-03-31T10:00:00+08:00", []),
        )
        self.assertEqual(c["pdf_url"], f"http://testserver/public/units/{self.unit_c.pk}/2024/v1.pdf")

    def test_an_accepted_report_never_published_is_absent(self):
        self.assertNotIn("乙局", [r["unit"] for r in self.index()])
        self.assertNotIn("乙局", self.client.get("/public/feed.atom").content.decode())

    def test_its_addresses_answer_with_the_version_they_name(self):
        a = self.index()[0]
        page = self.client.get(a["url"])
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.context["publication"].pk, self.a2.pk)
        docx = self.client.get(a["docx_url"])
        self.assertEqual(docx.status_code, 200)
        body = b"".join(docx.streaming_content)
        self.assertEqual(hashlib.sha256(body).hexdigest(), self.a2.docx_sha256)

    def test_it_is_one_query_whatever_the_number_of_reports(self):
        with self.assertNumQueries(1):
            self.client.get("/public/reports.json")

    def test_the_atom_feed_has_every_publication_newest_first_with_the_corrections_reason(self):
        response = self.client.get(reverse("portal:feed"))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        feed = etree.fromstring(response.content)
        entries = feed.findall(f"{ATOM}entry")
        titles = [e.findtext(f"{ATOM}title") for e in entries]
        self.assertEqual(
            titles,
            [
                "甲局2024年度法治政府建设情况报告（更正第1次）",
                "丙局2024年度法治政府建设情况报告",
                "甲局2024年度法治政府建设情况报告",
            ],
        )
        links = [e.find(f"{ATOM}link").get("href") for e in entries]
        self.assertEqual(
            links,
            [
                f"http://testserver/public/units/{self.unit_a.pk}/2024/v2/",
                f"http://testserver/public/units/{self.unit_c.pk}/2024/v1/",
                f"http://testserver/public/units/{self.unit_a.pk}/2024/v1/",
            ],
        )
        self.assertEqual(len({e.findtext(f"{ATOM}id") for e in entries}), 3)
        self.assertIn(f"更正理由：{REASON}", entries[0].findtext(f"{ATOM}summary"))
        self.assertIn(self.a2.sha256, entries[0].findtext(f"{ATOM}summary"))
        self.assertIn("首次公开", entries[2].findtext(f"{ATOM}summary"))
        self.assertEqual(entries[0].findtext(f"{ATOM}updated"), "2025-04-11T10:00:00+08:00")
        self.assertEqual(entries[0].findtext(f"{ATOM}author/{ATOM}name"), "甲局")
        for link in links:
            self.assertEqual(self.client.get(link).status_code, 200)

    def test_every_portal_page_links_the_feed_in_its_head(self):
        page = self.client.get(reverse("portal:index")).content.decode()
        self.assertIn(
            f'<link rel="alternate" type="application/atom+xml" title="最新公开的年度报告" href="{reverse("portal:feed")}">',
            page,
        )


class EmptyPortalTest(TestCase):
    def test_before_anything_is_published_the_index_is_empty_and_the_feed_has_no_entry(self):
        self.assertEqual(json.loads(self.client.get("/public/reports.json").content), [])
        feed = etree.fromstring(self.client.get("/public/feed.atom").content)
        self.assertEqual(feed.findall(f"{ATOM}entry"), [])
