"""A report as a Word file in the 党政机关公文格式 (GB/T 9704-2012).

A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; 22 lines of 28 characters; 2号
方正小标宋简体 title; 3号 仿宋_GB2312 body; 一、 headings in 黑体 and （一） headings
in 楷体_GB2312; page numbers "— 1 —" in 4号 宋体, odd pages right, even pages left.
The 落款 and 成文日期 stand together on one page with the body's last line; a
document without a 成文日期 is a draft, marked 草稿 in the header of every page.

The headings use Word's own 'Title', 'Heading 1' and 'Heading 2' styles so a reader
of heading styles (ours: ``reportcheck.readers.word``) sees the structure; their
numbers are text as written, never Word list numbering. Fonts are named on the
styles and on every run, East-Asian slot included, so Word and WPS pick the
official fonts wherever they are installed.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, time, timedelta, timezone

from docx import Document as new_docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from ..document import Document
from .docx_tables import add_table
from .layout import chinese_date, clean, signature_indents, title_lines

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
PART_FONT = "黑体"
SECTION_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
DRAFT_MARK = "草稿"  # in the header of a document without a 成文日期, in 黑体

# The same fonts' names on an English system, for Word's font table. They are
# not substitutes: a font missing under one name is missing under the other.
ALT_NAMES = {
    TITLE_FONT: "FZXiaoBiaoSong-B05S",
    BODY_FONT: "FangSong_GB2312",
    PART_FONT: "SimHei",
    SECTION_FONT: "KaiTi_GB2312",
    PAGE_NUMBER_FONT: "SimSun",
}

TITLE_SIZE = Pt(22)  # 2号
BODY_SIZE = Pt(16)  # 3号
PAGE_NUMBER_SIZE = Pt(14)  # 4号

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
# The page number's 一字线 sits 7 mm below the type area (GB/T 9704-2012 7.5):
# a 20 pt footer line centred 28 mm above the paper's edge.
FOOTER_DISTANCE = Mm(24.5)
HEADER_DISTANCE = Mm(15)

LINES_PER_PAGE, CHARS_PER_LINE = 22, 28


def _twips(length: int) -> int:
    return round(length / 635)  # EMU per twip


TYPE_WIDTH = _twips(PAGE_WIDTH) - _twips(LEFT) - _twips(RIGHT)  # 8845 twips = 156 mm
TYPE_HEIGHT = _twips(PAGE_HEIGHT) - _twips(TOP) - _twips(BOTTOM)  # 12756 twips = 225 mm
# Word fits floor(type height / pitch) lines: 12756 / 22 = 579.8, rounded down to
# 579 twips = 28.95 pt, the fixed line spacing of every line.
LINE_PITCH = TYPE_HEIGHT // LINES_PER_PAGE
# One grid character: 8845 / 28 = 315.9 twips, rounded down so the 28th fits.
CHAR_PITCH = TYPE_WIDTH // CHARS_PER_LINE
# w:docGrid/@w:charSpace: 1/4096 pt added to each character of the default size
# (16 pt) to make the 28-character pitch: (15.75 - 16) * 4096 = -1024.
CHAR_SPACE = round((CHAR_PITCH / 20 - BODY_SIZE.pt) * 4096)
# The text itself is laid off the grid (w:snapToGrid off) at 98 % glyph width:
# 28 × 15.68 pt fill the 442 pt line and a 29th does not, in Word, WPS and
# LibreOffice alike. On the grid, LibreOffice gives a 16 pt glyph two 15.75 pt
# cells (14 characters a line) and rounds every run of digits up to whole cells
# (gaps after "2024" and "3").
GLYPH_SCALE = 98


def render_docx(doc: Document) -> bytes:
    """The document as a .docx in the 公文 format, its tables after their parts' text."""
    word = new_docx()
    _set_up_page(word)
    _set_up_styles(word)
    _set_up_font_table(word)
    _set_up_footers(word)
    if doc.signed_on is None:
        _set_up_draft_headers(word)
    _set_properties(word, doc)

    for line in title_lines(doc.title):
        _add(word, line, style=TITLE, font=TITLE_FONT, size=TITLE_SIZE, scale=100)
    _add(word, "", style=NORMAL)  # 标题下空一行
    for text in doc.preamble:
        _add(word, text, style=NORMAL)
    for part in doc.parts:
        _add(word, part.number + part.heading, style=HEADING_1, font=PART_FONT)
        for text in part.paragraphs:
            _add(word, text, style=NORMAL)
        for section in part.sections:
            _add(word, section.number + section.heading, style=HEADING_2, font=SECTION_FONT)
            for text in section.paragraphs:
                _add(word, text, style=NORMAL)
        for table in part.tables:
            add_table(word, table)
    _add_signature(word, doc)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


