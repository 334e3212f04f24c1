"""Attribution for django-simple-history outside a request."""


def attributed(obj, user):
    # simple-history takes the user from the request in views; outside a request
    # (import, CLI, demo loader, commands) it reads this attribute.
    obj._history_user = user
    return obj
