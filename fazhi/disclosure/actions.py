"""Writes of the disclosure report's yearly figures (table 2's entries the ledger holds no records of)."""

from __future__ import annotations

from django.db import transaction

from fazhi.lib.history import attributed
from fazhi.orgs.access import Need, door
from fazhi.orgs.models import Unit

from .models import DisclosureYear


@door(Need.WRITE)
@transaction.atomic
def do_save_disclosure_year(*, unit: Unit, year: int, data: dict, acting_user) -> DisclosureYear:
    """The unit's entries for a year (validated by the form), kept with their history."""
    entry = DisclosureYear.objects.select_for_update().filter(unit=unit, year=year).first()
    entry = entry or DisclosureYear(unit=unit, year=year)
    for name in DisclosureYear.ENTERED:
        setattr(entry, name, data[name])
    entry.updated_by = acting_user
    attributed(entry, acting_user).save()
    return entry
