"""Permission-checked reads of records: the only door from a request to a record."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from fazhi.indicators import get as get_indicator
from fazhi.orgs.queries import can_read_unit, can_write_unit

from .figures import records_for_indicator
from .kinds import RecordKind, readable
from .models import Attachment, Record

NO_WRITE = "只有本单位的填报员或主要负责人可以修改本单位的台账。"


def access_record(user, kind: RecordKind, pk: int, *, unit_id: int, write: bool = False) -> Record:
    """The record if the user may read it (and write it when asked); 404 hides other units' records."""
    record = kind.model.objects.filter(pk=pk, unit_id=unit_id).select_related("unit", "created_by").first()
    if record is None or not can_read_unit(user, record.unit_id):
        raise Http404("记录不存在或无权查看")
    if write and not can_write_unit(user, record.unit_id):
        raise PermissionDenied(NO_WRITE)
    return record


def check_write_unit(user, unit_id: int) -> None:
    if not can_read_unit(user, unit_id):
        raise Http404("单位不存在或无权查看")
    if not can_write_unit(user, unit_id):
        raise PermissionDenied(NO_WRITE)


def access_attachment(user, pk: int, *, unit_id: int, write: bool = False) -> Attachment:
    attachment = Attachment.objects.filter(pk=pk, unit_id=unit_id).first()
    if attachment is None or not can_read_unit(user, attachment.unit_id):
        raise Http404("附件不存在或无权查看")
    if write and not can_write_unit(user, attachment.unit_id):
        raise PermissionDenied(NO_WRITE)
    return attachment


def list_records_for_unit(
    kind: RecordKind, *, unit_id: int, year: int | None = None, search: str = "", indicator_code: str = ""
) -> QuerySet:
    """The list page's records: a unit's, optionally one year's, a search, or an indicator's basis."""
    if indicator_code and year:
        try:
            indicator = get_indicator(indicator_code)
        except KeyError:
            raise Http404("没有这个指标") from None
        qs = records_for_indicator(indicator, unit_id, year)
        if qs.model is not kind.model:
            raise Http404("指标与台账类型不符")
    else:
        qs = kind.model.objects.filter(unit_id=unit_id)
        if year:
            qs = qs.filter(date__year=year)
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(notes__icontains=search))
    return qs.select_related("created_by").order_by("-date", "-id")


def list_latest_records_for_unit(unit_id: int, *, limit: int = 10) -> list[tuple[RecordKind, Record]]:
    from .kinds import KINDS

    latest: list[tuple[RecordKind, Record]] = []
    for kind in KINDS.values():
        latest += [
            (kind, r) for r in kind.model.objects.filter(unit_id=unit_id).order_by("-updated_at")[:limit]
        ]
    latest.sort(key=lambda pair: pair[1].updated_at, reverse=True)
    return latest[:limit]


HISTORY_ACTIONS = {"+": "新建", "~": "修改", "-": "删除"}


def history_of(record: Record, kind: RecordKind) -> list[dict]:
    """Each change with who, when, and what changed (field label: old → new)."""
    entries = []
    versions = list(record.history.select_related("history_user").order_by("history_date", "history_id"))
    previous = None
    for version in versions:
        changes = []
        if previous is not None:
            delta = version.diff_against(previous)
            for change in delta.changes:
                field = record._meta.get_field(change.field)
                changes.append(
                    (kind.field_label(change.field), _shown(field, change.old), _shown(field, change.new))
                )
        entries.append(
            {"version": version, "action": HISTORY_ACTIONS[version.history_type], "changes": changes}
        )
        previous = version
    return list(reversed(entries))


def _shown(field, value) -> str:
    value = readable(field, value)
    return "（空）" if value in (None, "") else str(value)
