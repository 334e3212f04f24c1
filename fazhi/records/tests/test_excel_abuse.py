"""Excel import against hostile and broken workbooks (issue 13, item 2): every row counts against
the limit, blank or not, and the file stops there; a zip bomb, a DTD (entity expansion, XXE),
broken sheet XML or a shared string that is not there is a Chinese message naming the trouble,
never a 500; an import that fails on a later row leaves no row behind.

The workbooks are written here part by part (a few lines of XML in a zip), never stored.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterable
from datetime import date
from unittest import mock

import openpyxl
from defusedxml import DefusedXmlException
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.lib.errors import FazhiError
from fazhi.records import actions, excel
from fazhi.records.kinds import KINDS
from fazhi.records.models import StudySession
from fazhi.testing import STUDY_HEADER, BaseTestCase

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PKG = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
CONTENT_TYPES = (
    f'<Types xmlns="{PKG}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
RELS = (
    f'<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" '
    f'Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets>'
    '<sheet name="学法活动" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
# Billion laughs (each level ten times the one before) and an external entity (XXE).
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + "]>"
)
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def text_cell(text: str) -> str:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def row(number: int, *texts: str) -> str:
    return f'<row r="{number}">' + "".join(text_cell(t) for t in texts) + "</row>"


HEADER_ROW = row(1, *STUDY_HEADER)
GOOD_ROW = row(2, "2024-03-12", "学习行政复议法", "法治专题讲座", "", "", "5", "否", "")


def workbook(
    rows: str | Iterable[str],
    *,
    dimension: str | None = "A1:H2",
    sheet_prolog: str = "",
    strings: list[str] | None = None,
    strings_prolog: str = "",
    workbook_prolog: str = "",
    workbook_xml: str = WORKBOOK,
) -> bytes:
    """An .xlsx of one sheet, written part by part; ``rows`` streamed into the sheet (a generator
    writes millions of rows without holding them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DECLARATION + CONTENT_TYPES)
        archive.writestr("_rels/.rels", DECLARATION + RELS)
        archive.writestr("xl/workbook.xml", DECLARATION + workbook_prolog + workbook_xml)
        archive.writestr("xl/_rels/workbook.xml.rels", DECLARATION + WORKBOOK_RELS)
        items = "".join(f"<si><t>{s}</t></si>" for s in strings or [])
        archive.writestr(
            "xl/sharedStrings.xml", f'{DECLARATION}{strings_prolog}<sst xmlns="{MAIN}">{items}</sst>'
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            dim = f'<dimension ref="{dimension}"/>' if dimension else ""
            sheet.write(f'{DECLARATION}{sheet_prolog}<worksheet xmlns="{MAIN}">{dim}<sheetData>'.encode())
            for chunk in [rows] if isinstance(rows, str) else rows:
                sheet.write(chunk.encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def blank_rows(count: int, attributes: str = "", *, numbered: bool = False) -> Iterable[str]:
    """The header, then ``count`` empty rows, a hundred thousand at a time."""
    yield HEADER_ROW
    for start in range(2, count + 2, 100_000):
        numbers = range(start, min(start + 100_000, count + 2))
        if numbered:
            yield "".join(f'<row r="{n}"{attributes}/>' for n in numbers)
        else:
            yield f"<row{attributes}/>" * len(numbers)


def parse(content: bytes) -> dict[int, dict]:
    return excel.parse_import(KINDS["study"], io.BytesIO(content))


class RowLimitTest(BaseTestCase):
    def refused(self, content: bytes, *, within: float = 5.0) -> FazhiError:
        started = time.perf_counter()
        with self.assertRaises(FazhiError) as caught:
            parse(content)
        self.assertLess(time.perf_counter() - started, within)
        self.assertNotIsInstance(caught.exception, excel.ImportRejected)
        return caught.exception

    def test_four_million_blank_rows_in_a_few_hundred_kb_are_refused_at_once(self):
        # The file of the issue: 576 KB of blank rows (here with and without row formatting).
        for attributes in ("", ' s="1" customFormat="1" ht="15"'):
            with self.subTest(attributes=attributes):
                content = workbook(blank_rows(4_000_000, attributes), dimension="A1:XFD4000001")
                self.assertLess(len(content), 600 * 1024)
                error = self.refused(content, within=3.0)
                self.assertRegex(error.message, "压缩比|解压后共")
                self.assertIn("无法导入该 Excel 文件", error.message)

    def test_four_million_numbered_blank_rows_that_pack_badly_stop_at_the_limit_unparsed(self):
        # 64 MB of rows that pack only 7 times: no zip bomb, but 4 million rows.
        content = workbook(blank_rows(4_000_000, numbered=True), dimension=None)
        with mock.patch.object(excel, "load_workbook") as opened:
            error = self.refused(content, within=3.0)
        opened.assert_not_called()  # counted before openpyxl parses a byte
        self.assertEqual(error.code, "too-many-rows")
        self.assertIn(f"一次最多导入 {excel.MAX_ROWS} 行，空白行", error.message)

    def test_a_row_numbered_a_million_after_the_header_counts_as_a_million_rows(self):
        # Two <row> elements, but openpyxl yields every row between them: read lazily and counted,
        # the import stops at the limit (before: blank rows skipped, a 16,384-wide row each).
        content = workbook(
            HEADER_ROW + row(1_048_576, "2024-03-12", "学习行政复议法", "法治专题讲座"),
            dimension="A1:XFD1048576",
        )
        error = self.refused(content, within=3.0)
        self.assertEqual(error.code, "too-many-rows")

    def test_blank_rows_count_up_to_the_limit_and_not_one_more(self):
        at_limit = workbook(
            [HEADER_ROW, GOOD_ROW, "".join(f'<row r="{n}"/>' for n in range(3, excel.MAX_ROWS + 2))]
        )
        self.assertEqual(list(parse(at_limit)), [2])
        one_more = workbook(
            [HEADER_ROW, GOOD_ROW, "".join(f'<row r="{n}"/>' for n in range(3, excel.MAX_ROWS + 3))]
        )
        self.assertEqual(self.refused(one_more).code, "too-many-rows")
        # The same rows, numbered only by their order (no r=): counted alike, before and while reading.
        unnumbered = workbook([HEADER_ROW, GOOD_ROW, "<row/>" * excel.MAX_ROWS])
        self.assertEqual(self.refused(unnumbered).code, "too-many-rows")
        with mock.patch.object(excel, "_inspect"):
            self.assertEqual(self.refused(one_more).code, "too-many-rows")

    def test_a_huge_dimension_claim_neither_widens_nor_cuts_the_rows(self):
        wide = workbook(HEADER_ROW + GOOD_ROW, dimension="A1:XFD1048576")
        self.assertEqual(list(parse(wide)), [2])
        # A dimension smaller than the data (some writers get it wrong) loses no row either.
        third = row(3, "2024-03-13", "学习民法典", "法治专题讲座")
        self.assertEqual(list(parse(workbook(HEADER_ROW + GOOD_ROW + third, dimension="A1:B1"))), [2, 3])

    def test_too_many_elements_are_refused_unparsed(self):
        with mock.patch.object(excel, "MAX_ELEMENTS", 500):
            error = self.refused(workbook([HEADER_ROW, GOOD_ROW, "<row><c/><c/><c/><c/></row>" * 100]))
        self.assertEqual(error.code, "too-many-elements")
        self.assertIn("文件内容过多", error.message)


class BrokenWorkbookTest(BaseTestCase):
    def message(self, content: bytes, *, inspected: bool = True) -> str:
        if inspected:
            with self.assertRaises(FazhiError) as caught:
                parse(content)
        else:  # openpyxl (and defusedxml) on their own, our look inside skipped
            with mock.patch.object(excel, "_inspect"), self.assertRaises(FazhiError) as caught:
                parse(content)
        self.assertNotIsInstance(caught.exception, excel.ImportRejected)
        return caught.exception.message

    def test_malformed_sheet_xml_is_named(self):
        broken = workbook(HEADER_ROW + '<row r="2"><c r="A2"><v>1</c></row>')
        self.assertRegex(self.message(broken), r"工作表第2行附近的 XML 内容已损坏（XML 第1行第\d+列）")
        unclosed = workbook(HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>未完', dimension=None)
        self.assertIn("XML 内容已损坏", self.message(unclosed))

    def test_a_shared_string_that_is_not_there_is_named(self):
        content = workbook(HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>7</v></c></row>', strings=["日期"])
        self.assertIn("工作表第2行附近的单元格引用了不存在的共享字符串", self.message(content))
        self.assertIn("共享字符串", self.message(content, inspected=False))

    def test_an_entity_declaration_anywhere_in_the_workbook_is_refused(self):
        cells = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        cases = {
            "sheet": workbook(cells, sheet_prolog=LAUGHS),
            "strings": workbook(HEADER_ROW, strings=["&lol9;"], strings_prolog=LAUGHS),
            "workbook": workbook(
                HEADER_ROW,
                workbook_prolog=LAUGHS,
                workbook_xml=WORKBOOK.replace('name="学法活动"', 'name="&lol9;"'),
            ),
            "xxe": workbook('<row r="1"><c t="inlineStr"><is><t>&xxe;</t></is></c></row>', sheet_prolog=XXE),
        }
        for part, content in cases.items():
            with self.subTest(part=part):
                message = self.message(content)
                self.assertIn("含有 DTD 或实体声明", message)
                self.assertNotIn("root:", message)

    def test_openpyxl_parses_sheets_and_strings_with_defusedxml(self):
        """What openpyxl does on its own: sheets and shared strings go through defusedxml (an entity
        is an error); workbook.xml goes through lxml without entity resolution, which still expands
        internal entities in attributes: hence our own look at every part's prolog first."""
        self.assertTrue(openpyxl.DEFUSEDXML)
        sheet = workbook('<row r="1"><c t="inlineStr"><is><t>&lol9;</t></is></c></row>', sheet_prolog=LAUGHS)
        with self.assertRaises(ValueError) as caught:
            load_workbook(io.BytesIO(sheet), read_only=True)
        self.assertIsInstance(caught.exception.__context__, DefusedXmlException)
        self.assertIn("含有 DTD 或实体声明", self.message(sheet, inspected=False))
        strings = workbook(HEADER_ROW, strings=["&lol;"], strings_prolog=LAUGHS)
        self.assertIn("含有 DTD 或实体声明", self.message(strings, inspected=False))
        small = '<!DOCTYPE x [<!ENTITY lol "哈">]>'
        expanded = workbook(
            HEADER_ROW, workbook_prolog=small, workbook_xml=WORKBOOK.replace("学法活动", "&lol;&lol;")
        )
        self.assertEqual(load_workbook(io.BytesIO(expanded), read_only=True).sheetnames, ["哈哈"])
        self.assertIn("含有 DTD 或实体声明", self.message(expanded))

    def test_what_is_no_workbook_is_named(self):
        good = workbook(HEADER_ROW + GOOD_ROW)
        cases = {
            "not a zip": b"PK\x03\x04" + b"\x00" * 200,
            "cut short": good[: len(good) // 2],
            "no workbook part": self.without(good, "xl/workbook.xml"),
            "no sheet part": self.without(good, "xl/worksheets/sheet1.xml"),
            "no sheets": workbook(HEADER_ROW, workbook_xml=f'<workbook xmlns="{MAIN}"><sheets/></workbook>'),
        }
        for case, content in cases.items():
            with self.subTest(case=case):
                self.assertIn("无法", self.message(content))

    @staticmethod
    def without(content: bytes, name: str) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                if info.filename != name:
                    target.writestr(info, source.read(info))
        return out.getvalue()


class ImportPageTest(BaseTestCase):
    """Through the page: each bad file is a message on the form, nothing is imported, never a 500."""

    def test_each_bad_file_is_a_message_on_the_page(self):
        self.client.force_login(self.zhang)
        url = reverse("records:import-records", args=[self.unit_a.pk, "study"])
        files = {
            "blank rows": workbook(blank_rows(4_000_000), dimension="A1:XFD4000001"),
            "sparse": workbook(HEADER_ROW + row(1_048_576, "2024-03-12", "学习", "法治专题讲座")),
            "broken xml": workbook(HEADER_ROW + '<row r="2"><c r="A2"><v>1</c></row>'),
            "bad string": workbook(HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>7</v></c></row>'),
            "laughs": workbook(HEADER_ROW, sheet_prolog=LAUGHS),
        }
        for case, content in files.items():
            with self.subTest(case=case):
                response = self.client.post(url, {"file": SimpleUploadedFile("台账.xlsx", content)})
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.context["form"].non_field_errors())
                self.assertFalse(StudySession.objects.exists())


class ImportAtomicTest(BaseTestCase):
    """A database error on a later row undoes the rows before it: the import is all or nothing."""

    ROWS = {
        2: {"date": date(2024, 3, 12), "title": "第一行：更新已有记录", "form": "lecture", "attendees": 9},
        3: {"date": date(2024, 4, 18), "title": "第二行：新记录", "form": "lecture", "attendees": 5},
        4: {"date": date(2024, 5, 9), "title": "第三行：数据库出错", "form": "lecture", "attendees": 7},
    }

    def test_a_database_error_on_the_third_row_leaves_no_row_behind(self):
        kind = KINDS["study"]
        existing = StudySession.objects.create(
            unit=self.unit_a,
            date=date(2024, 3, 12),
            title="第一行：更新已有记录",
            form="lecture",
            attendees=1,
        )
        history = StudySession.history.count()
        real_save = StudySession.save

        def save(record, *args, **kwargs):
            if record.title == "第三行：数据库出错":
                raise IntegrityError("模拟：第三行写入时数据库出错")
            return real_save(record, *args, **kwargs)

        with mock.patch.object(StudySession, "save", save), self.assertRaises(IntegrityError):
            actions.do_import_records(kind, unit=self.unit_a, rows=self.ROWS, acting_user=self.zhang)
        self.assertEqual(list(StudySession.objects.values_list("title", "attendees")), [(existing.title, 1)])
        self.assertEqual(StudySession.history.count(), history)

    def test_the_rows_before_the_error_were_written_first(self):
        """The test above proves something: without the error the first two rows are written."""
        kind = KINDS["study"]
        StudySession.objects.create(
            unit=self.unit_a,
            date=date(2024, 3, 12),
            title="第一行：更新已有记录",
            form="lecture",
            attendees=1,
        )
        rows = {n: r for n, r in self.ROWS.items() if n < 4}
        result = actions.do_import_records(kind, unit=self.unit_a, rows=rows, acting_user=self.zhang)
        self.assertEqual((len(result.added), len(result.updated)), (1, 1))
