"""Shared by the actions modules: today's date."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()
