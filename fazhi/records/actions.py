"""Every write to the ledgers: atomic, attributed to the acting user, in the history."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db import transaction

from fazhi.lib.errors import FazhiError
from fazhi.lib.history import attributed as _attributed
from fazhi.lib.history import save_changes
from fazhi.lib.uploads import EVIDENCE_TYPES, check_upload
from fazhi.orgs.access import Need, door
from fazhi.orgs.models import Unit

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


@door(Need.WRITE)
@transaction.atomic
def do_update_record(record: Record, *, data: dict, acting_user) -> Record:
    """Save the changed fields; fields that workflow steps own (hooks.fields_owned_elsewhere) are
    ignored, whoever sends them: the steps set them."""
    owned = hooks.fields_owned_elsewhere(record)
    data = {name: value for name, value in data.items() if name not in owned}
    if save_changes(record, data, acting_user, validate=True):
        hooks.record_written(record, acting_user=acting_user)
    return record


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


@door(Need.WRITE)
@transaction.atomic
def do_import_records(kind: RecordKind, *, unit: Unit, rows: Mapping[int, dict], acting_user) -> list[Record]:
    """All rows or none. ``rows`` are by their row number in the file and were validated before.
    A row that repeats a record of the unit, or an earlier row, is refused (``kind.natural_key``);
    any failure here rolls back every row."""
    if not rows:
        raise FazhiError("文件中没有数据行。", "empty-import")
    _refuse_duplicates(kind, unit, rows)
    return [do_create_record(kind, unit=unit, data=row, acting_user=acting_user) for row in rows.values()]


def _refuse_duplicates(kind: RecordKind, unit: Unit, rows: Mapping[int, dict]) -> None:
    same = f"（{kind.natural_key_labels}相同）"
    existing = {
        kind.natural_key_of(r) for r in kind.model.objects.filter(unit=unit).values(*kind.natural_key)
    }
    first_row: dict[tuple, int] = {}
    errors = []
    for number, row in rows.items():
        key = kind.natural_key_of(row)
        if key is None:
            continue
        if key in existing:
            errors.append(CellError(number, "", f"与已有记录重复{same}"))
        elif key in first_row:
            errors.append(CellError(number, "", f"与第{first_row[key]}行重复{same}"))
        else:
            first_row[key] = number
    if errors:
        raise ImportRejected(errors)
