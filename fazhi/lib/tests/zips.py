"""Zip and PDF files built in the tests, never stored: among them real zip bombs, made in a fraction
of a second.

Deflate with a full flush forgets what came before, so a chunk compressed after a flush comes out
as the same bytes each time: the compressed stream of N copies of a chunk is N copies of those
bytes (and one final empty block). A part unpacking to 1 GiB costs 1024 copies, not 1 GiB of work.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    name: str
    packed: bytes  # raw deflate, or the bytes themselves when stored
    size: int  # unpacked
    crc: int
    deflated: bool = True


def stored(name: str, data: bytes) -> Part:
    return Part(name, data, len(data), zlib.crc32(data), deflated=False)


def deflated(name: str, data: bytes) -> Part:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Part(name, compressor.compress(data) + compressor.flush(), len(data), zlib.crc32(data))


def repeated(name: str, chunk: bytes, times: int) -> Part:
    """``chunk`` ``times`` over, deflated without ever holding or compressing more than one chunk."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush()  # an empty final block
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return Part(name, block * times + tail, len(chunk) * times, crc)


def build_zip(parts: list[Part]) -> bytes:
    """The zip file (no zip64: each part under 4 GiB) with these parts, local headers, central
    directory and end record written by hand."""
    out = bytearray()
    central = bytearray()
    for part in parts:
        name = part.name.encode()
        method = zipfile.ZIP_DEFLATED if part.deflated else zipfile.ZIP_STORED
        offset = len(out)
        fields = (20, 0x800, method, 0, 0x21, part.crc, len(part.packed), part.size, len(name))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name + part.packed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset) + name
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), start, 0)
    return bytes(out)


def with_part(content: bytes, replacement: Part) -> bytes:
    """The zip ``content`` with one part replaced (or added), the others as they were."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            if info.filename != replacement.name:
                parts.append(deflated(info.filename, archive.read(info)))
    return build_zip([*parts, replacement])


def pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of these objects (numbered from 1), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def pdf_of_pages(count: int, content: bytes = b"") -> bytes:
    """A PDF of ``count`` empty pages (each its own object), sharing one content stream if given."""
    first_page = 4 if content else 3
    kids = b" ".join(b"%d 0 R" % (first_page + n) for n in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
    ]
    if content:
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"
        )
    contents = b" /Contents 3 0 R" if content else b""
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]%s >>" % contents] * count
    return pdf(objects)


def pdf_with_huge_page_tree(entries: int) -> bytes:
    """A valid PDF whose page tree lists the one page ``entries`` times: pdfminer parses the list
    as one object, a minute per 3 million entries, in one uninterruptible call."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b"3 0 R " * entries + b"] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )
