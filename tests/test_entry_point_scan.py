"""The registry's scan of entry_points.txt files gives what importlib.metadata gives, or hands
over to it."""

from __future__ import annotations

import importlib.metadata
import sys
import zipfile
from pathlib import Path

import pytest

from biblioconv import registry
from biblioconv.entry_point_scan import scan_entry_points


@pytest.fixture(autouse=True)
def _standard_finders(monkeypatch: pytest.MonkeyPatch) -> None:
    """The standard library's distribution finder only. Importing the importlib_metadata
    backport (dask does, in this test run) removes the standard finder's ``find_distributions``
    and adds its own finder; the scan then hands over (as the last test of this kind shows),
    so each test here restores the standard set-up for its duration."""
    import importlib.metadata
    from importlib.machinery import PathFinder

    if not hasattr(PathFinder, "find_distributions"):

        def find_distributions(*args: object, **kwargs: object) -> object:
            return importlib.metadata.MetadataPathFinder.find_distributions(*args, **kwargs)

        monkeypatch.setattr(
            PathFinder, "find_distributions", staticmethod(find_distributions), raising=False
        )
    standard = [
        finder
        for finder in sys.meta_path
        if finder is PathFinder or getattr(finder, "find_distributions", None) is None
    ]
    monkeypatch.setattr(sys, "meta_path", standard)


def _metadata(group: str) -> list[tuple[str, str, str]]:
    return [(ep.name, ep.value, ep.group) for ep in importlib.metadata.entry_points(group=group)]


def _scanned(group: str) -> list[tuple[str, str, str]]:
    found = scan_entry_points(group)
    assert found is not None
    return [(ep.name, ep.value, ep.group) for ep in found]


def _dist(where: Path, dirname: str, entry_points: str | bytes | None) -> None:
    info = where / dirname
    info.mkdir(parents=True)
    name = dirname.rpartition(".")[0].partition("-")[0]
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1\n")
    if isinstance(entry_points, bytes):
        (info / "entry_points.txt").write_bytes(entry_points)
    elif entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_same_as_importlib_metadata_in_this_environment() -> None:
    groups = {ep.group for dist in importlib.metadata.distributions() for ep in dist.entry_points}
    assert registry.ENTRY_POINT_GROUP in groups and len(groups) > 3
    for group in sorted(groups):
        assert _scanned(group) == _metadata(group), group
    scanned = scan_entry_points(registry.ENTRY_POINT_GROUP)
    assert scanned is not None
    loaded = {ep.name: ep.load() for ep in scanned}
    for ep in importlib.metadata.entry_points(group=registry.ENTRY_POINT_GROUP):
        assert loaded[ep.name] is ep.load()
    assert loaded["ris"].name == "ris"


def test_same_as_importlib_metadata_on_a_made_up_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(
        first,
        "Foo_Bar-1.0.dist-info",
        "stray = before.any:section\n\n[demo.group]\n# a comment\n  one = pkg.one:THING  \n"
        "two=pkg.two\nthree = pkg.three:a.b [extra1, extra2]\n[other]\nx = y:z\n",
    )
    _dist(first, "plain.egg-info", "[demo.group]\negg = eggmod:OBJ\none = pkg.again:ONE\n")
    _dist(first, "nothing-2.0.dist-info", None)
    (first / "afile.dist-info").write_text("not a directory")
    # the same distributions again, later on the path: shadowed by the first ones
    _dist(second, "foo.bar-2.0.dist-info", "[demo.group]\nshadowed = no:NO\n")
    _dist(second, "PLAIN-9.egg-info", "[demo.group]\nshadowed = no:NO\n")
    _dist(second, "later-1.dist-info", "[demo.group]\nlater = later.mod:X\n\n[demo.group]\nz=a\n")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    scanned = _scanned("demo.group")
    assert scanned == _metadata("demo.group")
    assert {name for name, _, _ in scanned} == {"one", "two", "three", "egg", "later", "z"}
    assert _scanned("other") == _metadata("other") == [("x", "y:z", "other")]
    assert _scanned("no.such.group") == _metadata("no.such.group") == []


