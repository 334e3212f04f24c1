"""Publication and the public portal: the 保密审查 first, an immutable published version, a
correction as a new version shown with its reason, and an anonymous crawler that finds nothing
but published content."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.campaigns.actions import do_accept_submission, do_open_campaign, do_send_report
from fazhi.campaigns.models import Campaign
from fazhi.campaigns.publication_models import Publication, PublishedIsFrozen
from fazhi.campaigns.publishing import do_publish_report, do_record_secrecy_review
from fazhi.lib.errors import FazhiError, Refused
from fazhi.lib.tests.zips import pdf_of_pages
from fazhi.records.actions import do_add_attachment
from fazhi.reports.actions import (
    do_approve_report,
    do_create_report,
    do_reopen_report,
    do_save_section,
    do_submit_report,
)
from fazhi.reports.models import Report
from fazhi.testing import BaseTestCase

SHANGHAI = ZoneInfo("Asia/Shanghai")
SECRET_TITLE = "内部学习记录（不公开）甲乙丙"
PDF = pdf_of_pages(1)  # a real PDF: an upload must open as one (fazhi.lib.uploads)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI)


class PublicationTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.study = cls.make_study(cls.unit_a, title=SECRET_TITLE)
        cls.campaign = do_open_campaign(region=cls.region1, year=2024, acting_user=cls.han)
        cls.report = Report.objects.get(unit=cls.unit_a, year=2024, genre="law")
        cls.approve_and_send(cls.report, on=dt.date(2025, 2, 20))

    @classmethod
    def approve_and_send(cls, report: Report, *, on: dt.date):
        if report.status != Report.Status.SUBMITTED:
            do_submit_report(report, acting_user=cls.zhang)
        do_approve_report(report, acting_user=cls.li, reasons=cls.reasons_for_errors(report), today=on)
        submission = do_send_report(report, acting_user=cls.zhang, at=at(on))
        do_accept_submission(submission, acting_user=cls.han, at=at(on + dt.timedelta(days=1)))
        return submission

    def review(self, on: dt.date = dt.date(2025, 3, 3)) -> None:
        do_record_secrecy_review(self.report, reviewer="王保密", reviewed_on=on, acting_user=self.zhang)

    def publish(self, on: dt.date = dt.date(2025, 3, 10), **kwargs) -> Publication:
        return do_publish_report(self.report, acting_user=self.li, at=at(on), **kwargs)

    def correct(self, text: str, *, reason: str = "更正错别字") -> Publication:
        do_reopen_report(self.report, acting_user=self.li)
        section = self.report.sections.order_by("position").first()
        do_save_section(
            section, heading=section.heading, text=text, revision=section.revision, acting_user=self.zhang
        )
        self.approve_and_send(self.report, on=dt.date(2025, 4, 8))
        self.review(dt.date(2025, 4, 10))
        return self.publish(dt.date(2025, 4, 11), reason=reason)


class PublishTest(PublicationTestCase):
    def test_it_publishes_only_after_the_secrecy_review(self):
        with self.assertRaisesMessage(FazhiError, "保密审查"):
            self.publish()
        with self.assertRaisesMessage(FazhiError, "不能早于报告报送日期"):
            self.review(dt.date(2025, 2, 19))  # sent on 20 February
        self.review()
        publication = self.publish()
        self.assertEqual((publication.number, publication.reason), (1, ""))
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.PUBLISHED)

    def test_the_hashes_are_those_of_the_text_and_of_the_file(self):
        self.review()
        publication = self.publish()
        expected_text = "\n".join([publication.document["title"], "", *publication.document["preamble"]])
        self.assertTrue(publication.text.startswith(expected_text))
        self.assertEqual(publication.sha256, hashlib.sha256(publication.text.encode("utf-8")).hexdigest())
        with publication.docx.open("rb") as stored:
            self.assertEqual(publication.docx_sha256, hashlib.sha256(stored.read()).hexdigest())

    def test_a_published_version_never_changes(self):
        self.review()
        publication = self.publish()
        publication.text = "改过的文字"
        with self.assertRaises(PublishedIsFrozen):
            publication.save()
        with self.assertRaises(PublishedIsFrozen):
            Publication.objects.filter(pk=publication.pk).update(text="改过的文字")
        with self.assertRaises(PublishedIsFrozen):
            Publication.objects.filter(pk=publication.pk).delete()
        with self.assertRaises(PublishedIsFrozen):
            publication.delete()
        stored = Publication.objects.get(pk=publication.pk)
        self.assertNotEqual(stored.text, "改过的文字")
        self.assertEqual(stored.sha256, hashlib.sha256(stored.text.encode("utf-8")).hexdigest())

    def test_a_correction_is_a_new_version_with_its_reason_shown_on_the_page(self):
        self.review()
        first = self.publish()
        first_text, first_hash = first.text, first.sha256
        with self.assertRaisesMessage(FazhiError, "只有依法治区办已接收的报告"):
            self.publish(reason="再发一次")  # published already: a correction goes through the office again
        second = self.correct("更正后的第一段文字。", reason="更正第一部分的错别字")
        self.assertEqual((second.number, second.reason), (2, "更正第一部分的错别字"))
        first.refresh_from_db()
        self.assertEqual((first.text, first.sha256), (first_text, first_hash))
        self.assertNotEqual(second.sha256, first.sha256)
        page = Client().get(f"/public/units/{self.unit_a.pk}/2024/").content.decode()
        self.assertIn("更正后的第一段文字", page)
        self.assertIn("更正第一部分的错别字", page)
        self.assertIn("首次公开", page)
        old = Client().get(f"/public/units/{self.unit_a.pk}/2024/v1/").content.decode()
        self.assertNotIn("更正后的第一段文字", old)
        self.assertIn("这是较早的公开版本", old)

    def test_a_correction_needs_a_reason_and_a_change(self):
        self.review()
        self.publish()
        do_reopen_report(self.report, acting_user=self.li)
        self.approve_and_send(self.report, on=dt.date(2025, 4, 8))
        self.review(dt.date(2025, 4, 10))
        with self.assertRaisesMessage(FazhiError, "更正理由"):
            self.publish(dt.date(2025, 4, 11))
        with self.assertRaisesMessage(FazhiError, "与已公开的版本相同"):
            self.publish(dt.date(2025, 4, 11), reason="没有改动")

    def test_the_campaign_says_who_publishes(self):
        self.review()
        Campaign.objects.filter(pk=self.campaign.pk).update(publisher=Campaign.Publisher.OFFICE)
        with self.assertRaises(Refused):
            self.publish()
        publication = do_publish_report(self.report, acting_user=self.han)
        self.assertEqual(publication.published_by, self.han)
        with self.assertRaises(Refused):  # a clerk never publishes
            do_publish_report(self.report, acting_user=self.zhang)


class CrawlerTest(PublicationTestCase):
    """An anonymous visitor sees published versions and nothing else, whatever id it tries."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        do_record_secrecy_review(
            cls.report, reviewer="王保密", reviewed_on=dt.date(2025, 3, 3), acting_user=cls.zhang
        )
        cls.publication = do_publish_report(cls.report, acting_user=cls.li, at=at(dt.date(2025, 3, 10)))
        # Unpublished things the crawler will try by id: a draft, an approved report, a version, evidence.
        cls.draft = Report.objects.get(
            unit=cls.unit_b, year=2024, genre="law"
        )  # drafted when the campaign opened
        cls.approved = do_create_report(unit=cls.unit_a, year=2023, acting_user=cls.zhang)
        do_submit_report(cls.approved, acting_user=cls.zhang)
        do_approve_report(cls.approved, acting_user=cls.li, reasons=cls.reasons_for_errors(cls.approved))
        cls.attachment = do_add_attachment(
            cls.study, upload=SimpleUploadedFile("a.pdf", PDF), acting_user=cls.zhang
        )

    def crawl(self, client: Client) -> dict[str, str]:
        seen: dict[str, str] = {}
        queue = ["/public/"]
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            response = client.get(url)
            self.assertEqual(response.status_code, 200, url)
            body = response.content.decode("utf-8", "replace") if "html" in response["Content-Type"] else ""
            seen[url] = body
            queue += [link for link in re.findall(r'href="(/public/[^"#?]*)"', body) if link not in seen]
        return seen

    def test_every_public_link_answers_and_no_page_shows_a_ledger_record(self):
        pages = self.crawl(Client())
        self.assertIn(f"/public/units/{self.unit_a.pk}/2024/", pages)
        self.assertIn(f"/public/units/{self.unit_a.pk}/2024/v1.docx", pages)
        for url, body in pages.items():
            self.assertNotIn(SECRET_TITLE, body, url)
            self.assertNotIn("/units/", body.replace("/public/units/", ""), url)  # no link into the ledgers

    def test_everything_unpublished_is_not_found_by_id(self):
        client = Client()
        published = (self.unit_a.pk, 2024)
        unit_ids = [self.unit_a.pk, self.unit_b.pk, self.unit_c.pk, 999]
        for unit_id in unit_ids:
            for year in (2022, 2023, 2024, 2025):
                for path in (f"{unit_id}/{year}/", f"{unit_id}/{year}/v1/", f"{unit_id}/{year}/v1.docx"):
                    expected = 200 if (unit_id, year) == published else 404
                    with self.subTest(path=path):
                        self.assertEqual(client.get(f"/public/units/{path}").status_code, expected)
            self.assertEqual(
                client.get(f"/public/units/{unit_id}/").status_code, 200 if unit_id == self.unit_a.pk else 404
            )
        for path in (
            f"{self.unit_a.pk}/2024/v2/",
            f"{self.unit_a.pk}/2024/v2.docx",
            f"{self.unit_a.pk}/2024/v1.exe",
        ):
            self.assertEqual(client.get(f"/public/units/{path}").status_code, 404, path)
        self.assertEqual(client.get(f"/public/regions/{self.region2.pk}/").status_code, 404)
        self.assertEqual(client.get(f"/public/regions/{self.region1.pk}/").status_code, 200)

    def test_the_private_pages_answer_an_anonymous_visitor_with_the_login_page_only(self):
        client = Client()
        version = self.approved.versions.get()
        private = [
            f"/reports/{self.draft.pk}/",
            f"/reports/{self.approved.pk}/",
            f"/reports/{self.approved.pk}/download.docx",
            f"/reports/{self.approved.pk}/versions/{version.number}/",
            f"/units/{self.unit_a.pk}/records/study/{self.study.pk}/",
            f"/units/{self.unit_a.pk}/attachments/{self.attachment.pk}/",
            f"/submissions/{self.publication.submission_id}/",
            f"/campaigns/{self.campaign.pk}/",
        ]
        for url in private:
            response = client.get(url)
            # The same answer for what exists and what does not: the login page, never the content.
            self.assertEqual(response.status_code, 302, url)
            self.assertIn("/login/", response["Location"])
