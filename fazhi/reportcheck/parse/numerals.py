"""Chinese numerals: small ordinals for numbering, and figure values via cn2an."""

from __future__ import annotations

CN_DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


# Every way of writing 0…99 that ``small_int`` reads: "三", "十", "十一", "二十", "二十三"
# (and the odd "〇十五" or "两十"), looked up at once: markers and numbering read thousands a second.
_SMALL: dict[str, int] = {
    **CN_DIGIT,
    "十": 10,
    **{f"十{o}": 10 + v for o, v in CN_DIGIT.items()},
    **{f"{t}十": 10 * v for t, v in CN_DIGIT.items()},
    **{f"{t}十{o}": 10 * v + w for t, v in CN_DIGIT.items() for o, w in CN_DIGIT.items()},
}


def small_int(text: str) -> int | None:
    """ "三" → 3, "十一" → 11, "二十" → 20, "12" → 12; None when not a number below 100."""
    if text.isdigit():
        return int(text)
    return _SMALL.get(text)


def chinese_value(text: str) -> int | None:
    """Any Chinese numeral ("二百三十七", "两万") as an int; None when not one."""
    quick = small_int(text)
    if quick is not None:
        return quick
    import cn2an  # deferred: most figures are Arabic

    try:
        value = cn2an.cn2an(text, "strict")
    except (ValueError, KeyError):
        return None
    return int(value)


def digit_year(text: str) -> int | None:
    """ "二〇二五" → 2025 (years are written digit by digit)."""
    if len(text) != 4 or any(ch not in CN_DIGIT for ch in text):
        return None
    return int("".join(str(CN_DIGIT[ch]) for ch in text))


def to_chinese(n: int) -> str:
    """3 → 三, 12 → 十二 (for messages naming the expected number)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
    return str(n)
