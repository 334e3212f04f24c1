"""Report files as units write them outside the platform, for the upload tests: .docx made with
python-docx, plain text, in a few layouts (a title line or none, the unit in the title, on the
line under a general title, or only in the opening sentence)."""

from __future__ import annotations

import io

import docx

LAYOUTS = ("title", "city-title", "unit-line", "opening")


def report_lines(unit: str, year: int, *, layout: str = "title", extra: str = "") -> list[str]:
    """A clean four-part report (no checker error when the ledger is empty), in ``layout``;
    ``extra`` is a sentence added to the first section (e.g. a figure the ledger disagrees with)."""
    lines: list[str] = []
    opening = f"{year}年，我单位深入学习贯彻习近平法治思想，全面推进法治政府建设。现将有关情况报告如下："
    if layout == "title":
        lines.append(f"{unit}{year}年度法治政府建设情况报告")
    elif layout == "city-title":
        lines.append(f"天津市{unit}{year}年度法治政府建设情况报告")
    elif layout == "unit-line":
        lines += [f"关于{year}年度法治政府建设情况的报告", unit]
    elif layout == "opening":  # no title at all: the unit is named in the opening sentence
        opening = (
            f"{year}年，{unit}在区委、区政府的正确领导下，深入学习贯彻习近平法治思想，"
            "全面推进法治政府建设。现将有关情况报告如下："
        )
    else:
        raise ValueError(layout)
    lines += [
        opening,
        f"一、{year}年推进法治政府建设的主要举措和成效",
        "（一）强化法治学习教育",
        "利用党组会、理论学习中心组学习等方式，组织干部深入学习宪法和法律法规。" + extra,
        "（二）严格规范公正文明执法",
        "全面落实行政执法三项制度，规范执法程序，提升执法水平。",
        f"二、{year}年推进法治政府建设存在的不足和原因",
        "法治宣传的形式还比较单一，干部运用法治思维的能力还需提升。",
        f"三、{year}年党政主要负责人履行推进法治建设第一责任人职责情况",
        "主要负责人认真履行第一责任人职责，带头尊法学法守法用法。",
        f"四、{year + 1}年推进法治政府建设的主要安排",
        "持续深化学法用法，加强执法监督，推动法治政府建设再上新台阶。",
    ]
    if layout != "opening":
        lines += [unit, f"{year + 1}年1月20日"]
    return lines


def txt_bytes(lines: list[str], *, encoding: str = "utf-8") -> bytes:
    return "\n\n".join(lines).encode(encoding)


def docx_bytes(lines: list[str], *, styled: bool = False) -> bytes:
    """Plain paragraphs, or (``styled``) the title in Word's Title style and the parts as Heading 1."""
    document = docx.Document()
    for index, line in enumerate(lines):
        if styled and index == 0 and line.endswith("报告"):
            document.add_heading(line, level=0)
        elif styled and line[:2] in ("一、", "二、", "三、", "四、"):
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


NOTICE = (
    "关于召开2024年度法治宣传工作会议的通知\n各单位：\n经研究，定于下周召开会议。\n"
    "一、会议时间\n2025年1月10日上午9时。\n二、参会人员\n各单位分管负责同志。\n三、有关要求\n请准时参会。\n"
).encode()

# A PDF with a page and no text at all (a scan without its text layer).
BLANK_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def broken_docx() -> bytes:
    """A .docx cut short: the zip's directory is gone, as after a failed download."""
    whole = docx_bytes(report_lines("甲局", 2024))
    return whole[: len(whole) // 2]
