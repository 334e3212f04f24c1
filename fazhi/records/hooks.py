"""What the layers above the ledger add to a record's life (docs/architecture.md#layers).

``records`` sits below ``deadlines`` and must not import it. ``deadlines`` registers
here, in its ``AppConfig.ready()``, what must follow a write (recompute the record's
due dates), precede a delete (drop its steps and due items), and which fields its
workflow steps own (read-only in the plain form once steps exist). The record
actions call these in their own transaction, so a failure rolls the write back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import Record

AfterWrite = Callable[..., Any]  # (record, *, acting_user) -> Any

_after_write: list[AfterWrite] = []
_before_delete: list[AfterWrite] = []
_owned_fields: list[Callable[[Record], frozenset[str]]] = []
_detail_panels: list[str] = []


def register(
    *,
    after_write: AfterWrite | None = None,
    before_delete: AfterWrite | None = None,
    owned_fields: Callable[[Record], frozenset[str]] | None = None,
    detail_panel: str | None = None,
) -> None:
    """``detail_panel``: a template included on a record's page with ``record`` in its context."""
    if detail_panel is not None and detail_panel not in _detail_panels:
        _detail_panels.append(detail_panel)
    for hooks, hook in (
        (_after_write, after_write),
        (_before_delete, before_delete),
        (_owned_fields, owned_fields),
    ):
        if hook is not None and hook not in hooks:
            hooks.append(hook)  # type: ignore[arg-type]


def record_written(record: Record, *, acting_user) -> None:
    for hook in _after_write:
        hook(record, acting_user=acting_user)


def record_deleting(record: Record, *, acting_user) -> None:
    for hook in _before_delete:
        hook(record, acting_user=acting_user)


def fields_owned_elsewhere(record: Record) -> frozenset[str]:
    """Fields of ``record`` that another part of the platform sets (e.g. from workflow steps)."""
    owned: frozenset[str] = frozenset()
    for hook in _owned_fields:
        owned |= hook(record)
    return owned


def detail_panels() -> list[str]:
    return list(_detail_panels)
