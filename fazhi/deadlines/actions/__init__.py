"""Every write of the deadlines app: calendar years, workflow steps, stored due dates.

Each ``do_*`` is atomic, takes the acting user and leaves history rows. Due dates
are recomputed here, never in views: after a step, after a record changes (the
records app calls ``do_sync_record_deadlines``), after a year's calendar is saved.
"""

from .calendar import (
    do_calendar_year_changed,
    do_delete_calendar_year,
    do_import_calendar_year,
    do_save_calendar_year,
    do_seed_calendar,
)
from .due import do_sync_all_deadlines, forget_record_deadlines, process_one_due_item, sync_record_deadlines
from .steps import check_record_step, do_record_step

__all__ = [
    "check_record_step",
    "do_calendar_year_changed",
    "do_delete_calendar_year",
    "do_import_calendar_year",
    "do_record_step",
    "do_save_calendar_year",
    "do_seed_calendar",
    "forget_record_deadlines",
    "do_sync_all_deadlines",
    "process_one_due_item",
    "sync_record_deadlines",
]
