"""Password policy (等保2.0 二级 身份鉴别): length and a mix of character kinds, configurable; a
password older than FAZHI_PASSWORD_MAX_AGE_DAYS must be changed at sign-in before anything else."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from fazhi.security.models import PasswordState
from fazhi.security.passwords import ComplexityValidator, password_expired
from fazhi.testing import BaseTestCase

PASSWORD = "Pw-for-tests-1"


class ComplexityTest(BaseTestCase):
    def test_a_password_mixes_three_kinds_of_characters(self):
        for weak in ("abcdefghij", "abcdefgh12", "ABCDEFGH12", "Abcdefghij"):
            with self.assertRaises(ValidationError, msg=weak) as raised:
                validate_password(weak)
            self.assertTrue(any("至少3种" in m for m in raised.exception.messages), raised.exception.messages)
        for strong in ("Abcdefgh12", "abcdefg1-x", "Fazhi@2024demo", "法治政府2024abc"):
            validate_password(strong)

    def test_length_and_kinds_are_set_in_settings(self):
        with self.assertRaises(ValidationError):
            validate_password("Ab1-xyz")  # 7 characters
        ComplexityValidator(min_classes=4).validate("Abcdefgh-1")
        with self.assertRaises(ValidationError):
            ComplexityValidator(min_classes=4).validate("Abcdefgh12")
        with override_settings(
            AUTH_PASSWORD_VALIDATORS=[
                {
                    "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
                    "OPTIONS": {"min_length": 12},
                }
            ]
        ):
            with self.assertRaises(ValidationError):
                validate_password("Abcdefgh-12")


class ExpiryTest(BaseTestCase):
    def sign_in(self):
        return self.client.post("/login/", {"username": "zhang", "password": PASSWORD})

    def test_a_password_set_90_days_ago_must_be_changed_before_anything_else(self):
        PasswordState.objects.filter(user=self.zhang).update(
            changed_at=timezone.now() - dt.timedelta(days=91)
        )
        self.assertTrue(password_expired(self.zhang))
        self.sign_in()
        home = self.client.get("/")
        self.assertRedirects(home, "/password/", fetch_redirect_response=False)
        page = self.client.get("/password/")
        self.assertContains(page, "密码已超过90天未更换")
        self.assertEqual(self.client.get("/api/units").status_code, 403)
        self.assertEqual(self.client.get("/healthz").status_code, 200)
        changed = self.client.post(
            "/password/",
            {"old_password": PASSWORD, "new_password1": "Neues-Pw-2025", "new_password2": "Neues-Pw-2025"},
        )
        self.assertRedirects(changed, "/")
        self.assertEqual(self.client.get("/").status_code, 200)
        self.assertFalse(password_expired(self.zhang))

    def test_a_fresh_password_passes_and_expiry_can_be_turned_off(self):
        self.sign_in()
        self.assertEqual(self.client.get("/").status_code, 200)
        with time_machine.travel(timezone.now() + dt.timedelta(days=200)):
            self.assertTrue(password_expired(self.zhang))
            with override_settings(FAZHI_PASSWORD_MAX_AGE_DAYS=0):
                self.assertFalse(password_expired(self.zhang))

    def test_the_same_password_hashed_anew_does_not_count_as_a_change(self):
        PasswordState.objects.filter(user=self.zhang).update(
            changed_at=timezone.now() - dt.timedelta(days=91)
        )
        self.zhang.set_password(PASSWORD)  # what Django does when it upgrades the hasher at sign-in
        self.zhang.save(update_fields=["password"])
        self.assertTrue(password_expired(self.zhang))
        self.zhang.set_password("Another-pass-9")
        self.zhang.save()
        self.assertFalse(password_expired(self.zhang))

    def test_the_change_page_refuses_a_weak_password(self):
        self.sign_in()
        page = self.client.post(
            "/password/",
            {"old_password": PASSWORD, "new_password1": "abcdefghij", "new_password2": "abcdefghij"},
        )
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "至少3种")
