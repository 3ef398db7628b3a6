"""The command line, run as a user would (subprocess): conversions, errors, exit codes."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest
from testsupport import EXAMPLES

import biblioconv

EXAMPLE = EXAMPLES / "social-innovators.record.json"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "biblioconv", *args], input=stdin, capture_output=True, timeout=120
    )


def test_version_names_key_dependencies() -> None:
    out = run("--version")
    assert out.returncode == 0
    text = out.stdout.decode()
    for name in ("biblioconv", "pydantic", "lxml", "bibtexparser", "citeproc-py"):
        assert name in text


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).with_name("biblioconv")
    out = subprocess.run([str(exe), "formats"], capture_output=True, text=True, check=True)
    assert "csl-json" in out.stdout


def test_convert_example_to_csl_json_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "example.json"
    res = run("convert", str(EXAMPLE), "-t", "csl-json", "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert b"records: 1 read, 1 written, 0 skipped" in res.stderr
    back = tmp_path / "back.record.json"
    res = run("convert", str(out), "-t", "record-json", "-o", str(back))
    assert res.returncode == 0, res.stderr
    original = next(biblioconv.read(EXAMPLE))
    assert next(biblioconv.read(back)) == original


def test_stdin_to_stdout_pipe() -> None:
    data = b'[{"id": "a", "type": "book", "title": "Piped"}]'
    res = run("convert", "-", "-f", "csl-json", "-t", "csl-yaml", "-q", stdin=data)
    assert res.returncode == 0
    assert b"title: Piped" in res.stdout
    assert res.stderr == b""


def test_convert_to_all_formats(tmp_path: Path) -> None:
    res = run("convert", str(EXAMPLE), "-t", "all", "-o", str(tmp_path))
    # 'all': every format that can hold the record. DataCite refuses it (no DOI, creators known
    # only by ORCID) and so does a Crossref deposit (no DOI): said in the summary, no file, and
    # no failure, as neither was asked for by name
    assert res.returncode == 0, res.stderr
    err = res.stderr.decode()
    assert "datacite did not write record ora-pubs-1489933" in err
    assert "crossref did not write record ora-pubs-1489933: missing for a Crossref deposit" in err
    assert "error" not in err
    writable = {s.name for s in biblioconv.formats() if s.can_write}
    written = {p.name for p in tmp_path.iterdir()}
    assert len(written) == len(writable) - 3
    assert not any("datacite" in name or "crossref" in name for name in written)
    assert "social-innovators.csl.json" in written


def test_a_format_named_that_refuses_every_record_fails(tmp_path: Path) -> None:
    res = run("convert", str(EXAMPLE), "-t", "datacite,csl-json", "-o", f"{tmp_path}/")
    assert res.returncode == 1
    assert b"error: " in res.stderr and b"datacite: no record written" in res.stderr
    assert {p.name for p in tmp_path.iterdir()} == {"social-innovators.csl.json"}


def test_report_file_and_strict_exit_code(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    out = tmp_path / "out.json"
    res = run(
        "convert", str(EXAMPLE), "-t", "csl-json", "-o", str(out),
        "-O", "csl-json.preserve=false", "--strict", "--report", str(report),
    )  # fmt: skip
    assert res.returncode == 3
    assert not out.exists()
    data = json.loads(report.read_text())
    assert any(
        d["code"] == "FIELD_DROPPED" and d["field"] == "contributors[0].affiliations[0]"
        for d in data["diagnostics"]
    )
    first, *rest = res.stderr.decode().splitlines()
    assert "strict mode: conversion is lossy" in first and "Traceback" not in res.stderr.decode()
    assert rest[0] == "records: 1 read, 0 written, 0 skipped"


def test_missing_input_is_one_line_exit_1() -> None:
    res = run("convert", "no-such-file.bib", "-f", "csl-json", "-t", "csl-yaml")
    assert res.returncode == 1
    assert res.stderr == b"biblioconv: error: no-such-file.bib: No such file or directory\n"


def test_malformed_input_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[\n  {"id": "a", "type": "book"},\n  {"id": \n')
    out = tmp_path / "out.yaml"
    res = run("convert", str(bad), "-f", "csl-json", "-t", "csl-yaml", "-o", str(out))
    assert res.returncode == 1
    line = res.stderr.decode()
    assert line.count("\n") == 1 and f"{bad}:" in line and "invalid JSON" in line
    assert not out.exists()


def test_usage_errors_exit_2() -> None:
    assert run("convert", str(EXAMPLE), "-t", "no-such-format").returncode == 2
    assert run("convert", str(EXAMPLE)).returncode == 2
    assert run("convert", str(EXAMPLE), "-t", "csl-json", "-O", "nonsense").returncode == 2
    res = run("convert", str(EXAMPLE), "-t", "csl-json", "-O", "csl-json.indent=x")
    assert res.returncode == 2 and b"indent" in res.stderr
    assert run().returncode == 2


def test_formats_json_lists_capabilities() -> None:
    res = run("formats", "--json")
    rows = {r["name"]: r for r in json.loads(res.stdout)}
    assert rows["csl-json"]["read"] and rows["csl-json"]["write"] and rows["csl-json"]["streams"]
    assert "preserve" in rows["csl-json"]["write_options"]


def _batch_dir(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.json").write_text('[{"id": "a", "type": "book", "title": "A"}]')
    (src / "sub" / "b.json").write_text('[{"id": "b", "type": "song", "title": "B"}]')
    (src / "c.record.json").write_bytes(EXAMPLE.read_bytes())
    return src


def test_directory_batch_with_jobs_mirrors_inputs(tmp_path: Path) -> None:
    src = _batch_dir(tmp_path)
    out = tmp_path / "out"
    res = run("convert", str(src), "-r", "-t", "csl-yaml", "-o", str(out), "--jobs", "2")
    assert res.returncode == 0, res.stderr
    got = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert got == ["a.yaml", "c.yaml", "sub/b.yaml"]
    assert b"records: 3 read, 3 written, 0 skipped" in res.stderr


def test_failing_file_in_a_batch(tmp_path: Path) -> None:
    src = _batch_dir(tmp_path)
    (src / "broken.json").write_text('[{"id": "x", "type": "book"},\n {"id": ')
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    res = run(
        "convert", str(src), "-r", "-t", "csl-yaml", "-o", str(out),
        "--jobs", "2", "--report", str(report),
    )  # fmt: skip
    assert res.returncode == 1
    err = res.stderr.decode()
    assert f"{src / 'broken.json'}:2: invalid JSON" in err
    assert "Traceback" not in err
    written = sorted(p.name for p in out.rglob("*") if p.is_file())
    assert written == ["a.yaml", "b.yaml", "c.yaml"]
    data = json.loads(report.read_text())
    assert data["records_read"] == 4 and data["records_written"] == 3
    assert not any(p.name.startswith(".") for p in out.rglob("*"))  # no partial temp files


def test_several_targets_at_once(tmp_path: Path) -> None:
    res = run("convert", str(EXAMPLE), "-t", "csl-json,csl-yaml", "-o", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "social-innovators.csl.json",
        "social-innovators.yaml",
    ]


def test_progress_shown_on_a_terminal_only(tmp_path: Path) -> None:
    import pty

    piped = run("convert", str(EXAMPLE), "-t", "csl-json", "-o", str(tmp_path / "a.json"))
    assert b"\r" not in piped.stderr
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "biblioconv", "convert", str(EXAMPLE), "-t", "csl-json",
         "-o", str(tmp_path / "b.json")],
        stderr=secondary, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    os_close = __import__("os").close
    os_close(secondary)
    chunks = []
    while True:
        try:
            data = __import__("os").read(primary, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=60) == 0
    shown = b"".join(chunks)
    assert b"social-innovators.record.json: 1 records" in shown and b"\r" in shown


def test_detect_and_show() -> None:
    res = run("detect", str(EXAMPLE))
    assert res.returncode == 0 and b"record-json (confidence" in res.stdout
    res = run("show", str(EXAMPLE))
    assert res.returncode == 0
    assert b"ora-pubs-1489933  [article-journal]" in res.stdout
    assert b"orcid:0000-0003-3870-2609" in res.stdout
    res = run("show", str(EXAMPLE), "--json")
    assert [r["id"] for r in json.loads(res.stdout)] == ["ora-pubs-1489933"]


def test_completion_scripts() -> None:
    for shell in ("bash", "zsh", "fish"):
        res = run("completion", shell)
        assert res.returncode == 0 and b"csl-json" in res.stdout and b"convert" in res.stdout


def test_help_has_examples() -> None:
    for cmd in (
        "convert",
        "formats",
        "detect",
        "show",
        "validate",
        "schemas",
        "styles",
        "completion",
    ):
        res = run(cmd, "--help")
        assert res.returncode == 0, cmd
        assert b"examples:" in res.stdout, cmd


def test_validate_outputs_of_every_validating_format(tmp_path: Path) -> None:
    from testsupport import SCHEMAS

    for fmt, name in (("datacite", "x.xml"), ("dc", "y.xml"), ("csl-json", "z.json")):
        out = tmp_path / name
        res = run(
            "convert", str(EXAMPLE), "-t", fmt, "-o", str(out), "-q",
            "-O", "datacite.fill-unknown=true",
        )  # fmt: skip
        assert res.returncode == 0, res.stderr
        res = run("validate", str(out), "-f", fmt, "--schema-dir", str(SCHEMAS))
        assert res.returncode == 0, res.stdout + res.stderr
        assert res.stdout.decode().startswith(f"{out}: valid ({fmt}, 1 record, 0 warnings; ")
        assert res.stdout.decode().strip().endswith(" checked)")


def test_validate_reports_problems(tmp_path: Path) -> None:
    from testsupport import SCHEMAS

    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "x", "type": "not-a-type"}]')
    res = run("validate", str(bad), "-f", "csl-json", "--schema-dir", str(SCHEMAS))
    assert res.returncode == 1
    assert b"'not-a-type' is not one of" in res.stdout


def test_schemas_lists_the_manifest() -> None:
    res = run("schemas")
    assert res.returncode == 0
    assert b"datacite/kernel-4.7/metadata.xsd" in res.stdout
    assert b"https://" in res.stdout


def _jsonl(tmp_path: Path, n: int) -> Path:
    src = tmp_path / "big.jsonl"
    src.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"r{i}",
                    "type": "book",
                    "title": f"Title {i}",
                    "issued": {"date-parts": [[2000 + i % 20]]},
                }
            )
            + "\n"
            for i in range(n)
        )
    )
    return src


def test_one_large_file_split_over_jobs_gives_the_same_output(tmp_path: Path) -> None:
    src = _jsonl(tmp_path, 3000)
    one, two = tmp_path / "one.ris", tmp_path / "two.ris"
    assert (
        run("convert", str(src), "-f", "csl-json", "-t", "ris", "-o", str(one), "-q").returncode
        == 0
    )
    res = run("convert", str(src), "-f", "csl-json", "-t", "ris", "-o", str(two), "--jobs", "2")
    assert res.returncode == 0, res.stderr
    assert b"records: 3000 read, 3000 written" in res.stderr
    assert one.read_bytes() == two.read_bytes()


def test_dask_scheduler_local(tmp_path: Path) -> None:
    src = _jsonl(tmp_path, 200)
    out = tmp_path / "parts"
    res = run(
        "convert", str(src), "-f", "csl-json", "-t", "ris", "-o", str(out), "--scheduler", "local"
    )
    assert res.returncode == 0, res.stderr
    single = run("convert", str(src), "-f", "csl-json", "-t", "ris", "-q")
    parts = b"".join(p.read_bytes() for p in sorted(out.iterdir()))
    assert parts == single.stdout


def test_inputs_with_the_same_stem_do_not_overwrite_each_other(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "refs.json").write_text('[{"id": "a", "type": "book", "title": "From JSON"}]')
    (src / "refs.yaml").write_text("- id: b\n  type: book\n  title: From YAML\n")
    out = tmp_path / "out"
    res = run("convert", str(src), "-t", "ris", "-o", str(out), "-q")
    assert res.returncode == 0, res.stderr
    files = sorted(p.name for p in out.iterdir())
    assert files == ["refs.json.ris", "refs.yaml.ris"]
    assert "From YAML" in (out / "refs.yaml.ris").read_text()


def test_showcase_files_in_examples_are_current(tmp_path: Path) -> None:
    """examples/social-innovators.* are what the writers produce from the record today."""
    expected = {
        "biblatex": "social-innovators.bib",
        "ris": "social-innovators.ris",
        "oai_dc": "social-innovators.oai_dc.xml",
        "dcterms": "social-innovators.dcterms.xml",
    }
    for fmt, name in expected.items():
        out = tmp_path / name
        res = run("convert", str(EXAMPLE), "-t", fmt, "-o", str(out), "-q")
        assert res.returncode == 0, res.stderr
        assert out.read_bytes() == (EXAMPLES / name).read_bytes(), name
    res = run("convert", str(EXAMPLE), "-t", "csl-json", "-O", "csl-json.indent=2", "-q")
    assert res.stdout == (EXAMPLES / "social-innovators.csl.json").read_bytes()
    res = run("cite", str(EXAMPLE), "--style", "apa")
    assert res.stdout == (EXAMPLES / "social-innovators.apa.txt").read_bytes()


def test_cite_and_styles_commands(tmp_path: Path) -> None:
    res = run("cite", str(EXAMPLE), "--style", "vancouver", "--format", "json")
    assert res.returncode == 0, res.stderr
    [entry] = json.loads(res.stdout)
    assert entry["id"] == "ora-pubs-1489933"
    assert "BMJ Innovations. 2022 Jun 3;8(3):190–8." in entry["text"]
    assert entry["html"].startswith("<div") or "<" in entry["html"]
    res = run("cite", str(EXAMPLE), "--style", "no-such-style")
    assert res.returncode != 0 and res.stderr.count(b"\n") == 1 and b"no-such-style" in res.stderr
    res = run("styles", "--search", "vancouver")
    assert res.returncode == 0 and b"vancouver" in res.stdout.lower()


def test_interrupt_stops_cleanly_without_partial_output(tmp_path: Path) -> None:
    import signal
    import time

    src = _jsonl(tmp_path, 200_000)
    out = tmp_path / "out" / "big.ris"
    proc = subprocess.Popen(
        [sys.executable, "-m", "biblioconv", "convert", str(src), "-f", "csl-json",
         "-t", "ris", "-o", str(out), "--mkdir"],
        stderr=subprocess.PIPE,
        # a test run started in the background by a shell inherits SIGINT ignored, which the
        # child would keep (as Python does for an ignored signal): give it the default back
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    # interrupt once the conversion is under way: its output (a temporary file) has begun
    deadline = time.monotonic() + 60
    while not (out.parent.exists() and any(out.parent.iterdir())):
        assert proc.poll() is None and time.monotonic() < deadline, "no output was begun"
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"interrupted" in err and b"Traceback" not in err
    assert not out.exists()
    assert not any(out.parent.iterdir()) if out.parent.exists() else True


def test_the_entry_point_loads_nothing_heavy_before_it_runs() -> None:
    # what loads before the command line's own Ctrl-C handling begins: the package and its
    # entry point only (pydantic and the model load on first use)
    code = (
        "import sys, biblioconv, biblioconv._launch\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'lxml', 'biblioconv'))))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "['biblioconv', 'biblioconv._launch']"


def test_convert_loads_neither_the_citation_stack_nor_the_server(tmp_path: Path) -> None:
    """``convert`` (and the other commands that do not cite) never import citeproc, the
    citation engine or the HTTP service, whose modules only register their sub-commands."""
    src = tmp_path / "one.bib"
    src.write_text("@article{a, author={Doe, Jane}, title={T}, journal={J}, year={2020}}\n")
    code = (
        "import sys\n"
        "from biblioconv.cli import main\n"
        f"assert main(['convert', {str(src)!r}, '-t', 'csl-json', '-q', '-o', "
        f"{str(tmp_path / 'out.json')!r}]) == 0\n"
        "heavy = ('citeproc', 'biblioconv.formats.citation.engine', 'fastapi', 'uvicorn')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "[]"


def test_detecting_the_format_loads_no_other_format_s_mapping(tmp_path: Path) -> None:
    """Start-up does not grow with the number of formats: telling an input's format imports
    each format's package and its sniffer only; ``convert`` then loads the two formats it uses.
    A sniffer lives in a module that imports no reader, writer or crosswalk."""
    src = tmp_path / "one.bib"
    src.write_text("@article{a, author={Doe, Jane}, title={T}, journal={J}, year={2020}}\n")
    code = (
        "import sys\n"
        "from biblioconv.cli import main\n"
        f"assert main(['convert', {str(src)!r}, '-t', 'csl-json', '-q', '-o', "
        f"{str(tmp_path / 'out.json')!r}]) == 0\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('biblioconv.formats.'))))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = res.stdout.split()
    used = ("biblioconv.formats.bibtex", "biblioconv.formats.csl_json")
    others = [m for m in loaded if not m.startswith(used)]
    light = (".sniff", ".options", ".cli", ".errors")  # what registers a format and detects it
    heavy = [m for m in others if m.count(".") > 2 and not m.endswith(light)]
    assert heavy == [], f"loaded to detect or convert BibTeX to CSL-JSON: {heavy}"


def test_interrupt_while_the_command_line_loads_is_one_line() -> None:
    # Ctrl-C arriving while the command line's modules load (the model, pydantic, lxml: the
    # first half second) gets the same one-line answer as later, not Python's traceback
    code = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'biblioconv.model':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from biblioconv._launch import main\n"
        "raise SystemExit(main(['formats']))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 130, res.stderr
    assert res.stderr.strip() == "biblioconv: interrupted; nothing was written"
    assert res.stdout == ""


def test_lazy_package_names() -> None:
    import biblioconv

    assert set(biblioconv.__all__) <= set(dir(biblioconv))
    for name in biblioconv.__all__:
        assert getattr(biblioconv, name) is not None
    with pytest.raises(AttributeError, match="no_such_name"):
        biblioconv.no_such_name  # noqa: B018


def test_an_input_that_gives_no_record_is_an_error_not_an_empty_success(tmp_path: Path) -> None:
    out = tmp_path / "out.bib"
    out.write_text("% kept\n")
    garbage = tmp_path / "garbage.ris"
    garbage.write_bytes(b"\x00\x8f binary \xff\xfe junk\nmore junk\n")
    res = run("convert", str(garbage), "-f", "ris", "-t", "bibtex", "-o", str(out))
    assert res.returncode == 1
    [line] = res.stderr.decode().splitlines()
    assert line.startswith(f"biblioconv: error: {garbage}:1: no ris record read: ")
    assert out.read_text() == "% kept\n"  # not replaced by an empty file
    # every record skipped
    skipped = tmp_path / "notype.ris"
    skipped.write_text("TI  - a title without a type line\nER  - \n")
    res = run("convert", str(skipped), "-f", "ris", "-t", "csl-json")
    assert res.returncode == 1 and res.stdout == b""
    assert res.stderr.decode().strip() == (
        f"biblioconv: error: {skipped}:1: no ris record read: "
        "record skipped: record does not start with TY (first tag TI)"
    )
    # an empty input is no error: nothing to convert
    empty = tmp_path / "empty.ris"
    empty.write_text("")
    res = run("convert", str(empty), "-t", "csl-json")
    assert res.returncode == 0 and res.stdout == b"[]\n" and res.stderr == b""
    # some records read, some skipped: converted, the skipped ones in the summary
    mixed = tmp_path / "mixed.ris"
    mixed.write_text("TI  - no type\nER  - \n\nTY  - JOUR\nTI  - Fine\nER  - \n")
    res = run("convert", str(mixed), "-t", "csl-json")
    assert res.returncode == 0 and b"Fine" in res.stdout and b"1 skipped" in res.stderr


def test_standard_output_gets_nothing_from_a_failed_conversion(tmp_path: Path) -> None:
    # the records before the broken one are not written either: `> out.json` keeps no half file
    src = tmp_path / "refs.json"
    good = '{"id": "a", "type": "book", "title": "Fine"}'
    src.write_text(f'[{good}, {good.replace("a", "b", 1)}, {{"id": "c", "ti', "utf-8")
    res = run("convert", str(src), "-f", "csl-json", "-t", "ris")
    assert res.returncode == 1 and res.stdout == b""
    assert res.stderr.decode().count("\n") == 1 and b"Traceback" not in res.stderr


def test_a_reader_of_standard_output_that_goes_away_is_no_error(tmp_path: Path) -> None:
    # `biblioconv convert big.jsonl -t ris | head -1`
    src = _jsonl(tmp_path, 20_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "biblioconv", "convert", str(src), "-t", "ris"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline() == b"TY  - BOOK\r\n"
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert err == b"", err


def test_several_outputs_need_a_directory(tmp_path: Path) -> None:
    a = tmp_path / "a.ris"
    a.write_text("TY  - JOUR\nTI  - A\nER  - \n")
    b = tmp_path / "b.ris"
    b.write_text("TY  - JOUR\nTI  - B\nER  - \n")
    res = run("convert", str(a), str(b), "-t", "bibtex")
    assert res.returncode == 2
    assert res.stderr.decode().strip() == "biblioconv: error: several inputs need -o DIRECTORY"
    res = run("convert", str(a), "-t", "bibtex,csl-json", "-o", str(b))  # b is a file
    assert res.returncode == 2 and res.stderr.count(b"\n") == 1
    assert f"-o {b}: not a directory".encode() in res.stderr
    assert b.read_text() == "TY  - JOUR\nTI  - B\nER  - \n"
    out = tmp_path / "out"
    res = run("convert", str(a), str(b), "-t", "bibtex", "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.bib", "b.bib"]


def test_show_and_cite_fail_on_an_input_that_gives_no_record(tmp_path: Path) -> None:
    notype = tmp_path / "notype.ris"
    notype.write_text("TI  - a title without a type line\nER  - \n")
    expected = (
        f"biblioconv: error: {notype}:1: no ris record read: "
        "record skipped: record does not start with TY (first tag TI)"
    )
    for command in ("show", "cite"):
        res = run(command, str(notype), "-f", "ris")
        assert res.returncode == 1 and res.stdout == b"", command
        assert res.stderr.decode().strip() == expected, command


def test_standard_input_without_a_format_is_detected_from_its_content() -> None:
    ris = b"TY  - JOUR\nTI  - Piped in\nAU  - Doe, Jane\nPY  - 2020\nER  - \n"
    res = run("convert", "-", "-t", "bibtex", stdin=ris)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith(b"@article{") and b"title = {Piped in}" in res.stdout
    res = run(
        "convert", "-", "-t", "csl-json", stdin=(EXAMPLES / "social-innovators.bib").read_bytes()
    )
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)[0]["title"].startswith("Using medical education")
    res = run("convert", "-", "-t", "ris", stdin=b"\x00\x01 nothing known")
    assert res.returncode == 1 and res.stdout == b""
    assert res.stderr.decode().strip() == (
        "biblioconv: error: <stdin>: cannot tell the format; name it with -f/--from"
    )


def test_targets_sharing_an_extension_get_their_own_files(tmp_path: Path) -> None:
    # bibtex and biblatex both write .bib: neither may overwrite the other
    out = tmp_path / "out"
    res = run("convert", str(EXAMPLE), "-t", "all", "-o", str(out), "-q",
              "-O", "datacite.fill-unknown=true")  # fmt: skip
    assert res.returncode == 0, res.stderr
    names = sorted(p.name for p in out.iterdir())
    assert "social-innovators.bibtex.bib" in names and "social-innovators.biblatex.bib" in names
    # every writer writes the example, but Crossref: a deposit registers a DOI, the example has none
    writable = [s for s in biblioconv.formats() if s.can_write and s.name != "crossref"]
    assert len(names) == len(writable)
    assert b"date = {2022-06-03}" in (out / "social-innovators.biblatex.bib").read_bytes()
    assert b"month = jun" in (out / "social-innovators.bibtex.bib").read_bytes()


def _command(*argv: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """``python -m biblioconv ARGV``, as the installed command runs it (``_launch.run``)."""
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run(
        [sys.executable, "-m", "biblioconv", *argv],
        timeout=120,
        **streams,  # type: ignore[call-overload]
    )


def test_the_command_ends_with_all_its_output_and_exit_handlers(tmp_path: Path) -> None:
    """The command ends the process without freeing every object, but first writes all of
    standard output (a large one through a pipe here) and runs the exit handlers."""
    from testsupport import SHARED

    src = SHARED / "corpus" / "bibtex-real.bib"
    out = tmp_path / "out.json"
    assert _command("convert", str(src), "-t", "csl-json", "-q", "-o", str(out)).returncode == 0
    piped = _command("convert", str(src), "-t", "csl-json", "-q")
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == out.read_bytes() and len(piped.stdout) > 4_000_000
    code = (
        "import atexit\n"
        "atexit.register(lambda: print('exit handler ran', flush=True))\n"
        "from biblioconv._launch import run\n"
        "run(['formats'])\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert "bibtex" in res.stdout and res.stdout.endswith("exit handler ran\n")


def test_the_command_keeps_its_exit_codes(tmp_path: Path) -> None:
    missing = _command("convert", str(tmp_path / "missing.bib"), "-t", "ris")
    assert missing.returncode == 1
    assert missing.stderr.decode().count("\n") == 1 and b"missing.bib" in missing.stderr
    assert _command("convert", "--no-such-option").returncode == 2
    assert _command("formats").returncode == 0


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("argv", [["formats"], ["--version"], ["--help"], ["convert", "--help"]])
def test_a_full_standard_output_is_one_line_and_status_1(argv: list[str]) -> None:
    """Also for ``--help`` and ``--version``, whose write errors argparse itself ignores."""
    with open("/dev/full", "wb") as full:
        res = _command(*argv, stdout=full, stderr=subprocess.PIPE)
    assert res.returncode == 1
    (line,) = res.stderr.decode().splitlines()
    assert line.startswith("biblioconv: error: ") and line.endswith("No space left on device")


def test_help_and_version_to_a_reader_that_goes_away() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "biblioconv", "--help"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert err == b""


def test_a_reader_that_goes_away_is_not_an_error() -> None:
    from testsupport import SHARED

    src = SHARED / "corpus" / "bibtex-real.bib"
    proc = subprocess.Popen(
        [sys.executable, "-m", "biblioconv", "convert", str(src), "-t", "csl-json", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100)
    proc.stdout.close()  # like `| head`
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert err == b""


def test_a_run_builds_the_arguments_of_its_command_only() -> None:
    """Every command is named in ``_COMMAND_NAMES``; the parser of one command parses its
    command lines as the whole parser does, and lists the others."""
    from biblioconv import cli as c

    full = c.build_parser()
    (sub,) = [a for a in full._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(sub.choices) == c._COMMAND_NAMES
    lines = [
        ["convert", "a.bib", "-t", "ris,bibtex", "-O", "ris.bom=true", "--jobs", "2", "-q"],
        ["--debug", "cite", "refs.bib", "--style", "ieee", "--format", "html"],
        ["validate", "x.xml", "--version", "4.5", "--strict"],
        ["serve", "--port", "0"],
        ["formats", "--json"],
        ["completion", "bash"],
    ]
    for argv in lines:
        name = c._command_named(argv)
        assert name == next(w for w in argv if not w.startswith("-"))
        one = c.build_parser(name)
        assert vars(one.parse_args(argv)) == vars(full.parse_args(argv)), argv
        (listed,) = [a for a in one._actions if isinstance(a, argparse._SubParsersAction)]
        assert set(listed.choices) == c._COMMAND_NAMES
    assert c._command_named(["--version"]) is None
    assert c._command_named(["no-such-command", "x"]) is None


def test_help_is_as_wide_as_shutil_says_the_terminal_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """The help's width is found as shutil finds it (COLUMNS, the terminal, else 80), without
    loading shutil."""
    import shutil

    from biblioconv import cli

    for columns in ("100", "", "junk"):
        monkeypatch.setenv("COLUMNS", columns)
        assert cli._columns() == shutil.get_terminal_size().columns
    monkeypatch.delenv("COLUMNS")
    assert cli._columns() == shutil.get_terminal_size().columns
    monkeypatch.setenv("COLUMNS", "100")
    assert "-h, --help" in cli.build_parser("convert").format_help()
    assert cli._RawHelp("biblioconv")._width == 98
