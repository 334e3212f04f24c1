"""Read the three tables of a published 政府信息公开工作年度报告 (.docx, .pdf or .html) into `Tables`.

A file becomes a stream of blocks in reading order: text (paragraphs, lines) and grids (tables
with their merged cells spread over every grid position they cover). Grids are then told apart by
their header cells or, failing that, by the title above them ("二、主动公开政府信息情况" …); a grid
that follows another with nothing but a page number between, or across a PDF page break nothing but
short lines that are no heading (a running header), continues it: a table broken across pages, even
a row broken across pages ("1.信访举报投" | "诉类申请"). Each row is found by its label, each column
by the header above it:

- Table 2, the format's blocks: "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数" over 规章 and
  行政规范性文件, "信息内容 | 本年处理决定数量" over 行政许可 (and again over 行政处罚, 行政强制),
  "信息内容 | 本年收费金额（单位：万元）" over 行政事业性收费, each after its "第二十条第（…）项" row;
- Table 3: 申请人情况 over 自然人 | 法人或其他组织 (商业企业 … 其他) | 总计, rows labelled in up to
  three columns ("三、本年度办理结果" | "（三）不予公开" | "1.属于国家秘密"); the format prints no row
  of its own for （三）–（六）, so a result's figures are the sum of its reasons unless the file has one;
- Table 4: 行政复议 (结果维持 … 总计) | 行政诉讼 over 未经复议直接起诉 and 复议后起诉 (5 each), one row
  of figures.

Where the header gives the columns, a value belongs to the header column its cell starts in, so two
cells under one header column are one number cut in two (joined). Without a usable header the values
are the row's last cells in the format's order; a row with one cell too many has its cut number found
by the row's own sum. Labels are compared without whitespace, numbering, quotes or remarks in
brackets, full- and half-width alike. Anything that cannot be read raises `ReadError` in Chinese,
naming the table, row and column.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from fazhi.lib.errors import FazhiError

from .tables import (
    APPLICANTS,
    OUTCOMES,
    REASONS,
    TABLE2_CELLS,
    TABLE2_ROWS,
    TABLE3_ROWS,
    TABLE4_COLUMNS,
    Number,
    Table,
    Tables,
    table2,
    table3,
    table4,
)

# A published report is a few hundred KB; even one with photos stays far below this.
MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED = 100 * 1024 * 1024  # a .docx whose parts inflate beyond this is not a report
MAX_PAGES = 100  # a unit's report has a dozen pages, a consolidated one a few dozen
MAX_TABLES = 200  # tables read from one file
MAX_ROWS = 500  # rows kept of one table (table 3, the longest, has 28)
MAX_COLUMNS = 64  # grid columns kept of one table (table 4, the widest, has 15)
MAX_PLACING = 4 * MAX_ROWS * MAX_COLUMNS  # grid positions visited while spreading one table's spans

CN = "一二三四五六七八九"
NO_TEXT = "文件中没有可读取的文字（可能是扫描件或图片）：请提供由 Word 导出的 .docx、PDF 或网页，或先进行文字识别（OCR）"
NOT_REPORT = (
    "未找到政府信息公开工作年度报告的表格（{missing}）：文件可能不是年度报告，或表格是图片；"
    "报告应使用国办公开办函〔2021〕30号规定的统一格式"
)
NOT_DOCX = "不是有效的 Word 文档（.docx）：文件可能已损坏、改了扩展名，或是旧版 .doc 文件，请用 Word 另存为 .docx 后再试"
DOCX_CORRUPT = "Word 文档已损坏，无法读取：请用 Word 打开后重新保存为 .docx 再试"
NOT_PDF = "不是有效的 PDF 文件：文件可能已损坏或改了扩展名"
PDF_CORRUPT = "PDF 文件已损坏或已加密，无法读取：请提供未加密的 PDF，或原始 .docx 文件"
OLD_WORD = "不支持旧版 Word（.doc）或 WPS 格式：请另存为 .docx 后再试"
UNKNOWN_KIND = "无法识别的文件格式：请提供 .docx、.pdf 或 .html 格式的年度报告"
TITLES = {
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
}


class ReadError(FazhiError):
    """The file cannot be read as a report's tables; ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "unreadable")


# --- Reading a file into blocks ---------------------------------------------------------------------


@dataclass(eq=False)
class Cell:
    """One cell of a table; a merged cell is one `Cell` at every grid position it covers."""

    text: str
    top: int  # the grid row it starts in
    left: int  # the grid column it starts in


@dataclass
class Grid:
    rows: list[list[Cell | None]]  # None: no cell at that position (a row that ends early)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def line(self, r: int) -> list[Cell]:
        """The distinct cells of row r, left to right: a cell spanning columns counts once."""
        out: list[Cell] = []
        for cell in self.rows[r]:
            if cell is not None and not any(cell is seen for seen in out):
                out.append(cell)
        return out

    def texts(self, limit: int = 8) -> Iterator[str]:
        for r in range(min(limit, len(self.rows))):
            for cell in self.line(r):
                yield cell.text


