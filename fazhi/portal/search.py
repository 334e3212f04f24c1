"""Chinese full-text search over the published reports (docs/architecture.md#portal).

**Words.** Chinese has no spaces, so both sides are segmented by jieba with one dictionary
(loaded once, on the first use) and without its HMM guesser, whose guesses depend on the
surrounding characters. The index keeps ``cut_for_search`` words: every word and the shorter
dictionary words inside it (宣传教育 → 宣传, 教育, 宣传教育), so a query word is found inside a
longer one. The query is cut into plain words (``cut``), and a report is found when it has *every*
query word, wherever: 法治宣传 (法治, 宣传) finds 法治宣传教育, and a report with 法治 in one place
and 宣传 in another, never one with 法治 alone. These are words, not substrings: 司法 does not find
公司法律 (公司, 法律). Text is NFKC-normalised and lower-cased first (全角 ＡＢＣ１２３ is abc123),
and only letters and digits are kept.

**Index.** ``SearchEntry`` (models.py): one row per unit-year, on its current (highest-numbered)
published version, replaced by a correction. ``index_publication`` runs inside
``do_publish_report``'s transaction (``campaigns.publication_hooks``, registered in apps.py), so
only what is published is ever indexed. ``rebuild_index`` (``manage.py reindex_search``) indexes
every publication again.

**Matching and ranking** are the database's, over the same space-separated words, so the *set*
of reports found is the same on both (``fazhi/portal/tests/test_search.py`` runs on both):
SQLite's FTS5 table (bm25), PostgreSQL's ``tsvector`` column with its GIN index (``ts_rank`` of the
words as alternatives, as bm25 sums them). The title counts more than the text; ties by year,
newest first, then by entry. The count and the page are two queries: only one page of ids leaves
the database.

**Snippets** are made here, in Python, from the published text: escaped first, then the hits wrapped
in ``<mark>``.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Max
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from fazhi.campaigns.publication_models import Publication
from fazhi.orgs.models import Region

from .models import SearchEntry

MAX_QUERY = 50  # characters
MAX_WORDS = 12
MAX_WORD = 40  # longer "words" are runs of letters or digits nobody searches for
PAGE_SIZE = 20
SNIPPET = 120  # characters around the hits
MAX_HITS = 200  # where a snippet may start
TITLE_WEIGHT = 4.0  # SQLite bm25 weight of the title column (PostgreSQL: weight A against D)

EMPTY = "请输入要查找的词语，例如：出庭应诉、重大行政决策、法治宣传，或一个单位的名称。"
TOO_LONG = f"查找的内容太长了：请不超过{MAX_QUERY}个字，用几个关键词查找即可。"
NO_WORDS = "没有可以查找的词语：请输入汉字、字母或数字。"
NOTHING = "没有找到同时包含这些词语的报告。可以减少几个词，或换一个说法再试。"

_WORD = re.compile(r"[^\W_]+")
_lock = threading.Lock()
_tokenizer = None


def _jieba():
    """The segmenter with its dictionary, loaded once, on first use (about a second)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _keep(pieces: Iterable[str]) -> list[str]:
    """Letters and digits only: what FTS5's unicode61 and PostgreSQL's parser both see as one word."""
    return [w for piece in pieces for w in _WORD.findall(piece) if len(w) <= MAX_WORD]


def index_words(text: str) -> list[str]:
    return _keep(_jieba().cut_for_search(normalize(text), HMM=False))


def query_words(query: str) -> list[str]:
    return list(dict.fromkeys(_keep(_jieba().cut(normalize(query), HMM=False))))


# --- the index --------------------------------------------------------------------------------


def entry_for(publication: Publication, words: Callable[[str], list[str]] = index_words) -> SearchEntry:
    """The (unsaved) index row of a publication; its unit and region are read from it. ``words``
    segments the text (the bench passes the same words, computed once per sentence)."""
    head = f"{publication.title}\n{publication.unit.name}\n{publication.region.name}"
    return SearchEntry(
        publication=publication,
        unit_id=publication.unit_id,
        region_id=publication.region_id,
        year=publication.year,
        genre=publication.genre,
        number=publication.number,
        head=" ".join(index_words(head)),
        body=" ".join(words(publication.text)),
    )


def index_publication(publication: Publication) -> SearchEntry:
    """Index a new published version: it replaces its report's entry (unit, year and genre) unless a
    later one is there."""
    current = SearchEntry.objects.filter(
        unit_id=publication.unit_id, year=publication.year, genre=publication.genre
    ).first()
    if current is not None and current.number > publication.number:
        return current
    entry = entry_for(publication)
    if current is not None:
        entry.pk = current.pk
        entry.save(force_update=True)  # the triggers (SQLite) or the generated column follow
    else:
        entry.save(force_insert=True)
    return entry


