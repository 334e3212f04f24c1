"""Attribution for django-simple-history outside a request."""


def person(user):
    """The user to name in history: the SYSTEM actor of commands and jobs is no person (None)."""
    return user if getattr(user, "pk", None) is not None else None


def attributed(obj, user):
    # simple-history takes the user from the request in views; outside a request
    # (import, CLI, demo loader, commands) it reads this attribute.
    obj._history_user = person(user)
    return obj


def save_changes(obj, values: dict, acting_user, *, validate: bool = False) -> list[str]:
    """Set the fields whose value differs and save only those (and ``updated_at``), attributed.

    A new row is saved whole. Nothing is written when nothing changed, so the history
    holds no empty edits. Returns the names of the changed fields.
    """
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if validate and (changed or obj.pk is None):
        obj.full_clean()
    if obj.pk is None:
        attributed(obj, acting_user).save()
    elif changed:
        attributed(obj, acting_user).save(update_fields=[*changed, "updated_at"])
    return changed
