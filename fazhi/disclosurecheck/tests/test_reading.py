"""Reading the three tables back from published reports built in code: .docx, .html and .pdf."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from fazhi.disclosurecheck import reading
from fazhi.disclosurecheck.reading import ReadError, key, parse_value, read_tables, read_tables_from_bytes
from fazhi.disclosurecheck.tables import Tables, check_tables
from fazhi.lib.office import convert_to_pdf

from .documents import (
    Rows,
    Spot,
    needs_soffice,
    report_parts,
    sample_tables,
    to_html,
    write_docx,
)


@pytest.fixture
def tables() -> Tables:
    return sample_tables()


def _html(tmp_path: Path, parts: list[str | Rows], *, wrap: bool = False) -> Path:
    path = tmp_path / "report.html"
    path.write_text(to_html(parts, wrap=wrap), encoding="utf-8")
    return path


def _table(parts: list[str | Rows], number: int) -> Rows:
    """The rows of table 2, 3 or 4 among the parts (they come in that order)."""
    grids = [p for p in parts if not isinstance(p, str)]
    return grids[number - 2]


def test_the_sample_balances(tables):
    assert check_tables(tables) == []
    assert tables.table3.get("new", "total") == 58


# --- Round trips ----------------------------------------------------------------------------------------


def test_docx_with_merged_header_cells_reads_back_equal(tables, tmp_path):
    path = write_docx(report_parts(tables), tmp_path / "report.docx")
    read = read_tables(path)
    assert read == tables
    assert read.to_json() == tables.to_json()


def test_the_fee_amount_is_a_decimal_and_counts_are_integers(tables, tmp_path):
    read = read_tables(write_docx(report_parts(tables), tmp_path / "report.docx"))
    assert read.table2.get("fees", "amount") == Decimal("12.50")
    assert isinstance(read.table2.get("fees", "amount"), Decimal)
    assert type(read.table2.get("permits", "decisions")) is int
    assert type(read.table3.get("new", "total")) is int


def test_html_with_rowspans_and_colspans_reads_back_equal(tables, tmp_path):
    assert read_tables(_html(tmp_path, report_parts(tables))) == tables


@pytest.mark.parametrize("zero", ["", "—", "/", "0", "－"])
def test_empty_cells_and_dashes_read_as_zero(tables, tmp_path, zero):
    assert read_tables(_html(tmp_path, report_parts(tables, zero=zero))) == tables


def test_html_inside_a_portal_layout_table_reads_back_equal(tables, tmp_path):
    assert read_tables(_html(tmp_path, report_parts(tables, zero="—"), wrap=True)) == tables


def test_html_in_gb2312_reads_back_equal(tables, tmp_path):
    page = to_html(report_parts(tables)).replace('charset="utf-8"', 'charset="gb2312"')
    path = tmp_path / "report.htm"
    path.write_bytes(page.encode("gb18030"))
    assert read_tables(path) == tables


def test_tables_without_titles_are_found_by_their_header_cells(tables, tmp_path):
    parts = report_parts(tables, titles=False)
    assert not any(isinstance(p, str) and "主动公开政府信息情况" in p for p in parts)
    assert read_tables(write_docx(parts, tmp_path / "report.docx")) == tables
    assert read_tables(_html(tmp_path, parts)) == tables


def _untidy(label: str) -> str:
    """Labels as units type them: numbers dropped or full-width, half-width brackets, spaces, wraps."""
    label = label.replace("（一）", "").replace("（二）", "(二)").replace("一、", "一．")
    label = re.sub(r"^(\d)\.", lambda m: chr(ord(m.group(1)) + 0xFEE0) + "．", label)  # １．
    label = label.replace("2.", "").replace("3.", "3、")
    label = (
        label.replace("政府信息公开申请数量", "政府信息公开\n申请 数量").replace("“", '"').replace("”", '"')
    )
    return " " + label + "\u3000"


def test_row_labels_are_matched_tolerantly(tables, tmp_path):
    parts = report_parts(tables, labels=_untidy)
    text = to_html(parts)
    assert "１．属于国家秘密" in text and "其他法律行政法规禁止公开" in text and "(二)部分公开" in text
    assert read_tables(_html(tmp_path, parts)) == tables
    assert read_tables(write_docx(parts, tmp_path / "report.docx")) == tables


def test_a_report_printing_subtotals_for_results_is_read_with_them(tables, tmp_path):
    assert read_tables(_html(tmp_path, report_parts(tables, subtotals=True))) == tables


def test_a_subtotal_that_does_not_match_its_reasons_is_kept_and_fails_the_check(tables, tmp_path):
    parts = report_parts(tables, {(3, "withheld", "person"): "6"}, subtotals=True)
    read = read_tables(_html(tmp_path, parts))
    assert read.table3.get("withheld", "person") == 6
    assert any(f.row == "withheld" and f.column == "person" for f in check_tables(read))


def test_results_without_a_row_of_their_own_are_the_sum_of_their_reasons(tables, tmp_path):
    read = read_tables(_html(tmp_path, report_parts(tables)))
    assert read.table3.get("withheld", "person") == 7  # 1 + 1 + 2 + 2 + 1, none printed as such
    assert read.table3.get("other", "total") == 4


# --- Numbers cut in two ------------------------------------------------------------------------------


def test_a_number_wrapped_inside_its_cell_is_joined(tables, tmp_path):
    parts = report_parts(tables, {(2, "permits", "decisions"): "15\n20", (3, "new", "total"): "5 8"})
    read = read_tables(write_docx(parts, tmp_path / "report.docx"))
    assert read.table2.get("permits", "decisions") == 1520
    assert read == tables


def test_a_number_split_across_two_cells_under_one_header_is_joined(tables, tmp_path):
    """A stray rule cut “50” into “5” | “0”: the header’s 自然人 spans both halves."""
    parts = report_parts(tables)
    rows = _table(parts, 3)
    rows[0][1].colspan = 8  # 申请人情况
    rows[1][0].colspan = 2  # 自然人
    for r in range(3, len(rows)):
        person = rows[r][-7]
        if r == 3:  # 一、本年新收: 50
            assert person.text == "50"
            rows[r][-7:-6] = [Spot("5"), Spot("0")]
        else:
            person.colspan = 2
    assert read_tables(_html(tmp_path, parts)) == tables


def test_a_row_with_one_cell_more_than_the_header_finds_the_cut_number_by_its_sum(tables, tmp_path):
    """No header above the extra cell: of the neighbours that could be one number, only “5”“0” → 50
    makes the six applicant columns add up to the row's 总计 (58)."""
    parts = report_parts(tables)
    row = _table(parts, 3)[3]
    row[-7:-6] = [Spot("5"), Spot("0")]
    assert len(row) == 9  # label + 8 figures under 7 header columns
    assert read_tables(_html(tmp_path, parts)) == tables


