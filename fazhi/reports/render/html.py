"""A report as an HTML fragment for the portal and the in-app preview.

Every piece of report text goes through ``html.escape``: the text comes from the
clerk's editor and is never trusted as markup. The look (fonts, 2-character
indents, 28 characters a line) is in ``static/css/gongwen.css``.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from ..document import DocPart, DocSection, Document
from .layout import chinese_date, clean, title_lines


def _text(text: str) -> str:
    return escape(clean(text), quote=True)


def render_html(doc: Document, after_part: Mapping[str, str] | None = None) -> str:
    """``after_part``: markup that follows a part's text, by part kind (the disclosure report's
    tables); the caller escapes what it puts there."""
    out = ['<article class="gongwen" lang="zh-CN">']
    title = "<br>".join(_text(line) for line in title_lines(doc.title))
    out.append(f'<h1 class="gongwen-title">{title}</h1>')
    out += [f"<p>{_text(p)}</p>" for p in doc.preamble]
    for part in doc.parts:
        part_markup = _part(part)
        if after_part and part.kind in after_part:
            part_markup.insert(-1, after_part[part.kind])  # inside the part's <section>
        out += part_markup
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
    out.append("</section>")
    return out


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
