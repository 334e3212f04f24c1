"""The persistent copy index (issue 12, item 8): it finds exactly what comparing every pair
finds, keeps what it is given across runs, replaces a changed report, and is small."""

from __future__ import annotations

import json
import random
import sqlite3

import pytest

from fazhi.reportcheck import CheckOptions, check_report, parse_file, parse_text
from fazhi.reportcheck.checks import Corpus
from fazhi.reportcheck.cli import main
from fazhi.reportcheck.copyindex import (
    BANDS,
    MAX_MISMATCHES,
    MIN_HITS,
    NUM_PERM,
    ROWS,
    THRESHOLD,
    CopyIndex,
    CopyIndexError,
    brute_force,
    comparable,
    signatures,
    similarity,
)
from fazhi.reportcheck.model import Paragraph, Report

from .snapshot import FIXTURES

SEED_000 = FIXTURES / "000_de61297b1667e9da.txt"
SEED_001 = FIXTURES / "001_e556737ff1ee303e.txt"
BASE = (
    "坚持把学习宣传贯彻习近平法治思想作为重大政治任务，组织全体干部开展集中学习十二次，"
    "邀请法律顾问围绕行政复议法修订开展专题辅导，切实提高干部运用法治思维和法治方式的能力，"
    "推动法治政府建设各项任务落到实处。"
)


def _mutated(text: str, share: float, rng: random.Random) -> str:
    chars = list(text)
    for at in rng.sample(range(len(chars)), int(len(chars) * share)):
        chars[at] = chr(rng.randint(0x4E00, 0x9FA5))
    return "".join(chars)


def _report(number: int, paragraphs: list[str], *, unit: str | None = None, year: int = 2024) -> Report:
    return Report(
        title=f"第{number}局{year}年度法治政府建设情况报告",
        unit=unit or f"第{number}局",
        year=year,
        source=f"corpus/{number}.txt",
        preamble=[Paragraph(text, n + 1) for n, text in enumerate(paragraphs)],
    )


def _corpus(size: int, seed: int = 7) -> list[Report]:
    """Reports whose paragraphs are BASE changed in 0 to 40 % of their characters: their
    similarities to one another spread over the threshold, many close to it."""
    rng = random.Random(seed)
    return [
        _report(
            n, [_mutated(BASE, rng.choice([0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.4]), rng) for _ in range(2)]
        )
        for n in range(size)
    ]


def _indexed(index: CopyIndex, report: Report) -> list[tuple[int, str, str, float]]:
    return [(m.number, m.entry.source, m.other.text, m.score) for m in index.similar(report)]


def _naive(report: Report, corpus: list[Report]) -> list[tuple[int, str, str, float]]:
    return [
        (q, corpus[n].source, comparable(corpus[n])[p].text, score)
        for q, n, p, score in brute_force(report, corpus)
    ]


