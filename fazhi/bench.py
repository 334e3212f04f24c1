"""``make bench``: how long the figures, the region overview and a report take on the demo data,
and the figures of a city of 1,000 units.

Runs on a fresh SQLite database (``config.settings_test``; PostgreSQL when
``FAZHI_TEST_DATABASE_URL`` names one, e.g. under ``scripts/with-postgres.sh``) loaded with the
demo (the 南开区政府办公室's 2024 ledger is the largest: about 580 records) and the bench city
(``--units`` units in ten districts, about 200 records per unit-year). Prints the median of
repeated runs and each figure against its goal; the city's region figures also against the
floor, raw ``GROUP BY`` queries over the same rows measured in the same run.

``python -m fazhi.bench --city-only --units 1000`` runs the city alone.
"""

from __future__ import annotations

import argparse
import gc
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m fazhi.bench")
    parser.add_argument("--units", type=int, default=1000, help="units of the bench city (default 1000)")
    parser.add_argument("--records", type=int, default=200, help="records per unit-year (default 200)")
    parser.add_argument("--city-only", action="store_true", help="only the bench city's rows")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    if args.city_only:
        _print(city_rows(args.units, args.records))
        return
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
        ("figures of one unit-year", _median_ms(lambda: compute_unit_figures([office.pk], 2024)), 100.0),
        (
            "  the same, kept under its ledger stamp",
            _median_ms(lambda: compute_figures(office.pk, 2024)),
            100.0,
        ),
        (
            f"region overview ({len(units)} units)",
            _median_ms(lambda: compute_unit_figures(units, 2024)),
            300.0,
        ),
    ]
    rows += _report_rows(office)
    rows += _board_rows()
    from fazhi.portal.bench import search_rows

    rows += search_rows()  # p95 of searches and a public report page over 10,000 published reports
    print(f"demo loaded in {load_s:.1f} s; 南开区政府办公室 2024: {records} records")
    # The search bench's 10,000 reports stay in this process's heap: the collector would walk them
    # on every collection during the city's figures, which a server's process does not hold.
    gc.collect()
    gc.freeze()
    _print(rows + city_rows(args.units, args.records))  # the city last: the rows above count the demo's units


def _print(rows: list[tuple[str, float, float]]) -> None:
    """Each row's median against its goal (a number of ms, or a ratio to the floor for the rows
    whose goal is below 10)."""
    print(f"{'what':<56}{'ms':>10}{'goal':>10}{'ratio':>8}")  # medians, except rows named p95
    for name, ms, goal in rows:
        print(f"{name:<56}{ms:>10.1f}{goal:>10.1f}{ms / goal:>8.2f}")


def _report_rows(office) -> list[tuple[str, float, float]]:
    from fazhi.reports.queries import fresh_document
    from fazhi.reports.render import render_docx, render_html

    return [
        ("compose report from records", _median_ms(lambda: fresh_document(office, 2024)), 300.0),
        ("compose + render .docx", _median_ms(lambda: render_docx(fresh_document(office, 2024))), 300.0),
        ("compose + render HTML", _median_ms(lambda: render_html(fresh_document(office, 2024))), 300.0),
    ]