# -- page -----------------------------------------------------------------------------


def _set_up_page(word) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE
    section.gutter = 0
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    sect_pr.append(
        parse_xml(
            f'<w:docGrid {nsdecls("w")} w:type="linesAndChars" w:linePitch="{LINE_PITCH}"'
            f' w:charSpace="{CHAR_SPACE}"/>'
        )
    )


def _set_up_footers(word) -> None:
    word.settings.odd_and_even_pages_header_footer = True
    section = word.sections[0]
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    # GB/T 9704-2012 7.5: 单页码居右空一字，双页码居左空一字.
    _page_number(section.footer.paragraphs[0], "right")
    _page_number(section.even_page_footer.paragraphs[0], "left")


def _page_number(paragraph: Paragraph, side: str) -> None:
    one_char = _twips(PAGE_NUMBER_SIZE)
    _set_ppr(
        paragraph,
        '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="400" w:lineRule="exact"/>'
        f'<w:ind w:{side}Chars="0" w:{side}="{one_char}" w:firstLineChars="0" w:firstLine="0"/>'
        f'<w:jc w:val="{side}"/>',
    )
    font, size = PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE
    _run(paragraph, "— ", font, size)
    _run(paragraph, "", font, size)._r.append(_el('<w:fldChar w:fldCharType="begin"/>'))
    _run(paragraph, "", font, size)._r.append(_el('<w:instrText xml:space="preserve"> PAGE </w:instrText>'))
    _run(paragraph, "", font, size)._r.append(_el('<w:fldChar w:fldCharType="separate"/>'))
    _run(paragraph, "1", font, size)
    _run(paragraph, "", font, size)._r.append(_el('<w:fldChar w:fldCharType="end"/>'))
    _run(paragraph, " —", font, size)


def _set_up_draft_headers(word) -> None:
    """草稿 at the top right of every page (odd and even headers alike): not yet approved."""
    section = word.sections[0]
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        _set_ppr(
            paragraph,
            f'{_OFF_GRID}<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
            f'{_NO_INDENT}<w:jc w:val="right"/>',
        )
        _run(paragraph, DRAFT_MARK, PART_FONT, BODY_SIZE)


def _set_properties(word, doc: Document) -> None:
    props = word.core_properties
    props.title = clean(doc.title)
    props.author = props.last_modified_by = clean(doc.issuer)
    props.language = "zh-CN"
    props.comments = ""
    props.revision = 1
    if doc.signed_on:  # deterministic output: the same report gives the same file
        signed = datetime.combine(doc.signed_on, time(9), tzinfo=timezone(timedelta(hours=8)))
        props.created = props.modified = signed


# -- styles ---------------------------------------------------------------------------


def _rpr(font: str, size: Pt, scale: int = GLYPH_SCALE) -> str:
    half_points = round(size.pt * 2)
    return (
        f'<w:rPr><w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}" w:cs="{font}"'
        ' w:hint="eastAsia"/>'
        + (f'<w:w w:val="{scale}"/>' if scale != 100 else "")
        + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'
    )


_LINES = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
# 首行缩进二字: Word and WPS read the *Chars form, LibreOffice the twips.
_INDENT_2 = f'<w:ind w:firstLineChars="200" w:firstLine="{2 * CHAR_PITCH}"/>'
_NO_INDENT = '<w:ind w:leftChars="0" w:left="0" w:firstLineChars="0" w:firstLine="0"/>'
_OFF_GRID = '<w:snapToGrid w:val="0"/>'  # see GLYPH_SCALE
# Chinese typesetting: no widow control (pages fill all 22 lines), no automatic
# space between Chinese and Latin/digits (it would break the 28-character line).
_CJK = '<w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'

# The paragraph styles' ids: set on each paragraph as they are, never looked up by
# name (python-docx's lookup walks every style: it was half of the render time).
NORMAL, TITLE, HEADING_1, HEADING_2 = "Normal", "Title", "Heading1", "Heading2"

# (styleId, name, font, size, glyph scale, pPr, uiPriority); schema order inside pPr.
_STYLES = (
    (NORMAL, "Normal", BODY_FONT, BODY_SIZE, GLYPH_SCALE, f'{_CJK}{_OFF_GRID}{_LINES}{_INDENT_2}<w:jc w:val="both"/>', 0),
    (TITLE, "Title", TITLE_FONT, TITLE_SIZE, 100, f'{_LINES}{_NO_INDENT}<w:jc w:val="center"/>', 10),
    (HEADING_1, "heading 1", PART_FONT, BODY_SIZE, GLYPH_SCALE, f'<w:keepNext/>{_LINES}<w:outlineLvl w:val="0"/>', 9),
    (HEADING_2, "heading 2", SECTION_FONT, BODY_SIZE, GLYPH_SCALE, f'<w:keepNext/>{_LINES}<w:outlineLvl w:val="1"/>', 9),
)  # fmt: skip


