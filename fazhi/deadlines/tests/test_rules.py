"""Every rule against due dates worked out by hand on the official schedules.

Schedules used (国务院办公厅节假日安排, as held by chinesecalendar 1.11.0):
- 2024 中秋/国庆: 09-15..17 off, 09-14 Sat works; 10-01..10-07 off, 09-29 Sun and 10-12 Sat work.
- 2025 春节: 01-28..02-04 off, 01-26 Sun and 02-08 Sat work. 清明 04-04..06 off.
  劳动节 05-01..05 off, 04-27 Sun works. 国庆中秋 10-01..10-08 off, 09-28 Sun and 10-11 Sat work.
- 2026 元旦: 01-01..03 off, 01-04 Sun works. 春节 02-15..02-23 off, 02-14 Sat and 02-28 Sat work.
- 2027: no schedule known, so weekends only, and provisional.
In the counts below, "(n)" is the n-th working day after the start day, which is not counted.
"""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.deadlines.calendar import YearSchedule, seed_calendar
from fazhi.deadlines.rules import (
    PERIOD_RULES,
    AnnualDate,
    Bound,
    DeadlineError,
    RuleSettings,
    compute_due,
    get_rule,
    pause_length,
)

D = dt.date


def due(code: str, start: dt.date, **options: object) -> dt.date:
    return compute_due(code, start, **options).due  # type: ignore[arg-type]


# --- 依申请公开 (政府信息公开条例第三十条、第三十三条) -----------------------------------


def test_a_request_received_just_before_national_day_2024() -> None:
    # Received Fri 2024-09-27. 09-28 Sat off; 09-29 Sun 调休 (1); 09-30 (2); 10-01..07 off;
    # 10-08 (3) 09 (4) 10 (5) 11 (6); 10-12 Sat 调休 (7); 14 (8) 15 (9) 16 (10) 17 (11) 18 (12);
    # 21 (13) .. 25 (17); 28 (18) 29 (19) 30 (20) -> Wed 2024-10-30.
    assert due("disclosure-reply", D(2024, 9, 27)) == D(2024, 10, 30)


def test_a_request_received_just_before_national_day_2025() -> None:
    # Received Mon 2025-09-29. 09-30 (1); 10-01..08 off; 10-09 (2) 10 (3); 10-11 Sat 调休 (4);
    # 13 (5) .. 17 (9); 20 (10) .. 24 (14); 27 (15) .. 31 (19); Mon 11-03 (20).
    assert due("disclosure-reply", D(2025, 9, 29)) == D(2025, 11, 3)


def test_a_request_received_on_an_adjusted_working_sunday() -> None:
    # Received Sun 2025-09-28, a 调休 working day, so it is the receipt day and not counted.
    # 09-29 (1) 09-30 (2); 10-09 (3) 10 (4); 10-11 Sat 调休 (5); 13 (6) .. 17 (10);
    # 20 (11) .. 24 (15); 27 (16) .. Fri 31 (20).
    assert due("disclosure-reply", D(2025, 9, 28)) == D(2025, 10, 31)


def test_a_correction_notice_for_a_request_on_an_adjusted_working_sunday() -> None:
    # Received Sun 2024-09-29 (调休). 09-30 (1); 10-01..07 off; 10-08 (2) 09 (3) 10 (4) 11 (5);
    # 10-12 Sat 调休 (6); Mon 10-14 (7).
    assert due("disclosure-correction-notice", D(2024, 9, 29)) == D(2024, 10, 14)


def test_a_corrected_application_restarts_the_clock() -> None:
    # 第三十条: the reply period runs from receipt of the corrected application, here Thu 2025-10-09.
    # 10-10 (1); 10-11 Sat 调休 (2); 13 (3) .. 17 (7); 20 (8) .. 24 (12); 27 (13) .. 31 (17);
    # 11-03 (18) 04 (19) Wed 05 (20).
    assert due("disclosure-reply", D(2025, 10, 9)) == D(2025, 11, 5)


def test_an_extension_crossing_spring_festival_2026() -> None:
    # Received Fri 2026-01-09. 01-12 (1) .. 01-16 (5); 19..23 (10); 26..30 (15); 02-02..06 (20)
    # -> Fri 2026-02-06 without extension. Extended by 20: 02-09 (21) .. 02-13 (25);
    # 02-14 Sat 调休 (26); 02-15..23 off; 24 (27) 25 (28) 26 (29) 27 (30); 02-28 Sat 调休 (31);
    # 03-02 (32) .. 03-06 (36); 09 (37) 10 (38) 11 (39) Thu 12 (40).
    assert due("disclosure-reply", D(2026, 1, 9)) == D(2026, 2, 6)
    assert due("disclosure-reply", D(2026, 1, 9), extended=True) == D(2026, 3, 12)


