"""Throughput of the report engine (``python -m fazhi.reportcheck.bench``, run by ``make bench``).

Goals (issues 12 and 13):

- parse+check at least 1,000 reports/s in one process, on reports of ~3,000 characters;
- check time linear in the length of the text: 10k, 40k and 100k characters, and a
  100,000-character report parsed and checked in under a second;
- ``fazhi check`` over 1,000 files in one call: at least 500 files/s;
- the copy index (``fazhi copyindex``): under 2 GB at 140,000 reports, one report checked
  against 140,000 in under 100 ms; measured at 10,000 and 50,000 generated reports and
  extrapolated, with the naive all-pairs comparison on a small corpus as the anchor
  (the index must find exactly what it finds).

Reports are the two real seeds varied by unit name, figures and sentence order, so their
length and structure are real. For the copy index every unit writes its own sentences
(a third of each paragraph's characters replaced), except every 50th report, a planted
near-copy of its seed: the worst case, a paragraph with a near-copy in 1 report of 100.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .checks import check_report
from .copyindex import CACHE_MB, CopyIndex, brute_force, comparable
from .model import Paragraph, Report
from .parse import parse_file, parse_text

SEEDS = Path(__file__).parent / "tests" / "fixtures"
SEED_FILES = ("000_de61297b1667e9da.txt", "001_e556737ff1ee303e.txt")
_NUMBER = re.compile(r"\d+(?=[次件人个条])")
PLANTED_EVERY = 50
COUNTRY = 140_000


def generated(count: int, seed: int = 1) -> list[str]:
    texts = [(SEEDS / name).read_text(encoding="utf-8") for name in SEED_FILES]
    rng = random.Random(seed)
    out = []
    for index in range(count):
        text = texts[index % 2].replace("南开区", f"第{index}区")
        text = _NUMBER.sub(lambda m: str(rng.randint(1, 300)), text)
        lines = text.splitlines()
        rng.shuffle(lines[6:12])  # some reordering so reports differ beyond names
        out.append("\n".join(lines))
    return out


# ── parse and check ───────────────────────────────────────────


def bench_parse_check(count: int) -> tuple[float, float]:
    """Reports per second: by the clock, and by the process's CPU time (what other processes
    on a busy machine do not change much)."""
    texts = generated(count)
    check_report(parse_text(texts[0]))  # imports and caches, as in a running server
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        check_report(parse_text(text))
    return count / (time.perf_counter() - start), count / (time.process_time() - cpu)


def long_report(size: int) -> str:
    """A report of about ``size`` characters: a seed whose measures part goes on with
    paragraphs of other generated reports."""
    texts = generated(40, seed=5)
    lines = texts[0].splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("二、"))
    body = [line for text in texts[1:] for line in text.splitlines() if len(line) > 60]
    extra: list[str] = []
    total = len(texts[0])
    while total < size:
        extra.append(body[len(extra) % len(body)])
        total += len(extra[-1]) + 1
    return "\n".join(lines[:at] + extra + lines[at:])


def bench_sizes(sizes: list[int]) -> list[tuple[int, float, float]]:
    """(characters, check seconds, parse+check seconds) in CPU time, the best of three."""
    out = []
    for size in sizes:
        text = long_report(size)
        check_best = total_best = float("inf")
        for _ in range(3):
            start = time.process_time()
            report = parse_text(text)
            parsed = time.process_time()
            check_report(report)
            done = time.process_time()
            check_best, total_best = min(check_best, done - parsed), min(total_best, done - start)
        out.append((len(text), check_best, total_best))
    return out


def bench_cli(count: int) -> tuple[float, float]:
    """Files per second of one ``fazhi check`` call over ``count`` files (start-up included):
    by the clock, and per second of CPU time of all its processes."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, text in enumerate(generated(count, seed=4)):
            path = Path(folder) / f"{index:05d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", "fazhi.reportcheck.cli", "check", "--json", *paths],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return count / wall, count / cpu


# ── the copy index ─────────────────────────────────────────────


