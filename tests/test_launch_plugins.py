"""The command spares pydantic's plugin search where no pydantic plugin is installed, and leaves
it alone where one is (or where its own entry-point scan hands over)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pydantic

from biblioconv import _launch, registry

# the command's start, then what it loaded: the loader pydantic used and whether
# importlib.metadata was imported
_PROBE = (
    "import sys\n"
    "from biblioconv._launch import main\n"
    "code = main(sys.argv[1:])\n"
    "from pydantic.plugin._loader import get_plugins\n"
    "print(code, 'importlib.metadata' in sys.modules, type(get_plugins()).__name__,"
    " sys.modules['pydantic.plugin._loader'].__doc__ is not None"
    " and 'no plugin declared' in sys.modules['pydantic.plugin._loader'].__doc__)\n"
)


def _probe(tmp_path: Path, *argv: str, path: str | None = None) -> list[str]:
    env = dict(os.environ)
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    if path is not None:
        env["PYTHONPATH"] = path
    res = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    return res.stdout.split("\n")[-2].split()


def test_the_groups_are_pydantic_s_and_the_formats() -> None:
    assert _launch._GROUPS == ("pydantic", registry.ENTRY_POINT_GROUP)


def test_the_stand_in_defines_every_name_pydantic_takes_from_its_loader() -> None:
    """The stand-in has each name pydantic's own modules import from (or read off) the loader
    module, for the installed pydantic (CI runs this with the oldest and newest releases)."""
    root = Path(pydantic.__file__).parent
    used: set[str] = set()
    for source in root.rglob("*.py"):
        if source.name == "_loader.py":
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("_loader"):
                used |= {alias.name for alias in node.names}
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "_loader"
            ):
                used.add(node.attr)
    assert "get_plugins" in used
    import pydantic.plugin._loader as real

    stand_in = {"PYDANTIC_ENTRY_POINT_GROUP", "_plugins", "_loading_plugins", "get_plugins"}
    assert used <= stand_in
    assert stand_in <= set(vars(real))
    assert real.PYDANTIC_ENTRY_POINT_GROUP == "pydantic"


def test_no_plugin_installed_no_search(tmp_path: Path) -> None:
    src = tmp_path / "one.bib"
    src.write_text("@article{a, author={Doe, Jane}, title={T}, journal={J}, year={2020}}\n")
    code, metadata, plugins, stand_in = _probe(
        tmp_path, "convert", str(src), "-t", "csl-json", "-q", "-o", str(tmp_path / "o.json")
    )
    assert (code, metadata, plugins, stand_in) == ("0", "False", "tuple", "True")
    assert '"family": "Doe"' in (tmp_path / "o.json").read_text()


def _plugin_dist(where: Path) -> None:
    """A distribution declaring a pydantic plugin that notes every model it sees."""
    (where / "noting_plugin.py").write_text(
        "import sys\n"
        "SEEN = []\n"
        "class Plugin:\n"
        "    def new_schema_validator(self, schema, schema_type, path, kind, config, settings):\n"
        "        SEEN.append(path.name)\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n"
    )
    info = where / "noting_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: noting-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nnoting = noting_plugin:plugin\n")


def test_an_installed_plugin_is_searched_for_and_used(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _plugin_dist(site)
    code, metadata, plugins, stand_in = _probe(tmp_path, "formats", path=str(site))
    assert (code, metadata, plugins, stand_in) == ("0", "True", "dict_values", "False")
    probe = (
        "import sys\n"
        "from biblioconv._launch import main\n"
        "main(['formats'])\n"
        "import noting_plugin\n"
        "print(len(noting_plugin.SEEN) > 0)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    res = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert res.stdout.split("\n")[-2] == "True", res.stderr


def test_a_path_the_scan_does_not_read_leaves_pydantic_to_search(tmp_path: Path) -> None:
    archive = tmp_path / "dists.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("zipped-1.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipped\n")
    code, metadata, plugins, stand_in = _probe(tmp_path, "formats", path=str(archive))
    assert (code, metadata, plugins, stand_in) == ("0", "True", "dict_values", "False")
