"""PubMed XML reader: ``PubmedArticleSet`` (efetch, the FTP baseline) of ``PubmedArticle`` and
``PubmedBookArticle``, one article at a time.

Each article is turned into the MEDLINE tags PubMed's own tagged export gives it (``PMID``,
``TI``, ``FAU``/``AU``/``AD``/``AUID``, ``DP``, ``IS``, ``MH``, ``AID``...) and mapped by the
MEDLINE rule table, so both PubMed formats read the same records; elements with no tag are kept
in the record's extras as XML. The input is parsed incrementally and each article released when
it has been read, so sets of any size read in constant memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from lxml import etree
from pydantic import ValidationError as PydanticValidationError

from biblioconv import xmlsafe
from biblioconv.errors import ParseError
from biblioconv.formats.pubmed.medline import fields_to_record
from biblioconv.model import Record
from biblioconv.registry import ReadContext
from biblioconv.report import Code

__all__ = ["article_fields", "read"]

_ROOTS = re.compile(
    rb"<(?:PubmedArticleSet|PubmedBookArticleSet|BookDocumentSet|PubmedArticle|PubmedBookArticle)\b"
)
_ARTICLES = ("PubmedArticle", "PubmedBookArticle", "BookDocument")
_TAGS = [*_ARTICLES, "DeleteCitation"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_FACES = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"),
          "sub": ("<sub>", "</sub>")}  # fmt: skip
_LINKS = {
    "CommentIn": "CIN", "CommentOn": "CON", "ErratumIn": "EIN", "ErratumFor": "EFR",
    "CorrectedandRepublishedIn": "CRI", "CorrectedandRepublishedFrom": "CRF",
    "RetractionIn": "RIN", "RetractionOf": "ROF", "UpdateIn": "UIN", "UpdateOf": "UOF",
    "SummaryForPatientsIn": "SPIN", "OriginalReportIn": "ORI", "RepublishedIn": "RPI",
    "RepublishedFrom": "RPF", "ExpressionOfConcernIn": "ECI",
    "ExpressionOfConcernFor": "ECF",
}  # fmt: skip


def _text(elem: Any) -> str | None:
    if elem is None:
        return None
    if not len(elem):  # no children: its own text
        text = elem.text
        if text is None:
            return None
        if "  " not in text and text.isprintable():  # no white space but single spaces
            return text.strip() or None
        return " ".join(text.split()) or None
    text = " ".join("".join(elem.itertext()).split())
    return text or None


def _rich(elem: Any) -> str | None:
    """Mixed content with ``i``, ``b``, ``sup``, ``sub`` as the record's rich-text tags."""
    if elem is None:
        return None
    if not len(elem):
        return _text(elem)
    parts: list[str] = []
    _rich_parts(elem, parts)
    text = " ".join("".join(parts).split())
    return text or None


def _rich_parts(e: Any, parts: list[str]) -> None:
    if e.text:
        parts.append(e.text)
    for child in e:
        face = _FACES.get(child.tag) if isinstance(child.tag, str) else None
        if face:
            parts.append(face[0])
        _rich_parts(child, parts)
        if face:
            parts.append(face[1])
        if child.tail:
            parts.append(child.tail)


_NONE: list[Any] = []


def _groups(elem: Any) -> dict[Any, list[Any]]:
    """The children of an element by tag, in document order (one pass: ``find(tag)`` is the
    first of a tag's list, ``iterfind(tag)`` the list)."""
    out: dict[Any, list[Any]] = {}
    for child in elem:
        tag = child.tag
        group = out.get(tag)
        if group is None:
            out[tag] = [child]
        else:
            group.append(child)
    return out


def _first(groups: dict[Any, list[Any]], tag: str) -> Any:
    group = groups.get(tag)
    return group[0] if group else None


def _under(groups: dict[Any, list[Any]], tag: str, sub: str) -> list[Any]:
    """The ``sub`` children of the ``tag`` children (``iterfind("tag/sub")``)."""
    return [c for parent in groups.get(tag, _NONE) for c in parent if c.tag == sub]


def _ymd(elem: Any) -> str | None:
    """``<Year/><Month/><Day/>`` as YYYYMMDD (or the known part)."""
    if elem is None:
        return None
    g = _groups(elem)
    y = _text(_first(g, "Year"))
    if not y:
        return None
    m, d = _text(_first(g, "Month")), _text(_first(g, "Day"))
    out = y
    if m:
        month = f"{_MONTHS.index(m[:3]) + 1:02d}" if m[:3] in _MONTHS else m.zfill(2)
        out += month + (d.zfill(2) if d else "")
    return out


