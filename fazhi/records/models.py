"""The ledgers (台账): one model per kind of rule-of-law work a unit records.

Every record has a unit, a date (which puts it in a report year), a title, who
entered it and when, evidence attachments and a full change history. Field names
here are the ones the indicator catalogue filters on.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.orgs.models import Unit


class Attachment(models.Model):
    """An evidence file for any record (会议纪要, 签到表, 答复书 ...)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    file = models.FileField("文件", upload_to="evidence/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "佐证材料"
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_record")]

    def __str__(self) -> str:
        return self.original_name


class Record(models.Model):
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    date = models.DateField("日期")
    title = models.CharField("名称", max_length=300)
    notes = models.TextField("备注", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    attachments = GenericRelation(Attachment)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["unit", "date"], name="%(class)s_unit_date")]

    def __str__(self) -> str:
        return self.title


def _count(label: str) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(label, default=0)


class StudySession(Record):
    class Form(models.TextChoices):
        PARTY_GROUP = "party_group", "党组会集体学法"
        CENTER_GROUP = "center_group", "党组理论学习中心组专题学法"
        ORGAN_CENTER_GROUP = "organ_center_group", "机关党组理论学习中心组专题学法"
        EXECUTIVE_MEETING = "executive_meeting", "政府常务会议集体学法"
        LECTURE = "lecture", "法治专题讲座"
        BRANCH = "branch", "党支部集体学习"
        ONLINE = "online", "线上平台学习"
        VISIT = "visit", "警示教育/参观学习"
        OTHER = "other", "其他"

    form = models.CharField("学习形式", max_length=24, choices=Form.choices)
    laws = models.TextField("学习的法律法规", blank=True)
    speaker = models.CharField("主讲人", max_length=100, blank=True)
    attendees = _count("参加人数")
    led_by_head = models.BooleanField("主要负责人组织/主持", default=False)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "学法活动"


