"""Uploads are judged by what is inside, not by their first bytes (issue 13, item 6): a .docx,
.xlsx or .ofd whose parts unpack past a size or a ratio is refused from its zip directory, nothing
unpacked; an XML part with a DTD is refused; a PDF must open as a PDF with its pages counted, in a
child process with a time limit: an executable after a ``%PDF-`` header is refused.

Each case starts from the file of the issue, made here (``zips``): a 1.5 MB .docx whose document
part unpacks to 1 GiB, an executable behind ``%PDF-1.4``.
"""

from __future__ import annotations

import io
import os
import sys
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.lib import uploads
from fazhi.lib.errors import FazhiError
from fazhi.lib.uploads import DOCX, EVIDENCE_TYPES, OFD, PDF, XLSX, check_upload
from fazhi.records.models import Attachment
from fazhi.testing import BaseTestCase

from .zips import build_zip, deflated, pdf, pdf_of_pages, pdf_with_huge_page_tree, repeated, stored

MB = 1024 * 1024
CONTENT_TYPES = deflated("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
PARAGRAPHS = (b"<w:p/>" * 200_000)[:MB]


def check(name: str, content: bytes, allowed=EVIDENCE_TYPES):
    return check_upload(name, len(content), io.BytesIO(content), allowed=allowed, max_bytes=20 * MB)


def refused(name: str, content: bytes, *, within: float = 3.0) -> FazhiError:
    started = time.perf_counter()
    with pytest.raises(FazhiError) as caught:
        check(name, content)
    assert time.perf_counter() - started < within
    assert caught.value.message.startswith(f"文件“{name}”")
    return caught.value


def office(member: str, *others) -> bytes:
    return build_zip([CONTENT_TYPES, deflated(member, b"<?xml version='1.0'?><x/>"), *others])


def executable() -> bytes:
    with open(sys.executable, "rb") as handle:
        return handle.read(200_000)


# --- zip containers ----------------------------------------------------------------------------


def test_ordinary_office_files_pass():
    assert check("签到表.docx", office("word/document.xml")) is DOCX
    assert check("统计.xlsx", office("xl/workbook.xml")) is XLSX
    assert check("公文.ofd", office("OFD.xml")) is OFD


def test_a_docx_whose_document_part_unpacks_to_a_gibibyte_is_refused_from_its_directory():
    bomb = build_zip([CONTENT_TYPES, repeated("word/document.xml", PARAGRAPHS, 1024)])
    assert len(bomb) < 2 * MB
    error = refused("会议纪要.docx", bomb, within=1.0)
    assert error.code == "unsafe-content"
    assert "解压后共 1024.0 MB，超过上限 200.0 MB" in error.message


def test_a_part_packed_more_than_a_hundred_times_is_refused():
    # 8 MB of empty paragraphs in 14 KB: far under the size limit, far over the ratio.
    error = refused(
        "表格.xlsx", office("xl/workbook.xml", repeated("xl/worksheets/sheet1.xml", PARAGRAPHS, 8))
    )
    assert "“xl/worksheets/sheet1.xml”由" in error.message
    assert "超过上限 100 倍" in error.message
    # Photos pack about once; a small part may pack as it likes.
    photo = stored("word/media/image1.png", os.urandom(3 * MB))
    small = repeated("word/styles.xml", b"<w:style/>" * 1000, 50)  # 500 KB from a few KB
    assert check("带照片.docx", office("word/document.xml", photo, small)) is DOCX


def test_parts_unpacking_past_the_total_are_refused_even_at_an_ordinary_ratio():
    chunk = os.urandom(16 * 1024) * 64  # 1 MB packing some 60 times
    parts = [repeated(f"xl/worksheets/sheet{n}.xml", chunk, 60) for n in range(1, 5)]  # 4 × 60 MB
    error = refused("大表.xlsx", office("xl/workbook.xml", *parts))
    assert "解压后共 240.0 MB，超过上限 200.0 MB" in error.message


def test_an_xml_part_with_a_dtd_is_refused():
    laughs = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><x>&b;</x>'
    error = refused("laughs.docx", build_zip([CONTENT_TYPES, deflated("word/document.xml", laughs)]))
    assert "“word/document.xml”含有 DTD 或实体声明" in error.message
    hidden = b'<?xml version="1.0"?><!--' + b"-" * 70_000 + b'--><!DOCTYPE x SYSTEM "http://x/"><x/>'
    assert (
        "含有 DTD"
        in refused("late.docx", build_zip([CONTENT_TYPES, deflated("word/document.xml", hidden)])).message
    )


def test_a_broken_zip_or_a_missing_part_is_named_as_before():
    assert "不是有效的Word 文档" in refused("坏的.docx", b"PK\x03\x04broken").message
    assert "不是有效的Excel 表格" in refused("空.xlsx", office("word/document.xml")).message


# --- PDF ---------------------------------------------------------------------------------------


def test_a_real_pdf_passes():
    assert check("纪要.pdf", pdf_of_pages(3)) is PDF


def test_an_executable_after_a_pdf_header_is_refused():
    error = refused("纪要.pdf", b"%PDF-1.4\n" + executable())
    assert error.code == "bad-content"
    assert "不是有效的PDF 文件：无法解析其结构" in error.message


def test_what_only_looks_like_a_pdf_is_refused():
    for content in (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", b"%PDF-1.7\n" + os.urandom(4096)):
        assert "不是有效的PDF 文件" in refused("假的.pdf", content).message
    no_pages = pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])
    assert "没有任何页面" in refused("空白.pdf", no_pages).message


