"""A report as plain text: one paragraph a line, as the parser reads .txt files."""

from __future__ import annotations

from ..document import Document
from .layout import clean


def render_txt(doc: Document) -> str:
    return "\n".join(clean(line) for line in doc.lines()) + "\n"
