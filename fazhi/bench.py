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
    rows += _board_rows()
    from fazhi.portal.bench import search_rows

    rows += search_rows()  # p95 of searches and a public report page over 10,000 published reports
    print(f"demo loaded in {load_s:.1f} s; 南开区政府办公室 2024: {records} records")
    print(f"{'what':<40}{'ms':>12}{'goal ms':>10}{'ratio':>8}")  # medians, except rows named p95
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


if __name__ == "__main__":
    main()
