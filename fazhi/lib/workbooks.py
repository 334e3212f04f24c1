"""Reading an uploaded .xlsx at a bounded cost, and naming its bad cells in Chinese.

The same guards as the ledger import (``fazhi/records/excel.py``), here in the bottom layer so that
every app may read a workbook (the onboarding of a region in ``orgs`` sits below ``records``):

- before openpyxl parses anything the zip is judged by its directory (a zip bomb,
  ``archives.check_zip``), every XML part is looked at for a DTD (entity expansion) and its elements
  and rows are counted (``inspect_workbook``);
- the rows are then read lazily, an error of openpyxl on a damaged sheet becoming a Chinese message
  naming the trouble and the row (``read_rows``, ``unreadable``), never a 500;
- a bad cell is a ``CellError`` naming the sheet (when the file has several), the row and the
  column; a file with any is refused whole (``ImportRejected``).

Framework-free: callers pass the stream.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from .archives import ArchiveRefused, check_zip, count_tags
from .errors import FazhiError


@dataclass(frozen=True)
class CellError:
    row: int
    column: str  # empty: the row as a whole (a duplicate)
    message: str
    sheet: str = ""  # empty: the file has one sheet of data

    def __str__(self) -> str:
        where = f"“{self.sheet}”工作表" if self.sheet else ""
        if not self.column:
            return f"{where}第{self.row}行：{self.message}"
        return f"{where}第{self.row}行“{self.column}”列：{self.message}"


class ImportRejected(FazhiError):
    """Every bad cell of the file (``errors``); nothing was imported."""

    def __init__(self, errors: list[CellError]) -> None:
        rows = len({(e.sheet, e.row) for e in errors})
        super().__init__(f"文件中有{rows}行数据有误，未导入任何数据。", "import-rejected")
        self.errors = errors


def too_many_rows(max_rows: int) -> FazhiError:
    return FazhiError(
        f"文件超过 {max_rows} 行：一次最多导入 {max_rows} 行，空白行（包括设置过格式的空行）也计算在内。"
        "请删除多余的行，或分批导入。",
        "too-many-rows",
    )


def inspect_workbook(stream: BinaryIO, *, max_rows: int, max_elements: int, max_unpacked: int) -> None:
    """Refuse, before openpyxl parses anything, a file that is no zip, a zip bomb, a part with a DTD
    (entity expansion), more than ``max_elements`` XML elements, or a sheet of more than ``max_rows``
    rows (openpyxl reads every sheet's size at opening, the whole sheet when it states none).
    ``stream`` is left at its start."""
    try:
        names = check_zip(stream, max_unpacked=max_unpacked)
    except ArchiveRefused as exc:
        raise FazhiError(f"无法导入该 Excel 文件：{exc.message}。", f"bad-excel-{exc.code}") from exc
    elements = 0
    try:
        with zipfile.ZipFile(stream) as archive:
            for name in names:
                if not name.lower().endswith((".xml", ".rels")):
                    continue
                # <row> is a sheet's only; counted in every part, wherever the workbook puts its sheets
                counts = count_tags(archive, name, {"*": max_elements - elements, "row": max_rows + 1})
                if counts["row"] > max_rows + 1:
                    raise too_many_rows(max_rows)
                elements += counts["*"]
                if elements > max_elements:
                    raise FazhiError(
                        f"文件内容过多（超过 {max_elements // 10000} 万个单元格和格式元素），"
                        f"一次最多导入 {max_rows} 行：请删除多余的内容，或分批导入。",
                        "too-many-elements",
                    )
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise unreadable(exc, "工作簿") from exc
    finally:
        stream.seek(0)


def open_workbook(stream: BinaryIO, *, max_rows: int, max_elements: int, max_unpacked: int) -> Workbook:
    """The workbook, read-only and lazily, once ``inspect_workbook`` let it through. Close it after."""
    inspect_workbook(stream, max_rows=max_rows, max_elements=max_elements, max_unpacked=max_unpacked)
    try:
        return load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises any type on a damaged workbook
        raise unreadable(exc, "工作簿") from exc


def read_rows(rows: Iterator[tuple[Any, ...]], before: int, sheet: str = "") -> Iterator[tuple[Any, ...]]:
    """``rows`` as openpyxl parses them lazily, its errors turned into a ``FazhiError`` naming the
    trouble and the row (``before``: the rows that came before the first)."""
    number = before
    where = f"“{sheet}”工作表" if sheet else "工作表"
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - openpyxl raises any type on a damaged sheet
            raise unreadable(exc, f"{where}第{number + 1}行附近") from exc
        number += 1
        yield values


def unreadable(exc: BaseException, where: str) -> FazhiError:
    """What is wrong with the workbook, in Chinese, from what openpyxl (or the XML parser) raised;
    openpyxl wraps the parser's error in a ValueError of its own at opening."""
    cause = exc
    while not isinstance(cause, (DefusedXmlException, SyntaxError)) and cause.__context__ is not None:
        cause = cause.__context__
    if isinstance(cause, (DefusedXmlException, SyntaxError)):
        exc = cause
    if isinstance(exc, DefusedXmlException):
        what = "含有 DTD 或实体声明（<!DOCTYPE/<!ENTITY），可能是恶意构造的文件"
    elif isinstance(exc, SyntaxError):  # ElementTree's ParseError, lxml's XMLSyntaxError
        line, column = getattr(exc, "position", None) or (exc.lineno, exc.offset)
        what = "的 XML 内容已损坏" + (f"（XML 第{line}行第{column}列）" if line else "")
    elif isinstance(exc, IndexError) and "工作表" in where:  # parse_cell: shared_strings[int(v)]
        what = "的单元格引用了不存在的共享字符串（编号超出范围），文件已损坏"
    elif isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError, KeyError, InvalidFileException)):
        what = "的压缩内容不完整或缺少必需的部件，文件已损坏"
    else:
        what = f"有无法识别的内容（{type(exc).__name__}），文件已损坏"
    return FazhiError(
        f"无法读取该 Excel 文件：{where}{what}。请用 Excel 或 WPS 打开后另存为 .xlsx，或使用本系统下载的模板。",
        "bad-excel",
    )


def cell_text(value: Any) -> str:
    """A cell as the text a person typed: blank for an empty cell, a whole number without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
