"""The validation API: structural checks, offline XSD validation, the schema manifest."""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import shutil
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from testsupport import ROOT, SCHEMAS

from biblioconv import validation
from biblioconv.errors import ValidationError

CASES = ROOT / "tests" / "formats" / "datacite" / "cases"


def test_package_manifest_is_the_repository_manifest() -> None:
    repo = (ROOT / "schemas" / "official-schemas.json").read_bytes()
    package = (ROOT / "src" / "biblioconv" / "data" / "official-schemas.json").read_bytes()
    assert repo == package
    assert validation.manifest() == json.loads(repo)


def test_manifest_lists_official_files_with_their_hashes() -> None:
    # The reference material may hold more schemas than the package relies on; every file the
    # manifest lists must be there, byte for byte.
    entries = {e["path"]: e for e in validation.manifest()["files"]}
    for path, entry in entries.items():
        assert (SCHEMAS / path).is_file(), path
        assert hashlib.sha256((SCHEMAS / path).read_bytes()).hexdigest() == entry["sha256"]
        assert entry["url"].startswith(("http://", "https://"))
    for target in validation.manifest()["remote_imports"].values():
        assert target in entries


def test_manifest_is_closed_under_the_schemas_imports() -> None:
    """Every schema a listed XSD imports or includes is listed too (or mapped as remote)."""
    manifest = validation.manifest()
    entries = {e["path"] for e in manifest["files"]}
    remote = manifest["remote_imports"]
    xs = "{http://www.w3.org/2001/XMLSchema}"
    checked = 0
    for path in sorted(p for p in entries if p.endswith(".xsd")):
        tree = etree.parse(str(SCHEMAS / path))
        for ref in tree.iter(f"{xs}import", f"{xs}include", f"{xs}redefine"):
            location = ref.get("schemaLocation")
            if not location:
                continue
            checked += 1
            if location.startswith(("http://", "https://")):
                assert location in remote, (path, location)
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), location))
            assert target in entries, (path, location)
    assert checked > 0


@pytest.mark.parametrize("path", sorted(CASES.glob("*.xml")), ids=lambda p: p.name)
def test_kitchen_sinks_and_minimal_documents_are_valid(path: Path) -> None:
    assert validation.validate(path.read_bytes(), "datacite", schema_dir=SCHEMAS) == []