class Exam(Record):
    class Type(models.TextChoices):
        ANNUAL_LAW = "annual_law", "年度法律知识考试"
        XI_THOUGHT = "xi_thought", "习近平法治思想专题考试"
        OTHER = "other", "其他考试"

    exam_type = models.CharField("考试类别", max_length=16, choices=Type.choices)
    eligible_count = _count("应考人数")
    taker_count = _count("参考人数")
    average_score = models.DecimalField(
        "平均成绩",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    passed_count = _count("合格人数")

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "法律知识考试"


class Training(Record):
    platform = models.CharField("平台/形式", max_length=100, blank=True)
    enrolled_count = _count("参训人数")
    completed_count = _count("结业人数")

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "法治培训"


class PublicityActivity(Record):
    class Theme(models.TextChoices):
        CONSTITUTION = "constitution", "宪法宣传周"
        CIVIL_CODE = "civil_code", "民法典宣传"
        IP = "ip", "全国知识产权宣传周"
        EMERGENCY = "emergency", "应急管理法治宣传"
        XI_THOUGHT = "xi_thought", "习近平法治思想宣传"
        OTHER = "other", "其他"

    class Channel(models.TextChoices):
        WECHAT = "wechat", "微信公众号"
        WEBSITE = "website", "门户网站"
        OFFLINE = "offline", "线下活动"
        QUIZ = "quiz", "知识答题"
        OTHER = "other", "其他"

    theme = models.CharField("主题", max_length=16, choices=Theme.choices)
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    reach = _count("覆盖人次")

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "普法宣传"


class InternalRule(Record):
    class Action(models.TextChoices):
        ADOPTED = "adopted", "新制定"
        REVISED = "revised", "修订"
        REPEALED = "repealed", "废止"

    action = models.CharField("类型", max_length=10, choices=Action.choices)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "制度建设"


class Meeting(Record):
    class Type(models.TextChoices):
        PARTY_GROUP = "party_group", "党组会"
        ORGAN_PARTY_GROUP = "organ_party_group", "机关党组会"
        EXECUTIVE = "executive", "政府常务会议"
        LEADING_GROUP = "leading_group", "法治建设领导小组会议"
        SPECIAL = "special", "法治建设专题会议"
        OFFICE = "office", "局长办公会/主任办公会"

    meeting_type = models.CharField("会议类型", max_length=20, choices=Type.choices)
    chaired_by_head = models.BooleanField("主要负责人主持", default=False)
    studies_rule_of_law = models.BooleanField("研究法治工作", default=False)
    sanzhong_topics = _count("“三重一大”议题数")
    topics = models.TextField("议题", blank=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "会议与集体决策"


class MajorDecision(Record):
    public_participation = models.BooleanField("公众参与", default=False)
    expert_review = models.BooleanField("专家论证", default=False)
    risk_assessment = models.BooleanField("风险评估", default=False)
    legality_review = models.BooleanField("合法性审查", default=False)
    collective_decision = models.BooleanField("集体讨论决定", default=False)
    published = models.BooleanField("已公布", default=False)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "重大行政决策"

    NO_REVIEW = "未经合法性审查的重大行政决策不得提交集体讨论决定（《重大行政决策程序暂行条例》第二十五条）。"

    def clean(self) -> None:
        super().clean()
        if self.collective_decision and not self.legality_review:
            raise ValidationError({"collective_decision": self.NO_REVIEW})


class LegalityReview(Record):
    class Subject(models.TextChoices):
        CONTRACT = "contract", "合同协议"
        NORMATIVE = "normative", "规范性文件"
        DECISION = "decision", "重大行政决策"
        OTHER = "other", "其他事项"

    class Reviewer(models.TextChoices):
        COUNSEL = "counsel", "法律顾问"
        PUBLIC_LAWYER = "public_lawyer", "公职律师"
        LEGAL_OFFICE = "legal_office", "法制机构"

    subject = models.CharField("审核对象", max_length=12, choices=Subject.choices)
    reviewer = models.CharField("审核人", max_length=16, choices=Reviewer.choices)
    opinion = models.TextField("审核意见", blank=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "合法性审核"


class NormativeDocument(Record):
    class Action(models.TextChoices):
        PUBLISHED = "published", "发布"
        FILED = "filed", "备案"
        REPEALED = "repealed", "废止"

    doc_number = models.CharField("文号", max_length=60, blank=True)
    action = models.CharField("类型", max_length=10, choices=Action.choices)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "规范性文件"


class DisclosureItem(Record):
    class Category(models.TextChoices):
        LEADERSHIP = "leadership", "领导信息"
        FUNCTIONS = "functions", "机构职能和设置"
        BUDGET = "budget", "财政预决算"
        LIVELIHOOD = "livelihood", "重大民生信息"
        ANNUAL_REPORT = "annual_report", "政府信息公开年报"
        PUFA_LIST = "pufa_list", "普法责任清单"
        ROL_REPORT = "rol_report", "法治政府建设年度报告"
        POLICY = "policy", "政策文件"
        OTHER = "other", "其他"

    category = models.CharField("类别", max_length=16, choices=Category.choices)
    channel = models.CharField("公开渠道", max_length=60, default="门户网站")

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "主动公开"


class DisclosureRequest(Record):
    class Applicant(models.TextChoices):
        PERSON = "person", "自然人"
        ORGANISATION = "organisation", "法人或其他组织"

    class Reply(models.TextChoices):
        # 《政府信息公开条例》第三十六条
        PUBLIC = "public", "予以公开"
        PARTIAL = "partial", "部分公开"
        WITHHELD = "withheld", "不予公开"
        NONEXISTENT = "nonexistent", "无法提供"
        NOT_HANDLED = "not_handled", "不予处理"
        OTHER = "other", "其他处理"

    applicant_type = models.CharField("申请人类型", max_length=12, choices=Applicant.choices)
    reply_type = models.CharField("答复类型", max_length=12, choices=Reply.choices, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    # Set by fazhi.deadlines.actions from the stored due date: None while not yet due.
    replied_on_time = models.BooleanField("按期答复", null=True, blank=True, editable=False)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "依申请公开"


class Proposal(Record):
    class Type(models.TextChoices):
        NPC = "npc", "人大代表建议"
        CPPCC = "cppcc", "政协委员提案"

    class Level(models.TextChoices):
        CITY = "city", "市级"
        DISTRICT = "district", "区级"

    class Result(models.TextChoices):
        A = "A", "A 已解决或基本解决"
        B = "B", "B 正在解决或列入计划"
        C = "C", "C 因条件限制以后解决"
        D = "D", "D 留作参考"

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        DISSATISFIED = "dissatisfied", "不满意"
        PENDING = "pending", "未反馈"

    number = models.CharField("编号", max_length=40, blank=True)
    proposal_type = models.CharField("类别", max_length=6, choices=Type.choices)
    level = models.CharField("级别", max_length=10, choices=Level.choices)
    proposer = models.CharField("代表/委员", max_length=100, blank=True)
    face_to_face = models.BooleanField("已面商", default=False)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    result_code = models.CharField("办理结果", max_length=1, choices=Result.choices, blank=True)
    satisfaction = models.CharField(
        "反馈意见", max_length=12, choices=Satisfaction.choices, default=Satisfaction.PENDING
    )
    # Set by fazhi.deadlines.actions from the stored due date: None while not yet due.
    replied_on_time = models.BooleanField("按期答复", null=True, blank=True, editable=False)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "建议提案"


class Case(Record):
    class Type(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LITIGATION = "litigation", "行政诉讼"

    class Outcome(models.TextChoices):
        # 政府信息公开年报表四的分类
        UPHELD = "upheld", "结果维持"
        CORRECTED = "corrected", "结果纠正"
        OTHER = "other", "其他结果"
        PENDING = "pending", "尚未审结"

    case_type = models.CharField("类别", max_length=16, choices=Type.choices)
    case_number = models.CharField("案号", max_length=80, blank=True)
    forum = models.CharField("复议机关/法院", max_length=100, blank=True)
    head_appeared = models.BooleanField("负责人出庭应诉", default=False)
    outcome = models.CharField("结果", max_length=10, choices=Outcome.choices, default=Outcome.PENDING)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "复议诉讼案件"


class CourtHearing(Record):
    court = models.CharField("法院", max_length=100)
    attendees = _count("旁听人数")

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "旁听庭审"
