"""Renderers of a report ``Document``: .docx (公文格式), HTML and plain text. No Django."""

from .docx import render_docx
from .html import render_html
from .txt import render_txt

__all__ = ["render_docx", "render_html", "render_txt"]
