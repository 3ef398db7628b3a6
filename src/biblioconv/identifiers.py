"""Normalisation, checksum validation and classification of bibliographic identifiers.

Every function here is pure and uses the standard library only. The central contract is
:func:`normalize`: it returns ``(value, valid)`` where ``valid`` is ``True`` or ``False`` when a
checksum or syntax check exists for the scheme and ``None`` when nothing can be checked. A value
that fails its check is returned as given (only surrounding whitespace removed), never dropped or
altered, so no information is lost.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from urllib.parse import unquote, urlsplit

__all__ = [
    "SCHEMES",
    "canonical_scheme",
    "classify",
    "is_valid_isbn",
    "is_valid_issn",
    "is_valid_orcid",
    "isbn10_to_13",
    "isbn13_to_10",
    "normalize",
    "split_isbn_issn",
    "to_url",
]

SCHEMES: tuple[str, ...] = (
    "doi",
    "isbn",
    "issn",
    "eissn",
    "lissn",
    "url",
    "pmid",
    "pmcid",
    "arxiv",
    "handle",
    "ark",
    "urn",
    "urn-nbn",
    "orcid",
    "isni",
    "ror",
    "grid",
    "crossref-funder",
    "wikidata",
    "openalex",
    "bibcode",
    "purl",
    "lsid",
    "igsn",
    "swhid",
    "rrid",
    "raid",
    "cstr",
    "w3id",
    "ean13",
    "upc",
    "istc",
    "local",
    "other",
)

Result = tuple[str, bool | None]

# ---------------------------------------------------------------------------------------------
# Scheme names
# ---------------------------------------------------------------------------------------------


def _compile_ci(pattern: str) -> re.Pattern[str]:
    """Compile a case-insensitive pattern whose letters and classes fold ASCII only.

    Unicode case folding would let e.g. ``İ`` match ``[a-z]`` and then change on lower-casing.
    ``\\s``, ``\\S`` and ``\\b`` outside character classes keep their Unicode meaning.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            escape = pattern[i : i + 2]
            out.append(
                escape if in_class or escape not in {r"\s", r"\S", r"\b"} else f"(?u:{escape})"
            )
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return re.compile("".join(out), re.IGNORECASE | re.ASCII)


