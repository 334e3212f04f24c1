"""Every write to the ledgers: atomic, attributed to the acting user, in the history."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from fazhi.lib.errors import FazhiError
from fazhi.lib.history import attributed as _attributed
from fazhi.lib.history import save_changes
from fazhi.lib.uploads import EVIDENCE_TYPES, check_upload
from fazhi.orgs.access import Need, door
from fazhi.orgs.models import Unit

from . import hooks
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
def do_import_records(kind: RecordKind, *, unit: Unit, rows: list[dict], acting_user) -> list[Record]:
    """All rows or none: rows were validated before; any failure here rolls back every row."""
    if not rows:
        raise FazhiError("文件中没有数据行。", "empty-import")
    return [do_create_record(kind, unit=unit, data=row, acting_user=acting_user) for row in rows]