def _pub_date(elem: Any) -> str | None:
    """A PubDate as MEDLINE's DP text (``2016 May 28``, ``1990 Spring``, a MedlineDate)."""
    if elem is None:
        return None
    g = _groups(elem)
    medline = _text(_first(g, "MedlineDate"))
    if medline:
        return medline
    y = _text(_first(g, "Year"))
    if not y:
        return None
    out = y
    season = _text(_first(g, "Season"))
    month = _text(_first(g, "Month"))
    if month:
        if month.isdigit() and 1 <= int(month) <= 12:
            month = _MONTHS[int(month) - 1]
        out += f" {month}"
        day = _text(_first(g, "Day"))
        if day:
            out += f" {int(day) if day.isdigit() else day}"
    elif season:
        out += f" {season}"
    return out


def _person(author: Any) -> dict[str, Any] | None:
    first: dict[Any, Any] = {}  # the first child of each tag
    affiliations: list[Any] = []
    identifiers: list[Any] = []
    for child in author:
        tag = child.tag
        if tag == "AffiliationInfo":
            affiliations += [c for c in child if c.tag == "Affiliation"]
        elif tag == "Identifier":
            identifiers.append(child)
        elif tag not in first:
            first[tag] = child
    collective = _text(first.get("CollectiveName"))
    if collective:
        return {"CN": collective}
    last = _text(first.get("LastName"))
    fore = _text(first.get("ForeName"))
    initials = _text(first.get("Initials"))
    suffix = _text(first.get("Suffix"))
    if not last:
        return None
    full = last + (f", {fore}" if fore else "") + (f" {suffix}" if suffix else "")
    p: dict[str, Any] = {"FAU": full, "AU": f"{last} {initials}" if initials else last}
    ads = [_text(a) for a in affiliations]
    if ads:
        p["AD"] = [a for a in ads if a]
    ids = []
    for ident in identifiers:
        value = _text(ident)
        if value and (ident.get("Source") or "").upper() == "ORCID":
            ids.append(f"ORCID: {value.rsplit('/', 1)[-1]}")
        elif value:
            ids.append(value)
    if ids:
        p["AUID"] = ids
    return p


def _add(out: dict[str, Any], tag: str, value: Any) -> None:
    if value:
        out.setdefault(tag, []).append(value)


def _mesh(heading: Any) -> str | None:
    g = _groups(heading)
    desc = _first(g, "DescriptorName")
    if desc is None:
        return None
    text = (_text(desc) or "") + ("*" if desc.get("MajorTopicYN") == "Y" else "")
    text = ("*" + text[:-1]) if text.endswith("*") else text
    for q in g.get("QualifierName", _NONE):
        qt = _text(q) or ""
        text += "/" + ("*" + qt if q.get("MajorTopicYN") == "Y" else qt)
    return text or None


#: Elements read into tags (the others are kept as XML in the extras).
_KNOWN = frozenset(
    [
        "PMID",
        "DateCompleted",
        "DateRevised",
        "Article",
        "MedlineJournalInfo",
        "ChemicalList",
        "CitationSubset",
        "MeshHeadingList",
        "KeywordList",
        "CoiStatement",
        "CommentsCorrectionsList",
        "Journal",
        "ArticleTitle",
        "Pagination",
        "ELocationID",
        "Abstract",
        "AuthorList",
        "Language",
        "GrantList",
        "PublicationTypeList",
        "ArticleDate",
        "VernacularTitle",
        "Country",
        "MedlineTA",
        "NlmUniqueID",
        "ISSNLinking",
        "History",
        "PublicationStatus",
        "ArticleIdList",
        "Book",
        "BookDocument",
    ]
)


