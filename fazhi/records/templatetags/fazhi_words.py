"""Codes in words, for every page: ``{% load fazhi_words %}``.

A checker rule or an indicator is shown to a reader by its Chinese name; the code stays
in ``data-*`` attributes, JSON, exports and the command line.

    {{ f.rule|rule_name }}           ledger-mismatch → 数据与台账不符
    {{ code|indicator_name }}        study.total → 学法活动次数
"""

from __future__ import annotations

from django import template

from fazhi import indicators
from fazhi.disclosurecheck.rules import RULE_NAMES as DISCLOSURE_RULES
from fazhi.reportcheck import rule_name as _rule_name

register = template.Library()


@register.filter
def rule_name(code: str) -> str:
    """The checker rule's short Chinese name; an unknown code as it is."""
    return DISCLOSURE_RULES.get(str(code)) or _rule_name(str(code))


@register.filter
def indicator_name(code: str) -> str:
    """The indicator's Chinese name; an unknown code as it is."""
    try:
        return indicators.get(str(code)).name
    except KeyError:
        return str(code)
