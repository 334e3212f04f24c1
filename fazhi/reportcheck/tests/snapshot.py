"""Expected output of each sample report in ``fixtures/``: structure, figures, findings.

After a deliberate change, review the difference and rewrite the files with
``python -m fazhi.reportcheck.tests.snapshot``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fazhi.reportcheck import check_report, parse_file

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_SUFFIXES = (".txt", ".docx", ".pdf")


def samples() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in SAMPLE_SUFFIXES)


def expected_path(sample: Path) -> Path:
    return sample.with_name(sample.stem + ".expected.json")


def snapshot(sample: Path) -> dict[str, Any]:
    report = parse_file(sample)
    return {
        "title": report.title,
        "unit": report.unit,
        "year": report.year,
        "parts": [
            {
                "kind": part.kind,
                "heading": part.heading,
                "year": part.year,
                "sections": [{"number": s.number, "heading": s.heading} for s in part.sections],
            }
            for part in report.parts
        ],
        "figures": [figure.to_dict() for figure in report.figures],
        "findings": [finding.to_dict(sample.name) for finding in check_report(report)],
    }


def json_text(data: dict[str, Any]) -> str:
    """The text fields of ``fazhi parse --json`` (``Report.to_dict``), in document order."""
    pieces = [data["title"], *data["preamble"]]
    for part in data["parts"]:
        pieces += [part["number"], part["heading"], part["heading_end"], *part["paragraphs"]]
        for section in part["sections"]:
            pieces += [section["number"], section["heading"], section["heading_end"], *section["paragraphs"]]
    return "".join(pieces)


def main() -> None:
    for sample in samples():
        text = json.dumps(snapshot(sample), ensure_ascii=False, indent=2) + "\n"
        expected_path(sample).write_text(text, encoding="utf-8")
        print(f"已写入 {expected_path(sample).name}")


if __name__ == "__main__":
    main()
