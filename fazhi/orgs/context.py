"""Template context: the signed-in user's scope, for the navigation bar."""

from django.utils import timezone

from .access import scope_for
from .queries import primary_unit


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    return {"fazhi_scope": scope, "fazhi_unit": primary_unit(user), "fazhi_year": timezone.localdate().year}