def index_reports(start: int, count: int, seed: int = 3) -> Iterator[Report]:
    """Reports number ``start`` … ``start+count-1`` of the generated country."""
    import numpy as np

    templates = [[p.text for p in comparable(parse_file(SEEDS / name))] for name in SEED_FILES]
    for index in range(start, start + count):
        rng = np.random.default_rng((seed, index))
        figures = iter(rng.integers(1, 300, 64).tolist())

        def figure(_: re.Match[str], figures: Iterator[int] = figures) -> str:
            return str(next(figures, 7))

        paragraphs = []
        for number, template in enumerate(templates[index % 2]):
            text = _NUMBER.sub(figure, template.replace("南开区", f"第{index}区"))
            if index % PLANTED_EVERY:
                codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
                at = rng.random(len(codes)) < 1 / 3
                codes[at] = rng.integers(0x4E00, 0x9FA6, int(at.sum()), dtype=np.uint32)
                text = codes.tobytes().decode("utf-32-le")
            paragraphs.append(Paragraph(text, number + 1))
        yield Report(
            title=f"第{index}区某局2024年度法治政府建设情况报告",
            unit=f"第{index}区某局",
            year=2024,
            source=f"generated/{index}.txt",
            preamble=paragraphs,
        )


def _build(index: CopyIndex, start: int, count: int) -> float:
    """Add reports ``start`` … to ``index``; reports per second."""
    began = time.perf_counter()
    batch: list[tuple[Report, str | None, str]] = []
    for report in index_reports(start, count):
        batch.append((report, report.source, ""))
        if len(batch) == 1000:
            index.add_many(batch)
            batch = []
    if batch:
        index.add_many(batch)
    return count / (time.perf_counter() - began)


