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
    text = " ".join("".join(elem.itertext()).split())
    return text or None


def _rich(elem: Any) -> str | None:
    """Mixed content with ``i``, ``b``, ``sup``, ``sub`` as the record's rich-text tags."""
    if elem is None:
        return None
    parts: list[str] = []

    def walk(e: Any) -> None:
        if e.text:
            parts.append(e.text)
        for child in e:
            face = _FACES.get(child.tag) if isinstance(child.tag, str) else None
            if face:
                parts.append(face[0])
            walk(child)
            if face:
                parts.append(face[1])
            if child.tail:
                parts.append(child.tail)

    walk(elem)
    text = " ".join("".join(parts).split())
    return text or None


def _ymd(elem: Any) -> str | None:
    """``<Year/><Month/><Day/>`` as YYYYMMDD (or the known part)."""
    if elem is None:
        return None
    y, m, d = (_text(elem.find(t)) for t in ("Year", "Month", "Day"))
    if not y:
        return None
    out = y
    if m:
        month = f"{_MONTHS.index(m[:3]) + 1:02d}" if m[:3] in _MONTHS else m.zfill(2)
        out += month + (d.zfill(2) if d else "")
    return out


def _pub_date(elem: Any) -> str | None:
    """A PubDate as MEDLINE's DP text (``2016 May 28``, ``1990 Spring``, a MedlineDate)."""
    if elem is None:
        return None
    medline = _text(elem.find("MedlineDate"))
    if medline:
        return medline
    y = _text(elem.find("Year"))
    if not y:
        return None
    out = y
    season = _text(elem.find("Season"))
    month = _text(elem.find("Month"))
    if month:
        if month.isdigit() and 1 <= int(month) <= 12:
            month = _MONTHS[int(month) - 1]
        out += f" {month}"
        day = _text(elem.find("Day"))
        if day:
            out += f" {int(day) if day.isdigit() else day}"
    elif season:
        out += f" {season}"
    return out


