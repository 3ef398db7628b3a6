"""Helpers of the security tests: minimal documents per XML format, and a recording listener."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import biblioconv

#: A minimal valid document per XML format; ``{PROLOG}`` goes after the XML declaration and
#: ``{TITLE}`` is the title's content (where an entity reference or an XInclude is put).
XML_DOCS: dict[str, str] = {
    "datacite": """<?xml version="1.0" encoding="UTF-8"?>{PROLOG}
<resource xmlns="http://datacite.org/schema/kernel-4">
  <identifier identifierType="DOI">10.1234/example</identifier>
  <creators><creator><creatorName>Doe, Jane</creatorName></creator></creators>
  <titles><title>{TITLE}</title></titles>
  <publisher>Example Press</publisher>
  <publicationYear>2020</publicationYear>
  <resourceType resourceTypeGeneral="Dataset">Data</resourceType>
</resource>
""",
    "dc": """<?xml version="1.0" encoding="UTF-8"?>{PROLOG}
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
    xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title>{TITLE}</dc:title>
  <dc:creator>Doe, Jane</dc:creator>
  <dc:date>2020</dc:date>
  <dc:type>Text</dc:type>
</oai_dc:dc>
""",
    "dcterms": """<?xml version="1.0" encoding="UTF-8"?>{PROLOG}
<qdc:qualifieddc xmlns:qdc="http://dspace.org/qualifieddc/"
    xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
  <dcterms:title>{TITLE}</dcterms:title>
  <dcterms:creator>Doe, Jane</dcterms:creator>
  <dcterms:issued>2020</dcterms:issued>
</qdc:qualifieddc>
""",
    "mods": """<?xml version="1.0" encoding="UTF-8"?>{PROLOG}
<mods xmlns="http://www.loc.gov/mods/v3" version="3.8">
  <titleInfo><title>{TITLE}</title></titleInfo>
  <name type="personal"><namePart type="family">Doe</namePart><namePart type="given">Jane</namePart></name>
  <originInfo><dateIssued encoding="w3cdtf">2020</dateIssued></originInfo>
</mods>
""",
    "crossref": """<?xml version="1.0" encoding="UTF-8"?>{PROLOG}
<doi_batch xmlns="http://www.crossref.org/schema/5.3.1" version="5.3.1">
  <head><doi_batch_id>sec-test</doi_batch_id><timestamp>1</timestamp>
    <depositor><depositor_name>x</depositor_name><email_address>x@example.org</email_address></depositor>
    <registrant>x</registrant></head>
  <body><journal><journal_metadata><full_title>J</full_title></journal_metadata>
    <journal_article><titles><title>{TITLE}</title></titles>
      <publication_date><year>2020</year></publication_date>
      <doi_data><doi>10.1234/example</doi><resource>https://example.org/x</resource></doi_data>
    </journal_article></journal></body>
</doi_batch>
""",
    "jats": """<?xml version="1.0" encoding="UTF-8"?>{PROLOG}
<article article-type="research-article"><front><article-meta>
  <title-group><article-title>{TITLE}</article-title></title-group>
</article-meta></front></article>
""",
    "endnote-xml": """<?xml version="1.0" encoding="UTF-8"?>{PROLOG}
<xml><records><record>
  <ref-type name="Journal Article">17</ref-type>
  <contributors><authors><author>Doe, Jane</author></authors></contributors>
  <titles><title>{TITLE}</title></titles>
  <dates><year>2020</year></dates>
</record></records></xml>
""",
    "pubmed-xml": """<?xml version="1.0" encoding="UTF-8"?>{PROLOG}
<PubmedArticleSet>
  <PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">1</PMID>
    <Article PubModel="Print"><Journal><Title>J</Title></Journal>
      <ArticleTitle>{TITLE}</ArticleTitle>
      <AuthorList><Author><LastName>Doe</LastName><ForeName>Jane</ForeName></Author></AuthorList>
    </Article></MedlineCitation></PubmedArticle>
</PubmedArticleSet>
""",
}

ROOTS = {
    "jats": "article",
    "datacite": "resource",
    "dc": "oai_dc:dc",
    "dcterms": "qdc:qualifieddc",
    "mods": "mods",
    "crossref": "doi_batch",
    "pubmed-xml": "PubmedArticleSet",
    "endnote-xml": "xml",
}


def is_xml(spec: biblioconv.FormatSpec) -> bool:
    """Whether a registered format reads XML (by its extensions and media types)."""
    return spec.can_read and (
        any(e.lower().endswith(".xml") for e in spec.extensions)
        or any("xml" in m for m in spec.media_types)
    )


def xml_formats() -> list[str]:
    """Every registered format that reads XML."""
    return [s.name for s in biblioconv.formats() if is_xml(s)]


def document(fmt: str, *, prolog: str = "", title: str = "A safe title") -> str:
    """The minimal document of an XML format with a prolog and a title put in."""
    return XML_DOCS[fmt].replace("{PROLOG}", prolog).replace("{TITLE}", title)


@dataclass
class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    port: int = 0
    connections: list[bytes] = field(default_factory=list)


@contextmanager
def listening() -> Iterator[Listener]:
    """Run a recording listener on an ephemeral local port for the duration of a block."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.settimeout(0.05)
    result = Listener(port=sock.getsockname()[1])
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    data = conn.recv(4096)
                except OSError:
                    data = b""
                result.connections.append(data)
                with contextlib.suppress(OSError):
                    conn.sendall(b"HTTP/1.0 200 OK\r\n\r\nLEAKED-BY-NETWORK")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield result
    finally:
        stop.set()
        thread.join(timeout=2)
        sock.close()


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def release(elem: Any) -> None:
    """What the XML readers do with an element they have read: clear it and take out
    everything before it."""
    elem.clear()
    node = elem
    parent = node.getparent()
    while parent is not None:
        while node.getprevious() is not None:
            del parent[0]
        node, parent = parent, parent.getparent()
