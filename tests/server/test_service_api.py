"""The HTTP API in process (FastAPI's TestClient, no network): every endpoint, content
negotiation both ways, the loss report, problems and the cite session's JSON."""

from __future__ import annotations

import io
import json
import socket
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from testsupport import EXAMPLES

import biblioconv
from biblioconv import registry
from biblioconv.server.negotiation import media_types_of
from biblioconv.server.service import losses

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

BIB = EXAMPLES / "social-innovators.bib"
DATACITE = EXAMPLES / "social-innovators.datacite.xml"
OAI_DC = EXAMPLES / "social-innovators.oai_dc.xml"
CSL = EXAMPLES / "social-innovators.csl.json"
ITEMS = [
    {
        "id": "doe",
        "type": "book",
        "title": "A Book",
        "author": [{"family": "Doe", "given": "Jane"}],
        "issued": {"date-parts": [[2020]]},
    },
    {
        "id": "roe",
        "type": "article-journal",
        "title": "An Article",
        "container-title": "A Journal",
        "author": [{"family": "Roe", "given": "Richard"}],
        "issued": {"date-parts": [[2019]]},
    },
]
PROBLEM = "application/problem+json"


def _library(path: Path, to: str, from_: str | None = None, **options: str) -> bytes:
    out = io.BytesIO()
    biblioconv.convert(str(path), to, out, from_=from_, **options)
    return out.getvalue()


def _problem(response: object, status: int, kind: str) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"] == PROBLEM  # type: ignore[attr-defined]
    body: dict[str, object] = response.json()  # type: ignore[attr-defined]
    assert body["type"] == f"urn:biblioconv:problem:{kind}"
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body["detail"], str) and "\n" not in body["detail"]
    return body


# -- service endpoints ---------------------------------------------------------------------------


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": biblioconv.__version__,
        "limits": {
            "max_body_bytes": 10 * 1024 * 1024,
            "max_records": 10_000,
            "timeout_seconds": 30.0,
            "max_concurrent": 8,
        },
    }


def test_formats_lists_every_format_but_the_formatted_citation(client: TestClient) -> None:
    rows = {row["name"]: row for row in client.get("/formats").json()}
    specs = {s.name: s for s in registry.all_formats()}
    rendered = {n for n, s in specs.items() if "text/x-bibliography" in s.media_types}
    assert rendered and set(rows) == set(specs) - rendered
    for name, row in rows.items():
        spec = specs[name]
        assert row["read"] == spec.can_read and row["write"] == spec.can_write
        assert row["media_types"] == media_types_of(spec)
        assert row["extensions"] == list(spec.extensions)
    assert rows["bibtex"]["media_types"][0] == "application/x-bibtex"
    assert rows["dcterms"]["media_types"] == ["application/vnd.biblioconv.dcterms"]


def test_openapi_is_made_from_the_models(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/health", "/formats", "/styles", "/detect", "/convert", "/validate", "/cite"} <= set(
        schema["paths"]
    )
    components = schema["components"]["schemas"]
    for model in ("FormatInfo", "StyleInfo", "DetectResult", "ValidateResult", "CiteResponse"):
        assert model in components
    assert {"type", "title", "status", "detail"} <= set(components["Problem"]["properties"])
    assert "clusters" in components["CiteRequest"]["properties"]
    cite = schema["paths"]["/cite"]["post"]
    assert cite["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CiteResponse"
    }
    assert PROBLEM in cite["responses"]["400"]["content"]
    convert = schema["paths"]["/convert"]["post"]
    assert "application/x-bibtex" in convert["requestBody"]["content"]
    answers = convert["responses"]["200"]["content"]
    assert {"application/json", "text/x-bibliography", "application/x-bibtex"} <= set(answers)


