"""Bad input: each gets a typed error with a Chinese message, never a traceback."""

from __future__ import annotations

import zipfile

import pytest

from fazhi.reportcheck import ReportReadError, parse_file
from fazhi.reportcheck.readers import MAX_BYTES

from .documents import make_blank_pdf, make_docx


def _error(path) -> str:
    with pytest.raises(ReportReadError) as caught:
        parse_file(path)
    return caught.value.message


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "文件为空" in _error(path)


def test_a_file_of_blanks_is_refused(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\u3000\n\n", encoding="utf-8")
    assert "没有文字内容" in _error(path)


def test_a_binary_file_renamed_docx_is_refused(tmp_path):
    path = tmp_path / "photo.docx"
    path.write_bytes(bytes(range(256)) * 40)
    assert "不是有效的 Word 文档" in _error(path)


def test_a_corrupt_docx_is_refused(tmp_path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "不是XML")
    assert "Word 文档已损坏" in _error(path)


def test_a_truncated_docx_is_refused(tmp_path):
    whole = make_docx(
        tmp_path / "whole.docx", ["某局2024年度报告"], [("主要举措和成效", [("学法", "正文。")])]
    )
    path = tmp_path / "cut.docx"
    path.write_bytes(whole.read_bytes()[:3000])
    assert "Word" in _error(path)


def test_a_pdf_without_a_text_layer_is_refused(tmp_path):
    assert "扫描件" in _error(make_blank_pdf(tmp_path / "scan.pdf"))


def test_a_damaged_pdf_is_refused(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 10)
    assert "PDF" in _error(path)


def test_a_file_that_is_not_a_pdf_is_refused(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_text("某局2024年度报告", encoding="utf-8")
    assert "不是有效的 PDF 文件" in _error(path)


def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs no disk and no time
    assert path.stat().st_size > MAX_BYTES
    assert "文件过大" in _error(path)


def test_binary_content_in_a_txt_is_refused(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 50)
    assert "不是文本文件" in _error(path)


def test_an_old_word_file_is_refused(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    assert "另存为 .docx" in _error(path)


def test_a_missing_file_and_a_directory_are_refused(tmp_path):
    assert "无法打开文件" in _error(tmp_path / "nowhere.txt")
    assert "目录" in _error(tmp_path)


def test_a_report_without_extension_is_recognised_by_its_content(tmp_path):
    docx = make_docx(
        tmp_path / "a.docx", ["某局2024年度法治政府建设情况报告"], [("主要举措和成效", [("学法", "正文。")])]
    )
    bare = tmp_path / "report"
    bare.write_bytes(docx.read_bytes())
    assert parse_file(bare).title == "某局2024年度法治政府建设情况报告"
