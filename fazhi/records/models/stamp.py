"""A unit's ledger stamp: a random token that changes with every write to any of its records, so
that figures computed from the records can be kept (``figures.compute_figures``) and are never
read back once a record changed, in any process (docs/architecture.md#figures)."""

from __future__ import annotations

import uuid

from django.db import models


def new_stamp() -> str:
    return uuid.uuid4().hex


class LedgerStamp(models.Model):
    unit_id = models.PositiveBigIntegerField(
        "单位", primary_key=True
    )  # no FK: written beside every record save
    stamp = models.CharField("台账版本", max_length=32, default=new_stamp)

    class Meta:
        verbose_name = verbose_name_plural = "台账版本"

    def __str__(self) -> str:
        return f"{self.unit_id}:{self.stamp}"


def touch(unit_id: int) -> None:
    """A record of the unit was written or deleted: a new stamp (in the writer's transaction)."""
    if not LedgerStamp.objects.filter(unit_id=unit_id).update(stamp=new_stamp()):
        LedgerStamp.objects.update_or_create(unit_id=unit_id, defaults={"stamp": new_stamp()})


def stamp_of(unit_id: int) -> str:
    """The unit's current stamp (made on first use)."""
    stamp = LedgerStamp.objects.filter(unit_id=unit_id).values_list("stamp", flat=True).first()
    if stamp is None:
        stamp = LedgerStamp.objects.get_or_create(unit_id=unit_id)[0].stamp
    return stamp
