"""A file the browser saves under its Chinese name."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote

from django.http import HttpResponse


def download_response(content: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    """``filename*`` carries the Chinese name (RFC 6266); ``filename`` an ASCII fallback for old clients."""
    response = HttpResponse(content, content_type=content_type)
    suffix = PurePosixPath(filename).suffix
    response["Content-Disposition"] = (
        f"attachment; filename=\"download{suffix}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