def _board_rows(size: int = 1000) -> list[tuple[str, float, float]]:
    """A campaign of ``size`` generated units (bulk-created: 70% sent, a tenth of those returned,
    the rest unsent and late; half of all units accepted and published, some late, a tenth with a
    correction), its board page requested as the office would."""
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from fazhi.campaigns.models import Campaign, Participant, Reminder, Submission
    from fazhi.campaigns.publication_models import Publication, SecrecyReview
    from fazhi.orgs.models import Region, Role, Unit
    from fazhi.reports.models import Report

    user = get_user_model().objects.create_user("bench_office")  # signed in with force_login
    region = Region.objects.create(name="基准测试区", level=Region.Level.COUNTY)
    Role.objects.create(user=user, kind=Role.Kind.SUPERVISOR, region=region)
    units = Unit.objects.bulk_create(Unit(name=f"基准测试单位{n:04d}", region=region) for n in range(size))

    def published(n: int) -> bool:
        return 1 <= n % 10 <= 5

    reports = Report.objects.bulk_create(
        Report(
            unit=u,
            year=2024,
            status="published" if published(n) else "sent" if n % 10 < 7 else "draft",
            created_by=user,
        )
        for n, u in enumerate(units)
    )
    campaign = Campaign.objects.create(
        region=region,
        year=2024,
        statutory_submit_due=dt.date(2025, 2, 28),
        publish_due=dt.date(2025, 3, 31),
        submit_due=dt.date(2025, 2, 28),
        opened_by=user,
    )
    participants = Participant.objects.bulk_create(
        Participant(campaign=campaign, unit=u, report=r) for u, r in zip(units, reports, strict=True)
    )
    now = timezone.now()
    sent = [(n, p) for n, p in enumerate(participants) if n % 10 < 7]
    submissions = Submission.objects.bulk_create(
        Submission(
            participant=p,
            unit_id=p.unit_id,
            document={},
            sent_by=user,
            sent_at=now,
            sent_on=dt.date(2025, 2, 20) + dt.timedelta(days=n % 20),
            errors=n % 3,
            warnings=n % 5,
            outcome="returned" if n % 10 == 0 else "accepted" if published(n) else "pending",
        )
        for n, p in sent
    )
    first_published = dt.datetime(2025, 3, 25, 10, tzinfo=timezone.get_current_timezone())
    to_publish = [s for (n, _), s in zip(sent, submissions, strict=True) if published(n)]
    reviews = SecrecyReview.objects.bulk_create(
        SecrecyReview(
            report_id=s.participant.report_id,
            submission=s,
            unit_id=s.unit_id,
            reviewer="基准测试",
            reviewed_on=dt.date(2025, 3, 20),
            recorded_by=user,
        )
        for s in to_publish
    )
    Publication.objects.bulk_create(
        Publication(
            participant=s.participant,
            unit_id=s.unit_id,
            region=region,
            year=2024,
            number=number,
            submission=s,
            review=review,
            title="基准测试报告",
            document={},
            text="",
            sha256="0" * 64,
            docx=f"published/bench/{s.pk}-{number}.docx",
            docx_sha256="0" * 64,
            published_at=first_published + dt.timedelta(days=n % 15 + 10 * (number - 1)),  # some late
            published_by=user,
            reason="更正" if number > 1 else "",
        )
        for n, (s, review) in enumerate(zip(to_publish, reviews, strict=True))
        for number in ((1, 2) if n % 5 == 0 else (1,))
    )
    Reminder.objects.bulk_create(
        Reminder(participant=p, reason="overdue") for n, p in enumerate(participants) if n % 10 >= 7
    )
    client = Client()
    client.force_login(user)
    url = f"/campaigns/{campaign.pk}/"

    def page() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    return [(f"campaign board page ({size} units)", _median_ms(page, repeat=7), 500.0)]


# ── The bench city ───────────────────────────────────────────────────────────────────────────
CITY_YEAR = 2024
DISTRICTS = 10
# Records per unit-year by kind, out of 200 (scaled by --records); the year before has a quarter.
SHARE = {
    "study": 20,
    "exam": 6,
    "training": 8,
    "publicity": 30,
    "rule": 6,
    "meeting": 30,
    "decision": 4,
    "review": 25,
    "normdoc": 6,
    "disclosure": 40,
    "request": 10,
    "proposal": 5,
    "case": 4,
    "hearing": 6,
}


