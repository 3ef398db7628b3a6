"""Building Crossref deposit 5.3.1 elements from the native fields the rule table fills.

Each record becomes one top-level work element of ``body`` (``journal``, ``book``,
``conference``, ``dissertation``, ``report-paper``, ``database``, ``posted_content`` or
``peer_review``) in the order and with the limits of the schema; a value the schema does not
take (too long, wrong pattern, a year outside 1400-2200) is left out and reported, a missing
mandatory value refuses the record with one line naming it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from biblioconv.formats.crossref.elements import FACE_TAGS

__all__ = ["AI", "CR", "FR", "JATS", "NSMAP", "REL", "Builder", "Missing"]

CR = "http://www.crossref.org/schema/5.3.1"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
FR = "http://www.crossref.org/fundref.xsd"
AI = "http://www.crossref.org/AccessIndicators.xsd"
REL = "http://www.crossref.org/relations.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NSMAP: Any = {None: CR, "jats": JATS, "fr": FR, "ai": AI, "rel": REL, "xsi": XSI}

#: (min length, max length, pattern) of the deposit schema's simple types, by element.
_LIMITS: dict[str, tuple[int, int, str | None]] = {
    "abbrev_title": (1, 150, None),
    "component_number": (1, 50, None),
    "conference_location": (2, 255, None),
    "conference_name": (3, 512, None),
    "degree": (2, 255, None),
    "edition_number": (1, 15, None),
    "first_page": (1, 32, None),
    "last_page": (1, 32, None),
    "other_pages": (1, 100, None),
    "full_title": (1, 255, None),
    "given_name": (1, 60, r"[^\d?]*[^?\s]+[^\d]*"),
    "surname": (1, 60, r"[^\d?]*[^?\s]+[^\d]*"),
    "suffix": (1, 10, None),
    "institution_name": (1, 1024, None),
    "institution_place": (2, 255, None),
    "isbn": (10, 17, r"(97(8|9)-)?\d[\d \-]+[\dX]"),
    "issn": (8, 9, r"\d{4}-?\d{3}[\dX]"),
    "issue": (1, 32, None),
    "volume": (1, 32, None),
    "item_number": (1, 32, None),
    "organization": (1, 511, None),
    "proceedings_title": (1, 511, None),
    "publisher_name": (1, 255, None),
    "publisher_place": (2, 255, None),
    "doi": (6, 2048, r"10\.[0-9]{4,9}/.{1,200}"),
    "resource": (1, 2048, r"([hH][tT][tT][pP]|[hH][tT][tT][pP][sS]|[fF][tT][pP])://.*"),
    "ORCID": (0, 100, r"https?://orcid.org/[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[X0-9]"),
    "year": (4, 4, r"1[4-9][0-9]{2}|2[01][0-9]{2}|2200"),
}
_COMPILED = {k: (lo, hi, re.compile(p, re.S) if p else None) for k, (lo, hi, p) in _LIMITS.items()}
_WS = re.compile(r"\s+")


class Missing(Exception):
    """A value the schema requires is missing or cannot be written."""


def fits(element: str, text: str) -> bool:
    """Whether a text is a valid value of an element of the deposit schema."""
    limit = _COMPILED.get(element)
    if limit is None:
        return bool(text.strip())
    lo, hi, pattern = limit
    collapsed = _WS.sub(" ", text).strip()
    if not lo <= len(collapsed) <= hi:
        return False
    return pattern is None or pattern.fullmatch(collapsed) is not None


def _q(name: str) -> str:
    return f"{{{CR}}}{name}"


_MARKUP = re.compile(
    r'<(/?)(i|b|sup|sub)>|<span style="font-variant:\s*small-caps;?">|<span class="nocase">|</span>'
)
_FACE_BY_TAG = {v[0]: k for k, v in FACE_TAGS.items()}


def set_rich(elem: Any, text: str) -> bool:
    """Fill an element with rich text as Crossref face markup; False if markup was dropped
    (a span the faces cannot say, or tags that do not nest)."""
    if "<" not in text:
        elem.text = text
        return True
    stack = [elem]
    last: Any = None
    pos = 0
    exact = True
    spans: list[bool] = []  # per open span: whether it is a face

    def put(chunk: str) -> None:
        nonlocal last
        if not chunk:
            return
        top = stack[-1]
        if last is not None and last.getparent() is top:
            last.tail = (last.tail or "") + chunk
        else:
            top.text = (top.text or "") + chunk

    for m in _MARKUP.finditer(text):
        put(text[pos : m.start()])
        pos = m.end()
        tag = m.group(0)
        if m.group(2):
            name = m.group(2)
            if m.group(1):
                if len(stack) > 1 and etree.QName(stack[-1]).localname == name:
                    last = stack.pop()
                else:
                    exact = False
            else:
                child = etree.SubElement(stack[-1], _q(name))
                stack.append(child)
                last = None
        elif tag.startswith("<span style"):
            child = etree.SubElement(stack[-1], _q("scp"))
            stack.append(child)
            spans.append(True)
            last = None
        elif tag == '<span class="nocase">':
            spans.append(False)
            exact = False
        else:  # </span>
            if spans and spans.pop() and len(stack) > 1:
                last = stack.pop()
    put(text[pos:])
    if len(stack) > 1:
        exact = False
    return exact


class Builder:
    """Makes the elements of one record; ``report(path_or_field, message)`` is told what is
    left out, ``missing`` collects what the schema requires and the record lacks."""

    def __init__(
        self,
        native: dict[str, Any],
        report: Callable[[str, str], None],
        report_added: Callable[[str, str], None] | None = None,
    ) -> None:
        self.native = native
        self.report = report
        self.report_added = report_added or report
        self.used: set[str] = set()
        self.missing: list[str] = []
        self.kind = ""
        self.dropped: set[str] = set()
        """Record paths of list elements left out here (the rest of the list moves up)."""

    def drop(self, item: dict[str, Any], key: str, message: str) -> None:
        """Leave out one element of a native list (reported on its record path)."""
        path = item.get("@path")
        if path:
            self.dropped.add(path)
        self.report(path or key, message)

    # -- small pieces --------------------------------------------------------------------------

    def get(self, key: str) -> Any:
        value = self.native.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def text(self, parent: Any, name: str, value: Any, key: str | None = None) -> Any:
        """A simple element, if the value fits the schema (else reported, nothing written)."""
        if value is None:
            return None
        value = str(value)
        if not fits(name, value):
            self.report(key or name, f"{name} {value[:60]!r} does not fit the schema; not written")
            return None
        elem = etree.SubElement(parent, _q(name))
        elem.text = _WS.sub(" ", value).strip()
        return elem

    def require(self, what: str, ok: bool) -> bool:
        if not ok:
            self.missing.append(what)
        return ok

    def titles(self, parent: Any, prefix: str = "", required: bool = True) -> None:
        title = self.get(f"{prefix}titles/title")
        if not self.require("a title", title is not None or not required):
            return
        if title is None:
            return
        titles = etree.SubElement(parent, _q("titles"))
        if not set_rich(etree.SubElement(titles, _q("title")), title):
            self.report(f"{prefix}titles/title", "markup the faces cannot say left out")
        sub = self.get(f"{prefix}titles/subtitle")
        if sub:
            set_rich(etree.SubElement(titles, _q("subtitle")), sub)
        orig = self.get("titles/original_language_title") if not prefix else None
        if orig:
            elem = etree.SubElement(titles, _q("original_language_title"))
            if orig.get("lang"):
                elem.set("language", orig["lang"])
            set_rich(elem, orig["text"])

    def date(self, parent: Any, name: str, value: dict[str, Any], key: str = "") -> Any:
        if not fits("year", value["year"]):
            self.drop(value, key or name, f"year {value['year']} is outside the schema's 1400-2200")
            return None
        elem = etree.SubElement(parent, _q(name))
        if value.get("media_type"):
            elem.set("media_type", value["media_type"])
        for part in ("month", "day", "year"):
            if value.get(part):
                etree.SubElement(elem, _q(part)).text = value[part]
        return elem

    def dates(self, parent: Any, name: str, key: str, required: bool, limit: int = 10) -> int:
        values = self.get(key) or []
        written = 0
        for value in values[:limit]:
            if self.date(parent, name, value, key) is not None:
                written += 1
        for value in values[limit:]:
            self.drop(value, key, f"only {limit} {name} elements are allowed")
        if required:
            self.require(f"a publication date (year 1400-2200) for {name}", written > 0)
        return written

    def person(self, parent: Any, c: dict[str, Any], first: bool) -> None:
        name = c["element"]
        path = c.get("@path", "contributors")
        if name == "organization":
            if not fits("organization", c["name"]):
                self.drop(c, path, "organisation name too long for the schema; not written")
                return
            elem = etree.SubElement(parent, _q("organization"))
            elem.text = c["name"]
        else:
            if not fits("surname", c["surname"]):
                self.drop(
                    c,
                    path,
                    f"surname {c['surname'][:60]!r} does not fit the schema "
                    "(60 characters, no trailing digits or '?'); not written",
                )
                return
            elem = etree.SubElement(parent, _q("person_name"))
            given = c.get("given_name")
            if given and not fits("given_name", given):
                self.report(path, f"given name {given[:60]!r} does not fit the schema; not written")
                given = None
            if given:
                etree.SubElement(elem, _q("given_name")).text = _WS.sub(" ", given).strip()
            etree.SubElement(elem, _q("surname")).text = _WS.sub(" ", c["surname"]).strip()
            if c.get("suffix"):
                self.text(elem, "suffix", c["suffix"], path)
            details = c.get("@details") or {}
            if c.get("affiliations"):
                affs = etree.SubElement(elem, _q("affiliations"))
                extra = details.get("institutions") or []
                for k, inst in enumerate(c["affiliations"]):
                    more = extra[k] if k < len(extra) else {}
                    self.institution(affs, {**inst, **more}, path)
                if not len(affs):
                    elem.remove(affs)
            if c.get("ORCID"):
                if fits("ORCID", c["ORCID"]):
                    orcid = etree.SubElement(elem, _q("ORCID"))
                    orcid.text = c["ORCID"]
                    if details.get("authenticated"):
                        orcid.set("authenticated", details["authenticated"])
                else:
                    self.report(path, "ORCID does not fit the schema; not written")
        details = c.get("@details") or {}
        sequence = details.get("sequence")
        elem.set(
            "sequence",
            sequence if sequence in ("first", "additional") else "first" if first else "additional",
        )
        elem.set("contributor_role", c["contributor_role"])
        if c.get("language"):
            elem.set("language", c["language"])

    def institution(self, parent: Any, inst: dict[str, Any], path: str) -> None:
        elem = etree.SubElement(parent, _q("institution"))
        names = [n for n in inst.get("name", []) if fits("institution_name", n)]
        if names:
            etree.SubElement(elem, _q("institution_name")).text = names[0]
        for ident in inst.get("ids", []):
            sub = etree.SubElement(elem, _q("institution_id"))
            sub.set("type", ident["type"])
            sub.text = ident["value"]
        if not len(elem):
            parent.remove(elem)
            self.report(path, "an affiliation without a name or identifier is not written")
            return
        for key, tag in (
            ("acronym", "institution_acronym"),
            ("place", "institution_place"),
            ("department", "institution_department"),
        ):
            for value in inst.get(key, []):
                if fits(tag, value):
                    etree.SubElement(elem, _q(tag)).text = value

    def contributors(
        self, parent: Any, people: list[dict[str, Any]], anonymous: Any = None
    ) -> None:
        self.used.add("contributors")
        if not people and not anonymous:
            return
        elem = etree.SubElement(parent, _q("contributors"))
        for i, c in enumerate(people):
            self.person(elem, c, first=i == 0)
        for a in anonymous or []:
            anon = etree.SubElement(elem, _q("anonymous"))
            anon.set("sequence", a.get("sequence", "additional"))
            anon.set("contributor_role", a.get("contributor_role", "author"))
            if a.get("affiliations"):
                affs = etree.SubElement(anon, _q("affiliations"))
                for inst in a["affiliations"]:
                    self.institution(affs, inst, "extras.crossref.anonymous")
        if not len(elem):
            parent.remove(elem)

    def abstracts(self, parent: Any) -> None:
        for a in self.get("jats:abstract") or []:
            elem = etree.SubElement(parent, f"{{{JATS}}}abstract")
            if a.get("lang"):
                elem.set(XML_LANG, a["lang"])
            for para in a["text"].split("\n\n"):
                p = etree.SubElement(elem, f"{{{JATS}}}p")
                _jats_rich(p, para)

    def pages(self, parent: Any) -> None:
        pages = self.get("pages")
        if not pages:
            return
        if not fits("first_page", pages["first_page"]):
            self.report("pages", "pages do not fit the schema (32 characters); not written")
            return
        elem = etree.SubElement(parent, _q("pages"))
        etree.SubElement(elem, _q("first_page")).text = pages["first_page"]
        if pages.get("last_page"):
            self.text(elem, "last_page", pages["last_page"], "pages")
        if pages.get("other_pages"):
            self.text(elem, "other_pages", pages["other_pages"], "pages")

    def publisher_item(self, parent: Any, numbers: bool = True) -> None:
        items = (self.get("item_number") or []) if numbers else []
        ids = self.get("identifier") or []
        report = self.get("identifier/report-number")
        if not (items or ids or report):
            return
        elem = etree.SubElement(parent, _q("publisher_item"))
        for item in items[:3]:
            sub = self.text(elem, "item_number", item["value"], "item_number")
            if sub is not None and item.get("type"):
                sub.set("item_number_type", item["type"])
        for n, ident in enumerate(ids):
            if n >= 10:
                self.drop(ident, "identifier", "at most ten publisher identifiers; not written")
                continue
            sub = etree.SubElement(elem, _q("identifier"))
            sub.set("id_type", ident["id_type"])
            sub.text = ident["value"]
        if report:
            sub = etree.SubElement(elem, _q("identifier"))
            sub.set("id_type", "report-number")
            sub.text = report
        if not len(elem):
            parent.remove(elem)

    def programs(
        self, parent: Any, crossmark: str | None, rel: bool = True, fundref: bool = True
    ) -> None:
        """crossmark (with the fundref and licence programs inside) or the two programs, then
        the relations program."""
        funding = (self.get("fr:program") or []) if fundref else []
        licences = self.get("ai:license_ref") or []
        free = self.get("ai:free_to_read")
        progs: list[Any] = []
        if funding:
            progs.append(_fundref(funding))
        if licences or free:
            progs.append(_access(licences, free))
        if crossmark:
            cm: Any = etree.fromstring(crossmark)
            _retarget(cm)
            policy = cm.findtext(_q("crossmark_policy")) or ""
            if not fits("doi", policy) or cm.find(_q("crossmark_version")) is None:
                self.report(
                    "extras.crossref.crossmark",
                    f"the Crossmark block (policy {policy[:40]!r}) does not fit the schema "
                    "(the policy is a DOI); not written",
                )
                crossmark = None
        if crossmark:
            for old in list(cm.iter(f"{{{FR}}}program", f"{{{AI}}}program")):
                old.getparent().remove(old)
            custom: Any = cm.find(_q("custom_metadata"))
            if progs and custom is None:
                custom = etree.SubElement(cm, _q("custom_metadata"))
            for p in progs:
                custom.append(p)
            parent.append(cm)
        else:
            for p in progs:
                parent.append(p)
        relations = self.get("rel:program") if rel else None
        if relations:
            parent.append(_relations(relations))

    def doi_data(self, parent: Any, prefix: str = "", required: bool = True) -> None:
        doi = self.get(f"{prefix}doi")
        url = self.get(f"{prefix}resource")
        if not required and not (doi and url and fits("doi", doi) and fits("resource", url)):
            return
        ok = self.require("a DOI (doi_data/doi)", bool(doi) and fits("doi", doi or ""))
        ok = (
            self.require(
                "a landing page URL (doi_data/resource)", bool(url) and fits("resource", url or "")
            )
            and ok
        )
        if not ok:
            return
        elem = etree.SubElement(parent, _q("doi_data"))
        etree.SubElement(elem, _q("doi")).text = doi
        etree.SubElement(elem, _q("resource")).text = url

    def citations(self, parent: Any) -> None:
        cits = self.get("citation_list")
        if not cits:
            return
        elem = etree.SubElement(parent, _q("citation_list"))
        for cit in cits:
            c = etree.SubElement(elem, _q("citation"))
            c.set("key", cit["key"])
            for key in (
                "issn",
                "journal_title",
                "author",
                "volume",
                "issue",
                "first_page",
                "cYear",
                "doi",
                "isbn",
                "series_title",
                "volume_title",
                "edition_number",
                "component_number",
                "article_title",
                "unstructured_citation",
            ):
                if cit.get(key):
                    if key in ("issn", "isbn", "doi", "volume", "issue", "first_page") and not (
                        fits(key, cit[key])
                    ):
                        self.report(
                            cit.get("@path") or "citation_list",
                            f"the reference's {key} {cit[key]!r} does not fit the schema; not "
                            "written",
                        )
                        continue
                    etree.SubElement(c, _q(key)).text = cit[key]

    def archive(self, parent: Any, key: str) -> None:
        names = self.get(key)
        if names:
            elem = etree.SubElement(parent, _q("archive_locations"))
            for name in names:
                etree.SubElement(elem, _q("archive")).set("name", name)

    def issns(self, parent: Any, key: str) -> None:
        """ISSNs (at most six) with their media type."""
        written = 0
        for value in self.get(key) or []:
            if written >= 6 or not fits("issn", value["value"]):
                self.drop(
                    value,
                    key,
                    f"ISSN {value['value']!r} does not fit the schema (at most six); not written",
                )
                continue
            elem = etree.SubElement(parent, _q("issn"))
            elem.text = value["value"]
            elem.set("media_type", value["media_type"])
            written += 1

    def isbns(self, parent: Any, key: str, noisbn: str | None) -> int:
        written = 0
        values = self.get(key) or []
        for value in values:
            if written >= 6 or not fits("isbn", value["value"]):
                self.drop(
                    value,
                    key,
                    f"ISBN {value['value']!r} does not fit the schema (at most "
                    "six, 10 to 17 characters); not written",
                )
                continue
            elem = etree.SubElement(parent, _q("isbn"))
            elem.text = value["value"]
            written += 1
            if value.get("media_type"):
                elem.set("media_type", value["media_type"])
        if not written and noisbn is not None:
            etree.SubElement(parent, _q("noisbn")).set("reason", noisbn or "monograph")
        return written

    def publishers(self, parent: Any, key: str, required: bool) -> None:
        pubs = self.get(key) or []
        written = 0
        for pub in pubs:
            if pub.get("ids"):
                self.report(
                    "publisher.identifiers",
                    "a publisher's identifiers are written for institutions only",
                )
            if not pub.get("name"):
                continue
            if not fits("publisher_name", pub["name"]):
                self.report(key, "publisher name too long for the schema; not written")
                continue
            elem = etree.SubElement(parent, _q("publisher"))
            etree.SubElement(elem, _q("publisher_name")).text = pub["name"]
            if pub.get("place"):
                self.text(elem, "publisher_place", pub["place"], key)
            written += 1
        if required:
            self.require("a publisher name", written > 0)


def rich_back(text: str) -> str:
    """What reading back a title written from rich text gives (markup and white space as the
    faces and the XML keep them)."""
    from biblioconv.formats.crossref.elements import rich_text

    tmp = etree.Element(_q("title"))
    set_rich(tmp, text)
    return rich_text(tmp) or ""


def abstract_back(text: str) -> str:
    """What reading back an abstract written from rich text gives."""
    from biblioconv.formats.crossref.elements import rich_text

    paras = []
    for para in text.split("\n\n"):
        p = etree.Element(f"{{{JATS}}}p")
        _jats_rich(p, para)
        back = rich_text(p)
        if back:
            paras.append(back)
    return "\n\n".join(paras)


def _jats_rich(p: Any, text: str) -> None:
    """A paragraph's rich text as JATS inline markup (italic, bold, sup, sub, sc)."""
    tmp = etree.Element("tmp")
    set_rich(tmp, text)
    names = {"i": "italic", "b": "bold", "sup": "sup", "sub": "sub", "scp": "sc"}
    for elem in tmp.iter():
        if elem is not tmp:
            elem.tag = f"{{{JATS}}}{names.get(etree.QName(elem).localname, 'italic')}"
    p.text = tmp.text
    for child in tmp:
        p.append(child)


