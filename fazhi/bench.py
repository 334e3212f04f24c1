"""``make bench``: how long the figures, the region overview and a report take on the demo data.

Runs on a fresh in-memory SQLite database loaded with the demo (the 南开区政府办公室's
2024 ledger is the largest: about 580 records). Prints the median of repeated runs
and each figure against its goal.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from datetime import date


def _median_ms(step: Callable[[], object], repeat: int = 15) -> float:
    step()  # warm caches, as a server would be
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from fazhi.demo.load import GOV_OFFICE, load_demo
    from fazhi.orgs.models import Unit
    from fazhi.records.figures import compute_figures, compute_unit_figures
    from fazhi.records.kinds import KINDS

    started = time.perf_counter()
    load_demo(today=date(2026, 11, 24))
    load_s = time.perf_counter() - started
    office = Unit.objects.get(name=GOV_OFFICE)
    records = sum(k.model.objects.filter(unit=office, date__year=2024).count() for k in KINDS.values())
    units = list(Unit.objects.filter(is_supervisor_office=False).values_list("pk", flat=True))
    rows = [
        ("figures of one unit-year", _median_ms(lambda: compute_figures(office.pk, 2024)), 100.0),
        (
            f"region overview ({len(units)} units)",
            _median_ms(lambda: compute_unit_figures(units, 2024)),
            300.0,
        ),
    ]
    rows += _report_rows(office)
    print(f"demo loaded in {load_s:.1f} s; 南开区政府办公室 2024: {records} records")
    print(f"{'what':<40}{'median ms':>12}{'goal ms':>10}{'ratio':>8}")
    for name, ms, goal in rows:
        print(f"{name:<40}{ms:>12.1f}{goal:>10.0f}{ms / goal:>8.2f}")


def _report_rows(office) -> list[tuple[str, float, float]]:
    from fazhi.reports.queries import fresh_document
    from fazhi.reports.render import render_docx, render_html

    return [
        ("compose report from records", _median_ms(lambda: fresh_document(office, 2024)), 300.0),
        ("compose + render .docx", _median_ms(lambda: render_docx(fresh_document(office, 2024))), 300.0),
        ("compose + render HTML", _median_ms(lambda: render_html(fresh_document(office, 2024))), 300.0),
    ]


if __name__ == "__main__":
    main()