def test_a_cut_number_that_nothing_places_is_an_error(tables, tmp_path):
    parts = report_parts(tables)
    row = _table(parts, 2)[3]  # 行政规范性文件: 3 | 1 | 24
    row[-1:] = [Spot("2"), Spot("4")]
    with pytest.raises(ReadError) as caught:
        read_tables(_html(tmp_path, parts))
    assert "表二“行政规范性文件”行比表头多一格" in caught.value.message


# --- Cells and files that cannot be read -----------------------------------------------------------------


def test_a_cell_that_is_not_a_number_names_table_row_and_column(tables, tmp_path):
    parts = report_parts(tables, {(3, "public", "business"): "见附件"})
    with pytest.raises(ReadError) as caught:
        read_tables(write_docx(parts, tmp_path / "report.docx"))
    assert caught.value.message == (
        "表三“（一）予以公开”行“法人或其他组织·商业企业”列的内容“见附件”不是数字：请核对该单元格"
    )


@pytest.mark.parametrize(
    ("where", "text", "named"),
    [
        ((2, "fees", "amount"), "12.5元", "表二“行政事业性收费”行“本年收费金额（单位：万元）”列"),
        ((2, "rules", "issued"), "1.5", "表二“规章”行“本年制发件数”列"),
        ((4, "cases", "suit_after.pending"), "-1", "表四“件数”行“行政诉讼（复议后起诉）·尚未审结”列"),
    ],
)
def test_other_cells_that_are_not_figures(tables, tmp_path, where, text, named):
    with pytest.raises(ReadError) as caught:
        read_tables(_html(tmp_path, report_parts(tables, {where: text})))
    assert caught.value.message.startswith(named + f"的内容“{text}”不是数字")


def test_a_missing_row_is_named(tables, tmp_path):
    parts = report_parts(tables)
    rows = _table(parts, 3)
    del rows[-1]  # 四、结转下年度继续办理
    with pytest.raises(ReadError, match="表三缺少“四、结转下年度继续办理”行"):
        read_tables(_html(tmp_path, parts))


def test_an_unknown_row_with_figures_is_refused(tables, tmp_path):
    parts = report_parts(tables)
    _table(parts, 3).insert(5, [Spot("（八）其他情形", colspan=3), *(Spot("1") for _ in range(7))])
    with pytest.raises(ReadError, match="表三中有无法识别的行“\\(八\\)其他情形”"):
        read_tables(_html(tmp_path, parts))


