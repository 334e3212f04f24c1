"""Every write to the ledgers: atomic, attributed to the acting user, in the history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fazhi.lib.errors import FazhiError
from fazhi.lib.history import attributed as _attributed
from fazhi.lib.history import save_changes
from fazhi.lib.uploads import EVIDENCE_TYPES, check_upload
from fazhi.orgs.access import Need, door
from fazhi.orgs.models import Unit
from fazhi.security import audit

from . import hooks
from .excel import CellError, ImportRejected
from .kinds import RecordKind
from .models import Attachment, Record


@door(Need.WRITE)
@transaction.atomic
def do_create_record(kind: RecordKind, *, unit: Unit, data: dict, acting_user) -> Record:
    record = kind.model(unit=unit, created_by=acting_user, **data)
    record.full_clean()
    _attributed(record, acting_user).save()
    hooks.record_written(record, acting_user=acting_user)
    return record


class StaleEdit(FazhiError):
    """Someone saved the record after this form was loaded: nothing was written."""

    status = 409

    def __init__(self, message: str, *, current: Record) -> None:
        super().__init__(message, "stale-edit")
        self.current = current


STALE_RECORD = (
    "这条记录已被{who}于{when}修改并保存，您的修改未保存，以免覆盖其修改。"
    "您填写的内容仍在表单中；请对照下列已保存的内容，确认后再保存。"
)


@door(Need.WRITE)
@transaction.atomic
def do_update_record(record: Record, *, data: dict, acting_user, revision: int | None = None) -> Record:
    """Save the changed fields; fields that workflow steps own (hooks.fields_owned_elsewhere) are
    ignored, whoever sends them: the steps set them. With ``revision`` (the record's revision the
    form was loaded at), refused with ``StaleEdit`` if someone saved a change since, even in the same
    moment (a conditional UPDATE); a save that changes nothing writes nothing and is never refused."""
    _update(record, data, acting_user, revision=revision)
    return record


def _update(record: Record, data: dict, acting_user, *, revision: int | None = None) -> list[str]:
    """``do_update_record`` after its door, for the Excel import too: the changed fields (none: nothing
    written, no history row, no hook). A change takes the record's next revision first."""
    owned = hooks.fields_owned_elsewhere(record)
    data = {name: value for name, value in data.items() if name not in owned}
    if any(getattr(record, name) != value for name, value in data.items()):
        _next_revision(record, revision)
    changed = save_changes(record, data, acting_user, validate=True)
    if changed:
        hooks.record_written(record, acting_user=acting_user)
    return changed


def _next_revision(record: Record, revision: int | None) -> None:
    """Bump the stored revision, only from ``revision`` when given: whoever bumps first wins, the
    other finds no row to update (the row stays locked until the winner's transaction ends)."""
    rows = type(record).objects.filter(pk=record.pk)
    if revision is not None:
        rows = rows.filter(revision=revision)
    if not rows.update(revision=F("revision") + 1):
        current = type(record).objects.filter(pk=record.pk).first()
        if current is None:
            raise FazhiError("这条记录已被他人删除，您的修改未保存。", "deleted")
        raise StaleEdit(STALE_RECORD.format(**last_saved(current)), current=current)
    record.revision = type(record).objects.values_list("revision", flat=True).get(pk=record.pk)


def last_saved(record: Record) -> dict[str, str]:
    """Who saved the record's current revision, and when (for a message)."""
    row = (
        record.history.filter(revision=record.revision)
        .select_related("history_user")
        .order_by("history_date", "history_id")
        .first()
    )
    if row is None:
        return {"who": "他人", "when": timezone.localtime(record.updated_at).strftime("%Y-%m-%d %H:%M")}
    user = row.history_user
    who = (user.get_full_name() or user.get_username()) if user is not None else "系统"
    return {"who": who, "when": timezone.localtime(row.history_date).strftime("%Y-%m-%d %H:%M")}


@door(Need.WRITE)
@transaction.atomic
def do_delete_record(record: Record, *, acting_user) -> None:
    for attachment in record.attachments.all():
        do_delete_attachment(attachment, acting_user=acting_user)
    hooks.record_deleting(record, acting_user=acting_user)
    _attributed(record, acting_user).delete()


