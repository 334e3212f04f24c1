from __future__ import annotations

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from fazhi.testing import BaseTestCase


class LoginTest(BaseTestCase):
    def test_it_locks_an_account_after_five_failures(self):
        for _ in range(5):
            self.client.post("/login/", {"username": "zhang", "password": "wrong"})
        response = self.client.post("/login/", {"username": "zhang", "password": "Pw-for-tests-1"})
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "账号已被锁定", status_code=429)

    def test_it_logs_in_with_the_right_password(self):
        response = self.client.post("/login/", {"username": "zhang", "password": "Pw-for-tests-1"})
        self.assertRedirects(response, "/")
        self.assertContains(self.client.get("/"), "甲局")

    def test_it_refuses_weak_passwords(self):
        with self.assertRaises(ValidationError):
            validate_password("12345678")

    @override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
    def test_it_hashes_passwords_with_argon2_in_production_settings(self):
        self.zhang.set_password("Another-pass-9")
        self.assertTrue(self.zhang.password.startswith("argon2"))

    def test_sessions_expire_after_thirty_idle_minutes(self):
        # Renewed every 5 minutes by SessionRefreshMiddleware, not saved on every request
        # (the behaviour itself: fazhi/lib/tests/test_session_refresh.py).
        self.assertEqual(settings.SESSION_COOKIE_AGE, 1800)
        self.assertFalse(settings.SESSION_SAVE_EVERY_REQUEST)
        self.assertIn("fazhi.lib.middleware.SessionRefreshMiddleware", settings.MIDDLEWARE)


class LanguageTest(BaseTestCase):
    def test_it_speaks_chinese_to_an_english_browser(self):
        self.client.force_login(self.admin)
        self.admin.is_staff = self.admin.is_superuser = True
        self.admin.save()
        page = self.client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(page, "法治政府建设平台 · 系统管理")
        self.assertContains(page, "注销")
        form = self.client.get("/units/999/records/study/new/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(form, "单位不存在或无权查看", status_code=404)


class RulesPermissionTest(BaseTestCase):
    def test_the_rules_permissions_say_what_the_door_says(self):
        A, B, C, none = "甲局", "乙局", "丙局", set()
        # user: read, write, approve, supervise, publish
        expected = {
            "zhang": ({A}, {A}, none, none, none),
            "li": ({A}, {A}, {A}, none, {A}),
            "wang": ({B}, {B}, none, none, none),
            "chen": ({C}, {C}, none, none, none),
            "han": ({A, B}, none, none, {A, B}, {A, B}),
            "zhou": ({A, B, C}, none, none, {A, B, C}, {A, B, C}),
            "guanliyuan": ({A, B, C}, none, none, none, none),
            "nobody": (none, none, none, none, none),
        }
        units = [self.unit_a, self.unit_b, self.unit_c]
        needs = ("read", "write", "approve", "supervise", "publish")
        for user in (self.zhang, self.li, self.wang, self.chen, self.han, self.zhou, self.admin, self.nobody):
            for need, names in zip(needs, expected[user.username], strict=True):
                granted = {u.name for u in units if user.has_perm(f"orgs.{need}_unit", u)}
                self.assertEqual(granted, names, f"{user.username} {need}")
