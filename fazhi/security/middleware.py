"""Binds the request being served to the audit log (who, from which address) and logs what a
signed-in person takes away — every response sent as a file (``Content-Disposition: attachment``:
Excel exports, report downloads, evidence files, zips) — and every refusal (403)."""

from __future__ import annotations

import re
from urllib.parse import unquote

from . import audit
from .models import AuditEntry

FILENAME = re.compile(r"filename\*=UTF-8''([^;]+)|filename=\"([^\"]*)\"", re.IGNORECASE)


def _filename(disposition: str) -> str:
    found = FILENAME.findall(disposition)
    utf8 = [unquote(a) for a, _ in found if a]  # RFC 6266: filename* (the Chinese name) comes first
    plain = [b for a, b in found if not a]
    return (utf8 or plain or [""])[0]


def _size(response) -> int | None:
    if response.has_header("X-Accel-Redirect"):
        return None  # nginx sends the file: its size is not in this answer
    if response.has_header("Content-Length"):
        return int(response["Content-Length"])
    return None if response.streaming else len(response.content)


class AuditMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        token = audit.bind_request(request)
        try:
            response = self.get_response(request)
            self._log(request, response)
        finally:
            audit.unbind_request(token)
        return response

    def _log(self, request, response) -> None:
        disposition = response.get("Content-Disposition", "")
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if response.status_code == 200 and disposition.startswith("attachment") and signed_in:
            match = getattr(request, "resolver_match", None)
            audit.record(
                AuditEntry.Action.DOWNLOAD,
                target=_filename(disposition) or request.path,
                detail={
                    "path": request.path,
                    "query": request.GET.dict(),
                    "view": match.view_name if match else "",
                    "bytes": _size(response),
                },
            )
        elif response.status_code == 403:
            audit.record(
                AuditEntry.Action.REFUSED,
                target=request.path[:300],
                detail={"method": request.method, "path": request.path},
            )
