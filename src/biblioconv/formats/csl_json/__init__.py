"""CSL-JSON and CSL-YAML: the input format of citation processors (CSL 1.0.2)."""

from __future__ import annotations

from typing import Any

from biblioconv.registry import FormatSpec, NoOptions

__all__ = ["FORMAT", "YAML_FORMAT", "CslWriteOptions", "record_to_csl"]


def record_to_csl(record: object, report: object = None) -> dict[str, object]:
    """Map a record to a CSL-JSON item (see :func:`biblioconv.formats.csl_json.mapping.record_to_csl`)."""
    from biblioconv.formats.csl_json.mapping import record_to_csl as _impl
    from biblioconv.model import Record
    from biblioconv.report import ConversionReport

    assert isinstance(record, Record)
    assert report is None or isinstance(report, ConversionReport)
    return _impl(record, report)


FORMAT = FormatSpec(
    name="csl-json",
    title="CSL-JSON",
    aliases=("csljson", "csl"),
    extensions=(".csl.json", ".json", ".jsonl"),
    media_types=("application/vnd.citationstyles.csl+json", "application/citeproc+json"),
    reader="biblioconv.formats.csl_json.reader:read",
    writer="biblioconv.formats.csl_json.writer:write",
    sniff="biblioconv.formats.csl_json.sniff:sniff",
    options="biblioconv.formats.csl_json.options:CslWriteOptions",
    read_options=NoOptions,
    crosswalk="biblioconv.formats.csl_json.crosswalk:CROSSWALK",
    description="CSL-JSON items (array, single item or JSON Lines), as used by citeproc-js, "
    "citeproc-py, Zotero, pandoc and Mendeley.",
    splitter="biblioconv.splitting:split_json_lines",
    validator="biblioconv.formats.csl_json.validate:validate",
)

YAML_FORMAT = FormatSpec(
    name="csl-yaml",
    title="CSL-YAML",
    aliases=("cslyaml",),
    extensions=(".yaml", ".yml"),
    media_types=("application/x-yaml",),
    reader="biblioconv.formats.csl_json.reader:read_yaml",
    writer="biblioconv.formats.csl_json.writer:write_yaml",
    sniff="biblioconv.formats.csl_json.sniff:sniff_yaml",
    options="biblioconv.formats.csl_json.options:CslYamlWriteOptions",
    read_options=NoOptions,
    streams=False,
    crosswalk="biblioconv.formats.csl_json.crosswalk:CROSSWALK",
    description="CSL items in YAML (a list, or pandoc's `references:` metadata block).",
)


def __getattr__(name: str) -> Any:
    """The options models, imported when first asked for (see :mod:`.options`)."""
    if name in {"CslWriteOptions", "CslYamlWriteOptions"}:
        from biblioconv.formats.csl_json import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
