"""The version bounds of the runtime dependencies and the constraint files agree.

``constraints/test.txt`` pins what the README's test command installs and
``constraints/oldest.txt`` the oldest release of each runtime dependency (``.ci/run`` tests
both, and the newest releases the bounds admit). A bound changed without the constraint files,
or an oldest pin that is not the lower bound, fails here rather than on a user's machine.
"""

from __future__ import annotations

import pytest
import tomllib
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version
from testsupport import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
RUNTIME = {canonicalize_name(r.name): r for r in map(Requirement, PROJECT["dependencies"])}
#: The extras bounded and tested at their lower bounds like the runtime dependencies.
EXTRAS = {
    canonicalize_name(r.name): r
    for extra in ("server",)
    for r in map(Requirement, PROJECT["optional-dependencies"][extra])
}
#: Every requirement of the project, runtime, extras and test tool chain, by name.
REQUIRED = {
    canonicalize_name(r.name): r
    for r in map(
        Requirement,
        [
            *PROJECT["dependencies"],
            *(req for extra in PROJECT["optional-dependencies"].values() for req in extra),
        ],
    )
}


def _pins(name: str) -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in (ROOT / "constraints" / name).read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            package, _, version = line.partition("==")
            assert version, f"constraints/{name}: not an exact pin: {line}"
            pins[canonicalize_name(package)] = Version(version)
    return pins


@pytest.mark.parametrize("name", sorted(RUNTIME | EXTRAS))
def test_each_runtime_dependency_is_bounded_both_ways(name: str) -> None:
    kinds = {spec.operator for spec in (RUNTIME | EXTRAS)[name].specifier}
    assert kinds & {">=", ">", "~=", "=="}, f"{name} has no lower bound"
    assert kinds & {"<", "<=", "~=", "=="}, f"{name} has no upper bound"


@pytest.mark.parametrize("constraints", ["test.txt", "oldest.txt"])
def test_constraint_files_pin_versions_the_bounds_admit(constraints: str) -> None:
    pins = _pins(constraints)
    for name, requirement in (RUNTIME | EXTRAS).items():
        assert name in pins, f"constraints/{constraints} does not pin {name}"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"constraints/{constraints}: {name}=={pins[name]} is outside {requirement.specifier}"
        )


def test_oldest_constraints_are_the_lower_bounds() -> None:
    pins = _pins("oldest.txt")
    assert set(RUNTIME | EXTRAS) <= set(pins)
    for name in pins:
        assert name in REQUIRED, f"constraints/oldest.txt pins {name}, which no requirement names"
        requirement = REQUIRED[name]
        lower = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
        assert lower == [pins[name]], f"{name}: oldest pin {pins[name]} is not the lower bound"


def test_test_constraints_pin_every_test_extra() -> None:
    pins = _pins("test.txt")
    for requirement in map(Requirement, PROJECT["optional-dependencies"]["test"]):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"constraints/test.txt does not pin {name}"
        assert requirement.specifier.contains(pins[name], prereleases=True), name


def test_package_data_ships_every_file_the_package_reads() -> None:
    """Every file of the package that is not Python (the web page's files, the schema list,
    py.typed) matches a package-data pattern, so that a wheel carries it."""
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]
    package = ROOT / "src" / "biblioconv"
    shipped = {
        p
        for pattern in tool["setuptools"]["package-data"]["biblioconv"]
        for p in package.glob(pattern)
    }
    data = {
        p
        for p in package.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    }
    assert {
        package / "server" / "static" / n for n in ("index.html", "app.js", "style.css")
    } <= data
    assert sorted(map(str, data - shipped)) == []