def test_an_extension_crossing_spring_festival_2025() -> None:
    # Received Fri 2024-12-27. 12-30 (1) 31 (2); 2025-01-01 off; 01-02 (3) 03 (4); 06..10 (9);
    # 13..17 (14); 20..24 (19); 01-26 Sun 调休 (20) -> the base period ends on a working Sunday.
    # Extended: 01-27 (21); 01-28..02-04 off; 02-05 (22) 06 (23) 07 (24); 02-08 Sat 调休 (25);
    # 10..14 (30); 17..21 (35); 24..Fri 28 (40).
    assert due("disclosure-reply", D(2024, 12, 27)) == D(2025, 1, 26)
    assert due("disclosure-reply", D(2024, 12, 27), extended=True) == D(2025, 2, 28)


def test_an_approved_shorter_extension() -> None:
    # Same request; an extension of 5 working days: 01-27 (21); 02-05 (22) 06 (23) 07 (24) 08 (25).
    assert due("disclosure-reply", D(2024, 12, 27), extension=5) == D(2025, 2, 8)


def test_third_party_consultation_time_is_not_counted() -> None:
    # Received Mon 2025-03-03; 10 working days of consultation (第三十三条第二款) -> 30 in all.
    # March: 04..07 (4), 10..14 (9), 17..21 (14), 24..28 (19), 31 (20); 04-01 (21) 02 (22) 03 (23);
    # 04-04..06 清明; 07 (24) .. 11 (28); 14 (29) Tue 15 (30).
    assert due("disclosure-reply", D(2025, 3, 3), paused_days=10) == D(2025, 4, 15)
    # Extended as well -> 50: 16 (31) 17 (32) 18 (33); 21..25 (38); 04-27 Sun 调休 (39);
    # 28 (40) 29 (41) 30 (42); 05-01..05 off; 06..09 (46); 12..Thu 15 (50).
    assert due("disclosure-reply", D(2025, 3, 3), paused_days=10, extended=True) == D(2025, 5, 15)


def test_a_pause_is_measured_in_working_days() -> None:
    # Letter sent Fri 2025-09-26, answer back Fri 2025-10-10: 09-28, 09-29, 09-30, 10-09, 10-10.
    rule = get_rule("disclosure-reply")
    assert pause_length(rule, D(2025, 9, 26), D(2025, 10, 10), seed_calendar()) == 5


def test_proactive_disclosure_across_may_day() -> None:
    # Formed Thu 2025-04-10. 11 (1); 14..18 (6); 21..25 (11); 04-27 Sun 调休 (12); 28 (13)
    # 29 (14) 30 (15); 05-01..05 off; 06 (16) 07 (17) 08 (18) 09 (19); Mon 12 (20).
    assert due("proactive-disclosure", D(2025, 4, 10)) == D(2025, 5, 12)


def test_third_party_opinion_period() -> None:
    # Letter received Mon 2025-09-22. 23 (1) .. 26 (4); 09-28 Sun 调休 (5); 29 (6) 30 (7);
    # 10-09 (8) 10 (9); 10-11 Sat 调休 (10); 13 (11) .. Fri 17 (15).
    assert due("disclosure-third-party", D(2025, 9, 22)) == D(2025, 10, 17)


# --- 建议提案 (代表法第五十一条; re-reply a setting) -------------------------------------


def test_three_months_ending_on_national_day() -> None:
    # Assigned 2025-07-01; three months end on 10-01 (第二百零二条), a holiday; 10-01..10-08
    # off, so the period ends on Thu 2025-10-09 (第二百零三条).
    assert due("proposal-reply", D(2025, 7, 1)) == D(2025, 10, 9)


def test_six_months_for_a_complex_proposal_ending_on_new_year() -> None:
    # 2025-07-01 + 6 months = 2026-01-01; 01-01..03 off; 01-04 is a 调休 working Sunday.
    assert due("proposal-reply", D(2025, 7, 1), extended=True) == D(2026, 1, 4)


def test_three_months_from_30_november() -> None:
    # 2025-11-30 + 3 months: February 2026 has no 30th -> its last day, Sat 2026-02-28,
    # which is a 春节调休 working day, so the period ends there and is not moved.
    assert due("proposal-reply", D(2025, 11, 30)) == D(2026, 2, 28)
    # 2023-11-30 + 3 months -> 2024-02-29 (leap year), a Thursday working day.
    assert due("proposal-reply", D(2023, 11, 30)) == D(2024, 2, 29)
    # 2024-11-30 + 3 months -> Fri 2025-02-28.
    assert due("proposal-reply", D(2024, 11, 30)) == D(2025, 2, 28)


