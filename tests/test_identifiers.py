"""Tests for identifier normalisation, checksum validation and classification."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from biblioconv.identifiers import (
    SCHEMES,
    canonical_scheme,
    classify,
    is_valid_isbn,
    is_valid_issn,
    is_valid_orcid,
    isbn10_to_13,
    isbn13_to_10,
    normalize,
    split_isbn_issn,
    to_url,
)

# --- scheme names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("DOI", "doi"),
        ("arXiv", "arxiv"),
        ("ISBN", "isbn"),
        ("EISSN", "eissn"),
        ("e-ISSN", "eissn"),
        ("ISSN-L", "lissn"),
        ("LISSN", "lissn"),
        ("Crossref Funder ID", "crossref-funder"),
        ("URN:NBN", "urn-nbn"),
        ("PMCID", "pmcid"),
        ("PMID", "pmid"),
        ("ORCID", "orcid"),
        ("ROR", "ror"),
        ("ISNI", "isni"),
        ("Handle", "handle"),
        ("URL", "url"),
        ("EAN13", "ean13"),
        ("w3id", "w3id"),
        ("  Wikidata ", "wikidata"),
        (" My Local Scheme ", "my local scheme"),
        ("", ""),
    ],
)
def test_canonical_scheme(name: str, expected: str) -> None:
    assert canonical_scheme(name) == expected


def test_canonical_scheme_is_fixed_point_on_schemes() -> None:
    for scheme in SCHEMES:
        assert canonical_scheme(scheme) == scheme
        assert canonical_scheme(scheme.upper()) == scheme
    assert len(set(SCHEMES)) == len(SCHEMES)


# --- normalize: known-good values -------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "value", "expected"),
    [
        # ORCID
        ("orcid", "0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("orcid", "https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("orcid", "http://orcid.org/0000-0003-3870-2609", "0000-0003-3870-2609"),
        ("orcid", "0000000218250097", "0000-0002-1825-0097"),
        ("orcid", "0000-0002-9079-593x", "0000-0002-9079-593X"),
        ("ORCID", " orcid.org/0000000338702609 ", "0000-0003-3870-2609"),
        # ISNI
        ("isni", "0000000121032683", "0000000121032683"),
        ("isni", "0000 0001 2103 2683", "0000000121032683"),
        ("isni", "https://isni.org/isni/000000012146438X", "000000012146438X"),
        ("isni", "ISNI 0000 0001 2146 438x", "000000012146438X"),
        # ROR
        ("ror", "052gg0110", "052gg0110"),
        ("ror", "https://ror.org/052gg0110", "052gg0110"),
        ("ror", "https://ror.org/05DXPS055", "05dxps055"),
        # ISSN
        ("issn", "2055-8074", "2055-8074"),
        ("issn", "2055-642x", "2055-642X"),
        ("issn", "0028-0836", "0028-0836"),
        ("issn", "00280836", "0028-0836"),
        ("issn", "ISSN 0028-0836", "0028-0836"),
        ("eissn", "1476-4687", "1476-4687"),
        ("lissn", "ISSN-L: 0028-0836", "0028-0836"),
        # ISBN
        ("isbn", "0-306-40615-2", "9780306406157"),
        ("isbn", "978-0-306-40615-7", "9780306406157"),
        ("isbn", "ISBN 978 0 306 40615 7", "9780306406157"),
        ("isbn", "ISBN-10: 0-8044-2957-X", "9780804429573"),
        ("isbn", "080442957x", "9780804429573"),
        ("isbn", "979-10-90636-07-1", "9791090636071"),
        # DOI
        ("doi", "10.1038/nature12373", "10.1038/nature12373"),
        ("doi", "https://doi.org/10.1038/NATURE12373", "10.1038/nature12373"),
        ("doi", "http://dx.doi.org/10.1000/182", "10.1000/182"),
        ("doi", "doi.org/10.1000/182", "10.1000/182"),
        ("doi", "doi:10.5555/ABC-123", "10.5555/abc-123"),
        ("doi", "DOI: 10.5555/abc", "10.5555/abc"),
        ("doi", "info:doi/10.1000/182", "10.1000/182"),
        ("doi", "urn:doi:10.1000/182", "10.1000/182"),
        ("doi", "https://doi.org/10.1002%2F(SICI)1097-4571", "10.1002/(sici)1097-4571"),
        # arXiv
        ("arxiv", "2101.00001", "2101.00001"),
        ("arxiv", "arXiv:2101.00001v2", "2101.00001v2"),
        ("arxiv", "https://arxiv.org/abs/2101.00001", "2101.00001"),
        ("arxiv", "https://arxiv.org/pdf/2101.00001v3.pdf", "2101.00001v3"),
        ("arxiv", "0704.0001", "0704.0001"),
        ("arxiv", "hep-th/9901001", "hep-th/9901001"),
        ("arxiv", "arXiv:math.gt/0309136v1", "math.GT/0309136v1"),
        ("arxiv", "https://arxiv.org/abs/HEP-TH/9901001", "hep-th/9901001"),
        ("arxiv", "10.48550/arXiv.2101.00001", "2101.00001"),
        # PubMed
        ("pmid", "12345678", "12345678"),
        ("pmid", "PMID: 12345678", "12345678"),
        ("pmid", "https://pubmed.ncbi.nlm.nih.gov/12345678/", "12345678"),
        ("pmcid", "PMC3531190", "PMC3531190"),
        ("pmcid", "pmc3531190", "PMC3531190"),
        ("pmcid", "3531190", "PMC3531190"),
        ("pmcid", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3531190/", "PMC3531190"),
        # handles, ARKs, URNs
        ("handle", "https://hdl.handle.net/1721.1/12345", "1721.1/12345"),
        ("handle", "hdl:20.500.12345/abc", "20.500.12345/abc"),
        ("ark", "ark:/13030/tf5p30086k", "ark:/13030/tf5p30086k"),
        ("ark", "ark:13030/tf5p30086k", "ark:/13030/tf5p30086k"),
        ("ark", "https://n2t.net/ark:/13030/tf5p30086k", "ark:/13030/tf5p30086k"),
        ("ark", "http://example.org/ARK:/13030/tf5p30086k", "ark:/13030/tf5p30086k"),
        ("urn", "URN:ISBN:0-395-36341-1", "urn:isbn:0-395-36341-1"),
        ("urn", "urn:IETF:rfc:2648", "urn:ietf:rfc:2648"),
        ("urn-nbn", "URN:NBN:de:bvb:19-146642", "urn:nbn:de:bvb:19-146642"),
        ("urn:nbn", "urn:nbn:fi-fe2017112252365", "urn:nbn:fi-fe2017112252365"),
        (
            "urn-nbn",
            "https://nbn-resolving.org/urn:nbn:de:bvb:19-146642",
            "urn:nbn:de:bvb:19-146642",
        ),
        # web
        ("url", " https://example.org/a?b=c ", "https://example.org/a?b=c"),
        ("url", "ftp://ftp.example.org/pub", "ftp://ftp.example.org/pub"),
        ("openalex", "https://openalex.org/W2741809807", "W2741809807"),
        ("openalex", "a5023888391", "A5023888391"),
        ("wikidata", "https://www.wikidata.org/wiki/Q42", "Q42"),
        ("wikidata", "q42", "Q42"),
        # GS1 codes
        ("ean13", "4006381333931", "4006381333931"),
        ("upc", "036000291452", "036000291452"),
    ],
)
def test_normalize_valid(scheme: str, value: str, expected: str) -> None:
    assert normalize(scheme, value) == (expected, True)


@pytest.mark.parametrize(
    ("scheme", "value"),
    [
        ("orcid", "0000-0002-1825-0098"),  # wrong check digit
        ("orcid", "0000-0002-1825-009"),  # too short
        ("isni", "0000000121032684"),
        ("ror", "052gg0111"),
        ("ror", "152gg0110"),  # must start with 0
        ("ror", "05igg0110"),  # i is not Crockford base32
        ("issn", "2055-8075"),
        ("issn", "0028-083"),
        ("eissn", "ISSN 1476-4688"),
        ("isbn", "0-306-40615-3"),
        ("isbn", "978-0-306-40615-8"),
        ("isbn", "123-4-567-89012-6"),  # checksum fine but no 978/979 prefix
        ("isbn", "03064061X2"),
        ("doi", "10.123/abc"),  # registrant code too short
        ("doi", "https://doi.org/10.1000/a b"),
        ("doi", "11.1000/182"),
        ("doi", "doi:"),
        ("arxiv", "2113.00001"),  # month 13
        ("arxiv", "1412.00001"),  # 5-digit numbers start in 2015
        ("arxiv", "2101.0001"),  # 4-digit numbers end in 2014
        ("arxiv", "hep-th/990100"),
        ("pmid", "PMID: abc"),
        ("pmid", "0"),
        ("pmcid", "PMCX1"),
        ("handle", "hdl:abc"),
        ("ark", "ark:/13030"),
        ("urn", "urn:"),
        ("urn-nbn", "urn:isbn:123"),
        ("url", "example.org"),
        ("url", "mailto:someone@example.org"),
        ("url", "http:///path-only"),
        ("url", "http://[::1"),
        ("openalex", "X123"),
        ("wikidata", "P31"),
        ("ean13", "4006381333932"),
        ("upc", "036000291453"),
    ],
)
def test_normalize_invalid_is_kept_as_given(scheme: str, value: str) -> None:
    assert normalize(scheme, value) == (value, False)
    assert normalize(scheme, f"  {value}\n") == (value, False)


@pytest.mark.parametrize("scheme", ["bibcode", "purl", "local", "other", "istc", "no-such-scheme"])
def test_normalize_unchecked_schemes_only_strip(scheme: str) -> None:
    assert normalize(scheme, "  2019ApJ...882L..12A \t") == ("2019ApJ...882L..12A", None)


def test_doi_percent_decoding_is_repeated_to_a_fixed_point() -> None:
    assert normalize("doi", "10.1234/a%252Fb") == ("10.1234/a/b", True)
    # undecodable byte sequences are left as they are
    assert normalize("doi", "10.1234/A%FF") == ("10.1234/a%ff", True)


# --- predicates and conversions ---------------------------------------------------------------


def test_predicates() -> None:
    assert is_valid_isbn("0-306-40615-2")
    assert is_valid_isbn("9780306406157")
    assert not is_valid_isbn("9780306406158")
    assert not is_valid_isbn("")
    assert is_valid_issn("2055-642X")
    assert is_valid_issn("0028-0836")
    assert not is_valid_issn("0028-0837")
    assert is_valid_orcid("https://orcid.org/0000-0002-1825-0097")
    assert is_valid_orcid("0000000338702609")
    assert not is_valid_orcid("0000-0003-3870-2600")


def test_isbn_conversions() -> None:
    assert isbn10_to_13("0-306-40615-2") == "9780306406157"
    assert isbn10_to_13("0-8044-2957-X") == "9780804429573"
    assert isbn13_to_10("978-0-306-40615-7") == "0306406152"
    assert isbn13_to_10("9780804429573") == "080442957X"
    assert isbn13_to_10("9791090636071") is None  # 979 has no ISBN-10
    assert isbn13_to_10("9780306406158") is None
    with pytest.raises(ValueError, match="ISBN-10"):
        isbn10_to_13("0-306-40615-3")
    with pytest.raises(ValueError, match="ISBN-10"):
        isbn10_to_13("not an isbn")


# --- to_url -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "value", "url"),
    [
        ("doi", "doi:10.1038/NATURE12373", "https://doi.org/10.1038/nature12373"),
        ("orcid", "0000000218250097", "https://orcid.org/0000-0002-1825-0097"),
        ("ror", "052gg0110", "https://ror.org/052gg0110"),
        ("isni", "0000 0001 2103 2683", "https://isni.org/isni/0000000121032683"),
        ("arxiv", "arXiv:hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001"),
        ("pmid", "PMID:123", "https://pubmed.ncbi.nlm.nih.gov/123/"),
        ("pmcid", "123", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC123/"),
        ("handle", "hdl:1721.1/12345", "https://hdl.handle.net/1721.1/12345"),
        ("ark", "ark:13030/tf5p30086k", "https://n2t.net/ark:/13030/tf5p30086k"),
        ("url", " https://example.org/x ", "https://example.org/x"),
        ("openalex", "w2741809807", "https://openalex.org/W2741809807"),
        ("wikidata", "Q42", "https://www.wikidata.org/wiki/Q42"),
        ("DOI", "10.1000/182", "https://doi.org/10.1000/182"),
    ],
)
def test_to_url(scheme: str, value: str, url: str) -> None:
    assert to_url(scheme, value) == url


@pytest.mark.parametrize(
    ("scheme", "value"),
    [
        ("isbn", "9780306406157"),
        ("issn", "0028-0836"),
        ("local", "abc"),
        ("doi", "not a doi"),
        ("orcid", "0000-0002-1825-0098"),
        ("url", "example.org"),
    ],
)
def test_to_url_none(scheme: str, value: str) -> None:
    assert to_url(scheme, value) is None


# --- classify ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://doi.org/10.1000/182", ("doi", "10.1000/182", True)),
        ("http://dx.doi.org/10.1000/ABC", ("doi", "10.1000/abc", True)),
        ("doi:10.1000/182", ("doi", "10.1000/182", True)),
        ("DOI: 10.1000/182", ("doi", "10.1000/182", True)),
        ("info:doi/10.1000/182", ("doi", "10.1000/182", True)),
        ("urn:doi:10.1000/182", ("doi", "10.1000/182", True)),
        ("10.1000/182", ("doi", "10.1000/182", True)),
        ("doi:garbage", ("doi", "doi:garbage", False)),
        (
            "https://orcid.org/0000-0002-1825-0097",
            ("orcid", "0000-0002-1825-0097", True),
        ),
        ("0000-0002-1825-0097", ("orcid", "0000-0002-1825-0097", True)),
        (
            "https://orcid.org/0000-0002-1825-0098",
            ("orcid", "https://orcid.org/0000-0002-1825-0098", False),
        ),
        ("https://ror.org/052gg0110", ("ror", "052gg0110", True)),
        ("https://isni.org/isni/0000000121032683", ("isni", "0000000121032683", True)),
        ("ISNI 0000 0001 2103 2683", ("isni", "0000000121032683", True)),
        ("https://hdl.handle.net/1721.1/12345", ("handle", "1721.1/12345", True)),
        ("hdl:1721.1/12345", ("handle", "1721.1/12345", True)),
        ("urn:nbn:de:bvb:19-146642", ("urn-nbn", "urn:nbn:de:bvb:19-146642", True)),
        (
            "https://nbn-resolving.org/urn:nbn:de:bvb:19-146642",
            ("urn-nbn", "urn:nbn:de:bvb:19-146642", True),
        ),
        ("urn:isbn:0-306-40615-2", ("isbn", "9780306406157", True)),
        ("urn:issn:0028-0836", ("issn", "0028-0836", True)),
        ("urn:ietf:rfc:2648", ("urn", "urn:ietf:rfc:2648", True)),
        ("ISBN 978-0-306-40615-7", ("isbn", "9780306406157", True)),
        ("ISBN: 0-306-40615-2", ("isbn", "9780306406157", True)),
        ("978-0-306-40615-7", ("isbn", "9780306406157", True)),
        ("ISSN 0028-0836", ("issn", "0028-0836", True)),
        ("eISSN 1476-4687", ("eissn", "1476-4687", True)),
        ("ISSN-L 0028-0836", ("lissn", "0028-0836", True)),
        ("0028-0836", ("issn", "0028-0836", True)),
        ("0028-0837", ("issn", "0028-0837", False)),
        ("arXiv:2101.00001", ("arxiv", "2101.00001", True)),
        ("https://arxiv.org/abs/2101.00001v2", ("arxiv", "2101.00001v2", True)),
        ("2101.00001", ("arxiv", "2101.00001", True)),
        ("hep-th/9901001", ("arxiv", "hep-th/9901001", True)),
        ("PMID: 12345", ("pmid", "12345", True)),
        ("https://pubmed.ncbi.nlm.nih.gov/12345/", ("pmid", "12345", True)),
        ("PMC12345", ("pmcid", "PMC12345", True)),
        ("PMCID: PMC12345", ("pmcid", "PMC12345", True)),
        (
            "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC12345/",
            ("pmcid", "PMC12345", True),
        ),
        ("ark:/13030/tf5p30086k", ("ark", "ark:/13030/tf5p30086k", True)),
        ("https://n2t.net/ark:/13030/tf5p30086k", ("ark", "ark:/13030/tf5p30086k", True)),
        ("https://openalex.org/W2741809807", ("openalex", "W2741809807", True)),
        ("https://www.wikidata.org/wiki/Q42", ("wikidata", "Q42", True)),
        ("https://example.org/record/1", ("url", "https://example.org/record/1", True)),
        ("  ftp://ftp.example.org/x  ", ("url", "ftp://ftp.example.org/x", True)),
    ],
)
def test_classify(text: str, expected: tuple[str, str, bool | None]) -> None:
    assert classify(text) == expected


@pytest.mark.parametrize(
    "text", ["", "   ", "hello world", "Smith 2020", "12345", "example.org", "Doing things"]
)
def test_classify_unrecognised(text: str) -> None:
    assert classify(text) is None


# --- split_isbn_issn (RIS SN) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0028-0836", ("issn", "0028-0836", True)),
        ("2055-642x", ("issn", "2055-642X", True)),
        ("00280836", ("issn", "0028-0836", True)),
        ("978-0-306-40615-7", ("isbn", "9780306406157", True)),
        ("0-306-40615-2", ("isbn", "9780306406157", True)),
        ("0306406152", ("isbn", "9780306406157", True)),
        ("ISBN 0306406152", ("isbn", "9780306406157", True)),
        ("e-ISSN 1476-4687", ("eissn", "1476-4687", True)),
        ("ISSN 0028-0837", ("issn", "ISSN 0028-0837", False)),
        ("ISBN 0028-0836", ("isbn", "ISBN 0028-0836", False)),  # the label wins
        ("0028-0837", ("issn", "0028-0837", False)),
        ("1234567890123", ("isbn", "1234567890123", False)),
        ("0-306-40615-3", ("isbn", "0-306-40615-3", False)),
    ],
)
def test_split_isbn_issn(text: str, expected: tuple[str, str, bool | None]) -> None:
    assert split_isbn_issn(text) == expected


@pytest.mark.parametrize("text", ["", "n/a", "12345", "Nature"])
def test_split_isbn_issn_neither(text: str) -> None:
    assert split_isbn_issn(text) is None


# --- property tests ---------------------------------------------------------------------------

_SCHEME_NAMES = st.sampled_from((*SCHEMES, "DOI", "ISSN-L", "Crossref Funder ID", "unknown"))

# Text biased towards identifier-like material so the interesting branches are reached.
_FRAGMENTS = st.sampled_from(
    (
        "10.",
        "1000",
        "/",
        "%2F",
        "%25",
        "%252F",
        "25",
        "41",
        "%",
        "doi:",
        "https://doi.org/",
        "https://",
        "orcid.org/",
        "ror.org/",
        "hdl:",
        "ark:",
        "ark:/",
        "urn:",
        "nbn:",
        "de:",
        "arXiv:",
        "hep-th/",
        "PMC",
        "PMID:",
        "ISBN ",
        "ISSN ",
        "-",
        " ",
        "X",
        "x",
        "v2",
        ".pdf",
        "0",
        "9",
        "978",
        "İ",
        "ß",
        "\u00a0",
    )
)
_ID_TEXT = st.one_of(
    st.text(),
    st.lists(st.one_of(_FRAGMENTS, st.text(max_size=3)), max_size=12).map("".join),
)


@settings(max_examples=400)
@given(scheme=_SCHEME_NAMES, text=_ID_TEXT)
@example(scheme="doi", text="10.1234/%2541")
@example(scheme="urn-nbn", text="http://a/urn:nbn:x/urn:nbn:de:1")
@example(scheme="ark", text="ark:/12345/ark:/67890/y")
@example(scheme="urn", text="URN:İ:0")
def test_normalize_is_idempotent_and_total(scheme: str, text: str) -> None:
    value, valid = normalize(scheme, text)
    assert normalize(scheme, value) == (value, valid)
    if valid is False:
        assert value == text.strip()


@settings(max_examples=300)
@given(text=_ID_TEXT)
@example(text="URN:İ:0")
def test_classify_never_raises_and_agrees_with_normalize(text: str) -> None:
    result = classify(text)
    if result is not None:
        scheme, value, valid = result
        assert scheme in SCHEMES
        assert normalize(scheme, value) == (value, valid)
    split = split_isbn_issn(text)
    if split is not None:
        assert split[0] in {"isbn", "issn", "eissn", "lissn"}


@given(text=_ID_TEXT, scheme=_SCHEME_NAMES)
def test_to_url_never_raises(scheme: str, text: str) -> None:
    url = to_url(scheme, text)
    if url is not None:
        assert normalize("url", url)[1] is True


def _isbn10_check_digit(first9: str) -> str:
    """Check digit by the textbook rule: weights 10..2, remainder to 11."""
    remainder = sum(w * int(d) for w, d in zip(range(10, 1, -1), first9, strict=True)) % 11
    value = (11 - remainder) % 11
    return "X" if value == 10 else str(value)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_generated_isbn10_round_trip(first9: str) -> None:
    isbn10 = first9 + _isbn10_check_digit(first9)
    assert is_valid_isbn(isbn10)
    isbn13 = isbn10_to_13(isbn10)
    assert len(isbn13) == 13
    assert isbn13.startswith("978")
    assert isbn13[3:12] == first9
    assert is_valid_isbn(isbn13)
    assert normalize("isbn", isbn10) == (isbn13, True)
    assert isbn13_to_10(isbn13) == isbn10
    # a corrupted check digit is detected
    wrong = "0" if isbn10[-1] != "0" else "1"
    assert not is_valid_isbn(first9 + wrong)


@given(st.text(alphabet="0123456789", min_size=15, max_size=15))
def test_generated_orcid_and_isni_checksums(first15: str) -> None:
    # ISO 7064 MOD 11-2 computed independently of the library
    total = 0
    for digit in first15:
        total = (total + int(digit)) * 2
    check_value = (12 - total % 11) % 11
    check = "X" if check_value == 10 else str(check_value)
    full = first15 + check
    hyphenated = "-".join(full[i : i + 4] for i in range(0, 16, 4))
    assert normalize("orcid", full) == (hyphenated, True)
    assert normalize("isni", hyphenated) == (full, True)
    wrong = "0" if check != "0" else "1"
    assert normalize("orcid", first15 + wrong)[1] is False


def _url_by_urlsplit(value: str) -> tuple[str, bool]:
    """The URL check as urlsplit reads a URL: what the fast path must agree with."""
    from urllib.parse import urlsplit

    if any(c.isspace() for c in value):
        return value, False
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return value, False
    return value, parts.scheme.lower() in {"http", "https", "ftp"} and bool(host)


@settings(max_examples=400)
@given(
    st.sampled_from(["http://", "https://", "ftp://", "HTTP://", "Https://", "mailto:", ""]),
    st.text(alphabet="hHtTpPsSfF:/.-_[]@?#%0123456789aZ \t\u00e9\\", max_size=14),
)
@example("https://", "example.org/a?b#c")
@example("http://", "[::1]/x")
@example("http://", "user@host:80/")
@example("https://", "host:notaport")
def test_url_check_agrees_with_urlsplit(scheme: str, rest: str) -> None:
    value = (scheme + rest).strip()
    assert normalize("url", value) == _url_by_urlsplit(value)


# --- the DOI fast path holds to the definition --------------------------------------------------


def _doi_by_definition(value: str) -> tuple[str, bool]:
    """Every prefix stripped by its pattern, unquoted until stable, lower-cased, then checked."""
    from biblioconv.identifiers import _DOI, _DOI_PREFIX, _unquote_stable

    body = _unquote_stable(_DOI_PREFIX.sub("", value, count=1)).lower()
    return (body, True) if _DOI.fullmatch(body) else (value, False)


_DOI_CHARS = "10.%/:dDoOiIrRgGhHtTpPsSwWxXuUnNfF \t\u0130\u0131\u212a5%41%2F"


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["", "10.", "10.1234/", "doi:", "DOI: ", "https://doi.org/", "urn:doi:"]),
    st.text(alphabet=_DOI_CHARS, max_size=20),
)
@example("10.1234/A%2Fb", "")
@example("", "10.1/%E2%82%AC")
def test_doi_normalisation_fast_path_matches_definition(prefix: str, rest: str) -> None:
    from biblioconv.identifiers import _doi

    value = (prefix + rest).strip()
    assert _doi(value) == _doi_by_definition(value)
