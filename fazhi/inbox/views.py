"""The inbox page: one's notices, newest first; opening one marks it read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import actions, queries


@login_required
def inbox(request):
    return render(request, "inbox/inbox.html", {"notices": queries.list_notices_for_user(request.user)})


@login_required
@require_POST
def open_notice(request, notice_id: int):
    notice = queries.access_notice(request.user, notice_id)
    actions.do_mark_notices_read(acting_user=request.user, ids=[notice.pk])
    safe = url_has_allowed_host_and_scheme(notice.url, allowed_hosts={request.get_host()})
    return redirect(notice.url if notice.url and safe else "inbox:list-notices")


@login_required
@require_POST
def mark_all_read(request):
    actions.do_mark_notices_read(acting_user=request.user)
    return redirect("inbox:list-notices")
