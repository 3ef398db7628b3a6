"""Nothing lost silently: a record with one awkward value, written to a format and read back.

For every format that reads and writes, each record below is written and read back. Whatever
the record held that does not come back as it was (a value lost or changed; values the reader
adds, such as an inferred container type, are not losses) must be named by at least one
diagnostic of the write. The records come from an audit that found such silent changes in the
BibTeX, RIS, Dublin Core and DataCite writers; each is a regression case.
"""

from __future__ import annotations

from typing import Any

import pytest

import biblioconv
from biblioconv import registry
from biblioconv.model import Record
from biblioconv.report import ConversionReport

FORMATS = [
    s.name
    for s in registry.all_formats()
    if s.can_read and s.can_write and s.name not in ("citation", "record-json")
]

#: Writer options that let a format write records it would refuse for a missing mandatory value
#: (DataCite: placeholders it reports; Crossref: a landing page made from the DOI, reported).
OPTIONS: dict[str, dict[str, Any]] = {
    "datacite": {"fill_unknown": True},
    "datacite-json": {"fill_unknown": True},
    "crossref": {"resource": "https://example.org/{doi}"},
}

BASE: dict[str, Any] = {
    "type": "article-journal",
    "titles": [{"text": "A study"}],
    "contributors": [{"family": "Smith", "given": "Jane"}],
    "dates": [{"type": "issued", "start": {"year": 2001, "month": 5}}],
    "publisher": {"name": "P"},
    "identifiers": [{"scheme": "doi", "value": "10.1000/base"}],
    "container": {"type": "periodical", "titles": [{"text": "J"}], "volume": "3"},
}


def _name(**fields: Any) -> dict[str, Any]:
    return {"contributors": [fields]}


CASES: dict[str, dict[str, Any]] = {
    # names
    "particle": _name(family="Gogh", given="Vincent", non_dropping_particle="van"),
    "dropping particle": _name(family="Beethoven", given="Ludwig", dropping_particle="van"),
    "suffix": _name(family="King", given="Martin Luther", suffix="Jr."),
    "organisation without a keyword": _name(kind="organization", literal="Procter and Gamble"),
    "organisation with a comma": _name(kind="organization", literal="Smith, Jones & Partners"),
    "one-word organisation": _name(kind="organization", literal="Smith"),
    "one-part person": _name(literal="Madonna"),
    "person named like an organisation": _name(family="Commission", given="Anna"),
    "family with particle words": _name(family="de la Cruz", given="Juana Inés"),
    "family alone": _name(family="Li"),
    "given alone": _name(given="Sukarno"),
    "braced organisation": _name(kind="organization", literal="{Braced} Org"),
    "name kept whole": _name(literal="Anna Smith"),
    # titles, dates, texts
    "italic title": {"titles": [{"text": "On <i>E. coli</i> growth"}]},
    "title language": {"titles": [{"text": "Titre", "lang": "fr"}]},
    "translated title": {
        "titles": [{"text": "A study"}, {"text": "Eine Studie", "type": "translated", "lang": "de"}]
    },
    "approximate date": {
        "dates": [{"type": "issued", "start": {"year": 2001}, "approximate": True}]
    },
    "date range": {"dates": [{"type": "issued", "start": {"year": 2001}, "end": {"year": 2003}}]},
    "season": {"dates": [{"type": "issued", "start": {"year": 2001, "season": 2}}]},
    "two abstracts": {
        "descriptions": [{"text": "One", "type": "abstract"}, {"text": "Two", "type": "abstract"}]
    },
    "a note": {"descriptions": [{"text": "A note", "type": "note"}]},
    "keywords with a comma": {"subjects": [{"term": "a"}, {"term": "b, c"}]},
    # identifiers, container, the rest
    "two DOIs": {
        "identifiers": [
            {"scheme": "doi", "value": "10.1000/a"},
            {"scheme": "doi", "value": "10.1000/b"},
        ]
    },
    "volume alone": {"container": {"type": "periodical", "titles": [{"text": "J"}], "volume": "9"}},
    "article number": {
        "container": {
            "type": "periodical",
            "titles": [{"text": "J"}],
            "volume": "3",
            "number": "e5",
            "number_type": "Article",
        }
    },
    "rights with a URI": {
        "rights": [
            {"statement": "CC BY 4.0", "uri": "https://creativecommons.org/licenses/by/4.0/"}
        ]
    },
    "event": {
        "type": "paper-conference",
        "container": {"type": "proceedings", "titles": [{"text": "Proc"}]},
        "event": {
            "title": "Conf X",
            "place": "Paris",
            "date": {"type": "event", "start": {"year": 2001, "month": 6}},
        },
    },
    "archive location": {"archive": {"name": "Bodleian", "location": "MS 12"}},
    "publication status": {"publication_status": "in-press"},
    "citation": {"citation": "Smith J. A study. J 2001;3."},
    "attachment": {"attachments": [{"url": "https://example.org/a.pdf"}]},
    "name language": _name(family="Smith", given="Jane", lang="en"),
    "subject code": {"subjects": [{"term": "Physics", "code": "530", "scheme": "DDC"}]},
    "subject scheme": {
        "subjects": [{"term": "Physics", "scheme": "LCSH", "value_uri": "http://id.loc.gov/x"}]
    },
    "container short title": {
        "container": {
            "type": "periodical",
            "titles": [{"text": "Journal of Things"}, {"text": "J Things", "type": "short"}],
        }
    },
    "funding": {
        "funding": [
            {
                "funder_name": "EC",
                "funder_identifier": {"scheme": "ror", "value": "00k4n6c32"},
                "award_number": "123",
                "award_title": "Big project",
            }
        ]
    },
    "translator": {
        "contributors": [
            {"family": "Smith", "given": "Jane"},
            {"family": "Doe", "given": "J", "role": "translator"},
        ]
    },
    "submitted date": {
        "dates": [
            {"type": "issued", "start": {"year": 2001}},
            {"type": "submitted", "start": {"year": 2000, "month": 12}},
        ]
    },
    "geo location": {
        "geo_locations": [{"place": "Oxford", "point": {"latitude": 51.75, "longitude": -1.25}}]
    },
    "chapter with its book's ISBN": {
        "type": "chapter",
        "chapter": "3",
        "container": {
            "type": "book",
            "titles": [{"text": "Book"}],
            "identifiers": [{"scheme": "isbn", "value": "9780306406157"}],
            "pages": {"first": "1", "last": "9"},
        },
        "contributors": [
            {"family": "A", "given": "B"},
            {"family": "E", "given": "F", "role": "editor"},
        ],
    },
    "volumes, part, section": {
        "type": "book",
        "container": None,
        "number_of_volumes": "3",
        "part": "2",
        "section": "4",
    },
    "series short title": {
        "type": "book",
        "container": None,
        "series": {
            "titles": [{"text": "Lecture Notes in X"}, {"text": "LNX", "type": "short"}],
            "number": "7",
        },
    },
    "et al": {"et_al": ["author"]},
    "related item": {
        "related_items": [
            {
                "relation_type": "IsSupplementTo",
                "titles": [{"text": "Data"}],
                "identifiers": [{"scheme": "doi", "value": "10.1000/d"}],
            }
        ]
    },
    "rich title": {
        "titles": [
            {"text": 'The <span class="nocase">DNA</span> of <i>E. coli</i> at 37 <sup>o</sup>C'}
        ]
    },
    "rich abstract": {
        "descriptions": [{"text": "An <i>abstract</i> with <sup>2</sup>", "type": "abstract"}]
    },
}


