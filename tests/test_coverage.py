"""Every field of every format (../shared/fields/*.json) has a home in the record model."""

from __future__ import annotations

import json
from typing import Any

import pytest
from testsupport import SHARED

from biblioconv import registry
from biblioconv.crosswalk import LOSS_ROWS, Crosswalk, loss_cell, parse_path

#: fields file -> the formats whose crosswalks must cover it
FIELD_FILES: dict[str, tuple[str, ...]] = {
    "csl-1.0.2.json": ("csl-json",),
    "bibtex.json": ("bibtex",),
    "biblatex.json": ("biblatex",),
    "ris.json": ("ris",),
    "datacite-4.7.json": ("datacite",),
    "datacite-3.1.json": ("datacite",),
    "dublin-core.json": ("dc", "dcterms"),
    "crossref-5.3.1.json": ("crossref",),
    "medline-nbib.json": ("medline",),
    "pubmed-xml.json": ("pubmed-xml",),
    "cff-1.2.0.json": ("cff",),
    "codemeta.json": ("codemeta",),
    "mods-3.8.json": ("mods",),
    "endnote-xml.json": ("endnote-xml",),
    "schemaorg-scholarly.json": ("schemaorg",),
    "jats-1.3.json": ("jats",),
}


def _crosswalks(names: tuple[str, ...]) -> list[Crosswalk]:
    out = []
    for name in names:
        cw = registry.get(name).get_crosswalk()
        assert cw is not None, f"format {name} has no crosswalk"
        out.append(cw)
    return out


def _field_names(data: dict[str, Any]) -> list[str]:
    names = [f.get("path") or f["name"] for f in data["fields"]]
    for key in ("name_object_keys", "date_object_keys"):
        names += [k["name"] for k in data.get(key, [])]
    return names


@pytest.mark.parametrize("filename", sorted(FIELD_FILES))
def test_every_field_has_a_home(filename: str) -> None:
    data = json.loads((SHARED / "fields" / filename).read_text("utf-8"))
    cws = _crosswalks(FIELD_FILES[filename])
    missing = [name for name in _field_names(data) if not any(cw.field_map(name) for cw in cws)]
    assert not missing, f"{filename}: fields without a home: {missing}"
    for cw in cws:
        for name in _field_names(data):
            fm = cw.field_map(name)
            if fm is not None and fm.home != "extras":
                parse_path(fm.home)  # raises if the home is not in the model


@pytest.mark.parametrize("filename", sorted(FIELD_FILES))
def test_every_type_is_mapped(filename: str) -> None:
    data = json.loads((SHARED / "fields" / filename).read_text("utf-8"))
    cws = _crosswalks(FIELD_FILES[filename])
    missing = [t["name"] for t in data["types"] if not any(cw.type_to_hub(t["name"]) for cw in cws)]
    assert not missing, f"{filename}: types without a mapping: {missing}"


def _all_crosswalks() -> list[Crosswalk]:
    out: list[Crosswalk] = []
    for spec in registry.all_formats():
        cw = spec.get_crosswalk()
        if cw is not None and all(cw is not seen for seen in out):
            out.append(cw)
    return out


@pytest.mark.parametrize("cw", _all_crosswalks(), ids=lambda cw: cw.format)
def test_crosswalk_homes_exist(cw: Crosswalk) -> None:
    assert cw.check() == []


@pytest.mark.parametrize("cw", _all_crosswalks(), ids=lambda cw: cw.format)
def test_every_loss_row_is_decided(cw: Crosswalk) -> None:
    undecided = [row for row in LOSS_ROWS if loss_cell(cw, row) == "unknown"]
    assert not undecided, f"{cw.format}: say whether these are kept or dropped: {undecided}"


@pytest.mark.parametrize(
    "cw",
    [cw for cw in _all_crosswalks() if registry.get(cw.format).can_write],
    ids=lambda cw: cw.format,
)
def test_writer_type_map_covers_every_hub_type(cw: Crosswalk) -> None:
    from biblioconv.vocab import RESOURCE_TYPES

    missing = [t for t in RESOURCE_TYPES if cw.type_from_hub(t) is None]
    assert not missing, f"{cw.format}: no type to write for {missing}"