def make_city(units: int, per_unit_year: int):
    """基准市: ``units`` units in ten districts, about ``per_unit_year`` records each in
    ``CITY_YEAR`` and a quarter of that the year before, every field of every kind varied
    (deterministically), bulk-created. Returns the city and its supervisor."""
    import datetime as dt
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.db import models, transaction

    from fazhi.orgs.models import Region, Role, Unit
    from fazhi.records.kinds import KINDS

    with transaction.atomic():
        city = Region.objects.create(name="基准市", level=Region.Level.CITY)
        districts = Region.objects.bulk_create(
            Region(name=f"基准市第{d + 1}区", level=Region.Level.COUNTY, parent=city)
            for d in range(DISTRICTS)
        )
        made = Unit.objects.bulk_create(
            Unit(name=f"基准市单位{n:04d}", region=districts[n % DISTRICTS]) for n in range(units)
        )
        user = get_user_model().objects.create_user("bench_city")
        Role.objects.create(user=user, kind=Role.Kind.SUPERVISOR, region=city)
        for slug, share in SHARE.items():
            model = KINDS[slug].model
            fields = [
                f
                for f in model._meta.concrete_fields
                if f.name
                not in {
                    "id",
                    "unit",
                    "date",
                    "title",
                    "notes",
                    "created_by",
                    "created_at",
                    "updated_at",
                    "revision",
                }
            ]
            rows = []
            for year, count in (
                (CITY_YEAR, share * per_unit_year // 200),
                (CITY_YEAR - 1, share * per_unit_year // 800),
            ):
                for u in made:
                    for n in range(count):
                        on = dt.date(year, 1, 1) + dt.timedelta(days=(n * 37 + u.pk * 11) % 365)
                        values: dict[str, object] = {}
                        for i, f in enumerate(fields):
                            k = n * 7 + u.pk * 3 + i
                            if f.choices:
                                choices = [c[0] for c in f.choices]
                                values[f.name] = choices[k % len(choices)] if not f.blank or k % 4 else ""
                            elif isinstance(f, models.BooleanField):
                                values[f.name] = None if f.null and k % 5 == 0 else k % 3 != 0
                            elif isinstance(f, models.DecimalField):
                                values[f.name] = (
                                    None if k % 9 == 0 else Decimal(60 + k % 40) + Decimal("0.25")
                                )
                            elif isinstance(f, models.DateField):
                                values[f.name] = None if k % 6 == 0 else on + dt.timedelta(days=10 + k % 30)
                            elif isinstance(f, models.PositiveIntegerField):
                                values[f.name] = 5 + k % 60
                            else:
                                values[f.name] = "" if f.blank else "基准"
                        if slug == "exam":  # takers within the eligible
                            values["taker_count"] = min(values["taker_count"], values["eligible_count"])
                        rows.append(model(unit=u, date=on, title=f"{slug}{n}", **values))
            model.objects.bulk_create(rows, batch_size=2000)
    return city, user


def _floor(indicators, region_ids: list[int], year: int) -> Callable[[], object]:
    """The floor: the rows the indicators read, counted per unit by raw ``GROUP BY`` queries
    (one per record kind and dating field), joined to their unit and its region as the figures are."""
    import datetime as dt

    from django.db import connection

    from fazhi.indicators import Ratio
    from fazhi.orgs.models import Unit
    from fazhi.records.kinds import KINDS

    tables = set()
    for i in indicators:
        c = i.compute
        for part in (c.numerator, c.denominator) if isinstance(c, Ratio) else (c,):
            tables.add((KINDS[part.kind].model._meta.db_table, getattr(part, "dated_by", "date")))
    unit_table = Unit._meta.db_table
    marks = ", ".join(["%s"] * len(region_ids))
    queries = [
        # Table and column names from the models' own declarations; the values are parameters.
        f"SELECT r.unit_id, COUNT(*) FROM {table} r JOIN {unit_table} u ON u.id = r.unit_id "  # noqa: S608
        f"WHERE u.region_id IN ({marks}) AND r.{column} BETWEEN %s AND %s GROUP BY r.unit_id"
        for table, column in sorted(tables)
    ]
    params = [*region_ids, dt.date(year, 1, 1), dt.date(year, 12, 31)]

    def run() -> None:
        with connection.cursor() as cursor:
            for sql in queries:
                cursor.execute(sql, params)
                cursor.fetchall()

    return run


def city_rows(units: int = 1000, per_unit_year: int = 200) -> list[tuple[str, float, float]]:
    """The bench city's region figures against the floor, and its supervisor's home page."""
    from django.test import Client

    from fazhi.indicators import INDICATORS
    from fazhi.records.figures import RegionUnits, compute_region_figures, compute_unit_figures
    from fazhi.records.kinds import KINDS

    started = time.perf_counter()
    city, user = make_city(units, per_unit_year)
    made_s = time.perf_counter() - started
    region = RegionUnits.of(city)
    records = sum(
        k.model.objects.filter(unit__region__parent=city, date__year=CITY_YEAR).count()
        for k in KINDS.values()
    )
    print(
        f"bench city: {units} units, {records} records in {CITY_YEAR} ({records / units:.0f} a unit), made in {made_s:.1f} s"
    )
    key = [i for i in INDICATORS if i.key]
    rows = []
    for label, indicators, goal in (
        (f"{len(key)} key", key, 1.5),
        (f"all {len(INDICATORS)}", list(INDICATORS), 2.0),
    ):
        floor = _median_ms(_floor(indicators, sorted(region.region_ids), CITY_YEAR), repeat=7)
        rows.append((f"floor: raw GROUP BY, {label} indicators' kinds", floor, floor))
        for what, compute in (
            ("region figures", compute_region_figures),
            ("each unit's figures", compute_unit_figures),
        ):
            repeat = 7 if compute is compute_region_figures else 3
            ms = _median_ms(lambda c=compute, ind=indicators: c(region, CITY_YEAR, ind), repeat=repeat)
            rows.append((f"{what}, {label}: {ms / floor:.2f}x floor (goal {goal}x)", ms, goal * floor))
    client = Client()
    client.force_login(user)

    def page(query: str = "") -> None:
        response = client.get(f"/?year={CITY_YEAR}{query}")
        assert response.status_code == 200, response.status_code

    district = min(region.region_ids - {city.pk})
    rows.append((f"supervisor home page ({units} units)", _median_ms(page, repeat=7), 300.0))
    rows.append(
        (
            f"  the same, one district drilled into ({units // DISTRICTS} units)",
            _median_ms(lambda: page(f"&region={district}"), repeat=7),
            300.0,
        )
    )
    return rows


if __name__ == "__main__":
    main()
