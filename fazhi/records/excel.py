"""Excel in and out for every ledger (openpyxl).

Import reads every row first and reports every bad cell (row number and column
title, in Chinese); only a file without a single bad row is imported, in one
transaction. A row with the natural key of a record of the unit updates that record,
or leaves it alone when nothing differs; two rows with the same key are refused
(``actions.do_import_records``).

A file costs at most MAX_ROWS rows of work, whatever it holds: before openpyxl parses anything the
zip is judged by its directory (a zip bomb), every XML part is looked at for a DTD (entity
expansion) and counted (elements, rows), and then the rows are read lazily, every row counted,
blank or not. A workbook openpyxl cannot read is a Chinese message naming the trouble (broken
XML and where, a shared string that is not there, an entity declaration), never a 500.

Export writes text as text: every workbook is saved through ``lib.spreadsheets.workbook_bytes``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import models
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.lib.errors import FazhiError
from fazhi.lib.spreadsheets import inert, workbook_bytes
from fazhi.lib.workbooks import (
    CellError,
    ImportRejected,
    inspect_workbook,
    read_rows,
    too_many_rows,
    unreadable,
)

from .display import readable
from .kinds import RecordKind

HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
TRUE_WORDS = {"是", "有", "√", "1", "true", "TRUE", "True", "Y", "y"}
FALSE_WORDS = {"否", "无", "×", "0", "false", "FALSE", "False", "N", "n", ""}
MAX_ROWS = 20000  # data rows of one import, blank ones included
# One ledger has a dozen columns; a row of the import is read this wide at most.
MAX_COLUMNS = 100
# Every XML element of the file (cells, rows, strings, styles) costs parsing time, some 3 µs each;
# 20,000 rows of 11 columns are about 700,000. Beyond this the file is refused unread.
MAX_ELEMENTS = 2_000_000
# What the parts of an .xlsx may unpack to in all: 20,000 rows of long texts are some 60 MB.
MAX_UNPACKED = 100 * 1024 * 1024


def _columns(kind: RecordKind) -> list[tuple[str, str]]:
    return [(name, kind.field_label(name)) for name in kind.form_fields]


def _cell_value(record, name: str):
    value = readable(record._meta.get_field(name), getattr(record, name))
    return float(value) if isinstance(value, Decimal) else inert(value)


def _workbook(kind: RecordKind) -> tuple[Workbook, object]:
    wb = Workbook()
    ws = wb.active
    ws.title = kind.label[:31]
    ws.append([label for _, label in _columns(kind)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for idx, (name, label) in enumerate(_columns(kind), start=1):
        letter = ws.cell(row=1, column=idx).column_letter
        ws.column_dimensions[letter].width = max(12, len(label) * 2 + 2)
        if name == "title":
            ws.column_dimensions[letter].width = 40
    ws.freeze_panes = "A2"
    return wb, ws


def export_records(kind: RecordKind, records) -> bytes:
    wb, ws = _workbook(kind)
    for record in records:
        ws.append([_cell_value(record, name) for name, _ in _columns(kind)])
    for row in ws.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "yyyy-mm-dd"
    return workbook_bytes(wb)


def import_template(kind: RecordKind) -> bytes:
    """An empty sheet with the column titles, choice lists as drop-downs and one example note."""
    wb, ws = _workbook(kind)
    for idx, (name, label) in enumerate(_columns(kind), start=1):
        field = kind.model._meta.get_field(name)
        letter = ws.cell(row=1, column=idx).column_letter
        options = [str(lbl) for _, lbl in field.flatchoices] if field.choices else None
        if isinstance(field, models.BooleanField):
            options = ["是", "否"]
        if options:
            dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
            dv.error = f"请从下拉列表中选择{label}"
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{MAX_ROWS}")
    notes = wb.create_sheet("填写说明")
    notes.append(["列", "填写要求"])
    for name, label in _columns(kind):
        notes.append([label, _hint(kind.model._meta.get_field(name))])
    notes.column_dimensions["A"].width = 20
    notes.column_dimensions["B"].width = 60
    return workbook_bytes(wb)


def _hint(field) -> str:
    required = "" if (field.blank or field.has_default()) else "必填；"
    if isinstance(field, models.DateField):
        return required + "日期，如 2024-03-15"
    if field.choices:
        return required + "可选：" + "、".join(str(lbl) for _, lbl in field.flatchoices)
    if isinstance(field, models.BooleanField):
        return "填“是”或“否”，空白视为“否”"
    if isinstance(field, models.PositiveIntegerField):
        return "非负整数，空白视为 0"
    if isinstance(field, models.DecimalField):
        return "数字，最多两位小数"
    return required + "文字"


def parse_import(kind: RecordKind, stream: BinaryIO) -> dict[int, dict]:
    """The file's rows as field dicts, by row number; raises ImportRejected naming every bad cell,
    ``FazhiError`` saying in Chinese what is wrong with a file that is no usable workbook.

    Every row counts against ``MAX_ROWS``, blank or not: the parts are counted before anything is
    parsed (``_inspect``), and the rows are read lazily and counted as they come (a row numbered
    1,048,576 after the header is a million rows), so no file costs more than ``MAX_ROWS`` rows."""
    _inspect(stream)
    try:
        wb = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises any type on a damaged workbook
        raise unreadable(exc, "工作簿") from exc
    if not wb.worksheets:
        raise FazhiError("无法导入该 Excel 文件：文件中没有工作表。", "bad-excel")
    ws = wb.worksheets[0]
    ws.reset_dimensions()  # the sheet's own <dimension> claim neither widens nor cuts its rows
    try:
        header = [
            str(c).strip() if c is not None else ""
            for c in next(read_rows(ws.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), 0), ())
        ]
        columns = _columns(kind)
        by_label = {label: name for name, label in columns}
        missing = [label for name, label in columns if label not in header and _required(kind, name)]
        if missing:
            raise FazhiError(
                "表头缺少必填列：" + "、".join(missing) + "。请使用本系统下载的模板。", "bad-header"
            )
        positions = {by_label[h]: i for i, h in enumerate(header) if h in by_label}
        width = max(positions.values(), default=0) + 1
        parsed: dict[int, dict] = {}
        errors: list[CellError] = []
        rows = read_rows(ws.iter_rows(min_row=2, max_col=width, values_only=True), 1)
        for number, values in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                raise _too_many_rows()
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            row, row_errors = _parse_row(kind, values, positions, number)
            errors += row_errors
            if not row_errors:
                parsed[number] = row
    finally:
        wb.close()
    if errors:
        raise ImportRejected(errors)
    return parsed


def _too_many_rows() -> FazhiError:
    return too_many_rows(MAX_ROWS)


def _inspect(stream: BinaryIO) -> None:
    """``lib.workbooks.inspect_workbook`` with the ledger import's limits."""
    inspect_workbook(stream, max_rows=MAX_ROWS, max_elements=MAX_ELEMENTS, max_unpacked=MAX_UNPACKED)


