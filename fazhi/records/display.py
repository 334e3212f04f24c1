"""A record's values as people read them: on list and detail pages, in Excel, in the history."""

from __future__ import annotations


def readable(field, value):
    """A field's value as people read it: a choice's label, 是/否 for a flag; other values unchanged."""
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def readable_text(record, name: str) -> str:
    value = readable(record._meta.get_field(name), getattr(record, name))
    return "" if value is None else str(value)
