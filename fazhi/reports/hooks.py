"""What the layers above reports add to the report editor (docs/architecture.md#extension-points).

``campaigns`` registers here, in its ``AppConfig.ready()``, a panel for the editor's side
(the campaign's dates, the send button, the office's comments) and the office's notes on
single sections, shown beside them. Reports never imports campaigns.
"""

from __future__ import annotations

from collections.abc import Callable

from .models import Report

SectionNotes = Callable[[Report], dict[str, list[str]]]  # section key -> notes

_panels: list[str] = []
_section_notes: list[SectionNotes] = []


def register(*, panel: str | None = None, section_notes: SectionNotes | None = None) -> None:
    if panel is not None and panel not in _panels:
        _panels.append(panel)
    if section_notes is not None and section_notes not in _section_notes:
        _section_notes.append(section_notes)


def editor_panels() -> list[str]:
    return list(_panels)


def notes_for_sections(report: Report) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for provider in _section_notes:
        for key, texts in provider(report).items():
            notes.setdefault(key, []).extend(texts)
    return notes
