"""A report file uploaded in the editor, checked (type, size, real content) and read by the
report engine into lines."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fazhi.lib.errors import FazhiError
from fazhi.lib.uploads import DOCX, PDF, FileType, check_upload
from fazhi.reportcheck import ReportReadError
from fazhi.reportcheck.readers import MAX_BYTES, SourceLine, read_lines

TXT = FileType((".txt",), "文本文件", (b"",))
REPORT_TYPES = (DOCX, PDF, TXT)


def read_upload(upload) -> list[SourceLine]:
    if upload is None:
        raise FazhiError("请选择要导入的报告文件（.docx、.pdf 或 .txt）。", "no-file")
    kind = check_upload(upload.name, upload.size, upload, allowed=REPORT_TYPES, max_bytes=MAX_BYTES)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report{kind.extensions[0]}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            return read_lines(path)
        except ReportReadError as exc:
            raise FazhiError(f"无法读取“{upload.name}”：{exc}", "unreadable") from exc