def _retarget(elem: Any) -> None:
    """Move kept deposit-schema elements (any 4.x/5.x namespace) into the 5.3.1 namespace."""
    for e in elem.iter():
        if isinstance(e.tag, str) and e.tag.startswith(
            ("{http://www.crossref.org/schema/", "{http://www.crossref.org/xschema/")
        ):
            e.tag = _q(etree.QName(e).localname)
    etree.cleanup_namespaces(elem, top_nsmap=NSMAP)


def _fundref(funding: list[dict[str, Any]]) -> Any:
    prog = etree.Element(f"{{{FR}}}program", nsmap={"fr": FR})
    prog.set("name", "fundref")
    for f in funding:
        group = etree.SubElement(prog, f"{{{FR}}}assertion")
        group.set("name", "fundgroup")
        name = etree.SubElement(group, f"{{{FR}}}assertion")
        name.set("name", "funder_name")
        name.text = f.get("name") or ""
        if f.get("identifier"):
            ident = etree.SubElement(name, f"{{{FR}}}assertion")
            ident.set("name", "funder_identifier")
            ident.text = f["identifier"]
        if f.get("award_number"):
            award = etree.SubElement(group, f"{{{FR}}}assertion")
            award.set("name", "award_number")
            award.text = f["award_number"]
    return prog


def _access(licences: list[dict[str, Any]], free: Any) -> Any:
    prog = etree.Element(f"{{{AI}}}program", nsmap={"ai": AI})
    prog.set("name", "AccessIndicators")
    if free:
        elem = etree.SubElement(prog, f"{{{AI}}}free_to_read")
        if isinstance(free, dict):
            for k, v in free.items():
                elem.set(k, v)
    for lic in licences:
        elem = etree.SubElement(prog, f"{{{AI}}}license_ref")
        for attr in ("applies_to", "start_date"):
            if lic.get(attr):
                elem.set(attr, lic[attr])
        elem.text = lic["uri"]
    return prog


def _relations(relations: list[dict[str, Any]]) -> Any:
    prog = etree.Element(f"{{{REL}}}program", nsmap={"rel": REL})
    for r in relations:
        item = etree.SubElement(prog, f"{{{REL}}}related_item")
        if r.get("description"):
            etree.SubElement(item, f"{{{REL}}}description").text = r["description"]
        rel = etree.SubElement(item, f"{{{REL}}}{r['element']}")
        rel.set("relationship-type", r["type"])
        rel.set("identifier-type", r["id_type"])
        rel.text = r["value"]
    return prog
