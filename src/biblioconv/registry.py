"""The format registry.

Formats are plugins: each exports a :class:`FormatSpec`, registered under the entry-point group
``biblioconv.formats`` (built-ins too, in biblioconv's own ``pyproject.toml``) or at run time with
:func:`register`. Reader and writer callables may be given as ``"module:attribute"`` strings so that
listing formats imports no parser.
"""

from __future__ import annotations

import importlib
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict
from pydantic import ValidationError as PydanticValidationError

from biblioconv.entry_point_scan import scan_entry_points
from biblioconv.errors import FormatNotFound, OptionError
from biblioconv.report import ConversionReport, RecordReporter

if TYPE_CHECKING:
    from biblioconv.crosswalk import Crosswalk
    from biblioconv.model import Record
    from biblioconv.splitting import Splitter
    from biblioconv.validation import Validator

__all__ = [
    "ENTRY_POINT_GROUP",
    "FormatSpec",
    "Limits",
    "NoOptions",
    "ReadContext",
    "Reader",
    "WriteContext",
    "Writer",
    "all_formats",
    "get",
    "register",
    "unregister",
]

ENTRY_POINT_GROUP = "biblioconv.formats"


class NoOptions(BaseModel):
    """Options model of a format that takes none."""

    model_config = ConfigDict(extra="forbid")


class Limits(BaseModel):
    """Resource limits applied by readers (hostile or broken input gives a clear error)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_record_bytes: int = 10 * 1024 * 1024
    max_field_chars: int = 1_000_000
    max_names: int = 10_000
    max_nesting: int = 100
    max_xml_depth: int = 256


@dataclass
class ReadContext:
    """What a reader gets besides the stream: options, report, limits and the source's name."""

    format: str
    options: BaseModel
    report: ConversionReport
    source: str = "<input>"
    limits: Limits = field(default_factory=Limits)
    strict: bool = False

    def reporter(self, record: str | None = None, line: int | None = None) -> RecordReporter:
        """The reporter for one record read from this input (its label and line, when known)."""
        return RecordReporter(
            self.report,
            record=record,
            source=self.source,
            line=line,
            source_format=self.format,
            strict=self.strict,
        )


@dataclass
class WriteContext:
    """What a writer gets besides the records and the stream."""

    format: str
    options: BaseModel
    report: ConversionReport
    source_format: str | None = None
    strict: bool = False

    def reporter(self, record: str | None = None) -> RecordReporter:
        """The reporter for one record written (its label)."""
        return RecordReporter(
            self.report,
            record=record,
            source_format=self.source_format,
            target_format=self.format,
            strict=self.strict,
        )


Reader = Callable[[IO[bytes], ReadContext], Iterator["Record"]]
Writer = Callable[[Iterable["Record"], IO[bytes], WriteContext], None]


def _resolve(ref: Any) -> Any:
    if isinstance(ref, str):
        module, _, attr = ref.partition(":")
        try:
            obj: Any = importlib.import_module(module)
            for part in attr.split("."):
                obj = getattr(obj, part)
        except (ImportError, AttributeError) as exc:
            raise FormatNotFound(f"cannot load {ref}: {exc}") from None
        return obj
    return ref


_T = TypeVar("_T")


class _ImportedOnRead(Generic[_T]):
    """A :class:`FormatSpec` field that may be given as ``"module:attribute"``: the object is
    imported when the field is first read (a command reads the options models of one or two
    formats; building all of them took 2-3% of converting one entry)."""

    def __init__(self, default: _T) -> None:
        self._default = default
        self._slot = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_{name}"

    def __get__(self, obj: object | None, objtype: type | None = None) -> _T:
        if obj is None:  # the class attribute: the field's default
            return self._default
        value = obj.__dict__[self._slot]
        if isinstance(value, str):
            value = _resolve(value)
            obj.__dict__[self._slot] = value
        resolved: _T = value
        return resolved

    def __set__(self, obj: object, value: _T | str) -> None:
        obj.__dict__[self._slot] = value