Block = str | Grid
PAGE_BREAK = "\f"  # between the pages of a PDF


def read_tables(path: Path) -> Tables:
    """The tables of the report in the file; `ReadError` when the file cannot give them."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"无法打开文件：{path}") from exc
    if path.is_dir():
        raise ReadError(f"这是一个目录，不是报告文件：{path}")
    if size > MAX_BYTES:
        raise ReadError(_too_large(size))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"无法读取文件：{path}") from exc
    return read_tables_from_bytes(data, path.name)


def read_tables_from_bytes(data: bytes, name: str = "") -> Tables:
    """As `read_tables`, for an upload: ``name`` (the file's name) only helps to tell its kind."""
    if not data:
        raise ReadError("文件为空")
    if len(data) > MAX_BYTES:
        raise ReadError(_too_large(len(data)))
    return tables_from_blocks(read_blocks(data, name))


def _too_large(size: int) -> str:
    return (
        f"文件过大（{size / 1024 / 1024:.0f} MB，上限 {MAX_BYTES // 1024 // 1024} MB）："
        "一份年度报告通常不超过几 MB，请确认文件是否正确"
    )


def read_blocks(data: bytes, name: str = "") -> list[Block]:
    suffix = Path(name).suffix.lower()
    if suffix in (".doc", ".wps"):
        raise ReadError(OLD_WORD)
    if data.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in data[:1024]):
        return _pdf_blocks(data)
    if suffix == ".pdf":
        raise ReadError(NOT_PDF)
    if data.startswith(b"PK\x03\x04") or suffix == ".docx":
        return _docx_blocks(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # the OLE container of .doc and .wps
        raise ReadError(OLD_WORD)
    text = _decode(data)
    if suffix in (".html", ".htm", ".shtml", ".xhtml") or re.search(r"<\s*(html|table|body|p)\b", text, re.I):
        return _html_blocks(text)
    raise ReadError(UNKNOWN_KIND)


# .docx ---------------------------------------------------------------------------------------------


def _docx_blocks(data: bytes) -> list[Block]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(NOT_DOCX) from exc
    if inflated > MAX_UNZIPPED:
        raise ReadError(DOCX_CORRUPT)
    try:
        import docx  # deferred: only .docx input pays for importing python-docx

        document = docx.Document(io.BytesIO(data))
        blocks: list[Block] = []
        _docx_children(document.element.body, document, blocks)
        return blocks
    except ReadError:
        raise
    except Exception as exc:  # python-docx raises KeyError, lxml and zip errors alike on damage
        raise ReadError(DOCX_CORRUPT) from exc


def _docx_children(element: Any, parent: Any, blocks: list[Block]) -> None:
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append(Paragraph(child, parent).text)
        elif tag == "tbl":
            _docx_table(DocxTable(child, parent), blocks)
        elif tag in ("sdt", "sdtContent", "customXml"):  # content controls wrap paragraphs and tables
            _docx_children(child, parent, blocks)


def _docx_table(table: Any, blocks: list[Block]) -> None:
    from docx.oxml.ns import qn

    if table._tbl.find(".//" + qn("w:tbl")) is not None:
        # A layout table around the report: read what its cells hold, in order.
        seen: set[Any] = set()
        for row in table.rows[:MAX_ROWS]:
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.add(cell._tc)
                    _docx_children(cell._tc, cell, blocks)
        return
    _count_table(blocks)
    # Merged cells repeat in row.cells, as one proxy per grid position: key them by the w:tc
    # element itself (held in the dict, so the same element always gives the same key).
    cells: dict[Any, Cell] = {}
    rows: list[list[Cell | None]] = []
    for r, row in enumerate(table.rows[:MAX_ROWS]):
        line: list[Cell | None] = [None] * min(row.grid_cols_before, MAX_COLUMNS)
        for proxy in row.cells:
            if len(line) >= MAX_COLUMNS:
                break
            cell = cells.get(proxy._tc)
            if cell is None:
                cell = cells[proxy._tc] = Cell(proxy.text, r, len(line))
            line.append(cell)
        rows.append(line)
    blocks.append(Grid(rows))


def _count_table(blocks: list[Block]) -> None:
    if sum(isinstance(b, Grid) for b in blocks) >= MAX_TABLES:
        raise ReadError(f"文件中的表格过多（超过 {MAX_TABLES} 个），不像一份年度报告")


# .html ---------------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    declared = re.search(rb"charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", data[:4096])
    encodings = ["utf-8", "gb18030"]
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk") else name
        encodings.insert(0, name)
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace")


_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "blockquote", "pre", "dd", "dt", "dl", "hr", "title", "header", "footer", "center",
}  # fmt: skip
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "object"}


