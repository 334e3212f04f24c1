"""No inline script, handler or style in any template, a Content-Security-Policy that allows none,
and the other headers of every answer: Referrer-Policy, X-Content-Type-Options, Cache-Control
(``no-store`` on everything with a unit's data; the public portal may be cached); ``/healthz``."""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse

from fazhi.testing import BaseTestCase

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted([*(ROOT / "templates").rglob("*.html"), *(ROOT / "fazhi").glob("*/templates/**/*.html")])

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"<[a-z][^>]*?\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*?\sstyle\s*=", re.IGNORECASE | re.DOTALL)
STYLE_TAG = re.compile(r"<style\b", re.IGNORECASE)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)
HTMX_EVAL = re.compile(r"\shx-on[:\-]|\shx-vals\s*=\s*[\"']\s*js:", re.IGNORECASE)


def inline_code(html: str) -> list[str]:
    """What a strict policy would refuse to run or apply, as found in the text."""
    found = []
    for attrs in SCRIPT_TAG.findall(html):
        if "src=" not in attrs and 'type="application/json"' not in attrs:
            found.append(f"<script{attrs}>")
    for pattern in (HANDLER, STYLE_ATTRIBUTE, STYLE_TAG, JS_URL, HTMX_EVAL):
        found += [m.group(0)[-60:] for m in pattern.finditer(html)]
    return found


def test_the_templates_are_found():
    assert len(TEMPLATES) > 40
    assert ROOT / "templates" / "base.html" in TEMPLATES


def test_no_template_has_inline_script_handlers_or_styles():
    found = {str(t.relative_to(ROOT)): inline_code(t.read_text(encoding="utf-8")) for t in TEMPLATES}
    assert {name: code for name, code in found.items() if code} == {}


def test_the_check_finds_each_kind_of_inline_code():
    samples = [
        "<script>alert(1)</script>",
        '<select onchange="this.form.submit()">',
        '<form method="post"\n      onsubmit="return confirm(1)">',
        '<body style="margin: 0">',
        "<style>p{}</style>",
        '<a href="javascript:void(0)">',
        '<button hx-on:click="go()">',
    ]
    for sample in samples:
        assert inline_code(sample), sample
    allowed = (
        '<script src="/static/js/fazhi.js" defer></script><script id="d" type="application/json">{}</script>'
    )
    assert inline_code(allowed + '<p class="hint">onwards</p>') == []


class HeadersTest(BaseTestCase):
    def test_every_page_carries_the_policy_and_the_security_headers(self):
        for url in ("/login/", "/public/"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            policy = response["Content-Security-Policy"]
            self.assertIn("script-src 'self'", policy)
            self.assertIn("style-src 'self'", policy)
            self.assertIn("object-src 'none'", policy)
            self.assertIn("frame-ancestors 'none'", policy)
            self.assertNotIn("unsafe-inline", policy)
            self.assertNotIn("unsafe-eval", policy)
            self.assertEqual(response["Referrer-Policy"], "same-origin")
            self.assertEqual(response["X-Content-Type-Options"], "nosniff")
            self.assertEqual(response["X-Frame-Options"], "DENY")

    def test_pages_and_files_with_unit_data_are_not_stored_and_the_portal_may_be(self):
        self.make_study(self.unit_a)
        self.client.force_login(self.zhang)
        for url in (
            "/",
            reverse("records:list-records", args=[self.unit_a.pk, "study"]),
            reverse("records:export-records", args=[self.unit_a.pk, "study"]),
            "/api/units",
            "/login/",
        ):
            response = self.client.get(url)
            self.assertIn(response.status_code, (200, 302), url)
            self.assertEqual(response["Cache-Control"], "no-store", url)
        self.assertNotIn("no-store", self.client.get("/public/").get("Cache-Control", ""))

    def test_the_rendered_pages_have_no_inline_script(self):
        """Templates from the apps Django and others bring (the admin) count too."""
        self.admin.is_staff = self.admin.is_superuser = True
        self.admin.save()
        study = self.make_study(self.unit_a)
        pages = {
            self.zhang: [
                "/",
                reverse("records:show-record", args=[self.unit_a.pk, "study", study.pk]),
                reverse("records:show-figures", args=[self.unit_a.pk, 2024]),
            ],
            self.han: ["/", reverse("home:show-region-figures", args=[self.region1.pk, 2024])],
            self.admin: [
                "/admin/",
                reverse("admin:orgs_role_add"),
                reverse("admin:security_auditentry_changelist"),
            ],
        }
        for user, urls in pages.items():
            self.client.force_login(user)
            for url in urls:
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200, url)
                html = response.content.decode()
                scripts = [s for s in inline_code(html) if s.startswith("<script")]
                self.assertEqual(scripts, [], url)


class HealthTest(BaseTestCase):
    def test_it_answers_ok_when_the_database_answers(self):
        response = self.client.get("/healthz")
        self.assertEqual((response.status_code, response.content), (200, b"ok"))
        self.assertEqual(response["Cache-Control"], "no-store")

    def test_it_answers_503_when_the_database_does_not(self):
        with mock.patch("fazhi.ops.views.connection") as connection:
            connection.cursor.side_effect = OperationalError("connection refused")
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)

    @override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^healthz$"])
    def test_it_answers_over_plain_http_when_https_is_enforced(self):
        self.assertEqual(self.client.get("/healthz").status_code, 200)
        self.assertEqual(self.client.get("/login/").status_code, 301)
