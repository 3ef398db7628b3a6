"""The public API: read/write/convert/loads/dumps/detect on paths, bytes and streams."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from testsupport import EXAMPLES, SHARED

import biblioconv
from biblioconv import registry
from biblioconv.model import Record, Title
from biblioconv.report import ConversionReport

EXAMPLE = EXAMPLES / "social-innovators.record.json"
CSL = '[{"id": "a", "type": "book", "title": "A"}, {"id": "b", "type": "song", "title": "B"}]'


def test_read_from_path_bytes_and_stream() -> None:
    by_path = list(biblioconv.read(EXAMPLE))
    by_str = list(biblioconv.read(str(EXAMPLE)))
    by_bytes = list(biblioconv.read(EXAMPLE.read_bytes(), "record-json"))
    with open(EXAMPLE, "rb") as fh:
        by_stream = list(biblioconv.read(fh))
    assert by_path == by_str == by_bytes == by_stream
    assert len(by_path) == 1


def test_read_detects_format_on_a_pipe_like_stream() -> None:
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._buf = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return False

        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            data = self._buf.read(len(b))
            b[: len(data)] = data
            return len(data)

    stream = biblioconv.read(Pipe(CSL.encode()))  # type: ignore[arg-type]
    assert [r.id for r in stream] == ["a", "b"]
    assert stream.format == "csl-json"


def test_detect() -> None:
    det = biblioconv.detect(EXAMPLE)
    assert det.format == "record-json" and det.confidence > 0.8
    assert biblioconv.detect(CSL.encode()).format == "csl-json"
    with pytest.raises(biblioconv.FormatNotFound):
        biblioconv.detect(b"\x00\x01 nothing here")


def test_loads_dumps_round_trip() -> None:
    records = biblioconv.loads(CSL, "csl-json")
    assert json.loads(biblioconv.dumps(records, "csl-json")) == json.loads(CSL)


def test_convert_returns_report(tmp_path: Path) -> None:
    dest = tmp_path / "out.json"
    report = biblioconv.convert(EXAMPLE, "csl-json", dest)
    assert (report.records_read, report.records_written) == (1, 1)
    assert json.loads(dest.read_text())[0]["title"].startswith("Using medical education")
    assert {d.field for d in report.diagnostics} >= {"contributors[0].affiliations[0]", "dates[1]"}
    assert all(d.target_format == "csl-json" for d in report.diagnostics)
    assert all(d.source_format == "record-json" for d in report.diagnostics)


def test_strict_conversion_leaves_no_file(tmp_path: Path) -> None:
    dest = tmp_path / "out.json"
    with pytest.raises(biblioconv.LossError, match="lossy"):
        biblioconv.convert(EXAMPLE, "csl-json", dest, strict=True, preserve=False)
    assert list(tmp_path.iterdir()) == []


def _failing_writer(records: Iterable[Record], stream: IO[bytes], ctx: object) -> None:
    for n, _ in enumerate(records):
        stream.write(b"partial")
        if n == 1:
            raise biblioconv.WriteError("boom", record=str(n))


def test_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    registry.register(registry.FormatSpec(name="failing", title="F", writer=_failing_writer))
    try:
        dest = tmp_path / "out.txt"
        recs = [Record(titles=[Title(text=str(i))]) for i in range(3)]
        with pytest.raises(biblioconv.WriteError):
            biblioconv.write(recs, "failing", dest)
        assert list(tmp_path.iterdir()) == []
    finally:
        registry.unregister("failing")


def test_write_existing_file_is_replaced_only_on_success(tmp_path: Path) -> None:
    dest = tmp_path / "out.json"
    dest.write_text("old")
    registry.register(registry.FormatSpec(name="failing", title="F", writer=_failing_writer))
    try:
        with pytest.raises(biblioconv.WriteError):
            biblioconv.write([Record(), Record()], "failing", dest)
    finally:
        registry.unregister("failing")
    assert dest.read_text() == "old"


def test_a_temporary_output_takes_a_name_no_file_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file written before it is moved into place is new, its owner's only, and named
    anew when a file (or a link) has the name first drawn."""
    import os
    import stat

    from biblioconv import api

    draws = iter([b"\x00" * 6, b"\x00" * 6, b"\x01" * 6])
    monkeypatch.setattr(os, "urandom", lambda n: next(draws))
    taken = tmp_path / f".out.json.{'00' * 6}.part"
    taken.symlink_to(tmp_path / "elsewhere")
    fd, name = api._new_file(tmp_path, ".out.json.", ".part")
    os.close(fd)
    assert name == str(tmp_path / f".out.json.{'01' * 6}.part")
    assert stat.S_IMODE(os.stat(name).st_mode) == 0o600
    assert not (tmp_path / "elsewhere").exists()  # the link was not followed
    monkeypatch.setattr(os, "urandom", lambda n: b"\x00" * 6)
    with pytest.raises(FileExistsError):
        api._new_file(tmp_path, ".out.json.", ".part")


