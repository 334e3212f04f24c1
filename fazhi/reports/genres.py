"""The kinds of statutory report a unit writes from the same records (docs/architecture.md#report-genres).

Each genre is its parts (order, the statutory headings, which are required), its title, the
rules that set its due dates, and, registered by the app that knows it: how a fresh draft is
made, how the words are checked, and the tables printed after its parts. The editor, the
review, the versions, the campaign and the portal are the same for every genre.

- ``law``: the 法治政府建设情况报告 (``compose.py`` holds its structure; ``apps.py`` registers it).
- ``disclosure``: the 政府信息公开工作年度报告 (``fazhi.disclosure`` registers it).

Pure: the structure needs no Django; the callables are registered in ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fazhi.lib.errors import FazhiError

CHOICES = [("law", "法治政府建设情况报告"), ("disclosure", "政府信息公开工作年度报告")]


@dataclass(frozen=True)
class Genre:
    code: str
    name: str  # "法治政府建设情况报告": after "<unit><year>年度" in titles and notices
    parts: tuple[str, ...]  # part kinds, in order
    required: tuple[str, ...]  # the parts every report has (the others when written)
    heading: Callable[[str, int], str]  # (part kind, year) -> the statutory heading
    title: Callable[[str, int], str]  # (unit name, year) -> the document's title
    submit_rule: str  # the deadline rules of its sending and publishing
    publish_rule: str
    # Registered by the app that knows the genre:
    draft: Callable[[Any, int], Any] | None = None  # (unit, year) -> queries.Draft
    check: Callable[[Any, Any], Any] | None = None  # (report, document) -> checking.SectionFindings
    tables: Callable[[Any], Mapping[str, list[Any]]] | None = None  # report -> part kind -> DocTables
    reads_figures: bool = True  # the catalogue's figures are read from the words and kept fresh

    def of_year(self, year: int) -> str:
        """ "2024年度法治政府建设情况报告", "2024年政府信息公开工作年度报告": the title without the unit."""
        return self.title("", year)

    def headings(self, year: int) -> dict[str, str]:
        return {kind: self.heading(kind, year) for kind in self.parts}


_registry: dict[str, Genre] = {}


def register(genre: Genre) -> None:
    _registry[genre.code] = genre


def genre_of(code: str) -> Genre:
    try:
        return _registry[code]
    except KeyError:
        raise FazhiError(f"未知的报告类别“{code}”。", "unknown-genre") from None
