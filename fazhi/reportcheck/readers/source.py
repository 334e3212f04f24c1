"""What every reader returns: the report's lines, each with where it stands."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLine:
    text: str
    number: int  # 1-based line (txt, pdf) or paragraph (docx) number
    # Outline level the document itself declares (Word styles): 0 title, 1 part,
    # 2 section; None when the format has no such notion (txt, pdf).
    level: int | None = None


def to_lines(text: str) -> list[SourceLine]:
    """Split plain text into stripped, non-blank lines keeping their line numbers."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped:
            lines.append(SourceLine(stripped, number))
    return lines