@dataclass
class _HtmlTable:
    start: int  # index in the block stream where the table began
    rows: list[list[tuple[str, int, int]]] = field(default_factory=list)  # (text, rowspan, colspan)
    cell: list[str] | None = None
    span: tuple[int, int] = (1, 1)
    in_row: bool = False
    nested: bool = False  # holds another table: a layout table, read through
    caption: list[str] = field(default_factory=list)


class _HtmlReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.paragraph: list[str] = []
        self.tables: list[_HtmlTable] = []
        self.skipping = 0
        self.in_caption = False

    # The flat stream gets every piece of text; a table without tables inside then replaces
    # the text it held by its grid, so titles keep their place before the tables they name.
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
            return
        if tag == "table":
            self._flush()
            for outer in self.tables:
                outer.nested = True
            if len(self.tables) < 50:
                self.tables.append(_HtmlTable(start=len(self.blocks)))
        elif tag == "tr" and self.tables:
            self._flush()
            self._end_cell()
            self._end_row()
            self.tables[-1].in_row = True
        elif tag in ("td", "th") and self.tables:
            self._flush()
            self._end_cell()
            table = self.tables[-1]
            if not table.in_row:
                table.in_row = True
            table.cell = []
            values = dict(attrs)
            table.span = (_span(values.get("rowspan"), MAX_ROWS), _span(values.get("colspan"), MAX_COLUMNS))
        elif tag == "caption":
            self._flush()
            self.in_caption = True
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag == "br" and self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
            return
        if tag == "table" and self.tables:
            self._flush()
            self._end_table()
        elif tag == "tr" and self.tables:
            self._flush()
            self._end_cell()
            self._end_row()
        elif tag in ("td", "th") and self.tables:
            self._flush()
            self._end_cell()
        elif tag == "caption":
            self._flush()
            self.in_caption = False
        elif tag in _BLOCK_TAGS:
            self._flush()
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.in_caption and self.tables:
            self.tables[-1].caption.append(data)
            return
        self.paragraph.append(data)
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(data)

    def close(self) -> None:
        super().close()
        self._flush()
        while self.tables:
            self._end_table()

    def _flush(self) -> None:
        text = "".join(self.paragraph).strip()
        self.paragraph = []
        if text:
            self.blocks.append(text)

    def _end_cell(self) -> None:
        table = self.tables[-1]
        if table.cell is None:
            return
        if not table.rows or not table.in_row:
            table.rows.append([])
            table.in_row = True
        if len(table.rows) <= MAX_ROWS:
            table.rows[-1].append(("".join(table.cell), *table.span))
        table.cell = None

    def _end_row(self) -> None:
        table = self.tables[-1]
        if table.in_row and len(table.rows) <= MAX_ROWS:
            table.rows.append([])
        table.in_row = False

    def _end_table(self) -> None:
        table = self.tables[-1]
        self._end_cell()
        self.tables.pop()
        if table.nested:
            return
        del self.blocks[table.start :]
        caption = "".join(table.caption).strip()
        if caption:
            self.blocks.append(caption)
        rows = [row for row in table.rows if row]
        if rows:
            _count_table(self.blocks)
            self.blocks.append(_place(rows))


def _span(value: str | None, limit: int) -> int:
    match = re.match(r"\s*(\d+)", value or "")
    return min(max(int(match.group(1)), 1), limit) if match else 1


def _place(rows: list[list[tuple[str, int, int]]]) -> Grid:
    """Spread rowspans and colspans over the grid, as a browser lays the table out."""
    matrix: list[list[Cell | None]] = [[] for _ in rows[:MAX_ROWS]]
    visited = 0
    for r, row in enumerate(rows[:MAX_ROWS]):
        c = 0
        for text, rowspan, colspan in row:
            line = matrix[r]
            while c < len(line) and line[c] is not None:
                c += 1
            if c >= MAX_COLUMNS:
                break
            cell = Cell(text, r, c)
            for rr in range(r, min(r + rowspan, len(matrix))):
                target = matrix[rr]
                for cc in range(c, min(c + colspan, MAX_COLUMNS)):
                    visited += 1
                    if len(target) <= cc:
                        target.extend([None] * (cc + 1 - len(target)))
                    if target[cc] is None:
                        target[cc] = cell
            if visited > MAX_PLACING:
                raise ReadError("网页中的表格结构异常（合并单元格过多），无法读取")
            c += colspan
    return Grid(matrix)


def _html_blocks(text: str) -> list[Block]:
    reader = _HtmlReader()
    try:
        reader.feed(text)
        reader.close()
    except ReadError:
        raise
    except Exception as exc:  # html.parser is lenient; anything else is a damaged file
        raise ReadError("网页文件无法解析：文件可能已损坏") from exc
    return reader.blocks


