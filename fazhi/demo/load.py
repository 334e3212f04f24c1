"""Builds the demo: 天津市南开区 with its 依法治区办, the two seed units and a handful
of other departments, each with a clerk and a head; a second district for contrast."""

from __future__ import annotations

import random
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from fazhi.orgs.models import Region, Role, Unit

from . import seed_units
from .builder import Ledger
from .campaigns import add_demo_campaigns
from .disclosure import add_demo_disclosure, draft_demo_disclosure_report
from .reports import draft_demo_reports
from .typical import typical_year
from .workflows import add_demo_workflows

DEMO_PASSWORD = "Fazhi@2024demo"  # noqa: S105 - printed for the demo; a real install creates its own users

INVESTMENT = "南开区投资促进局"
GOV_OFFICE = "南开区政府办公室"

# (unit name, login prefix, clerk name, head name, size)
UNITS = [
    (INVESTMENT, "tcj", "赵晓雯", "钱立群", 1),
    (GOV_OFFICE, "zfb", "孙雅静", "李文博", 2),
    ("南开区司法局", "sfj", "周晨", "吴振国", 2),
    ("南开区教育局", "jyj", "郑思远", "王慧敏", 2),
    ("南开区市场监督管理局", "scj", "冯子涵", "陈建华", 2),
    ("南开区卫生健康委员会", "wjw", "褚欣然", "卫东明", 1),
    ("南开区城市管理委员会", "cgw", "蒋一帆", "沈海涛", 1),
]


@transaction.atomic
def load_demo(*, today: date) -> None:
    User = get_user_model()
    tianjin = Region.objects.create(name="天津市", level=Region.Level.CITY)
    nankai = Region.objects.create(name="天津市南开区", level=Region.Level.COUNTY, parent=tianjin)
    hexi = Region.objects.create(name="天津市河西区", level=Region.Level.COUNTY, parent=tianjin)

    def user(username: str, full_name: str, role: str, **role_scope) -> object:
        u = User.objects.create_user(username, password=DEMO_PASSWORD, first_name=full_name)
        Role.objects.create(user=u, kind=role, **role_scope)
        return u

    Unit.objects.create(
        name="中共天津市南开区委全面依法治区委员会办公室",
        short_name="南开区依法治区办",
        region=nankai,
        is_supervisor_office=True,
    )
    office = user("nk_yfzqb", "韩明远", Role.Kind.SUPERVISOR, region=nankai)
    rng = random.Random(20240101)
    people = []
    for name, prefix, clerk_name, head_name, size in UNITS:
        unit = Unit.objects.create(name=name, region=nankai, parent=None)
        clerk = user(f"{prefix}_clerk", clerk_name, Role.Kind.CLERK, unit=unit)
        head = user(f"{prefix}_head", head_name, Role.Kind.HEAD, unit=unit)
        people.append((unit, clerk, head))
        ledger = Ledger(unit, clerk)
        if name == INVESTMENT:
            seed_units.investment_bureau(ledger, rng)
        elif name == GOV_OFFICE:
            seed_units.government_office(ledger, rng)
        else:
            typical_year(ledger, rng, 2024, size=size)
        for year in range(2025, today.year + 1):
            typical_year(ledger, rng, year, until=today, size=size)
        ledger.save()
    draft_demo_reports(people, year=2024)
    office_unit, office_clerk, _ = next(p for p in people if p[0].name == GOV_OFFICE)
    add_demo_disclosure(office_unit, office_clerk)
    draft_demo_disclosure_report(office_unit, office_clerk)
    hexi_unit = Unit.objects.create(name="河西区政府办公室", region=hexi)
    clerk = user("hx_clerk", "杨帆", Role.Kind.CLERK, unit=hexi_unit)
    ledger = Ledger(hexi_unit, clerk)
    typical_year(ledger, rng, 2024, size=1)
    ledger.save()
    admin = User.objects.create_superuser("admin", password=DEMO_PASSWORD, first_name="系统管理员")
    Role.objects.create(user=admin, kind=Role.Kind.ADMIN)
    add_demo_workflows(people, today=today)
    add_demo_campaigns(people, office, today=today)
