"""A copied-paragraph index that holds the country's reports: SQLite on disk, added to as
reports arrive, searched in milliseconds (``fazhi copyindex add``, ``fazhi check --index``).

How two paragraphs are compared (the same everywhere: in memory for ``--against``, on
disk, and in ``brute_force``, the naive all-pairs comparison it is measured against):

- a paragraph of at least ``MIN_CHARS`` characters (marks and spaces not counted) is the
  set of its character 4-grams; its MinHash signature is ``NUM_PERM`` 32-bit minima;
- the similarity of two paragraphs is the share of equal signature positions (an
  estimate of the Jaccard similarity of the 4-gram sets); ``THRESHOLD`` or more is a copy;
- for each paragraph of a report, the most similar paragraph of another report (another
  unit, or the same unit in another year) is its source; on a tie, the one added first.

Search: 63 signature positions are cut into ``BANDS`` bands of ``ROWS``; a band's values
hash to a key, and each key is a row holding the packed ids of the paragraphs that have
it (one read per band, however many reports share a stock paragraph). A similarity of
``THRESHOLD`` allows at most
``MAX_MISMATCHES`` unequal positions, so at least ``MIN_HITS`` bands of a copy are equal
(pigeonhole): the paragraphs sharing that many band keys with the query are the only
candidates, and the search finds exactly what comparing every pair would. Candidates are
compared in rounds, most shared bands first, while their bound can still beat the best
found. Work per query depends on the number of candidates, not on the size of the index.

Memory: SQLite reads the file through a bounded page cache (``CACHE_MB``); the process
holds one query's candidates. The file stores per paragraph its signature, its first
characters (for the message) and ``BANDS`` band rows: about 10 KB per report.

No Django: the platform can keep one index per campaign or for the country and call
``CopyIndex.add`` when a report is sent and ``CopyIndex.similar`` to check one.
"""

from __future__ import annotations

import math
import re
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .model import PartKind, Report

SHINGLE = 4
NUM_PERM = 64
THRESHOLD = 0.7
MIN_CHARS = 40  # shorter paragraphs are stock phrases that every report shares
ROWS = 3
BANDS = NUM_PERM // ROWS  # 21 bands over positions 0…62
MAX_MISMATCHES = NUM_PERM - math.ceil(NUM_PERM * THRESHOLD)  # 19
MIN_HITS = BANDS - MAX_MISMATCHES  # 2: a copy shares at least this many bands
if MIN_HITS < 1:  # pragma: no cover - a guard on the constants above
    raise ValueError("the bands cannot guarantee every copy is found")
TEXT_CHARS = 31  # kept on disk per paragraph: enough for the message's 30-character excerpt
CACHE_MB = 64
SCHEMA_VERSION = "1"
_NOISE = re.compile(r"[\s\W_]+")
_MASK32 = (1 << 32) - 1
_CHUNK = 500  # SQL variables per statement
ROUND = 64  # candidates of a query paragraph compared at a time


@dataclass(frozen=True)
class IndexedParagraph:
    text: str
    part: PartKind | None
    section: str | None


@dataclass(frozen=True)
class Entry:
    """A report in the index (``source``: its file, or the platform's key)."""

    source: str
    title: str
    unit: str | None
    year: int | None


@dataclass(frozen=True)
class Match:
    number: int  # the paragraph's place among the checked report's comparable paragraphs
    paragraph: IndexedParagraph  # of the report checked
    entry: Entry  # the report it resembles
    other: IndexedParagraph  # the paragraph there (on disk: its first TEXT_CHARS characters)
    score: float


# ── signatures ────────────────────────────────────────────────


def report_paragraphs(report: Report) -> Iterator[IndexedParagraph]:
    for paragraph in report.preamble:
        yield IndexedParagraph(paragraph.text, None, None)
    for part in report.parts:
        for paragraph in part.paragraphs:
            yield IndexedParagraph(paragraph.text, part.kind, None)
        for section in part.sections:
            for paragraph in section.paragraphs:
                yield IndexedParagraph(paragraph.text, part.kind, section.label)


