"""PubMed: MEDLINE/nbib (PubMed's tagged export, read and written) and PubMed XML (efetch
``PubmedArticleSet``, read)."""

from __future__ import annotations

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["MEDLINE", "PUBMED_XML"]

MEDLINE = FormatSpec(
    name="medline",
    title="MEDLINE/nbib",
    aliases=("nbib", "pubmed-nbib", "medline-nbib"),
    extensions=(".nbib", ".medline"),
    media_types=("application/nbib",),
    reader="biblioconv.formats.pubmed.medline:read",
    writer="biblioconv.formats.pubmed.medline:write",
    sniff="biblioconv.formats.pubmed.sniff:sniff_medline",
    options=NoOptions,
    crosswalk="biblioconv.formats.pubmed.table:CROSSWALK",
    description="MEDLINE/PubMed tagged records (PubMed 'PubMed format' export, .nbib): "
    "PMID-, TI -, FAU/AU/AD/AUID ..., continuation lines of six spaces.",
    positional_labels=True,
)

PUBMED_XML = FormatSpec(
    name="pubmed-xml",
    title="PubMed XML",
    aliases=("pubmed", "efetch-xml"),
    extensions=(".pubmed.xml",),
    media_types=("application/vnd.pubmed+xml",),
    reader="biblioconv.formats.pubmed.xml_reader:read",
    sniff="biblioconv.formats.pubmed.sniff:sniff_xml",
    options=NoOptions,
    crosswalk="biblioconv.formats.pubmed.xml_table:CROSSWALK",
    description="PubMed XML as efetch returns it (PubmedArticleSet of PubmedArticle and "
    "PubmedBookArticle), read in streaming.",
    decodes_itself=True,
    validator="biblioconv.formats.pubmed.validate:validate_xml",
)
