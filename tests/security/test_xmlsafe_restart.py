"""``xmlsafe.iterparse`` hands a long document to fresh parsers without changing what it yields.

libxml2 keeps an entry for every namespace declaration its parser reads (each OAI-PMH record
declares ``oai_dc`` and ``dc``), so one parser over a long harvest grows without bound. With
``restart_after``, after the end of such an element the rest of the document goes to a fresh
parser, primed with the file's line breaks and the open elements' start tags. These tests shrink
the thresholds so restarts happen every few bytes and check that every event, element, text,
namespace map, line number and error is the one a single parser gives.
"""

from __future__ import annotations

import io
import re
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from secutil import release
from testsupport import ROOT

import biblioconv
from biblioconv import xmlsafe
from biblioconv.errors import BiblioconvError
from biblioconv.report import ConversionReport

RESTART = ["rec", "{urn:x}rec"]


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Restart after every few bytes; count the parsers made."""
    made = [0]
    real = xmlsafe._pull_parser

    def counting(*args: Any) -> Any:
        made[0] += 1
        return real(*args)

    monkeypatch.setattr(xmlsafe, "_pull_parser", counting)
    return made


def _inside(elem: Any) -> bool:
    return any(e.tag in RESTART for e in (elem, *elem.iterancestors()))


def _name(name: str) -> str:
    """A name as one parser gives it: a prefix bound to ``xmlsafe.UNBOUND_NS`` by a restarted
    parser is one libxml2 found undeclared, and names ``prefix:local`` without a namespace."""
    if name.startswith("{" + xmlsafe.UNBOUND_NS):
        uri, _, local = name[1:].partition("}")
        return f"{uri[len(xmlsafe.UNBOUND_NS) :]}:{local}"
    return name


_COLUMN = re.compile(r", column \d+$")


def _trace(data: bytes, *, restart: bool, tags: list[str] | None, events: tuple[str, ...]) -> Any:
    """Everything a reader can see of the events, then the error if any.

    Restarted parsers bind the prefixes records declared to ``xmlsafe.UNBOUND_NS`` on their
    outermost element: those bindings are left out of the namespace maps compared, and the
    column of an undeclared-prefix error (which the tree does not tell) is not compared. Such a
    document always ends in that error; on the way, an element named with the undeclared prefix
    may or may not pass a tag filter, so those elements are left out too.
    """
    seen: list[tuple[Any, ...]] = []
    try:
        for event, elem in xmlsafe.iterparse(
            io.BytesIO(data),
            source="d.xml",
            tags=tags,
            events=events,
            max_text=60,
            restart_after=RESTART if restart else None,
        ):
            name = _name(elem.tag)
            if ":" in name and not name.startswith("{"):
                continue
            seen.append(
                (
                    event,
                    name,
                    elem.sourceline,
                    sorted((_name(k), v) for k, v in elem.attrib.items()),
                    # text at a start is partial; an element open at a restart keeps
                    # only the text that follows
                    elem.text if event == "end" and _inside(elem) else None,
                    sorted(
                        (k or "", v)
                        for k, v in elem.nsmap.items()
                        if not v.startswith(xmlsafe.UNBOUND_NS)
                    ),
                    [_name(a.tag) for a in elem.iterancestors()],
                )
            )
            if event == "end" and elem.tag in RESTART:
                release(elem)
    except BiblioconvError as exc:
        message = str(exc)
        if "Namespace prefix" in message:
            message = _COLUMN.sub("", message)
        seen.append((type(exc).__name__, message, exc.line))
    return seen


def _undeclared_prefix(data: bytes) -> bool:
    """Whether libxml2 finds a namespace prefix used undeclared in the document."""
    parser = etree.XMLParser(recover=True)
    etree.fromstring(data, parser)
    return any(e.type_name == "NS_ERR_UNDEFINED_NAMESPACE" for e in parser.error_log)


def _compare(data: bytes, head: int = 40, chunk: int = 16) -> None:
    for tags, events in ((None, ("start", "end")), ([*RESTART, "b"], ("end",))):
        one = _trace(data, restart=False, tags=tags, events=events)
        with pytest.MonkeyPatch.context() as m:
            m.setattr(xmlsafe, "RESTART_BYTES", 1)
            m.setattr(xmlsafe, "_HEAD", head)
            m.setattr(xmlsafe, "_CHUNK", chunk)
            many = _trace(data, restart=True, tags=tags, events=events)
        if many != one and _undeclared_prefix(data):
            # refused either way; which check speaks first may differ when the undeclared
            # prefix names an element a tag filter then does or does not pick
            assert len(one[-1]) == len(many[-1]) == 3, (data[:400], one[-1], many[-1])
            shorter = min(len(one), len(many)) - 1
            assert one[:shorter] == many[:shorter], data[:400]
            continue
        assert many == one, data[:400]


# -- generated documents ---------------------------------------------------------------------------

_TEXT = st.sampled_from(
    [
        "",
        "t",
        "\n  ",
        "line\nbreak",
        "é€ wide",
        "<!-- </rec> -->",
        "<![CDATA[</rec>]]>",
        "<?pi </rec>?>",
        "&amp;&lt;/rec&gt;",
        "x" * 70,  # over the text limit
    ]
)


@st.composite
def _element(draw: st.DrawFn, depth: int, counter: list[int]) -> str:
    # z is never declared: libxml2 reports that only when the parse ends
    tag = draw(st.sampled_from(["rec", "x:rec", "y:rec", "a", "b", "rec", "z:b"]))
    counter[0] += 1
    attrs = f' n="{counter[0]}"'
    if draw(st.booleans()):  # a declaration on the element itself, as OAI-PMH records have
        attrs += draw(
            st.sampled_from(
                [' xmlns:x="urn:x"', ' xmlns:y="urn:x"', ' xmlns="urn:d"', ' xmlns:z="urn:z"']
            )
        )
    if draw(st.booleans()):
        attrs += draw(st.sampled_from([' x:q="a&#10;b" xml:lang="en"', ' z:q="1"']))
    parts = [draw(_TEXT)]
    if depth < 3:
        for _ in range(draw(st.integers(0, 3))):
            parts.append(draw(_element(depth + 1, counter)))
            parts.append(draw(_TEXT))
    return (
        f"<{tag}{attrs}>{''.join(parts)}</{tag} >"
        if depth == 2
        else (f"<{tag}{attrs}>{''.join(parts)}</{tag}>")
    )


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    counter = [0]
    records = "\n".join(draw(_element(2, counter)) for _ in range(draw(st.integers(1, 8))))
    wrap = draw(st.sampled_from(["plain", "attrs", "nested"]))
    if wrap == "attrs":
        body = f'<list xmlns="urn:d" kind="a&quot;b&#10;c">\n{records}\n</list>'
    elif wrap == "nested":
        body = f"<list><x:rec>{records}</x:rec></list>"
    else:
        body = records
    text = f'<root xmlns:x="urn:x" xmlns:y="urn:y">\n{body}\n</root>\n'
    if draw(st.booleans()):
        text = '<?xml version="1.0" encoding="UTF-8"?>\n' + text
    if draw(st.integers(0, 9)) == 0:  # broken: cut short
        text = text[: draw(st.integers(1, len(text)))]
    return text.encode()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=documents())
def test_restarted_parse_yields_what_one_parser_yields(data: bytes) -> None:
    _compare(data)


# -- cases worth naming ----------------------------------------------------------------------------


def _harvest(n: int) -> bytes:
    records = "".join(
        f'<record>\n <oai_dc:dc xmlns:oai_dc="urn:oai_dc" xmlns:dc="urn:dc">\n'
        f"  <dc:title>Title {i}</dc:title>\n </oai_dc:dc>\n</record>\n"
        for i in range(n)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="urn:oai" a="1">\n'
        f"<ListRecords>\n{records}<resumptionToken>t</resumptionToken>\n"
        f"</ListRecords>\n</OAI-PMH>\n"
    ).encode()


def test_a_long_harvest_goes_to_many_parsers_with_the_same_events(
    small: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _harvest(50)
    monkeypatch.setattr(sys.modules[__name__], "RESTART", ["{urn:oai}record"])
    small[0] = 0
    _compare(data, head=100, chunk=64)
    # two traces per mode without restarts; the rest are fresh parsers
    assert small[0] > 4 + 40


def test_no_restart_in_a_document_a_fresh_parser_could_not_continue(
    small: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xmlsafe, "RESTART_BYTES", 1)
    monkeypatch.setattr(xmlsafe, "_HEAD", 40)
    monkeypatch.setattr(xmlsafe, "_CHUNK", 16)
    body = "<root>" + "<rec>é</rec>\n" * 20 + "</root>"
    for doc in (
        b'<?xml version="1.0" encoding="ISO-8859-1"?>' + body.encode("latin-1"),
        body.encode("utf-16"),
        b"<!DOCTYPE root SYSTEM 'r.dtd'>" + body.encode(),
    ):
        small[0] = 0
        found = [
            e.text
            for _, e in xmlsafe.iterparse(
                io.BytesIO(doc), source="d", tags=["rec"], restart_after=["rec"]
            )
        ]
        assert found == ["é"] * 20
        assert small[0] <= 1
    small[0] = 0
    list(
        xmlsafe.iterparse(
            io.BytesIO(body.encode()), source="d", tags=["rec"], restart_after=["rec"]
        )
    )
    assert small[0] > 10


def test_error_lines_after_restarts_are_lines_of_the_file(
    small: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (
        b"<root>\n"
        + b"<rec>\n</rec>\n" * 40
        + b"<rec>\xc3\xa9</rec>" * 9
        + b"<rec><bad</rec>\n</root>"
    )
    with pytest.raises(BiblioconvError) as single:
        list(xmlsafe.iterparse(io.BytesIO(data), source="d", tags=["rec"]))
    monkeypatch.setattr(xmlsafe, "RESTART_BYTES", 1)
    monkeypatch.setattr(xmlsafe, "_HEAD", 40)
    monkeypatch.setattr(xmlsafe, "_CHUNK", 16)
    small[0] = 0
    with pytest.raises(BiblioconvError) as err:
        list(xmlsafe.iterparse(io.BytesIO(data), source="d", tags=["rec"], restart_after=["rec"]))
    assert small[0] > 10
    assert err.value.line == 82
    # the column too, on the line where the last parser took over after some <rec>é</rec>
    assert str(err.value) == str(single.value)
    assert str(err.value).startswith("d:82: XML syntax error")
    assert str(err.value).endswith("line 82, column 118")


def _datacite_documents() -> list[bytes]:
    cases = sorted((ROOT / "tests" / "formats" / "datacite" / "cases").glob("*.xml"))
    return [re.sub(rb"^<\?xml[^>]*\?>\s*", b"", p.read_bytes()) for p in cases]


def _inputs() -> list[tuple[str, bytes]]:
    dc = ROOT / "tests" / "formats" / "dublin_core" / "cases"
    docs = _datacite_documents()
    harvest = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/'
        b'OAI/2.0/">\n<ListRecords>\n'
        + b"".join(b"<record>\n<metadata>" + d + b"</metadata>\n</record>\n" for d in docs)
        + b"</ListRecords>\n</OAI-PMH>\n"
    )
    return [
        ("dc", (dc / "listrecords_deleted_token.dc.xml").read_bytes()),
        ("dc", (dc / "dspace_oai_dc_thesis.dc.xml").read_bytes()),
        ("datacite", harvest),
        ("datacite", b"\n".join(docs)),  # a dump of concatenated documents
    ]


@pytest.mark.parametrize(("fmt", "data"), _inputs())
def test_readers_give_the_same_records_and_report_across_restarts(
    fmt: str, data: bytes, small: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    once_report = ConversionReport()
    once = biblioconv.loads(data, fmt, report=once_report)
    assert once
    monkeypatch.setattr(xmlsafe, "RESTART_BYTES", 1)
    monkeypatch.setattr(xmlsafe, "_HEAD", 200)
    monkeypatch.setattr(xmlsafe, "_CHUNK", 100)
    small[0] = 0
    again_report = ConversionReport()
    again = biblioconv.loads(data, fmt, report=again_report)
    assert small[0] > 1
    assert [r.model_dump() for r in again] == [r.model_dump() for r in once]
    assert again_report.model_dump() == once_report.model_dump()


def test_an_undeclared_prefix_stops_restarts_so_its_error_is_still_raised(
    small: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """libxml2 reports an undeclared prefix only when the document ends: the parser that saw
    it must be the one that ends the document."""
    one = b"<rec></rec>\n"
    data = b"<root>\n" + one * 5 + b"<rec><z:t/></rec>\n" + one * 30 + b"</root>"
    monkeypatch.setattr(xmlsafe, "RESTART_BYTES", 1)
    monkeypatch.setattr(xmlsafe, "_HEAD", 40)
    monkeypatch.setattr(xmlsafe, "_CHUNK", 16)
    small[0] = 0
    seen = 0
    with pytest.raises(BiblioconvError, match="Namespace prefix z on t is not defined") as err:
        for _event, _elem in xmlsafe.iterparse(
            io.BytesIO(data), source="d", tags=["rec"], restart_after=["rec"]
        ):
            seen += 1
    assert seen == 36  # every record first, then the error, as with one parser
    assert err.value.line == 7
    assert 1 < small[0] < 6  # restarts before the undeclared prefix, none after


def test_prefixes_records_declared_are_bound_on_a_fresh_parsers_root(
    small: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """libxml2 2.12+ leaks memory for each declaration of a prefix not bound in scope: after a
    restart the prefixes records declared are bound (to reserved names) on the root, and the
    records still see their own namespaces."""
    monkeypatch.setattr(xmlsafe, "RESTART_BYTES", 1)
    monkeypatch.setattr(xmlsafe, "_CHUNK", 64)
    monkeypatch.setattr(xmlsafe, "_HEAD", 100)
    seen = []
    for event, elem in xmlsafe.iterparse(
        io.BytesIO(_harvest(40)), source="d", restart_after=["{urn:oai}record"]
    ):
        if event == "end" and elem.tag == "{urn:dc}title":
            root = next(iter(elem.iterancestors("{urn:oai}OAI-PMH")))
            seen.append((elem.nsmap["dc"], root.nsmap.get("dc"), elem.sourceline))
    assert small[0] > 10
    assert all(ns == "urn:dc" for ns, _, _ in seen)
    assert seen[0][1] is None  # the first parser binds nothing
    assert seen[-1][1] == xmlsafe.UNBOUND_NS + "dc"
    assert [line for _, _, line in seen] == [6 + 5 * i for i in range(40)]


def test_a_record_using_a_bound_prefix_undeclared_is_refused_as_libxml2_refuses_it(
    small: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _harvest(40).replace(
        b' xmlns:dc="urn:dc">\n  <dc:title>Title 30<', b">\n  <dc:title>Title 30<"
    )
    with pytest.raises(BiblioconvError) as single:
        list(xmlsafe.iterparse(io.BytesIO(data), source="d", tags=["{urn:oai}record"]))
    monkeypatch.setattr(xmlsafe, "RESTART_BYTES", 1)
    monkeypatch.setattr(xmlsafe, "_HEAD", 100)
    modes = [(["{urn:oai}record"], ("end",)), (None, ("start", "end"))]
    # with 1000-byte chunks a parse completes several records, which a reader releases (as
    # the readers do) one by one as it gets them
    for tags, events, chunk in [(*mode, chunk) for mode in modes for chunk in (64, 1000)]:
        monkeypatch.setattr(xmlsafe, "_CHUNK", chunk)
        small[0] = 0
        records = 0
        with pytest.raises(BiblioconvError) as err:
            for event, elem in xmlsafe.iterparse(
                io.BytesIO(data),
                source="d",
                tags=tags,
                events=events,
                restart_after=["{urn:oai}record"],
            ):
                if event == "end" and elem.tag == "{urn:oai}record":
                    records += 1
                    release(elem)
        assert small[0] > (10 if chunk == 64 else 3)
        assert records == 40  # every record first, then the error, as with one parser
        assert err.value.line == single.value.line == 156
        assert str(single.value).startswith(str(err.value))
        assert (
            str(err.value)
            == "d:156: XML syntax error: Namespace prefix dc on title is not defined, line 156"
        )
