"""Ledger pages: list, detail, create, edit, delete, attachments, Excel in/out, figures.

Every view is parse → access → act → render; permissions live in ``queries``.
"""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.indicators import THEMES
from fazhi.lib.downloads import download_response, stored_file_response
from fazhi.lib.errors import FazhiError
from fazhi.lib.uploads import check_spreadsheet
from fazhi.lib.years import recent_years, year_from, year_in_path
from fazhi.orgs.access import Need, access_unit

from . import actions, excel, hooks, import_jobs, queries
from .display import readable, readable_text
from .figures import compute_figures
from .forms import AttachmentForm, ImportForm, RecordFilterForm, record_form_class
from .kinds import KINDS, get_kind, kind_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 25


@login_required
def unit_records(request, unit_id: int):
    unit = access_unit(request.user, unit_id)
    year = year_from(request)
    counts = [
        (kind, kind.model.objects.filter(unit=unit, date__year=year).count()) for kind in KINDS.values()
    ]
    return render(
        request,
        "records/unit_records.html",
        {"unit": unit, "counts": counts, "year": year, "years": recent_years()},
    )


@login_required
def record_list(request, unit_id: int, kind: str):
    unit, kind_ = access_unit(request.user, unit_id), get_kind(kind)
    form = RecordFilterForm(request.GET)
    params = form.cleaned_data if form.is_valid() else {}
    year, search, code = params.get("year"), params.get("q") or "", params.get("indicator") or ""
    records = queries.list_records_for_unit(
        kind_, unit_id=unit.pk, year=year, search=search, indicator_code=code
    )
    page = Paginator(records, PAGE_SIZE).get_page(params.get("page") or 1)
    columns = [(name, kind_.field_label(name)) for name in kind_.list_fields]
    rows = [(r, [readable_text(r, name) for name, _ in columns]) for r in page]
    return render(
        request,
        "records/record_list.html",
        {
            "unit": unit,
            "kind": kind_,
            "page": page,
            "rows": rows,
            "columns": columns,
            "year": year,
            "years": recent_years(),
            "q": search,
            "indicator": code,
        },
    )


@login_required
def record_detail(request, unit_id: int, kind: str, pk: int):
    kind_ = get_kind(kind)
    return render_record(request, queries.access_record(request.user, kind_, pk, unit_id=unit_id), kind_)


def render_record(request, record, kind_, *, status: int = 200, **extra):
    """A record's page; ``extra`` for its panels (a refused workflow step comes back filled in)."""
    fields = [(kind_.field_label(n), readable_text(record, n)) for n in kind_.form_fields]
    return render(
        request,
        "records/record_detail.html",
        {
            **extra,
            "unit": record.unit,
            "kind": kind_,
            "record": record,
            "fields": fields,
            "attachments": record.attachments.select_related("uploaded_by").order_by("-uploaded_at"),
            "history": queries.history_of(record, kind_),
            "panels": hooks.detail_panels(),
            "attachment_form": AttachmentForm(),
            "max_upload_mb": settings.FAZHI_MAX_UPLOAD_BYTES // (1024 * 1024),
        },
        status=status,
    )


@login_required
def record_create(request, unit_id: int, kind: str):
    kind_ = get_kind(kind)
    unit = access_unit(request.user, unit_id, Need.WRITE)
    form = record_form_class(kind_)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = actions.do_create_record(
                kind_, unit=unit, data=form.cleaned_data, acting_user=request.user
            )
        except FazhiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已新增{kind_.label}“{record.title}”。")
            return redirect(_detail_url(record, kind_))
    return render(request, "records/record_form.html", {"unit": unit, "kind": kind_, "form": form})