def test_a_pdf_of_more_pages_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PDF_PAGES", 5)
    assert check("五页.pdf", pdf_of_pages(5)) is PDF
    assert "超过 5 页，超过上限" in refused("六页.pdf", pdf_of_pages(6)).message


def test_two_thousand_pages_are_counted_quickly():
    assert check("长.pdf", pdf_of_pages(uploads.MAX_PDF_PAGES)) is PDF
    assert "超过 2000 页" in refused("太长.pdf", pdf_of_pages(uploads.MAX_PDF_PAGES + 1)).message


def test_a_pdf_that_takes_pdfminer_a_minute_is_refused_at_the_time_limit(monkeypatch):
    monkeypatch.setattr(uploads, "PDF_SECONDS", 1)
    error = refused("构造.pdf", pdf_with_huge_page_tree(1_000_000), within=3.0)
    assert "1 秒内未能打开，已拒绝" in error.message
    with pytest.raises(ChildProcessError):  # the child was killed and reaped
        os.waitpid(-1, os.WNOHANG)


def test_the_stream_is_left_at_its_start():
    stream = io.BytesIO(pdf_of_pages(1))
    stream.seek(7)
    check_upload("纪要.pdf", len(stream.getvalue()), stream, allowed=EVIDENCE_TYPES, max_bytes=MB)
    assert stream.tell() == 0


# --- through the evidence page -----------------------------------------------------------------


class EvidenceUploadTest(BaseTestCase):
    def test_the_files_of_the_issue_are_refused_with_a_message_and_not_stored(self):
        self.client.force_login(self.zhang)
        record = self.make_study(self.unit_a)
        url = reverse("records:add-attachment", args=[self.unit_a.pk, "study", record.pk])
        files = {
            "会议纪要.docx": (
                build_zip([CONTENT_TYPES, repeated("word/document.xml", PARAGRAPHS, 1024)]),
                "解压后共",
            ),
            "签到表.pdf": (b"%PDF-1.4\n" + executable(), "不是有效的PDF 文件"),
        }
        for name, (content, message) in files.items():
            with self.subTest(file=name):
                response = self.client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)
                self.assertContains(response, message)
        self.assertFalse(Attachment.objects.exists())
        self.client.post(url, {"file": SimpleUploadedFile("纪要.pdf", pdf_of_pages(2))}, follow=True)
        self.assertEqual(list(Attachment.objects.values_list("original_name", flat=True)), ["纪要.pdf"])