def query_times(path: str, size: int, count: int) -> dict[str, float]:
    """Query ``count`` new reports (every PLANTED_EVERY-th a planted near-copy) against the index
    at ``path``: clock and CPU seconds (median and 95th percentile of the others, the slowest
    planted one), and the process's peak memory. Run in a fresh process by ``bench_index``."""
    reports = list(index_reports(size, count + 1))
    with CopyIndex(path) as index:
        list(index.similar(reports.pop()))  # imports, as in a running server
        times: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        for report in reports:
            began, cpu = time.perf_counter(), time.process_time()
            list(index.similar(report))
            planted = int(Path(report.source).stem) % PLANTED_EVERY == 0
            times[planted].append((time.perf_counter() - began, time.process_time() - cpu))
    out: dict[str, float] = {"rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
    for clock, name in ((0, ""), (1, "_cpu")):
        plain = sorted(t[clock] for t in times[False])
        out["median" + name] = plain[len(plain) // 2]
        out["p95" + name] = plain[int(len(plain) * 0.95)]
        out["planted" + name] = max((t[clock] for t in times[True]), default=0.0)
    return out


def _queries(path: str, size: int, count: int) -> dict[str, float]:
    code = f"import json; from fazhi.reportcheck.bench import query_times; print(json.dumps(query_times({path!r}, {size}, {count})))"
    result = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    data: dict[str, float] = json.loads(result.stdout)
    return data


def bench_index(sizes: list[int], folder: str) -> list[dict[str, float]]:
    path = os.path.join(folder, "copies.sqlite")
    out = []
    with CopyIndex(path) as index:
        held = 0
        for size in sorted(sizes):
            rate = _build(index, held, size - held)
            held = size
            index.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            measured = _queries(path, size, 200)
            measured.update(size=size, rate=rate, bytes=os.path.getsize(path) / size)
            out.append(measured)
    return out


def bench_anchor(size: int, queries: int) -> tuple[int, int]:
    """The index against the naive all-pairs comparison on a small corpus: (queries that agree, findings)."""
    corpus = list(index_reports(0, size))
    asked = list(index_reports(size, queries))
    agree = found = 0
    with CopyIndex(text_chars=None) as index:
        index.add_many((r, r.source, "") for r in corpus)
        for report in asked:
            indexed = [(m.number, m.entry.source, m.other.text, m.score) for m in index.similar(report)]
            naive = [
                (q, corpus[n].source, comparable(corpus[n])[p].text, score)
                for q, n, p, score in brute_force(report, corpus)
            ]
            agree += indexed == naive
            found += len(naive)
    return agree, found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="报告解析与检查、雷同段落索引的吞吐量")
    parser.add_argument("--reports", type=int, default=1000, help="解析+检查的报告份数")
    parser.add_argument("--files", type=int, default=1000, help="命令行一次检查的文件数")
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[10_000, 40_000, 100_000], help="长报告的字数"
    )
    parser.add_argument("--index", type=int, nargs="*", default=[10_000, 50_000], help="雷同索引的报告份数")
    parser.add_argument("--anchor", type=int, default=300, help="与逐对比较对照的语料份数")
    args = parser.parse_args(argv)

    rate, cpu_rate = bench_parse_check(args.reports)
    print(
        f"解析+检查：{rate:.0f} 份/秒（按 CPU 时间 {cpu_rate:.0f} 份/秒；{args.reports} 份，约3000字，"
        "单进程；目标 ≥ 1000）"
    )
    sizes = bench_sizes(args.sizes)
    print(
        "检查用时（CPU 时间，随字数线性增长）："
        + "，".join(
            f"{n / 10000:.0f}万字 {c * 1000:.0f} 毫秒（含解析 {t * 1000:.0f} 毫秒）" for n, c, t in sizes
        )
        + "；目标：10万字含解析 < 1 秒"
    )
    if args.files:
        wall, cpu = bench_cli(args.files)
        print(
            f"命令行：fazhi check 一次检查 {args.files} 个文件，{wall:.0f} 个/秒"
            f"（{os.cpu_count()} 个处理器；每秒 CPU 时间 {cpu:.0f} 个；目标 ≥ 500）"
        )
    if args.anchor:
        agree, found = bench_anchor(args.anchor, 20)
        print(
            f"对照：{args.anchor} 份语料上 20 份报告逐对比较与索引检索结果"
            + ("一致" if agree == 20 else f"不一致（{20 - agree} 份不同）")
            + f"（共 {found} 段雷同）"
        )
    if args.index:
        with tempfile.TemporaryDirectory() as folder:
            rows = bench_index(args.index, folder)
        for row in rows:
            print(
                f"雷同索引 {row['size']:,.0f} 份：加入 {row['rate']:.0f} 份/秒，文件 {row['bytes'] / 1024:.1f} KB/份；"
                f"查询一份 中位 {_ms(row, 'median')}、95% {_ms(row, 'p95')}；"
                f"与 {row['size'] / PLANTED_EVERY:,.0f} 份雷同的报告 {_ms(row, 'planted')}；"
                f"查询进程内存峰值 {row['rss'] / 2**20:.0f} MB"
            )
        if len(rows) >= 2:
            small, large = rows[0], rows[-1]

            def at_country(key: str) -> float:
                slope = (large[key] - small[key]) / (large["size"] - small["size"])
                return max(large[key], large[key] + slope * (COUNTRY - large["size"]))

            country = {key: at_country(key) for key in large if key.endswith("_cpu")}
            print(
                f"外推到 {COUNTRY:,} 份（CPU 时间按 {small['size']:,.0f}→{large['size']:,.0f} 份的增长线性外推）："
                f"文件约 {large['bytes'] * COUNTRY / 2**30:.2f} GB；内存为 SQLite 的页缓存（上限 {CACHE_MB} MB）"
                f"加进程本身，实测 {large['rss'] / 2**20:.0f} MB，不随份数增长（目标 < 2 GB）；"
                f"查询一份 中位 {country['median_cpu'] * 1000:.1f} 毫秒、95% {country['p95_cpu'] * 1000:.1f} 毫秒"
                f"（目标 < 100 毫秒）；与 {COUNTRY / PLANTED_EVERY:,.0f} 份雷同的报告 "
                f"{country['planted_cpu'] * 1000:.1f} 毫秒"
            )


def _ms(row: dict[str, float], key: str) -> str:
    return f"{row[key] * 1000:.1f} 毫秒（CPU {row[key + '_cpu'] * 1000:.1f}）"


if __name__ == "__main__":
    main()