def article_fields(article: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The MEDLINE tags of one PubmedArticle (or PubmedBookArticle), and what no tag holds
    (element path -> XML)."""
    out: dict[str, Any] = {}
    kept: dict[str, Any] = {}
    top = _groups(article)
    citation = _first(top, "MedlineCitation")
    if citation is None:
        citation = _first(top, "BookDocument")
    if citation is None:
        raise ValueError("no MedlineCitation or BookDocument")
    cg = _groups(citation)
    _add(out, "PMID", _text(_first(cg, "PMID")))
    for attr, tag in (("Owner", "OWN"), ("Status", "STAT")):
        _add(out, tag, citation.get(attr))
    _add(out, "DCOM", _ymd(_first(cg, "DateCompleted")))
    _add(out, "LR", _ymd(_first(cg, "DateRevised")))
    art = _first(cg, "Article")
    if art is None:
        art = citation  # a book document holds the article's elements itself
        ag = cg
    else:
        ag = _groups(art)
    journal = _first(ag, "Journal")
    if journal is not None:
        jg = _groups(journal)
        for issn in jg.get("ISSN", _NONE):
            _add(out, "IS", f"{_text(issn)} ({issn.get('IssnType') or 'Print'})")
        ji = _first(jg, "JournalIssue")
        if ji is not None:
            jig = _groups(ji)
            _add(out, "VI", _text(_first(jig, "Volume")))
            _add(out, "IP", _text(_first(jig, "Issue")))
            _add(out, "DP", _pub_date(_first(jig, "PubDate")))
        _add(out, "JT", _text(_first(jg, "Title")))
    info = _first(cg, "MedlineJournalInfo")
    ig = _groups(info) if info is not None else {}
    if info is not None:
        linking = _text(_first(ig, "ISSNLinking"))
        if linking:
            _add(out, "IS", f"{linking} (Linking)")
    book = _first(ag, "Book")
    if book is not None:
        bg = _groups(book)
        _add(out, "PB", _text(_first_under(bg, "Publisher", "PublisherName")))
        _add(out, "PL", _text(_first_under(bg, "Publisher", "PublisherLocation")))
        _add(out, "BTI", _rich(_first(bg, "BookTitle")))
        _add(out, "DP", _pub_date(_first(bg, "PubDate")))
        for isbn in bg.get("Isbn", _NONE):
            _add(out, "ISBN", _text(isbn))
        _add(out, "EN", _text(_first(bg, "Edition")))
        for al in bg.get("AuthorList", _NONE):
            for author in al.iterfind("Author"):
                p = _person(author)
                if p:
                    key = "FED" if al.get("Type") == "editors" else "FAU"
                    if key == "FED" and "FAU" in p:
                        p = {
                            "FED": p["FAU"],
                            "ED": p["AU"],
                            **{k: v for k, v in p.items() if k in ("AD", "AUID")},
                        }
                    out.setdefault(key, []).append(p)
    _add(out, "TI", _rich(_first(ag, "ArticleTitle")))
    _add(out, "TT", _rich(_first(ag, "VernacularTitle")))
    pgn: str | None = _text(_first_under(ag, "Pagination", "MedlinePgn"))
    if not pgn:
        start = _text(_first_under(ag, "Pagination", "StartPage"))
        end = _text(_first_under(ag, "Pagination", "EndPage"))
        pgn = f"{start}-{end}" if start and end else start
    _add(out, "PG", pgn)
    for loc in ag.get("ELocationID", _NONE):
        _add(out, "LID", f"{_text(loc)} [{loc.get('EIdType') or 'doi'}]")
    abstract = _first(ag, "Abstract")
    if abstract is not None:
        abg = _groups(abstract)
        parts = []
        for t in abg.get("AbstractText", _NONE):
            text = _rich(t)
            if text:
                parts.append(f"{t.get('Label')}: {text}" if t.get("Label") else text)
        _add(out, "AB", " ".join(parts))
        _add(out, "CI", _text(_first(abg, "CopyrightInformation")))
    for al in ag.get("AuthorList", _NONE):
        editors = al.get("Type") == "editors"
        for author in al:
            if author.tag != "Author":
                continue
            p = _person(author)
            if p is None:
                continue
            if editors and "FAU" in p:
                p = {"FED": p.pop("FAU"), "ED": p.pop("AU"), **p}
                out.setdefault("FED", []).append(p)
            else:
                out.setdefault("FAU", []).append(p)
    for lang in ag.get("Language", _NONE):
        _add(out, "LA", _text(lang))
    for grant in _under(ag, "GrantList", "Grant"):
        gg = _groups(grant)
        parts = [_text(_first(gg, t)) or "" for t in ("GrantID", "Acronym", "Agency", "Country")]
        _add(out, "GR", " / ".join(parts))
    for pt in _under(ag, "PublicationTypeList", "PublicationType"):
        _add(out, "PT", _text(pt))
    for pt in cg.get("PublicationType", _NONE):  # book documents
        _add(out, "PT", _text(pt))
    for date in ag.get("ArticleDate", _NONE):
        _add(out, "DEP", _ymd(date))
    if info is not None:
        _add(out, "PL", _text(_first(ig, "Country")))
        _add(out, "TA", _text(_first(ig, "MedlineTA")))
        _add(out, "JID", _text(_first(ig, "NlmUniqueID")))
    for chem in _under(cg, "ChemicalList", "Chemical"):
        chg = _groups(chem)
        rn = _text(_first(chg, "RegistryNumber")) or "0"
        _add(out, "RN", f"{rn} ({_text(_first(chg, 'NameOfSubstance'))})")
    for subset in cg.get("CitationSubset", _NONE):
        _add(out, "SB", _text(subset))
    for heading in _under(cg, "MeshHeadingList", "MeshHeading"):
        _add(out, "MH", _mesh(heading))
    for kl in cg.get("KeywordList", _NONE):
        for kw in kl:
            if kw.tag == "Keyword":
                _add(out, "OT", _text(kw))
        _add(out, "OTO", kl.get("Owner"))
    _add(out, "COIS", _text(_first(cg, "CoiStatement")))
    for cc in _under(cg, "CommentsCorrectionsList", "CommentsCorrections"):
        source = number = None
        for part in cc:
            if part.tag == "RefSource" and source is None:
                source = part
            elif part.tag == "PMID" and number is None:
                number = part
        link = _LINKS.get(cc.get("RefType") or "")
        ref = _text(source)
        pmid = _text(number)
        if link and ref:
            _add(out, link, ref + (f" PMID: {pmid}" if pmid else ""))
        elif ref:
            kept.setdefault("xml:CommentsCorrections", []).append(
                etree.tostring(cc, encoding="unicode", with_tail=False)
            )
    data = _first(top, "PubmedData")
    if data is None:
        data = _first(top, "PubmedBookData")
    dg = _groups(data) if data is not None else {}
    if data is not None:
        for d in _under(dg, "History", "PubMedPubDate"):
            ymd = _ymd(d)
            if ymd:
                text = f"{ymd[:4]}/{ymd[4:6]}/{ymd[6:8]}".rstrip("/")
                _add(out, "PHST", f"{text} [{d.get('PubStatus')}]")
        _add(out, "PST", _text(_first(dg, "PublicationStatus")))
        for ident in _under(dg, "ArticleIdList", "ArticleId"):
            kind = ident.get("IdType") or "pubmed"
            value = _text(ident)
            if kind == "pubmed" or not value:
                continue
            if kind == "pmc":
                _add(out, "PMC", value)
            else:
                _add(out, "AID", f"{value} [{kind}]")
    holders = [cg, ag] if art is not citation else [cg]
    if data is not None:
        holders.append(dg)
    for groups in holders:  # by tag: a tag's first element gives its place, as in the input
        for tag, children in groups.items():
            if isinstance(tag, str) and tag not in _KNOWN:
                kept.setdefault(f"xml:{tag}", []).extend(
                    etree.tostring(child, encoding="unicode", with_tail=False).strip()
                    for child in children
                )
    return out, kept


def _first_under(groups: dict[Any, list[Any]], tag: str, sub: str) -> Any:
    """The first ``sub`` child of the ``tag`` children (``find("tag/sub")``)."""
    for parent in groups.get(tag, _NONE):
        for c in parent:
            if c.tag == sub:
                return c
    return None


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read PubMed XML articles (see the module docstring); an empty input is a ParseError."""
    head, stream = xmlsafe.checked_head(stream, ctx.source)
    wide = head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:64]
    if not wide and not _ROOTS.search(head):
        raise ParseError(
            "not PubMed XML (PubmedArticleSet, PubmedBookArticleSet or BookDocumentSet expected)",
            source=ctx.source,
        )
    for _event, elem in xmlsafe.iterparse(
        stream, source=ctx.source, tags=_TAGS, limits=ctx.limits, restart_after=_ARTICLES
    ):
        if elem.tag == "DeleteCitation":
            ctx.report.add(
                Code.DELETED_RECORD,
                "the set deletes the citations of PMIDs "
                + ", ".join(t for t in (_text(p) for p in elem.iterfind("PMID")) if t),
                severity="info",
                source=ctx.source,
                source_format=ctx.format,
            )
            xmlsafe.release(elem)
            continue
        if (
            elem.tag == "BookDocument"
            and elem.getparent() is not None
            and (elem.getparent().tag == "PubmedBookArticle")
        ):
            continue  # read with its PubmedBookArticle
        line = elem.sourceline
        pmid = _text(next(elem.iter("PMID"), None))
        rep = ctx.reporter(f"pmid:{pmid}" if pmid else None, line)
        try:
            native, kept = article_fields(elem)
            record = fields_to_record(native, rep, ctx.format)
        except (PydanticValidationError, ValueError) as exc:
            rep.skip_error(exc, what="unreadable article")
            xmlsafe.release(elem)
            continue
        for key in kept:
            rep.add(
                Code.UNKNOWN_FIELD,
                f"element {key[4:]!r} kept as given in extras",
                key[4:],
                severity="info",
            )
        if kept:
            record.extra(ctx.format).update(kept)
        xmlsafe.release(elem)
        yield record
