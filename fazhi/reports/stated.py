"""The figures a writer's own words state, read by the report engine's figure reader (the
one ``fazhi parse`` uses, through the catalogue's phrases), and the one-click correction
of a number to the ledger's value. Pure: no Django.
"""

from __future__ import annotations

from fazhi.reportcheck.parse.figures import NUMBER, figures_in
from fazhi.reportcheck.phrases import default_phrases


def format_value(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def read_figures(*texts: str) -> dict[str, int | float]:
    """Indicator code -> the value the words state, in the order written (the first wins)."""
    masks = default_phrases().masks
    found: dict[str, int | float] = {}
    for text in texts:
        for line in text.splitlines():
            for stated in figures_in(line, masks):
                if stated.indicator and stated.indicator not in found:
                    found[stated.indicator] = stated.amount  # "3.5万人次" is 35000 for the ledger
    return found


def restate(text: str, code: str, value: int | float) -> str | None:
    """``text`` with the first figure stated for ``code`` changed to ``value`` (the rest of the
    words as they are); None when the figure is not found or is written in a way that cannot be
    changed safely (in 万, or in words shared by several figures with different values)."""
    masks = default_phrases().masks
    lines = text.split("\n")
    for index, line in enumerate(lines):
        for stated in figures_in(line, masks):
            if stated.indicator != code:
                continue
            start = line.find(stated.text)
            if start < 0:
                return None
            phrase = _restated_phrase(stated.text, stated.value, value)
            if phrase is None:
                return None
            lines[index] = line[:start] + phrase + line[start + len(stated.text) :]
            return "\n".join(lines)
    return None


def _restated_phrase(phrase: str, old: int | float, new: int | float) -> str | None:
    for m in NUMBER.finditer(phrase):
        if m.group("mult"):
            return None
        if m.group("pct"):
            return phrase[: m.start()] + f"{format_value(new)}%" + phrase[m.end() :]
        raw = m.group("num")
        if raw[0].isdigit() and float(raw) == float(old):
            a, b = m.span("num")
            return phrase[:a] + format_value(new) + phrase[b:]
        if not raw[0].isdigit():
            a, b = m.span("num")
            return phrase[:a] + format_value(new) + phrase[b:]
    return None
