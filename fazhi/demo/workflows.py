"""Demo workflows: the stored calendar, due dates for the current records, and a few cases in
progress per unit, some due within days and some overdue relative to ``today``, so that every
home page has something to show. Everything goes through the deadlines actions.
"""

from __future__ import annotations

import datetime as dt

from fazhi.deadlines.actions import (
    do_record_step,
    do_seed_calendar,
    do_sync_all_deadlines,
    process_one_due_item,
    sync_record_deadlines,
)
from fazhi.deadlines.calendar import WorkingCalendar, shift_months
from fazhi.deadlines.calendar_db import current_calendar
from fazhi.deadlines.models import DueItem
from fazhi.orgs.access import SYSTEM
from fazhi.orgs.models import Role
from fazhi.records.actions import do_create_record
from fazhi.records.kinds import KINDS

FIRST_TRACKED = dt.date(2025, 1, 1)  # the 2024 seed ledgers stay exactly as the reports state them


# Each unit's open items read like its own work, not one template repeated.
LATE_REQUESTS = [
    "申请公开某地块征收补偿方案",
    "申请公开某老旧小区改造项目招标文件",
    "申请公开某校区扩建工程批复",
    "申请公开某商户行政处罚决定书",
    "申请公开某医院周边停车规划",
    "申请公开某道路占道施工许可",
    "申请公开2025年度招商引资奖励兑现名单",
]
SOON_REQUESTS = [
    "申请公开本单位年度部门预算明细",
    "申请公开某社区养老驿站运营补贴发放情况",
    "申请公开行政复议决定书",
    "申请公开食品安全抽检结果",
    "申请公开某小区加装电梯审批文件",
    "申请公开生活垃圾分类考核结果",
    "申请公开区级重大行政决策事项目录编制说明",
]
PROPOSALS = [
    "关于完善社区养老服务设施的建议",
    "关于加强中小学课后服务的建议",
    "关于规范校外培训机构的提案",
    "关于优化菜市场营商环境的建议",
    "关于提升社区卫生服务能力的提案",
    "关于背街小巷环境整治的建议",
    "关于加快楼宇经济发展的提案",
]


def add_demo_workflows(people: list, *, today: dt.date) -> None:
    """``people``: (unit, clerk, head) of each demo unit."""
    do_seed_calendar(acting_user=SYSTEM)
    do_sync_all_deadlines(today=today, since=FIRST_TRACKED, acting_user=SYSTEM)
    calendar = current_calendar()
    _answer_stale(today)
    for index, (unit, clerk, _head) in enumerate(people):
        _unit_cases(unit, clerk, index, today, calendar)
    while process_one_due_item(today=today):
        pass


def _unit_cases(unit, clerk, index: int, today: dt.date, calendar: WorkingCalendar) -> None:
    def record(slug: str, on: dt.date, title: str, /, **fields):
        created = do_create_record(
            KINDS[slug], unit=unit, data={"date": on, "title": title, **fields}, acting_user=clerk
        )
        sync_record_deadlines(created, acting_user=clerk, today=today)
        return created

    def step(target, code: str, on: dt.date, **data) -> None:
        do_record_step(
            target, code=code, data={"date": min(on, today), **data}, acting_user=clerk, today=today
        )

    # A request whose 20 working days ran out a week ago (overdue), one due in 2–4 working days.
    late = record(
        "request",
        _received_for(today, -5 - index % 3, calendar),
        LATE_REQUESTS[index % len(LATE_REQUESTS)],
        applicant_type="person",
    )
    step(late, "register", late.date, note="网上申请平台登记")
    step(late, "review", late.date + dt.timedelta(days=2), note="属于本机关公开职责")
    soon = record(
        "request",
        _received_for(today, 2 + index % 3, calendar),
        SOON_REQUESTS[index % len(SOON_REQUESTS)],
        applicant_type="business",
    )
    step(soon, "register", soon.date)
    if index % 2 == 0:  # a consultation under way: the third party's 15 working days end soon
        consulted = record(
            "request",
            _received_for(today, 14, calendar),
            "申请公开某企业环境影响评价文件",
            applicant_type="person",
        )
        step(consulted, "register", consulted.date)
        step(consulted, "review", consulted.date + dt.timedelta(days=1), note="涉及第三方商业秘密")
        step(consulted, "third_party", consulted.date + dt.timedelta(days=2), note="书面征求相关企业意见")
    # A proposal assigned three months ago whose reply is still outstanding.
    assigned = shift_months(today, -3) + dt.timedelta(days=3 - 6 * (index % 2))
    proposal = record(
        "proposal",
        assigned,
        PROPOSALS[index % len(PROPOSALS)],
        number=f"区{today.year}-9{index:02d}",
        proposal_type="npc",
        level="district",
        proposer="代表",
    )
    step(proposal, "assign", assigned, note="区人大常委会选工委交办")
    step(proposal, "meet", assigned + dt.timedelta(days=20), note="与代表当面沟通办理方案")
    if index == 1:
        _decision_in_progress(record, step, today)
    if index in (1, 2):
        case = record(
            "case",
            today - dt.timedelta(days=9),
            "某公司诉本机关政府信息公开答复案",
            case_type="litigation",
            case_number=f"（{today.year}）津0104行初{80 + index}号",
            forum="天津市河西区人民法院",
        )
        step(case, "served", case.date, note="收到起诉状副本")


def _answer_stale(today: dt.date) -> None:
    """The generated ledgers leave the last requests and proposals of a past year unanswered;
    answer those due more than a month ago (some late), so the overdue lists hold current work."""
    stale = DueItem.objects.filter(
        status=DueItem.Status.OPEN, slot="reply", due_on__lt=today - dt.timedelta(days=30)
    )
    for n, item in enumerate(stale.order_by("id")):
        record, user = item.record, Role.objects.filter(unit_id=item.unit_id, kind=Role.Kind.CLERK).first()
        if record is None or user is None:
            continue
        answered = min(item.due_on + dt.timedelta(days=2 if n % 4 == 0 else -5), today)
        first, result = ("register", "public") if item.rule == "disclosure-reply" else ("assign", "A")
        for code, on, data in ((first, record.date, {}), ("reply", answered, {"result": result})):
            do_record_step(record, code=code, data={"date": on, **data}, acting_user=user.user, today=today)


def _decision_in_progress(record, step, today: dt.date) -> None:
    """A major decision in its public comment period, its window closing within days."""
    listed = today - dt.timedelta(days=60)
    decision = record("decision", listed, "南开区老旧小区改造三年行动方案（征求意见稿）")
    step(
        decision,
        "participation",
        today - dt.timedelta(days=26),
        result="done",
        days=30,
        note="在区政府网站公开征求意见，并召开居民代表座谈会",
    )


def _received_for(today: dt.date, working_days_left: int, calendar: WorkingCalendar) -> dt.date:
    """A receipt date whose 20-working-day reply falls ``working_days_left`` working days from today."""
    due = today
    step = 1 if working_days_left >= 0 else -1
    for _ in range(abs(working_days_left)):
        due = _move(due, step, calendar)
    received = due
    for _ in range(20):
        received = _move(received, -1, calendar)
    return received


def _move(day: dt.date, step: int, calendar: WorkingCalendar) -> dt.date:
    day += dt.timedelta(days=step)
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=step)
    return day
