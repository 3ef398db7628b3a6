"""``xmlsafe.iterparse`` checking limits per stretch of input keeps every limit.

Text and attribute lengths are proved within the limit from the input bytes and
only checked element by element where the bytes cannot prove it (comments, CDATA, long stretches
of text, UTF-16). Whatever the document, the filtered parse must hand out the same elements and
raise the same error as the parse that checks every element as it ends, with and without a
tag filter.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from secutil import release as _release

from biblioconv import xmlsafe
from biblioconv.errors import BiblioconvError, LimitExceeded, UnsafeInputError

LIMIT = 40
TAGS = ["rec", "{urn:x}rec"]


def _events(data: bytes, mode: str, limit: int) -> Any:
    stream = io.BytesIO(data)
    if mode == "reference":  # every element checked as it starts and ends
        return xmlsafe._every_event(stream, "d.xml", [], ("end",), 256, limit, None, 1 << 20)
    tags = TAGS if mode == "filtered" else None
    return xmlsafe.iterparse(stream, source="d.xml", max_text=limit, tags=tags)


def _outcome(data: bytes, mode: str, release: bool, limit: int = LIMIT) -> tuple[Any, ...]:
    """(matched elements handed out, error type, message, line) of one parse."""
    seen: list[str] = []
    try:
        for _event, elem in _events(data, mode, limit):
            if elem.tag not in ("rec", "{urn:x}rec"):
                continue
            seen.append(f"{elem.tag}:{elem.get('n')}")
            if release:
                _release(elem)
    except BiblioconvError as exc:
        return (seen, type(exc).__name__, str(exc), exc.line)
    return (seen, None, None, None)


def _same(data: bytes, limit: int = LIMIT) -> tuple[Any, ...]:
    for release in (False, True):
        slow = _outcome(data, "reference", release=release, limit=limit)
        for mode in ("filtered", "unfiltered"):
            fast = _outcome(data, mode, release=release, limit=limit)
            assert fast == slow, (mode, data[:300], fast, slow)
    return slow


# -- generated documents ---------------------------------------------------------------------------

_LENGTHS = st.sampled_from([0, 1, 5, LIMIT - 1, LIMIT, LIMIT + 1, 3 * LIMIT])


@st.composite
def _text(draw: st.DrawFn) -> str:
    size = draw(_LENGTHS)
    kind = draw(st.sampled_from(["plain", "plain", "wide", "comment", "cdata", "entity"]))
    if kind == "wide":  # two or three UTF-8 bytes per character
        return "é€" * (size // 2)
    if kind == "comment":  # removing the comment joins the text around it
        half = "c" * (size // 2)
        return f"{half}<!-- note -->{half}"
    if kind == "cdata":  # CDATA may hold '<'
        return f"<![CDATA[{'<b' * (size // 2)}]]>"
    if kind == "entity":  # five bytes for one character
        return "&amp;" * size
    return "t" * size


@st.composite
def _element(draw: st.DrawFn, depth: int, counter: list[int]) -> str:
    tag = draw(st.sampled_from(["rec", "x:rec", "a", "b"]))
    counter[0] += 1
    attrs = f' n="{counter[0]}"'
    if draw(st.booleans()):
        attrs += f' v="{"v" * draw(_LENGTHS)}"'
    parts = [draw(_text())]
    if depth < 3:
        for _ in range(draw(st.integers(0, 3))):
            parts.append(draw(_element(depth + 1, counter)))
            parts.append(draw(_text()))
    return f"<{tag}{attrs}>{''.join(parts)}</{tag}>"


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    counter = [0]
    body = "".join(draw(_element(1, counter)) for _ in range(draw(st.integers(1, 4))))
    prolog = draw(st.sampled_from(["", "<!-- prolog -->\n", "<?pi x?>"]))
    text = f'{prolog}<root xmlns:x="urn:x">{draw(_text())}{body}</root>'
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "iso-8859-1"]))
    if encoding == "iso-8859-1":
        text = text.replace("€", "e")
    declared = encoding.upper() if encoding != "utf-16" else "UTF-16"
    return f'<?xml version="1.0" encoding="{declared}"?>\n{text}'.encode(encoding)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_filtered_parse_matches_the_element_by_element_checks(data: bytes) -> None:
    _same(data)


# -- cases worth naming ----------------------------------------------------------------------------


def test_long_text_outside_the_records_is_refused_before_the_next_record() -> None:
    data = b'<root><rec n="1">x</rec><junk>' + b"y" * 100 + b'</junk><rec n="2">z</rec></root>'
    seen, error, message, line = _same(data)
    assert seen == ["rec:1"]
    assert error == "LimitExceeded"
    assert "<junk> has 100 characters of text (limit 40)" in message
    assert line == 1


def test_text_joined_across_a_comment_and_cdata_with_markup_characters() -> None:
    joined = b"<root><rec>" + b"a" * 30 + b"<!-- c -->" + b"b" * 30 + b"</rec></root>"
    assert _same(joined)[1] == "LimitExceeded"
    cdata = b"<root><rec><![CDATA[" + b"<i>" * 20 + b"]]></rec></root>"
    assert _same(cdata)[1] == "LimitExceeded"


def test_attribute_and_multibyte_text() -> None:
    attr = b'<root><rec n="1" a="' + b"q" * 41 + b'"/></root>'
    assert "attribute a of <rec> has 41 characters" in _same(attr)[2]
    wide = ("<root><rec>" + "é" * 40 + "</rec></root>").encode()  # 80 bytes, 40 characters
    assert _same(wide)[1] is None


def test_text_longer_than_a_read_chunk() -> None:
    size = 3 * 32 * 1024
    for extra, error in ((0, None), (1, "LimitExceeded")):
        data = b"<root><rec>" + b"x" * (size + extra) + b"</rec><rec/></root>"
        assert _same(data, limit=size)[1] == error


def test_utf16_document_is_checked_element_by_element() -> None:
    data = '<?xml version="1.0" encoding="UTF-16"?><root><rec>' + "x" * 41 + "</rec></root>"
    outcome = _same(data.encode("utf-16"))
    assert outcome[1] == "LimitExceeded"


def test_depth_beyond_libxml2s_limit_names_the_limit() -> None:
    deep = b"<a>" * 300 + b"</a>" * 300
    with pytest.raises(LimitExceeded, match="nested deeper than 256 elements"):
        list(xmlsafe.iterparse(io.BytesIO(deep), source="d", tags=["a"]))
    fine = b"<a>" * 256 + b"</a>" * 256
    assert len(list(xmlsafe.iterparse(io.BytesIO(fine), source="d", tags=["a"]))) == 256


def test_lower_depth_limit_is_still_enforced_with_tags() -> None:
    with pytest.raises(LimitExceeded, match="deeper than 3"):
        list(
            xmlsafe.iterparse(
                io.BytesIO(b"<a><b><c><d/></c></b></a>"), source="d", tags=["d"], max_depth=3
            )
        )


def test_entities_declared_past_the_first_bytes_are_refused() -> None:
    pad = b"<!--" + b"p" * 70_000 + b"-->"
    data = pad + b'<!DOCTYPE r [<!ENTITY e "x">]><r><rec>&e;</rec></r>'
    with pytest.raises(UnsafeInputError, match="declares entities"):
        list(xmlsafe.iterparse(io.BytesIO(data), source="d", tags=["rec"]))
    no_match = pad + b'<!DOCTYPE r [<!ENTITY e "x">]><r><other/></r>'
    with pytest.raises(UnsafeInputError, match="declares entities"):
        list(xmlsafe.iterparse(io.BytesIO(no_match), source="d", tags=["rec"]))


def test_elements_before_a_syntax_error_are_handed_out_first() -> None:
    data = b'<root><rec n="1"/><rec n="2"/><?xml version="1.0"?><rec n="3"/></root>'
    seen, error, message, line = _same(data)
    assert seen == ["rec:1", "rec:2"]
    assert error == "ParseError"
    assert message.startswith("d.xml:1: XML syntax error")
    assert line == 1
