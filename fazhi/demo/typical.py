"""Plausible ledgers for the other demo units and years: a typical district
department's year, scaled by the unit's size, with a seeded random generator so
the demo is the same every time.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from .builder import Ledger
from .seed_units import LAWS, _spread


def typical_year(
    ledger: Ledger, rng: random.Random, year: int, *, until: date | None = None, size: int = 1
) -> None:
    """One year of records; with ``until`` (the current year), only what happened before it."""
    end = min(until or date(year, 12, 28), date(year, 12, 28))
    start = date(year, 1, 6)
    if end <= start:
        return
    share = (end - start).days / 356

    def n(base: int) -> int:
        return max(0, round(base * size * share * rng.uniform(0.7, 1.3)))

    add = ledger.add
    for i, on in enumerate(_spread(n(4), start, end, rng)):
        add(
            "study",
            on,
            f"党组会集体学习{LAWS[i % len(LAWS)]}",
            form="party_group",
            laws=LAWS[i % len(LAWS)],
            attendees=rng.randint(6, 11),
            led_by_head=True,
        )
    for i, on in enumerate(_spread(n(5), start, end, rng)):
        law = LAWS[(i + 2) % len(LAWS)]
        add(
            "study",
            on,
            f"党组理论学习中心组专题学法：{law}",
            form="center_group",
            laws=law,
            attendees=rng.randint(7, 12),
        )
    for _i, on in enumerate(_spread(n(1), start, end, rng)):
        add(
            "study",
            on,
            "法治专题讲座：行政执法中的法律风险防范",
            form="lecture",
            speaker="特邀律师",
            attendees=rng.randint(40, 90),
        )
    if share > 0.8:
        eligible = rng.randint(30, 80) * size
        takers = eligible - rng.randint(0, 2)
        add(
            "exam",
            date(year, 10, rng.randint(10, 28)),
            f"{year}年度习近平法治思想专题考试",
            exam_type="xi_thought",
            eligible_count=eligible,
            taker_count=takers,
            passed_count=takers,
            average_score=Decimal(str(round(rng.uniform(88, 97), 2))),
        )
        add(
            "training",
            date(year, 11, 28),
            f"{year}年度学法用法网上培训",
            platform="天津干部在线学习",
            enrolled_count=eligible,
            completed_count=eligible - rng.randint(0, 3),
        )
    for i, on in enumerate(_spread(n(4), start, end, rng)):
        theme, title = [
            ("constitution", "宪法宣传周系列活动"),
            ("civil_code", "民法典宣传月进社区"),
            ("ip", "知识产权宣传周"),
            ("xi_thought", "习近平法治思想学习宣传"),
        ][i % 4]
        add(
            "publicity",
            on,
            title,
            theme=theme,
            channel=rng.choice(["wechat", "offline", "website"]),
            reach=rng.randint(200, 3000),
        )
    for i, on in enumerate(_spread(n(12), start, end, rng)):
        add(
            "meeting",
            on,
            f"党组会（{year}年第{i + 1}次）",
            meeting_type="party_group",
            chaired_by_head=True,
            sanzhong_topics=rng.randint(1, 4),
            topics="“三重一大”事项集体研究",
        )
    for i, on in enumerate(_spread(n(6), start, end, rng)):
        add(
            "review",
            on,
            f"{['政府采购合同', '服务外包合同', '合作协议'][i % 3]}合法性审核",
            subject="contract",
            reviewer=rng.choice(["counsel", "public_lawyer"]),
            opinion="同意",
        )
    for i, on in enumerate(_spread(n(8), start, end, rng)):
        add(
            "disclosure",
            on,
            f"{['政策解读', '部门预算', '工作动态', '行政执法公示'][i % 4]}（{i + 1}）",
            category=["policy", "budget", "other", "other"][i % 4],
        )
    for i, on in enumerate(_spread(n(5), start, end, rng)):
        replied = on + timedelta(days=rng.randint(10, 27))
        add(
            "request",
            on,
            f"申请公开{['执法检查记录', '项目审批文件', '财政补贴发放名单'][i % 3]}",
            applicant_type=rng.choice(["person", "other_org"]),
            reply_type="public",
            replied_on=replied if replied < end else None,
        )
    assigned = date(year, 2, 20)
    if assigned < end:
        for i in range(n(6)):
            proposal_type = rng.choice(["npc", "cppcc"])
            replied = assigned + timedelta(days=rng.randint(45, 88))
            done = replied < end
            add(
                "proposal",
                assigned,
                f"关于{['改善社区环境', '优化公共服务', '加强执法监管', '便民设施建设'][i % 4]}的"
                f"{'建议' if proposal_type == 'npc' else '提案'}",
                number=f"区{year}-{i + 1:03d}",
                proposal_type=proposal_type,
                level=rng.choice(["district", "district", "city"]),
                face_to_face=done or rng.random() < 0.5,
                replied_on=replied if done else None,
                result_code=rng.choice("AAB") if done else "",
                satisfaction=rng.choice(["satisfied", "satisfied", "basic"]) if done else "pending",
            )
    for i, on in enumerate(_spread(n(1), start, end, rng)):
        add(
            "case",
            on,
            f"行政诉讼案件（{year}-{i + 1}）",
            case_type="litigation",
            case_number=f"（{year}）津0104行初{i + 12}号",
            forum="天津市河西区人民法院",
            head_appeared=rng.random() < 0.6,
            outcome="pending",
        )
