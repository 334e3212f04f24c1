"""Each rule's short Chinese name, shown to readers instead of its code.

The code (``Finding.rule``) stays the finding's stable id: in JSON, the command line's
output, a head's reasons and ``data-rule`` attributes. Every code a check can emit has a
name here (``tests/test_rules.py`` reads the codes from the checks' source).
"""

from __future__ import annotations

RULE_NAMES: dict[str, str] = {
    "missing-part": "缺少必备部分",
    "part-kind": "部分类别不明",
    "part-order": "部分顺序不规范",
    "title-year": "标题年度单位",
    "plan-year": "下一年度安排年份有误",
    "part-year": "部分标题年份有误",
    "signature-date": "落款日期有误",
    "numbering": "序号不规范",
    "empty-section": "空白段落",
    "rate-range": "数字超出范围",
    "figure-conflict": "前后数字不一致",
    "truncated-law-name": "法律名称不完整",
    "official-phrase": "提法不规范",
    "wrong-term": "用词错误",
    "typo": "错别字",
    "punctuation": "标点符号",
    "document-number": "文号不规范",
    "ledger-mismatch": "数据与台账不符",
    "copied-paragraph": "段落雷同",
    "read-error": "文件无法读取",
}


def rule_name(code: str) -> str:
    """The rule's Chinese name; an unknown code as it is."""
    return RULE_NAMES.get(code, code)
