"""The demo's yearly disclosure figures (table 2 of the 政府信息公开工作年度报告) for 南开区政府办公室:
2023 and 2024, consistent with each other and with the 106 规范性文件 of its 2024 ledger."""

from __future__ import annotations

from decimal import Decimal

from fazhi.disclosure.models import DisclosureYear


def add_demo_disclosure(unit, clerk) -> None:
    DisclosureYear.objects.create(
        unit=unit, year=2023, normdocs_in_force=212, permits=0, penalties=0, enforcement=0, updated_by=clerk
    )
    # 2024: 212 in force at the end of 2023, 106 issued and none repealed in the 2024 ledger.
    DisclosureYear.objects.create(
        unit=unit,
        year=2024,
        normdocs_in_force=318,
        permits=0,
        penalties=0,
        enforcement=0,
        fees=Decimal("0"),
        updated_by=clerk,
    )
