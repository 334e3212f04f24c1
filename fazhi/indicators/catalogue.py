"""The one catalogue of indicators (DESIGN.md, "The one central idea").

Adding a figure is one entry here. Record kinds and field names are those of
``fazhi.records.models``; the ``where`` filters are ORM lookups written as data.
"""

from __future__ import annotations

from .spec import Average, Count, Indicator, Ratio, Sum

THEMES: dict[str, str] = {
    "learning": "学法用法",
    "publicity": "普法宣传",
    "rules": "制度建设",
    "decisions": "依法科学民主决策",
    "review": "合法性审核",
    "disclosure": "政务公开",
    "proposals": "建议提案办理",
    "cases": "行政复议与行政应诉",
}

_XI = {"exam_type": "xi_thought"}
_ANNUAL = {"exam_type": "annual_law"}
_PARTY_MEETINGS = {"kind__in": ["party_group", "organ_party_group"], "chaired_by_head": True}
_ALL_STEPS = {
    "public_participation": True,
    "expert_review": True,
    "risk_assessment": True,
    "legality_review": True,
    "collective_decision": True,
}

INDICATORS: tuple[Indicator, ...] = (
    # ── 学法用法 ────────────────────────────────────────────────
    Indicator(
        "study.total", "学法活动次数", "次", Count("study"), "learning",
        patterns=("全年共开展各类学法活动{value}次",),
        phrases=(("学法活动",),),
        key=True,
    ),
    Indicator(
        "study.party_group", "党组会集体学法次数", "次", Count("study", {"form": "party_group"}), "learning",
        patterns=("党组会集体学法{value}次",),
        phrases=(("党组会", "学法"),),
    ),
    Indicator(
        "study.center_group", "党组理论学习中心组专题学法次数", "次",
        Count("study", {"form": "center_group"}), "learning",
        patterns=("党组理论学习中心组专题法治学习{value}次",),
        phrases=(("党组理论学习中心组", "学习"), ("中心组", "学法")),
        evidences="领导干部学法制度落实",
    ),
    Indicator(
        "study.organ_center_group", "机关党组理论学习中心组专题学法次数", "次",
        Count("study", {"form": "organ_center_group"}), "learning",
        patterns=("机关党组理论学习中心组专题学法{value}次",),
        phrases=(("机关党组理论学习中心组",),),
    ),
    Indicator(
        "study.executive_meeting", "政府常务会议集体学法次数", "次",
        Count("study", {"form": "executive_meeting"}), "learning",
        patterns=("开展政府常务会议集体学法{value}次",),
        phrases=(("常务会议", "集体学法"), ("常务会议", "学法")),
        evidences="政府常务会议定期学法",
        key=True,
    ),
    Indicator(
        "study.lecture", "法治专题讲座次数", "次", Count("study", {"form": "lecture"}), "learning",
        patterns=("开展法治专题讲座{value}次",),
        phrases=(("专题讲座",), ("法治讲座",)),
        key=True,
    ),
    Indicator(
        "study.led_by_head", "主要负责人组织专题学法次数", "次", Count("study", {"led_by_head": True}), "learning",
        parts=("leadership",),
        patterns=("组织专题学法{value}次",),
        phrases=(("组织专题学法",),),
    ),
    Indicator(
        "exam.count", "法律知识考试场次", "次", Count("exam"), "learning",
        patterns=("组织法律知识考试{value}次",),
        phrases=(("考试", "场"),),
    ),
    Indicator(
        "exam.xi_participation_rate", "习近平法治思想专题考试参考率", "%",
        Ratio(Sum("exam", "taker_count", _XI), Sum("exam", "eligible_count", _XI)), "learning",
        patterns=("习近平法治思想专题考试参考率为{value}%",),
        phrases=(("参考率",),),
        decimals=2,
        key=True,
    ),
    Indicator(
        "exam.xi_average_score", "习近平法治思想专题考试平均成绩", "分",
        Average("exam", "average_score", weight="taker_count", where=_XI), "learning",
        patterns=("组织干部参加习近平法治思想专题考试，平均成绩达到{value}分",),
        phrases=(("平均成绩",), ("平均分",)),
        decimals=2,
    ),
    Indicator(
        "exam.annual_participation_rate", "年度法律知识考试参考率", "%",
        Ratio(Sum("exam", "taker_count", _ANNUAL), Sum("exam", "eligible_count", _ANNUAL)), "learning",
        patterns=("年度法律知识考试参考率为{value}%",),
        phrases=(("年度法律知识考试", "参考率"),),
        decimals=2,
    ),
    Indicator(
        "exam.annual_average_score", "年度法律知识考试平均成绩", "分",
        Average("exam", "average_score", weight="taker_count", where=_ANNUAL), "learning",
        patterns=("年度法律知识考试平均成绩{value}分",),
        phrases=(("年度法律知识考试", "平均"),),
        decimals=2,
    ),
    Indicator(
        "training.enrolled", "学法用法参训人数", "人", Sum("training", "enrolled_count"), "learning",
        patterns=("学法用法共{value}人参训",),
        phrases=(("参训",),),
        key=True,
    ),
    Indicator(
        "training.completed", "学法用法结业人数", "人", Sum("training", "completed_count"), "learning",
        patterns=("{value}人顺利结业",),
        phrases=(("结业",),),
    ),
    Indicator(
        "training.completion_rate", "学法用法结业率", "%",
        Ratio(Sum("training", "completed_count"), Sum("training", "enrolled_count")), "learning",
        patterns=("结业率{value}%",),
        phrases=(("结业率",),),
        decimals=2,
    ),
    # ── 普法宣传 ────────────────────────────────────────────────
    Indicator(
        "publicity.count", "普法宣传活动次数", "次", Count("publicity"), "publicity",
        patterns=("开展普法宣传活动{value}次",),
        phrases=(("普法", "活动"), ("宣传活动",)),
        key=True,
    ),
    Indicator(
        "publicity.reach", "普法宣传覆盖人次", "人次", Sum("publicity", "reach"), "publicity",
        patterns=("覆盖群众{value}人次",),
        phrases=(("覆盖",), ("受众",)),
    ),
    # ── 制度建设 ────────────────────────────────────────────────
    Indicator(
        "rule.adopted", "新制定内部制度数", "项", Count("rule", {"action": "adopted"}), "rules",
        patterns=("新制定内部管理制度{value}项",),
        phrases=(("制定", "制度"),),
    ),
    Indicator(
        "rule.revised", "修订完善内部制度数", "项", Count("rule", {"action": "revised"}), "rules",
        patterns=("修订完善内部管理制度{value}项",),
        phrases=(("修订", "制度"),),
    ),
    # ── 依法科学民主决策 ────────────────────────────────────────
    Indicator(
        "meeting.executive_rule_of_law", "政府常务会议研究法治工作次数", "次",
        Count("meeting", {"kind": "executive", "studies_rule_of_law": True}), "decisions",
        patterns=("召开{value}次政府常务会议，研究法治政府建设工作",),
        phrases=(("常务会议", "研究法治"), ("常务会议", "法治政府建设工作")),
        key=True,
    ),
    Indicator(
        "meeting.leading_group", "法治建设领导小组会议次数", "次",
        Count("meeting", {"kind": "leading_group"}), "decisions",
        parts=("leadership",),
        patterns=("召开法治政府建设工作领导小组会议{value}次",),
        phrases=(("领导小组", "会议"),),
    ),
    Indicator(
        "meeting.special", "法治建设专题会议次数", "次", Count("meeting", {"kind": "special"}), "decisions",
        parts=("leadership",),
        patterns=("召开法治建设专题会议{value}次",),
        phrases=(("法治建设专题会议",),),
    ),
    Indicator(
        "meeting.party_group_chaired", "主要负责人主持召开党组会次数", "次",
        Count("meeting", _PARTY_MEETINGS), "decisions",
        parts=("leadership",),
        patterns=("主持召开机关党组会{value}次",),
        phrases=(("党组会",),),
        key=True,
    ),
    Indicator(
        "meeting.sanzhong_topics", "研究“三重一大”事项议题数", "个",
        Sum("meeting", "sanzhong_topics", _PARTY_MEETINGS), "decisions",
        parts=("leadership",),
        patterns=("研究“三重一大”事项议题{value}个",),
        phrases=(("三重一大", "议题"),),
        key=True,
    ),
    Indicator(
        "decision.count", "重大行政决策事项数", "个", Count("decision"), "decisions",
        patterns=("确定{value}个项目为年度重大行政决策事项",),
        phrases=(("重大决策事项",), ("重大行政决策事项",), ("重大行政决策", "项目")),
        evidences="重大行政决策目录化管理",
        key=True,
    ),
    Indicator(
        "decision.procedure_rate", "重大行政决策法定程序履行率", "%",
        Ratio(Count("decision", _ALL_STEPS), Count("decision")), "decisions",
        patterns=("重大行政决策法定程序履行率{value}%",),
        phrases=(("法定程序", "履行率"),),
        decimals=2,
    ),
    # ── 合法性审核 ──────────────────────────────────────────────
    Indicator(
        "review.count", "合法性审核件数", "件", Count("review"), "review",
        patterns=("开展合法性审核{value}件",),
        phrases=(("合法性审核",), ("合法性审查",)),
        key=True,
    ),
    Indicator(
        "review.contracts", "合同合法性审核件数", "件", Count("review", {"subject": "contract"}), "review",
        patterns=("审核合同协议{value}件",),
        phrases=(("合同", "审核"),),
    ),
    Indicator(
        "normdoc.published", "规范性文件发布条数", "条", Count("normdoc", {"action": "published"}), "review",
        patterns=("规范发布文件{value}条",),
        phrases=(("发布文件",), ("规范性文件", "发布")),
        key=True,
    ),
    # ── 政务公开 ────────────────────────────────────────────────
    Indicator(
        "disclosure.proactive", "主动公开政府信息条数", "条", Count("disclosure"), "disclosure",
        patterns=("主动公开政府信息{value}条",),
        phrases=(("主动公开",),),
    ),
    Indicator(
        "request.count", "依申请公开件数", "件", Count("request"), "disclosure",
        patterns=("处理信息公开申请{value}件",),
        phrases=(("信息公开申请",), ("依申请公开",)),
        key=True,
    ),
    Indicator(
        "request.replied", "依申请公开已答复件数", "件", Count("request", {"replied_on__isnull": False}), "disclosure",
        patterns=("已答复{value}件",),
        phrases=(("申请", "答复"),),
    ),
    Indicator(
        "request.on_time_rate", "依申请公开按期答复率", "%",
        Ratio(Count("request", {"replied_on_time": True}), Count("request", {"replied_on_time__isnull": False})),
        "disclosure",
        patterns=("依申请公开按期答复率{value}%",),
        phrases=(("按期答复率", "申请"), ("依申请公开", "按期")),
        decimals=2,
    ),
    # ── 建议提案办理 ────────────────────────────────────────────
    Indicator(
        "proposal.total", "承办建议提案件数", "件", Count("proposal"), "proposals",
        patterns=("共承办建议提案{value}件",),
        phrases=(("承办", "建议提案"),),
        key=True,
    ),
    Indicator(
        "proposal.city", "市级建议提案件数", "件", Count("proposal", {"level": "city"}), "proposals",
        patterns=("承办市级建议提案{value}件",),
        phrases=(("市级建议提案",), ("市级", "建议")),
    ),
    Indicator(
        "proposal.district", "区级建议提案件数", "件", Count("proposal", {"level": "district"}), "proposals",
        patterns=("区级建议提案{value}件",),
        phrases=(("区级建议提案",), ("区级", "建议")),
    ),
    Indicator(
        "proposal.face_to_face_rate", "建议提案面商率", "%",
        Ratio(Count("proposal", {"face_to_face": True}), Count("proposal")), "proposals",
        patterns=("面商率达到{value}%",),
        phrases=(("面商率",),),
        decimals=2,
    ),
    Indicator(
        "proposal.reply_rate", "建议提案答复率", "%",
        Ratio(Count("proposal", {"replied_on__isnull": False}), Count("proposal")), "proposals",
        patterns=("答复率达到{value}%",),
        phrases=(("答复率",),),
        decimals=2,
        key=True,
    ),
    Indicator(
        "proposal.on_time_rate", "建议提案按期答复率", "%",
        Ratio(Count("proposal", {"replied_on_time": True}), Count("proposal", {"replied_on_time__isnull": False})),
        "proposals",
        patterns=("建议提案按期答复率{value}%",),
        phrases=(("建议提案", "按期答复率"),),
        decimals=2,
    ),
    Indicator(
        "proposal.satisfaction_rate", "建议提案满意率", "%",
        Ratio(Count("proposal", {"satisfaction": "satisfied"}), Count("proposal")), "proposals",
        patterns=("满意率达到{value}%",),
        phrases=(("满意率",),),
        decimals=2,
    ),
    # ── 行政复议与行政应诉 ──────────────────────────────────────
    Indicator(
        "case.reconsideration", "行政复议件数", "件", Count("case", {"kind": "reconsideration"}), "cases",
        patterns=("行政复议{value}件",),
        phrases=(("行政复议",),),
        key=True,
    ),
    Indicator(
        "case.litigation", "行政诉讼件数", "件", Count("case", {"kind": "litigation"}), "cases",
        patterns=("行政诉讼{value}件",),
        phrases=(("行政诉讼",),),
        key=True,
    ),
    Indicator(
        "case.head_appeared", "负责人出庭应诉次数", "次",
        Count("case", {"kind": "litigation", "head_appeared": True}), "cases",
        parts=("measures", "leadership"),
        patterns=("主要负责人作为行政机关负责人出庭应诉{value}次",),
        phrases=(("出庭应诉",),),
        evidences="行政机关负责人出庭应诉",
        key=True,
    ),
    Indicator(
        "case.head_appearance_rate", "负责人出庭应诉率", "%",
        Ratio(Count("case", {"kind": "litigation", "head_appeared": True}), Count("case", {"kind": "litigation"})),
        "cases",
        patterns=("负责人出庭应诉率{value}%",),
        phrases=(("出庭应诉率",),),
        decimals=2,
    ),
    Indicator(
        "hearing.count", "旁听庭审次数", "次", Count("hearing"), "cases",
        patterns=("组织旁听庭审{value}次",),
        phrases=(("旁听", "庭审"),),
    ),
)

_BY_CODE = {i.code: i for i in INDICATORS}
assert len(_BY_CODE) == len(INDICATORS), "indicator codes must be unique"


def get(code: str) -> Indicator:
    return _BY_CODE[code]


def codes() -> list[str]:
    return list(_BY_CODE)
