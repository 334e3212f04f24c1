"""Evidence files handed to nginx (``FAZHI_X_ACCEL``, docs/deploy.md#nginx): after the same permission
check, an empty response naming the file in ``X-Accel-Redirect``; without the permission, no header."""

from __future__ import annotations

from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from fazhi.lib.tests.zips import pdf_of_pages
from fazhi.records.models import Attachment
from fazhi.security.models import AuditEntry
from fazhi.testing import BaseTestCase

PDF = pdf_of_pages(1)
NAME = "会议纪要（2024年第1次）.pdf"


@override_settings(FAZHI_X_ACCEL=True)
class XAccelTest(BaseTestCase):
    def setUp(self):
        record = self.make_study(self.unit_a)
        self.attachment = Attachment.objects.create(
            record=record,
            unit=record.unit,
            file=SimpleUploadedFile(NAME, PDF),
            original_name=NAME,
            size=len(PDF),
            uploaded_by=self.zhang,
        )
        self.url = reverse("records:download-attachment", args=[self.unit_a.pk, self.attachment.pk])

    def get(self, user, url=None):
        self.client.force_login(user)
        return self.client.get(url or self.url)

    def test_the_units_clerk_gets_an_empty_response_naming_the_file_for_nginx(self):
        response = self.get(self.zhang)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"")
        stored = self.attachment.file.name
        self.assertIn("会议纪要", stored)  # a Chinese name on disk: the header carries it percent-encoded
        self.assertEqual(response["X-Accel-Redirect"], "/protected-media/" + quote(stored))
        self.assertTrue(response["X-Accel-Redirect"].isascii())
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn(f"filename*=UTF-8''{quote(NAME)}", response["Content-Disposition"])
        self.assertTrue(response["Content-Disposition"].startswith("attachment;"))
        # Still a download in the security audit log, under its Chinese name.
        self.assertTrue(AuditEntry.objects.filter(action=AuditEntry.Action.DOWNLOAD, target=NAME).exists())

    def test_everyone_who_may_read_the_unit_gets_it_and_no_one_else(self):
        for user in (self.zhang, self.li, self.han, self.zhou, self.admin):
            response = self.get(user)
            self.assertEqual(response.status_code, 200, user.username)
            self.assertTrue(response["X-Accel-Redirect"].startswith("/protected-media/evidence/"))
        for user in (self.wang, self.chen, self.nobody):
            response = self.get(user)
            self.assertEqual(response.status_code, 404, user.username)
            self.assertFalse(response.has_header("X-Accel-Redirect"), user.username)
            self.assertNotIn(b"evidence/", response.content)

    def test_another_units_clerk_gets_nothing_through_the_url_of_their_own_unit(self):
        url = reverse("records:download-attachment", args=[self.unit_b.pk, self.attachment.pk])
        response = self.get(self.wang, url)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(response.has_header("X-Accel-Redirect"))

    def test_no_header_before_sign_in(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertFalse(response.has_header("X-Accel-Redirect"))

    @override_settings(FAZHI_X_ACCEL_LOCATION="/internal-evidence")
    def test_the_location_is_a_setting(self):
        response = self.get(self.zhang)
        self.assertTrue(response["X-Accel-Redirect"].startswith("/internal-evidence/evidence/"))

    @override_settings(FAZHI_X_ACCEL=False)
    def test_off_the_platform_sends_the_file_itself(self):
        response = self.get(self.zhang)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.has_header("X-Accel-Redirect"))
        self.assertEqual(b"".join(response.streaming_content), PDF)
