"""Password policy (等保2.0 二级 身份鉴别: 口令具有复杂度要求并定期更换), set in settings:

- ``FAZHI_PASSWORD_MIN_LENGTH`` (8): Django's ``MinimumLengthValidator`` reads it;
- ``FAZHI_PASSWORD_MIN_CLASSES`` (3): of upper-case letters, lower-case letters, digits and other
  characters, how many kinds a password must mix (``ComplexityValidator``);
- ``FAZHI_PASSWORD_MAX_AGE_DAYS`` (90; 0 turns it off): a password set longer ago must be
  changed at the next sign-in before anything else (``PasswordExpiryMiddleware``);
- an account given its initial password by someone else (the onboarding of a region,
  ``require_change``) must change it at its first sign-in, the same way, whatever the age. Any
  password set afterwards (``note_password_set``) clears that; the new password must differ from
  the one it replaces.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from .models import PasswordState

CLASSES = (
    ("大写字母", str.isupper),
    ("小写字母", str.islower),
    ("数字", str.isdigit),
    ("其他符号", lambda c: not (c.isascii() and c.isalnum())),
)
SESSION_FLAG = "fazhi_password_expired"  # why the password must be changed now: EXPIRED or INITIAL
EXPIRED = "expired"
INITIAL = "initial"


class ComplexityValidator:
    """At least ``min_classes`` of: upper case, lower case, digits, other characters."""

    def __init__(self, min_classes: int | None = None) -> None:
        self.min_classes = min_classes or getattr(settings, "FAZHI_PASSWORD_MIN_CLASSES", 3)

    def validate(self, password: str, user=None) -> None:
        used = {name for name, test in CLASSES if any(test(c) for c in password)}
        if len(used) < self.min_classes:
            raise ValidationError(
                f"密码须包含大写字母、小写字母、数字、其他符号中的至少{self.min_classes}种"
                f"（现在只有{'、'.join(n for n, _ in CLASSES if n in used) or '无'}）。",
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return f"密码须包含大写字母、小写字母、数字、其他符号中的至少{self.min_classes}种。"


def max_age_days() -> int:
    return int(getattr(settings, "FAZHI_PASSWORD_MAX_AGE_DAYS", 90) or 0)


def password_set_at(user) -> dt.datetime:
    state = PasswordState.objects.filter(user_id=user.pk).values_list("changed_at", flat=True).first()
    return state or user.date_joined


def password_expired(user, *, now: dt.datetime | None = None) -> bool:
    days = max_age_days()
    if not days or user is None or not getattr(user, "pk", None):
        return False
    return (now or timezone.now()) - password_set_at(user) > dt.timedelta(days=days)


def note_password_set(user_id: int) -> None:
    """The account's password was set now (a change, a reset, a new account)."""
    PasswordState.objects.update_or_create(
        user_id=user_id, defaults={"changed_at": timezone.now(), "must_change": False}
    )


def require_change(user_id: int) -> None:
    """The account's password was given to it by someone else: it must be changed at first sign-in."""
    PasswordState.objects.update_or_create(
        user_id=user_id,
        defaults={"must_change": True},
        create_defaults={"changed_at": timezone.now(), "must_change": True},
    )


def must_change(user) -> bool:
    """Is the account still on the initial password someone else gave it?"""
    if user is None or not getattr(user, "pk", None):
        return False
    return PasswordState.objects.filter(user_id=user.pk, must_change=True).exists()


def change_reason(user) -> str:
    """Why the password must be changed before anything else (``INITIAL``, ``EXPIRED``), or ``""``."""
    if must_change(user):
        return INITIAL
    return EXPIRED if password_expired(user) else ""


def check_at_login(request, user) -> None:
    """Once per sign-in (not per request): is the password the initial one, or past its age?"""
    if hasattr(request, "session"):
        request.session[SESSION_FLAG] = change_reason(user)


def change_message(reason) -> tuple[str, str]:
    """The Chinese sentence and the API code for a session that must change its password."""
    if reason == INITIAL:
        return (
            "这是您的首次登录：请先将管理员设置的初始密码修改为只有您自己知道的新密码。",
            "password-initial",
        )
    return f"密码已超过{max_age_days()}天未更换，请先修改密码。", "password-expired"


# Where a person whose password has expired may still go.
EXEMPT_PREFIXES = ("/static/", "/public/", "/healthz", "/logout/", "/login/")


class PasswordExpiryMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(
            EXEMPT_PREFIXES
        ):  # before the session is read: /healthz needs no database but its own
            return self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_FLAG):
            change = reverse("password-change")
            if not request.path.startswith(change):
                message, code = change_message(session.get(SESSION_FLAG))
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": message, "code": code}, status=403)
                messages.warning(request, message)
                return redirect(change)
        return self.get_response(request)


class NewPasswordForm(PasswordChangeForm):
    """Django's form, and the new password must not be the one it replaces (an initial password
    "changed" to itself would still be known to whoever set it)."""

    def clean(self):
        cleaned = super().clean()
        new = cleaned.get("new_password1")
        if new and new == cleaned.get("old_password"):
            self.add_error(
                "new_password1", ValidationError("新密码不能与原密码相同。", code="password_unchanged")
            )
        return cleaned


class ChangePassword(PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("home")
    form_class = NewPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session.pop(SESSION_FLAG, None)
        messages.success(self.request, "密码已修改。")
        return response
