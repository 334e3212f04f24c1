"""``{% workflow_panel record %}`` on a record's page and ``{% due_panel %}`` on the home page."""

from __future__ import annotations

from django import template
from django.utils import timezone

from fazhi.orgs.access import Need, allows
from fazhi.records.kinds import kind_for

from ..actions.steps import steps_revision
from ..forms import StepForm
from ..models import WorkflowStep
from ..queries import (
    list_due_items_for_record,
    list_due_items_for_user,
    list_steps_for_record,
    steps_in_recorded_order,
)
from ..workflows import allowed_steps, workflow_for

register = template.Library()


@register.inclusion_tag("deadlines/_workflow_panel.html", takes_context=True)
def workflow_panel(context, record) -> dict:
    request = context["request"]
    kind = kind_for(record)
    workflow = workflow_for(record)
    if workflow is None or not allows(request.user, record.unit_id, Need.READ):
        return {"workflow": None}
    today = timezone.localdate()
    case_type = record.case_type if kind.slug == "case" else ""
    allowed, steps = [], steps_in_recorded_order(record)
    if allows(request.user, record.unit_id, Need.WRITE):
        allowed = allowed_steps(workflow, steps, case_type=case_type)
    # A step refused because someone recorded another since (views.record_step): its form comes
    # back as the user filled it in, open, with the message.
    refused = context.get("refused_step")
    forms = {spec.code: _form(spec.code, today) for spec in allowed}
    if refused is not None and refused["code"] in forms:
        forms[refused["code"]] = refused["form"]
    elif refused is not None:  # that step is no longer open: what was filled in, to read
        form = refused["form"]
        refused = refused | {
            "typed": [(f.label, form.data[f.name]) for f in form if not f.is_hidden and form.data.get(f.name)]
        }
    return {
        "workflow": workflow,
        "record": record,
        "kind": kind,
        "today": today,
        "csrf_token": context.get("csrf_token"),
        "steps": [_shown(step, workflow) for step in list_steps_for_record(record)],
        "items": list_due_items_for_record(record),
        "next_steps": [(spec, forms[spec.code]) for spec in allowed],
        "revision": steps_revision(steps),
        "refused": refused,
    }


def _form(code: str, today) -> StepForm:
    # Field names as the step view reads them (no prefix); ids apart, one form per step on the page.
    return StepForm(initial={"code": code, "date": today}, auto_id=f"id_{code}_%s")


def _shown(step: WorkflowStep, workflow) -> dict:
    spec = workflow.step(step.code)
    results = spec.result_labels if spec else {}
    details = [
        results.get(step.result, step.result),
        step.get_reviewer_display(),
        step.get_court_level_display(),
    ]
    if step.head_appeared is not None:
        details.append("负责人出庭/参加" if step.head_appeared else "负责人未出庭/未参加")
    if step.days:
        details.append(f"{step.days}{'个工作日' if step.code == 'extension' else '日'}")
    return {
        "step": step,
        "label": spec.label if spec else step.code,
        "details": [d for d in details if d],
        "note_label": spec.note_label if spec else "说明",
    }


@register.inclusion_tag("deadlines/_due_panel.html", takes_context=True)
def due_panel(context, limit: int = 10) -> dict:
    request = context["request"]
    today = timezone.localdate()
    return {
        "overview": list_due_items_for_user(request.user, today=today, limit=limit),
        "limit": limit,
        "full_page": False,
    }


@register.filter
def days_left(item, today) -> str:
    left = item.days_left(today)
    if left is None:
        return ""
    if left < 0:
        return f"逾期{-left}天"
    return "今天到期" if left == 0 else f"还剩{left}天"
