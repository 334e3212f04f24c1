"""Pages and files with a unit's data are never kept by a browser or a proxy
(``Cache-Control: no-store``); the public portal (``/public/``) may be cached."""

from __future__ import annotations

CACHEABLE = ("/public/",)


class NoStoreMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(CACHEABLE):
            response["Cache-Control"] = "no-store"
        return response
