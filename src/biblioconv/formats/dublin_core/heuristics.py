"""Making sense of Dublin Core free text.

Dublin Core values are untyped strings, used loosely by every repository. Each function here is one
documented heuristic; the reader reports a ``HEURISTIC_APPLIED`` diagnostic naming the rule
(:attr:`Hint.rule`) whenever one decided something the element did not say.

- :func:`parse_name` - ``dc:creator`` / ``dc:contributor``: ORCID iDs; organisations (keywords such
  as University, Institute, Ministry, Ltd); inverted ``Family, Given[, Suffix][, 1950-]``; direct
  ``Given [particle] Family``; Vancouver ``Family GA``; single words.
- :func:`classify_identifier` - ``dc:identifier``: DOI in any form, handle, URN:NBN, ISBN, ISSN,
  arXiv, PubMed, ORCID, URLs (via :func:`biblioconv.identifiers.classify`); file URLs (``.pdf``,
  ``/bitstream/``) are attachments; text with a year in parentheses is a citation.
- :func:`classify_type` - ``dc:type``: DCMI Type terms and URIs, ``info:eu-repo/semantics/*``
  types, versions and access terms (DRIVER / OpenAIRE), DINI ``doc-type:*``, EPrints'
  ``PeerReviewed``, and repository words ("Journal article", "Thesis", "Conference paper"...).
- :func:`parse_citation` - ``dc:source`` / ``dcterms:bibliographicCitation``: container title,
  volume, issue, pages, year, ISSN/ISBN from "BMJ Innovations, 8(3), 190-198",
  "J. X; Vol 1, No 2 (2010); 12-34", "Nature 123:45-67", "Ecology Letters (1461023X) vol.4 (2001)"
  and EPrints citations "Smith, J. (2019) Title. Journal, 12 (3). pp. 45-67. ISSN ...".
- :func:`to_bcp47` - ``dc:language``: BCP 47 tags (``en_US`` -> ``en-US``), ISO 639-2/-3 codes
  (``eng``, ``ger`` -> ``en``, ``de``) and English names ("English").
- :func:`parse_rights` - ``dc:rights``: Creative Commons URLs and names to SPDX ids (``CC-BY-4.0``),
  other licence URLs, a bare SPDX licence id (``MIT``, exactly as SPDX spells it),
  ``info:eu-repo/semantics/*Access`` and COAR access rights.
- :func:`parse_dcmi_point` / :func:`parse_dcmi_box` / :func:`parse_dcmi_period` - the DCMI
  ``Point``, ``Box`` and ``Period`` encodings (``name=...; east=...; north=...``).
- :func:`is_size` - ``dc:format`` values that are extents ("12 pages", "3.2 MB").
- :func:`description_kind` - several ``dc:description``: long ones are abstracts, short ones notes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

from biblioconv.formats.dublin_core.crosswalk import (
    DCMI_TYPES,
    EU_REPO_TYPES,
    REPOSITORY_TYPE_WORDS,
)
from biblioconv.identifiers import classify
from biblioconv.languages import (
    ALPHA3_TO_BCP47,
    BCP47_TO_ALPHA3,
    NAME_TO_BCP47,
)
from biblioconv.model import GeoBox, GeoPoint
from biblioconv.names import orcid_of_name

__all__ = [
    "ACCESS_TERMS",
    "EU_REPO",
    "VERSION_STATUS",
    "Citation",
    "Hint",
    "NameParts",
    "RightsParts",
    "TypeHint",
    "bcp47_to_iso639_3",
    "classify_identifier",
    "classify_type",
    "description_kind",
    "is_size",
    "normalize_word",
    "parse_citation",
    "parse_dcmi_box",
    "parse_dcmi_period",
    "parse_dcmi_point",
    "parse_name",
    "parse_rights",
    "thesis_label",
    "to_bcp47",
]

EU_REPO = "info:eu-repo/semantics/"

#: info:eu-repo/semantics versions -> hub publication status.
VERSION_STATUS: dict[str, str] = {
    "draft": "in-preparation",
    "submittedVersion": "submitted",
    "acceptedVersion": "accepted",
    "publishedVersion": "published",
    "updatedVersion": "published",
}

#: info:eu-repo/semantics access rights terms.
ACCESS_TERMS: tuple[str, ...] = (
    "openAccess",
    "embargoedAccess",
    "restrictedAccess",
    "closedAccess",
)

_COAR_ACCESS = re.compile(r"https?://purl\.org/coar/access_right/c_[0-9a-f]{4}", re.IGNORECASE)


@dataclass
class Hint:
    """The outcome of a heuristic: what rule decided (empty when the value said it itself)."""

    rule: str = ""


# -- names ---------------------------------------------------------------------------------------

_ORG_WORDS = re.compile(
    r"\b(?:universit(?:y|ies|ät|é|à|at|ato|eit|ade|ad)|college|school|institut(?:e|o|a)?|"
    r"department|dept|faculty|centre|center|laborator(?:y|ies)|lab|ministry|council|"
    r"association|society|foundation|fondation|stiftung|committee|commission|group|consortium|"
    r"network|agency|organi[sz]ation|company|corporation|corp|inc|ltd|llc|gmbh|plc|press|"
    r"publishing|publishers?|library|museum|archives?|hospital|trust|board|office|bank|"
    r"academy|project|team|collaboration|initiative|programme|government|authority|bureau|"
    r"federation|alliance|partnership|unit|division|national|international|royal|world|"
    r"european|services?|systems|research|sciences?|ministerio|consejo|editorial)\b",
    re.IGNORECASE,
)
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "2nd", "3rd"}
_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "du",
    "des",
    "la",
    "le",
    "ten",
    "ter",
    "zu",
    "dos",
    "das",
    "al",
    "el",
    "bin",
    "ibn",
    "y",
}
_LIFE_DATES = re.compile(
    r"^(?P<name>.+?)(?:,\s*|\s+\(\s*)(?P<dates>(?:(?:ca\.|c\.)\s*)?\d{3,4}\??\s*-\s*"
    r"(?:(?:(?:ca\.|c\.)\s*)?\d{3,4}\??)?|(?:b\.|born|d\.|died|fl\.)\s*\d{3,4})\s*\)?\.?$"
)
_INITIALS = re.compile(r"[A-Z]{1,3}")
_NAME_WORD = re.compile(r"(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’\-.]*|[A-Z]\.(?:-?[A-Z]\.)*)$")


@dataclass
class NameParts(Hint):
    """A name split into the fields of :class:`biblioconv.model.Contributor`."""

    kind: Literal["person", "organization"] = "person"
    given: str | None = None
    family: str | None = None
    non_dropping_particle: str | None = None
    dropping_particle: str | None = None
    suffix: str | None = None
    literal: str | None = None
    orcid: str | None = None
    life_dates: str | None = None


def _split_particles_front(family: str) -> tuple[str | None, str]:
    words = family.split()
    lead: list[str] = []
    while len(words) > 1 and words[0].lower() in _PARTICLES and words[0][0].islower():
        lead.append(words.pop(0))
    return (" ".join(lead) or None), " ".join(words)


def _split_particles_back(given: str) -> tuple[str, str | None]:
    words = given.split()
    tail: list[str] = []
    while len(words) > 1 and words[-1].lower() in _PARTICLES and words[-1][0].islower():
        tail.insert(0, words.pop())
    return " ".join(words), (" ".join(tail) or None)


def _initials(text: str) -> str:
    return " ".join(f"{c}." for c in text)


def parse_name(text: str) -> NameParts:
    """Split a free-text name (``dc:creator``, ``dc:contributor``) into its parts.

    Rules, in order: an ORCID iD (URL or bare) names a person by identifier; a name with an
    organisation keyword is an organisation; ``Family, Given[, Jr.]`` (with optional life dates
    ``, 1950-`` or ``(1950-2020)``, kept apart); ``Family GA`` (Vancouver initials);
    ``Given [particles] Family``; a single word is kept as a literal (an organisation when it is
    an all-capitals acronym).
    """
    name = " ".join(text.split())
    orcid = orcid_of_name(name)  # the reading every format's reader shares
    if orcid is not None:
        return NameParts(orcid=orcid, rule="creator given as an ORCID iD")
    life: str | None = None
    m = _LIFE_DATES.match(name)
    if m and not _ORG_WORDS.search(name):
        name, life = m.group("name").strip().rstrip(","), m.group("dates").strip()
    if _ORG_WORDS.search(name):
        return NameParts(
            kind="organization", literal=name, rule="organisation (name has an institution word)"
        )
    rule_dates = " with life dates" if life else ""
    if "," in name:
        parts = [p.strip() for p in name.split(",")]
        suffix = None
        if len(parts) == 3 and parts[2].lower() in _SUFFIXES:
            suffix = parts.pop()
        if len(parts) == 2 and parts[0] and parts[1]:
            ndp, family = _split_particles_front(parts[0])
            given, dp = _split_particles_back(parts[1])
            return NameParts(
                family=family,
                given=given,
                non_dropping_particle=ndp,
                dropping_particle=dp,
                suffix=suffix,
                life_dates=life,
                rule="inverted name 'Family, Given'" + rule_dates,
            )
        return NameParts(literal=name, life_dates=life, rule="name with several commas kept whole")
    words = name.split()
    if len(words) == 1:
        word = words[0]
        if word.isupper() and len(word) >= 2 and word.isalpha():
            return NameParts(kind="organization", literal=word, rule="acronym as organisation")
        return NameParts(literal=word, life_dates=life, rule="single word kept as a name")
    suffix = None
    if words[-1].lower().rstrip(",") in _SUFFIXES and len(words) > 2:
        suffix = words.pop().rstrip(",")
    if len(words) == 2 and _INITIALS.fullmatch(words[1]) and not _INITIALS.fullmatch(words[0]):
        return NameParts(
            family=words[0],
            given=_initials(words[1]),
            suffix=suffix,
            life_dates=life,
            rule="Vancouver name 'Family GA'",
        )
    if len(words) <= 5 and all(
        _NAME_WORD.match(w) or (w.lower() in _PARTICLES and w[0].islower()) for w in words
    ):
        family = words[-1]
        rest = words[:-1]
        particles: list[str] = []
        while len(rest) > 1 and rest[-1].lower() in _PARTICLES and rest[-1][0].islower():
            particles.insert(0, rest.pop())
        return NameParts(
            given=" ".join(rest),
            family=family,
            non_dropping_particle=" ".join(particles) or None,
            suffix=suffix,
            life_dates=life,
            rule="direct name 'Given Family'" + rule_dates,
        )
    return NameParts(literal=name, life_dates=life, rule="unrecognised name kept whole")


# -- identifiers ---------------------------------------------------------------------------------

_FILE_URL = re.compile(
    r"https?://\S+(?:\.(?:pdf|docx?|odt|epub|zip|tar\.gz|csv|xlsx?|txt|rtf|jpe?g|png|tiff?|mp[34]"
    r"|wav)|/bitstream/\S+|/files/\S+/download\S*)$",
    re.IGNORECASE,
)
_CITATION_LIKE = re.compile(r"\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)|\bpp?\.\s*\d|\bvol\.?\s*\d", re.I)


@dataclass
class IdentifierHint(Hint):
    """What a ``dc:identifier`` value is."""

    kind: Literal["identifier", "attachment", "citation", "local"] = "identifier"
    scheme: str | None = None
    value: str = ""


def classify_identifier(text: str) -> IdentifierHint:
    """Tell what a ``dc:identifier`` is: a typed identifier, a file, a citation or a local id."""
    value = text.strip()
    if _FILE_URL.match(value):
        kind = "pdf" if re.search(r"\.pdf(?:\?|$)", value, re.IGNORECASE) else "file"
        return IdentifierHint(kind="attachment", scheme=kind, value=value, rule="file URL")
    found = classify(value)
    if found:
        scheme, norm, valid = found
        if valid is not False or scheme not in ("url",):
            rule = "" if scheme == "url" else f"classified as {scheme}"
            return IdentifierHint(scheme=scheme, value=norm if valid else value, rule=rule)
    if " " in value and (_CITATION_LIKE.search(value) or len(value.split()) > 6):
        return IdentifierHint(kind="citation", value=value, rule="citation string")
    return IdentifierHint(kind="local", scheme="local", value=value, rule="local identifier")


# -- types ---------------------------------------------------------------------------------------

_PUNCT = re.compile(r"[\s\-_/,.;:()'’\[\]]+")


def normalize_word(text: str) -> str:
    """Lower case with punctuation turned into single spaces ("Book Section" -> "book section")."""
    return _PUNCT.sub(" ", text.lower()).strip()


_DCMI_LOWER = {k.lower(): k for k in DCMI_TYPES}
_DCMI_URI = re.compile(r"https?://purl\.org/dc/dcmitype/([A-Za-z]+)/?$")
_PEER_YES = {"peerreviewed", "peer reviewed", "refereed", "peer review", "reviewed"}
_PEER_NO = {
    "nonpeerreviewed",
    "non peer reviewed",
    "not peer reviewed",
    "non refereed",
    "not refereed",
    "unrefereed",
}
_THESIS_LABELS = {
    "doctoralThesis": "Doctoral thesis",
    "masterThesis": "Master's thesis",
    "bachelorThesis": "Bachelor's thesis",
}


#: words naming an academic degree (a type word with one is the better genre of a thesis)
DEGREE = re.compile(
    r"ph\.?d|doctor|master|bachelor|licentiate|habilitation|m\.?phil|d\.?phil", re.IGNORECASE
)


def read_genre(values: list[str]) -> tuple[str | None, list[str]]:
    """The genre a reader takes from ``dc:type`` values (with no encoding scheme), and the values
    it keeps aside: the first repository word or unclassified value is the genre (a word naming
    a degree replaces one that does not), else the thesis label of an info:eu-repo thesis type;
    further words and unclassified values are kept."""
    genre: str | None = None
    derived = False
    kept: list[str] = []
    for value in values:
        hint = classify_type(value)
        if hint.kind == "eu-repo" and hint.hub:
            label = thesis_label(hint.term) if hint.term else None
            if label and genre is None:
                genre, derived = label, True
        elif hint.kind == "word" and hint.hub:
            if genre is None or derived:
                genre, derived = value, False
            elif DEGREE.search(value) and not DEGREE.search(genre):
                kept.append(genre)
                genre = value
            else:
                kept.append(value)
        elif (
            (hint.kind == "dcmi" and hint.hub)
            or (hint.kind == "version" and hint.status)
            or (hint.kind == "access" and hint.term)
            or hint.kind == "peer"
        ):
            continue
        elif genre is None or derived:
            genre, derived = value, False
        else:
            kept.append(value)
    return genre, kept


def thesis_label(eu_term: str) -> str | None:
    """The genre label given to a thesis known only by its info:eu-repo term."""
    return _THESIS_LABELS.get(eu_term)


@dataclass
class TypeHint(Hint):
    """What a ``dc:type`` value says."""

    kind: Literal["dcmi", "eu-repo", "version", "access", "peer", "word", "unknown"] = "unknown"
    hub: str | None = None
    term: str | None = None
    status: str | None = None
    peer: bool | None = None


@lru_cache(maxsize=4096)
def classify_type(text: str) -> TypeHint:
    """Classify one ``dc:type`` value (DCMI, info:eu-repo, DINI doc-type, peer review, words);
    cached (the same values recur across a harvest): the hint is not to be changed."""
    value = text.strip()
    low = value.lower()
    for prefix in (EU_REPO, "doc-type:"):
        if low.startswith(prefix.lower()):
            term = value[len(prefix) :].strip("/ ")
            key = next((k for k in EU_REPO_TYPES if k.lower() == term.lower()), None)
            if key:
                return TypeHint(kind="eu-repo", hub=EU_REPO_TYPES[key], term=key)
            key = next((k for k in VERSION_STATUS if k.lower() == term.lower()), None)
            if key:
                return TypeHint(kind="version", term=key, status=VERSION_STATUS[key])
            key = next((k for k in ACCESS_TERMS if k.lower() == term.lower()), None)
            if key:
                return TypeHint(kind="access", term=key)
    m = _DCMI_URI.match(value)
    if m and m.group(1).lower() in _DCMI_LOWER:
        term = _DCMI_LOWER[m.group(1).lower()]
        return TypeHint(kind="dcmi", hub=DCMI_TYPES[term], term=term, rule="DCMI Type URI")
    if low in _DCMI_LOWER:
        term = _DCMI_LOWER[low]
        return TypeHint(kind="dcmi", hub=DCMI_TYPES[term], term=term)
    word = normalize_word(value)
    if word in _PEER_YES or word.replace(" ", "") in _PEER_YES:
        return TypeHint(kind="peer", peer=True, rule="peer-review word")
    if word in _PEER_NO or word.replace(" ", "") in _PEER_NO:
        return TypeHint(kind="peer", peer=False, rule="peer-review word")
    if word in REPOSITORY_TYPE_WORDS:
        return TypeHint(kind="word", hub=REPOSITORY_TYPE_WORDS[word], rule="repository type word")
    for key in sorted(REPOSITORY_TYPE_WORDS, key=len, reverse=True):
        if len(key) > 5 and re.search(rf"\b{re.escape(key)}\b", word):
            return TypeHint(
                kind="word", hub=REPOSITORY_TYPE_WORDS[key], rule=f"type word '{key}' in text"
            )
    return TypeHint(kind="unknown")


# -- citations -----------------------------------------------------------------------------------

_P = r"[A-Za-z]?\d+[A-Za-z]?"
_PAGES = rf"{_P}(?:\s*(?:-{{1,2}}|–|—)\s*{_P})?"
_CIT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "issn",
        re.compile(r"\b(e-?|p-?)?ISSN(?:-L)?\s*:?\s*(\d{4}-?\d{3}[\dXx])\b", re.IGNORECASE),
    ),
    ("issn_paren", re.compile(r"\((\d{4}-?\d{3}[\dXx])\)")),
    ("isbn", re.compile(r"\bISBN(?:-1[03])?\s*:?\s*([\dXx][\d\-\sXx]{8,16}[\dXx])", re.I)),
    (
        "doi",
        re.compile(r"(?:\bdoi:\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/\S+?)[.,;]?(?=\s|$)"),
    ),
    ("year_paren", re.compile(r"\(\s*((?:1[5-9]|20)\d\d)\s*\)")),
    (
        "vol_issue",
        re.compile(
            r"(?<![\w(])(\d+)\s*\(\s*(?!(?:1[5-9]|20)\d\d\s*\))([\w\-–/ ]{1,12}?)\s*\)"
            r"(?:\s*[:,]?\s*(" + _PAGES + "))?"
        ),
    ),
    ("vol_pages", re.compile(r"(?<![\w(])(\d+)\s*:\s*(" + _PAGES + r")\b")),
    ("vol_comma_pages", re.compile(r",\s*(\d+)\s*,\s*(" + _PAGES + r")\s*\.?\s*$")),
    # the word must end there: "Notes" and "Volcanology" are no issue or volume markers
    ("vol", re.compile(r"\b(?:vol(?:ume)?|bd|jg)(?![a-z])\.?\s*(\w[\w.\-]*)", re.IGNORECASE)),
    (
        "issue",
        re.compile(r"\b(?:no|nr|issue|iss|num|number|n°|heft)(?![a-z])\.?\s*(\w[\w\-/]*)", re.I),
    ),
    ("pages", re.compile(r"\b(?:pp|p|pages?|s)\.?\s*(" + _PAGES + r")\b", re.IGNORECASE)),
    ("year_bare", re.compile(r"(?:^|[,;]\s*)((?:1[5-9]|20)\d\d)(?=\s*(?:[,;.]|$))")),
)
_TRAILING_PAGES = re.compile(r"^[\s,;:.]*(" + _PAGES + r")\s*\.?\s*$")
_EPRINTS = re.compile(
    r"^(?P<authors>.+?)\s\((?P<year>(?:1[5-9]|20)\d\d)[a-z]?\)\s+(?P<title>.+?[.?!])\s+(?P<rest>.+)$"
)


@dataclass
class Citation(Hint):
    """Parts of a bibliographic citation of a container."""

    title: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    year: int | None = None
    identifiers: list[tuple[str, str]] = field(default_factory=list)
    authors: str | None = None
    work_title: str | None = None
    publisher: str | None = None
    place: str | None = None

    @property
    def has_locators(self) -> bool:
        """True when more than a title was recognised."""
        return bool(self.volume or self.issue or self.pages or self.year or self.identifiers)


def parse_citation(text: str, *, with_work: bool = False) -> Citation:
    """Parse a container citation ("BMJ Innovations, 8(3), 190-198").

    With ``with_work`` an EPrints-style citation of the work itself ("Authors (2019) Title.
    Journal, 12 (3). pp. 45-67.") is recognised first and its remainder parsed as the container.
    """
    s = " ".join(text.split())
    cit = Citation(rule="citation parsed")
    if with_work:
        m = _EPRINTS.match(s)
        if m:
            cit.authors, cit.work_title = m.group("authors"), m.group("title").rstrip(".")
            cit.year = int(m.group("year"))
            s = m.group("rest")
    spans: list[tuple[int, int]] = []
    for kind, pattern in _CIT_PATTERNS:
        for m in pattern.finditer(s):
            if any(m.start() < b and a < m.end() for a, b in spans):
                continue
            if kind == "issn":
                prefix = (m.group(1) or "").lower().rstrip("-")
                scheme = "eissn" if prefix == "e" else "issn"
                cit.identifiers.append((scheme, m.group(2)))
            elif kind == "issn_paren":
                cit.identifiers.append(("issn", m.group(1)))
            elif kind == "isbn":
                cit.identifiers.append(("isbn", m.group(1)))
            elif kind == "doi":
                cit.identifiers.append(("doi", m.group(1)))
            elif kind in ("year_paren", "year_bare"):
                if cit.year is not None and not with_work:
                    continue
                cit.year = cit.year or int(m.group(1))
            elif kind == "vol_issue":
                if cit.volume:
                    continue
                cit.volume, cit.issue = m.group(1), m.group(2).strip()
                if m.group(3):
                    cit.pages = m.group(3)
            elif kind in ("vol_pages", "vol_comma_pages"):
                if cit.volume:
                    continue
                cit.volume, cit.pages = m.group(1), m.group(2)
            elif kind == "vol":
                if cit.volume:
                    continue
                cit.volume = m.group(1).rstrip(".")
            elif kind == "issue":
                if cit.issue:
                    continue
                cit.issue = m.group(1)
            elif kind == "pages":
                if cit.pages:
                    continue
                cit.pages = m.group(1)
            spans.append((m.start(), m.end()))
    if spans:
        first = min(a for a, _ in spans)
        last_end = max(b for _, b in spans)
        if cit.pages is None:
            tail = _TRAILING_PAGES.match(s[last_end:])
            if tail and (cit.volume or cit.issue):
                cit.pages = tail.group(1)
        head = s[:first]
    else:
        head = s
    title = head.strip(" ,;:-–")
    # a final period ends the citation's part, unless the title is abbreviated ("J. Am. Chem.
    # Soc."), where it belongs to the last word
    if title.endswith(".") and not re.search(r"\b\w{1,6}\.\s", title):
        title = title.rstrip(".").rstrip(" ,;:-–")
    m_in = re.match(r"^In:\s+(.+)$", title) or (
        re.match(r"^In\s+(.+)$", title) if with_work else None
    )
    if m_in:
        title = m_in.group(1)
        book, sep, rest = title.partition(". ")
        if sep:
            title = book
            pub = [p.strip() for p in rest.split(",") if p.strip()]
            cit.publisher = pub[0] if pub else None
            cit.place = pub[1] if len(pub) > 1 else None
    cit.title = title or None
    if cit.pages:
        cit.pages = re.sub(r"\s*(?:-{1,2}|–|—)\s*", "-", cit.pages)
    return cit


# -- language ------------------------------------------------------------------------------------

_BCP47 = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def to_bcp47(text: str, scheme: str | None = None) -> tuple[str | None, str]:
    """A BCP 47 tag for a ``dc:language`` value and the rule used (``""`` when it was one).

    ``en``, ``en-GB`` are kept; ``en_US`` becomes ``en-US``; ISO 639-2/-3 codes map to the
    2-letter code where one exists (``eng``, ``ger``, ``deu`` -> ``en``, ``de``), others stay
    3-letter; English names ("English", "French") map through the ISO 639-2 name table.
    Returns ``(None, reason)`` when nothing fits.
    """
    value = text.strip()
    low = value.lower()
    if low in NAME_TO_BCP47:
        return NAME_TO_BCP47[low], "English language name"
    if _BCP47.fullmatch(value):
        parts = re.split(r"[-_]", value)
        primary = parts[0].lower()
        rule = ""
        if len(primary) == 3:
            if primary in ALPHA3_TO_BCP47:
                primary = ALPHA3_TO_BCP47[primary]
                rule = "ISO 639-2/3 code to its 2-letter equivalent"
            elif scheme is None:
                rule = "3-letter code taken as ISO 639-3"
        rest: list[str] = []
        for p in parts[1:]:
            if len(p) == 2 and p.isalpha():
                rest.append(p.upper())
            elif len(p) == 4 and p.isalpha():
                rest.append(p.title())
            else:
                rest.append(p.lower())
        if "_" in value:
            rule = rule or "underscore to hyphen"
        return "-".join([primary, *rest]), rule
    return None, "not a language code or name"


def bcp47_to_iso639_3(tag: str) -> str:
    """The ISO 639-3 (= 639-2/T) code of a BCP 47 tag's language (``en-GB`` -> ``eng``)."""
    primary = tag.split("-")[0].lower()
    return BCP47_TO_ALPHA3.get(primary, primary)


# -- rights --------------------------------------------------------------------------------------

_CC_URL = re.compile(
    r"https?://(?:www\.)?creativecommons\.org/(licenses|publicdomain)/([a-z\-]+)/(\d\.\d)"
    r"(?:/([a-z]{2}))?/?(?:legalcode(?:\.[a-z]+)?|deed\.[a-z\-]+)?$",
    re.IGNORECASE,
)
_CC_TEXT = re.compile(
    r"^(?:CC|Creative\s+Commons)[\s\-]+((?:BY|ZERO|0)(?:[\s\-](?:NC|ND|SA))*)[\s\-]+(\d\.\d)"
    r"(?:\s+International)?(?:\s+(?:License|Licence))?\.?$",
    re.IGNORECASE,
)
_CC_WORDS = re.compile(
    r"^Creative\s+Commons\s+((?:Attribution|NonCommercial|NoDerivatives|NoDerivs|ShareAlike|"
    r"Zero|[\s\-])+?)\s*(\d\.\d)(?:\s+(?:International|Generic|Unported))?"
    r"(?:\s+(?:License|Licence|Public\s+License))?\.?$",
    re.IGNORECASE,
)
_OTHER_LICENCES = (
    (re.compile(r"https?://opensource\.org/licenses/MIT/?$", re.I), "MIT"),
    (
        re.compile(r"https?://(?:www\.)?apache\.org/licenses/LICENSE-2\.0(?:\.html|\.txt)?$", re.I),
        "Apache-2.0",
    ),
    (
        re.compile(r"https?://(?:www\.)?gnu\.org/licenses/gpl-3\.0(?:\.html|\.en\.html)?$", re.I),
        "GPL-3.0-only",
    ),
)
_URLISH = re.compile(r"(?:https?|ftp|info|urn):\S+$", re.IGNORECASE)
_WORD_TO_CC = {
    "attribution": "BY",
    "noncommercial": "NC",
    "noderivatives": "ND",
    "noderivs": "ND",
    "sharealike": "SA",
}


@dataclass
class RightsParts(Hint):
    """A ``dc:rights`` value taken apart."""

    access: str | None = None
    uri: str | None = None
    identifier: str | None = None
    statement: str | None = None


def _cc_spdx(parts: str, version: str, port: str | None = None) -> str:
    code = "-".join(p.upper() for p in re.split(r"[\s\-]+", parts) if p)
    if code in ("ZERO", "0"):
        return f"CC0-{version}"
    spdx = f"CC-{code}-{version}"
    return f"{spdx}-{port.upper()}" if port else spdx


@cache
def spdx_ids() -> frozenset[str]:
    """The SPDX licence ids (the list shipped in ``biblioconv/data``)."""
    data = resources.files("biblioconv").joinpath("data/cff-spdx-ids.json").read_text("utf-8")
    return frozenset(json.loads(data)["ids"])


def parse_rights(text: str) -> RightsParts:
    """Recognise access-rights terms and licences in a ``dc:rights`` value."""
    value = text.strip()
    low = value.lower()
    if low.startswith(EU_REPO.lower()):
        term = value[len(EU_REPO) :]
        key = next((k for k in ACCESS_TERMS if k.lower() == term.lower()), None)
        if key:
            return RightsParts(access=EU_REPO + key)
    if _COAR_ACCESS.fullmatch(value):
        return RightsParts(access=value)
    m = _CC_URL.match(value)
    if m:
        kind, code, version, port = m.groups()
        if kind.lower() == "publicdomain":
            ident = "CC0-1.0" if code.lower() == "zero" else None
        else:
            ident = _cc_spdx(code, version, port)
        return RightsParts(uri=value, identifier=ident, rule="Creative Commons URL to SPDX id")
    for pattern, spdx in _OTHER_LICENCES:
        if pattern.match(value):
            return RightsParts(uri=value, identifier=spdx, rule="licence URL to SPDX id")
    if _URLISH.match(value):
        return RightsParts(uri=value)
    if value in spdx_ids():
        return RightsParts(identifier=value, rule="SPDX licence id")
    m = _CC_TEXT.match(value)
    if m:
        return RightsParts(
            statement=value, identifier=_cc_spdx(m.group(1), m.group(2)), rule="licence name"
        )
    m = _CC_WORDS.match(value)
    if m:
        words = [w for w in re.split(r"[\s\-]+", m.group(1).lower()) if w]
        if words == ["zero"]:
            ident = f"CC0-{m.group(2)}"
        else:
            ident = "CC-" + "-".join(_WORD_TO_CC[w] for w in words if w in _WORD_TO_CC)
            ident += f"-{m.group(2)}"
        return RightsParts(statement=value, identifier=ident, rule="licence name")
    return RightsParts(statement=value)


# -- DCMI Point / Box / Period -------------------------------------------------------------------


def _dcsv(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in text.split(";"):
        key, sep, val = part.partition("=")
        if sep:
            out[key.strip().lower()] = val.strip()
    return out


def parse_dcmi_point(text: str) -> tuple[GeoPoint, str | None] | None:
    """A DCMI Point (``east=-1.25; north=51.75; name=Oxford``): the point and its name."""
    d = _dcsv(text)
    try:
        return GeoPoint(latitude=float(d["north"]), longitude=float(d["east"])), d.get("name")
    except (KeyError, ValueError):
        return None


def parse_dcmi_box(text: str) -> tuple[GeoBox, str | None] | None:
    """A DCMI Box (``northlimit=...; southlimit=...; eastlimit=...; westlimit=...``)."""
    d = _dcsv(text)
    try:
        box = GeoBox(
            north=float(d["northlimit"]),
            south=float(d["southlimit"]),
            east=float(d["eastlimit"]),
            west=float(d["westlimit"]),
        )
    except (KeyError, ValueError):
        return None
    return box, d.get("name")


def parse_dcmi_period(text: str) -> tuple[str | None, str | None, str | None] | None:
    """A DCMI Period (``name=...; start=2000; end=2005;``): ``(start, end, name)``."""
    d = _dcsv(text)
    if not ({"start", "end", "name"} & d.keys()):
        return None
    return d.get("start"), d.get("end"), d.get("name")


# -- formats and descriptions --------------------------------------------------------------------

_SIZE = re.compile(
    r"^\d[\d.,\s]*\s*(?:pages?|p\.|pp\.?|leaves|sheets|vols?\.?|volumes|bytes?|[kKMGT]i?B|"
    r"minutes?|min\.?|hours?|h|seconds?|s|files?|items?|records?|words?)$",
    re.IGNORECASE,
)
_PAGES_SIZE = re.compile(r"^(\d+)\s*(?:pages?|p\.|pp\.?|leaves)$", re.IGNORECASE)


def is_size(text: str) -> bool:
    """True for extents ("12 pages", "3.2 MB", "90 minutes"), which dc:format also carries."""
    return bool(_SIZE.match(text.strip()))


def page_count(text: str) -> str | None:
    """The number in a page count ("250 pages" -> "250")."""
    m = _PAGES_SIZE.match(text.strip())
    return m.group(1) if m else None


ABSTRACT_MIN_WORDS = 25


def description_kind(text: str, *, only: bool) -> Literal["abstract", "note"]:
    """An abstract when it is the only description or has at least 25 words; else a note."""
    if only or len(text.split()) >= ABSTRACT_MIN_WORDS:
        return "abstract"
    return "note"


def decide_type(values: list[str]) -> tuple[str | None, str | None]:
    """The hub type of a record from its ``dc:type`` values, and the value that decided it.

    Ranking: an info:eu-repo type, then a repository word, then a DCMI term other than Text, then
    the word 'Other', then Text, then info:eu-repo/semantics/other. A repository word that
    agrees with or refines the info:eu-repo type ("Conference proceedings" beside
    info:eu-repo/semantics/book) decides instead, so the repository's own word is kept.
    """
    from biblioconv.formats.dublin_core.crosswalk import EU_REPO_WRITE

    ranked: list[tuple[int, str, str, TypeHint]] = []
    for v in values:
        hint = classify_type(v)
        if hint.hub is None:
            continue
        if hint.kind == "eu-repo":
            rank = 0 if hint.hub != "other" else 5
        elif hint.kind == "word":
            rank = 1 if hint.hub != "other" else 3
        elif hint.kind == "dcmi":
            rank = 2 if hint.hub != "document" else 4
        else:
            continue
        ranked.append((rank, hint.hub, v, hint))
    if not ranked:
        return None, None
    ranked.sort(key=lambda r: r[0])
    best = ranked[0]
    if best[3].kind == "eu-repo":
        for _rank, hub, value, hint in ranked:
            if hint.kind == "word" and (hub == best[1] or EU_REPO_WRITE.get(hub) == best[3].term):
                return hub, value
        for _rank, hub, value, hint in ranked:
            if hint.kind == "dcmi" and hub == best[1]:
                return hub, value
    return best[1], best[2]