def test_output_files_get_the_permissions_a_user_expects(tmp_path: Path) -> None:
    import os
    import stat

    new = tmp_path / "new.json"
    old_mask = os.umask(0o027)
    try:
        biblioconv.convert(EXAMPLE, "csl-json", new)
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640  # 0o666 less the umask, not mkstemp's 0o600
    new.chmod(0o604)
    biblioconv.convert(EXAMPLE, "csl-json", new)  # an existing file keeps its permissions
    assert stat.S_IMODE(new.stat().st_mode) == 0o604


def test_output_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target.name)
    biblioconv.convert(EXAMPLE, "csl-json", link)
    assert link.is_symlink() and json.loads(target.read_text())[0]["id"] == "ora-pubs-1489933"


def test_output_to_a_named_pipe_is_written_not_replaced(tmp_path: Path) -> None:
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    biblioconv.convert(EXAMPLE, "csl-json", fifo)
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # a device or pipe is never swapped for a file
    assert json.loads(got[0])[0]["id"] == "ora-pubs-1489933"
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_output_errors_name_the_output(tmp_path: Path) -> None:
    import errno

    from biblioconv.api import output_file

    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OSError) as caught:
        biblioconv.convert(EXAMPLE, "csl-json", blocker / "out.json")
    assert caught.value.filename == str(blocker / "out.json")  # not a temporary .part name
    with pytest.raises(OSError) as caught, output_file(tmp_path / "out.json"):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert caught.value.filename == str(tmp_path / "out.json")
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_records_are_read_lazily() -> None:
    seen: list[int] = []

    def gen() -> Iterator[Record]:
        for i in range(3):
            seen.append(i)
            yield Record(titles=[Title(text=str(i))])

    out = io.BytesIO()
    biblioconv.write(gen(), "record-json", out, lines=True)
    assert seen == [0, 1, 2] and out.getvalue().count(b"\n") == 3


def test_format_lookup_and_errors() -> None:
    assert registry.get("CSL").name == "csl-json"
    assert registry.get("csljson").name == "csl-json"
    with pytest.raises(biblioconv.FormatNotFound, match="unknown format 'nope'"):
        biblioconv.loads("x", "nope")
    with pytest.raises(biblioconv.ParseError, match="No such file"):
        list(biblioconv.read("/nonexistent/file.json"))


def test_report_summary_and_merge() -> None:
    a, b = ConversionReport(), ConversionReport()
    a.add("FIELD_DROPPED", "x", field="f")
    b.add("FIELD_DROPPED", "y", field="f")
    b.count("read", 2)
    a.merge(b)
    assert a.records_read == 2 and len(a) == 2
    assert "FIELD_DROPPED" in a.summary() and a.lossy