@login_required
def record_edit(request, unit_id: int, kind: str, pk: int):
    kind_ = get_kind(kind)
    record = queries.access_record(request.user, kind_, pk, unit_id=unit_id, need=Need.WRITE)
    form_class = record_form_class(kind_)
    form = form_class(request.POST or None, instance=copy.copy(record))  # a copy: do_update_record compares
    saved: list[tuple[str, str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_record(
                record,
                data=form.record_data(),
                revision=form.cleaned_data["revision"],
                acting_user=request.user,
            )
        except actions.StaleEdit as exc:
            # The user's input stays in the form, now at the saved revision: saving again, after
            # comparing with what the other person saved (``saved``), is a deliberate choice.
            current = exc.current
            data = request.POST.copy()
            data["revision"] = str(current.revision)
            form = form_class(data, instance=copy.copy(current))
            form.is_valid()
            form.add_error(None, exc.message)
            saved = _differences(kind_, current, form)
        except FazhiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "修改已保存，变更已记入历史。")
            return redirect(_detail_url(record, kind_))
    return render(
        request,
        "records/record_form.html",
        {"unit": record.unit, "kind": kind_, "form": form, "record": record, "saved": saved},
        status=409 if saved else 200,
    )


def _differences(kind_, current, form) -> list[tuple[str, str, str]]:
    """(label, what is saved, what the user entered) of each field where the two differ."""
    rows = []
    for name in kind_.form_fields:
        field = form.fields.get(name)
        if field is None or field.disabled:
            continue
        entered = form.cleaned_data[name] if name in form.cleaned_data else form.data.get(name, "")
        saved = getattr(current, name)
        if entered != saved:
            model_field = current._meta.get_field(name)
            rows.append((kind_.field_label(name), _shown(model_field, saved), _shown(model_field, entered)))
    return rows


def _shown(model_field, value) -> str:
    value = readable(model_field, value)
    return "" if value in (None, "") else str(value)


@login_required
@require_POST
def record_delete(request, unit_id: int, kind: str, pk: int):
    kind_ = get_kind(kind)
    record = queries.access_record(request.user, kind_, pk, unit_id=unit_id, need=Need.WRITE)
    title = record.title
    actions.do_delete_record(record, acting_user=request.user)
    messages.success(request, f"已删除“{title}”；删除前的内容保留在变更历史中。")
    return redirect("records:list-records", unit_id=unit_id, kind=kind_.slug)


def _detail_url(record, kind_) -> str:
    return reverse("records:show-record", args=[record.unit_id, kind_.slug, record.pk])


@login_required
@require_POST
def attachment_add(request, unit_id: int, kind: str, pk: int):
    kind_ = get_kind(kind)
    record = queries.access_record(request.user, kind_, pk, unit_id=unit_id, need=Need.WRITE)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要上传的文件。")
    else:
        try:
            attachment = actions.do_add_attachment(
                record, upload=form.cleaned_data["file"], acting_user=request.user
            )
            messages.success(request, f"已上传“{attachment.original_name}”。")
        except FazhiError as exc:
            messages.error(request, exc.message)
    return redirect(_detail_url(record, kind_))


@login_required
def attachment_download(request, unit_id: int, pk: int):
    attachment = queries.access_attachment(request.user, pk, unit_id=unit_id)
    return stored_file_response(attachment.file, filename=attachment.original_name)


@login_required
@require_POST
def attachment_delete(request, unit_id: int, pk: int):
    attachment = queries.access_attachment(request.user, pk, unit_id=unit_id, need=Need.WRITE)
    record, name = attachment.record, attachment.original_name
    actions.do_delete_attachment(attachment, acting_user=request.user)
    messages.success(request, f"已删除附件“{name}”。")
    record = getattr(record, "record", record)  # a workflow step's evidence: back to the step's record
    return redirect(_detail_url(record, kind_for(record)))


@login_required
def record_export(request, unit_id: int, kind: str):
    unit, kind_ = access_unit(request.user, unit_id), get_kind(kind)
    year = year_from(request) if request.GET.get("year") else None
    records = queries.list_records_for_unit(
        kind_, unit_id=unit.pk, year=year, search=request.GET.get("q", "")
    )
    suffix = f"{year}年" if year else "全部"
    return download_response(
        excel.export_records(kind_, records),
        content_type=XLSX,
        filename=f"{unit.name}{kind_.label}台账{suffix}.xlsx",
    )


@login_required
def import_template(request, kind: str):
    kind_ = get_kind(kind)
    return download_response(
        excel.import_template(kind_), content_type=XLSX, filename=f"{kind_.label}导入模板.xlsx"
    )


@login_required
def record_import(request, unit_id: int, kind: str):
    kind_ = get_kind(kind)
    unit = access_unit(request.user, unit_id, Need.WRITE)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_spreadsheet(upload)
            rows = excel.parse_import(kind_, upload)
            if len(rows) > import_jobs.BACKGROUND_ROWS:  # checked here, written by the worker
                token = import_jobs.queue_import(
                    kind_, unit=unit, upload=upload, rows=len(rows), acting_user=request.user
                )
                messages.info(request, f"文件共{len(rows)}行，检查无误，正在后台写入台账，进度见下方。")
                url = reverse("records:import-records", args=[unit.pk, kind_.slug])
                return redirect(f"{url}?job={token}")
            result = actions.do_import_records(kind_, unit=unit, rows=rows, acting_user=request.user)
        except excel.ImportRejected as exc:
            form.add_error(None, exc.message)
            errors = exc.errors
        except FazhiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{kind_.label}导入完成：{result.summary}。")
            return redirect("records:list-records", unit_id=unit.pk, kind=kind_.slug)
    return render(
        request,
        "records/record_import.html",
        {"unit": unit, "kind": kind_, "form": form, "errors": errors, "job": request.GET.get("job", "")[:40]},
    )


@login_required
def unit_figures(request, unit_id: int, year: int):
    unit = access_unit(request.user, unit_id)
    figures = compute_figures(unit.pk, year_in_path(year))
    themes = [(label, [f for f in figures if f.indicator.theme == key]) for key, label in THEMES.items()]
    return render(
        request,
        "records/unit_figures.html",
        {"unit": unit, "year": year, "themes": themes, "years": recent_years()},
    )
