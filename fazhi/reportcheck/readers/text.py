"""Plain-text reports: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK."""

from __future__ import annotations

import codecs
import re

from ..errors import ReportReadError

NOT_TEXT = "文件不是文本文件（含有二进制内容）：请提供 .txt、.docx 或 .pdf 格式的报告"
UNKNOWN_ENCODING = "无法识别文件编码：请将报告另存为 UTF-8 或 GB18030（GBK）编码的文本"
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")  # below 32, other than \t \n \v \f \r


def decode(data: bytes) -> str:
    """Bytes to text; GB18030 is a superset of GBK and GB2312, so one fallback covers all three."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _strict(data, encoding)
    if b"\x00" in data:
        raise ReportReadError(NOT_TEXT)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _reject_binary(text)
        return text
    raise ReportReadError(UNKNOWN_ENCODING)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReportReadError(UNKNOWN_ENCODING) from exc


def _reject_binary(text: str) -> None:
    # GB18030 decodes many byte soups without complaint; control characters give them away.
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 200):
        raise ReportReadError(NOT_TEXT)