class _LazyPattern:
    """A pattern of :func:`_compile_ci` compiled when first used: a run meets few of the
    schemes, and compiling the patterns of all of them took 4 ms of every command's start."""

    __slots__ = ("_compiled", "_source")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern."""
        if self._compiled is None:
            self._compiled = _compile_ci(self._source)
        return self._compiled

    def match(self, string: str) -> re.Match[str] | None:
        """As :meth:`re.Pattern.match`."""
        return self.compiled.match(string)

    def fullmatch(self, string: str) -> re.Match[str] | None:
        """As :meth:`re.Pattern.fullmatch`."""
        return self.compiled.fullmatch(string)

    def sub(self, repl: str, string: str, count: int = 0) -> str:
        """As :meth:`re.Pattern.sub`."""
        return self.compiled.sub(repl, string, count=count)


def _ci(pattern: str) -> _LazyPattern:
    """A case-insensitive pattern whose letters and classes fold ASCII only (see
    :func:`_compile_ci`), compiled when first used."""
    return _LazyPattern(pattern)


_SCHEME_KEY_DROP = re.compile(r"[\s_\-:./]+")

_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        **{_SCHEME_KEY_DROP.sub("", s): s for s in SCHEMES},
        "doiid": "doi",
        "isbn10": "isbn",
        "isbn13": "isbn",
        "pissn": "issn",
        "printissn": "issn",
        "onlineissn": "eissn",
        "electronicissn": "eissn",
        "issnl": "lissn",
        "linkingissn": "lissn",
        "uri": "url",
        "link": "url",
        "pubmed": "pmid",
        "pubmedid": "pmid",
        "pmc": "pmcid",
        "pmcidid": "pmcid",
        "pubmedcentral": "pmcid",
        "arxivid": "arxiv",
        "hdl": "handle",
        "handlenet": "handle",
        "nbn": "urn-nbn",
        "orcidid": "orcid",
        "isniid": "isni",
        "rorid": "ror",
        "gridid": "grid",
        "crossreffunderid": "crossref-funder",
        "crossreffunder": "crossref-funder",
        "fundref": "crossref-funder",
        "fundrefid": "crossref-funder",
        "wikidataid": "wikidata",
        "wikidataqid": "wikidata",
        "openalexid": "openalex",
        "adsbibcode": "bibcode",
        "ean": "ean13",
        "upca": "upc",
        "localid": "local",
        "internal": "local",
    }
)


def canonical_scheme(name: str) -> str:
    """Map any spelling of a scheme name to its canonical form (see :data:`SCHEMES`).

    Unknown names are kept: they come back lower-cased and stripped.
    """
    key = _SCHEME_KEY_DROP.sub("", name.strip().lower())
    return _ALIASES.get(key, name.strip().lower())


# ---------------------------------------------------------------------------------------------
# Checksums
# ---------------------------------------------------------------------------------------------

_DASHES = re.compile(r"[\s\-‐‑‒–—−]+")
_ISBN10 = re.compile(r"[0-9]{9}[0-9X]")
_ISBN13 = re.compile(r"97[89][0-9]{10}")
_ISSN = re.compile(r"([0-9]{4})-?([0-9]{3}[0-9X])")
_ISO7064 = re.compile(r"[0-9]{15}[0-9X]")


def _isbn10_check(first9: str) -> str:
    total = sum((10 - i) * int(c) for i, c in enumerate(first9))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def _gs1_check(body: str) -> str:
    """GS1 (EAN/UPC/ISBN-13) check digit for ``body`` (all digits but the last)."""
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(reversed(body), start=1))
    return str((10 - total % 10) % 10)


def _issn_check(first7: str) -> str:
    total = sum((8 - i) * int(c) for i, c in enumerate(first7))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def _iso7064_11_2(first15: str) -> str:
    total = 0
    for c in first15:
        total = (total + int(c)) * 2
    check = (12 - total % 11) % 11
    return "X" if check == 10 else str(check)


_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
_ROR = re.compile(r"0([0-9a-hjkmnp-tv-z]{6})([0-9]{2})")


def _ror_check(body6: str) -> str:
    n = 0
    for c in body6:
        n = n * 32 + _CROCKFORD.index(c)
    return str(98 - (n * 100) % 97).zfill(2)


# ---------------------------------------------------------------------------------------------
# Per-scheme normalisers. Each receives the stripped value and returns (value, valid).
# ---------------------------------------------------------------------------------------------

_DOI_PREFIX = _ci(r"^(?:(?:https?://)?(?:dx\.|www\.)?doi\.org/|doi:\s*|doi\s+|info:doi/|urn:doi:)")
_DOI = re.compile(r"10\.[0-9]{4,9}/\S+")


def _unquote_stable(text: str) -> str:
    for _ in range(len(text)):
        try:
            decoded = unquote(text, errors="strict")
        except UnicodeDecodeError:
            return text
        if decoded == text:
            break
        text = decoded
    return text


def _doi(value: str) -> Result:
    # the prefixes all start with a letter: a bare DOI ("10.") has none to strip
    body = value if value.startswith("10.") else _DOI_PREFIX.sub("", value, count=1)
    if "%" in body:  # unquote changes nothing else
        body = _unquote_stable(body)
    body = body.lower()
    if _DOI.fullmatch(body):
        return body, True
    return value, False


_ISBN_PREFIX = _ci(r"^(?:urn:isbn:|isbn(?:[\s\-]*1[03])?\s*:?)\s*")


def _isbn_digits(value: str) -> str:
    return _DASHES.sub("", _ISBN_PREFIX.sub("", value, count=1)).upper()


def _isbn(value: str) -> Result:
    digits = _isbn_digits(value)
    if _ISBN10.fullmatch(digits) and _isbn10_check(digits[:9]) == digits[9]:
        body = "978" + digits[:9]
        return body + _gs1_check(body), True
    if _ISBN13.fullmatch(digits) and _gs1_check(digits[:12]) == digits[12]:
        return digits, True
    return value, False


_ISSN_PREFIX = _ci(
    r"^(?:urn:issn:|(?:https?://)?portal\.issn\.org/resource/issn/|"
    r"(?:[ep]-?)?issn(?:-?l)?\s*:?)\s*"
)


def _issn(value: str) -> Result:
    body = _DASHES.sub("-", _ISSN_PREFIX.sub("", value, count=1).upper())
    m = _ISSN.fullmatch(body)
    if m and _issn_check(m.group(1) + m.group(2)[:3]) == m.group(2)[3]:
        return f"{m.group(1)}-{m.group(2)}", True
    return value, False


_ORCID_PREFIX = _ci(r"^(?:(?:https?://)?(?:www\.|sandbox\.)?orcid\.org/|orcid\s*:?)\s*")


def _orcid(value: str) -> Result:
    digits = _DASHES.sub("", _ORCID_PREFIX.sub("", value, count=1)).upper()
    if _ISO7064.fullmatch(digits) and _iso7064_11_2(digits[:15]) == digits[15]:
        return "-".join(digits[i : i + 4] for i in range(0, 16, 4)), True
    return value, False


_ISNI_PREFIX = _ci(r"^(?:(?:https?://)?(?:www\.)?isni\.org/(?:isni/)?|isni\s*:?)\s*")


def _isni(value: str) -> Result:
    digits = _DASHES.sub("", _ISNI_PREFIX.sub("", value, count=1)).upper()
    if _ISO7064.fullmatch(digits) and _iso7064_11_2(digits[:15]) == digits[15]:
        return digits, True
    return value, False


_ROR_PREFIX = _ci(r"^(?:(?:https?://)?(?:www\.)?ror\.org/|ror:)")


def _ror(value: str) -> Result:
    body = _ROR_PREFIX.sub("", value, count=1).lower()
    m = _ROR.fullmatch(body)
    if m and _ror_check(m.group(1)) == m.group(2):
        return body, True
    return value, False


_ARXIV_PREFIX = _ci(
    r"^(?:(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/|"
    r"(?:(?:https?://)?(?:dx\.)?doi\.org/)?10\.48550/arxiv\.|arxiv\s*:?)\s*"
)
_ARXIV_NEW = _ci(r"([0-9]{2})(0[1-9]|1[0-2])\.([0-9]{4,5})(v[1-9][0-9]*)?")
_ARXIV_OLD = _ci(
    r"([a-z]+(?:-[a-z]+)*)(\.[a-z]{2})?/([0-9]{2})(0[1-9]|1[0-2])([0-9]{3})(v[1-9][0-9]*)?"
)


def _arxiv(value: str) -> Result:
    body = _ARXIV_PREFIX.sub("", value, count=1)
    if body.lower().endswith(".pdf"):
        body = body[:-4]
    m = _ARXIV_NEW.fullmatch(body)
    if m:
        yymm = int(m.group(1) + m.group(2))
        width = 4 if yymm < 1501 else 5
        if yymm >= 704 and len(m.group(3)) == width:
            return f"{m.group(1)}{m.group(2)}.{m.group(3)}{(m.group(4) or '').lower()}", True
        return value, False
    m = _ARXIV_OLD.fullmatch(body)
    if m:
        archive, subject = m.group(1).lower(), (m.group(2) or "").upper()
        number = m.group(3) + m.group(4) + m.group(5)
        return f"{archive}{subject}/{number}{(m.group(6) or '').lower()}", True
    return value, False


_PMID_PREFIX = _ci(
    r"^(?:(?:https?://)?(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)|"
    r"pmid\s*:?)\s*"
)
_PMID = re.compile(r"0*([1-9][0-9]{0,8})/?")


def _pmid(value: str) -> Result:
    m = _PMID.fullmatch(_PMID_PREFIX.sub("", value, count=1))
    return (m.group(1), True) if m else (value, False)


_PMCID_PREFIX = _ci(
    r"^(?:(?:https?://)?(?:www\.)?(?:ncbi\.nlm\.nih\.gov/pmc/articles/|"
    r"pmc\.ncbi\.nlm\.nih\.gov/articles/)|pmcid\s*:?)\s*"
)
_PMCID = _ci(r"(?:pmc)?\s*0*([1-9][0-9]{0,9})/?")


def _pmcid(value: str) -> Result:
    m = _PMCID.fullmatch(_PMCID_PREFIX.sub("", value, count=1))
    return (f"PMC{m.group(1)}", True) if m else (value, False)


_HANDLE_PREFIX = _ci(r"^(?:(?:https?://)?hdl\.handle\.net/|hdl:\s*|info:hdl/)")
_HANDLE = re.compile(r"[0-9]+(?:\.[^/\s]+)*/\S+")


def _handle(value: str) -> Result:
    body = _HANDLE_PREFIX.sub("", value, count=1)
    return (body, True) if _HANDLE.fullmatch(body) else (value, False)


_ARK = _ci(r"(?:\S*?/)?ark:/?([0-9a-z]+)/(\S+)")


def _ark(value: str) -> Result:
    m = _ARK.fullmatch(value)
    if m:
        return f"ark:/{m.group(1).lower()}/{m.group(2)}", True
    return value, False


_URN = _ci(r"urn:([a-z0-9][a-z0-9-]{0,31}):(\S+)")
_URN_NBN = _ci(r"(?:https?://\S*?[/=])?urn:nbn:([a-z]{2}[:\-]\S+)")


def _urn(value: str) -> Result:
    m = _URN.fullmatch(value)
    return (f"urn:{m.group(1).lower()}:{m.group(2)}", True) if m else (value, False)


def _urn_nbn(value: str) -> Result:
    m = _URN_NBN.fullmatch(value)
    if m:
        return f"urn:nbn:{m.group(1)}", True
    return value, False


_URL_SCHEMES = frozenset({"http", "https", "ftp"})


_SPACE = re.compile(r"\s")  # what str.isspace() calls a space


#: A URL whose scheme and host any reading of it agrees on (the common case, checked without
#: parsing it; anything else goes through urlsplit).
_PLAIN_URL = re.compile(
    r"(?:[Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp])://[A-Za-z0-9.\-]+(?::[0-9]*)?(?:[/?#]\S*)?"
)


def _url(value: str) -> Result:
    if _PLAIN_URL.fullmatch(value):
        return value, True
    if _SPACE.search(value):
        return value, False
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return value, False
    return value, parts.scheme.lower() in _URL_SCHEMES and bool(host)


_OPENALEX_PREFIX = _ci(r"^(?:(?:https?://)?(?:api\.)?openalex\.org/(?:[a-z]+/)?|openalex\s*:)")
_OPENALEX = _ci(r"[WASICPF][1-9][0-9]*")


def _openalex(value: str) -> Result:
    body = _OPENALEX_PREFIX.sub("", value, count=1)
    return (body.upper(), True) if _OPENALEX.fullmatch(body) else (value, False)


_WIKIDATA_PREFIX = _ci(r"^(?:(?:https?://)?(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/|wd:)")
_WIKIDATA = _ci(r"Q[1-9][0-9]*")


def _wikidata(value: str) -> Result:
    body = _WIKIDATA_PREFIX.sub("", value, count=1)
    return (body.upper(), True) if _WIKIDATA.fullmatch(body) else (value, False)


def _gs1(length: int) -> Callable[[str], Result]:
    pattern = re.compile(f"[0-9]{{{length}}}")

    def check(value: str) -> Result:
        digits = _DASHES.sub("", value)
        if pattern.fullmatch(digits) and _gs1_check(digits[:-1]) == digits[-1]:
            return digits, True
        return value, False

    return check


def _unchecked(value: str) -> Result:
    return value, None


_NORMALIZERS: Mapping[str, Callable[[str], Result]] = MappingProxyType(
    {
        "doi": _doi,
        "isbn": _isbn,
        "issn": _issn,
        "eissn": _issn,
        "lissn": _issn,
        "url": _url,
        "pmid": _pmid,
        "pmcid": _pmcid,
        "arxiv": _arxiv,
        "handle": _handle,
        "ark": _ark,
        "urn": _urn,
        "urn-nbn": _urn_nbn,
        "orcid": _orcid,
        "isni": _isni,
        "ror": _ror,
        "wikidata": _wikidata,
        "openalex": _openalex,
        "ean13": _gs1(13),
        "upc": _gs1(12),
    }
)


def normalize(scheme: str, value: str) -> tuple[str, bool | None]:
    """Normalise ``value`` as an identifier of ``scheme`` (any spelling) and check it.

    Returns ``(normalised, valid)``: ``valid`` is ``True``/``False`` where a checksum or syntax
    check exists and ``None`` where nothing can be checked. Invalid values come back as given,
    only stripped of surrounding whitespace.
    """
    stripped = value.strip()
    check = _NORMALIZERS.get(scheme) or _NORMALIZERS.get(canonical_scheme(scheme), _unchecked)
    return check(stripped)


_URL_TEMPLATES: Mapping[str, str] = MappingProxyType(
    {
        "doi": "https://doi.org/{}",
        "orcid": "https://orcid.org/{}",
        "ror": "https://ror.org/{}",
        "isni": "https://isni.org/isni/{}",
        "arxiv": "https://arxiv.org/abs/{}",
        "pmid": "https://pubmed.ncbi.nlm.nih.gov/{}/",
        "pmcid": "https://www.ncbi.nlm.nih.gov/pmc/articles/{}/",
        "handle": "https://hdl.handle.net/{}",
        "ark": "https://n2t.net/{}",
        "url": "{}",
        "openalex": "https://openalex.org/{}",
        "wikidata": "https://www.wikidata.org/wiki/{}",
    }
)


def to_url(scheme: str, value: str) -> str | None:
    """Resolvable URL for an identifier, or ``None`` if the scheme has no resolver or the value
    fails its check. The value is normalised first.
    """
    template = _URL_TEMPLATES.get(canonical_scheme(scheme))
    if template is None:
        return None
    normalised, valid = normalize(scheme, value)
    if valid is False:
        return None
    return template.format(normalised)


# ---------------------------------------------------------------------------------------------
# Conversions and predicates
# ---------------------------------------------------------------------------------------------


def isbn10_to_13(isbn10: str) -> str:
    """Convert a valid ISBN-10 (hyphens allowed) to its ISBN-13; raise ``ValueError`` otherwise."""
    digits = _isbn_digits(isbn10.strip())
    if not (_ISBN10.fullmatch(digits) and _isbn10_check(digits[:9]) == digits[9]):
        raise ValueError(f"not a valid ISBN-10: {isbn10!r}")
    body = "978" + digits[:9]
    return body + _gs1_check(body)


def isbn13_to_10(isbn13: str) -> str | None:
    """Convert a valid 978-prefixed ISBN-13 to ISBN-10; ``None`` when no ISBN-10 exists."""
    digits = _isbn_digits(isbn13.strip())
    if not (_ISBN13.fullmatch(digits) and _gs1_check(digits[:12]) == digits[12]):
        return None
    if not digits.startswith("978"):
        return None
    return digits[3:12] + _isbn10_check(digits[3:12])


def is_valid_isbn(value: str) -> bool:
    """True if ``value`` is an ISBN-10 or ISBN-13 with a correct check digit."""
    return _isbn(value.strip())[1] is True


def is_valid_issn(value: str) -> bool:
    """True if ``value`` is an ISSN with a correct check digit."""
    return _issn(value.strip())[1] is True


def is_valid_orcid(value: str) -> bool:
    """True if ``value`` (bare, hyphenated or orcid.org URL) is an ORCID iD with valid checksum."""
    return _orcid(value.strip())[1] is True


# ---------------------------------------------------------------------------------------------
# Classification of free text
# ---------------------------------------------------------------------------------------------

_CLASSIFIER_SOURCES = (
    (r"(?:https?://)?(?:www\.|sandbox\.)?orcid\.org/|orcid\s*:", "orcid"),
    (r"(?:https?://)?(?:www\.)?ror\.org/|ror:", "ror"),
    (r"(?:https?://)?(?:www\.)?isni\.org/|isni\b", "isni"),
    (r"(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/|arxiv\s*:", "arxiv"),
    (r"(?:https?://)?(?:dx\.|www\.)?doi\.org/|doi\b|info:doi/|urn:doi:", "doi"),
    (r"10\.[0-9]{4,9}/", "doi"),
    (r"(?:https?://)?hdl\.handle\.net/|hdl:|info:hdl/", "handle"),
    (r"(?:https?://\S*?[/=])?urn:nbn:", "urn-nbn"),
    (r"urn:isbn:|isbn\b", "isbn"),
    (r"(?:[ep]-?)?issn\b", "issn"),
    (r"urn:issn:", "issn"),
    (r"urn:", "urn"),
    (
        r"(?:https?://)?(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)",
        "pmid",
    ),
    (r"pmid\b", "pmid"),
    (
        r"(?:https?://)?(?:www\.)?(?:ncbi\.nlm\.nih\.gov/pmc/|pmc\.ncbi\.nlm\.nih\.gov/)",
        "pmcid",
    ),
    (r"pmcid\s*:|pmc[0-9]+/?$", "pmcid"),
    (r"(?:\S*?/)?ark:/?[0-9a-z]+/", "ark"),
    (r"(?:https?://)?(?:api\.)?openalex\.org/", "openalex"),
    (r"(?:https?://)?(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/Q", "wikidata"),
    (r"[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$", "orcid"),
    (r"[0-9]{4}-[0-9]{3}[0-9X]$", "issn"),
    (r"[0-9]{4}\.[0-9]{4,5}(?:v[0-9]+)?$", "arxiv"),
    (r"[a-z]+(?:-[a-z]+)*(?:\.[a-z]{2})?/[0-9]{7}(?:v[0-9]+)?$", "arxiv"),
)


@functools.cache
def _classifiers() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The patterns of :data:`_CLASSIFIER_SOURCES`, compiled (when first asked)."""
    return tuple((_compile_ci(pattern), scheme) for pattern, scheme in _CLASSIFIER_SOURCES)


