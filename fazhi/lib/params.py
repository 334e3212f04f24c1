"""Numbers from forms and query strings: a bad or out-of-range value is a Chinese message, never a 500."""

from __future__ import annotations

from .errors import FazhiError

MAX_INT = 2**31 - 1  # what every integer column of the database holds


def parse_int(value: str | None, label: str, *, default: int | None = None) -> int:
    if value in (None, "") and default is not None:
        return default
    try:
        number = int(str(value).strip())
    except ValueError:
        raise FazhiError(f"{label}“{value}”不是有效的整数。", "bad-number") from None
    if not 0 <= number <= MAX_INT:
        raise FazhiError(f"{label}“{value}”超出范围。", "bad-number")
    return number
