"""The readers bound what one file may cost (issue 13, item 6): a zip bomb .docx is refused before
it is read, a file of more than MAX_PARAGRAPHS paragraphs (blank ones included) stops, reading
stops at READ_SECONDS, a PDF at MAX_PAGES pages and at its memory cap; each says so in Chinese.

The files are made here: the .docx of 5 million empty paragraphs of the issue (83 KB, past 400 s
and 690 MB in ``fazhi parse``), a real 1 GiB zip bomb, a PDF whose page tree takes pdfminer a
minute, a PDF whose content unpacks past the memory cap.
"""

from __future__ import annotations

import os
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from fazhi.lib.tests.zips import deflated, pdf_of_pages, pdf_with_huge_page_tree, repeated, with_part
from fazhi.reportcheck import ReportReadError, parse_file
from fazhi.reportcheck.readers import pdf as pdf_reader
from fazhi.reportcheck.readers import source, word

from .documents import make_docx

BODY_OPEN = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
BODY_CLOSE = b"</w:body></w:document>"


def _refused(path: Path, *, within: float = 5.0) -> str:
    started = time.perf_counter()
    with pytest.raises(ReportReadError) as caught:
        parse_file(path)
    assert time.perf_counter() - started < within
    return caught.value.message


def _report(tmp_path: Path) -> Path:
    return make_docx(
        tmp_path / "good.docx",
        ["某局2024年度法治政府建设情况报告"],
        [("主要举措和成效", [("学法", "全年组织学法12次。")])],
    )


def _docx_with_body(tmp_path: Path, name: str, body: bytes) -> Path:
    """A real .docx (styles, numbering, relationships) whose document part holds ``body``."""
    path = tmp_path / name
    part = deflated("word/document.xml", BODY_OPEN + body + BODY_CLOSE)
    path.write_bytes(with_part(_report(tmp_path).read_bytes(), part))
    return path


def _no_child_left() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_the_docx_of_five_million_empty_paragraphs_is_refused_unread(tmp_path):
    path = tmp_path / "empty.docx"
    paragraphs = repeated("word/document.xml", b"<w:p/>" * 50_000, 100)  # 5 million
    path.write_bytes(with_part(_report(tmp_path).read_bytes(), paragraphs))
    assert path.stat().st_size < 100 * 1024
    message = _refused(path, within=2.0)
    assert "Word 文档已被拒绝" in message
    assert "压缩比" in message


def test_more_paragraphs_than_a_report_has_stop_before_python_docx_parses(tmp_path, monkeypatch):
    # 60,000 empty paragraphs pack only 360 KB: no zip bomb, but far more than any report.
    path = _docx_with_body(tmp_path, "many.docx", b"<w:p/>" * 60_000)
    monkeypatch.setattr("docx.Document", lambda *a, **k: pytest.fail("python-docx opened the file"))
    assert f"段落超过 {source.MAX_PARAGRAPHS} 个（空段落" in _refused(path)


def test_a_report_at_the_paragraph_limit_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(word, "MAX_PARAGRAPHS", 40)
    paragraph = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
    title = paragraph.format("某局2024年度法治政府建设情况报告")
    body = title + "".join(paragraph.format(f"一、第{n}部分") for n in range(1, 30))
    assert len(parse_file(_docx_with_body(tmp_path, "ok.docx", body.encode())).parts) > 0
    over = title + "".join(paragraph.format(f"一、第{n}部分") for n in range(1, 41))
    assert "段落超过 40 个" in _refused(_docx_with_body(tmp_path, "over.docx", over.encode()))


def test_a_docx_whose_document_part_unpacks_to_a_gibibyte_is_refused_unread(tmp_path):
    chunk = (b"<w:p/>" * 200_000)[: 1 << 20]
    path = tmp_path / "bomb.docx"
    path.write_bytes(with_part(_report(tmp_path).read_bytes(), repeated("word/document.xml", chunk, 1024)))
    assert path.stat().st_size < 2 * 1024 * 1024
    message = _refused(path, within=2.0)
    assert "Word 文档已被拒绝" in message
    assert "解压后共" in message or "压缩比" in message


def test_an_entity_declaration_in_a_docx_is_refused(tmp_path):
    laughs = b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = tmp_path / "laughs.docx"
    document = (
        BODY_OPEN.replace(b"?>", b"?>" + laughs, 1) + b"<w:p><w:r><w:t>&b;</w:t></w:r></w:p>" + BODY_CLOSE
    )
    path.write_bytes(with_part(_report(tmp_path).read_bytes(), deflated("word/document.xml", document)))
    assert "含有 DTD 或实体声明" in _refused(path)


def test_too_many_elements_in_a_docx_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(word, "MAX_ELEMENTS", 200)
    path = _docx_with_body(tmp_path, "busy.docx", b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 100)
    assert "XML 元素过多" in _refused(path)


def test_reading_a_docx_stops_at_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "READ_SECONDS", 0)
    message = _refused(_report(tmp_path))
    assert "读取文件超过 0 秒仍未完成，已停止" in message


def test_a_text_file_of_more_lines_than_a_report_has_stops(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("某局2024年度法治政府建设情况报告\n" + "\n" * 60_000 + "正文。\n", encoding="utf-8")
    assert "段落超过 50000 个（空段落、空行也计算在内）" in _refused(path)
    fine = tmp_path / "fine.txt"
    fine.write_text(
        "某局2024年度法治政府建设情况报告\n" + "\n" * 1000 + "一、主要举措和成效\n", encoding="utf-8"
    )
    assert parse_file(fine).title == "某局2024年度法治政府建设情况报告"


def test_to_lines_splits_as_splitlines_does():
    text = "一\r\n二\r三\n\n四\x0b五\x0c六\x1c七\x85八\u2028九\u2029十\n"
    assert [(line.text, line.number) for line in source.to_lines(text)] == [
        (raw, number) for number, raw in enumerate(text.splitlines(), start=1) if raw.strip()
    ]


def test_a_pdf_whose_page_tree_takes_pdfminer_a_minute_is_stopped_at_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "READ_SECONDS", 1)
    path = tmp_path / "tree.pdf"
    path.write_bytes(pdf_with_huge_page_tree(1_000_000))  # some 20 s of pdfminer, unbounded
    message = _refused(path, within=4.0)
    assert "读取文件超过 1 秒仍未完成，已停止" in message
    _no_child_left()  # the child was killed and reaped


def test_a_pdf_of_more_pages_than_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf_of_pages(4))
    assert "PDF 超过 3 页" in _refused(path)


def test_a_pdf_whose_page_unpacks_past_the_memory_cap_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_MEMORY", 64 * 1024 * 1024)
    content = zlib.compress(b"0 0 m " * (200 * 1024 * 1024 // 6), 9)  # 200 MB of drawing, 200 KB packed
    path = tmp_path / "memory.pdf"
    path.write_bytes(pdf_of_pages(1, content))
    assert "内存超过上限" in _refused(path, within=10.0)
    _no_child_left()


def test_a_normal_pdf_is_still_read_in_its_child_process(tmp_path):
    from .documents import make_blank_pdf

    assert "扫描件" in _refused(make_blank_pdf(tmp_path / "scan.pdf"))
    _no_child_left()


def test_the_zip_checks_keep_a_real_docx(tmp_path):
    path = _report(tmp_path)
    with zipfile.ZipFile(path) as archive:
        assert "word/document.xml" in archive.namelist()
    assert parse_file(path).title == "某局2024年度法治政府建设情况报告"
