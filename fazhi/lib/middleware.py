"""Refuse an oversized request before its body is read or spooled to disk; renew a session's
idle expiry without writing the session on every request."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

# Room for the form fields and multipart framing around the largest allowed file.
FORM_OVERHEAD = 1024 * 1024


class RequestSizeLimitMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.FAZHI_MAX_UPLOAD_BYTES + FORM_OVERHEAD
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            mb = settings.FAZHI_MAX_UPLOAD_BYTES // (1024 * 1024)
            return HttpResponse(
                f"上传内容过大（{length / 1024 / 1024:.1f} MB）：单个文件不能超过 {mb} MB，请压缩或拆分后重新上传。",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


# The session's idle expiry (SESSION_COOKIE_AGE, 30 minutes) is renewed by saving the session. Saving
# on every request (SESSION_SAVE_EVERY_REQUEST) is a database write per page; renewing only when
# this long has passed since the last renewal keeps the write to one every few minutes. A user idle
# for SESSION_COOKIE_AGE is always signed out; one idle for SESSION_COOKIE_AGE minus this may be.
SESSION_REFRESH_SECONDS = 5 * 60
REFRESHED_AT = "_fazhi_refreshed_at"  # when the session's expiry was last renewed (a timestamp)


class SessionRefreshMiddleware:
    """Renews a signed-in session's expiry at most every ``SESSION_REFRESH_SECONDS`` (placed after
    ``SessionMiddleware``, which saves a session this marks as modified)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # No cookie, or a session just flushed (signed out): nothing to renew, nothing read.
        if session is None or session.session_key is None or session.is_empty():
            return response
        now = timezone.now().timestamp()
        if now - session.get(REFRESHED_AT, 0) >= SESSION_REFRESH_SECONDS:
            session[REFRESHED_AT] = now  # modified: SessionMiddleware saves it with a new expiry
        return response