def _person(author: Any) -> dict[str, Any] | None:
    collective = _text(author.find("CollectiveName"))
    if collective:
        return {"CN": collective}
    last = _text(author.find("LastName"))
    fore = _text(author.find("ForeName"))
    initials = _text(author.find("Initials"))
    suffix = _text(author.find("Suffix"))
    if not last:
        return None
    full = last + (f", {fore}" if fore else "") + (f" {suffix}" if suffix else "")
    p: dict[str, Any] = {"FAU": full, "AU": f"{last} {initials}" if initials else last}
    ads = [_text(a) for a in author.iterfind("AffiliationInfo/Affiliation")]
    if ads:
        p["AD"] = [a for a in ads if a]
    ids = []
    for ident in author.iterfind("Identifier"):
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
    desc = heading.find("DescriptorName")
    if desc is None:
        return None
    text = (_text(desc) or "") + ("*" if desc.get("MajorTopicYN") == "Y" else "")
    text = ("*" + text[:-1]) if text.endswith("*") else text
    for q in heading.iterfind("QualifierName"):
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
    citation = article.find("MedlineCitation")
    if citation is None:
        citation = article.find("BookDocument")
    if citation is None:
        raise ValueError("no MedlineCitation or BookDocument")
    _add(out, "PMID", _text(citation.find("PMID")))
    for attr, tag in (("Owner", "OWN"), ("Status", "STAT")):
        _add(out, tag, citation.get(attr))
    _add(out, "DCOM", _ymd(citation.find("DateCompleted")))
    _add(out, "LR", _ymd(citation.find("DateRevised")))
    art = citation.find("Article")
    if art is None:
        art = citation  # a book document holds the article's elements itself
    journal = art.find("Journal")
    if journal is not None:
        for issn in journal.iterfind("ISSN"):
            _add(out, "IS", f"{_text(issn)} ({issn.get('IssnType') or 'Print'})")
        ji = journal.find("JournalIssue")
        if ji is not None:
            _add(out, "VI", _text(ji.find("Volume")))
            _add(out, "IP", _text(ji.find("Issue")))
            _add(out, "DP", _pub_date(ji.find("PubDate")))
        _add(out, "JT", _text(journal.find("Title")))
    info = citation.find("MedlineJournalInfo")
    if info is not None:
        linking = _text(info.find("ISSNLinking"))
        if linking:
            _add(out, "IS", f"{linking} (Linking)")
    book = art.find("Book")
    if book is not None:
        _add(out, "PB", _text(book.find("Publisher/PublisherName")))
        _add(out, "PL", _text(book.find("Publisher/PublisherLocation")))
        _add(out, "BTI", _rich(book.find("BookTitle")))
        _add(out, "DP", _pub_date(book.find("PubDate")))
        for isbn in book.iterfind("Isbn"):
            _add(out, "ISBN", _text(isbn))
        _add(out, "EN", _text(book.find("Edition")))
        for al in book.iterfind("AuthorList"):
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
    _add(out, "TI", _rich(art.find("ArticleTitle")))
    _add(out, "TT", _rich(art.find("VernacularTitle")))
    pgn: str | None = _text(art.find("Pagination/MedlinePgn"))
    if not pgn:
        start, end = _text(art.find("Pagination/StartPage")), _text(art.find("Pagination/EndPage"))
        pgn = f"{start}-{end}" if start and end else start
    _add(out, "PG", pgn)
    for loc in art.iterfind("ELocationID"):
        _add(out, "LID", f"{_text(loc)} [{loc.get('EIdType') or 'doi'}]")
    abstract = art.find("Abstract")
    if abstract is not None:
        parts = []
        for t in abstract.iterfind("AbstractText"):
            text = _rich(t)
            if text:
                parts.append(f"{t.get('Label')}: {text}" if t.get("Label") else text)
        _add(out, "AB", " ".join(parts))
        _add(out, "CI", _text(abstract.find("CopyrightInformation")))
    for al in art.iterfind("AuthorList"):
        for author in al.iterfind("Author"):
            p = _person(author)
            if p is None:
                continue
            if al.get("Type") == "editors" and "FAU" in p:
                p = {"FED": p.pop("FAU"), "ED": p.pop("AU"), **p}
                out.setdefault("FED", []).append(p)
            else:
                out.setdefault("FAU", []).append(p)
    for lang in art.iterfind("Language"):
        _add(out, "LA", _text(lang))
    for grant in art.iterfind("GrantList/Grant"):
        parts = [_text(grant.find(t)) or "" for t in ("GrantID", "Acronym", "Agency", "Country")]
        _add(out, "GR", " / ".join(parts))
    for pt in art.iterfind("PublicationTypeList/PublicationType"):
        _add(out, "PT", _text(pt))
    for pt in citation.iterfind("PublicationType"):  # book documents
        _add(out, "PT", _text(pt))
    for date in art.iterfind("ArticleDate"):
        _add(out, "DEP", _ymd(date))
    if info is not None:
        _add(out, "PL", _text(info.find("Country")))
        _add(out, "TA", _text(info.find("MedlineTA")))
        _add(out, "JID", _text(info.find("NlmUniqueID")))
    for chem in citation.iterfind("ChemicalList/Chemical"):
        rn = _text(chem.find("RegistryNumber")) or "0"
        _add(out, "RN", f"{rn} ({_text(chem.find('NameOfSubstance'))})")
    for subset in citation.iterfind("CitationSubset"):
        _add(out, "SB", _text(subset))
    for heading in citation.iterfind("MeshHeadingList/MeshHeading"):
        _add(out, "MH", _mesh(heading))
    for kl in citation.iterfind("KeywordList"):
        for kw in kl.iterfind("Keyword"):
            _add(out, "OT", _text(kw))
        _add(out, "OTO", kl.get("Owner"))
    _add(out, "COIS", _text(citation.find("CoiStatement")))
    for cc in citation.iterfind("CommentsCorrectionsList/CommentsCorrections"):
        link = _LINKS.get(cc.get("RefType") or "")
        ref = _text(cc.find("RefSource"))
        pmid = _text(cc.find("PMID"))
        if link and ref:
            _add(out, link, ref + (f" PMID: {pmid}" if pmid else ""))
        elif ref:
            kept.setdefault("xml:CommentsCorrections", []).append(
                etree.tostring(cc, encoding="unicode", with_tail=False)
            )
    data = article.find("PubmedData")
    if data is None:
        data = article.find("PubmedBookData")
    if data is not None:
        for d in data.iterfind("History/PubMedPubDate"):
            ymd = _ymd(d)
            if ymd:
                text = f"{ymd[:4]}/{ymd[4:6]}/{ymd[6:8]}".rstrip("/")
                _add(out, "PHST", f"{text} [{d.get('PubStatus')}]")
        _add(out, "PST", _text(data.find("PublicationStatus")))
        for ident in data.iterfind("ArticleIdList/ArticleId"):
            kind = ident.get("IdType") or "pubmed"
            value = _text(ident)
            if kind == "pubmed" or not value:
                continue
            if kind == "pmc":
                _add(out, "PMC", value)
            else:
                _add(out, "AID", f"{value} [{kind}]")
    holders = [citation, art] if art is not citation else [citation]
    if data is not None:
        holders.append(data)
    for holder in holders:
        for child in holder:
            if isinstance(child.tag, str) and child.tag not in _KNOWN:
                kept.setdefault(f"xml:{child.tag}", []).append(
                    etree.tostring(child, encoding="unicode", with_tail=False).strip()
                )
    return out, kept


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
        pmid = _text(elem.find(".//PMID"))
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