def test_a_report_without_table_4_says_which_table_is_missing(tables, tmp_path):
    parts = report_parts(tables)[:-5]  # drop table 4 and what follows
    with pytest.raises(ReadError) as caught:
        read_tables(write_docx(parts, tmp_path / "report.docx"))
    assert "表四“政府信息公开行政复议、行政诉讼情况”未找到" in caught.value.message


def test_a_document_that_is_not_a_report(tmp_path):
    path = write_docx(["关于做好春节期间安全生产工作的通知", "各单位：……"], tmp_path / "notice.docx")
    with pytest.raises(ReadError, match="未找到政府信息公开工作年度报告的表格"):
        read_tables(path)


def test_a_broken_docx(tables, tmp_path):
    good = write_docx(report_parts(tables), tmp_path / "report.docx").read_bytes()
    with pytest.raises(ReadError, match="不是有效的 Word 文档"):
        read_tables_from_bytes(b"PK\x03\x04 not really a zip", "report.docx")
    with pytest.raises(ReadError, match="不是有效的 Word 文档"):
        read_tables_from_bytes(good[: len(good) // 2], "report.docx")
    # A whole zip without the Word parts in it.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "不是 Word")
    with pytest.raises(ReadError, match="Word 文档已损坏"):
        read_tables_from_bytes(buffer.getvalue(), "report.docx")


def test_an_old_word_file_empty_file_and_unknown_kind(tmp_path):
    with pytest.raises(ReadError, match="旧版 Word"):
        read_tables_from_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "report.doc")
    with pytest.raises(ReadError, match="文件为空"):
        read_tables_from_bytes(b"", "report.docx")
    with pytest.raises(ReadError, match="无法识别的文件格式"):
        read_tables_from_bytes("二、主动公开政府信息情况\n规章 1 0 5".encode(), "report.txt")
    with pytest.raises(ReadError, match="无法打开文件"):
        read_tables(tmp_path / "absent.docx")


def test_a_pdf_without_text_and_a_broken_pdf():
    with pytest.raises(ReadError, match="没有可读取的文字"):
        read_tables_from_bytes(_blank_pdf(), "scan.pdf")
    with pytest.raises(ReadError, match="PDF 文件已损坏"):
        read_tables_from_bytes(b"%PDF-1.4\n garbage", "report.pdf")
    with pytest.raises(ReadError, match="不是有效的 PDF"):
        read_tables_from_bytes(b"hello", "report.pdf")


def _blank_pdf() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + b"x" * 2000)
    with pytest.raises(ReadError, match="文件过大"):
        read_tables(path)


def test_absurd_spans_are_bounded(tmp_path):
    page = '<table><tr><td rowspan="99999999" colspan="99999999">二、主动公开</td></tr></table>' * 3
    with pytest.raises(ReadError, match="未找到"):
        read_tables_from_bytes(page.encode(), "x.html")
    grid = reading._place([[("a", 10**9, 10**9)], [("b", 1, 1)]])
    assert len(grid.rows) == 2 and grid.width == reading.MAX_COLUMNS


def test_too_many_tables_are_refused():
    page = "<table><tr><td>1</td></tr></table>" * (reading.MAX_TABLES + 1)
    with pytest.raises(ReadError, match="表格过多"):
        read_tables_from_bytes(page.encode(), "x.html")


# --- Labels and values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（一）予以公开", "予以公开"),
        (" (一) 予以 公开 ", "予以公开"),
        ("1.属于国家秘密", "属于国家秘密"),
        ("１．属于国家秘密", "属于国家秘密"),
        ("3.危及“三安全一稳定”", "危及三安全一稳定"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
        ("一、本年新收政府信息公开\n申请数量", "本年新收政府信息公开申请数量"),
        ("本年收费金额（单位：万元）", "本年收费金额"),
    ],
)
def test_label_keys(text, expected):
    assert key(text) == expected


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("158", False, 158),
        ("１５８", False, 158),
        ("1,158", False, 1158),
        ("1\n58", False, 158),
        ("—", False, 0),
        ("/", False, 0),
        ("", False, 0),
        ("12.50", True, Decimal("12.50")),
        ("12.5万元", True, Decimal("12.5")),
        ("3件", False, 3),
        ("1.5", False, None),
        ("-3", False, None),
        ("三", False, None),
    ],
)
def test_values(text, decimal, expected):
    assert parse_value(text, decimal=decimal) == expected


# --- PDF (LibreOffice) -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    docx_path = write_docx(report_parts(sample_tables()), folder / "report.docx")
    return convert_to_pdf(docx_path, folder)


