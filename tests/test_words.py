"""No template shows a reader a checker rule's or an indicator's code as text: codes go through
``rule_name`` / ``indicator_name`` (``{% load fazhi_words %}``) and stay only in attributes."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"{{\s*[\w.]*\.(?:rule|code)\s*}}")


def templates() -> list[Path]:
    found = [*(ROOT / "fazhi").glob("*/templates/**/*.html"), *(ROOT / "templates").rglob("*.html")]
    return sorted(found)


def shown_codes(text: str) -> list[str]:
    """The ``{{ ….rule }}``/``{{ ….code }}`` written as text, not inside a tag (``data-rule="…"``, ``href``)."""
    return [
        m.group(0)
        for m in CODE.finditer(text)
        if text.rfind("<", 0, m.start()) < text.rfind(">", 0, m.start())
    ]


def test_the_scan_tells_text_from_attributes():
    assert shown_codes('<b>{{ f.rule }}</b> <a data-code="{{ f.indicator.code }}">') == ["{{ f.rule }}"]
    assert shown_codes("<td><code>{{ f.indicator.code }}</code></td>") == ["{{ f.indicator.code }}"]


def test_no_template_shows_a_rule_or_indicator_code_as_text():
    assert len(templates()) > 30
    shown = {
        str(path.relative_to(ROOT)): codes
        for path in templates()
        if (codes := shown_codes(path.read_text(encoding="utf-8")))
    }
    assert shown == {}
