"""Unit tests of the free-text heuristics, and property tests of the reader and writers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import biblioconv
from biblioconv.errors import BiblioconvError
from biblioconv.formats.dublin_core import heuristics as H
from biblioconv.model import Contributor, Record, Title, plain_text


@pytest.mark.parametrize(
    ("text", "family", "given", "kind", "extra"),
    [
        ("Smith, John", "Smith", "John", "person", {}),
        ("Family, Given, 1950-", "Family", "Given", "person", {"life_dates": "1950-"}),
        ("King, Martin Luther, Jr.", "King", "Martin Luther", "person", {"suffix": "Jr."}),
        ("van Gogh, Vincent", "Gogh", "Vincent", "person", {"non_dropping_particle": "van"}),
        ("Marie Curie", "Curie", "Marie", "person", {}),
        ("Smith JA", "Smith", "J. A.", "person", {}),
        (
            "University of X, Dept. Y",
            None,
            None,
            "organization",
            {"literal": "University of X, Dept. Y"},
        ),
        ("CERN", None, None, "organization", {"literal": "CERN"}),
        ("Plato", None, None, "person", {"literal": "Plato"}),
    ],
)
def test_parse_name(
    text: str, family: str | None, given: str | None, kind: str, extra: dict[str, str]
) -> None:
    parts = H.parse_name(text)
    assert (parts.family, parts.given, parts.kind) == (family, given, kind)
    for key, value in extra.items():
        assert getattr(parts, key) == value
    assert parts.rule


def test_orcid_creator() -> None:
    assert H.parse_name("https://orcid.org/0000-0002-1825-0097").orcid == "0000-0002-1825-0097"


@pytest.mark.parametrize(
    ("text", "title", "volume", "issue", "pages", "year"),
    [
        ("BMJ Innovations, 8(3), 190-198", "BMJ Innovations", "8", "3", "190-198", None),
        ("Journal of X; Vol 1, No 2 (2010); 12-34", "Journal of X", "1", "2", "12-34", 2010),
        ("Nature 123:45-67", "Nature", "123", None, "45-67", None),
        ("Ecology Letters (1461023X) vol.4 (2001)", "Ecology Letters", "4", None, None, 2001),
        ("Physical Review B, 2019, 99(4), 045123", "Physical Review B", "99", "4", "045123", 2019),
        ("J. Things, vol. 5, no. 2, pp. 100--120", "J. Things", "5", "2", "100-120", None),
        (
            "Proceedings of the XYZ Conference",
            "Proceedings of the XYZ Conference",
            None,
            None,
            None,
            None,
        ),
        # "No" and "Vol" inside words are no issue or volume markers
        (
            "Electronic Notes in Discrete Mathematics, 58, 167-174",
            "Electronic Notes in Discrete Mathematics",
            "58",
            None,
            "167-174",
            None,
        ),
        ("Journal of Volcanology, vol. 3", "Journal of Volcanology", "3", None, None, None),
        ("J, n°4", "J", None, "4", None, None),
        # an abbreviated title keeps its last period; a plain one ends before it
        (
            "J. Am. Water Works Assoc., 85(7), 54-61",
            "J. Am. Water Works Assoc.",
            "85",
            "7",
            "54-61",
            None,
        ),
        ("Nature., 3(1)", "Nature", "3", "1", None, None),
    ],
)
def test_parse_citation(
    text: str,
    title: str,
    volume: str | None,
    issue: str | None,
    pages: str | None,
    year: int | None,
) -> None:
    c = H.parse_citation(text)
    assert (c.title, c.volume, c.issue, c.pages, c.year) == (title, volume, issue, pages, year)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("en", "en"),
        ("en_US", "en-US"),
        ("eng", "en"),
        ("ger", "de"),
        ("deu", "de"),
        ("English", "en"),
        ("gsw", "gsw"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("Klingonese", None),
    ],
)
def test_to_bcp47(text: str, tag: str | None) -> None:
    assert H.to_bcp47(text)[0] == tag


@pytest.mark.parametrize(
    ("text", "spdx"),
    [
        ("http://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"),
        ("https://creativecommons.org/licenses/by-nc-nd/4.0/legalcode", "CC-BY-NC-ND-4.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
        ("CC BY-SA 4.0", "CC-BY-SA-4.0"),
        ("Creative Commons Attribution 4.0 International", "CC-BY-4.0"),
        ("https://opensource.org/licenses/MIT", "MIT"),
        ("All rights reserved", None),
        # a bare SPDX id, exactly as SPDX spells it (no statement)
        ("MIT", "MIT"),
        ("Apache-2.0", "Apache-2.0"),
        ("CC-BY-4.0", "CC-BY-4.0"),
        ("mit", None),
        ("MIT licence", None),
    ],
)
def test_parse_rights(text: str, spdx: str | None) -> None:
    parts = H.parse_rights(text)
    assert parts.identifier == spdx
    if spdx == text:
        assert parts.statement is None and parts.uri is None


def test_access_rights_terms() -> None:
    assert H.parse_rights("info:eu-repo/semantics/openAccess").access == (
        "info:eu-repo/semantics/openAccess"
    )


@pytest.mark.parametrize(
    ("values", "hub"),
    [
        (["info:eu-repo/semantics/article", "Text"], "article-journal"),
        (["Text", "Conference paper"], "paper-conference"),
        (["info:eu-repo/semantics/book", "Conference proceedings"], "proceedings"),
        (["Dataset"], "dataset"),
        (["http://purl.org/dc/dcmitype/Software"], "software"),
        (["Text", "info:eu-repo/semantics/other"], "document"),
        (["Other", "Text"], "other"),
        (["doc-type:doctoralThesis"], "thesis"),
        (["Something odd"], None),
    ],
)
def test_decide_type(values: list[str], hub: str | None) -> None:
    assert H.decide_type(values)[0] == hub


@pytest.mark.parametrize("fmt", ["dc", "dcterms"])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
def test_reader_on_arbitrary_bytes_raises_only_biblioconv_errors(fmt: str, data: bytes) -> None:
    prefix = b'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    for blob in (data, prefix + data):
        try:
            biblioconv.loads(blob, fmt)
        except BiblioconvError as exc:
            assert "\n" not in str(exc)


_text = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
    # the model's text is rich text: a tag such as "<span>" is markup, not text (whose removal
    # in Dublin Core is reported, and tested on its own)
    .filter(lambda s: plain_text(s) == s)
)
_name = st.from_regex(r"[A-Z][a-zà-ÿ]{1,10}", fullmatch=True)


@pytest.mark.parametrize("fmt", ["dc", "dcterms"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=_text,
    people=st.lists(st.tuples(_name, _name), max_size=4),
    year=st.integers(min_value=1000, max_value=2100),
    keywords=st.lists(_text.filter(lambda s: ";" not in s), max_size=3),
)
def test_write_then_read_gives_the_record_back(
    fmt: str, title: str, people: list[tuple[str, str]], year: int, keywords: list[str]
) -> None:
    from biblioconv.model import DateValue, PartialDate, Subject

    rec = Record(
        type="book",
        genre="Book",
        titles=[Title(text=title)],
        contributors=[Contributor(family=f, given=g) for f, g in people],
        dates=[DateValue(start=PartialDate(year=year))],
        subjects=[Subject(term=k) for k in keywords],
    )
    xml = biblioconv.dumps(rec, fmt)
    [back] = biblioconv.loads(xml, fmt)
    assert back.title == title
    assert [(c.family, c.given) for c in back.authors] == people
    assert back.issued is not None and back.issued.year == year
    assert [s.term for s in back.subjects] == keywords
    assert back.type == "book"
