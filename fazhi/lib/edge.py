"""Where a ``FazhiError`` becomes an answer: one place for pages, htmx fragments, the API and the CLI.

- ``Refused``: the 403 page (or 404 when existence is hidden), its message as plain
  text for an htmx request, JSON for the API;
- any other ``FazhiError`` on a page: after a form post, the message is flashed and
  the user goes back to the page the form was on, nothing having been written;
  otherwise an error page with the message; for htmx the message with 409;
- the CLI prints ``错误：…`` to stderr and exits 2.

A number in a page's path (``<int:…>``) that no database column can hold (beyond 64 bits) is
"not found" here, before any view asks the database with it.
"""

from __future__ import annotations

import sys

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from .errors import FazhiError, Refused

TEXT = "text/plain; charset=utf-8"
PATH_INT_MAX = 2**63 - 1  # a BIGINT: every id and number of a path fits, or no row has it


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def page_response(request: HttpRequest, exc: FazhiError) -> HttpResponse:
    if is_htmx(request):
        return HttpResponse(
            exc.message, status=exc.status if isinstance(exc, Refused) else 409, content_type=TEXT
        )
    if isinstance(exc, Refused):
        template = "404.html" if exc.hidden else "403.html"
        return render(request, template, {"exception": exc.message}, status=exc.status)
    if request.method == "POST":
        messages.error(request, exc.message)
        return redirect(_back(request))
    return render(request, "400.html", {"exception": exc.message}, status=exc.status)


def _back(request: HttpRequest) -> str:
    """The page the form was posted from (same site only), else the home page."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return "/"


def api_payload(exc: FazhiError) -> tuple[dict, int]:
    return {"detail": exc.message, "code": exc.code}, exc.status


def cli_exit(exc: FazhiError) -> int:
    print(f"错误：{exc.message}", file=sys.stderr)
    return 2


class FazhiErrorMiddleware:
    """Turns a ``FazhiError`` raised by any view into its answer (``page_response``)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not 0 <= value <= PATH_INT_MAX:
                raise Http404(f"编号“{value}”超出范围：没有这样的记录。")

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, FazhiError):
            return page_response(request, exception)
        return None
