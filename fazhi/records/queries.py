"""Permission-checked reads of records: the only door from a request to a record."""

from __future__ import annotations

from django.db.models import Q, QuerySet, Value
from django.http import Http404

from fazhi.indicators import get as get_indicator
from fazhi.lib.errors import Refused
from fazhi.orgs.access import Need, check_access

from .display import readable
from .figures import records_for_indicator
from .kinds import KINDS, RecordKind
from .models import Attachment, Record


def access_record(user, kind: RecordKind, pk: int, *, unit_id: int, need: Need = Need.READ) -> Record:
    """The record if the user holds ``need`` on its unit; another unit's record is "not found"."""
    record = kind.model.objects.filter(pk=pk, unit_id=unit_id).select_related("unit", "created_by").first()
    if record is None:
        raise Refused("记录不存在或无权查看。", hidden=True)
    check_access(user, record.unit_id, need)
    return record


def access_attachment(user, pk: int, *, unit_id: int, need: Need = Need.READ) -> Attachment:
    attachment = Attachment.objects.filter(pk=pk, unit_id=unit_id).first()
    if attachment is None:
        raise Refused("附件不存在或无权查看。", hidden=True)
    check_access(user, attachment.unit_id, need)
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
    """The unit's most recently changed records of every kind: which ones, in one query over all
    the ledgers (a UNION of their ids and times); then only those records are read."""
    kinds = list(KINDS.values())
    parts = [
        kind.model.objects.filter(unit_id=unit_id)
        .annotate(kind_index=Value(index))
        .values_list("updated_at", "id", "kind_index")
        .order_by()
        for index, kind in enumerate(kinds)
    ]
    newest = list(parts[0].union(*parts[1:], all=True).order_by("-updated_at", "-id")[:limit])
    wanted: dict[int, list[int]] = {}
    for _at, pk, index in newest:
        wanted.setdefault(index, []).append(pk)
    found = {
        (index, record.pk): record
        for index, pks in wanted.items()
        for record in kinds[index].model.objects.filter(pk__in=pks)
    }
    return [(kinds[index], found[(index, pk)]) for _at, pk, index in newest if (index, pk) in found]


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