def _lost(was: Any, now: Any, path: str = "") -> list[str]:
    """Paths of what ``was`` held that ``now`` does not hold as it was (additions ignored)."""
    if isinstance(was, dict):
        if not isinstance(now, dict):
            return [path or "record"]
        out: list[str] = []
        for key, value in was.items():
            out += _lost(value, now.get(key), f"{path}.{key}" if path else key)
        return out
    if isinstance(was, list):
        if not isinstance(now, list) or len(now) < len(was):
            return [path]
        return [p for i, item in enumerate(was) for p in _lost(item, now[i], f"{path}[{i}]")]
    return [] if was == now else [path]


def _dump(record: Record) -> dict[str, Any]:
    return record.model_dump(
        mode="json", exclude={"extras", "native_types", "id", "citation_key"}, exclude_defaults=True
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_what_does_not_read_back_is_reported(case: str, fmt: str) -> None:
    record = Record.model_validate(
        {k: v for k, v in {**BASE, **CASES[case]}.items() if v is not None}
    )
    report = ConversionReport()
    options = OPTIONS.get(fmt, {})
    text = biblioconv.dumps([record], fmt, report=report, **options)
    [back] = biblioconv.loads(text.encode("utf-8"), fmt)
    lost = _lost(_dump(record), _dump(back))
    said = [d for d in report.diagnostics if d.code.value != "MISSING_REQUIRED"]
    assert not lost or said, f"{fmt}: {case}: {lost} changed and nothing was reported"


def test_the_cases_do_find_changes() -> None:
    """Most cases change in some format (the test above is not vacuous)."""
    changed = 0
    for fields in CASES.values():
        record = Record.model_validate(
            {k: v for k, v in {**BASE, **fields}.items() if v is not None}
        )
        for fmt in ("ris", "dc", "bibtex"):
            options: dict[str, Any] = {}
            [back] = biblioconv.loads(biblioconv.dumps([record], fmt, **options).encode(), fmt)
            if _lost(_dump(record), _dump(back)):
                changed += 1
                break
    assert changed >= len(CASES) * 3 // 4


#: fields only one format holds, as its reader keeps them in the record's extras, each with a
#: text that shows in a writer's output when the field is written
FOREIGN: dict[str, dict[str, tuple[Any, str]]] = {
    "bibtex": {"fulleditor": ("Fulleditor Value", "Fulleditor Value")},
    "ris": {"M3": ("Mthree Value", "Mthree Value")},
    "dc": {"dc:coverage": ("Coverage Value", "Coverage Value")},
    "csl-json": {"custom": ({"note": "Custom Value"}, "Custom Value")},
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_fields_only_another_format_holds_are_written_back_or_reported(fmt: str) -> None:
    """A record read from one format keeps the fields only that format has in its extras; a
    writer of another format writes them where it can and names the rest."""
    extras: dict[str, dict[str, Any]] = {
        source: {key: value for key, (value, _) in fields.items()}
        for source, fields in FOREIGN.items()
    }
    extras["bibtex"]["@inherited"] = ["publisher"]  # bookkeeping of a crossref child
    record = Record.model_validate({**BASE, "extras": extras})
    report = ConversionReport()
    options = OPTIONS.get(fmt, {})
    text = biblioconv.dumps([record], fmt, report=report, **options)
    dropped = [d.field or "" for d in report.diagnostics if d.code.value == "FIELD_DROPPED"]
    for source, fields in FOREIGN.items():
        for key, (_, shown) in fields.items():
            if shown in text:
                continue  # written
            assert any(
                f == f"extras.{source}" or f.startswith(f"extras.{source}.") for f in dropped
            ), f"{fmt}: {source} field {key} neither written nor reported"
    # bookkeeping (which fields a crossref parent gave) is no data: never reported
    assert not any("@inherited" in d.message for d in report.diagnostics)