def test_the_rereply_period_is_a_setting() -> None:
    # Dissatisfied feedback on Mon 2025-09-01: 1 month -> Wed 10-01 off -> Thu 10-09;
    # with a 2-month setting (北京) -> Sat 11-01 -> Mon 2025-11-03.
    assert due("proposal-rereply", D(2025, 9, 1)) == D(2025, 10, 9)
    beijing = RuleSettings(proposal_rereply_months=2)
    assert due("proposal-rereply", D(2025, 9, 1), settings=beijing) == D(2025, 11, 3)


def test_a_cppcc_period_set_differently() -> None:
    # 四川: 5 months. 2025-05-01 + 5 months = 2025-10-01 -> 2025-10-09.
    sichuan = RuleSettings(proposal_reply_months=5)
    assert due("proposal-reply", D(2025, 5, 1), settings=sichuan) == D(2025, 10, 9)


def test_settings_are_checked() -> None:
    with pytest.raises(DeadlineError):
        RuleSettings(proposal_reply_months=0)
    with pytest.raises(DeadlineError):
        RuleSettings(proposal_reply_months=6, proposal_complex_reply_months=3)


# --- 重大行政决策 (暂行条例第十五条、第二十六条) -------------------------------------------


def test_the_comment_period_lasts_at_least_30_days() -> None:
    # Published Fri 2025-01-10; +30 days = Sun 2025-02-09, an ordinary rest day
    # (the 调休 Saturday is 02-08), so the period runs to Mon 2025-02-10.
    deadline = compute_due("decision-comment-period", D(2025, 1, 10))
    assert deadline.due == D(2025, 2, 10)
    assert deadline.bound is Bound.MINIMUM


def test_legality_review_of_at_least_7_working_days() -> None:
    # Sent Thu 2026-02-12. 13 (1); 02-14 Sat 调休 (2); 02-15..23 off; 24 (3) 25 (4) 26 (5)
    # 27 (6); 02-28 Sat 调休 (7).
    assert due("decision-legality-review", D(2026, 2, 12)) == D(2026, 2, 28)


# --- 行政复议 (行政复议法第四十八条、第六十二条、第七十六条、第八十八条) ----------------------------


def test_reconsideration_answer_in_working_days() -> None:
    # Copy received Fri 2025-09-26. 09-28 Sun 调休 (1); 29 (2) 30 (3); 10-09 (4) 10 (5);
    # 10-11 Sat 调休 (6); 13 (7) 14 (8) 15 (9) Thu 16 (10).
    assert due("reconsideration-answer", D(2025, 9, 26)) == D(2025, 10, 16)


def test_reconsideration_decision_in_calendar_days() -> None:
    # Accepted 2025-08-02; +60 days = 2025-10-01 (29 left in August, 30 in September, 1),
    # a holiday -> Thu 2025-10-09. Extended by 30 -> 90 days = Fri 2025-10-31.
    assert due("reconsideration-decision", D(2025, 8, 2)) == D(2025, 10, 9)
    assert due("reconsideration-decision", D(2025, 8, 2), extended=True) == D(2025, 10, 31)


def test_simplified_reconsideration_and_opinion_report() -> None:
    # 2025-09-01 + 30 days = Wed 10-01 -> 10-09. 2025-08-02 + 60 days = 10-01 -> 10-09.
    assert due("reconsideration-decision-simple", D(2025, 9, 1)) == D(2025, 10, 9)
    assert due("reconsideration-opinion-report", D(2025, 8, 2)) == D(2025, 10, 9)


# --- 行政诉讼 (行政诉讼法第六十七条、第八十五条) ---------------------------------------------


def test_defence_period_ending_inside_national_day() -> None:
    # Complaint received Sat 2025-09-20; +15 = Sun 2025-10-05 (holiday) -> Thu 2025-10-09.
    assert due("litigation-defence", D(2025, 9, 20)) == D(2025, 10, 9)


def test_defence_period_ending_on_an_ordinary_saturday() -> None:
    # Received Fri 2025-03-07; +15 = Sat 03-22, a rest day -> Mon 2025-03-24.
    assert due("litigation-defence", D(2025, 3, 7)) == D(2025, 3, 24)


def test_appeal_against_a_judgment_served_on_mid_autumn_day() -> None:
    # Served Mon 2024-09-16 (a holiday, which does not matter for the start); +15 = 10-01
    # -> 10-01..07 off -> Tue 2024-10-08.
    assert due("appeal-judgment", D(2024, 9, 16)) == D(2024, 10, 8)