@needs_soffice
def test_pdf_made_by_libreoffice_reads_back_equal(pdf_path, tables):
    """Table 3 runs over three pages there, some rows broken across the page ends
    ("1.信访举报投" | "诉类申请"): the pieces are put back together."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) >= 2
    assert read_tables(pdf_path) == tables


# --- Finding tables and rows when the file gives less to go on ---------------------------------------


def test_a_table_whose_header_cannot_be_read_is_found_by_its_title(tables, tmp_path):
    """Table 4's header as images (empty cells): its title names it, its 15 figures are in order."""
    parts = report_parts(tables)
    for row in _table(parts, 4)[:3]:
        for spot in row:
            spot.text = ""
    assert read_tables(_html(tmp_path, parts)) == tables
    untitled = [p for p in parts if p != "四、政府信息公开行政复议、行政诉讼情况"]
    with pytest.raises(ReadError, match="表四“政府信息公开行政复议、行政诉讼情况”未找到"):
        read_tables(_html(tmp_path, untitled))


def _reworded(label: str) -> str:
    """Wordings that differ a little from the format's: a word dropped, a character missing."""
    return {
        "二、上年结转政府信息公开申请数量": "二、上年结转政府信息公开申请",
        "1.属于国家秘密": "1.属国家秘密",
        "2.没有现成信息需要另行制作": "2.没有现成信息需另行制作",
    }.get(label, label)


def test_row_labels_worded_a_little_differently_are_matched(tables, tmp_path):
    parts = report_parts(tables, labels=_reworded)
    assert "1.属国家秘密" in to_html(parts)
    assert read_tables(_html(tmp_path, parts)) == tables


def test_a_row_whose_label_is_merged_down_from_the_row_above_has_no_label_of_its_own():
    """Say “（三）不予公开” spans two rows and the second row holds figures but no reason: those
    figures must not be taken for 不予公开's own."""
    grid = reading._place([[("（三）不予公开", 2, 1), ("1", 1, 1)], [("2", 1, 1)]])
    assert reading._split(grid, 0, None).own == "（三）不予公开"
    assert reading._split(grid, 1, None).own == ""


@pytest.mark.parametrize("repeat_header", [False, True])
def test_table3_continued_in_a_second_table_after_a_page_number(tables, tmp_path, repeat_header):
    """As a PDF gives a table running onto the next page: a second grid, a page number between,
    drawn on other columns (one label column), with or without the header repeated."""
    parts = report_parts(tables)
    rows = _table(parts, 3)
    first, rest = rows[:12], rows[12:]  # cut inside （三）不予公开
    continued: Rows = [[spot for spot in row if spot.rowspan == 1] for row in rest]
    for row in continued:
        row[0].colspan = 1  # labels in one column now
    if repeat_header:
        continued = [
            [Spot("申请人情况", colspan=8)],
            [
                Spot(""),
                *(
                    Spot(c)
                    for c in (
                        "自然人",
                        "商业企业",
                        "科研机构",
                        "社会公益组织",
                        "法律服务机构",
                        "其他",
                        "总计",
                    )
                ),
            ],
            *continued,
        ]
    index = parts.index(rows)
    parts[index : index + 1] = [first, "- 7 -", continued]
    assert read_tables(_html(tmp_path, parts)) == tables


def test_a_running_header_across_a_page_break_does_not_end_the_table(tables):
    """A PDF page ends in table 3, the next opens with “草稿” (a mark the renderer prints on drafts)
    and goes on with the table: one table. The same line without a page break is text that ends it."""
    parts = report_parts(tables)
    rows = _table(parts, 3)
    index = parts.index(rows)
    parts[index : index + 1] = [rows[:12], [[spot for spot in row if spot.rowspan == 1] for row in rows[12:]]]
    for row in parts[index + 1]:
        row[0].colspan = 1
    blocks = reading.read_blocks(to_html(parts).encode(), "report.html")
    second = [i for i, b in enumerate(blocks) if isinstance(b, reading.Grid)][2]
    paged = [*blocks[:second], "— 1 —", reading.PAGE_BREAK, "草稿", *blocks[second:]]
    assert reading.tables_from_blocks(paged) == tables
    unpaged = [*blocks[:second], "草稿", *blocks[second:]]
    with pytest.raises(ReadError, match="表三缺少"):
        reading.tables_from_blocks(unpaged)


def test_table2_cells_the_format_leaves_empty_may_be_left_unmerged(tables, tmp_path):
    """“行政许可 | 1520 | — | —” under a header spanning three columns: the dashes are no figures."""
    parts = report_parts(tables)
    for row in _table(parts, 2):
        if row[-1].colspan == 3 and row[0].text in ("行政许可", "行政处罚", "行政事业性收费"):
            row[-1].colspan = 1
            row += [Spot("—"), Spot("/" if row[0].text == "行政事业性收费" else "0")]
    assert read_tables(_html(tmp_path, parts)) == tables