# .pdf ----------------------------------------------------------------------------------------------


def _pdf_blocks(data: bytes) -> list[Block]:
    try:
        import pdfplumber  # deferred: only .pdf input pays for importing pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ReadError(f"PDF 页数过多（{len(pdf.pages)} 页，上限 {MAX_PAGES} 页），不像一份年度报告")
            blocks: list[Block] = []
            for page in pdf.pages:
                blocks += [*_page_blocks(page, blocks), PAGE_BREAK]
                page.flush_cache()
            return blocks
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged or encrypted files
        raise ReadError(PDF_CORRUPT) from exc


def _page_blocks(page: Any, before: list[Block]) -> list[Block]:
    placed: list[tuple[float, int, Block]] = []
    boxes = []
    for table in page.find_tables():
        grid = _pdf_grid(table)
        if grid.rows:
            _count_table([*before, *(b for _, _, b in placed)])
            placed.append((table.bbox[1], len(placed), grid))
            boxes.append(table.bbox)
    for line in page.extract_text_lines(strip=True):
        x = (line["x0"] + line["x1"]) / 2
        y = (line["top"] + line["bottom"]) / 2
        if any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes):
            continue
        placed.append((line["top"], len(placed), line["text"]))
    return [block for _, _, block in sorted(placed, key=lambda item: (item[0], item[1]))]


def _pdf_grid(table: Any) -> Grid:
    """The table's cells on the grid their own edges draw: a cell spanning two columns covers two."""
    texts = table.extract()
    boxes: list[tuple[tuple[float, float, float, float], str]] = [
        (bbox, text or "")
        for row, row_texts in zip(table.rows, texts, strict=False)
        for bbox, text in zip(row.cells, row_texts, strict=False)
        if bbox is not None
    ]
    xs = _edges([b[0] for b, _ in boxes] + [b[2] for b, _ in boxes])
    ys = _edges([b[1] for b, _ in boxes] + [b[3] for b, _ in boxes])
    height, width = min(len(ys) - 1, MAX_ROWS), min(len(xs) - 1, MAX_COLUMNS)
    matrix: list[list[Cell | None]] = [[None] * max(width, 0) for _ in range(max(height, 0))]
    for (x0, top, x1, bottom), text in boxes:
        c0, c1 = _nearest(xs, x0), _nearest(xs, x1)
        r0, r1 = _nearest(ys, top), _nearest(ys, bottom)
        if r0 >= height or c0 >= width:
            continue
        cell = Cell(text, r0, c0)
        for r in range(r0, min(max(r1, r0 + 1), height)):
            for c in range(c0, min(max(c1, c0 + 1), width)):
                if matrix[r][c] is None:
                    matrix[r][c] = cell
    return Grid(matrix)


def _edges(values: list[float], tolerance: float = 1.5) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > tolerance:
            edges.append(value)
    return edges


def _nearest(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


# --- Normalising labels and values ----------------------------------------------------------------

_QUOTES = re.compile(r"[“”\"'‘’「」『』《》]")
_REMARK = re.compile(r"\([^()]*\)")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.,]|\d+[.、,)]?|[①-⑳])")
_PAGE_NUMBER = re.compile(r"^[-—–]*\d{1,4}[-—–]*$|^第\d+页(共\d+页)?$|^\d+/\d+$")


def _norm(text: str) -> str:
    """Full-width forms folded to half-width (NFKC: “（１）” → “(1)”), every whitespace removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def key(text: str) -> str:
    """A label as compared: no whitespace, quotes, bracketed numbering or remarks, leading number."""
    k = _QUOTES.sub("", _norm(text))
    while True:
        shorter = _REMARK.sub("", k)
        if shorter == k:
            break
        k = shorter
    k = _NUMBERING.sub("", k)
    return k.strip("。:;,.、")


def _is_blank(text: str) -> bool:
    return _norm(text) in ("", "-", "—", "——", "–", "―", "/", "\\", "无", "−", "0")


def _digits(text: str) -> str:
    return _norm(text).replace(",", "")


def parse_value(text: str, *, decimal: bool = False) -> Number | None:
    """A cell's figure: blank, "0", "—", "/" are 0; None when the text is not a number."""
    t = _norm(text)
    if _is_blank(t):
        return Decimal(0) if decimal else 0
    t = t.removesuffix("万元") if decimal else t.removesuffix("件")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    if re.fullmatch(r"\d+", t):
        return Decimal(t) if decimal else int(t)
    if decimal and re.fullmatch(r"\d+\.\d+", t):
        try:
            return Decimal(t)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            return None
    return None


def _looks_like_value(text: str) -> bool:
    return parse_value(text, decimal=True) is not None or parse_value(text) is not None


