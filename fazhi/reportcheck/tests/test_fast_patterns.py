"""The patterns rewritten for speed (issue 12) find exactly what the plain ones find.

A pattern that starts with a look-behind is tried at every position of a text; the rewritten
ones start with the set of characters a match can begin with and look back from there. Each is
compared here with the plain form it replaces, on texts made of the characters that matter.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.reportcheck import parse_text
from fazhi.reportcheck.checks.numbering import _INLINE
from fazhi.reportcheck.parse.figures import _SCAN, NUMBER
from fazhi.reportcheck.parse.matching import match
from fazhi.reportcheck.parse.numerals import CN_DIGIT, small_int
from fazhi.reportcheck.phrases import _mask, _regex, default_phrases

_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
_TEXT = st.text(
    st.sampled_from(
        _NUMERALS + "0123456789１２.．第分之点余多 \n，。；是个项次人名%％“”规划纲要五普法位体坚持意识确立"
    ),
    max_size=60,
)


def _plain_mask(templates: list[str]) -> re.Pattern[str]:
    """The mask as it was: the templates' patterns, one after the other."""
    return re.compile("|".join(_regex(t, named=False) for t in templates))


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_the_number_scan_finds_what_number_finds(text):
    plain = list(NUMBER.finditer(text))
    fast = list(_SCAN.finditer(text))
    assert [m.span() for m in fast] == [m.span() for m in plain]
    for a, b in zip(plain, fast, strict=True):
        assert (b.group("pct"), b.group("mult"), b.group("unit")) == (
            a.group("pct"),
            a.group("mult"),
            a.group("unit"),
        )
        if a.group("num") is not None:
            assert text[b.start() : b.end("num")] == a.group("num")


_TEMPLATES = [
    "{n}个意识",
    "{n}个一百年",
    "{n}规划{n}纲要",
    "“{n}五”普法",
    "“{n}五”规划",
    "第{n}批",
    "(.{n})",
    "{n}",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TEMPLATES), min_size=1, max_size=5, unique=True), _TEXT)
def test_the_mask_finds_what_the_templates_one_after_the_other_find(templates, text):
    assert _spans(_mask(templates), text) == _spans(_plain_mask(templates), text)


def test_the_shipped_mask_finds_what_its_templates_find():
    mask = default_phrases().masks[0]
    text = "“八五”普法，“十四五”规划，两个确立、四个意识、十一个坚持，十二个坚持和五位一体，一规划二纲要，三个务必"
    assert _spans(mask, text) == [
        (0, 6),
        (7, 14),
        (15, 19),
        (20, 24),
        (25, 30),
        (31, 36),
        (37, 41),
        (42, 48),
        (49, 53),
    ]
    # A run of numerals longer than a count is no count: not its tail either.
    assert _spans(mask, "一二三四五六七个意识") == []
    wrong = re.compile(mask.pattern.replace("(?<![一二两三四五六七八九十]{2})", ""))
    assert _spans(wrong, "一二三四五六七个意识") == [(1, 10)]


_OLD_INLINE = re.compile(r"(?:^|(?<=[。；;！？!?：:，,]))(?P<n>[一二三四五六七八九十]{1,3})是")


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("一二三十四是，。；：,统之\n"), max_size=40))
def test_the_inline_item_pattern_finds_what_the_plain_one_finds(text):
    plain = [(m.span(), m.group("n")) for m in _OLD_INLINE.finditer(text)]
    assert [(m.span(), m.group("n")) for m in _INLINE.finditer(text)] == plain


def _old_small_int(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CN_DIGIT and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return CN_DIGIT[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or ones == "十":  # "十十" raised KeyError before
        return None
    return (CN_DIGIT[tens] if tens else 1) * 10 + (CN_DIGIT[ones] if ones else 0)


@given(st.text(st.sampled_from([*CN_DIGIT, "十", "百", "1", "a"]), max_size=5))
def test_small_numbers_are_read_as_before(text):
    assert small_int(text) == _old_small_int(text)


def test_a_line_numbered_ten_ten_is_read_not_a_crash():
    assert small_int("十十") is None  # raised KeyError, and the parser with it
    report = parse_text("某局2024年度法治政府建设情况报告\n一、主要举措和成效\n十十、开展培训3次。")
    assert [f.value for f in report.figures] == [3]


def test_the_indicator_of_a_figure_is_found_in_one_pass():
    assert match("开展政府常务会议集体学法12次", "", "次") == ["study.executive_meeting"]
    assert match("参考率为98%", "习近平法治思想专题考试", "%") == ["exam.xi_participation_rate"]
    assert match("召开会议", "", "亿") == []  # a unit no indicator counts in