@transaction.atomic
def rebuild_index(batch: int = 500) -> int:
    """Index every report's current published version again (``manage.py reindex_search``)."""
    SearchEntry.objects.all().delete()
    latest = Publication.objects.values("unit_id", "year", "genre").annotate(number=Max("number"))
    wanted = {(row["unit_id"], row["year"], row["genre"], row["number"]) for row in latest}
    current = (
        p
        for p in Publication.objects.select_related("unit", "region").defer("document").iterator(batch)
        if (p.unit_id, p.year, p.genre, p.number) in wanted
    )
    count = 0
    chunk: list[SearchEntry] = []
    for publication in current:
        chunk.append(entry_for(publication))
        if len(chunk) == batch:
            count += len(SearchEntry.objects.bulk_create(chunk))
            chunk = []
    count += len(SearchEntry.objects.bulk_create(chunk))
    return count


# --- the query --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    region: Region | None = None
    unit_id: int | None = None
    year: int | None = None


def _query(words: list[str], filters: Filters) -> tuple[str, str, list]:
    """(FROM … WHERE …, ORDER BY …, parameters) of the entries that have every word."""
    where, params = [], []
    if filters.region is not None:
        regions = sorted(filters.region.descendant_ids())
        where.append(f"e.region_id IN ({', '.join(['%s'] * len(regions))})")
        params += regions
    if filters.unit_id is not None:
        where.append("e.unit_id = %s")
        params.append(filters.unit_id)
    if filters.year is not None:
        where.append("e.year = %s")
        params.append(filters.year)
    extra = "".join(f" AND {clause}" for clause in where)  # fixed clauses; every value is a parameter
    if connection.vendor == "postgresql":
        # Ranked by the words as alternatives: the sum of each word's weight, as bm25 sums (ts_rank on
        # the & query measures distances between every pair of positions, three times slower).
        found = (
            " FROM portal_searchentry e, plainto_tsquery('simple', %s) q, to_tsquery('simple', %s) r"
            f" WHERE e.search @@ q{extra}"
        )
        order = " ORDER BY ts_rank(e.search, r, 1) DESC, e.year DESC, e.id"
        return found, order, [" ".join(words), " | ".join(words), *params]
    found = (
        " FROM portal_search_fts JOIN portal_searchentry e ON e.id = portal_search_fts.rowid"
        f" WHERE portal_search_fts MATCH %s{extra}"
    )
    order = f" ORDER BY bm25(portal_search_fts, {TITLE_WEIGHT}, 1.0), e.year DESC, e.id"
    return found, order, [" ".join(f'"{w}"' for w in words), *params]  # each word quoted: implicit AND


