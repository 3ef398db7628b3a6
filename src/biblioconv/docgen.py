"""Generated documentation: crosswalk and type tables, the loss matrix, diagnostic codes, the
format list and the record JSON Schema, all from the code's own tables.

Markdown pages carry regions between ``<!-- BEGIN GENERATED kind[:arg] -->`` and
``<!-- END GENERATED -->``; ``python -m biblioconv.docgen`` rewrites them (``--check`` fails when a
page or the schema is stale, which a test also asserts).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from biblioconv import registry
from biblioconv.crosswalk import LOSS_ROWS, Crosswalk, loss_cell
from biblioconv.model import Record
from biblioconv.report import CODES

__all__ = [
    "crosswalk_table",
    "diagnostics_table",
    "formats_table",
    "loss_matrix",
    "main",
    "record_schema",
    "render_page",
    "type_table",
]

_REGION = re.compile(
    r"(<!-- BEGIN GENERATED (?P<kind>[a-z-]+)(?::(?P<arg>[a-z0-9-]+))? -->\n)"
    r"(?P<body>.*?)"
    r"(<!-- END GENERATED -->)",
    re.DOTALL,
)


def _esc(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _crosswalk(name: str) -> Crosswalk:
    cw = registry.get(name).get_crosswalk()
    if cw is None:
        raise LookupError(f"format {name!r} has no crosswalk")
    return cw


def crosswalk_table(name: str) -> str:
    """Markdown table: every field of a format, its home in the record model, kind and note."""
    cw = _crosswalk(name)
    lines = ["| Field | Record model | Mapping | Note |", "|---|---|---|---|"]
    for fm in cw.fields:
        home = "`extras`" if fm.home == "extras" else f"`{fm.home}`"
        lines.append(f"| `{_esc(fm.field)}` | {home} | {fm.kind} | {_esc(fm.note)} |")
    if cw.unmapped:
        lines += ["", "What the format cannot hold (reported when a record carries it):", ""]
        lines += ["| Record model | Reason |", "|---|---|"]
        lines += [f"| `{path}` | {_esc(why)} |" for path, why in cw.unmapped.items()]
    return "\n".join(lines)


def type_table(name: str) -> str:
    """Markdown table of type mappings (read: format -> hub; write: hub -> format)."""
    cw = _crosswalk(name)
    lines = ["| Format type | Record type | Read | Write | Note |", "|---|---|---|---|---|"]
    for tm in cw.types:
        lines.append(
            f"| `{tm.native}` | `{tm.hub}` | {'yes' if tm.read else '-'} | "
            f"{'yes' if tm.write else '-'} | {_esc(tm.note)} |"
        )
    return "\n".join(lines)


_CELL = {
    "kept": ("kept", "#c8e6c9"),
    "approximated": ("approx.", "#fff3c4"),
    "dropped": ("dropped", "#ffcdd2"),
    "unknown": ("?", "#eeeeee"),
}


def loss_matrix() -> str:
    """An HTML colour table: rows are model fields, columns formats (kept/approx./dropped)."""
    specs = [s for s in registry.all_formats() if s.get_crosswalk() is not None]
    head = "".join(f"<th>{s.name}</th>" for s in specs)
    rows = [f'<table class="loss-matrix">\n<tr><th>Record field</th>{head}</tr>']
    for row in LOSS_ROWS:
        cells = []
        for s in specs:
            cw = s.get_crosswalk()
            assert cw is not None
            label, colour = _CELL[loss_cell(cw, row)]
            cells.append(f'<td style="background:{colour}">{label}</td>')
        rows.append(f"<tr><td><code>{row}</code></td>{''.join(cells)}</tr>")
    rows.append("</table>")
    return "\n".join(rows)


def diagnostics_table() -> str:
    """Markdown table of every diagnostic code."""
    lines = ["| Code | Meaning |", "|---|---|"]
    lines += [f"| `{code}` | {meaning} |" for code, meaning in CODES.items()]
    return "\n".join(lines)


def formats_table() -> str:
    """Markdown table of the registered formats."""
    lines = [
        "| Format | Aliases | Read | Write | Streams | Extensions | Media types |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in registry.all_formats():
        lines.append(
            f"| `{s.name}` | {', '.join(f'`{a}`' for a in s.aliases)} | "
            f"{'yes' if s.can_read else '-'} | {'yes' if s.can_write else '-'} | "
            f"{'yes' if s.streams else '-'} | {' '.join(f'`{e}`' for e in s.extensions)} | "
            f"{' '.join(f'`{m}`' for m in s.media_types)} |"
        )
    return "\n".join(lines)


def _options_table(name: str) -> str:
    spec = registry.get(name)
    lines = ["| Option | Applies to | Default | Description |", "|---|---|---|---|"]
    seen: list[tuple[str, type[BaseModel]]] = []
    if spec.can_read:
        seen.append(("read", spec.read_options or spec.options))
    if spec.can_write:
        seen.append(("write", spec.options))
    for where, model in seen:
        for fname, finfo in model.model_fields.items():
            default = finfo.get_default(call_default_factory=True)
            lines.append(
                f"| `{name}.{fname.replace('_', '-')}` | {where} | `{default!r}` | "
                f"{_esc(finfo.description or '')} |"
            )
    return "\n".join(lines)


def cli_help() -> str:
    """The ``--help`` text of the command and of every sub-command, as the CLI prints it."""
    import argparse
    import os

    from biblioconv.cli import build_parser

    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        parser = build_parser()
        parts = ["```text", parser.format_help().rstrip(), "```"]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    parts += ["", f"### biblioconv {name}", "", "```text"]
                    parts += [sub.format_help().rstrip(), "```"]
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    return "\n".join(parts)


_KINDS: dict[str, Callable[..., str]] = {
    "cli": cli_help,
    "crosswalk": crosswalk_table,
    "types": type_table,
    "options": _options_table,
    "loss-matrix": loss_matrix,
    "diagnostics": diagnostics_table,
    "formats": formats_table,
}


def render_page(text: str) -> str:
    """A page with every generated region filled in anew."""

    def fill(m: re.Match[str]) -> str:
        fn = _KINDS[m.group("kind")]
        body = fn(m.group("arg")) if m.group("arg") else fn()
        return f"{m.group(1)}{body}\n{m.group(5)}"

    return _REGION.sub(fill, text)


def record_schema() -> str:
    """The record model's JSON Schema, as committed in ``schemas/record.schema.json``."""
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://biblioconv.readthedocs.io/schemas/record.schema.json"
    return json.dumps(_whole_numbers(schema), indent=2, ensure_ascii=False) + "\n"


def _whole_numbers(value: Any) -> Any:
    """``value`` with floats that are whole numbers as ints (pydantic releases differ)."""
    if isinstance(value, dict):
        return {k: _whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def outputs(root: Path) -> dict[Path, str]:
    """Every generated file under ``root`` with the content it should have."""
    out: dict[Path, str] = {root / "schemas" / "record.schema.json": record_schema()}
    for page in sorted((root / "docs").rglob("*.md")):
        text = page.read_text("utf-8")
        if "<!-- BEGIN GENERATED" in text:
            out[page] = render_page(text)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite (or with --check, verify) the generated docs and schema."""
    parser = argparse.ArgumentParser(prog="python -m biblioconv.docgen")
    parser.add_argument("--root", default=".", help="the repository root")
    parser.add_argument("--check", action="store_true", help="fail if anything is stale")
    args = parser.parse_args(argv)
    stale = []
    for path, content in outputs(Path(args.root)).items():
        current = path.read_text("utf-8") if path.exists() else None
        if current != content:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if args.check else 'updated'}: {path}", file=sys.stderr)
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    raise SystemExit(main())