def _match(text: str, keys: dict[str, str]) -> str | None:
    """The code whose label is this text; a unique label containing it (or contained) otherwise."""
    k = key(text)
    if not k:
        return None
    if k in keys:
        return keys[k]
    if len(k) < 4:
        return None
    found = {code for label, code in keys.items() if len(label) >= 4 and (k in label or label in k)}
    if len(found) == 1:
        return found.pop()
    if found:
        return None
    # A word or two differing ("属国家秘密"): the one label clearly closest.
    best: dict[str, float] = {}
    for label, code in keys.items():
        best[code] = max(best.get(code, 0.0), SequenceMatcher(None, k, label).ratio())
    close = [code for code, ratio in best.items() if ratio >= 0.8]
    return close[0] if len(close) == 1 else None


# --- Blocks into the three tables ---------------------------------------------------------------------


def tables_from_blocks(blocks: Sequence[Block]) -> Tables:
    if not any(_norm(b) for b in blocks if isinstance(b, str)) and not any(
        _norm(t) for b in blocks if isinstance(b, Grid) for t in b.texts(MAX_ROWS)
    ):
        raise ReadError(NO_TEXT)
    found = _segments(blocks)
    missing = [f"表{CN[n - 1]}“{TITLES[n]}”" for n in (2, 3, 4) if n not in found]
    if missing:
        raise ReadError(NOT_REPORT.format(missing="、".join(missing) + "未找到"))
    return Tables(table2=_read_table2(found[2]), table3=_read_table3(found[3]), table4=_read_table4(found[4]))


def _title_kind(text: str) -> int | None:
    k = _norm(text)
    if len(k) > 40:
        return None  # a paragraph of the text, not a heading
    if "主动公开政府信息" in k:
        return 2
    if "收到和处理政府信息公开申请" in k or ("依申请公开" in k and "情况" in k):
        return 3
    if "行政复议" in k and "行政诉讼" in k:
        return 4
    return None


def _header_kind(grid: Grid) -> int | None:
    texts = [key(t) for t in grid.texts()]
    if any(t in _TABLE3_HEADER or "本年新收" in t for t in texts):
        return 3
    if any(t in _TABLE4_HEADER or "直接起诉" in t or "复议后起诉" in t for t in texts):
        return 4
    if any(t in _TABLE2_HEADER or "第二十条" in t or t in _TABLE2_ROW_KEYS for t in texts):
        return 2
    return None


def _segments(blocks: Sequence[Block]) -> dict[int, list[Grid]]:
    """Each table's grids: the first grid of each kind, with the grids continuing it. A grid
    continues the one before when nothing but page numbers lies between them or, across a page
    break, nothing but short lines that are no heading (a running header, a "草稿" mark)."""
    found: dict[int, list[Grid]] = {}
    current: list[Grid] | None = None
    current_kind: int | None = None
    title: int | None = None
    gap: list[str] = []  # the text since the last grid
    page_break = False
    for block in blocks:
        if block == PAGE_BREAK:
            page_break = True
            continue
        if isinstance(block, str):
            k = _norm(block)
            if k and not _PAGE_NUMBER.match(k):
                gap.append(k)
                title = _title_kind(block) or title
            continue
        kind = _header_kind(block)
        furniture = page_break and title is None and all(len(k) <= 12 for k in gap)
        if current is not None and (not gap or furniture) and kind in (None, current_kind):
            current.append(block)  # the same table, continued (next page, or split in two)
        else:
            current_kind = kind or title
            current = [block]
            if current_kind is not None and current_kind not in found:
                found[current_kind] = current
        gap, title, page_break = [], None, False
    return found


# Rows of one table, each split into its label cells and its value cells.


@dataclass
class _Row:
    grid: Grid
    index: int
    labels: list[Cell]  # the cells left of the values
    own: str  # the text of the innermost label cell: the row's own label
    values: dict[str, list[str]]  # column code → the text of its cell(s), in order
    extra: list[str] | None = None  # values not placed by a header: in order, for the caller to map

    def blank(self) -> bool:
        parts = [*(t for ts in self.values.values() for t in ts), *(self.extra or [])]
        return all(_is_blank(t) for t in parts)


Layout = dict[int, str]  # grid column → column code


def _split(grid: Grid, r: int, layout: Layout | None) -> _Row:
    line = grid.line(r)
    if layout:
        first = min(layout)
        labels = [c for c in line if c.left < first and c.left not in layout]
        values: dict[str, list[str]] = {}
        stray = False
        for cell in line:
            if cell in labels or cell.top != r:
                continue
            code = layout.get(cell.left)
            if code is None:
                stray = True
                break
            values.setdefault(code, []).append(cell.text)
        if not stray:
            inner = next((c for c in labels if first - 1 in _columns(grid, r, c)), None)
            return _Row(grid, r, labels, _own(labels, r, inner), values)
    # No header to place the values by: the label is the cells up to the last text, the values the rest.
    last_text = max((i for i, c in enumerate(line) if not _looks_like_value(c.text)), default=-1)
    labels = line[: last_text + 1]
    rest = [c.text for c in line[last_text + 1 :] if c.top == r]
    return _Row(grid, r, labels, _own(labels, r, labels[-1] if labels else None), {}, rest)


