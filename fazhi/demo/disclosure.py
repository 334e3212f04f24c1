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


PROBLEMS_2024 = (
    "一是依申请公开答复文书的说理还不够充分，个别答复对不予公开的理由引用条款不够具体；"
    "二是主动公开栏目的更新还不够及时。2025年，我办将加强答复文书的审核，规范引用《条例》条款，"
    "并落实栏目更新责任。"
)


def draft_demo_disclosure_report(unit, clerk) -> None:
    """The office's 2024 政府信息公开工作年度报告 in draft: parts and tables from its records, part 五
    written by the clerk (the editor shows it with tables 2, 3 and 4)."""
    from fazhi.reports.actions import do_create_report, do_save_section

    report = do_create_report(unit=unit, year=2024, acting_user=clerk, genre="disclosure")
    section = report.sections.get(key="problems.text")
    do_save_section(section, heading="", text=PROBLEMS_2024, revision=section.revision, acting_user=clerk)
