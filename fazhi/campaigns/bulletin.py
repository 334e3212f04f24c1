"""The office's 通报 on a campaign (docs/domain.md#public-notice): a draft in the 公文 format.

Built from the board's rows, so the counts are the board's: units that sent late (working days
late, as the board counts them) or not at all, reports returned, units that published late
(calendar days: "4月1日前" is a date) or not at all, and the units commended for sending and
publishing on time. It is a draft: the office edits it in Word before it goes out.
"""

from __future__ import annotations

import datetime as dt

from fazhi.orgs.models import Region, Unit
from fazhi.reports.document import DocPart, DocSection, Document
from fazhi.reports.render import render_docx

from .models import Campaign
from .queries import BoardRow, board_counts, board_rows

NONE = "无。"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def office_name(region: Region) -> str:
    """The issuer: the region's own office unit, else the office's usual name."""
    office = Unit.objects.filter(region=region, is_supervisor_office=True).order_by("pk").first()
    return office.name if office else f"{region.name}全面依法治区委员会办公室"


# What obliges the units, by the campaign's genre of report (docs/domain.md).
REQUIREMENT = {
    "law": "按照法治政府建设年度报告制度要求，各单位应按时报送上一年度法治政府建设情况报告，并按时向社会公开。",
    "disclosure": "按照《中华人民共和国政府信息公开条例》第四十九条要求，各单位应于每年1月31日前提交上一年度"
    "政府信息公开工作年度报告，并向社会公布。",
}


def bulletin_title(campaign: Campaign) -> str:
    return f"关于{campaign.kind.of_year(campaign.year)}报送和公开情况的通报"


def bulletin_document(campaign: Campaign, rows: list[BoardRow], *, today: dt.date) -> Document:
    counts = board_counts(rows)
    sent_late = [r for r in rows if r.first_sent_on is not None and r.first_sent_on > r.due]
    unsent = [r for r in rows if r.first_sent_on is None]
    returned = [r for r in rows if r.returns]
    published_late = [r for r in rows if r.published and r.days_late_published]
    unpublished = [r for r in rows if not r.published]
    commended = [
        r for r in rows if r.first_sent_on is not None and r.first_sent_on <= r.due and r.published_on_time
    ]

    def unsent_note(r: BoardRow) -> str:
        return f"（截至目前逾期{r.working_days_late}个工作日）" if r.late else "（尚未报送）"

    def unpublished_note(r: BoardRow) -> str:
        return f"（截至目前逾期{r.days_late_published}日）" if r.publish_late else "（尚未公开）"

    overview = (
        f"本次应报送单位{counts.total}个。已报送{counts.sent}个，报送率{_pct(counts.sent_rate)}；"
        f"其中按时报送{counts.on_time}个，按时报送率{_pct(counts.on_time_rate)}；"
        f"逾期报送{len(sent_late)}个，未报送{len(unsent)}个；"
        f"报告被退回修改的单位{len(returned)}个。"
        f"已向社会公开{counts.published}个，公开率{_pct(counts.published_rate)}；"
        f"其中按时公开{counts.published_on_time}个，按时公开率{_pct(counts.published_on_time_rate)}；"
        f"逾期公开{len(published_late)}个，未公开{len(unpublished)}个；"
        f"公开后更正的单位{counts.corrected}个。"
    )
    parts = [
        DocPart(kind="other", number="一、", heading="总体情况", paragraphs=[overview]),
        DocPart(
            kind="other",
            number="二、",
            heading=f"逾期报送和未报送的单位（{len(sent_late) + len(unsent)}个）",
            sections=[
                DocSection(
                    "（一）",
                    f"逾期报送的单位（{len(sent_late)}个）",
                    [_names(sent_late, lambda r: f"（逾期{r.working_days_late}个工作日）")],
                ),
                DocSection("（二）", f"未报送的单位（{len(unsent)}个）", [_names(unsent, unsent_note)]),
            ],
        ),
        DocPart(
            kind="other",
            number="三、",
            heading=f"报告被退回修改的单位（{len(returned)}个）",
            paragraphs=[_names(returned, lambda r: f"（退回{r.returns}次）")],
        ),
        DocPart(
            kind="other",
            number="四、",
            heading=f"逾期公开和未公开的单位（{len(published_late) + len(unpublished)}个）",
            sections=[
                DocSection(
                    "（一）",
                    f"逾期公开的单位（{len(published_late)}个）",
                    [_names(published_late, lambda r: f"（逾期{r.days_late_published}日）")],
                ),
                DocSection(
                    "（二）", f"未公开的单位（{len(unpublished)}个）", [_names(unpublished, unpublished_note)]
                ),
            ],
        ),
        DocPart(
            kind="other",
            number="五、",
            heading=f"予以表扬的单位（{len(commended)}个）",
            paragraphs=[
                f"以下单位按时报送并按时公开年度报告，予以通报表扬：{_names(commended, lambda r: '')}"
                if commended
                else NONE
            ],
        ),
        DocPart(
            kind="other",
            number="六、",
            heading="有关要求",
            paragraphs=[
                "请逾期报送、未报送和未公开的单位认真查找原因，尽快完成报送和公开；公开后如需更正，"
                "应发布更正版本并说明理由。（此段为草稿，请依法治区办根据实际情况修改。）"
            ],
        ),
    ]
    preamble = [
        "各有关单位：",
        f"{REQUIREMENT[campaign.genre]}"
        f"{campaign.kind.of_year(campaign.year)}的报送截止日期为{_date(campaign.submit_due)}，"
        f"公开截止日期为{_date(campaign.publish_due)}。"
        f"截至{_date(today)}，现将报送和公开情况通报如下（逾期报送按工作日计算，逾期公开按日历日计算）：",
    ]
    return Document(
        title=bulletin_title(campaign),
        issuer=office_name(campaign.region),
        preamble=preamble,
        parts=parts,
        signed_on=today,
    )


def bulletin_docx(campaign: Campaign, *, today: dt.date) -> bytes:
    return render_docx(bulletin_document(campaign, board_rows(campaign, today=today), today=today))


def _names(rows: list[BoardRow], note) -> str:
    return ("、".join(f"{r.participant.unit.name}{note(r)}" for r in rows) + "。") if rows else NONE


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value}%"


def _date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
