"""Throughput of the report engine on generated reports (``python -m fazhi.reportcheck.bench``).

Reports are the two real seeds varied by unit name, figures and sentence order,
so their length (~3,000 characters) and structure are real. Goals (issue 3):
parse+check ≥ 200 reports/s on one core; copied-paragraph search over 10,000
reports under 60 s, growing about linearly.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from .checks import CheckOptions, Corpus, check_report
from .parse import parse_text

SEEDS = Path(__file__).parent / "tests" / "fixtures"
_NUMBER = re.compile(r"\d+(?=[次件人个条])")


def generated(count: int, seed: int = 1) -> list[str]:
    texts = [
        (SEEDS / name).read_text(encoding="utf-8")
        for name in ("000_de61297b1667e9da.txt", "001_e556737ff1ee303e.txt")
    ]
    rng = random.Random(seed)
    out = []
    for index in range(count):
        text = texts[index % 2].replace("南开区", f"第{index}区")
        text = _NUMBER.sub(lambda m: str(rng.randint(1, 300)), text)
        lines = text.splitlines()
        rng.shuffle(lines[6:12])  # some reordering so reports differ beyond names
        out.append("\n".join(lines))
    return out


def bench_parse_check(count: int) -> float:
    texts = generated(count)
    start = time.perf_counter()
    for text in texts:
        check_report(parse_text(text))
    return count / (time.perf_counter() - start)


def _reworded(text: str, rng: random.Random) -> str:
    """Every unit writes its own sentences: a third of the characters of each body line
    are replaced, so only the planted copies are near-copies (as in a real corpus)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if len(line) > 60:
            chars = list(line)
            for at in rng.sample(range(len(chars)), len(chars) // 3):
                chars[at] = chr(rng.randint(0x4E00, 0x9FA5))
            lines[index] = "".join(chars)
    return "\n".join(lines)


def bench_copies(count: int) -> float:
    rng = random.Random(2)
    texts = [
        _reworded(text, rng) if index % 50 else text for index, text in enumerate(generated(count, seed=2))
    ]
    start = time.perf_counter()
    reports = [parse_text(text, source=f"{i}.txt") for i, text in enumerate(texts)]
    corpus = Corpus.of(reports)
    options = CheckOptions(corpus=corpus)
    for report in reports[:100]:  # a supervisor checks a batch against the whole corpus
        check_report(report, options)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="报告解析与检查的吞吐量")
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--corpus", type=int, nargs="*", default=[2500, 5000, 10000])
    args = parser.parse_args(argv)
    print(f"解析+检查：{bench_parse_check(args.reports):.0f} 份/秒（{args.reports} 份，单核）")
    for size in args.corpus:
        print(f"雷同段落：语料 {size} 份，建索引并比对 100 份用时 {bench_copies(size):.1f} 秒")


if __name__ == "__main__":
    main()
