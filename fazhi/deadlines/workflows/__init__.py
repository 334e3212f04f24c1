"""The registry of workflows: one module per record kind with a statutory procedure.

Adding one is its module (steps, ``blocks``, ``schedule``, ``summary``, ``summary_fields``:
a ``Workflow`` cannot be built without any of them) plus a line here. Looked up by
the record's model: ``workflow_for(record)``.
"""

from __future__ import annotations

from typing import Any

from . import case, decision, proposal, request
from .base import (
    DONE,
    DONE_OR_NOT,
    NOT_APPLICABLE,
    StepLike,
    StepSpec,
    Workflow,
    after,
    allowed_steps,
    blocker,
    correction_pending,
    last,
)

WORKFLOWS: tuple[Workflow, ...] = (
    request.WORKFLOW,
    proposal.WORKFLOW,
    decision.WORKFLOW,
    case.WORKFLOW,
)
_BY_MODEL = {w.model: w for w in WORKFLOWS}


def workflow_for(record_or_model: Any) -> Workflow | None:
    """The workflow of a record (or of a ledger model), ``None`` for a ledger without one."""
    model = record_or_model if isinstance(record_or_model, type) else type(record_or_model)
    return _BY_MODEL.get(model)


__all__ = [
    "DONE",
    "DONE_OR_NOT",
    "NOT_APPLICABLE",
    "WORKFLOWS",
    "StepLike",
    "StepSpec",
    "Workflow",
    "after",
    "allowed_steps",
    "blocker",
    "correction_pending",
    "last",
    "workflow_for",
]