def _own(labels: list[Cell], r: int, inner: Cell | None) -> str:
    """The row's own label: its innermost label cell, unless that cell is merged down from a row
    above (then the row has no label of its own: a row broken across pages, say)."""
    if inner is None:
        inner = next((c for c in reversed(labels) if _norm(c.text)), None)
    return inner.text if inner is not None and inner.top == r else ""


def _columns(grid: Grid, r: int, cell: Cell) -> range:
    row = grid.rows[r]
    covered = [c for c, other in enumerate(row) if other is cell]
    return range(covered[0], covered[-1] + 1) if covered else range(0)


def _header_rows(grid: Grid, is_header: Callable[[list[Cell]], bool]) -> list[int]:
    rows: list[int] = []
    for r in range(len(grid.rows)):
        if not is_header(grid.line(r)):
            break
        rows.append(r)
    return rows


def _layout(
    grid: Grid, header: list[int], column: Callable[[list[str]], str | None], codes: set[str]
) -> Layout | None:
    """Grid column → column code, from the header cells above each column; None if incomplete."""
    layout: Layout = {}
    for c in range(grid.width):
        path: list[str] = []
        for r in header:
            row = grid.rows[r]
            cell = row[c] if c < len(row) else None
            if cell is not None and (not path or path[-1] != key(cell.text)):
                path.append(key(cell.text))
        code = column(path)
        if code is not None:
            layout[c] = code
    return layout if set(layout.values()) == codes else None


def _where(table: Table, row: str, column: str) -> str:
    return f"表{CN[table.number - 1]}“{table.row_label(row)}”行“{table.column_label(column)}”列"


def _row_where(table: Table, row: str) -> str:
    return f"表{CN[table.number - 1]}“{table.row_label(row)}”行"


def _store(table: Table, row: str, values: dict[str, list[str]], *, decimal: Callable[[str], bool]) -> bool:
    """Put the row's figures into the table; True when any cell held something (a figure or 0)."""
    held = False
    for column, parts in values.items():
        text = _joined(table, row, column, parts)
        value = parse_value(text, decimal=decimal(column))
        if value is None:
            raise ReadError(f"{_where(table, row, column)}的内容“{text.strip()}”不是数字：请核对该单元格")
        held = held or bool(_norm(text))
        if value:
            table.set(row, column, value)
    return held


def _joined(table: Table, row: str, column: str, parts: list[str]) -> str:
    """One cell's text; two cells under one header column are one number cut in two ("15" "8")."""
    present = [p for p in parts if _norm(p)]
    if len(present) <= 1:
        return present[0] if present else ""
    if all(re.fullmatch(r"\d+", _digits(p)) for p in present):
        return "".join(_digits(p) for p in present)
    shown = "”“".join(p.strip() for p in present)
    raise ReadError(
        f"{_where(table, row, column)}有多个单元格（“{shown}”），无法合成一个数字：请核对该单元格"
    )


def _by_order(
    table: Table,
    row: str,
    texts: list[str],
    codes: Sequence[str],
    holds: Callable[[dict[str, Number]], bool] | None,
) -> dict[str, list[str]]:
    """Values without a header to place them: in the format's order, a cut number joined.

    Cells at either end beyond the header's count that hold no figure ("", "—", "/"; and "0" where
    no sum could tell a cut "15" | "0" from a filler) are the format's empty cells left unmerged, or
    an empty label cell of a merged label broken across pages: they are dropped first."""
    texts = list(texts)

    def filler(text: str) -> bool:
        return _is_blank(text) and (holds is None or _norm(text) != "0")

    while len(texts) > len(codes) and filler(texts[-1]):
        texts.pop()
    while len(texts) > len(codes) and filler(texts[0]):
        texts.pop(0)
    if not texts or all(_is_blank(t) for t in texts):
        return {}
    if len(texts) == len(codes):
        return {code: [text] for code, text in zip(codes, texts, strict=True)}
    if len(texts) == len(codes) + 1:
        joined = _find_cut(texts, codes, holds)
        if joined is not None:
            return {code: [text] for code, text in zip(codes, joined, strict=True)}
        raise ReadError(
            f"{_row_where(table, row)}比表头多一格（{len(texts)} 格，表头 {len(codes)} 列），"
            "无法确定哪个数字被拆开：请核对原文件"
        )
    raise ReadError(
        f"{_row_where(table, row)}有 {len(texts)} 格数字，与表头的 {len(codes)} 列对不上：请核对原文件"
    )


