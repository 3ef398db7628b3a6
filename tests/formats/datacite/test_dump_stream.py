"""The byte stream that turns a dump of concatenated DataCite documents into one document."""

from __future__ import annotations

import io

import pytest

import biblioconv
from biblioconv.formats.datacite.reader import _Documents

DOC = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<resource xmlns="http://datacite.org/schema/kernel-4">'
    '<identifier identifierType="DOI">10.1234/{n}</identifier>'
    "<titles><title>Title {n} {pad}</title></titles></resource>\n"
)


def _dump(count: int, pad: int) -> bytes:
    return "".join(DOC.format(n=n, pad="p" * pad) for n in range(count)).encode()


def _read_all(stream: _Documents, size: int) -> bytes:
    parts = []
    while True:
        part = stream.read(size)
        if not part:
            return b"".join(parts)
        assert len(part) <= size
        parts.append(part)


@pytest.mark.parametrize("size", [1, 7, 4096, 1 << 16, 1 << 20])
def test_any_read_size_gives_the_same_document(size: int) -> None:
    data = _dump(40, pad=3000)  # past one 64 KiB read of the underlying file
    whole = _Documents(io.BytesIO(data)).read()
    assert whole.startswith(b"<biblioconv-documents>")
    assert whole.endswith(b"</biblioconv-documents>")
    assert b"<?xml" not in whole
    assert whole.count(b"<resource ") == 40
    assert _read_all(_Documents(io.BytesIO(data)), size) == whole
    buffered = io.BufferedReader(_Documents(io.BytesIO(data)), buffer_size=size + 1)
    assert buffered.read() == whole


def test_declaration_split_across_reads_is_removed() -> None:
    """An XML declaration cut by the 64 KiB read boundary is still taken out."""
    first = DOC.format(n=0, pad="")
    filler = " " * ((1 << 16) - len(first) - 10)
    data = (first + filler + DOC.format(n=1, pad="")).encode()
    whole = _Documents(io.BytesIO(data)).read()
    assert b"<?xml" not in whole
    records = biblioconv.loads(data, "datacite")
    assert [r.title for r in records] == ["Title 0", "Title 1"]


def test_declared_encoding_is_kept() -> None:
    data = DOC.format(n=1, pad="é").replace("UTF-8", "ISO-8859-1").encode("latin-1")
    whole = _Documents(io.BytesIO(data)).read()
    assert whole.startswith(b'<?xml version="1.0" encoding="ISO-8859-1"?><biblioconv-documents>')
    assert biblioconv.loads(data, "datacite")[0].title == "Title 1 é"