def _required(kind: RecordKind, name: str) -> bool:
    field = kind.model._meta.get_field(name)
    return not (field.blank or field.has_default())


def _parse_row(
    kind: RecordKind, values, positions: dict[str, int], number: int
) -> tuple[dict, list[CellError]]:
    row, errors = {}, []
    for name, pos in positions.items():
        raw = values[pos] if pos < len(values) else None
        field = kind.model._meta.get_field(name)
        try:
            row[name] = _convert(field, raw)
        except ValidationError as exc:
            errors.append(CellError(number, kind.field_label(name), exc.messages[0]))
    if not errors:
        instance = kind.model(**row)
        try:
            instance.full_clean(exclude=["unit"])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                known = name in kind.form_fields
                column = kind.field_label(name) if known else ("" if name == "__all__" else name)
                errors.append(CellError(number, column, messages[0]))
    return row, errors


def _convert(field, raw):
    text = "" if raw is None else str(raw).strip()
    if isinstance(field, models.BooleanField):
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise ValidationError(f"“{text}”不是“是”或“否”")
    if isinstance(field, models.DateField):
        return _date(raw, text, required=not field.null)
    if field.choices:
        return _choice(field, text)
    if isinstance(field, models.PositiveIntegerField):
        return _integer(raw, text)
    if isinstance(field, models.DecimalField):
        return _decimal(text)
    return text


def _date(raw, text: str, *, required: bool):
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not text:
        if required:
            raise ValidationError("日期不能为空")
        return None
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise ValidationError(f"“{text}”不是有效日期，应写成 2024-03-15 的形式")


def _choice(field, text: str) -> str:
    if not text:
        if field.blank:
            return ""
        if field.has_default():
            return field.get_default()
        raise ValidationError("不能为空")
    for value, label in field.flatchoices:
        if text in (str(value), str(label)):
            return value
    options = "、".join(str(lbl) for _, lbl in field.flatchoices)
    raise ValidationError(f"“{text}”不在可选项中（{options}）")


def _integer(raw, text: str) -> int:
    if not text:
        return 0
    try:
        number = float(text)
    except ValueError:
        raise ValidationError(f"“{text}”不是数字") from None
    if number < 0 or not number.is_integer():
        raise ValidationError(f"“{text}”不是非负整数")
    return int(number)


def _decimal(text: str):
    if not text:
        return None
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValidationError(f"“{text}”不是数字") from None