@door(Need.WRITE)
@transaction.atomic
def do_add_attachment(record: Record, *, upload, acting_user) -> Attachment:
    check_upload(
        upload.name, upload.size, upload, allowed=EVIDENCE_TYPES, max_bytes=settings.FAZHI_MAX_UPLOAD_BYTES
    )
    attachment = Attachment(
        record=record,
        unit_id=record.unit_id,
        original_name=upload.name[:255],
        size=upload.size,
        uploaded_by=acting_user,
    )
    attachment.file.save(upload.name, upload, save=False)
    _attributed(attachment, acting_user).save()
    return attachment


@door(Need.WRITE)
@transaction.atomic
def do_delete_attachment(attachment: Attachment, *, acting_user) -> None:
    # The file stays on disk: the history row still names it, and evidence is never lost.
    _attributed(attachment, acting_user).delete()


@dataclass
class ImportResult:
    """What an Excel import did: the records it added, those it updated, those it found as the file has them."""

    added: list[Record] = field(default_factory=list)
    updated: list[Record] = field(default_factory=list)
    unchanged: list[Record] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """E.g. 新增 3 条，更新 1 条，未变 5 条: what the page, and any other caller, tells the user."""
        return f"新增 {len(self.added)} 条，更新 {len(self.updated)} 条，未变 {len(self.unchanged)} 条"


@door(Need.WRITE)
@transaction.atomic
def do_import_records(kind: RecordKind, *, unit: Unit, rows: Mapping[int, dict], acting_user) -> ImportResult:
    """All rows or none. ``rows`` are by their row number in the file and were validated before
    (``excel.parse_import``). A row is the unit's record with the same natural key (``kind.natural_key``)
    if there is one: that record is updated as the edit form does (``_update``: attributed history,
    fields owned by workflow steps left alone, after-write hooks), or left alone when the row changes
    nothing; otherwise the row is a new record. Two rows with the same key, or a row matching more
    than one record, are errors; any error rolls back every row."""
    if not rows:
        raise FazhiError("文件中没有数据行。", "empty-import")
    matches = _match_rows(kind, unit, rows)
    result, errors = ImportResult(), []
    for number, row in rows.items():
        record = matches.get(number)
        try:
            if record is None:
                result.added.append(do_create_record(kind, unit=unit, data=row, acting_user=acting_user))
            elif _update(record, row, acting_user):
                result.updated.append(record)
            else:
                result.unchanged.append(record)
        except ValidationError as exc:  # e.g. the row with the record's other values: named like a bad cell
            errors += _cell_errors(kind, number, exc)
    if errors:
        raise ImportRejected(errors)
    audit.imported(f"{unit.name}·{kind.label}台账", user=acting_user, summary=result.summary, kind=kind.slug)
    return result


def _match_rows(kind: RecordKind, unit: Unit, rows: Mapping[int, dict]) -> dict[int, Record]:
    """The unit's record of each row that has one, by the natural key; ``ImportRejected`` naming
    every row that repeats an earlier row or matches more than one record."""
    same = f"（{kind.natural_key_labels}相同）"
    existing: dict[tuple, list[int]] = defaultdict(list)
    for values in kind.model.objects.filter(unit=unit).values("pk", *kind.natural_key).order_by("pk"):
        key = kind.natural_key_of(values)
        if key is not None:
            existing[key].append(values["pk"])
    first_row: dict[tuple, int] = {}
    pks: dict[int, int] = {}
    errors = []
    for number, row in rows.items():
        key = kind.natural_key_of(row)
        if key is None:
            continue
        if key in first_row:
            errors.append(CellError(number, "", f"与第{first_row[key]}行重复{same}"))
            continue
        first_row[key] = number
        found = existing.get(key, [])
        if len(found) > 1:
            errors.append(
                CellError(
                    number,
                    "",
                    f"本单位已有{len(found)}条记录与此行相同{same}，无法确定更新哪一条，请先删除多余的记录",
                )
            )
        elif found:
            pks[number] = found[0]
    if errors:
        raise ImportRejected(errors)
    records = kind.model.objects.in_bulk(list(pks.values()))
    return {number: records[pk] for number, pk in pks.items()}


def _cell_errors(kind: RecordKind, number: int, exc: ValidationError) -> list[CellError]:
    if not hasattr(exc, "error_dict"):
        return [CellError(number, "", message) for message in exc.messages]
    return [
        CellError(number, "" if name == NON_FIELD_ERRORS else kind.field_label(name), messages[0])
        for name, messages in exc.message_dict.items()
    ]
