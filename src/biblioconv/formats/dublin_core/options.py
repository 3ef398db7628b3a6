"""Options of the Dublin Core formats (pydantic models; the CLI exposes them as ``-O dc.<name>``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["DcReadOptions", "DcWriteOptions", "DctermsWriteOptions"]


class DcReadOptions(BaseModel):
    """Options of the Dublin Core reader (oai_dc, qualified DC, RDF/XML, OAI-PMH)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    heuristic_diagnostics: Literal["record", "once", "off"] = Field(
        default="record",
        description="HEURISTIC_APPLIED diagnostics: one per rule and record ('record'), only the "
        "first time each rule applies in the input ('once', for large harvests), or none ('off')",
    )


class DcWriteOptions(BaseModel):
    """Options of the oai_dc writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    doi_form: Literal["url", "info", "doi"] = Field(
        default="url",
        description="how a DOI is written in dc:identifier: https://doi.org/10... ('url'), "
        "info:doi/10... ('info') or doi:10... ('doi')",
    )
    openaire: bool = Field(
        default=True,
        description="follow the OpenAIRE / DRIVER conventions: info:eu-repo/semantics types, "
        "versions and access rights, info:eu-repo/grantAgreement funding, embargo end dates",
    )
    language: Literal["bcp47", "iso639-3"] = Field(
        default="bcp47",
        description="dc:language as a BCP 47 tag ('en') or an ISO 639-3 code ('eng', as OpenAIRE "
        "recommends)",
    )
    affiliations_as_contributors: bool = Field(
        default=True,
        description="write affiliations as dc:contributor (the DataCite to Dublin Core mapping); "
        "otherwise they are reported as dropped",
    )
    envelope: Literal["auto", "oai-pmh", "none"] = Field(
        default="auto",
        description="'auto': a bare record for one record, an OAI-PMH ListRecords response for "
        "several; 'oai-pmh': always the response; 'none': bare records only (one record)",
    )
    response_date: str | None = Field(
        default=None,
        description="responseDate of the OAI-PMH envelope (UTC, e.g. 2026-01-01T00:00:00Z); "
        "default: now",
    )
    base_url: str = Field(
        default="https://example.org/oai",
        description="the OAI-PMH request URL written in the envelope",
    )
    indent: bool = Field(default=True, description="pretty-print the XML")


class DctermsWriteOptions(DcWriteOptions):
    """Options of the qualified Dublin Core (dcterms) writer."""

    container: str = Field(
        default="{http://dspace.org/qualifieddc/}qualifieddc",
        description="the element holding one record's terms, in Clark notation ({namespace}name); "
        "its schema type is dcterms:elementOrRefinementContainer",
    )
    encoding_schemes: bool = Field(
        default=True,
        description="add xsi:type encoding schemes (W3CDTF, DCMIType, URI, IMT, RFC4646, "
        "ISO639-3, LCSH, MESH, DDC, LCC, UDC, Point, Box, Period...)",
    )