def comparable(report: Report) -> list[IndexedParagraph]:
    """The paragraphs long enough to be compared."""
    return [p for p in report_paragraphs(report) if len(_NOISE.sub("", p.text)) >= MIN_CHARS]


def signatures(texts: Sequence[str]) -> Any:
    """The MinHash signatures of ``texts`` (each with at least SHINGLE characters besides marks),
    one row of NUM_PERM uint32 each, computed for all of them in one pass of array operations.

    A 4-gram's hash is a polynomial of its characters (32 bits); its NUM_PERM hashes are
    multiply-add-shift functions ``(a·x + b) >> 32`` with 64-bit odd ``a`` (2-universal)."""
    import numpy as np

    cleaned = [_NOISE.sub("", text) for text in texts]
    if not cleaned:
        return np.zeros((0, NUM_PERM), dtype=np.uint32)
    lengths = np.array([len(c) for c in cleaned], dtype=np.int64)
    if int(lengths.min()) < SHINGLE:
        raise ValueError(f"a text to sign needs at least {SHINGLE} characters")
    codes = np.frombuffer("".join(cleaned).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(codes) - SHINGLE + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE):
        hashes = (hashes * np.uint64(1_000_003) + codes[offset : offset + count]) & np.uint64(_MASK32)
    ends = np.cumsum(lengths)
    owner = np.repeat(np.arange(len(cleaned), dtype=np.uint64), lengths)[:count]
    inside = np.arange(count) + SHINGLE <= ends[owner.astype(np.int64)]  # no 4-gram spans two texts
    keys = np.sort((owner[inside] << np.uint64(32)) | hashes[inside])
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]  # distinct per text (np.unique is slower)
    a, b = _permutations()
    shingles = keys & np.uint64(_MASK32)
    bounds = np.searchsorted(keys >> np.uint64(32), np.arange(len(cleaned), dtype=np.uint64))
    out = np.empty((NUM_PERM, len(cleaned)), dtype=np.uint64)
    # 16 functions at a time: arrays of a few hundred KB are reused, larger ones cost page faults.
    with np.errstate(over="ignore"):
        for at in range(0, NUM_PERM, 16):
            values = a[at : at + 16, None] * shingles
            values += b[at : at + 16, None]
            values >>= np.uint64(32)
            out[at : at + 16] = np.minimum.reduceat(values, bounds, axis=1)
    return np.ascontiguousarray(out.T).astype(np.uint32)


@cache
def _permutations() -> tuple[Any, Any]:
    import numpy as np

    generator = np.random.default_rng(1)
    a = generator.integers(1, 1 << 63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = generator.integers(0, 1 << 63, NUM_PERM, dtype=np.uint64)
    return a, b


def band_keys(sigs: Any) -> Any:
    """Per signature, BANDS keys (signed 32-bit, so that SQLite stores each in 4 bytes): a hash
    of the band's number and its ROWS values. Equal bands have equal keys; a rare equal key of
    unequal bands only adds a candidate, which the signature comparison then drops."""
    import numpy as np

    bands = sigs[:, : BANDS * ROWS].reshape(len(sigs), BANDS, ROWS).astype(np.uint64)
    h = np.broadcast_to(
        np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15), bands.shape[:2]
    )
    with np.errstate(over="ignore"):
        for row in range(ROWS):
            h = (h ^ bands[:, :, row]) * np.uint64(0xBF58476D1CE4E5B9)
            h = h ^ (h >> np.uint64(31))
    return (h >> np.uint64(32)).astype(np.int64) - (1 << 31)


def similarity(one: Any, other: Any) -> float:
    import numpy as np

    return float(np.count_nonzero(one == other)) / NUM_PERM


