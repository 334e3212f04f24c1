"""A report as an HTML fragment for the portal and the in-app preview.

Every piece of report text goes through ``html.escape``: the text comes from the
clerk's editor and is never trusted as markup. The look (fonts, 2-character
indents, 28 characters a line) is in ``static/css/gongwen.css``.
"""

from __future__ import annotations

from html import escape

from ..document import DocPart, DocSection, DocTable, Document
from .layout import chinese_date, clean, title_lines


def _text(text: str) -> str:
    return escape(clean(text), quote=True)


def render_html(doc: Document) -> str:
    out = ['<article class="gongwen" lang="zh-CN">']
    title = "<br>".join(_text(line) for line in title_lines(doc.title))
    out.append(f'<h1 class="gongwen-title">{title}</h1>')
    out += [f"<p>{_text(p)}</p>" for p in doc.preamble]
    for part in doc.parts:
        out += _part(part)
    out += _signature(doc)
    out.append("</article>")
    return "\n".join(out) + "\n"


def _part(part: DocPart) -> list[str]:
    out = [
        f'<section class="gongwen-part" data-kind="{_text(part.kind)}">',
        f'<h2><span class="gongwen-number">{_text(part.number)}</span>{_text(part.heading)}</h2>',
        *(f"<p>{_text(p)}</p>" for p in part.paragraphs),
    ]
    for section in part.sections:
        out += _section(section)
    out += [_table(table) for table in part.tables]
    out.append("</section>")
    return out


def _table(table: DocTable) -> str:
    out = [f'<table class="gongwen-table" data-table="{_text(table.key)}">']
    for row in table.rows:
        cells = "".join(
            f'<td colspan="{span}" rowspan="{down}">{"<br>".join(_text(t) for t in text.split(chr(10)))}</td>'
            for text, span, down in row
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "\n".join(out)


def _section(section: DocSection) -> list[str]:
    return [
        '<section class="gongwen-section">',
        f'<h3><span class="gongwen-number">{_text(section.number)}</span>{_text(section.heading)}</h3>',
        *(f"<p>{_text(p)}</p>" for p in section.paragraphs),
        "</section>",
    ]


def _signature(doc: Document) -> list[str]:
    # gongwen.css places the date two characters right of the issuer's first
    # character (GB/T 9704-2012 7.3.5.2), as the .docx does with indents.
    out = ['<div class="gongwen-signature">', f'<p class="gongwen-issuer">{_text(doc.issuer)}</p>']
    if doc.signed_on:
        day = doc.signed_on
        out.append(
            f'<p class="gongwen-date"><time datetime="{day.isoformat()}">{_text(chinese_date(day))}</time></p>'
        )
    out.append("</div>")
    return out