def _find_cut(
    texts: list[str], codes: Sequence[str], holds: Callable[[dict[str, Number]], bool] | None
) -> list[str] | None:
    candidates: list[list[str]] = []
    for i in range(len(texts) - 1):
        a, b = _digits(texts[i]), _digits(texts[i + 1])
        if not (re.fullmatch(r"[1-9]\d*", a) and re.fullmatch(r"\d+", b)):
            continue
        joined = [*texts[:i], a + b, *texts[i + 2 :]]
        values = [parse_value(t, decimal=True) for t in joined]
        if any(v is None for v in values):
            continue
        figures = {code: v for code, v in zip(codes, values, strict=True) if v is not None}
        if holds is None or holds(figures):
            candidates.append(joined)
    if holds is None and len(codes) > 1:
        return None  # nothing tells which neighbours belong together
    return candidates[0] if len(candidates) == 1 else None


# Table 2 ----------------------------------------------------------------------------------------------

_TABLE2_ROW_KEYS = {key(line.label): line.code for line in TABLE2_ROWS} | {"规范性文件": "normdocs"}
_TABLE2_HEADER = {
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
}


def _table2_column(text: str) -> str | None:
    k = key(text)
    for word, code in (
        ("制发", "issued"),
        ("废止", "repealed"),
        ("现行有效", "in_force"),
        ("处理决定", "decisions"),
        ("收费金额", "amount"),
    ):
        if word in k:
            return code
    return None


def _read_table2(grids: list[Grid]) -> Table:
    table = table2()
    present: set[str] = set()
    layout: Layout | None = None
    for grid in grids:
        for r in range(len(grid.rows)):
            line = grid.line(r)
            keys = [key(c.text) for c in line]
            if any("第二十条" in k for k in keys):
                continue  # the block's heading row
            if any(k == "信息内容" for k in keys) or any(_table2_column(c.text) for c in line[1:]):
                layout = {c.left: code for c in line if (code := _table2_column(c.text))} or None
                continue
            row = _split(grid, r, layout)
            code = _match(row.own, _TABLE2_ROW_KEYS)
            if code is None:
                if not row.blank():
                    raise ReadError(f"表二中有无法识别的行“{_norm(row.own) or '（无标题）'}”：请核对原文件")
                continue
            if code in present:
                raise ReadError(f"{_row_where(table, code)}出现了两次：请核对原文件")
            present.add(code)
            expected = TABLE2_CELLS[code]
            values = row.values
            if row.extra is not None or not set(values) <= set(expected):
                texts = row.extra if row.extra is not None else [t for ts in values.values() for t in ts]
                values = _by_order(table, code, texts, expected, None)
            _store(table, code, values, decimal=lambda column: column == "amount")
    _require(table, present, [line.code for line in TABLE2_ROWS])
    return table


def _require(table: Table, present: set[str], codes: Sequence[str]) -> None:
    missing = [f"“{table.row_label(code)}”" for code in codes if code not in present]
    if missing:
        raise ReadError(
            f"表{CN[table.number - 1]}缺少{'、'.join(missing)}行：请确认报告使用国办公开办函〔2021〕30号的格式"
        )


# Table 3 ----------------------------------------------------------------------------------------------

_TABLE3_HEADER = {
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
}
_TABLE3_ROW_KEYS = {key(line.label): line.code for line in TABLE3_ROWS} | {"合计": "results_total"}
_APPLICANT_KEYS = {key(line.label): line.code for line in APPLICANTS} | {"合计": "total"}
_APPLICANT_CODES = [line.code for line in APPLICANTS]


def _is_table3_header(line: list[Cell]) -> bool:
    return any(key(c.text) in _TABLE3_HEADER or "勾稽关系" in _norm(c.text) for c in line)


def _table3_column(path: list[str]) -> str | None:
    return next((_APPLICANT_KEYS[k] for k in reversed(path) if k in _APPLICANT_KEYS), None)


def _row_code3(row: _Row) -> str | None:
    own = key(row.own)
    if own in ("小计", "合计", "总计", "") and len(row.labels) > 1:
        group = _match(row.labels[-2].text, _TABLE3_ROW_KEYS)
        if group in REASONS and REASONS[group]:
            return group if own else None
    if not own:
        return None
    return _match(row.own, _TABLE3_ROW_KEYS)


def _table3_holds(figures: dict[str, Number]) -> bool:
    return sum(figures.get(code, 0) for code in _APPLICANT_CODES[:-1]) == figures.get("total", 0)