def _style_xml(style_id: str, name: str, font: str, size: Pt, scale: int, ppr: str, priority: int) -> str:
    if style_id == NORMAL:
        head = ' w:default="1"', ""
    else:
        head = "", '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    return (
        f'<w:style {nsdecls("w")} w:type="paragraph"{head[0]} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{head[1]}<w:uiPriority w:val="{priority}"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr>{_rpr(font, size, scale)}</w:style>"
    )


def _set_up_styles(word) -> None:
    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    defaults.getparent().replace(
        defaults,
        _el(
            f"<w:docDefaults><w:rPrDefault>{_rpr(BODY_FONT, BODY_SIZE)}</w:rPrDefault>"
            f"<w:pPrDefault><w:pPr>{_LINES}</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    # The template's own versions carry theme fonts, colours, borders and bold.
    # Their linked character styles go too: nothing uses them.
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) in (NORMAL, TITLE, HEADING_1, HEADING_2, *_LINKED):
            styles.remove(style)
    for spec in _STYLES:
        styles.append(parse_xml(_style_xml(*spec)))


_LINKED = ("TitleChar", "Heading1Char", "Heading2Char")


def _set_up_font_table(word) -> None:
    """Declare each font as GB2312 (charset 86) so a missing one is replaced by a Chinese one."""
    part = word.part.part_related_by(RT.FONT_TABLE)
    table = etree.fromstring(part.blob)
    for font in table.findall(qn("w:font")):
        if font.get(qn("w:name")) in ALT_NAMES:
            table.remove(font)
    for name, alt in ALT_NAMES.items():
        family = "modern" if name in (BODY_FONT, SECTION_FONT, PART_FONT) else "roman"
        table.append(
            _el(
                f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- paragraphs -----------------------------------------------------------------------


def _add(
    word, text: str, *, style: str, font: str = BODY_FONT, size: Pt = BODY_SIZE, scale: int = GLYPH_SCALE
) -> Paragraph:
    paragraph = word.add_paragraph()
    ppr = paragraph._p.get_or_add_pPr()
    if style != NORMAL:  # the default style goes unnamed, as Word writes it
        ppr.style = style
    text = clean(text)
    if text:
        _run(paragraph, text, font, size, scale)
    else:  # an empty line keeps the body's height through its paragraph mark
        paragraph._p.get_or_add_pPr().append(_el(_rpr(font, size, scale)))
    return paragraph


def _add_signature(word, doc: Document) -> None:
    """正文下空一行, the 落款, the 成文日期: on one page, with the body's last line.

    Each paragraph but the last is kept with the next (w:keepNext) and none is split
    (w:keepLines), so Word, WPS and LibreOffice move them as one: the date never
    stands alone at the top of a page, nor the 落款 without a line of the text.
    """
    signed = chinese_date(doc.signed_on) if doc.signed_on else ""
    issuer = clean(doc.issuer)
    issuer_right, date_right = signature_indents(issuer, signed)
    last_line = word.paragraphs[-1]  # the body's last paragraph (or the title's blank line)
    block = [_add(word, "", style=NORMAL)]
    for text, right in ((issuer, issuer_right), (signed, date_right)):
        if text:
            paragraph = _add(word, text, style=NORMAL)
            _set_ppr(
                paragraph,
                f'<w:ind w:rightChars="{round(right * 100)}" w:right="{round(right * CHAR_PITCH)}"'
                ' w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>',
            )
            block.append(paragraph)
    last_line.paragraph_format.keep_with_next = True  # not keep_together: a long one may still break
    for paragraph in block:
        paragraph.paragraph_format.keep_together = True
    for paragraph in block[:-1]:
        paragraph.paragraph_format.keep_with_next = True


def _run(paragraph: Paragraph, text: str, font: str, size: Pt, scale: int = 100):
    run = paragraph.add_run(text)
    run._r.insert(0, _el(_rpr(font, size, scale)))
    return run


def _set_ppr(paragraph: Paragraph, children: str) -> None:
    """Paragraph properties after the style reference, given in schema order."""
    ppr = paragraph._p.get_or_add_pPr()
    for child in list(ppr):
        if child.tag != qn("w:pStyle"):
            ppr.remove(child)
    for child in _el(f"<w:pPr>{children}</w:pPr>"):
        ppr.append(child)


def _el(xml: str):
    """One WordprocessingML element from its markup, with the w: namespace declared."""
    name_end = re.search(r"[ />]", xml[1:]).start() + 1
    return parse_xml(f"{xml[:name_end]} {nsdecls('w')}{xml[name_end:]}")