@dataclass(frozen=True)
class FormatSpec:
    """Everything the API and the CLI need to know about one format."""

    name: str
    title: str
    aliases: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    media_types: tuple[str, ...] = ()
    reader: Reader | str | None = None
    writer: Writer | str | None = None
    sniff: Callable[[bytes], float] | str | None = None
    """Confidence 0..1 that the first bytes of an input are in this format."""
    options: _ImportedOnRead[type[BaseModel]] = _ImportedOnRead(NoOptions)
    """Options model of the writer (and of the reader, unless ``read_options`` is given); a
    ``"module:attribute"`` string is imported when first read."""
    read_options: _ImportedOnRead[type[BaseModel] | None] = _ImportedOnRead(None)
    """Options of the reader when they differ from the writer's (``options``)."""
    streams: bool = True
    """Whether reading and writing run in constant memory."""
    crosswalk: Crosswalk | str | None = None
    description: str = ""
    binary_output: bool = False
    option_scopes: tuple[str, ...] = ()
    """Other formats whose command-line options (``-O FORMAT.NAME=VALUE``) this format also
    takes, for the names it has too (``datacite-json`` takes ``datacite.version``); an option
    scoped to this format itself wins."""
    splitter: Splitter | str | None = None
    """Cuts an input into chunks of whole records for parallel conversion (see
    :mod:`biblioconv.splitting`); None: inputs are converted in one process."""
    positional_labels: bool = False
    """The reader labels records that have no name of their own ``#N``, N their position in
    the input (parallel conversion renumbers the labels of later chunks)."""
    decodes_itself: bool = False
    """The reader finds the input's encoding by itself (XML: the declaration names it);
    otherwise a UTF-16 or UTF-32 text with a byte order mark is re-encoded as UTF-8 first."""
    validator: Validator | str | None = None
    """Checks a document for ``biblioconv validate`` (see :mod:`biblioconv.validation`);
    None: the document must read without a record skipped, and what the reader flags about
    values are warnings."""
    unique_values: Callable[[bytes], Iterable[bytes]] | str | None = None
    """The values a document of the format may hold only once (XML IDs), found in written
    output. Output written in parts by several processes (``--jobs``) is joined only when no
    such value is in two parts; otherwise the input is converted in one process, whose writer
    keeps each once. None: the writer keeps nothing document-wide."""

    @property
    def can_read(self) -> bool:
        """True if the format has a reader."""
        return self.reader is not None

    @property
    def can_write(self) -> bool:
        """True if the format has a writer."""
        return self.writer is not None

    def get_reader(self) -> Reader:
        """The reader callable (imported on first use)."""
        if self.reader is None:
            raise FormatNotFound(f"format {self.name!r} cannot be read (writer only)")
        reader: Reader = _resolve(self.reader)
        return reader

    def get_writer(self) -> Writer:
        """The writer callable (imported on first use)."""
        if self.writer is None:
            raise FormatNotFound(f"format {self.name!r} cannot be written (reader only)")
        writer: Writer = _resolve(self.writer)
        return writer

    def get_crosswalk(self) -> Crosswalk | None:
        """The crosswalk table (imported on first use)."""
        cw: Crosswalk | None = _resolve(self.crosswalk)
        return cw

    def get_splitter(self) -> Splitter | None:
        """The splitter (imported on first use), or None if inputs are not split."""
        splitter: Splitter | None = _resolve(self.splitter)
        return splitter

    def get_unique_values(self) -> Callable[[bytes], Iterable[bytes]] | None:
        """:attr:`unique_values` (imported on first use)."""
        found: Callable[[bytes], Iterable[bytes]] | None = _resolve(self.unique_values)
        return found

    def get_validator(self) -> Validator | None:
        """The validator (imported on first use), or None for the default checks."""
        validator: Validator | None = _resolve(self.validator)
        return validator

    def sniff_bytes(self, head: bytes) -> float:
        """Confidence that ``head`` starts an input in this format."""
        if self.sniff is None:
            return 0.0
        fn: Callable[[bytes], float] = _resolve(self.sniff)
        return float(fn(head))

    def make_options(self, values: dict[str, Any] | BaseModel | None, *, read: bool) -> BaseModel:
        """Validate user options against the format's reader (``read``) or writer options model.

        An unknown name or a value the option cannot take raises
        :class:`~biblioconv.errors.OptionError` naming the option and the valid ones.
        """
        model = (self.read_options or self.options) if read else self.options
        if isinstance(values, BaseModel):
            return values
        values = dict(values or {})
        side = "reader" if read and self.read_options is not None else "writer" if not read else ""
        what = f"{self.name} {side} option" if side else f"{self.name} option"
        valid = tuple(sorted(model.model_fields))
        listed = ", ".join(valid) or "none"
        if model.model_config.get("extra") != "allow":
            for name in values:
                if name not in model.model_fields:
                    import difflib  # only for the error message

                    close = difflib.get_close_matches(str(name), valid, n=1)
                    hint = f"did you mean {close[0]!r}? " if close else ""
                    raise OptionError(
                        f"unknown {what} {name!r} ({hint}valid: {listed})",
                        format=self.name,
                        option=str(name),
                        valid=valid,
                    )
        try:
            return model.model_validate(values)
        except PydanticValidationError as exc:
            errors = exc.errors()
            err = errors[0]
            option = ".".join(str(part) for part in err.get("loc", ())) or None
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            got = f" (got {err['input']!r})" if option in values else ""
            where = f"{what} {option!r}" if option else f"{self.name} options"
            raise OptionError(
                f"{where}: {err['msg']}{got}{more}", format=self.name, option=option, valid=valid
            ) from None