# ── the index ─────────────────────────────────────────────────


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS report(
    id INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE, title TEXT NOT NULL, unit TEXT, year INTEGER,
    stamp TEXT NOT NULL DEFAULT '', first INTEGER NOT NULL, count INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS report_unit_year ON report(unit, year);
CREATE TABLE IF NOT EXISTS paragraph(
    id INTEGER PRIMARY KEY, report INTEGER NOT NULL, text TEXT NOT NULL, sig BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS band(key INTEGER PRIMARY KEY, ids BLOB NOT NULL);
"""
_PARAMETERS = {
    "version": SCHEMA_VERSION,
    "shingle": str(SHINGLE),
    "num_perm": str(NUM_PERM),
    "rows": str(ROWS),
    "threshold": str(THRESHOLD),
    "min_chars": str(MIN_CHARS),
}
_IDS = "<u4"  # a band's paragraphs: ascending 32-bit ids, packed


class CopyIndexError(Exception):
    """The file is not a copy index of this version (the message is Chinese, for the user)."""


class CopyIndex:
    """Reports' comparable paragraphs, searchable for near-copies.

    ``CopyIndex(path)`` opens or creates the file; ``CopyIndex()`` keeps everything in memory
    (``fazhi check --against``). ``text_chars``: how much of each paragraph to keep (None: all).
    ``cache_mb``: SQLite's page cache, the bound on what the index holds in memory.

    A band key's paragraphs are one packed list (a row), so that a paragraph shared by
    thousands of reports costs one row read per band, not thousands.
    """

    def __init__(
        self, path: str | Path = ":memory:", *, text_chars: int | None = TEXT_CHARS, cache_mb: int = CACHE_MB
    ) -> None:
        self.path = str(path)
        self.text_chars = text_chars
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.execute(f"PRAGMA cache_size = -{int(cache_mb) * 1024}")
            if self.path != ":memory:":
                self.db.execute("PRAGMA busy_timeout = 10000")
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.executescript(_SCHEMA)
            self._check_parameters()
        except sqlite3.DatabaseError as exc:
            raise CopyIndexError(f"无法打开雷同段落索引：{path}（{exc}）") from exc
        self._pending: list[tuple[Any, Any]] = []  # (band keys, paragraph ids) of the open transaction

    def _check_parameters(self) -> None:
        stored = dict(self.db.execute("SELECT name, value FROM meta").fetchall())
        if not stored:
            self.db.executemany("INSERT INTO meta VALUES (?, ?)", _PARAMETERS.items())
        elif stored != _PARAMETERS:
            raise CopyIndexError(
                f"雷同段落索引 {self.path} 由另一版本的程序建立：请删除后用 fazhi copyindex add 重建。"
            )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> CopyIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM report").fetchone()[0])

    def stamp(self, source: str) -> str | None:
        """What was noted with the report of ``source`` when added (None: not in the index)."""
        row = self.db.execute("SELECT stamp FROM report WHERE source = ?", (source,)).fetchone()
        return None if row is None else str(row[0])

    def entries(self) -> list[Entry]:
        rows = self.db.execute("SELECT source, title, unit, year FROM report ORDER BY id")
        return [Entry(*row) for row in rows]

    def paragraph_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM paragraph").fetchone()[0])

    def size(self) -> int:
        """Bytes the index's pages in use occupy."""
        pages = self.db.execute("PRAGMA page_count").fetchone()[0]
        free = self.db.execute("PRAGMA freelist_count").fetchone()[0]
        return int((pages - free) * self.db.execute("PRAGMA page_size").fetchone()[0])

    # ── adding and removing ──

    def add(self, report: Report, *, source: str | None = None, stamp: str = "") -> None:
        """Add ``report`` (replacing the report of the same source, if any); committed."""
        self.add_many([(report, source, stamp)])

    def add_many(self, items: Iterable[tuple[Report, str | None, str]]) -> int:
        """Add several reports, ``(report, source or None, stamp)``, in one transaction; how many."""
        count = 0
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for report, source, stamp in items:
                self._add(report, self._source(report, source), stamp)
                count += 1
            self._flush()
            self.db.execute("COMMIT")
        except BaseException:
            self._pending = []
            self.db.execute("ROLLBACK")
            raise
        return count

    def remove(self, source: str) -> bool:
        """Take the report of ``source`` out of the index; whether there was one."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            removed = self._remove(source)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return removed

    def _source(self, report: Report, source: str | None) -> str:
        if source is not None:
            return source
        if report.source:
            return source_key(report.source)
        return f"#{uuid.uuid4().hex}"  # a report with no file: a key of its own

    def _add(self, report: Report, source: str, stamp: str) -> None:
        self._remove(source)
        paragraphs = comparable(report)
        sigs = signatures([p.text for p in paragraphs])
        first = int(self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM paragraph").fetchone()[0])
        cursor = self.db.execute(
            "INSERT INTO report(source, title, unit, year, stamp, first, count) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (source, report.title, report.unit, report.year, stamp, first, len(paragraphs)),
        )
        self.db.executemany(
            "INSERT INTO paragraph(id, report, text, sig) VALUES (?, ?, ?, ?)",
            (
                (first + n, cursor.lastrowid, _stored_text(p, self.text_chars), sig.tobytes())
                for n, (p, sig) in enumerate(zip(paragraphs, sigs, strict=True))
            ),
        )
        if len(sigs):
            import numpy as np

            keys = band_keys(sigs)
            self._pending.append((keys.ravel(), np.repeat(np.arange(first, first + len(sigs)), BANDS)))

    def _flush(self) -> None:
        """Append the transaction's postings to their bands' lists (one upsert per band key)."""
        import numpy as np

        if not self._pending:
            return
        keys = np.concatenate([k for k, _ in self._pending])
        ids = np.concatenate([i for _, i in self._pending])
        self._pending.clear()
        order = np.lexsort((ids, keys))
        keys, ids = keys[order], ids[order]
        distinct = np.concatenate(([True], (keys[1:] != keys[:-1]) | (ids[1:] != ids[:-1])))
        keys, ids = keys[distinct], ids[distinct]
        starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        ends = np.append(starts[1:], len(keys)) * 4
        packed = ids.astype(_IDS).tobytes()
        self.db.executemany(
            "INSERT INTO band(key, ids) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET ids = CAST(ids || excluded.ids AS BLOB)",
            zip(
                keys[starts].tolist(),
                [packed[a:b] for a, b in zip((starts * 4).tolist(), ends.tolist(), strict=True)],
                strict=True,
            ),
        )

    def _select_bands(self, keys: list[int]) -> Iterator[tuple[int, bytes]]:
        return _select_in(self.db, "SELECT key, ids FROM band WHERE key IN", keys)

    def _remove(self, source: str) -> bool:
        import numpy as np

        row = self.db.execute("SELECT id, first, count FROM report WHERE source = ?", (source,)).fetchone()
        if row is None:
            return False
        self._flush()  # the report may have been added in this transaction
        report_id, first, count = row
        last = first + count - 1
        sigs = [
            s for (s,) in self.db.execute("SELECT sig FROM paragraph WHERE id BETWEEN ? AND ?", (first, last))
        ]
        if sigs:
            keys = sorted({int(k) for k in band_keys(_matrix(sigs)).ravel().tolist()})
            updates, gone = [], []
            for key, blob in self._select_bands(keys):
                ids = np.frombuffer(blob, dtype=_IDS)
                kept = ids[(ids < first) | (ids > last)]
                (updates.append((kept.tobytes(), key)) if len(kept) else gone.append((key,)))
            self.db.executemany("UPDATE band SET ids = ? WHERE key = ?", updates)
            self.db.executemany("DELETE FROM band WHERE key = ?", gone)
        self.db.execute("DELETE FROM paragraph WHERE id BETWEEN ? AND ?", (first, last))
        self.db.execute("DELETE FROM report WHERE id = ?", (report_id,))
        return True

    # ── searching ──

    def similar(self, report: Report) -> Iterator[Match]:
        """For each comparable paragraph of ``report``, its most similar paragraph in another report."""
        paragraphs = comparable(report)
        if not paragraphs:
            return
        sigs = signatures([p.text for p in paragraphs])
        candidates = self._candidates(band_keys(sigs), self._same_reports(report))
        if candidates is None:
            return
        best = self._verify(sigs, *candidates)
        if not best:
            return
        entries, texts = self._describe(best)
        for q in sorted(best):
            score, pid, report_id = best[q]
            yield Match(q, paragraphs[q], entries[report_id], IndexedParagraph(texts[pid], None, None), score)

    def _candidates(self, keys: Any, excluded: list[tuple[int, int]]) -> tuple[Any, Any, Any] | None:
        """(query paragraph, paragraph id, bands shared) of every paragraph sharing at least
        MIN_HITS band keys with a query paragraph, outside ``excluded`` id ranges."""
        import numpy as np

        wanted: dict[int, list[int]] = {}
        for q, row in enumerate(keys.tolist()):
            for key in set(row):
                wanted.setdefault(key, []).append(q)
        blobs, owners, lengths = [], [], []
        for key, blob in self._select_bands(sorted(wanted)):
            for q in wanted[key]:
                blobs.append(blob)
                owners.append(q)
                lengths.append(len(blob) // 4)
        if not blobs:
            return None
        queries = np.repeat(np.array(owners, dtype=np.uint64), lengths)
        pairs = (queries << np.uint64(32)) | np.frombuffer(b"".join(blobs), dtype=_IDS).astype(np.uint64)
        pairs.sort()
        starts = np.flatnonzero(np.concatenate(([True], pairs[1:] != pairs[:-1])))
        hits = np.diff(np.append(starts, len(pairs)))
        pairs = pairs[starts]
        keep = hits >= MIN_HITS
        pid = (pairs & np.uint64(_MASK32)).astype(np.int64)
        for first, count in excluded:
            keep &= (pid < first) | (pid >= first + count)
        if not keep.any():
            return None
        return (pairs[keep] >> np.uint64(32)).astype(np.int64), pid[keep], hits[keep]

    def _verify(self, sigs: Any, queries: Any, ids: Any, hits: Any) -> dict[int, tuple[float, int, int]]:
        """The best candidate of each query paragraph: (score, paragraph id, report id).

        A candidate sharing h bands has at most NUM_PERM - (BANDS - h) equal positions (each
        other band has one unequal at least). Each query paragraph's candidates are compared
        in rounds, those sharing the most bands (and then those added first) first; after each
        round only the candidates whose bound can still beat the best found stay: among
        thousands of copies of a stock paragraph, a round or two settles it."""
        import numpy as np

        order = np.lexsort((ids, -hits, queries))
        queries, ids, hits = queries[order], ids[order], hits[order]
        bound = (NUM_PERM - (BANDS - hits)) / NUM_PERM
        count = len(sigs)
        score = np.full(count, THRESHOLD)  # to beat: the threshold, then the best found
        para = np.full(count, np.iinfo(np.int64).max, dtype=np.int64)
        report = np.full(count, -1, dtype=np.int64)
        alive = np.ones(len(ids), dtype=bool)
        while alive.any():
            waiting = np.flatnonzero(alive)
            group = queries[waiting]
            starts = np.flatnonzero(np.concatenate(([True], group[1:] != group[:-1])))
            rank = np.arange(len(waiting)) - np.repeat(starts, np.diff(np.append(starts, len(waiting))))
            chosen = waiting[rank < ROUND]
            alive[chosen] = False
            owners, matrix = self._signatures(ids[chosen])
            q, pid = queries[chosen], ids[chosen]
            found = np.count_nonzero(matrix == sigs[q], axis=1) / NUM_PERM
            for at in np.flatnonzero(found >= THRESHOLD).tolist():
                k = int(q[at])
                if report[k] < 0 or found[at] > score[k] or (found[at] == score[k] and pid[at] < para[k]):
                    score[k], para[k], report[k] = found[at], pid[at], owners[at]
            floor, held = score[queries], para[queries]
            alive &= (bound > floor) | ((bound == floor) & ((report[queries] < 0) | (ids < held)))
        return {k: (float(score[k]), int(para[k]), int(report[k])) for k in range(count) if report[k] >= 0}

    def _signatures(self, ids: Any) -> tuple[Any, Any]:
        """The report ids and the signature matrix of paragraphs ``ids``, in that order.

        One row per chunk: the aggregates of one query read the rows in the same order, and
        SQLite builds the concatenation, which costs a third of reading rows one by one."""
        import numpy as np

        found_ids, owners, blobs = [], [], []
        query = (
            "SELECT group_concat(id), group_concat(report), CAST(group_concat(sig, '') AS BLOB)"
            " FROM paragraph WHERE id IN"
        )
        for row in _select_in(self.db, query, sorted(set(ids.tolist()))):
            if row[0] is not None:
                found_ids.append(np.array(row[0].split(","), dtype=np.int64))
                owners.append(np.array(row[1].split(","), dtype=np.int64))
                blobs.append(row[2])
        known = np.concatenate(found_ids)
        where = np.argsort(known)
        at = where[np.searchsorted(known, ids, sorter=where)]
        return np.concatenate(owners)[at], _matrix(blobs)[at]

    def _same_reports(self, report: Report) -> list[tuple[int, int]]:
        """Paragraph id ranges of the index's versions of ``report`` itself: its own file, or
        the unit's report of the same year."""
        rows: list[tuple[int, int]] = []
        if report.source:
            rows += self.db.execute(
                "SELECT first, count FROM report WHERE source = ?", (source_key(report.source),)
            ).fetchall()
        if report.unit:
            rows += self.db.execute(
                "SELECT first, count FROM report WHERE unit = ? AND year IS ?", (report.unit, report.year)
            ).fetchall()
        return rows

    def _describe(self, best: dict[int, tuple[float, int, int]]) -> tuple[dict[int, Entry], dict[int, str]]:
        reports = sorted({report_id for _, _, report_id in best.values()})
        paragraphs = sorted({pid for _, pid, _ in best.values()})
        entries = {
            row[0]: Entry(*row[1:])
            for row in _select_in(
                self.db, "SELECT id, source, title, unit, year FROM report WHERE id IN", reports
            )
        }
        texts = {
            row[0]: row[1]
            for row in _select_in(self.db, "SELECT id, text FROM paragraph WHERE id IN", paragraphs)
        }
        return entries, texts


def _select_in(db: sqlite3.Connection, query: str, values: list[int]) -> Iterator[Any]:
    """The rows of ``query`` followed by ``(?, ?, …)`` for ``values``, a chunk at a time."""
    for chunk in _chunks(values):
        yield from db.execute(f"{query} ({','.join('?' * len(chunk))})", chunk)  # noqa: S608 (placeholders only)


def _matrix(sigs: list[bytes]) -> Any:
    """Signatures packed one after another, as rows."""
    import numpy as np

    return np.frombuffer(b"".join(sigs), dtype=np.uint32).reshape(-1, NUM_PERM)


def _stored_text(paragraph: IndexedParagraph, chars: int | None) -> str:
    return paragraph.text if chars is None else paragraph.text[:chars]


def _chunks(values: list[int]) -> Iterator[list[int]]:
    for at in range(0, len(values), _CHUNK):
        yield values[at : at + _CHUNK]


def source_key(source: str) -> str:
    """A report's file as the index names it (the resolved path), so that one file is one entry."""
    try:
        return str(Path(source).resolve())
    except (OSError, RuntimeError, ValueError):
        return source


# ── the naive comparison it is measured against ───────────────


def brute_force(report: Report, others: Sequence[Report]) -> list[tuple[int, int, int, float]]:
    """Every paragraph of ``report`` against every paragraph of ``others`` (no index): for each
    comparable paragraph (its number among them), the best (other report's number, its paragraph's
    number, score), a tie going to the one that comes first. Same-report rules as the index."""
    mine = comparable(report)
    if not mine:
        return []
    sigs = signatures([p.text for p in mine])
    own = source_key(report.source) if report.source else None
    best: dict[int, tuple[int, int, float]] = {}
    for number, other in enumerate(others):
        if own is not None and other.source and source_key(other.source) == own:
            continue
        if report.unit and other.unit == report.unit and other.year == report.year:
            continue
        theirs = signatures([p.text for p in comparable(other)])
        for q, sig in enumerate(sigs):
            for n, candidate in enumerate(theirs):
                score = similarity(sig, candidate)
                if score >= THRESHOLD and (q not in best or score > best[q][2]):
                    best[q] = (number, n, score)
    return [(q, *best[q]) for q in sorted(best)]