def _rows(sql: str, params: list) -> list[tuple]:
    """On PostgreSQL the GIN index always finds the entries: for common words the planner would read
    every row instead, and unpack every ``tsvector`` to test it, which the index does not need."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(sql, params)  # the SQL is fixed text (S608 noted where built); values are parameters
        rows = cursor.fetchall()
        if connection.vendor == "postgresql":
            cursor.execute("RESET enable_seqscan")
        return rows


def ranked_ids(
    words: list[str], filters: Filters | None = None, *, offset: int = 0, limit: int | None = None
) -> list[int]:
    """SearchEntry ids that have every word, best first (``limit`` of them from ``offset``)."""
    if not words:
        return []
    found, order, params = _query(words, filters or Filters())
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return [row[0] for row in _rows(f"SELECT e.id{found}{order}{page}", params)]  # noqa: S608


def count_found(words: list[str], filters: Filters | None = None) -> int:
    if not words:
        return 0
    found, _, params = _query(words, filters or Filters())
    return _rows(f"SELECT count(*){found}", params)[0][0]  # noqa: S608


class _Ranked:
    """The ranked ids as the paginator reads them: the count, then one page, each one query."""

    def __init__(self, words: list[str], filters: Filters | None) -> None:
        self.words, self.filters = words, filters

    def count(self) -> int:
        return count_found(self.words, self.filters)

    def __getitem__(self, page: slice) -> list[int]:
        return ranked_ids(self.words, self.filters, offset=page.start, limit=page.stop - page.start)


@dataclass
class Hit:
    publication: Publication
    title: SafeString
    snippet: SafeString


@dataclass
class Results:
    query: str
    words: list[str] = field(default_factory=list)
    message: str = ""  # why nothing was searched, or that nothing was found
    count: int = 0
    page: Page | None = None
    hits: list[Hit] = field(default_factory=list)


def search(query: str, filters: Filters | None = None, page: object = 1) -> Results:
    query = " ".join(query.split())
    if not query:
        return Results(query, message=EMPTY)
    if len(query) > MAX_QUERY:
        return Results(query, message=TOO_LONG)
    words = query_words(query)[:MAX_WORDS]
    if not words:
        return Results(query, message=NO_WORDS)
    paginator = Paginator(_Ranked(words, filters), PAGE_SIZE)
    if not paginator.count:
        return Results(query, words, message=NOTHING)
    chosen = paginator.get_page(page)
    entries = SearchEntry.objects.filter(pk__in=chosen.object_list).select_related(
        "publication__unit", "publication__region"
    )
    by_id = {e.pk: e for e in entries.defer("head", "body", "publication__document")}
    hits = []
    for entry_id in chosen.object_list:
        publication = by_id[entry_id].publication
        hits.append(
            Hit(publication, highlight(publication.title, words), snippet(_body(publication.text), words))
        )
    return Results(query, words, count=paginator.count, page=chosen, hits=hits)


def _body(text: str) -> str:
    """The published text without its title line (shown above the snippet)."""
    return text.split("\n", 1)[1] if "\n" in text else text


# --- snippets ---------------------------------------------------------------------------------


Hits = list[tuple[int, int, frozenset[str]]]  # (start, end, the query words in it)


def _hits(text: str, words: list[str]) -> Hits:
    """Where the words occur in ``text`` (as the index reads it: NFKC, lower case), in order;
    adjacent ones joined (重大|行政|决策 is one hit of three words)."""
    if not words:
        return []
    folded = normalize(text)
    origin: list[int] | None = None
    if len(folded) != len(text):  # a character changed length (rare): map back char by char
        origin = []
        for i, char in enumerate(text):
            origin += [i] * len(normalize(char))
        folded = "".join(normalize(char) for char in text)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))
    hits: Hits = []
    for found in pattern.finditer(folded):
        start, end = found.span()
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
        found_words = frozenset([found.group()])
        if hits and hits[-1][1] == start:
            previous = hits.pop()
            start, found_words = previous[0], previous[2] | found_words
        hits.append((start, end, found_words))
    return hits


def _marked(text: str, hits: Hits, start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` escaped, with the hits inside it in ``<mark>``."""
    end = len(text) if end is None else end
    out, at = [], start
    for s, e, _ in hits:
        if s < at or e > end:
            continue
        out += [escape(text[at:s]), "<mark>", escape(text[s:e]), "</mark>"]
        at = e
    out.append(escape(text[at:end]))
    return "".join(out)


def highlight(text: str, words: list[str]) -> SafeString:
    return mark_safe(_marked(text, _hits(text, words)))  # every piece escaped by _marked


def _best_window(text: str, hits: Hits, missing: set[str], width: int) -> tuple[int, int, set[str]] | None:
    """The window with the most missing words, then the one around the longest run of words (the
    query's own phrase), then the earliest."""
    best, best_score = None, None
    starts = [h[0] for h in hits]
    for s, _, run in hits[:MAX_HITS]:
        start = max(0, min(s - width // 4, len(text) - width))
        end = min(len(text), start + width)
        inside = hits[bisect_left(starts, start) : bisect_right(starts, end)]
        inside = [h for h in inside if h[1] <= end]
        gained: set[str] = set()
        for h in inside:
            gained |= missing & h[2]
        if not gained:
            continue
        score = (len(gained), len(run), -s)  # the window around the run of most words
        if best_score is None or score > best_score:
            best, best_score = (start, end, gained), score
    return best


def snippet(text: str, words: list[str], width: int = SNIPPET) -> SafeString:
    """Up to two windows of the text: where most query words are, then one for those it lacks;
    escaped, the hits marked; the beginning of the text if no word occurs in it (a title hit)."""
    text = " ".join(text.split())
    hits = _hits(text, words)
    if not hits:
        return mark_safe(escape(text[:width]) + ("…" if len(text) > width else ""))
    windows: list[tuple[int, int]] = []
    missing = set(words)
    while missing and len(windows) < 2:
        best = _best_window(text, hits, missing, width)
        if best is None:
            break
        windows.append(best[:2])
        missing -= best[2]
    windows.sort()
    if len(windows) == 2 and windows[1][0] <= windows[0][1]:
        windows = [(windows[0][0], max(windows[0][1], windows[1][1]))]
    parts = [("…" if start > 0 else "") + _marked(text, hits, start, end) for start, end in windows]
    tail = "…" if windows[-1][1] < len(text) else ""
    return mark_safe(" ".join(parts) + tail)  # every piece escaped by _marked
