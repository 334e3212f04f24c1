"""A user's own notices: nobody reads another person's inbox."""

from __future__ import annotations

from fazhi.lib.errors import Refused

from .models import Notice


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def list_notices_for_user(user, *, limit: int = 100) -> list[Notice]:
    return list(Notice.objects.filter(recipient=user)[:limit])


def access_notice(user, notice_id: int) -> Notice:
    notice = Notice.objects.filter(pk=notice_id, recipient=user).first()
    if notice is None:
        raise Refused("消息不存在。", hidden=True)
    return notice
