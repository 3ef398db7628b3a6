"""Citing in a Markdown document: pandoc citation syntax, note styles, the CLI, the docs example."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from biblioconv.cli import main
from biblioconv.formats.citation.document import UnknownKey, _locator, cite_document

ROOT = Path(__file__).resolve().parents[2]

ITEMS: list[dict[str, Any]] = [
    {
        "id": "doe2020",
        "type": "book",
        "title": "A Book",
        "publisher": "Pub",
        "author": [{"family": "Doe", "given": "Jane"}],
        "issued": {"date-parts": [[2020]]},
    },
    {
        "id": "smith:2019",
        "type": "article-journal",
        "title": "An Article",
        "container-title": "Journal of Things",
        "volume": "4",
        "page": "10-20",
        "author": [{"family": "Smith", "given": "John"}, {"family": "Roe", "given": "Richard"}],
        "issued": {"date-parts": [[2019]]},
    },
    {
        "id": "weird key",
        "type": "book",
        "title": "Odd",
        "publisher": "Pub",
        "author": [{"family": "Odd", "given": "Olga"}],
        "issued": {"date-parts": [[2001]]},
    },
]


def body(text: str, style: str = "apa", **kwargs: Any) -> str:
    """The rendered document without its bibliography."""
    result = cite_document(text, ITEMS, style, bibliography_title="", **kwargs)
    return result.text.split("\n\n")[0]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[@doe2020]", "(Doe, 2020)"),
        ("[@doe2020, p. 33; @smith:2019]", "(Doe, 2020, p. 33; Smith & Roe, 2019)"),
        (
            "[see @doe2020, pp. 33-35 and passim; @smith:2019, chap. 1]",
            "(see Doe, 2020, pp. 33–35 and passim; Smith & Roe, 2019, Chapter 1)",
        ),
        ("[@doe2020 33]", "(Doe, 2020, p. 33)"),
        ("[@doe2020, fig. 2]", "(Doe, 2020, Figure 2)"),
        ("[@doe2020, and elsewhere]", "(Doe, 2020, and elsewhere)"),
        ("Doe says [-@doe2020, p. 4].", "Doe says (2020, p. 4)."),
        ("@doe2020 says", "Doe (2020) says"),
        ("@doe2020 [p. 4] says", "Doe (2020, p. 4) says"),
        ("as @smith:2019.", "as Smith & Roe (2019)."),
        ("[@{weird key}, p. 3]", "(Odd, 2001, p. 3)"),
        ("@{weird key} wrote", "Odd (2001) wrote"),
        ("text [@doe2020]\n[@smith:2019] more", "text (Doe, 2020)\n(Smith & Roe, 2019) more"),
    ],
)
def test_citation_syntax(source: str, expected: str) -> None:
    assert body(source) == expected


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [
        (", p. 33", {"locator": "33", "label": "page"}),
        (", pp. 33-35, 40", {"locator": "33-35, 40", "label": "page"}),
        (", chap. 1 and passim", {"locator": "1", "label": "chapter", "suffix": " and passim"}),
        (", sec. 3.2", {"locator": "3.2", "label": "section"}),
        (", vol. iv", {"locator": "iv", "label": "volume"}),
        (", no. 7", {"locator": "7", "label": "number"}),
        (", p. {iv, A-3}", {"locator": "iv, A-3", "label": "page"}),
        (", § 12", {"locator": "12", "label": "section"}),
        (" and passim", {"suffix": " and passim"}),
        ("", {}),
    ],
)
def test_locators(suffix: str, expected: dict[str, str]) -> None:
    assert _locator(suffix) == expected


@pytest.mark.parametrize(
    "source",
    [
        "Mail me@example.org or you@doe2020.",
        "Code `[@doe2020]` and ``@doe2020 ` x`` here.",
        r"Escaped \@doe2020 here, not (\@smith:2019).",
        "See <https://x.org/@doe2020> and <!-- [@doe2020] -->.",
        "Not a key: @-x, @ alone, [@] and [see].",
    ],
)
def test_left_alone(source: str) -> None:
    result = cite_document(source, ITEMS, "apa")
    assert result.text == source
    assert result.clusters == 0


def test_code_blocks_and_front_matter_are_left_alone() -> None:
    source = (
        "---\ntitle: '@doe2020'\n---\n\nText [@doe2020].\n\n```md\n[@doe2020]\n```\n\n"
        "~~~~\n@smith:2019\n~~~~\n\n    [@doe2020] indented code\n\nEnd.\n"
    )
    text = cite_document(source, ITEMS, "apa", bibliography_title="").text
    assert text.startswith(
        "---\ntitle: '@doe2020'\n---\n\nText (Doe, 2020).\n\n```md\n[@doe2020]\n```\n\n"
        "~~~~\n@smith:2019\n~~~~\n\n    [@doe2020] indented code\n\nEnd.\n\n"
    )
    assert text.endswith("Doe, J. (2020). *A Book*. Pub.\n")


def test_unknown_keys_are_reported_with_their_line() -> None:
    source = "# Title\n\nFine [@doe2020].\n\nBad [@nobody; @doe2020] and @ghost.\n"
    result = cite_document(source, ITEMS, "apa")
    assert result.unknown == (UnknownKey(5, "nobody"), UnknownKey(5, "ghost"))
    assert result.warnings("paper.md") == [
        "paper.md:5: unknown citation key 'nobody'",
        "paper.md:5: unknown citation key 'ghost'",
    ]
    assert "Bad [@nobody; @doe2020] and @ghost." in result.text
    assert "Fine (Doe, 2020)." in result.text


def test_bibliography_heading_and_refs_div() -> None:
    source = "# Paper\n\n## One\n\nText [@smith:2019] and [@doe2020].\n\n## Two\n\nMore.\n"
    text = cite_document(source, ITEMS, "apa").text
    assert text.endswith(
        "More.\n\n## References\n\nDoe, J. (2020). *A Book*. Pub.\n\n"
        "Smith, J., & Roe, R. (2019). An Article. *Journal of Things*, *4*, 10–20.\n"
    )
    div = "Text [@doe2020].\n\n# Works cited\n\n::: {#refs}\n:::\n\n# Appendix\n\nA.\n"
    text = cite_document(div, ITEMS, "apa", output="html").text
    assert text == (
        'Text (Doe, 2020).\n\n# Works cited\n\n<div class="csl-bib-body">\n'
        '  <div class="csl-entry">Doe, J. (2020). <i>A Book</i>. Pub.</div>\n</div>\n'
        "\n# Appendix\n\nA.\n"
    )
    text = cite_document("::: {#refs .x}\n:::\nText [@doe2020].", ITEMS, "apa").text
    assert text == "Doe, J. (2020). *A Book*. Pub.\n\nText (Doe, 2020)."


def test_note_style_footnotes() -> None:
    source = (
        "As @doe2020 [p. 4] says, it holds [see @smith:2019, p. 12]. Own note.[^a] "
        "Again [@smith:2019, p. 12].\n\n[^a]: Compare @doe2020 [p. 5] with others.\n"
    )
    text = cite_document(source, ITEMS, "oscola", bibliography_title="").text
    assert text.startswith(
        "As Jane Doe[^1] says, it holds.[^2] Own note.[^a] Again.[^4]\n\n"
        "[^a]: Compare Doe (n 1) 5 with others.\n"
    )
    assert text.endswith(
        "[^1]: *A Book* (Pub 2020) 4.\n\n"
        "[^2]: see John Smith and Richard Roe, “An Article” (2019) 4 Journal of Things 10, 12.\n\n"
        "[^4]: Smith and Roe (n 2) 12.\n"
    )


def test_inline_notes_take_a_note_number() -> None:
    source = "Text.^[See @doe2020.] Then [@doe2020, p. 2]."
    text = cite_document(source, ITEMS, "oscola", bibliography_title="").text
    assert text.startswith("Text.^[See Jane Doe *A Book* (Pub 2020).] Then.[^2]\n")
    assert "[^2]: ibid 2." in text


def test_only_the_cited_items_are_in_the_bibliography() -> None:
    text = cite_document("[@doe2020]", ITEMS, "apa").text
    assert "Smith" not in text and "Odd" not in text
    assert cite_document("No citations.\n", ITEMS, "apa").text == "No citations.\n"


def _files(tmp_path: Path) -> tuple[Path, Path]:
    paper = tmp_path / "paper.md"
    paper.write_text("# A\n\nSee [@doe2020, p. 3].\n\nLost @nobody here.\n", encoding="utf-8")
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(ITEMS), encoding="utf-8")
    return paper, refs


def test_cli_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paper, refs = _files(tmp_path)
    out = tmp_path / "out.md"
    argv = ["cite", "--document", str(paper), "--bibliography", str(refs), "--style", "apa"]
    assert main([*argv, "-o", str(out), "--bibliography-title", "Sources"]) == 0
    assert out.read_text("utf-8") == (
        "# A\n\nSee (Doe, 2020, p. 3).\n\nLost @nobody here.\n\n# Sources\n\n"
        "Doe, J. (2020). *A Book*. Pub.\n"
    )
    assert capsys.readouterr().err == f"{paper}:5: unknown citation key 'nobody'\n"

    assert main([*argv, "--format", "text"]) == 0
    assert "Doe, J. (2020). A Book. Pub.\n" in capsys.readouterr().out

    assert main([*argv, "--strict"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "unknown citation key 'nobody'" in captured.err

    assert main([*argv, "--format", "latex"]) == 1
    assert "expected markdown, html or text" in capsys.readouterr().err
    assert main(["cite", "--document", str(paper)]) == 1
    assert "--bibliography" in capsys.readouterr().err


def test_cli_document_from_standard_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    _, refs = _files(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO("Text @nobody [@doe2020].\n"))
    argv = ["cite", str(refs), "--document", "-", "--bibliography-title", "", "--format", "html"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith('Text @nobody (Doe, 2020).\n\n<div class="csl-bib-body">\n')
    assert captured.err == "<stdin>:1: unknown citation key 'nobody'\n"


def test_cli_without_document_is_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, refs = _files(tmp_path)
    assert main(["cite", str(refs), "--style", "apa"]) == 0
    assert capsys.readouterr().out.startswith("Doe, J. (2020). A Book. Pub.\n")
    assert main(["cite", "--style", "apa"]) == 1
    assert "IN" in capsys.readouterr().err


_EXAMPLE = re.compile(
    r"<!-- document-example -->\n```sh\n(.*?)```\n\nprints\n\n```markdown\n(.*?)```", re.S
)
EXAMPLES = _EXAMPLE.findall((ROOT / "docs" / "citations.md").read_text("utf-8"))


def test_the_docs_have_document_examples() -> None:
    assert len(EXAMPLES) >= 2


def test_docs_examples_run(tmp_path: Path) -> None:
    """The examples of docs/citations.md, run in order in one directory, print what they show."""
    shim = f'biblioconv() {{ "{sys.executable}" -m biblioconv "$@"; }}\n'
    for code, expected in EXAMPLES:
        res = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", shim + code],
            cwd=tmp_path,
            env=dict(os.environ),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert res.returncode == 0, res.stderr
        assert res.stdout == expected


def test_session_cite_all_renders_a_document_in_one_pass() -> None:
    from biblioconv import CitationSession

    session = CitationSession("oscola", items=ITEMS)
    session.cite(["smith:2019"], note=1)
    clusters = session.cite_all([([{"id": "doe2020", "locator": "3"}], 1), (["doe2020"], 2)])
    assert [(c.index, c.note, c.text) for c in clusters] == [
        (0, 1, "Jane Doe, A Book (Pub 2020) 3."),
        (1, 2, "Doe (n 1)."),  # no ibid: the previous cite has a locator
    ]
    assert [e.id for e in session.bibliography()] == ["doe2020"]


def test_module_example() -> None:
    import doctest

    from biblioconv.formats.citation import document

    assert doctest.testmod(document).failed == 0
