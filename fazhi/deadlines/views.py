"""Recording a workflow step on a record, and the full list of what is due: parse → access → act → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.lib.errors import FazhiError
from fazhi.orgs.access import Need
from fazhi.records.actions import StaleEdit
from fazhi.records.kinds import get_kind
from fazhi.records.queries import access_record
from fazhi.records.views import render_record

from . import actions
from .forms import StepForm
from .queries import list_due_items_for_user


@login_required
@require_POST
def record_step(request, unit_id: int, kind: str, pk: int):
    kind_ = get_kind(kind)
    record = access_record(request.user, kind_, pk, unit_id=unit_id, need=Need.WRITE)
    form = StepForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(
            request,
            "；".join(
                f"{form.fields[f].label if f in form.fields else ''}{', '.join(e)}"
                for f, e in form.errors.items()
            ),
        )
    else:
        try:
            step = actions.do_record_step(
                record,
                code=form.cleaned_data["code"],
                data=form.step_data(),
                acting_user=request.user,
                today=timezone.localdate(),
                upload=form.cleaned_data.get("file"),
                revision=form.cleaned_data["revision"],
            )
        except StaleEdit as exc:
            # Someone recorded a step since the page was shown: the page again, as it is now, with
            # this step's form as the user filled it in (views are parse → access → act → render).
            record = access_record(request.user, kind_, pk, unit_id=unit_id, need=Need.WRITE)
            refused = {"code": form.cleaned_data["code"], "form": form, "message": exc.message}
            return render_record(request, record, kind_, status=409, refused_step=refused)
        except FazhiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已记录办理步骤（{step.date.isoformat()}），法定期限已重新计算。")
    return redirect(
        reverse("records:show-record", args=[record.unit_id, kind_.slug, record.pk]) + "#workflow"
    )


@login_required
def due_list(request):
    overview = list_due_items_for_user(request.user, today=timezone.localdate())
    return render(request, "deadlines/due_list.html", {"overview": overview, "full_page": True})
