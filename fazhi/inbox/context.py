"""The unread count beside 消息 in the navigation bar."""

from .queries import unread_count


def unread(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"fazhi_unread": unread_count(user)}
