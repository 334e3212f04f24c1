"""The registry of record kinds: one entry per ledger, read by the generic views, the Excel
import/export, the API and the figure computation.

Each kind is one module here (``study.py`` ...) holding its model and its ``KIND``. Adding a kind
is its module plus its line in ``REGISTRY`` (and a migration). ``REGISTRY`` order is the order of
pages and menus. The slugs are the ``kind`` names used by the indicator catalogue.

Django loads this package from ``fazhi.records.models`` (the app's models module), which imports
each kind's model from here; so every model is registered at start-up.
"""

from __future__ import annotations

from django.http import Http404

from . import (
    case,
    decision,
    disclosure,
    exam,
    hearing,
    meeting,
    normdoc,
    proposal,
    publicity,
    request,
    review,
    rule,
    study,
    training,
)
from .base import RecordKind

REGISTRY: tuple[RecordKind, ...] = (
    study.KIND,
    exam.KIND,
    training.KIND,
    publicity.KIND,
    rule.KIND,
    meeting.KIND,
    decision.KIND,
    review.KIND,
    normdoc.KIND,
    disclosure.KIND,
    request.KIND,
    proposal.KIND,
    case.KIND,
    hearing.KIND,
)

KINDS: dict[str, RecordKind] = {kind.slug: kind for kind in REGISTRY}
_BY_MODEL: dict[type, RecordKind] = {kind.model: kind for kind in REGISTRY}

__all__ = ["KINDS", "REGISTRY", "RecordKind", "get_kind", "kind_for"]


def get_kind(slug: str) -> RecordKind:
    try:
        return KINDS[slug]
    except KeyError:
        raise Http404("没有这种台账") from None


def kind_for(model_or_record) -> RecordKind:
    """The kind of a ledger model, or of one of its records."""
    model = model_or_record if isinstance(model_or_record, type) else type(model_or_record)
    try:
        return _BY_MODEL[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not a record kind") from None