@pytest.mark.parametrize(
    "dirname,text,error",
    [
        # Python 3.11 raises TypeError, later ones ValueError
        ("bad-1.dist-info", "[other]\nno equals sign here\n", (TypeError, ValueError)),
        ("bad-1.dist-info", b"[demo.group]\nname = mod:\xff\n", UnicodeDecodeError),
        ("bad-1.dist-info", "[demo.group]\nname = not a module path\n", None),
        ("Bad-1.DIST-INFO", "[demo.group]\nname = mod:X\n", None),
    ],
)
def test_hands_over_what_it_does_not_read(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dirname: str,
    text: str | bytes,
    error: type[Exception] | tuple[type[Exception], ...] | None,
) -> None:
    _dist(tmp_path, "good-1.dist-info", "[demo.group]\ngood = mod:X\n")
    _dist(tmp_path, dirname, text)
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert scan_entry_points("demo.group") is None
    if error is not None:  # what importlib.metadata (and so the registry) raises, as before
        with pytest.raises(error):
            _metadata("demo.group")
    else:
        assert ("good", "mod:X", "demo.group") in _metadata("demo.group")


def test_hands_over_zip_files_eggs_and_other_finders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "dists.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("zipped-1.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipped\n")
        zf.writestr("zipped-1.dist-info/entry_points.txt", "[demo.group]\nz = zmod:Z\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert scan_entry_points("demo.group") is None
    assert _metadata("demo.group") == [("z", "zmod:Z", "demo.group")]

    egg = tmp_path / "old-1.0.egg"
    _dist(egg, "EGG-INFO", "[demo.group]\ne = emod:E\n")
    monkeypatch.setattr(sys, "path", [str(egg)])
    assert scan_entry_points("demo.group") is None

    class Finder:
        @staticmethod
        def find_distributions(*args: object, **kwargs: object) -> list[object]:
            return []

    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    monkeypatch.setattr(sys, "meta_path", [Finder(), *sys.meta_path])
    assert scan_entry_points("demo.group") is None


def test_registry_finds_a_format_in_a_zip_file_through_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "zipformat.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(
            "zipformat.py",
            "from biblioconv.registry import FormatSpec\n"
            "FORMAT = FormatSpec(name='zip-toy', title='Zip toy', writer=lambda r, s, c: None)\n",
        )
        zf.writestr("zipformat-1.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipformat\n")
        zf.writestr(
            "zipformat-1.dist-info/entry_points.txt",
            f"[{registry.ENTRY_POINT_GROUP}]\nzip-toy = zipformat:FORMAT\n",
        )
    monkeypatch.setattr(sys, "path", [*sys.path, str(archive)])
    assert scan_entry_points(registry.ENTRY_POINT_GROUP) is None
    registry.refresh()
    try:
        assert registry.get("zip-toy").title == "Zip toy"
        assert registry.get("ris").name == "ris"
    finally:
        monkeypatch.undo()
        sys.modules.pop("zipformat", None)
        registry.refresh()
    with pytest.raises(registry.FormatNotFound):
        registry.get("zip-toy")


def test_several_groups_in_one_scan_and_a_prescan_handed_over_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from biblioconv import entry_point_scan

    _dist(tmp_path, "a-1.dist-info", "[demo.one]\nx = m:X\n[demo.two]\ny = m:Y\n[other]\nz = m:Z\n")
    _dist(tmp_path, "b-1.dist-info", "[demo.two]\nw = n:W\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    found = entry_point_scan.scan_groups(("demo.one", "demo.two", "demo.none"))
    assert found is not None
    as_tuples = {g: [(ep.name, ep.value, ep.group) for ep in eps] for g, eps in found.items()}
    assert as_tuples == {g: _metadata(g) for g in ("demo.one", "demo.two", "demo.none")}
    assert entry_point_scan.prescan(("demo.one",)) is not None
    # the next scan of the group takes the prescan's result: a file changed since is not seen
    (tmp_path / "a-1.dist-info" / "entry_points.txt").write_text("[demo.one]\nlater = m:L\n")
    assert _scanned("demo.one") == [("x", "m:X", "demo.one")]
    assert _scanned("demo.one") == _metadata("demo.one") == [("later", "m:L", "demo.one")]