def test_import_is_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, biblioconv; "
        "heavy = [m for m in ('lxml', 'citeproc', 'bibtexparser', 'yaml') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_report_keeps_a_bounded_number_of_diagnostics() -> None:
    report = ConversionReport(max_diagnostics=5)
    for i in range(1000):
        report.add("FIELD_DROPPED", f"dropped {i}", field="rights", severity="info")
    report.add("VALUE_COERCED", "coerced", field="dates")
    assert len(report.diagnostics) == 5 and report.omitted == 996 and len(report) == 1001
    assert report.counts == {"FIELD_DROPPED|info|rights": 1000, "VALUE_COERCED|warning|dates": 1}
    assert report.lossy  # decided on the counts, not only on what was kept
    assert "996 diagnostics counted but not kept" in report.summary()
    merged = ConversionReport(max_diagnostics=3)
    merged.merge(report)
    assert len(merged.diagnostics) == 3 and len(merged) == 1001
    # an invalid code is refused whether or not the diagnostic is kept in full
    with pytest.raises(ValueError):
        report.add("NO_SUCH_CODE", "x")


def test_report_counters_serialise() -> None:
    report = ConversionReport()
    report.count("read", 3)
    report.count("written")
    report.count("skipped", 2)
    assert (report.records_read, report.records_written, report.records_skipped) == (3, 1, 2)
    dumped = report.model_dump(exclude_unset=True)
    assert dumped["records_read"] == 3 and dumped["records_skipped"] == 2
    assert ConversionReport.model_validate_json(report.model_dump_json()).records_written == 1


def test_a_stream_closed_early_closes_its_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from biblioconv import api

    opened: list[Any] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        opened.append(open(*args, **kwargs))  # noqa: SIM115 - closed by the stream
        return opened[-1]

    monkeypatch.setattr(api, "open", spy, raising=False)
    stream = biblioconv.read(SHARED / "corpus" / "bibtex-real.bib")
    first = next(stream)
    assert first.label and len(opened) == 1 and not opened[0].closed
    stream.close()
    assert opened[0].closed
    assert list(stream) == []
    stream.close()  # twice is harmless
    unread = biblioconv.read(EXAMPLE)
    unread.close()  # never started: nothing opened
    assert list(unread) == [] and len(opened) == 1


def _detect_every_sniffer(name: str | None, head: bytes) -> tuple[str, float, str] | None:
    """Detection as the rule states it, every format's sniffer asked."""
    specs = [s for s in registry.all_formats() if s.can_read]
    matches = [(s, ext) for s, ext in registry.extension_matches(name or "") if s.can_read]
    longest = len(matches[0][1]) if matches else 0
    by_ext = {s.name for s, ext in matches if len(ext) == longest}
    has_content = bool(head.strip(b" \t\r\n\x00\xef\xbb\xbf"))
    scores = []
    for spec in specs:
        score = spec.sniff_bytes(head) if head else 0.0
        reason = "content"
        if spec.name in by_ext:
            if score == 0.0 and has_content:
                score, reason = 0.5, "extension"
            else:
                score = max(score, 0.5) + 0.3
                reason = "extension and content" if score > 0.8 else "extension"
        if score > 0:
            scores.append((min(score, 1.0), spec.name, reason))
    if not scores:
        return None
    scores.sort(key=lambda s: (-s[0], s[1]))
    return scores[0][1], round(scores[0][0], 2), scores[0][2]


def test_detection_asks_only_the_sniffers_that_could_win() -> None:
    """Once a format the name points to is certain, detection skips the sniffers of formats
    that could not win (a tie goes to the first name): the result is the one every sniffer
    gives, for every example and test input under its own name, other formats' names and
    none."""
    from biblioconv.api import _detect_in

    inputs = [p for p in (SHARED / "examples").rglob("*") if p.is_file()]
    inputs += [p for p in (Path(__file__).parent / "formats").rglob("cases/*") if p.is_file()]
    names = {ext for spec in registry.all_formats() for ext in spec.extensions}
    assert len(inputs) > 100 and len(names) > 10
    checked = 0
    for path in inputs:
        head = path.read_bytes()[:4096]
        for name in [path.name, None, *(f"x{ext}" for ext in sorted(names))]:
            expected = _detect_every_sniffer(name, head)
            if expected is None:
                with pytest.raises(biblioconv.FormatNotFound):
                    _detect_in(name, head)
            else:
                got = _detect_in(name, head)
                assert (got.format, got.confidence, got.reason) == expected, (path, name)
            checked += 1
    assert checked > 2000
