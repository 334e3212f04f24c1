"""The permission matrix: every page and API route, for each role, own unit vs another unit.

Read: clerk/head of the unit, the supervisor of its region, the admin. Write: only
the unit's clerk and head. Records of a unit one may not read are a 404 (their
existence is not revealed); a write to a unit one may only read is a 403.
"""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.lib.tests.zips import pdf_of_pages
from fazhi.records.models import Attachment, StudySession
from fazhi.testing import BaseTestCase

PDF = pdf_of_pages(1)  # a real PDF: an upload must open as one (fazhi.lib.uploads)


class PermissionMatrixTest(BaseTestCase):
    def readers(self, unit):
        return {
            self.unit_a: {"zhang", "li", "han", "zhou", "guanliyuan"},
            self.unit_b: {"wang", "han", "zhou", "guanliyuan"},
            self.unit_c: {"chen", "zhou", "guanliyuan"},
        }[unit]

    def writers(self, unit):
        return {self.unit_a: {"zhang", "li"}, self.unit_b: {"wang"}, self.unit_c: {"chen"}}[unit]

    def cast(self):
        return [self.zhang, self.li, self.wang, self.chen, self.han, self.zhou, self.admin, self.nobody]

    def expected_read(self, user, unit) -> int:
        return 200 if user.username in self.readers(unit) else 404

    def expected_write(self, user, unit, ok: int) -> int:
        if user.username in self.writers(unit):
            return ok
        return 403 if user.username in self.readers(unit) else 404

    def attachment(self, record) -> Attachment:
        return Attachment.objects.create(
            record=record,
            unit=record.unit,
            file=SimpleUploadedFile("a.pdf", PDF),
            original_name="a.pdf",
            size=len(PDF),
            uploaded_by=self.zhang,
        )

    def check(self, user, method: str, url: str, expected: int, **kwargs) -> None:
        self.client.force_login(user)
        response = getattr(self.client, method)(url, **kwargs)
        self.assertEqual(response.status_code, expected, f"{user.username} {method.upper()} {url}")

    def test_it_lets_each_role_read_exactly_its_scope(self):
        for unit in (self.unit_a, self.unit_b, self.unit_c):
            record = self.make_study(unit)
            attachment = self.attachment(record)
            pages = [
                reverse("records:list-kinds", args=[unit.pk]),
                reverse("records:show-figures", args=[unit.pk, 2024]),
                reverse("records:list-records", args=[unit.pk, "study"]),
                reverse("records:show-record", args=[unit.pk, "study", record.pk]),
                reverse("records:export-records", args=[unit.pk, "study"]),
                reverse("records:download-attachment", args=[unit.pk, attachment.pk]),
                f"/api/units/{unit.pk}/figures?year=2024",
                f"/api/units/{unit.pk}/records/study?year=2024",
                f"/api/units/{unit.pk}/records/study/{record.pk}",
            ]
            for user in self.cast():
                for url in pages:
                    self.check(user, "get", url, self.expected_read(user, unit))

    def test_it_lets_only_the_units_clerk_and_head_write(self):
        for unit in (self.unit_a, self.unit_b, self.unit_c):
            for user in self.cast():
                record = self.make_study(unit)
                attachment = self.attachment(record)
                new = reverse("records:create-record", args=[unit.pk, "study"])
                self.check(user, "get", new, self.expected_write(user, unit, 200))
                data = {"date": "2024-06-01", "title": "新增学法", "form": "lecture", "attendees": "5"}
                self.check(user, "post", new, self.expected_write(user, unit, 302), data=data)
                edit = reverse("records:edit-record", args=[unit.pk, "study", record.pk])
                self.check(user, "get", edit, self.expected_write(user, unit, 200))
                self.check(user, "post", edit, self.expected_write(user, unit, 302), data=data)
                self.check(
                    user,
                    "get",
                    reverse("records:import-records", args=[unit.pk, "study"]),
                    self.expected_write(user, unit, 200),
                )
                upload = SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf")
                self.check(
                    user,
                    "post",
                    reverse("records:add-attachment", args=[unit.pk, "study", record.pk]),
                    self.expected_write(user, unit, 302),
                    data={"file": upload},
                )
                self.check(
                    user,
                    "post",
                    reverse("records:delete-attachment", args=[unit.pk, attachment.pk]),
                    self.expected_write(user, unit, 302),
                )
                self.check(
                    user,
                    "post",
                    f"/api/units/{unit.pk}/records/study",
                    self.expected_write(user, unit, 201),
                    data=json.dumps(data),
                    content_type="application/json",
                )
                self.check(
                    user,
                    "post",
                    reverse("records:delete-record", args=[unit.pk, "study", record.pk]),
                    self.expected_write(user, unit, 302),
                )
                still_there = StudySession.objects.filter(pk=record.pk).exists()
                self.assertEqual(still_there, user.username not in self.writers(unit), user.username)

    def test_it_applies_the_same_scope_to_report_pages(self):
        from fazhi.reports.actions import do_create_report

        clerks = {self.unit_a: self.zhang, self.unit_b: self.wang, self.unit_c: self.chen}
        for unit, clerk in clerks.items():
            report = do_create_report(unit=unit, year=2024, acting_user=clerk)
            section = report.sections.first()
            for user in self.cast():
                for url in (
                    reverse("reports:edit-report", args=[report.pk]),
                    reverse("reports:download-report", args=[report.pk, "docx"]),
                    reverse("reports:download-report", args=[report.pk, "html"]),
                ):
                    self.check(user, "get", url, self.expected_read(user, unit))
                section.refresh_from_db()
                self.check(
                    user,
                    "post",
                    reverse("reports:save-section", args=[report.pk, section.pk]),
                    self.expected_write(user, unit, 200),
                    data={
                        "heading": section.heading,
                        "text": f"{user.username}写的",
                        "revision": section.revision,
                    },
                    HTTP_ACCEPT="application/json",  # the editor's autosave
                )
        self.client.force_login(self.wang)
        names = {r.unit.name for r in self.client.get(reverse("reports:list-reports")).context["reports"]}
        self.assertEqual(names, {"乙局"})
        self.client.force_login(self.han)
        names = {r.unit.name for r in self.client.get(reverse("reports:list-reports")).context["reports"]}
        self.assertEqual(names, {"甲局", "乙局"})

    def test_it_does_not_reach_a_record_through_another_units_url(self):
        record = self.make_study(self.unit_b)
        self.client.force_login(self.zhang)
        url = reverse("records:show-record", args=[self.unit_a.pk, "study", record.pk])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_it_sends_anonymous_visitors_to_login(self):
        record = self.make_study(self.unit_a)
        for url in (
            "/",
            reverse("records:show-record", args=[self.unit_a.pk, "study", record.pk]),
            reverse("records:download-template", args=["study"]),
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn("/login/", response["Location"])
        self.assertEqual(self.client.get(f"/api/units/{self.unit_a.pk}/figures?year=2024").status_code, 401)
        self.assertEqual(self.client.get("/api/units").status_code, 401)

    def test_it_lists_only_readable_units_in_the_api(self):
        expected = {
            self.zhang: {"甲局"},
            self.wang: {"乙局"},
            self.chen: {"丙局"},
            self.han: {"甲局", "乙局"},
            self.zhou: {"甲局", "乙局", "丙局"},
            self.admin: {"甲局", "乙局", "丙局"},
            self.nobody: set(),
        }
        for user, names in expected.items():
            self.client.force_login(user)
            self.assertEqual({u["name"] for u in self.client.get("/api/units").json()}, names, user.username)

    def test_it_shows_the_supervisor_only_its_regions_units_on_the_home_page(self):
        self.client.force_login(self.han)
        page = self.client.get("/").content.decode()
        self.assertIn("甲局", page)
        self.assertIn("乙局", page)
        self.assertNotIn("丙局", page)

    def test_it_refuses_an_api_write_without_csrf_token(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(self.zhang)
        response = client.post(
            f"/api/units/{self.unit_a.pk}/records/study",
            data=json.dumps({"date": "2024-06-01", "title": "x", "form": "lecture"}),
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(StudySession.objects.filter(title="x").exists())

    def test_it_refuses_a_page_write_without_csrf_token(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(self.zhang)
        response = client.post(
            reverse("records:create-record", args=[self.unit_a.pk, "study"]),
            {"date": "2024-06-01", "title": "y", "form": "lecture"},
        )
        self.assertEqual(response.status_code, 403)
        self.assertIn("请刷新页面后重新提交", response.content.decode())
        self.assertFalse(StudySession.objects.filter(title="y").exists())
