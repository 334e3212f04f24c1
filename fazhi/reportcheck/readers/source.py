"""What every reader returns: the report's lines, each with where it stands; and the bounds every
reader keeps (paragraphs and time per file), with what it says when a file passes them."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import ReportReadError

# A yearly report has a few hundred paragraphs; a file of more than this many, blank ones
# included (an 83 KB .docx can hold 5 million empty paragraphs), is no report and is not read on.
MAX_PARAGRAPHS = 50_000
# Reading a real report takes a second or two (a long PDF some ten); past this, reading stops.
READ_SECONDS = 60


@dataclass(frozen=True)
class SourceLine:
    text: str
    number: int  # 1-based line (txt, pdf) or paragraph (docx) number
    # Outline level the document itself declares (Word styles): 0 title, 1 part,
    # 2 section; None when the format has no such notion (txt, pdf).
    level: int | None = None


def too_many_paragraphs(limit: int = MAX_PARAGRAPHS) -> ReportReadError:
    return ReportReadError(
        f"文件中的段落超过 {limit} 个（空段落、空行也计算在内），远超一份年度报告的篇幅，已停止读取："
        "请确认文件是否正确"
    )


class Deadline:
    """The time a reader may take on one file; ``check()`` between paragraphs or pages."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = READ_SECONDS if seconds is None else seconds
        self.end = time.monotonic() + self.seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise self.exceeded()

    def exceeded(self) -> ReportReadError:
        return ReportReadError(
            f"读取文件超过 {self.seconds:g} 秒仍未完成，已停止：文件可能过于复杂或经过特殊构造，"
            "请提供由 Word 或 WPS 正常保存的 .docx 或 .pdf 文件"
        )


# str.splitlines' line boundaries, found one at a time.
_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _raw_lines(text: str) -> Iterator[str]:
    """``text.splitlines()`` without building the list first."""
    start = 0
    for match in _BREAK.finditer(text):
        yield text[start : match.start()]
        start = match.end()
    if start < len(text):
        yield text[start:]


def to_lines(text: str, *, limit: int | None = None) -> list[SourceLine]:
    """Split plain text into stripped, non-blank lines keeping their line numbers; with ``limit``,
    a text of more lines than that (blank ones included) raises ReportReadError."""
    if len(text) <= min(limit or MAX_PARAGRAPHS, MAX_PARAGRAPHS):
        # No more lines than characters: below the limit, and a small list made at once.
        raws: Iterable[str] = text.splitlines()
    else:
        raws = _raw_lines(text)
    lines = []
    for number, raw in enumerate(raws, start=1):
        if limit is not None and number > limit:
            raise too_many_paragraphs(limit)
        stripped = raw.strip()
        if stripped:
            lines.append(SourceLine(stripped, number))
    return lines