_ISBN_LIKE = _ci(r"(?:97[89][\-\s]?)?[0-9]{1,5}[\-\s][0-9\-\s]{5,}[0-9X]|97[89][0-9]{10}")
_EISSN_LABEL = _ci(r"e-?issn\b")
_LISSN_LABEL = _ci(r"issn-?l\b")
_ISSN_FORM = re.compile(r"[0-9]{7}[0-9X]")
_ISBN_FORM = re.compile(r"[0-9]{9}[0-9X]|[0-9]{13}")


def _issn_label(value: str) -> str:
    if _EISSN_LABEL.match(value):
        return "eissn"
    if _LISSN_LABEL.match(value):
        return "lissn"
    return "issn"


def classify(text: str) -> tuple[str, str, bool | None] | None:
    """Guess the scheme of a free-text identifier and normalise it.

    Recognises DOIs in any form, ORCID/ROR/ISNI/handle/arXiv/PubMed/OpenAlex/Wikidata URLs and
    prefixes, ``urn:nbn:``/``urn:isbn:`` and other URNs, labelled ISBNs and ISSNs, bare ISSN,
    ORCID, ISBN and arXiv patterns, ARKs and plain http(s)/ftp URLs. Returns
    ``(scheme, normalised, valid)`` or ``None`` when nothing is recognised.
    """
    value = text.strip()
    if not value:
        return None
    for pattern, scheme in _classifiers():
        if pattern.match(value):
            if scheme == "issn":
                scheme = _issn_label(value)
            normalised, valid = _NORMALIZERS[scheme](value)
            return scheme, normalised, valid
    if _ISBN_LIKE.fullmatch(value):
        normalised, valid = _isbn(value)
        if valid:
            return "isbn", normalised, True
    normalised, valid = _url(value)
    if valid:
        return "url", normalised, True
    return None


def split_isbn_issn(text: str) -> tuple[str, str, bool | None] | None:
    """Decide whether a RIS ``SN`` value is an ISSN or an ISBN, by label, form and checksum.

    A label (``ISBN``, ``ISSN``, ``eISSN``, ``ISSN-L``, ``urn:isbn:``, ``urn:issn:``) decides;
    otherwise a valid checksum does, then the digit count (8: ISSN, 10 or 13: ISBN). Returns
    ``(scheme, normalised, valid)`` or ``None`` when the text looks like neither.
    """
    value = text.strip()
    if _ISBN_PREFIX.match(value):
        return ("isbn", *_isbn(value))
    if _ISSN_PREFIX.match(value):
        return (_issn_label(value), *_issn(value))
    issn, issn_ok = _issn(value)
    if issn_ok:
        return "issn", issn, True
    isbn, isbn_ok = _isbn(value)
    if isbn_ok:
        return "isbn", isbn, True
    digits = _DASHES.sub("", value).upper()
    if _ISSN_FORM.fullmatch(digits):
        return "issn", value, False
    if _ISBN_FORM.fullmatch(digits):
        return "isbn", value, False
    return None
