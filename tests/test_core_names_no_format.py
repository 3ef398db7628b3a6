"""The core modules name no format: what a format needs of them, its FormatSpec declares (its
splitter for ``--jobs``, its validator, whether it decodes its input itself, labels by position)."""

from __future__ import annotations

import re

import pytest
from testsupport import ROOT

from biblioconv import registry

CORE = ("api.py", "parallel.py", "validation.py", "dask.py", "splitting.py", "readback.py")
#: Words of format names and titles that are also the project's own or plain English.
GENERIC = {"biblioconv", "biblioconv-json", "record", "citation", "cite", "bibliography"}
GENERIC |= {"formatted", "qualified"}


def _format_words() -> set[str]:
    words: set[str] = set()
    for spec in registry.all_formats():
        words.update({spec.name, *spec.aliases, spec.title.split()[0]})
    words.update({"OAI-PMH", "Dublin Core", "CSL"})
    return {w for w in words if w.lower() not in GENERIC and w[0].isalpha() and len(w) > 1}


@pytest.mark.parametrize("module", CORE)
def test_core_module_names_no_format(module: str) -> None:
    text = (ROOT / "src" / "biblioconv" / module).read_text(encoding="utf-8")
    found = []
    for word in sorted(_format_words()):
        for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text, re.I):
            line = text.count("\n", 0, m.start()) + 1
            found.append(f"{module}:{line}: {word}")
    assert not found, found


def test_every_splittable_format_declares_its_splitter() -> None:
    """The built-in formats whose inputs ``--jobs`` cuts, each by its own splitter."""
    split = {s.name for s in registry.all_formats() if s.splitter is not None}
    assert {"bibtex", "biblatex", "ris", "csl-json", "record-json", "datacite-json"} <= split
    assert {"datacite", "dc", "dcterms"} <= split
