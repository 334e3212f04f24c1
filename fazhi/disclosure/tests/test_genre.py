"""The 政府信息公开工作年度报告 written, checked, approved and sent like the rule-of-law report.

Figures counted by hand from the records below: 2024 本年新收 3 (Mar, Apr, Dec), 上年结转 1
(received 2023-12-20, answered 2024-01-05), 予以公开 2 (the carried one and March's), 部分公开 1,
办结 3, 结转下年度 1 (December's, unanswered); one 行政复议 upheld."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.campaigns.actions import do_accept_submission, do_open_campaign, do_send_report
from fazhi.campaigns.bulletin import bulletin_document
from fazhi.campaigns.models import Campaign
from fazhi.campaigns.publishing import do_publish_report, do_record_secrecy_review
from fazhi.campaigns.queries import board_rows
from fazhi.campaigns.uploads import do_upload_batch
from fazhi.disclosure.queries import disclosure_report
from fazhi.disclosurecheck.reading import read_tables_from_bytes
from fazhi.lib.errors import FazhiError
from fazhi.records.models import Case, DisclosureRequest
from fazhi.reports import actions
from fazhi.reports.checking import findings_of
from fazhi.reports.models import Report
from fazhi.reports.queries import document_from_json, document_of
from fazhi.reports.render import render_docx
from fazhi.testing import BaseTestCase


def request(unit, on, applicant, reply="", replied=None):
    return DisclosureRequest.objects.create(
        unit=unit, date=on, title=f"申请{on}", applicant_type=applicant, reply_type=reply, replied_on=replied
    )


class DisclosureReportWrittenTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        u = cls.unit_a
        request(u, dt.date(2023, 12, 20), "person", "public", dt.date(2024, 1, 5))
        request(u, dt.date(2024, 3, 1), "person", "public", dt.date(2024, 3, 10))
        request(u, dt.date(2024, 4, 1), "business", "partial", dt.date(2024, 4, 15))
        request(u, dt.date(2024, 12, 25), "person")
        Case.objects.create(
            unit=u,
            date=dt.date(2024, 7, 1),
            title="复议",
            case_type="reconsideration",
            outcome="upheld",
            about_disclosure=True,
        )

    def write(self):
        self.client.force_login(self.zhang)
        response = self.client.post(reverse("disclosure:write-disclosure", args=[self.unit_a.pk, 2024]))
        report = Report.objects.get(unit=self.unit_a, year=2024, genre="disclosure")
        self.assertRedirects(response, reverse("reports:edit-report", args=[report.pk]))
        return report

    def overview(self, report):
        return report.sections.get(key="overview.text")

    def test_the_draft_has_the_six_parts_and_states_the_tables_figures(self):
        law = actions.do_create_report(unit=self.unit_a, year=2024, acting_user=self.zhang)
        report = self.write()
        self.assertNotEqual(law.pk, report.pk)  # both reports of the year, side by side
        document = document_of(report)
        self.assertEqual(document.title, "甲局2024年政府信息公开工作年度报告")
        self.assertEqual(
            [p.number + p.heading for p in document.parts],
            [
                "一、总体情况",
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况",
                "五、存在的主要问题及改进情况",
                "六、其他需要报告的事项",
            ],
        )
        self.assertEqual(
            [[t.key for t in p.tables] for p in document.parts], [[], ["2"], ["3"], ["4"], [], []]
        )
        text = self.overview(report).text
        self.assertIn("共收到政府信息公开申请3件，上年结转1件", text)
        self.assertIn("办结3件，其中予以公开和部分公开3件", text)
        self.assertIn("结转下年度继续办理1件", text)
        self.assertEqual(findings_of(report, document).errors, 0)
        # the editor opens it with its own parts
        page = self.client.get(reverse("reports:edit-report", args=[report.pk]))
        self.assertContains(page, "收到和处理政府信息公开申请情况")
        self.assertNotContains(page, "主要举措和成效")

    def test_a_figure_in_part_one_differing_from_its_table_is_an_error_naming_table_row_column(self):
        report = self.write()
        section = self.overview(report)
        actions.do_save_section(
            section,
            heading="",
            text=section.text.replace("申请3件", "申请4件"),
            revision=section.revision,
            acting_user=self.zhang,
        )
        findings = findings_of(report, document_of(report))
        errors = [f for f in findings.error_list if f.rule == "disclosure-text"]
        self.assertEqual(len(errors), 1)
        self.assertIn("申请4件", errors[0].message)
        self.assertIn("表三“一、本年新收政府信息公开申请数量”行“总计”列为3", errors[0].message)
        # the page and the command line's JSON say it too
        self.assertEqual(len(disclosure_report(self.unit_a, 2024).text_failures), 1)
        self.assertFalse(disclosure_report(self.unit_a, 2024).to_json()["checks"]["passed"])
        page = self.client.get(reverse("disclosure:show-disclosure", args=[self.unit_a.pk, 2024]))
        self.assertContains(page, "处数据与表格不一致")
        # the head cannot approve it without a reason
        actions.do_submit_report(report, acting_user=self.zhang)
        with self.assertRaises(FazhiError):
            actions.do_approve_report(report, acting_user=self.li)

    def test_the_approved_version_keeps_its_tables_and_reads_back_from_word(self):
        report = self.write()
        actions.do_submit_report(report, acting_user=self.zhang)
        version = actions.do_approve_report(report, acting_user=self.li, today=dt.date(2025, 1, 20))
        # a request recorded after approval changes the live tables, not the approved document
        request(self.unit_a, dt.date(2024, 11, 1), "person", "public", dt.date(2024, 11, 5))
        frozen = document_from_json(version.document)
        tables = read_tables_from_bytes(render_docx(frozen), "approved.docx")
        self.assertEqual(tables.table3.get("new", "total"), 3)
        self.assertEqual(tables.table3.get("public", "total"), 2)
        self.assertEqual(tables.table3.get("carried_out", "person"), 1)
        self.assertEqual(tables.table4.get("cases", "reconsideration.upheld"), 1)
        self.assertEqual(disclosure_report(self.unit_a, 2024).tables.table3.get("new", "total"), 4)
        self.assertEqual(frozen.signed_on, dt.date(2025, 1, 20))

    def test_next_years_draft_starts_from_this_years_words(self):
        report = self.write()
        section = report.sections.get(key="problems.text")
        actions.do_save_section(
            section,
            heading="",
            text="2024年依申请公开答复的规范性有待提高。2025年将加强培训。",
            revision=section.revision,
            acting_user=self.zhang,
        )
        nxt = actions.do_create_report(
            unit=self.unit_a, year=2025, acting_user=self.zhang, genre="disclosure"
        )
        self.assertEqual(
            nxt.sections.get(key="problems.text").text,
            "2025年依申请公开答复的规范性有待提高。2026年将加强培训。",
        )

    def test_sent_through_its_own_campaign_due_31_january(self):
        law = do_open_campaign(
            region=self.region1, year=2024, acting_user=self.han, today=dt.date(2025, 1, 2)
        )
        campaign = do_open_campaign(
            region=self.region1,
            year=2024,
            acting_user=self.han,
            genre="disclosure",
            today=dt.date(2025, 1, 2),
        )
        self.assertEqual(campaign.statutory_submit_due, dt.date(2025, 1, 31))
        self.assertEqual(campaign.publish_due, dt.date(2025, 1, 31))
        self.assertEqual(law.submit_due, dt.date(2025, 2, 28))
        self.assertEqual(str(campaign), "天津市南开区2024年政府信息公开工作年度报告报送")
        bulletin = bulletin_document(
            campaign, board_rows(campaign, today=dt.date(2025, 2, 3)), today=dt.date(2025, 2, 3)
        )
        self.assertEqual(bulletin.title, "关于2024年政府信息公开工作年度报告报送和公开情况的通报")
        self.assertIn("第四十九条", bulletin.preamble[1])
        self.assertIn("2025年1月31日", bulletin.preamble[1])
        report = Report.objects.get(unit=self.unit_a, year=2024, genre="disclosure")
        self.assertTrue(report.sections.filter(key="overview.text").exists())
        actions.do_submit_report(report, acting_user=self.zhang)
        actions.do_approve_report(report, acting_user=self.li)
        submission = do_send_report(report, acting_user=self.zhang, today=dt.date(2025, 1, 20))
        self.assertEqual(submission.participant.campaign, campaign)
        self.assertEqual(
            Report.objects.get(unit=self.unit_a, year=2024, genre="law").status, Report.Status.DRAFT
        )
        with self.assertRaises(FazhiError) as refused:  # its tables come from records, never a file
            do_upload_batch(campaign, files=[SimpleUploadedFile("年报.docx", b"x")], acting_user=self.han)
        self.assertEqual(refused.exception.code, "law-only")
        with self.assertRaises(FazhiError):  # one campaign per region, year and genre
            do_open_campaign(region=self.region1, year=2024, acting_user=self.han, genre="disclosure")
        self.assertEqual(Campaign.objects.filter(region=self.region1, year=2024).count(), 2)

    def test_published_on_the_portal_beside_the_rule_of_law_report(self):
        do_open_campaign(region=self.region1, year=2024, acting_user=self.han, genre="disclosure")
        report = Report.objects.get(unit=self.unit_a, year=2024, genre="disclosure")
        actions.do_submit_report(report, acting_user=self.zhang)
        actions.do_approve_report(report, acting_user=self.li, today=dt.date(2025, 1, 20))
        submission = do_send_report(report, acting_user=self.zhang, today=dt.date(2025, 1, 20))
        address = reverse("portal:show-disclosure-report", args=[self.unit_a.pk, 2024])
        self.client.logout()
        self.assertEqual(self.client.get(address).status_code, 404)  # nothing unpublished is public
        do_accept_submission(submission, acting_user=self.han)
        do_record_secrecy_review(
            report, reviewer="王保密", reviewed_on=dt.date(2025, 1, 22), acting_user=self.zhang
        )
        publication = do_publish_report(report, acting_user=self.li)
        self.assertEqual(publication.get_absolute_url(), address)
        self.assertEqual(address, f"/public/units/{self.unit_a.pk}/2024/disclosure/")
        page = self.client.get(address)
        self.assertContains(page, "甲局2024年政府信息公开工作年度报告")
        self.assertContains(page, 'data-table="3"')
        # the rule-of-law report of the same year has its own address, unpublished here
        self.assertEqual(
            self.client.get(reverse("portal:show-report", args=[self.unit_a.pk, 2024])).status_code, 404
        )
        unit_page = self.client.get(reverse("portal:show-unit", args=[self.unit_a.pk]))
        self.assertContains(unit_page, f'href="{address}"')
        found = self.client.get(reverse("portal:search"), {"q": "政府信息公开申请"})
        self.assertContains(found, f'href="{address}"')
        docx = self.client.get(publication.docx_url)
        tables = read_tables_from_bytes(_body(docx), "published.docx")
        self.assertEqual(tables.table3.get("carried_in", "total"), 1)

    def test_another_units_clerk_cannot_write_it(self):
        self.client.force_login(self.wang)
        response = self.client.post(reverse("disclosure:write-disclosure", args=[self.unit_a.pk, 2024]))
        self.assertIn(response.status_code, (403, 404))
        self.assertFalse(Report.objects.filter(genre="disclosure").exists())

    def test_the_download_is_the_draft_until_approved(self):
        report = self.write()
        url = reverse("disclosure:download-disclosure", args=[self.unit_a.pk, 2024, "docx"])
        response = self.client.get(url)
        self.assertIn("（草稿）", _filename(response))
        tables = read_tables_from_bytes(_body(response), "draft.docx")
        self.assertEqual(tables.table3.get("new", "total"), 3)
        actions.do_submit_report(report, acting_user=self.zhang)
        actions.do_approve_report(report, acting_user=self.li)
        response = self.client.get(url)
        self.assertIn("（第1版）", _filename(response))


def _filename(response) -> str:
    from urllib.parse import unquote

    return unquote(response["Content-Disposition"])


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content
