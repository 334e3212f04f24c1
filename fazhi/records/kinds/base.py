"""``RecordKind``: what the generic views, the Excel import/export, the API and the figures
need to know about one ledger.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models.base import Record


@dataclass(frozen=True)
class RecordKind:
    slug: str  # the ``kind`` name used by the indicator catalogue and in URLs
    model: type[Record]
    fields: tuple[str, ...]  # editable fields after date and title, in form and Excel order
    list_fields: tuple[str, ...]  # extra columns of the list page
    # The fields that identify one real-world entry of the unit: an Excel row with the same values
    # as a record of the unit updates that record; two such rows of one file are refused.
    natural_key: tuple[str, ...]
    date_label: str = "日期"
    title_label: str = "名称"

    def __post_init__(self) -> None:
        if not self.natural_key or not set(self.natural_key) <= set(self.form_fields):
            raise ValueError(f"{self.slug}: natural_key {self.natural_key} must be fields of the form")

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def form_fields(self) -> tuple[str, ...]:
        return ("date", "title", *self.fields, "notes")

    def field_label(self, name: str) -> str:
        if name == "date":
            return self.date_label
        if name == "title":
            return self.title_label
        return str(self.model._meta.get_field(name).verbose_name)

    @property
    def natural_key_labels(self) -> str:
        """The natural key as people read it, e.g. 日期、学习主题."""
        return "、".join(self.field_label(name) for name in self.natural_key)

    def natural_key_of(self, values: Mapping[str, Any]) -> tuple | None:
        """The natural key of a record's values (an import row, a ``values()`` row).

        None when a part of it is empty: an entry that is not fully identified (a 规范性文件 without
        its 文号) is never a duplicate, as NULL in a unique index. Text is compared with its
        whitespace collapsed.
        """
        key = tuple(_comparable(values.get(name)) for name in self.natural_key)
        return None if any(part in (None, "") for part in key) else key


def _comparable(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value