def test_the_bands_guarantee_every_copy_is_a_candidate():
    # At the threshold at most MAX_MISMATCHES positions differ, so MIN_HITS bands stay equal.
    assert BANDS * ROWS <= NUM_PERM
    assert MAX_MISMATCHES == NUM_PERM - -(-int(NUM_PERM * THRESHOLD * 1000) // 1000)
    assert MIN_HITS == BANDS - MAX_MISMATCHES >= 1


def test_it_finds_exactly_what_comparing_every_pair_finds():
    corpus = _corpus(120)
    queries = _corpus(25, seed=8)
    scores = []
    with CopyIndex(text_chars=None) as index:
        index.add_many((r, r.source, "") for r in corpus)
        for query in queries:
            query.source = f"queries/{query.source}"
            naive = _naive(query, corpus)
            assert _indexed(index, query) == naive
            scores += [score for *_, score in naive]
    assert min(scores) < 0.75 and max(scores) == 1.0  # the comparison reached down to the threshold


def test_a_tie_goes_to_the_report_added_first_and_the_own_report_is_skipped():
    corpus = [_report(n, [BASE]) for n in range(5)]
    with CopyIndex(text_chars=None) as index:
        index.add_many((r, r.source, "") for r in corpus)
        [match] = index.similar(corpus[3])  # itself (same source) is not a source of copying
        assert (match.entry.source, match.score) == ("corpus/0.txt", 1.0)
        assert _indexed(index, corpus[3]) == _naive(corpus[3], corpus)
        same_unit = _report(9, [BASE], unit="第0局")  # another version of 第0局's 2024 report
        assert [m.entry.source for m in index.similar(same_unit)] == ["corpus/1.txt"]
        last_year = _report(9, [BASE], unit="第0局", year=2025)
        assert [m.entry.source for m in index.similar(last_year)] == ["corpus/0.txt"]


def test_the_index_is_kept_on_disk_and_a_report_added_again_replaces_the_old(tmp_path):
    path = tmp_path / "copies.sqlite"
    with CopyIndex(path) as index:
        index.add(_report(1, [BASE]), source="1.txt", stamp="v1")
        index.add(_report(2, [BASE.replace("十二", "十三")]), source="2.txt")
    with CopyIndex(path) as index:  # a later run
        assert len(index) == 2 and index.stamp("1.txt") == "v1" and index.stamp("3.txt") is None
        [match] = index.similar(_report(3, [BASE]))
        assert match.entry.source == "1.txt" and match.score == 1.0
        assert len(match.other.text) == 31  # on disk: the start of the paragraph, for the message
        other = "全年开展普法宣传活动二十次，覆盖群众一万人次，发放宣传资料五千份。" * 2
        index.add(_report(1, [other]), source="1.txt", stamp="v2")
        assert len(index) == 2 and index.paragraph_count() == 2 and index.stamp("1.txt") == "v2"
        [match] = index.similar(_report(3, [BASE]))
        assert match.entry.source == "2.txt"  # the old paragraph of 1 is gone, its bands too
        assert index.remove("2.txt") and not index.remove("2.txt")
        assert list(index.similar(_report(3, [BASE]))) == []
        [(ids,)] = index.db.execute("SELECT group_concat(hex(ids), '') FROM band").fetchall()
        assert set(ids[i : i + 8] for i in range(0, len(ids), 8)) == {"03000000"}  # only 1's new paragraph


def test_a_failed_batch_leaves_nothing_behind(tmp_path):
    class Broken(Exception):
        pass

    def reports():
        yield _report(1, [BASE]), None, ""
        raise Broken

    with CopyIndex(tmp_path / "copies.sqlite") as index:
        with pytest.raises(Broken):
            index.add_many(reports())
        assert len(index) == 0 and index.db.execute("SELECT count(*) FROM band").fetchone()[0] == 0


def test_a_file_that_is_no_index_or_of_another_version_is_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('version', '0')")
    with pytest.raises(CopyIndexError, match="另一版本"):
        CopyIndex(other)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(CopyIndexError, match="无法打开"):
        CopyIndex(garbage)


def test_an_index_takes_about_ten_kilobytes_a_report(tmp_path):
    seeds = [parse_file(SEED_000), parse_file(SEED_001)]
    with CopyIndex(tmp_path / "copies.sqlite") as index:
        for number in range(200):
            report = seeds[number % 2]
            index.add(report, source=f"{number}.txt")
        per_report = index.size() / 200
    assert per_report < 14_000  # 140,000 reports: under 2 GB on disk; memory is SQLite's bounded cache


def test_signatures_estimate_the_share_of_common_four_grams():
    rng = random.Random(3)
    texts = [
        BASE,
        _mutated(BASE, 0.05, rng),
        _mutated(BASE, 0.3, rng),
        "全年开展普法宣传活动二十次，覆盖群众一万人次。" * 3,
    ]
    sigs = signatures(texts)
    grams = [{t[i : i + 4] for i in range(len(t) - 3)} for t in (_clean(t) for t in texts)]
    for i in range(len(texts)):
        for j in range(len(texts)):
            exact = len(grams[i] & grams[j]) / len(grams[i] | grams[j])
            assert abs(similarity(sigs[i], sigs[j]) - exact) < 0.2
    assert (signatures(texts[1:2]) == sigs[1:2]).all()  # a text's signature is the same alone or in a batch


def _clean(text: str) -> str:
    import re

    return re.sub(r"[\s\W_]+", "", text)


# ── the command line ────────────────────────────────────────────


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_copyindex_add_builds_once_and_check_index_finds_what_against_finds(capsys, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = SEED_001.read_text(encoding="utf-8").replace("南开区政府办公室", "河西区政府办公室")
    (corpus / "hexi.txt").write_text(text, encoding="utf-8")
    (corpus / "001.txt").write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "broken.docx").write_bytes(b"not a docx")
    index = tmp_path / "copies.sqlite"

    code, out, err = _run(capsys, "copyindex", "add", corpus, "--index", index)
    assert code == 0 and "已加入或更新 2 份" in out and "无法读取 1 份" in out and "broken.docx" in err
    code, out, _ = _run(capsys, "copyindex", "add", corpus, "--index", index)
    assert code == 0 and "已加入或更新 0 份，未改动 2 份" in out
    code, out, _ = _run(capsys, "copyindex", "info", "--index", index)
    assert code == 0 and "2 份报告" in out

    _, by_index, _ = _run(capsys, "check", corpus / "001.txt", "--json", "--index", index)
    _, by_folder, _ = _run(capsys, "check", corpus / "001.txt", "--json", "--against", corpus)
    copies = [f for f in json.loads(by_index) if f["rule"] == "copied-paragraph"]
    assert len(copies) >= 10 and all("其他单位（河西区政府办公室）" in f["message"] for f in copies)
    assert copies == [f for f in json.loads(by_folder) if f["rule"] == "copied-paragraph"]


def test_check_refuses_a_missing_index(capsys, tmp_path):
    code, _, err = _run(capsys, "check", SEED_001, "--index", tmp_path / "none.sqlite")
    assert code == 2 and "fazhi copyindex add" in err


def test_a_corpus_in_memory_is_the_same_index(tmp_path):
    mine = parse_text(SEED_001.read_text(encoding="utf-8"), source="mine.txt")
    other = parse_text(
        SEED_001.read_text(encoding="utf-8").replace("南开区政府办公室", "河西区政府办公室"),
        source="other.txt",
    )
    corpus = Corpus.of([mine, other])
    with CopyIndex(tmp_path / "copies.sqlite") as index:
        index.add_many([(mine, None, ""), (other, None, "")])
        on_disk = check_report(mine, CheckOptions(index=index))
    in_memory = check_report(mine, CheckOptions(corpus=corpus))
    assert [f.to_dict("") for f in on_disk] == [f.to_dict("") for f in in_memory]
    assert any(f.rule == "copied-paragraph" for f in in_memory)


def test_the_search_is_exact_at_the_edges_of_the_bands(monkeypatch):
    """Signatures made to order: 19 unequal positions, one in each of 19 bands, leave 2 bands
    equal (45/64 ≥ 0.7, a copy); 20 make it no copy; an equal score in fewer bands on an
    earlier paragraph wins the tie against one found first."""
    import numpy as np

    import fazhi.reportcheck.copyindex as copyindex

    rng = np.random.default_rng(5)
    base = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)
    made: dict[str, np.ndarray] = {}

    def variant(name: str, positions: list[int]) -> str:
        sig = base.copy()
        sig[positions] ^= np.uint32(0x5A5A5A5A)
        text = name + "：" + "依法行政" * 12
        made[text] = sig
        return text

    def fake(texts):
        return np.array([made[t] for t in texts], dtype=np.uint32).reshape(len(texts), NUM_PERM)

    monkeypatch.setattr(copyindex, "signatures", fake)
    monkeypatch.setattr(copyindex, "ROUND", 1)  # one candidate a round: the bounds decide what is compared
    spread = [band * ROWS for band in range(BANDS)]  # the first position of every band
    corpus = [
        _report(0, [variant("二十处不同", spread[:20])]),  # 44/64: below the threshold
        _report(1, [variant("十九处不同", spread[:19])]),  # 45/64 with only 2 bands equal
        _report(2, [variant("一处不同（带内）", [0])]),  # 63/64 in 20 bands, added before …
        _report(3, [variant("一处不同（带外）", [NUM_PERM - 1])]),  # … 63/64 in all 21 bands
    ]
    query = _report(9, [variant("查询", [])])
    with CopyIndex(text_chars=None) as index:
        index.add_many((r, r.source, "") for r in corpus[:2])
        [match] = index.similar(query)
        assert (match.entry.source, match.score) == ("corpus/1.txt", 45 / 64)
        assert _indexed(index, query) == _naive(query, corpus[:2])
        index.add_many((r, r.source, "") for r in corpus[2:])
        [match] = index.similar(query)
        assert (match.entry.source, match.score) == ("corpus/2.txt", 63 / 64)
        assert _indexed(index, query) == _naive(query, corpus)
