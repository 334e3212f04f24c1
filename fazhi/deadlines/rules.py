"""Statutory deadline rules: one named rule per statute, event date -> due date. Pure: no Django.

A rule names its legal basis (the article), its clock (working days, days, months, or
a fixed day of the following year), the event that starts it, and what may extend
or pause it. ``compute_due`` applies a rule to a start date over a
``WorkingCalendar`` (see ``calendar.py`` for the counting rules of 民法典第二百零一条
至第二百零三条).

Periods that ``docs/domain.md`` could not verify ([M], docs/domain.md#sources), or that local rules set
differently, are not constants: they are fields of ``RuleSettings``, whose defaults
are the values below. A deployment passes its own settings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from fazhi.deadlines.calendar import Reckoning, WorkingCalendar, seed_calendar
from fazhi.lib.errors import FazhiError

ONE_DAY = dt.timedelta(days=1)

# The statutes by their full titles: every rule's basis, step's basis and message cites them so.
GXGK = "《中华人民共和国政府信息公开条例》"
JUECE = "《重大行政决策程序暂行条例》"
FUYI = "《中华人民共和国行政复议法》"
SUSONG = "《中华人民共和国行政诉讼法》"
DAIBIAO = "《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》"
DUCHA = "《法治政府建设与责任落实督察工作规定》"


class DeadlineError(FazhiError):
    """Bad input to a rule: unknown code, an extension or pause the rule does not allow."""


class Clock(StrEnum):
    WORKING_DAYS = "working_days"  # 工作日
    DAYS = "days"  # 日 (calendar days)
    MONTHS = "months"  # 月
    ANNUAL = "annual"  # a fixed day of the year after the report year


UNITS = {Clock.WORKING_DAYS: "个工作日", Clock.DAYS: "日", Clock.MONTHS: "个月"}


class Bound(StrEnum):
    """What a due date means: of a rule (deadline or minimum), and of a stored due item (deadline or window)."""

    DEADLINE = "deadline"  # 期限：the act is due by this day at the latest; overdue after it
    MINIMUM = "minimum"  # 最短期间：the step must last at least until this day
    WINDOW = "window"  # 期间：a period that ends by itself (comment period, time to appeal); never overdue


@dataclass(frozen=True)
class AnnualDate:
    """A fixed day of the year after the report year: "每年×月×日前" or "×月×日" at the latest."""

    month: int
    day: int
    before: bool  # True: "×月×日前" is read as "by the day before" (3月1日前 -> 2月28/29日)

    def due_for(self, report_year: int) -> dt.date:
        day = dt.date(report_year + 1, self.month, self.day)
        return day - ONE_DAY if self.before else day

    def label(self) -> str:
        return f"次年{self.month}月{self.day}日" + ("前" if self.before else "（含当日）")


@dataclass(frozen=True)
class RuleSettings:
    """The periods a deployment may set; each default is the national or most common value."""

    # 代表法第五十一条 fixes 3 months, or 6 for complex cases, for NPC suggestions [V].
    # The CPPCC period (《政协全国委员会提案工作条例》) is unverified [M]. Provinces differ:
    # 四川 2024 gives 5 months for 全会期间政协提案.
    proposal_reply_months: int = 3
    proposal_complex_reply_months: int = 6
    # Re-handling after a dissatisfied response: only local rules set it. 浙江 2016
    # 第二十四条 and 山东 2017 say 1 month, 北京 2014 第二十三条 2 months, 四川 2024 3 months.
    proposal_rereply_months: int = 1
    # The dates are [S]. The 督察工作规定 article numbers are [M]. Units often set earlier
    # internal dates (docs/domain.md#annual-report-submission, docs/domain.md#disclosure-annual-report, docs/domain.md#campaigns).
    annual_report_submit: AnnualDate = AnnualDate(3, 1, before=True)
    annual_report_publish: AnnualDate = AnnualDate(4, 1, before=True)
    disclosure_annual_report: AnnualDate = AnnualDate(1, 31, before=False)

    def __post_init__(self) -> None:
        for name in ("proposal_reply_months", "proposal_complex_reply_months", "proposal_rereply_months"):
            if getattr(self, name) < 1:
                raise DeadlineError(f"设置 {name} 须为正整数", "bad-setting")
        if self.proposal_complex_reply_months < self.proposal_reply_months:
            raise DeadlineError("复杂建议提案的答复期限不能短于一般期限", "bad-setting")


@dataclass(frozen=True)
class Rule:
    """One statutory period. ``period`` is a number, or the name of a ``RuleSettings`` field."""

    code: str
    name: str
    basis: str
    clock: Clock
    start_event: str
    period: int | str
    extended_period: int | str | None = None  # the whole period once extended, when allowed
    pausable: bool = False  # time that "不计算在期限内" may be added (paused days, in the clock's unit)
    bound: Bound = Bound.DEADLINE
    source: Literal["V", "S", "M"] = "V"  # as labelled in docs/domain.md#sources
    note: str = ""

    def length(self, settings: RuleSettings) -> int:
        return _amount(self.period, settings)

    def extended_length(self, settings: RuleSettings) -> int | None:
        return None if self.extended_period is None else _amount(self.extended_period, settings)

    def annual_date(self, settings: RuleSettings) -> AnnualDate:
        value = getattr(settings, str(self.period))
        assert isinstance(value, AnnualDate)
        return value

    def describe(self, settings: RuleSettings) -> str:
        """The period in words, e.g. "20个工作日（延长后至多40个工作日）"."""
        if self.clock is Clock.ANNUAL:
            return self.annual_date(settings).label()
        unit = UNITS[self.clock]
        text = f"{'不少于' if self.bound is Bound.MINIMUM else ''}{self.length(settings)}{unit}"
        extended = self.extended_length(settings)
        return text if extended is None else f"{text}（延长后至多{extended}{unit}）"


def _amount(value: int | str, settings: RuleSettings) -> int:
    if isinstance(value, int):
        return value
    amount = getattr(settings, value)
    assert isinstance(amount, int)
    return amount


@dataclass(frozen=True)
class Deadline:
    """A rule applied to a start date."""

    rule: str
    start: dt.date
    due: dt.date
    basis: str
    bound: Bound
    years: tuple[int, ...]
    unknown_years: tuple[int, ...]

    @property
    def provisional(self) -> bool:
        return bool(self.unknown_years)

    @property
    def warning(self) -> str | None:
        return provisional_warning(self.unknown_years)

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "basis": self.basis,
            "provisional": self.provisional,
        }


def provisional_warning(unknown_years: tuple[int, ...]) -> str | None:
    if not unknown_years:
        return None
    years = "、".join(f"{y}年" for y in unknown_years)
    return f"{years}的节假日安排尚未录入，该日期仅按周末推算，为暂定日期，请在录入官方安排后复核。"


# --- the rules -------------------------------------------------------------------------

_PERIOD_RULES = (
    Rule(
        code="disclosure-reply",
        name="依申请公开答复",
        basis=f"{GXGK}第三十三条",
        clock=Clock.WORKING_DAYS,
        start_event="收到申请之日（第三十一条）；经补正的，为收到补正后申请之日（第三十条）",
        period=20,
        extended_period=40,  # 延长一次，延长期限最长不得超过20个工作日
        pausable=True,
        note="延长须经政府信息公开工作机构负责人同意并告知申请人；征求第三方（第三十二条）"
        "和其他机关（第三十四条）意见所需时间不计算在期限内。",
    ),
    Rule(
        code="disclosure-correction-notice",
        name="依申请公开补正告知",
        basis=f"{GXGK}第三十条",
        clock=Clock.WORKING_DAYS,
        start_event="收到申请之日",
        period=7,
        note="一次性告知需要补正的事项；答复期限自收到补正后的申请之日起重新计算。",
    ),
    Rule(
        code="disclosure-third-party",
        name="第三方提出意见",
        basis=f"{GXGK}第三十二条",
        clock=Clock.WORKING_DAYS,
        start_event="第三方收到征求意见书之日",
        period=15,
        note="征求意见所需时间不计入答复期限（第三十三条第二款）。",
    ),
    Rule(
        code="proactive-disclosure",
        name="主动公开",
        basis=f"{GXGK}第二十六条",
        clock=Clock.WORKING_DAYS,
        start_event="政府信息形成或者变更之日",
        period=20,
        note="法律、法规对期限另有规定的，从其规定。",
    ),
    Rule(
        code="proposal-reply",
        name="建议提案答复",
        basis=f"{DAIBIAO}第五十一条",
        clock=Clock.MONTHS,
        start_event="交办之日",
        period="proposal_reply_months",
        extended_period="proposal_complex_reply_months",
        note="延长即“涉及面广、处理难度大”的建议；政协提案期限未经核实，按设置办理。",
    ),
    Rule(
        code="proposal-rereply",
        name="建议提案不满意重新办理答复",
        basis="地方人大代表建议、政协提案办理规定（如浙江、山东：一个月；北京：两个月）",
        clock=Clock.MONTHS,
        start_event="收到代表、委员不满意意见之日",
        period="proposal_rereply_months",
        source="M",
        note="无全国性规定，期限按设置办理。",
    ),
    Rule(
        code="decision-comment-period",
        name="重大行政决策公开征求意见期",
        basis=f"{JUECE}第十五条",
        clock=Clock.DAYS,
        start_event="征求意见稿公布之日",
        period=30,
        bound=Bound.MINIMUM,
        note="一般不少于30日；因情况紧急等原因需要缩短的，应当在征求意见时说明理由。",
    ),
    Rule(
        code="decision-legality-review",
        name="重大行政决策合法性审查时间",
        basis=f"{JUECE}第二十六条",
        clock=Clock.WORKING_DAYS,
        start_event="送请合法性审查之日",
        period=7,
        bound=Bound.MINIMUM,
        note="一般不少于7个工作日；未经合法性审查或者经审查不合法的，不得提交讨论（第二十五条）。",
    ),
    Rule(
        code="reconsideration-answer",
        name="行政复议书面答复",
        basis=f"{FUYI}第四十八条、第八十八条",
        clock=Clock.WORKING_DAYS,
        start_event="被申请人收到申请书副本或者申请笔录复印件之日",
        period=10,
        note="第八十八条：本法“三日、五日、七日、十日”指工作日，不含法定休假日。",
    ),
    Rule(
        code="reconsideration-decision",
        name="行政复议决定（普通程序）",
        basis=f"{FUYI}第六十二条",
        clock=Clock.DAYS,
        start_event="受理申请之日",
        period=60,
        extended_period=90,  # 延长期限最多不得超过三十日
        note="情况复杂的，经复议机构负责人批准可以延长并书面告知当事人。",
    ),
    Rule(
        code="reconsideration-decision-simple",
        name="行政复议决定（简易程序）",
        basis=f"{FUYI}第六十二条",
        clock=Clock.DAYS,
        start_event="受理申请之日",
        period=30,
    ),
    Rule(
        code="reconsideration-opinion-report",
        name="行政复议意见书纠正情况报送",
        basis=f"{FUYI}第七十六条",
        clock=Clock.DAYS,
        start_event="收到行政复议意见书之日",
        period=60,
    ),
    Rule(
        code="litigation-defence",
        name="行政应诉提交答辩状和证据",
        basis=f"{SUSONG}第六十七条",
        clock=Clock.DAYS,
        start_event="收到起诉状副本之日",
        period=15,
    ),
    Rule(
        code="appeal-judgment",
        name="不服一审判决上诉",
        basis=f"{SUSONG}第八十五条",
        clock=Clock.DAYS,
        start_event="判决书送达之日",
        period=15,
    ),
    Rule(
        code="appeal-ruling",
        name="不服一审裁定上诉",
        basis=f"{SUSONG}第八十五条",
        clock=Clock.DAYS,
        start_event="裁定书送达之日",
        period=10,
    ),
    Rule(
        code="annual-report-submit",
        name="法治政府建设年度报告报送",
        basis=f"{DUCHA}第二十三条",
        clock=Clock.ANNUAL,
        start_event="报告年度（该年任一日期）",
        period="annual_report_submit",
        source="S",
        note="县级以上政府部门报本级党委和政府、上一级政府有关部门；条文序号未经核实。",
    ),
    Rule(
        code="annual-report-publish",
        name="法治政府建设年度报告公开",
        basis=f"{DUCHA}第二十四条",
        clock=Clock.ANNUAL,
        start_event="报告年度（该年任一日期）",
        period="annual_report_publish",
        source="S",
        note="除涉及党和国家秘密的，通过报刊、网站等向社会公开；公开前须经保密审查。",
    ),
    Rule(
        code="disclosure-annual-report",
        name="政府信息公开工作年度报告",
        basis=f"{GXGK}第四十九条",
        clock=Clock.ANNUAL,
        start_event="报告年度（该年任一日期）",
        period="disclosure_annual_report",
        note="县级以上人民政府部门提交本级主管部门并向社会公布；本级政府的年度报告于3月31日前公布。",
    ),
)

PERIOD_RULES: dict[str, Rule] = {rule.code: rule for rule in _PERIOD_RULES}


def get_rule(code: str) -> Rule:
    try:
        return PERIOD_RULES[code]
    except KeyError:
        raise DeadlineError(
            f"未知的期限规则“{code}”。可用规则：{'、'.join(PERIOD_RULES)}", "unknown-rule"
        ) from None


# --- applying a rule ---------------------------------------------------------------------


def compute_due(
    rule: Rule | str,
    start: dt.date,
    *,
    extended: bool = False,
    extension: int | None = None,
    paused_days: int = 0,
    settings: RuleSettings | None = None,
    calendar: WorkingCalendar | None = None,
) -> Deadline:
    """The due date of ``rule`` for an event on ``start``.

    ``extended``: the longest extension the rule allows; ``extension``: an approved
    extension of that many units instead (implies ``extended``). ``paused_days``: time
    not counted, in the rule's unit (working days for a working-day clock, else days).
    """
    rule = get_rule(rule) if isinstance(rule, str) else rule
    settings = settings or RuleSettings()
    _check_pause(rule, paused_days)
    if rule.clock is Clock.ANNUAL:
        _check_no_extension(rule, extended or extension is not None)
        return _deadline(rule, start, Reckoning(rule.annual_date(settings).due_for(start.year), (), ()))
    length = _length(rule, settings, extended=extended, extension=extension)
    reckoning = _reckon(rule.clock, calendar or seed_calendar(), start, length, paused_days)
    return _deadline(rule, start, reckoning)


def _reckon(clock: Clock, calendar: WorkingCalendar, start: dt.date, length: int, paused: int) -> Reckoning:
    if clock is Clock.WORKING_DAYS:
        return calendar.add_working_days(start, length + paused)
    if clock is Clock.DAYS:
        return calendar.add_calendar_days(start, length + paused)
    return calendar.add_months(start, length, extra_days=paused)


def _length(rule: Rule, settings: RuleSettings, *, extended: bool, extension: int | None) -> int:
    base = rule.length(settings)
    if not extended and extension is None:
        return base
    longest = rule.extended_length(settings)
    _check_no_extension(rule, longest is None)
    assert longest is not None
    if extension is None:
        return longest
    if not 0 < extension <= longest - base:
        unit = UNITS[rule.clock]
        raise DeadlineError(f"延长期限须在1至{longest - base}{unit}之间：{extension}", "bad-extension")
    return base + extension


def _check_no_extension(rule: Rule, asked: bool) -> None:
    if asked and rule.extended_period is None:
        raise DeadlineError(f"期限规则“{rule.code}”（{rule.name}）不可延长", "not-extendable")


def _check_pause(rule: Rule, paused_days: int) -> None:
    if paused_days < 0:
        raise DeadlineError(f"不计入期限的天数不能为负：{paused_days}", "negative")
    if paused_days and not rule.pausable:
        raise DeadlineError(f"期限规则“{rule.code}”（{rule.name}）没有不计入期限的时间", "not-pausable")


def _deadline(rule: Rule, start: dt.date, reckoning: Reckoning) -> Deadline:
    return Deadline(
        rule=rule.code,
        start=start,
        due=reckoning.date,
        basis=rule.basis,
        bound=rule.bound,
        years=reckoning.years,
        unknown_years=reckoning.unknown_years,
    )


def pause_length(rule: Rule, paused_on: dt.date, resumed_on: dt.date, calendar: WorkingCalendar) -> int:
    """Units of a pause, in the rule's clock: the days after ``paused_on`` through ``resumed_on``.

    For a disclosure request: ``paused_on`` the day the consultation letter went out,
    ``resumed_on`` the day the third party's answer (or the end of its 15 working days)
    came; those working days are not counted (第三十三条第二款).
    """
    if rule.clock is Clock.WORKING_DAYS:
        return calendar.count_working_days(paused_on, resumed_on)
    return max((resumed_on - paused_on).days, 0)
