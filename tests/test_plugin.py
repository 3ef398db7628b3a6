"""A third-party format registered through entry points is used by the API and the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from testsupport import EXAMPLES

import biblioconv
from biblioconv import registry

TOY = textwrap.dedent(
    '''
    """A toy format: one title per line."""
    from biblioconv.model import Record, Title
    from biblioconv.registry import FormatSpec


    def read(stream, ctx):
        for line in stream.read().decode("utf-8").splitlines():
            if line.strip():
                yield Record(titles=[Title(text=line.strip())])


    def write(records, stream, ctx):
        for record in records:
            stream.write(((record.title or "") + "\\n").encode("utf-8"))
            ctx.report.count("written")


    def sniff(head):
        return 0.0


    FORMAT = FormatSpec(
        name="toy", title="Toy", extensions=(".toy",), reader=read, writer=write, sniff=sniff
    )
    '''
)


@pytest.fixture()
def toy_dist(tmp_path: Path) -> Iterator[Path]:
    """A test-only installed distribution: a module plus a .dist-info with an entry point."""
    (tmp_path / "toyformat.py").write_text(TOY, encoding="utf-8")
    info = tmp_path / "toyformat-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: toyformat\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[biblioconv.formats]\ntoy = toyformat:FORMAT\n")
    sys.path.insert(0, str(tmp_path))
    registry.refresh()
    try:
        yield tmp_path
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("toyformat", None)
        registry.refresh()


def test_api_uses_entry_point_format(toy_dist: Path) -> None:
    assert "toy" in [s.name for s in biblioconv.formats()]
    [rec] = biblioconv.loads("Hello plugins\n", "toy")
    assert rec.title == "Hello plugins"
    example = next(biblioconv.read(EXAMPLES / "social-innovators.record.json"))
    assert biblioconv.dumps(example, "toy").startswith("Using medical education")
    (toy_dist / "x.toy").write_text("a title\n")
    assert biblioconv.detect(toy_dist / "x.toy").format == "toy"


def test_entry_point_format_gone_without_distribution() -> None:
    assert "toy" not in [s.name for s in biblioconv.formats()]


def test_cli_lists_and_uses_entry_point_format(toy_dist: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(toy_dist)}
    listing = subprocess.run(
        [sys.executable, "-m", "biblioconv", "formats"], capture_output=True, text=True, env=env
    )
    assert listing.returncode == 0
    assert any(line.split()[0] == "toy" for line in listing.stdout.splitlines()[1:])
    out = tmp_path / "out.toy"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "biblioconv",
            "convert",
            str(EXAMPLES / "social-innovators.record.json"),
            "-t",
            "toy",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert out.read_text().startswith("Using medical education as a tool")


def test_runtime_registration() -> None:
    spec = registry.FormatSpec(name="runtime-toy", title="Runtime", writer=lambda r, s, c: None)
    biblioconv.register(spec)
    try:
        assert registry.get("runtime-toy") is spec
        assert registry.get("RUNTIME_TOY") is spec
    finally:
        registry.unregister("runtime-toy")
    with pytest.raises(biblioconv.FormatNotFound):
        registry.get("runtime-toy")
