"""Writing to inboxes: notices (a consequence of other actions), and reading one's own."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from fazhi.orgs.access import Need, door

from .models import Notice

log = logging.getLogger(__name__)


def notify(recipients: Iterable, *, kind: str, title: str, url: str = "", key: str) -> list[Notice]:
    """One notice per recipient for ``key``; a recipient who already has it gets nothing new.

    Called inside the action that causes it (sending, returning, the daily reminders). Mail
    goes too when ``FAZHI_NOTICE_EMAIL`` is set, after the transaction commits.
    """
    people = {user.pk: user for user in recipients if user is not None and user.pk is not None}
    known = set(
        Notice.objects.filter(recipient_id__in=people, key=key).values_list("recipient_id", flat=True)
    )
    fresh = [
        Notice(recipient=user, kind=kind, title=title[:200], url=url, key=key[:120])
        for pk, user in people.items()
        if pk not in known
    ]
    Notice.objects.bulk_create(fresh, ignore_conflicts=True)
    if fresh and getattr(settings, "FAZHI_NOTICE_EMAIL", False):
        addresses = [n.recipient.email for n in fresh if n.recipient.email]
        if addresses:
            transaction.on_commit(lambda: _mail(title, url, addresses))
    return fresh


def _mail(title: str, url: str, addresses: list[str]) -> None:
    base = getattr(settings, "FAZHI_SITE_URL", "").rstrip("/")
    body = f"{title}\n\n{base}{url}\n\n（法治政府建设平台自动发送，请勿回复）"
    try:
        send_mail(f"【法治政府建设平台】{title}", body, None, addresses)
    except OSError:
        log.exception("通知邮件发送失败：%s", title)  # the in-app notice stands; mail is a courtesy


@door(Need.OWN)
@transaction.atomic
def do_mark_notices_read(*, acting_user, ids: Iterable[int] | None = None) -> int:
    """Mark the acting user's own notices read (all of them, or ``ids``); never anyone else's."""
    unread = Notice.objects.filter(recipient=acting_user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