_lock = threading.Lock()
_runtime: dict[str, FormatSpec] = {}
_cache: dict[str, FormatSpec] | None = None


def _entry_points() -> Iterable[Any]:
    """The entry points of the formats' group: read from the ``entry_points.txt`` files when
    the path holds only plain metadata directories, else by importlib.metadata."""
    scanned = scan_entry_points(ENTRY_POINT_GROUP)
    if scanned is not None:
        return scanned
    from importlib.metadata import entry_points

    return entry_points(group=ENTRY_POINT_GROUP)


def _load_entry_points() -> dict[str, FormatSpec]:
    found: dict[str, FormatSpec] = {}
    for ep in _entry_points():
        try:
            spec = ep.load()
        except Exception as exc:  # a broken plugin must not break the other formats
            warnings.warn(
                f"biblioconv: format plugin {ep.name!r} ({ep.value}) failed to load: {exc}",
                RuntimeWarning,
                stacklevel=2,
            )
            continue
        if not isinstance(spec, FormatSpec):
            warnings.warn(
                f"biblioconv: entry point {ep.name!r} is not a FormatSpec", RuntimeWarning, 2
            )
            continue
        found.setdefault(spec.name, spec)
    return found


def _table() -> dict[str, FormatSpec]:
    global _cache
    with _lock:
        if _cache is None:
            _cache = _load_entry_points()
        table = dict(_cache)
        table.update(_runtime)
    return table


def register(spec: FormatSpec) -> None:
    """Register a format at run time (overrides an entry point of the same name)."""
    with _lock:
        _runtime[spec.name] = spec


def unregister(name: str) -> None:
    """Remove a format registered at run time."""
    with _lock:
        _runtime.pop(name, None)


def refresh() -> None:
    """Forget the cached entry points (after installing a plugin in a running process)."""
    global _cache
    with _lock:
        _cache = None


def all_formats() -> list[FormatSpec]:
    """Every registered format, sorted by name."""
    return sorted(_table().values(), key=lambda s: s.name)


def _norm(name: str) -> str:
    return name.strip().lower().replace("_", "-")


def get(name: str) -> FormatSpec:
    """The format of a name or alias (case-insensitive, ``_`` = ``-``)."""
    key = _norm(name)
    table = _table()
    if key in table:
        return table[key]
    for spec in table.values():
        if key in (_norm(a) for a in spec.aliases):
            return spec
    known = ", ".join(sorted(table))
    raise FormatNotFound(f"unknown format {name!r} (known: {known})")


def extension_matches(filename: str) -> list[tuple[FormatSpec, str]]:
    """The formats whose extensions end a file name, each with the longest one that does,
    longest first. Besides its declared extensions, a format claims its name before its first
    extension (``refs.bibtex.bib``, ``refs.biblatex.bib``: the names ``convert`` gives outputs
    of formats that share an extension)."""
    lower = filename.lower()
    hits: list[tuple[FormatSpec, str]] = []
    for spec in _table().values():
        names = [*spec.extensions]
        if spec.extensions:
            names.append(f".{spec.name}{spec.extensions[0]}")
        found = [ext for ext in names if lower.endswith(ext.lower())]
        if found:
            hits.append((spec, max(found, key=len)))
    hits.sort(key=lambda h: (-len(h[1]), h[0].name))
    return hits


def by_extension(filename: str) -> list[FormatSpec]:
    """Formats whose extensions match a file name, longest extension first."""
    return [spec for spec, _ in extension_matches(filename)]
