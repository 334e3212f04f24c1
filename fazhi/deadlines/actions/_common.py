"""Shared by the actions modules: attribution for history, and today's date."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def _attributed(obj, user):
    # simple-history reads the user from the request in views; outside one, from this attribute.
    obj._history_user = user
    return obj


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()
