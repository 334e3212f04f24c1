"""Refuse an oversized request before its body is read or spooled to disk."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse

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