def test_appeal_against_a_ruling_ending_on_an_adjusted_working_sunday() -> None:
    # Served Thu 2025-09-18; +10 = Sun 2025-09-28, a 调休 working day: not a rest day, so
    # the period is not extended (第二百零三条 speaks of 法定休假日).
    assert due("appeal-ruling", D(2025, 9, 18)) == D(2025, 9, 28)


# --- annual reports -------------------------------------------------------------------


def test_annual_report_dates() -> None:
    # Report year 2024: submit before 2025-03-01 -> 02-28; publish before 04-01 -> 03-31;
    # the disclosure annual report by 2025-01-31.
    assert due("annual-report-submit", D(2024, 12, 31)) == D(2025, 2, 28)
    assert due("annual-report-publish", D(2024, 12, 31)) == D(2025, 3, 31)
    assert due("disclosure-annual-report", D(2024, 12, 31)) == D(2025, 1, 31)
    # Report year 2027: before 2028-03-01 is 2028-02-29 (leap year). No calendar is needed.
    deadline = compute_due("annual-report-submit", D(2027, 5, 1))
    assert deadline.due == D(2028, 2, 29)
    assert not deadline.provisional


def test_a_unit_may_set_an_earlier_internal_date() -> None:
    # 怀化-style internal date: the disclosure annual report by 26 January.
    local = RuleSettings(disclosure_annual_report=AnnualDate(1, 26, before=False))
    assert due("disclosure-annual-report", D(2024, 12, 31), settings=local) == D(2025, 1, 26)


# --- beyond the known calendar ------------------------------------------------------------


def test_a_due_date_beyond_the_known_calendar_is_provisional() -> None:
    # Received Fri 2026-12-18. 21..25 (5); 28..31 (9); 2027 is unknown, so Fri 2027-01-01
    # counts on weekends alone (10); 04..08 (15); 11..Fri 15 (20).
    deadline = compute_due("disclosure-reply", D(2026, 12, 18))
    assert deadline.due == D(2027, 1, 15)
    assert deadline.provisional
    assert deadline.years == (2026, 2027)
    assert deadline.unknown_years == (2027,)
    assert deadline.warning is not None and "2027年" in deadline.warning


def test_entering_the_year_makes_it_final() -> None:
    # An admin enters a (made-up) 2027 schedule with 01-01 off: 01-01 no longer counts,
    # so the 20th working day moves to Mon 2027-01-18 and the date is final.
    calendar = seed_calendar().merged_with({2027: YearSchedule(holidays={D(2027, 1, 1)})})
    deadline = compute_due("disclosure-reply", D(2026, 12, 18), calendar=calendar)
    assert deadline.due == D(2027, 1, 18)
    assert not deadline.provisional
    assert deadline.warning is None


def test_a_month_period_ending_in_an_unknown_year_is_provisional() -> None:
    # 2026-11-30 + 3 months -> 2027-02-28, a Sunday on weekends alone -> Mon 2027-03-01.
    deadline = compute_due("proposal-reply", D(2026, 11, 30))
    assert deadline.due == D(2027, 3, 1)
    assert deadline.unknown_years == (2027,)


def test_a_period_ending_inside_the_known_calendar_is_final() -> None:
    deadline = compute_due("disclosure-reply", D(2026, 11, 2))
    assert deadline.due.year == 2026
    assert not deadline.provisional


# --- bad input ---------------------------------------------------------------------------


def test_it_rejects_an_unknown_rule() -> None:
    with pytest.raises(DeadlineError, match="未知的期限规则"):
        compute_due("disclosure-answer", D(2025, 1, 2))


def test_it_rejects_an_extension_the_statute_does_not_allow() -> None:
    with pytest.raises(DeadlineError, match="不可延长"):
        compute_due("litigation-defence", D(2025, 1, 2), extended=True)
    with pytest.raises(DeadlineError, match="1至20个工作日"):
        compute_due("disclosure-reply", D(2025, 1, 2), extension=21)


def test_it_rejects_a_pause_the_statute_does_not_allow() -> None:
    with pytest.raises(DeadlineError, match="没有不计入期限的时间"):
        compute_due("appeal-judgment", D(2025, 1, 2), paused_days=3)


def test_every_rule_names_an_article_and_computes() -> None:
    for code, rule in PERIOD_RULES.items():
        assert rule.basis.startswith(("《", "地方")), code
        assert compute_due(code, D(2025, 6, 3)).due > D(2025, 6, 3), code