def test_styles_search_best_match_first(client: TestClient) -> None:
    response = client.get("/styles", params={"q": "apa", "limit": 5})
    assert response.status_code == 200
    found = response.json()
    assert len(found) == 5 and found[0]["id"] == "apa"
    assert int(response.headers["x-total-count"]) > 5
    # an alias finds its style first; every word must match
    assert client.get("/styles", params={"q": "vancouver"}).json()[0]["id"] == (
        "nlm-citation-sequence"
    )
    both = client.get("/styles", params={"q": "chicago notes", "limit": 100}).json()
    assert both and all("chicago" in (s["id"] + s["title"]).lower() for s in both)
    assert client.get("/styles", params={"q": "no-such-style-at-all"}).json() == []
    everything = client.get("/styles", params={"limit": 1})
    assert int(everything.headers["x-total-count"]) > 10_000


def test_styles_rejects_a_bad_limit(client: TestClient) -> None:
    _problem(client.get("/styles", params={"limit": 0}), 422, "invalid-request")


# -- detect --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [BIB, DATACITE, OAI_DC, CSL], ids=lambda p: p.name)
def test_detect_as_the_library_does(client: TestClient, path: Path) -> None:
    found = client.post("/detect", content=path.read_bytes()).json()
    assert found["format"] == biblioconv.detect(path.read_bytes()).format
    assert set(found) == {"format", "confidence", "reason"}


def test_detect_uses_the_filename(client: TestClient) -> None:
    ris = b"TY  - BOOK\nTI  - A\nER  - \n"
    found = client.post("/detect", content=ris, params={"filename": "refs.ris"}).json()
    assert found["format"] == "ris" and "extension" in found["reason"]


def test_detect_of_nothing_recognisable(client: TestClient) -> None:
    body = _problem(
        client.post("/detect", content=b"\x00\x01 plain noise"), 400, "format-not-found"
    )
    assert "cannot tell the format" in str(body["detail"])


# -- convert: content negotiation ------------------------------------------------------------------


#: Targets that refuse the DataCite sample (a Crossref deposit needs a DOI and a landing page).
REFUSING = ("crossref",)


def _pairs() -> list[tuple[str, str]]:
    """(target format, its media type) for every writable format and each of its types."""
    return [
        (s.name, m)
        for s in registry.all_formats()
        if s.can_write and "text/x-bibliography" not in s.media_types and s.name not in REFUSING
        for m in media_types_of(s)
    ]


