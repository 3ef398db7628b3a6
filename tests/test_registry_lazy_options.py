"""A format's options models are imported when first asked for, not when formats are listed."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest
from pydantic import BaseModel

from biblioconv import registry
from biblioconv.errors import FormatNotFound
from biblioconv.registry import FormatSpec, Limits, NoOptions


def test_listing_formats_imports_no_options_module() -> None:
    code = (
        "import json, sys\n"
        "from biblioconv import registry\n"
        "names = [s.name for s in registry.all_formats()]\n"
        "before = sorted(m for m in sys.modules if m.endswith('.options'))\n"
        "model = registry.get('ris').options\n"
        "after = sorted(m for m in sys.modules if m.endswith('.options'))\n"
        "print(json.dumps([names, before, after, model.__name__]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    names, before, after, model = json.loads(out.stdout)
    assert "ris" in names and len(names) >= 20
    assert "biblioconv.formats.ris.options" not in before
    assert "biblioconv.formats.datacite.options" not in before
    assert "biblioconv.formats.ris.options" in after
    assert model == "RisWriteOptions"


def test_options_given_as_module_attribute_strings() -> None:
    spec = FormatSpec(
        name="lazy-toy",
        title="Lazy toy",
        options="biblioconv.registry:Limits",
        read_options="biblioconv.registry:NoOptions",
    )
    assert spec.options is Limits
    assert spec.read_options is NoOptions
    assert spec == FormatSpec(
        name="lazy-toy", title="Lazy toy", options=Limits, read_options=NoOptions
    )
    assert dataclasses.replace(spec, name="other").options is Limits
    assert spec.make_options({"max_names": 3}, read=False) == Limits(max_names=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.options = NoOptions  # type: ignore[misc]


def test_defaults_and_classes_unchanged() -> None:
    spec = FormatSpec(name="plain", title="Plain")
    assert spec.options is NoOptions and spec.read_options is None
    defaults = {f.name: f.default for f in dataclasses.fields(FormatSpec)}
    assert defaults["options"] is NoOptions and defaults["read_options"] is None
    given = FormatSpec(name="given", title="Given", options=Limits)
    assert given.options is Limits


def test_an_options_string_that_names_nothing_fails_when_read() -> None:
    spec = FormatSpec(name="broken", title="Broken", options="biblioconv.nowhere:Options")
    with pytest.raises(FormatNotFound, match=r"cannot load biblioconv\.nowhere:Options"):
        _ = spec.options


def test_format_packages_still_export_their_options_models() -> None:
    from biblioconv.formats.datacite import DataciteJsonWriteOptions, DataciteWriteOptions
    from biblioconv.formats.dublin_core import DctermsWriteOptions
    from biblioconv.formats.ris import RisReadOptions, RisWriteOptions

    assert registry.get("ris").options is RisWriteOptions
    assert registry.get("ris").read_options is RisReadOptions
    assert registry.get("datacite").options is DataciteWriteOptions
    assert registry.get("datacite-json").options is DataciteJsonWriteOptions
    assert registry.get("dcterms").options is DctermsWriteOptions
    for spec in registry.all_formats():
        assert issubclass(spec.options, BaseModel), spec.name
        assert spec.read_options is None or issubclass(spec.read_options, BaseModel), spec.name
    import biblioconv.formats.ris as ris

    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        _ = ris.Nothing
