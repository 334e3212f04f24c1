"""The indicator catalogue: pure declarations shared by ledger, drafter and checker."""

from .catalogue import INDICATORS, THEMES, get
from .spec import Average, Count, Indicator, Ratio, Sum

__all__ = ["INDICATORS", "THEMES", "Average", "Count", "Indicator", "Ratio", "Sum", "get"]
