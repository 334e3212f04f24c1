"""A file the browser saves under its Chinese name: made here, or stored under MEDIA_ROOT.

A stored file (evidence, an uploaded report) is read from disk by this process, or, with
``FAZHI_X_ACCEL`` on and nginx in front (docs/deploy.md#nginx), handed to nginx: the view has
checked the permission, the response is empty and names the file in ``X-Accel-Redirect``, and
nginx sends it from an ``internal`` location (``FAZHI_X_ACCEL_LOCATION``, ``/protected-media/``)
that no browser can ask for itself.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase

X_ACCEL_LOCATION = "/protected-media/"


def attachment_disposition(filename: str) -> str:
    """``filename*`` carries the Chinese name (RFC 6266); ``filename`` an ASCII fallback for old clients."""
    suffix = PurePosixPath(filename).suffix
    return f"attachment; filename=\"download{suffix}\"; filename*=UTF-8''{quote(filename)}"


def download_response(content: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment_disposition(filename)
    return response


def stored_file_response(stored: FieldFile, *, filename: str) -> HttpResponseBase:
    """A stored file as an attachment named ``filename``; call it only after the permission check.

    ``FAZHI_X_ACCEL`` off (the default): this process streams the file. On: an empty body and
    ``X-Accel-Redirect: /protected-media/<name>``, the name percent-encoded as nginx expects
    (it decodes it, and refuses ``..``). nginx keeps Content-Type, Content-Disposition, Cache-Control
    and Set-Cookie from this response; the other headers are set again in its internal location.
    """
    if not getattr(settings, "FAZHI_X_ACCEL", False):
        return FileResponse(stored.open("rb"), as_attachment=True, filename=filename)
    name = stored.name or ""
    if not name or name.startswith("/") or ".." in PurePosixPath(name).parts:
        raise ValueError(f"not a name under MEDIA_ROOT: {name!r}")
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = HttpResponse(b"", content_type=content_type)
    location = getattr(settings, "FAZHI_X_ACCEL_LOCATION", X_ACCEL_LOCATION).rstrip("/") + "/"
    response["X-Accel-Redirect"] = location + quote(name)
    response["Content-Disposition"] = attachment_disposition(filename)
    return response
