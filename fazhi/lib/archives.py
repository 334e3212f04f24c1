"""Zip containers (.docx, .xlsx, .ofd) judged before anything in them is unpacked.

A zip's central directory states each part's packed and unpacked size; Python's zipfile never
unpacks more than the stated size (a part that claims less than it holds ends there and fails its
CRC), so the directory alone bounds what reading the file can cost. Refused:

- more than ``max_parts`` parts (an Office file has a few dozen; an .xlsx a few per sheet);
- parts unpacking to more than ``max_unpacked`` bytes in all;
- a part above ``RATIO_GRACE`` unpacking to more than ``max_ratio`` times its packed size (a zip
  bomb: Office XML packs 5 to 20 times, photos about once; POI refuses above 100 as well);
- an XML part declaring a DTD (``<!DOCTYPE``, the carrier of entity expansion and external
  entities), which no Office or OFD producer writes.

Framework-free and typed strictly: the report readers (``reportcheck``) use it too. Messages are
Chinese sentences without the file's name; the caller says which file.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from typing import BinaryIO

MB = 1024 * 1024
MAX_PARTS = 2000
MAX_UNPACKED = 200 * MB
MAX_RATIO = 100
RATIO_GRACE = 1 * MB
PROLOG_BYTES = 64 * 1024  # a real XML part's prolog is an XML declaration of some 60 bytes

_XML_PART = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)


class ArchiveRefused(Exception):
    """The zip is refused; ``message`` says why in Chinese, ``code`` for callers and tests."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def check_zip(
    stream: BinaryIO,
    *,
    max_unpacked: int = MAX_UNPACKED,
    max_ratio: int = MAX_RATIO,
    max_parts: int = MAX_PARTS,
) -> list[str]:
    """The zip's part names, or ``ArchiveRefused``; ``stream`` is left at its start."""
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            _check_sizes(infos, max_unpacked=max_unpacked, max_ratio=max_ratio, max_parts=max_parts)
            for info in infos:
                if _XML_PART.search(info.filename) and _declares_dtd(archive, info):
                    raise ArchiveRefused(
                        f"其中的“{info.filename}”含有 DTD 或实体声明（<!DOCTYPE/<!ENTITY），"
                        "正常的 Office 或 OFD 文件不会含有，可能是恶意构造的文件",
                        "xml-dtd",
                    )
            return [info.filename for info in infos]
    except ArchiveRefused:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        RuntimeError,
    ) as exc:
        raise ArchiveRefused("不是完整有效的压缩包（zip），可能已损坏", "bad-zip") from exc
    except NotImplementedError as exc:  # a compression method or encryption zipfile cannot read
        raise ArchiveRefused("使用了不支持的压缩方式或已加密", "bad-zip") from exc
    finally:
        stream.seek(0)


def _check_sizes(infos: list[zipfile.ZipInfo], *, max_unpacked: int, max_ratio: int, max_parts: int) -> None:
    if len(infos) > max_parts:
        raise ArchiveRefused(f"压缩包内有 {len(infos)} 个部件，超过上限 {max_parts} 个", "too-many-parts")
    total = sum(info.file_size for info in infos)
    if total > max_unpacked:
        raise ArchiveRefused(
            f"解压后共 {_size(total)}，超过上限 {_size(max_unpacked)}（可能是“压缩炸弹”）",
            "too-large-unpacked",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_GRACE and ratio > max_ratio:
            raise ArchiveRefused(
                f"其中的“{info.filename}”由 {_size(info.compress_size)} 解压为 {_size(info.file_size)}，"
                f"压缩比 {ratio:.0f} 倍，超过上限 {max_ratio} 倍（可能是“压缩炸弹”，或含有大量空白行、空段落）",
                "ratio",
            )


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog (before its root element) holds a DOCTYPE; an unreadable or endless
    prolog counts as one."""
    with archive.open(info) as part:
        head = part.read(PROLOG_BYTES)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    full = len(head) == PROLOG_BYTES
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        rest = text[position : position + 9]
        if rest.upper().startswith(("<!DOCTYPE", "<!ENTITY")):
            return True
        closing = "?>" if rest.startswith("<?") else "-->" if rest.startswith("<!--") else ""
        if not closing:
            # The root element, or not XML at all (the parser will say so); a prolog of 64 KB is not real.
            return position >= len(text) and full
        end = text.find(closing, position)
        if end < 0:
            return full
        position = end + len(closing)


_CHUNK = 1024 * 1024
_TAG_NAME = rb"<(?:[A-Za-z_][\w.-]*:)?(%s)[\s/>]"


def count_tags(archive: zipfile.ZipFile, name: str, limits: dict[str, int]) -> dict[str, int]:
    """How many elements the XML part ``name`` holds (key ``"*"``) and how many of each other key of
    ``limits`` (an element's local name, any namespace prefix), counted on the unpacked stream
    without parsing it (C speed, a chunk in memory at a time); counting stops as soon as a count
    passes its limit. ``<`` is markup only in XML (text escapes it): the element starts are the
    ``<`` that open no end tag, declaration or comment."""
    counts = dict.fromkeys(("*", *limits), 0)
    names = [t for t in limits if t != "*"]
    pattern = re.compile(_TAG_NAME % b"|".join(re.escape(t.encode()) for t in names)) if names else None
    carry = b""
    with archive.open(name) as part:
        while True:
            chunk = part.read(_CHUNK)
            buffer = carry + chunk
            cut = buffer.rfind(b"<")
            if not chunk or cut < len(buffer) - 64:
                cut = len(buffer)  # a tag cut in two is at most a prefixed name: carried over
            window, carry = buffer[:cut], buffer[cut:]
            counts["*"] += (
                window.count(b"<") - window.count(b"</") - window.count(b"<?") - window.count(b"<!")
            )
            if pattern is not None:
                for found in pattern.findall(window):
                    counts[found.decode()] += 1
            if not chunk or any(counts[key] > limit for key, limit in limits.items()):
                return counts
