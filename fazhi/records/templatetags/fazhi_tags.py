from django import template

register = template.Library()


@register.filter
def who(user, fallback: str = "系统") -> str:
    """A user's display name: full name, else username, else the fallback (e.g. a bulk load)."""
    if user is None:
        return fallback
    return user.get_full_name() or user.username
