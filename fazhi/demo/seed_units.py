"""The two seed units' 2024 ledgers, record by record (docs/architecture.md#seed-reports).

Every figure their 2024 reports state is computed from these records; the test
``tests/test_seed_figures.py`` holds each figure beside the sentence that states it.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from fazhi.disclosurecheck.tables import REASONS

from .builder import Ledger

Y = 2024


def _spread(n: int, start: date, end: date, rng: random.Random) -> list[date]:
    """n working-looking dates between start and end, in order."""
    span = (end - start).days
    days = (
        sorted(rng.sample(range(span + 1), n)) if n <= span + 1 else sorted(rng.choices(range(span + 1), k=n))
    )
    out = []
    for d in days:
        day = start + timedelta(days=d)
        while day.weekday() >= 5:  # weekend → the Monday after
            day += timedelta(days=1)
        out.append(min(day, end))
    return out


# ─────────────────────────── 南开区政府办公室 ───────────────────────────

LAWS = [
    "习近平法治思想",
    "《中华人民共和国宪法》",
    "《中华人民共和国行政复议法》",
    "《优化营商环境条例》",
    "《重大行政决策程序暂行条例》",
    "《中华人民共和国政府信息公开条例》",
    "《天津市法治宣传教育条例》",
    "《中华人民共和国行政诉讼法》",
    "《中华人民共和国民法典》",
    "《中华人民共和国安全生产法》",
    "《信访工作条例》",
]


def government_office(ledger: Ledger, rng: random.Random) -> None:
    add = ledger.add
    # 区领导开展法治专题讲座2次
    add(
        "study",
        date(Y, 4, 18),
        "习近平法治思想专题讲座：坚持在法治轨道上推进国家治理体系和治理能力现代化",
        form="lecture",
        speaker="区委常委、常务副区长",
        attendees=86,
        laws="习近平法治思想",
    )
    add(
        "study",
        date(Y, 11, 21),
        "学习贯彻党的二十届三中全会精神 深入推进依法行政专题讲座",
        form="lecture",
        speaker="区长",
        attendees=92,
        laws="习近平法治思想；党的二十届三中全会精神",
    )
    # 政府常务会议集体学法3次
    for on, law in zip(
        (date(Y, 3, 12), date(Y, 7, 9), date(Y, 12, 10)),
        ("《中华人民共和国行政复议法》", "《优化营商环境条例》", "《中华人民共和国宪法》"),
        strict=True,
    ):
        add("study", on, f"区政府常务会议集体学习{law}", form="executive_meeting", laws=law, attendees=24)
    # 区政府党组理论学习中心组专题法治学习11次
    for i, on in enumerate(_spread(11, date(Y, 1, 15), date(Y, 12, 20), rng)):
        law = LAWS[i % len(LAWS)]
        add(
            "study", on, f"区政府党组理论学习中心组专题学习{law}", form="center_group", laws=law, attendees=15
        )
    # 区政府机关党组理论学习中心组专题学法10次（主要负责人组织：第三部分“2024年组织专题学法10次”）
    for i, on in enumerate(_spread(10, date(Y, 1, 22), date(Y, 12, 25), rng)):
        law = LAWS[(i + 3) % len(LAWS)]
        add(
            "study",
            on,
            f"区政府机关党组理论学习中心组专题学法：{law}",
            form="organ_center_group",
            laws=law,
            attendees=18,
            led_by_head=True,
        )
    # 学法用法共42人参训并顺利结业；习近平法治思想专题考试参考率为100%
    add(
        "training",
        date(Y, 11, 30),
        "2024年度“天津干部在线学习”平台学法用法专题培训",
        platform="天津干部在线学习",
        enrolled_count=42,
        completed_count=42,
    )
    add(
        "exam",
        date(Y, 10, 25),
        "2024年度习近平法治思想专题考试",
        exam_type="xi_thought",
        eligible_count=42,
        taker_count=42,
        passed_count=42,
        average_score=Decimal("93.60"),
    )
    add(
        "publicity",
        date(Y, 12, 2),
        "区政府网站首页设置宪法宣传海报",
        theme="constitution",
        channel="website",
        reach=5200,
    )
    add(
        "publicity",
        date(Y, 7, 20),
        "区政府网站增设“党的二十届三中全会”栏目",
        theme="xi_thought",
        channel="website",
        reach=8100,
    )
    # 区政府召开10次政府常务会议，研究法治政府建设工作
    topics = [
        "审议《南开区2023年度法治政府建设情况报告》",
        "听取2023年度行政执法、复议及应诉工作情况汇报",
        "研究区级重大行政决策事项目录",
        "研究行政规范性文件合法性审核工作",
        "研究法治政府建设示范创建工作",
        "研究行政执法“三项制度”落实情况",
        "研究优化法治化营商环境工作",
        "研究行政复议体制改革落实",
        "研究公职律师工作管理办法",
        "研究2024年度法治政府建设重点任务推进情况",
    ]
    for i, on in enumerate(_spread(10, date(Y, 1, 10), date(Y, 12, 17), rng)):
        add(
            "meeting",
            on,
            f"区政府第{i + 41}次常务会议",
            meeting_type="executive",
            studies_rule_of_law=True,
            topics=topics[i],
        )
    # 主持召开机关党组会30次，研究“三重一大”事项议题100个（10次×4个 + 20次×3个）
    for i, on in enumerate(_spread(30, date(Y, 1, 8), date(Y, 12, 27), rng)):
        add(
            "meeting",
            on,
            f"区政府机关党组会（2024年第{i + 1}次）",
            meeting_type="organ_party_group",
            chaired_by_head=True,
            sanzhong_topics=4 if i < 10 else 3,
            topics="干部任免、大额资金使用、合同审议等“三重一大”事项",
        )
    # 出庭应诉1次；旁听庭审
    add("hearing", date(Y, 6, 14), "红桥法院行政案件现场旁听庭审", court="天津市红桥区人民法院", attendees=12)
    # 行政诉讼4件（其中主要负责人出庭应诉1件）、行政复议4件
    for i, on in enumerate((date(Y, 3, 5), date(Y, 5, 27), date(Y, 8, 19), date(Y, 10, 30))):
        add(
            "case",
            on,
            f"某公民诉南开区人民政府政府信息公开答复案（{i + 1}）",
            case_type="litigation",
            case_number=f"（2024）津0106行初{31 + i * 17}号",
            forum="天津市红桥区人民法院",
            head_appeared=(i == 1),
            outcome="upheld" if i < 3 else "pending",
            about_disclosure=True,
            after_reconsideration=(i == 3),
        )
    for i, on in enumerate((date(Y, 2, 26), date(Y, 6, 11), date(Y, 9, 3), date(Y, 11, 15))):
        add(
            "case",
            on,
            f"申请人不服政府信息公开答复行政复议案（{i + 1}）",
            case_type="reconsideration",
            case_number=f"津南开复〔2024〕{8 + i * 5}号",
            forum="天津市人民政府",
            outcome="upheld" if i != 2 else "corrected",
            about_disclosure=True,
        )
    # 市级建议提案47件，区级建议提案237件，面商率、答复率、满意率均达到100%
    _proposals(ledger, rng, level="city", count=47, assigned=date(Y, 3, 15))
    _proposals(ledger, rng, level="district", count=237, assigned=date(Y, 2, 5))
    # 确定“南开区第十二批区级非物质文化遗产代表性名录”等4个项目为区政府年度重大决策事项
    for on, title in (
        (date(Y, 3, 28), "南开区第十二批区级非物质文化遗产代表性名录"),
        (date(Y, 3, 28), "南开区老旧小区改造提升三年行动方案"),
        (date(Y, 3, 28), "南开区养老服务设施布局专项规划"),
        (date(Y, 3, 28), "南开区教育资源布局优化调整方案"),
    ):
        add(
            "decision",
            on,
            title,
            public_participation=True,
            expert_review=True,
            risk_assessment=True,
            legality_review=True,
            collective_decision=True,
            published=True,
        )
    # 指导全区各单位规范发布文件106条
    for i, on in enumerate(_spread(106, date(Y, 1, 5), date(Y, 12, 30), rng)):
        add(
            "normdoc",
            on,
            f"{_DOC_SUBJECTS[i % len(_DOC_SUBJECTS)]}（第{i + 1}条）",
            doc_number=f"南开政规〔2024〕{i + 1}号",
            action="published",
        )
    # 公职律师和法律顾问全年参与处理信息公开申请58件
    for i, on in enumerate(_spread(58, date(Y, 1, 3), date(Y, 12, 6), rng)):
        replied = on + timedelta(days=rng.randint(8, 26))
        add(
            "request",
            on,
            f"申请公开{_REQUEST_SUBJECTS[i % len(_REQUEST_SUBJECTS)]}",
            applicant_type="person" if i % 5 else ORGANISATIONS[(i // 5) % len(ORGANISATIONS)],
            reply_type=(reply := rng.choice(["public", "public", "partial", "nonexistent", "withheld"])),
            reply_reason=reason_for(reply, i),
            replied_on=replied,
        )
    for i, on in enumerate(_spread(12, date(Y, 1, 20), date(Y, 12, 10), rng)):
        add(
            "review",
            on,
            f"{_CONTRACTS[i % len(_CONTRACTS)]}合法性审核",
            subject="contract",
            reviewer="public_lawyer" if i % 2 else "counsel",
            opinion="经审核，合同主体适格，条款合法，建议签订。",
        )
    add("rule", date(Y, 5, 10), "南开区政府办公室公职律师工作管理办法", action="adopted")


# The organisation columns of the disclosure report's table 3, and a reason for every result that
# needs one, chosen by position (not by the random generator, whose sequence the figures rest on).
ORGANISATIONS = ("business", "research", "charity", "legal", "other_org")


def reason_for(reply: str, i: int) -> str:
    reasons = REASONS.get(reply, ())
    return reasons[i % len(reasons)] if reasons else ""


_DOC_SUBJECTS = [
    "关于进一步加强行政规范性文件管理的通知",
    "南开区城市更新实施办法",
    "关于促进楼宇经济高质量发展的若干措施",
    "南开区政府投资项目管理办法",
    "关于加强安全生产工作的实施意见",
    "南开区公共资源交易管理办法",
    "关于支持科技型企业发展的若干措施",
    "南开区老年人助餐服务管理办法",
]
_REQUEST_SUBJECTS = [
    "某地块征收补偿安置方案",
    "某小区加装电梯审批材料",
    "2023年区级财政预算执行情况",
    "某道路改造工程立项文件",
    "某企业行政处罚决定书",
    "区级重大行政决策事项目录",
    "某拆迁项目房屋评估报告",
    "某学校规划建设批复",
]
_CONTRACTS = [
    "物业服务合同",
    "政府购买服务合同",
    "信息化系统运维合同",
    "房屋租赁合同",
    "法律顾问服务合同",
    "办公设备采购合同",
]
_PROPOSAL_TOPICS = [
    "加快老旧小区改造",
    "完善社区养老服务",
    "优化中小学学位供给",
    "缓解医院周边停车难",
    "加强背街小巷环境治理",
    "推动楼宇经济发展",
    "改善鞍山西道交通拥堵",
    "增设便民菜市场",
    "加强校园周边安全管理",
    "推进垃圾分类",
    "支持科技型中小企业",
    "提升营商环境",
]


def _proposals(ledger: Ledger, rng: random.Random, *, level: str, count: int, assigned: date) -> None:
    for i in range(count):
        proposal_type = "npc" if i % 2 == 0 else "cppcc"
        replied = assigned + timedelta(days=rng.randint(40, 85))
        prefix = "市" if level == "city" else "区"
        label = "建议" if proposal_type == "npc" else "提案"
        ledger.add(
            "proposal",
            assigned,
            f"关于{_PROPOSAL_TOPICS[i % len(_PROPOSAL_TOPICS)]}的{label}",
            number=f"{prefix}{label}{2024}-{i + 1:03d}",
            proposal_type=proposal_type,
            level=level,
            proposer=f"{'代表' if proposal_type == 'npc' else '委员'}{i + 1:03d}号",
            face_to_face=True,
            replied_on=replied,
            result_code=rng.choice("AAAB"),
            satisfaction="satisfied",
        )


# ─────────────────────────── 南开区投资促进局 ───────────────────────────


def investment_bureau(ledger: Ledger, rng: random.Random) -> None:
    add = ledger.add
    # 组织处级干部、机关干部积极参加习近平法治思想专题考试，平均成绩达到96.28分
    add(
        "exam",
        date(Y, 10, 18),
        "2024年度习近平法治思想专题考试",
        exam_type="xi_thought",
        eligible_count=25,
        taker_count=25,
        passed_count=25,
        average_score=Decimal("96.28"),
    )
    add(
        "exam",
        date(Y, 11, 8),
        "2024年度领导干部年度法律知识考试",
        exam_type="annual_law",
        eligible_count=6,
        taker_count=6,
        passed_count=6,
        average_score=Decimal("95.50"),
    )
    add(
        "exam",
        date(Y, 11, 12),
        "2024年度公务员年度法律知识考试",
        exam_type="annual_law",
        eligible_count=19,
        taker_count=19,
        passed_count=19,
        average_score=Decimal("92.84"),
    )
    # 党组会、理论学习中心组、党支部集体学习
    for i, on in enumerate(_spread(4, date(Y, 2, 20), date(Y, 11, 28), rng)):
        add(
            "study",
            on,
            f"党组会集体学习{LAWS[i]}",
            form="party_group",
            laws=LAWS[i],
            attendees=7,
            led_by_head=True,
        )
    for i, on in enumerate(_spread(3, date(Y, 3, 1), date(Y, 12, 12), rng)):
        add(
            "study",
            on,
            f"党组理论学习中心组专题学习{LAWS[i + 4]}",
            form="center_group",
            laws=LAWS[i + 4],
            attendees=7,
        )
    for i, on in enumerate(_spread(6, date(Y, 1, 25), date(Y, 12, 20), rng)):
        add(
            "study",
            on,
            f"党支部集体学习{LAWS[(i + 6) % len(LAWS)]}",
            form="branch",
            laws=LAWS[(i + 6) % len(LAWS)],
            attendees=24,
        )
    add(
        "study",
        date(Y, 6, 6),
        "集中学习《中华人民共和国安全生产法》《中华人民共和国突发事件应对法》《天津市安全生产条例》",
        form="branch",
        laws="《中华人民共和国安全生产法》《中华人民共和国突发事件应对法》《天津市安全生产条例》",
        attendees=25,
    )
    add(
        "study",
        date(Y, 5, 16),
        "组织全体干部赴南开区警示教育基地参观",
        form="visit",
        attendees=25,
        led_by_head=True,
    )
    add(
        "study",
        date(Y, 6, 20),
        "组织全体干部参观天津市党纪学习教育专题展",
        form="visit",
        attendees=25,
        led_by_head=True,
    )
    add(
        "study",
        date(Y, 7, 2),
        "主要负责人讲廉政党课",
        form="other",
        speaker="局长",
        attendees=25,
        led_by_head=True,
    )
    add(
        "training",
        date(Y, 11, 29),
        "“干部学法用法”平台年度学习",
        platform="干部学法用法",
        enrolled_count=25,
        completed_count=25,
    )
    # 修订完善《内部审计工作制度》《财务管理制度》等多项制度
    for on, title in (
        (date(Y, 4, 12), "内部审计工作制度"),
        (date(Y, 4, 12), "财务管理制度"),
        (date(Y, 9, 5), "合同管理制度"),
    ):
        add("rule", on, title, action="revised")
    # 法治政府建设工作领导小组，定期召开专题会议；“三重一大”集体决策
    add(
        "meeting",
        date(Y, 3, 6),
        "法治政府建设工作领导小组2024年第一次会议",
        meeting_type="leading_group",
        chaired_by_head=True,
        studies_rule_of_law=True,
        topics="部署2024年法治政府建设工作",
    )
    add(
        "meeting",
        date(Y, 9, 12),
        "法治政府建设工作领导小组2024年第二次会议",
        meeting_type="leading_group",
        chaired_by_head=True,
        studies_rule_of_law=True,
        topics="推进法治政府建设重点任务",
    )
    add(
        "meeting",
        date(Y, 7, 10),
        "法治建设专题会议",
        meeting_type="special",
        chaired_by_head=True,
        studies_rule_of_law=True,
        topics="研究招商引资合同合法性审核工作",
    )
    for i, on in enumerate(_spread(12, date(Y, 1, 16), date(Y, 12, 24), rng)):
        add(
            "meeting",
            on,
            f"投资促进局党组会（2024年第{i + 1}次）",
            meeting_type="party_group",
            chaired_by_head=True,
            sanzhong_topics=2 if i % 3 else 3,
            topics="重要项目安排、大额度资金使用",
        )
    # 与律师事务所签订法律顾问合同，合同协议法务过审
    for i, on in enumerate(_spread(9, date(Y, 1, 10), date(Y, 12, 5), rng)):
        add(
            "review",
            on,
            f"{['招商引资合作协议', '项目落地服务协议', '办公场地租赁合同'][i % 3]}合法性审核",
            subject="contract",
            reviewer="counsel",
            opinion="经法律顾问审核，提出修改意见后同意签订。",
        )
    # 民法典学习宣传、应急管理系统法治宣传周、宪法宣传周、全国知识产权宣传周
    for on, title, theme, channel, reach in (
        (date(Y, 5, 20), "民法典宣传月：企业合同风险防范普法宣传", "civil_code", "wechat", 1860),
        (date(Y, 4, 26), "全国知识产权宣传周：知识产权保护政策推送", "ip", "wechat", 1320),
        (date(Y, 6, 17), "应急管理系统法治宣传周", "emergency", "offline", 300),
        (date(Y, 12, 4), "宪法宣传周：转发宪法学习文章", "constitution", "wechat", 2150),
        (date(Y, 12, 5), "参加中国普法微信公众号宪法宣传周答题活动", "constitution", "quiz", 25),
        (date(Y, 8, 15), "习近平法治思想学习宣传推文", "xi_thought", "wechat", 980),
    ):
        add("publicity", on, title, theme=theme, channel=channel, reach=reach)
    # 在门户网站上公开领导信息、机构职能和设置、财政预决算……
    for on, title, category in (
        (date(Y, 1, 20), "领导信息", "leadership"),
        (date(Y, 1, 20), "机构职能和设置", "functions"),
        (date(Y, 1, 31), "2023年政府信息公开工作年度报告", "annual_report"),
        (date(Y, 2, 8), "2024年部门预算", "budget"),
        (date(Y, 8, 30), "2023年部门决算", "budget"),
        (date(Y, 3, 25), "2023年度法治政府建设情况报告", "rol_report"),
        (date(Y, 4, 10), "普法责任清单", "pufa_list"),
        (date(Y, 6, 28), "重点招商项目落地情况", "livelihood"),
    ):
        add("disclosure", on, title, category=category, channel="南开区人民政府门户网站")
    # 认真办理人大代表建议和政协委员提案
    for i, (level, proposal_type) in enumerate(
        (("district", "npc"), ("district", "cppcc"), ("district", "cppcc"))
    ):
        on = date(Y, 2, 5)
        add(
            "proposal",
            on,
            f"关于{['加大招商引资力度', '优化营商环境', '促进楼宇经济发展'][i]}的{'建议' if proposal_type == 'npc' else '提案'}",
            number=f"区{'建议' if proposal_type == 'npc' else '提案'}2024-{301 + i}",
            proposal_type=proposal_type,
            level=level,
            proposer="代表" if proposal_type == "npc" else "委员",
            face_to_face=True,
            replied_on=on + timedelta(days=60),
            result_code="A",
            satisfaction="satisfied",
        )