def _read_table3(grids: list[Grid]) -> Table:
    table = table3()
    rows: list[_Row] = []
    layout: Layout | None = None
    width = -1
    for grid in grids:
        header = _header_rows(grid, _is_table3_header)
        if header:
            layout = _layout(grid, header, _table3_column, set(_APPLICANT_CODES))
            width = grid.width
        elif grid.width != width:
            layout = None  # a continuation drawn on another grid: place its values by order
        piece = [
            _split(grid, r, layout)
            for r in range(len(grid.rows))
            if r not in header and not _is_table3_header(grid.line(r))
        ]
        if rows and piece and _broken(rows[-1], piece[0]):
            piece[0] = _glue(rows.pop(), piece[0])  # one row broken across two pages
        rows += piece
    present: set[str] = set()
    held: set[str] = set()
    for row in rows:
        code = _row_code3(row)
        if code is None:
            if not row.blank():
                raise ReadError(f"表三中有无法识别的行“{_norm(row.own) or '（无标题）'}”：请核对原文件")
            continue
        if code in present:
            raise ReadError(f"{_row_where(table, code)}出现了两次：请核对原文件")
        present.add(code)
        values = (
            row.values
            if row.extra is None
            else _by_order(table, code, row.extra, _APPLICANT_CODES, _table3_holds)
        )
        if _store(table, code, values, decimal=lambda column: False):
            held.add(code)
    derived = [code for code, reasons in REASONS.items() if reasons]
    _require(table, present, [line.code for line in TABLE3_ROWS if line.code not in derived])
    for code in derived:
        if code not in held:  # the format prints no row for the result itself: its reasons' sum
            for column in _APPLICANT_CODES:
                total = sum(table.get(f"{code}.{reason}", column) for reason in REASONS[code])
                if total:
                    table.set(code, column, total)
    return table


def _broken(first: _Row, second: _Row) -> bool:
    """The last row on a page and the first on the next are one row: their labels joined are a
    row's label, while one of them alone is not ("2.其他" + "法律行政法规禁止公开"), and the figures
    are on one page only."""
    if not (first.blank() or second.blank()):
        return False
    joined = key(first.own + second.own)
    alone = [key(first.own), key(second.own)]
    return joined in _TABLE3_ROW_KEYS and any(k not in _TABLE3_ROW_KEYS for k in alone)


def _glue(first: _Row, second: _Row) -> _Row:
    """One row from its two pieces on two pages: the label joined, the figures from either piece."""
    own = _norm(first.own) + _norm(second.own)
    label = Cell(own, second.index, 0)
    if first.blank() or second.blank():
        figures = second if first.blank() else first
        return _Row(second.grid, second.index, [*first.labels, label], own, figures.values, figures.extra)
    raise ReadError(f"表三中“{own}”一行跨页断开，两页上都有数字，无法读取：请提供原始 .docx 文件")


# Table 4 ----------------------------------------------------------------------------------------------

_TABLE4_HEADER = {"行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结"}
_TABLE4_CODES = [line.code for line in TABLE4_COLUMNS]


def _is_table4_header(line: list[Cell]) -> bool:
    return any(
        key(c.text) in _TABLE4_HEADER or "直接起诉" in _norm(c.text) or "复议后起诉" in _norm(c.text)
        for c in line
    )


def _table4_column(path: list[str]) -> str | None:
    joined = "|".join(path)
    if "未经复议" in joined or "直接起诉" in joined:
        group = "direct_suit"
    elif "复议后" in joined:
        group = "suit_after"
    elif "复议" in joined:
        group = "reconsideration"
    else:
        return None
    outcomes = (("维持", "upheld"), ("纠正", "corrected"), ("其他", "other"), ("审结", "pending"))
    for k in reversed(path):
        for word, outcome in (*outcomes, ("总计", "total"), ("合计", "total"), ("小计", "total")):
            if word in k:
                return f"{group}.{outcome}"
    return None


def _table4_holds(figures: dict[str, Number]) -> bool:
    groups = {code.split(".")[0] for code in _TABLE4_CODES}
    return all(
        sum(figures.get(f"{g}.{o}", 0) for o, _ in OUTCOMES[:-1]) == figures.get(f"{g}.total", 0)
        for g in groups
    )


def _read_table4(grids: list[Grid]) -> Table:
    table = table4()
    layout: Layout | None = None
    width = -1
    found: list[_Row] = []
    for grid in grids:
        header = _header_rows(grid, _is_table4_header)
        if header:
            layout = _layout(grid, header, _table4_column, set(_TABLE4_CODES))
            width = grid.width
        elif grid.width != width:
            layout = None
        for r in range(len(grid.rows)):
            if r in header or _is_table4_header(grid.line(r)):
                continue
            row = _split(grid, r, layout)
            if not row.blank():
                found.append(row)
    if len(found) > 1:
        raise ReadError(f"表四有 {len(found)} 行数字，格式中只有一行：请核对原文件")
    for row in found:
        values = (
            row.values
            if row.extra is None
            else _by_order(table, "cases", row.extra, _TABLE4_CODES, _table4_holds)
        )
        _store(table, "cases", values, decimal=lambda column: False)
    return table
