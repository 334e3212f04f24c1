"""The disclosure report's checks by their short Chinese names, shown instead of their codes
(as ``fazhi.reportcheck.rules`` names the annual report's)."""

from __future__ import annotations

RULE_NAMES: dict[str, str] = {
    "disclosure-table": "表格勾稽不符",
    "disclosure-text": "正文数据与表格不符",
    "disclosure-gap": "年报数据待补",
}