def test_a_target_that_refuses_every_record_answers_422_with_the_reason(
    client: TestClient,
) -> None:
    response = client.post(
        "/convert",
        content=DATACITE.read_bytes(),
        headers={
            "Content-Type": "application/vnd.datacite.datacite+xml",
            "Accept": "application/vnd.crossref.deposit+xml",
        },
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == "urn:biblioconv:problem:write-error"
    assert "crossref: no record written" in problem["detail"]
    assert "missing for a Crossref deposit" in problem["detail"]


@pytest.mark.parametrize(("target", "media_type"), _pairs())
def test_accept_names_the_target(client: TestClient, target: str, media_type: str) -> None:
    response = client.post(
        "/convert",
        content=DATACITE.read_bytes(),
        headers={"Content-Type": "application/vnd.datacite.datacite+xml", "Accept": media_type},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    assert response.headers["x-biblioconv-target-format"] == target
    assert response.headers["x-biblioconv-source-format"] == "datacite"
    assert response.content == _library(DATACITE, target, from_="datacite")


@pytest.mark.parametrize(
    ("path", "media_type", "fmt"),
    [
        (BIB, "application/x-bibtex", "bibtex"),
        (BIB, "text/x-bibtex", "bibtex"),
        (BIB, "application/x-biblatex", "biblatex"),
        (DATACITE, "application/vnd.datacite.datacite+xml", "datacite"),
        (CSL, "application/vnd.citationstyles.csl+json", "csl-json"),
        (
            EXAMPLES / "social-innovators.datacite.json",
            "application/vnd.datacite.datacite+json",
            "datacite-json",
        ),
        (OAI_DC, "application/oai_dc+xml", "dc"),
        (
            EXAMPLES / "social-innovators.dcterms.xml",
            "application/vnd.biblioconv.dcterms",
            "dcterms",
        ),
    ],
)
def test_content_type_names_the_source(
    client: TestClient, path: Path, media_type: str, fmt: str
) -> None:
    response = client.post(
        "/convert?to=ris", content=path.read_bytes(), headers={"Content-Type": media_type}
    )
    assert response.status_code == 200, response.text
    assert response.headers["x-biblioconv-source-format"] == fmt
    assert response.content == _library(path, "ris", from_=fmt)


def test_query_overrides_headers_and_generic_types_are_detected(client: TestClient) -> None:
    data = BIB.read_bytes()
    by_query = client.post(
        "/convert?from=bibtex&to=csl-json",
        content=data,
        headers={"Content-Type": "application/x-biblatex", "Accept": "application/x-bibtex"},
    )
    assert by_query.headers["x-biblioconv-source-format"] == "bibtex"
    assert by_query.headers["content-type"].startswith("application/vnd.citationstyles.csl+json")
    for generic in ("text/plain", "application/octet-stream", "application/x-www-form-urlencoded"):
        detected = client.post("/convert?to=ris", content=data, headers={"Content-Type": generic})
        assert detected.status_code == 200
        assert detected.headers["x-biblioconv-source-format"] == biblioconv.detect(data).format


def test_accept_quality_and_wildcards(client: TestClient) -> None:
    response = client.post(
        "/convert",
        content=BIB.read_bytes(),
        headers={
            "Accept": "*/*;q=0.1, application/x-research-info-systems;q=0.5, "
            "application/x-bibtex;q=0.9, application/vnd.datacite.datacite+xml;q=0"
        },
    )
    assert response.headers["x-biblioconv-target-format"] == "bibtex"


def test_bibliography_media_type_with_style_and_locale(client: TestClient) -> None:
    response = client.post(
        "/convert",
        content=BIB.read_bytes(),
        headers={"Accept": "text/x-bibliography; style=apa; locale=fr-FR"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/x-bibliography; charset=utf-8"
    assert response.content == _library(BIB, "citation", style="apa", locale="fr-FR")
    ieee = client.post(
        "/convert", content=BIB.read_bytes(), headers={"Accept": "text/x-bibliography; style=ieee"}
    )
    assert ieee.text.startswith("[1]") and ieee.text != response.text


def test_options_as_the_command_line_reads_them(client: TestClient) -> None:
    response = client.post(
        "/convert",
        content=BIB.read_bytes(),
        params={"to": "datacite", "option": ["datacite.fill-unknown=true", "version=4.5"]},
    )
    assert response.status_code == 200, response.text
    assert response.content == _library(BIB, "datacite", fill_unknown=True, version="4.5")
    assert b"kernel-4.5" in response.content


# -- convert: the loss report ----------------------------------------------------------------------


def test_report_headers_count_the_losses(client: TestClient) -> None:
    report = biblioconv.ConversionReport()
    biblioconv.convert(str(DATACITE), "ris", io.BytesIO(), report=report)
    assert losses(report) > 0
    response = client.post("/convert?to=ris", content=DATACITE.read_bytes())
    headers = response.headers
    assert headers["x-biblioconv-losses"] == str(losses(report))
    assert headers["x-biblioconv-records"] == str(report.records_written) == "1"
    assert headers["x-biblioconv-records-read"] == "1"
    assert headers["x-biblioconv-skipped"] == "0"
    assert int(headers["x-biblioconv-warnings"]) >= 1


@pytest.mark.parametrize("how", ["query", "accept"])
def test_json_envelope_holds_output_and_report(client: TestClient, how: str) -> None:
    if how == "query":
        response = client.post("/convert?to=ris&report=json", content=DATACITE.read_bytes())
    else:
        response = client.post(
            "/convert?to=ris", content=DATACITE.read_bytes(), headers={"Accept": "application/json"}
        )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    envelope = response.json()
    report = biblioconv.ConversionReport()
    expected = _library(DATACITE, "ris")
    biblioconv.convert(str(DATACITE), "ris", io.BytesIO(), report=report)
    assert envelope["output"] == expected.decode("utf-8")
    assert envelope["source_format"] == "datacite" and envelope["target_format"] == "ris"
    assert envelope["media_type"] == "application/x-research-info-systems"
    assert envelope["records"] == 1 and envelope["records_read"] == 1
    assert envelope["losses"] == losses(report) == int(response.headers["x-biblioconv-losses"])
    mine = [(d["code"], d["field"], d["message"]) for d in envelope["report"]]
    assert mine == [(d.code.value, d.field, d.message) for d in report.diagnostics]
    assert {"code", "severity", "message", "record", "field", "source_format", "target_format"} <= (
        set(envelope["report"][0])
    )
    assert envelope["summary"] == report.summary()


def test_strict_refuses_a_lossy_conversion(client: TestClient) -> None:
    body = _problem(
        client.post("/convert?to=ris&strict=true", content=DATACITE.read_bytes()), 422, "lossy"
    )
    assert str(body["detail"]).startswith("strict mode: conversion is lossy")


def test_records_the_writer_refuses_all(client: TestClient) -> None:
    # a DataCite record needs a DOI: the BibTeX example has none
    body = _problem(
        client.post("/convert?to=datacite", content=BIB.read_bytes()), 422, "write-error"
    )
    assert "missing mandatory DataCite properties" in str(body["detail"])


# -- problems --------------------------------------------------------------------------------------


def test_malformed_bibtex_gets_the_command_lines_line(
    client: TestClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from biblioconv.cli import main

    bad = tmp_path / "bad.bib"
    bad.write_text("@article{x, title={Unclosed, year=2020,\n", encoding="utf-8")
    assert main(["convert", str(bad), "-t", "ris", "-q"]) == 1
    cli_line = capsys.readouterr().err.strip().removeprefix("biblioconv: error: ")
    response = client.post(
        "/convert", params={"to": "ris", "filename": str(bad)}, content=bad.read_bytes()
    )
    body = _problem(response, 400, "parse-error")
    assert body["detail"] == cli_line
    anonymous = _problem(
        client.post("/convert?to=ris", content=bad.read_bytes()), 400, "parse-error"
    )
    # without a file name the content alone tells the format
    reason = cli_line.split(" record read: ", 1)[1]
    assert str(anonymous["detail"]).startswith("<input>:1: no ")
    assert str(anonymous["detail"]).endswith(f" record read: {reason}")


HOSTILE = {
    "xxe": """<?xml version="1.0"?>
<!DOCTYPE resource [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<resource xmlns="http://datacite.org/schema/kernel-4"><titles><title>&x;</title></titles>
</resource>""",
    "billion-laughs": """<?xml version="1.0"?>
<!DOCTYPE resource [
 <!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<resource xmlns="http://datacite.org/schema/kernel-4"><titles><title>&d;</title></titles>
</resource>""",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("endpoint", ["/convert?to=bibtex", "/validate", "/cite", "/detect"])
def test_hostile_xml_is_refused(client: TestClient, name: str, endpoint: str) -> None:
    data = HOSTILE[name].encode()
    headers = {"Content-Type": "application/vnd.datacite.datacite+xml"}
    response = client.post(endpoint, content=data, headers=headers)
    if endpoint == "/detect":  # telling the format reads nothing
        assert response.status_code == 200 and response.json()["format"] == "datacite"
        return
    if endpoint == "/validate":  # an unsafe document is an invalid one, said in one line
        assert response.status_code == 200
        result = response.json()
        assert result["valid"] is False
        assert any("unsafe" in e["message"] or "DTD" in e["message"] for e in result["errors"])
        return
    body = _problem(response, 400, "unsafe-input")
    with pytest.raises(biblioconv.UnsafeInputError) as raised:
        biblioconv.loads(data, "datacite")
    assert body["detail"] == str(raised.value).replace("<bytes>", "<input>")
    assert "root:" not in response.text


def test_an_external_dtd_is_never_fetched(client: TestClient) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.setblocking(False)
        port = listener.getsockname()[1]
        data = DATACITE.read_bytes().replace(
            b"<resource",
            f'<!DOCTYPE resource SYSTEM "http://127.0.0.1:{port}/evil.dtd">\n<resource'.encode(),
            1,
        )
        for endpoint in ("/convert?to=ris", "/validate", "/cite", "/detect"):
            response = client.post(endpoint, content=data)
            assert response.status_code < 500
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody connected


def test_oversized_body_from_content_length(make_client: object) -> None:
    client = make_client(max_body_bytes=1000)  # type: ignore[operator]
    body = _problem(client.post("/convert?to=ris", content=b"x" * 1001), 413, "body-too-large")
    assert "1000 bytes" in str(body["detail"])
    assert (
        client.post("/convert?to=ris", content=BIB.read_bytes()[:0] + b" " * 10).status_code != 413
    )


def test_oversized_body_while_streaming(make_client: object) -> None:
    client = make_client(max_body_bytes=1000)  # type: ignore[operator]

    def chunks() -> object:
        for _ in range(20):
            yield b"y" * 100

    response = client.post("/convert?to=ris", content=chunks())  # chunked: no Content-Length
    _problem(response, 413, "body-too-large")
    assert client.get("/health").status_code == 200


def test_too_many_records(make_client: object) -> None:
    client = make_client(max_records=2)  # type: ignore[operator]
    three = b"".join(b"@misc{k%d, title={T%d}}\n" % (i, i) for i in range(3))
    body = _problem(client.post("/convert?to=ris", content=three), 413, "too-many-records")
    assert "more than 2 records" in str(body["detail"])
    assert (
        client.post("/convert?to=ris", content=three[: three.index(b"@misc{k2")]).status_code == 200
    )
    cite = client.post("/cite", json={"items": [*ITEMS, {**ITEMS[0], "id": "x"}]})
    _problem(cite, 413, "too-many-records")


def test_unknown_format_style_and_option(client: TestClient) -> None:
    data = BIB.read_bytes()
    unknown = _problem(client.post("/convert?to=nope", content=data), 400, "format-not-found")
    assert str(unknown["detail"]).startswith("unknown format 'nope'")
    _problem(client.post("/convert?from=nope&to=ris", content=data), 400, "format-not-found")
    style = _problem(
        client.post("/cite", json={"items": ITEMS, "style": "no-such"}), 400, "style-error"
    )
    assert str(style["detail"]).startswith("style no-such: unknown style")
    accept = {"Accept": "text/x-bibliography; style=no-such"}
    _problem(client.post("/convert", content=data, headers=accept), 400, "style-error")
    option = _problem(
        client.post("/convert", content=data, params={"to": "ris", "option": "nope=1"}),
        400,
        "option-error",
    )
    assert str(option["detail"]).startswith("unknown option 'nope'")
    value = _problem(
        client.post("/convert", content=data, params={"to": "dc", "option": "dc.ascii=maybe"}),
        400,
        "option-error",
    )
    assert "ascii" in str(value["detail"])


@pytest.mark.parametrize(
    "value", ["/etc/passwd", "../apa.csl", "~/x.csl", "http://example.org/s.csl"]
)
def test_no_file_or_url_is_taken_for_a_name(client: TestClient, value: str) -> None:
    data = BIB.read_bytes()
    _problem(client.post("/cite", json={"items": ITEMS, "style": value}), 400, "style-error")
    params = {"to": "citation", "option": f"style={value}"}
    _problem(client.post("/convert", content=data, params=params), 400, "option-error")


def test_unsupported_and_unacceptable_media_types(client: TestClient) -> None:
    data = BIB.read_bytes()
    body = _problem(
        client.post("/convert?to=ris", content=data, headers={"Content-Type": "image/png"}),
        415,
        "unsupported-media-type",
    )
    assert "application/x-bibtex" in str(body["detail"])
    write_only = {"Content-Type": "text/x-bibliography"}
    _problem(
        client.post("/convert?to=ris", content=data, headers=write_only),
        415,
        "unsupported-media-type",
    )
    body = _problem(
        client.post("/convert", content=data, headers={"Accept": "image/png"}),
        406,
        "not-acceptable",
    )
    assert "?to=" in str(body["detail"])
    _problem(client.post("/convert", content=data), 406, "not-acceptable")


def test_http_errors_are_problems(client: TestClient) -> None:
    _problem(client.get("/no-such-endpoint"), 404, "http")
    _problem(client.get("/convert"), 405, "http")
    _problem(client.post("/convert?to=ris&report=xml", content=b"x"), 422, "invalid-request")


def test_an_unexpected_failure_is_a_generic_problem_and_logged(
    make_client: object, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from biblioconv.server import service

    def broken(data: bytes, filename: str | None) -> object:
        raise RuntimeError("a bug, with a secret path /srv/x")

    monkeypatch.setattr(service, "detect", broken)
    client = make_client(raise_server_exceptions=False)  # type: ignore[operator]
    with caplog.at_level("ERROR", logger="biblioconv.server"):
        response = client.post("/detect", content=b"anything")
    body = _problem(response, 500, "internal")
    assert "secret" not in response.text and "Traceback" not in response.text
    assert "logged" in str(body["detail"])
    assert any("a bug" in (r.exc_text or "") for r in caplog.records)
    assert client.get("/health").status_code == 200


# -- validate --------------------------------------------------------------------------------------


def test_validate_a_valid_document(client: TestClient) -> None:
    result = client.post("/validate?format=datacite", content=DATACITE.read_bytes()).json()
    assert result["format"] == "datacite" and result["valid"] is True
    assert result["records"] == 1 and result["errors"] == []
    assert isinstance(result["schema_checked"], str)
    detected = client.post("/validate", content=DATACITE.read_bytes()).json()
    assert detected["format"] == "datacite"


def test_validate_finds_the_problems_the_command_line_prints(client: TestClient) -> None:
    from biblioconv import validation

    data = (
        DATACITE.read_bytes()
        .replace(b"<publisher", b"<publisherX")
        .replace(b"</publisher>", b"</publisherX>")
    )
    result = client.post("/validate?format=datacite&filename=rec.xml", content=data).json()
    assert result["valid"] is False and result["errors"]
    expected = validation.check(data, "datacite", source="rec.xml")
    assert [e["text"] for e in result["errors"]] == [p.located("rec.xml") for p in expected.errors]


# -- cite ------------------------------------------------------------------------------------------


def test_cite_bibliography_of_items(client: TestClient) -> None:
    response = client.post("/cite", json={"items": ITEMS, "style": "apa", "format": "html"})
    assert response.status_code == 200, response.text
    result = response.json()
    expected = biblioconv.cite(
        biblioconv.loads(json.dumps(ITEMS), "csl-json"), "apa", output="html"
    )
    assert result["bibliography"] == [c.text for c in expected]
    assert [e["id"] for e in result["entries"]] == [c.id for c in expected]
    assert result["clusters"] == [] and result["note_style"] is False
    assert result["style"] == "apa" and result["format"] == "html"
    assert response.headers["x-biblioconv-records-read"] == "2"
    assert response.headers["x-biblioconv-records"] == "2"
    assert response.headers["x-biblioconv-source-format"] == "csl-json"


def test_cite_clusters_with_locators(client: TestClient) -> None:
    clusters = [
        {"cites": [{"id": "doe", "locator": "12", "label": "page"}]},
        {"cites": [{"id": "roe"}, {"id": "doe", "locator": "3", "label": "chapter"}]},
        {"cites": [{"id": "roe", "suppress_author": True}]},
    ]
    result = client.post("/cite", json={"items": ITEMS, "clusters": clusters}).json()
    session = biblioconv.CitationSession("apa", items=ITEMS)
    expected = session.cite_all(
        [
            ([{k.replace("_", "-"): v for k, v in c.items()} for c in cl["cites"]], None)
            for cl in clusters
        ]
    )
    assert [c["text"] for c in result["clusters"]] == [c.text for c in expected]
    assert result["clusters"][0]["text"] == "(Doe, 2020, p. 12)"
    assert result["clusters"][2]["text"] == "(2019)"
    assert [c["index"] for c in result["clusters"]] == [0, 1, 2]
    assert result["bibliography"] == [c.text for c in session.bibliography()]


def test_cite_note_style_notes_and_short_forms(client: TestClient) -> None:
    clusters = [
        {"cites": [{"id": "doe", "locator": "12", "label": "page"}], "note_number": 1},
        {"cites": [{"id": "doe", "locator": "14", "label": "page"}], "note_number": 2},
        {"cites": [{"id": "roe"}], "note_number": 3},
    ]
    request = {"items": ITEMS, "style": "chicago-notes-bibliography", "clusters": clusters}
    result = client.post("/cite", json=request).json()
    assert result["note_style"] is True
    assert [c["note"] for c in result["clusters"]] == [1, 2, 3]
    texts = [c["text"] for c in result["clusters"]]
    assert "A Book" in texts[0] and texts[1] != texts[0]  # a first note, then a short form
    session = biblioconv.CitationSession("chicago-notes-bibliography", items=ITEMS)
    expected = session.cite_all(
        [([dict(c) for c in cl["cites"]], cl["note_number"]) for cl in clusters]  # type: ignore[misc]
    )
    assert texts == [c.text for c in expected]
    assert len(result["bibliography"]) == 2


def test_cite_input_of_any_format(client: TestClient) -> None:
    text = BIB.read_text("utf-8")
    as_json = client.post("/cite", json={"input": text, "style": "ieee"}).json()
    as_body = client.post("/cite?style=ieee", content=text.encode()).json()
    expected = biblioconv.cite(biblioconv.loads(text), "ieee")
    assert as_json["bibliography"] == as_body["bibliography"] == [c.text for c in expected]
    given = client.post("/cite", json={"input": text, "from": "bibtex", "style": "ieee"})
    assert given.status_code == 200
    items = client.post("/cite?style=apa", json=ITEMS).json()  # a bare CSL-JSON array
    assert len(items["bibliography"]) == 2


def test_cite_problems(client: TestClient) -> None:
    unknown = client.post("/cite", json={"items": ITEMS, "clusters": [{"cites": [{"id": "zz"}]}]})
    assert "zz" in str(_problem(unknown, 400, "citation-error")["detail"])
    not_json = client.post("/cite", content=b"{oops", headers={"Content-Type": "application/json"})
    _problem(not_json, 400, "parse-error")
    bad_format = client.post("/cite", json={"items": ITEMS, "format": "pdf"})
    assert str(_problem(bad_format, 422, "invalid-request")["detail"]).startswith(
        "cite request: format"
    )
    nothing = _problem(client.post("/cite", json={"style": "apa"}), 422, "invalid-request")
    assert nothing["detail"] == "cite request: give items or input"
    _problem(client.post("/cite", json={"items": ITEMS, "locale": "xx-??"}), 400, "style-error")
    broken = client.post("/cite", json={"input": "@article{x, title={Unclosed", "style": "apa"})
    _problem(broken, 400, "parse-error")


def test_cite_reads_a_body_that_is_not_utf8_as_the_format_reads_it(client: TestClient) -> None:
    """A BibTeX body in Latin-1: read by the BibTeX reader (its encoding fallback, reported),
    not decoded as UTF-8 with replacement characters."""
    body = "@book{a, author={M\xfcller, J\xfcrgen}, title={Caf\xe9 cr\xe8me}, publisher={P}, year=2001}\n"
    response = client.post(
        "/cite?style=apa&format=text",
        content=body.encode("latin-1"),
        headers={"Content-Type": "application/x-bibtex"},
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["bibliography"] == ["Müller, J. (2001). Café crème. P."]
    assert [d["code"] for d in answer["report"]] == ["ENCODING"]


def test_every_media_type_names_one_format() -> None:
    """An Accept or Content-Type header picks one format: no two formats share a media type."""
    owners: dict[str, list[str]] = {}
    for spec in registry.all_formats():
        for media_type in media_types_of(spec):
            owners.setdefault(media_type, []).append(spec.name)
    assert {m: names for m, names in owners.items() if len(names) > 1} == {}