def test_structural_checks_run_without_schema_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(validation.SCHEMA_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/nonexistent-cache")
    data = (CASES / "minimal-4.7.xml").read_text()
    broken = data.replace("<publisher>Example Repository</publisher>", "").replace("2020", "20")
    problems = validation.validate(broken.encode(), "datacite")
    # the line of the resource for a missing property, else of the element
    assert "line 2: record 1: missing mandatory property publisher" in problems
    assert "line 13: record 1: publicationYear '20' is not a four-digit year" in problems
    assert not any("XSD" in p for p in problems)


def test_controlled_lists_of_the_chosen_version() -> None:
    data = (CASES / "kitchen-sink-4.7.xml").read_bytes()
    problems = validation.validate(data, "datacite", version="4.6", schema_dir=SCHEMAS)
    assert (
        "line 29: record 1: resourceType@resourceTypeGeneral: 'Poster' is not in DataCite 4.6's "
        "resourceType list"
    ) in problems
    assert any("XSD" in p and "Poster" in p for p in problems)
    assert validation.validate(data, "datacite", version="4.7", schema_dir=SCHEMAS) == []


def test_schema_dir_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(validation.SCHEMA_DIR_ENV, str(SCHEMAS))
    bad = (
        (CASES / "minimal-4.4.xml")
        .read_text()
        .replace("</resource>", "<sizes><size><x/></size></sizes></resource>")
    )
    problems = validation.validate(bad.encode(), "datacite")
    assert any("XSD" in p for p in problems)


def test_tampered_or_missing_schema_files_are_refused(tmp_path: Path) -> None:
    shutil.copytree(SCHEMAS / "datacite" / "kernel-4.5", tmp_path / "datacite" / "kernel-4.5")
    inc = tmp_path / "datacite" / "kernel-4.5" / "include" / "datacite-dateType-v4.xsd"
    inc.write_text(inc.read_text().replace("Withdrawn", "Withdrawn2"))
    with pytest.raises(ValidationError, match="sha256"):
        validation.validate(
            (CASES / "minimal-4.5.xml").read_bytes(), "datacite", schema_dir=tmp_path
        )
    with pytest.raises(ValidationError, match="missing"):
        validation.validate(
            (CASES / "minimal-4.6.xml").read_bytes(), "datacite", schema_dir=tmp_path
        )


def test_kernel3_loads_offline_through_the_manifest_imports() -> None:
    assert (
        validation.validate(
            (CASES / "kitchen-sink-3.1.xml").read_bytes(), "datacite", schema_dir=SCHEMAS
        )
        == []
    )
    bad = (
        (CASES / "kitchen-sink-3.1.xml")
        .read_text()
        .replace("2014</publicationYear>", "14</publicationYear>")
    )
    assert any(
        "XSD" in p for p in validation.validate(bad.encode(), "datacite", schema_dir=SCHEMAS)
    )


def test_json_validation() -> None:
    import biblioconv

    records = biblioconv.loads((CASES / "kitchen-sink-4.7.xml").read_bytes(), "datacite")
    text = biblioconv.dumps(records, "datacite-json")
    assert validation.validate(text.encode(), "datacite-json") == []
    assert validation.validate(text.encode(), "datacite-json", version="4.6") == [
        "record 1: types.resourceTypeGeneral: 'Poster' is not in DataCite 4.6's resourceType list",
        "record 1: relatedIdentifiers.relationType: 'Other' is not in DataCite 4.6's relationType list",
        "record 1: relatedIdentifiers.relatedIdentifierType: 'SWHID' is not in DataCite 4.6's "
        "relatedIdentifierType list",
        "record 1: relatedItems.relationType: 'Other' is not in DataCite 4.6's relationType list",
    ]
    assert validation.validate(b'{"data": {"attributes": {"titles": []}}}', "datacite-json")


def test_other_formats_get_structural_checks() -> None:
    assert validation.validate(b"[]", "csl-json") == []
    problems = validation.validate(b'[{"id": "x", "type": "book"}, 7]', "csl-json")
    assert problems == ["line 1: record 2: RECORD_SKIPPED item 2 is a int, not an object"]
    # a bad checksum is a warning about a value: the document is valid
    bad_ris = b"TY  - JOUR\r\nSN  - 1234-5678\r\nER  - \r\n"
    assert validation.validate(bad_ris, "ris") == []
    result = validation.check(bad_ris, "ris", source="refs.ris")
    assert result.valid and result.records == 1
    assert [p.located("refs.ris") for p in result.warnings] == [
        "refs.ris:2: record #1: warning: INVALID_VALUE SN: issn '1234-5678' fails its check; "
        "kept as given"
    ]


class _Response(io.BytesIO):
    def __enter__(self) -> _Response:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def test_fetch_schemas_checks_every_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    by_url = {e["url"]: SCHEMAS / e["path"] for e in validation.manifest()["files"]}

    def serve(url: str, timeout: float = 0) -> _Response:
        return _Response(by_url[url].read_bytes())

    monkeypatch.setattr(validation.urllib.request, "urlopen", serve)
    target = validation.fetch_schemas(tmp_path / "cache")
    assert (
        validation.validate(
            (CASES / "kitchen-sink-4.7.xml").read_bytes(), "datacite", schema_dir=target
        )
        == []
    )

    def corrupt(url: str, timeout: float = 0) -> _Response:
        return _Response(b"<xs:schema/>")

    monkeypatch.setattr(validation.urllib.request, "urlopen", corrupt)
    with pytest.raises(ValidationError) as exc:
        validation.fetch_schemas(tmp_path / "other")
    assert len(exc.value.problems) == len(by_url)
    assert not (tmp_path / "other" / "datacite").exists()
