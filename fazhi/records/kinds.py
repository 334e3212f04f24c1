"""The registry of record kinds: one entry per ledger, read by the generic views,
the Excel import/export, the API and the figure computation.

The slugs are the ``kind`` names used by the indicator catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from . import models as m


@dataclass(frozen=True)
class RecordKind:
    slug: str
    model: type[m.Record]
    fields: tuple[str, ...]  # editable fields after date and title, in form and Excel order
    list_fields: tuple[str, ...]  # extra columns of the list page
    date_label: str = "日期"
    title_label: str = "名称"

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def form_fields(self) -> tuple[str, ...]:
        return ("date", "title", *self.fields, "notes")

    def field_label(self, name: str) -> str:
        if name == "date":
            return self.date_label
        if name == "title":
            return self.title_label
        return str(self.model._meta.get_field(name).verbose_name)


KINDS: dict[str, RecordKind] = {
    k.slug: k
    for k in (
        RecordKind(
            "study",
            m.StudySession,
            ("form", "laws", "speaker", "attendees", "led_by_head"),
            ("form", "attendees", "led_by_head"),
            title_label="学习主题",
        ),
        RecordKind(
            "exam",
            m.Exam,
            ("exam_type", "eligible_count", "taker_count", "average_score", "passed_count"),
            ("exam_type", "eligible_count", "taker_count", "average_score"),
            date_label="考试日期",
            title_label="考试名称",
        ),
        RecordKind(
            "training",
            m.Training,
            ("platform", "enrolled_count", "completed_count"),
            ("platform", "enrolled_count", "completed_count"),
            title_label="培训名称",
        ),
        RecordKind(
            "publicity",
            m.PublicityActivity,
            ("theme", "channel", "reach"),
            ("theme", "channel", "reach"),
            title_label="活动名称",
        ),
        RecordKind("rule", m.InternalRule, ("action",), ("action",), title_label="制度名称"),
        RecordKind(
            "meeting",
            m.Meeting,
            ("meeting_type", "chaired_by_head", "studies_rule_of_law", "sanzhong_topics", "topics"),
            ("meeting_type", "chaired_by_head", "studies_rule_of_law", "sanzhong_topics"),
            date_label="会议日期",
            title_label="会议名称",
        ),
        RecordKind(
            "decision",
            m.MajorDecision,
            (
                "public_participation",
                "expert_review",
                "risk_assessment",
                "legality_review",
                "collective_decision",
                "published",
            ),
            ("legality_review", "collective_decision", "published"),
            date_label="列入目录日期",
            title_label="决策事项",
        ),
        RecordKind(
            "review",
            m.LegalityReview,
            ("subject", "reviewer", "opinion"),
            ("subject", "reviewer"),
            date_label="审核日期",
            title_label="审核事项",
        ),
        RecordKind(
            "normdoc",
            m.NormativeDocument,
            ("doc_number", "action"),
            ("doc_number", "action"),
            date_label="发布日期",
            title_label="文件名称",
        ),
        RecordKind(
            "disclosure",
            m.DisclosureItem,
            ("category", "channel"),
            ("category", "channel"),
            date_label="公开日期",
            title_label="公开事项",
        ),
        RecordKind(
            "request",
            m.DisclosureRequest,
            ("applicant_type", "reply_type", "replied_on"),
            ("applicant_type", "reply_type", "replied_on"),
            date_label="收到申请日期",
            title_label="申请内容",
        ),
        RecordKind(
            "proposal",
            m.Proposal,
            (
                "number",
                "proposal_type",
                "level",
                "proposer",
                "face_to_face",
                "replied_on",
                "result_code",
                "satisfaction",
            ),
            ("number", "proposal_type", "level", "face_to_face", "replied_on", "satisfaction"),
            date_label="交办日期",
            title_label="建议提案标题",
        ),
        RecordKind(
            "case",
            m.Case,
            ("case_type", "case_number", "forum", "head_appeared", "outcome"),
            ("case_type", "case_number", "head_appeared", "outcome"),
            date_label="收案日期",
            title_label="案件名称",
        ),
        RecordKind(
            "hearing",
            m.CourtHearing,
            ("court", "attendees"),
            ("court", "attendees"),
            date_label="旁听日期",
            title_label="旁听案件",
        ),
    )
}


def get_kind(slug: str) -> RecordKind:
    try:
        return KINDS[slug]
    except KeyError:
        raise Http404("没有这种台账") from None


def kind_of(record: m.Record) -> RecordKind:
    return next(k for k in KINDS.values() if k.model is type(record))


def readable(field, value):
    """A field's value as people read it: a choice's label, 是/否 for a flag; other values unchanged."""
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def readable_text(record, name: str) -> str:
    value = readable(record._meta.get_field(name), getattr(record, name))
    return "" if value is None else str(value)
