"""Parsing dates as they occur in bibliographic data into :class:`~biblioconv.model.DateValue`.

Understands EDTF level 0/1 (``2022``, ``2022-06``, ``2022-06-03``, ``2022~``, ``2022?``,
``2020/2021``, ``../2021``, ``2022-21`` for spring), W3CDTF date-times (``2022-06-03T10:00:00Z``),
slashed dates (``2022/06/03``), and English free text (``June 2022``, ``3 June 2022``,
``June 3, 2022``, ``Spring 2022``, ``c. 1900``). What it cannot parse is kept as ``literal``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from biblioconv.model import DateValue, PartialDate

__all__ = ["MONTHS", "SEASONS", "parse_date", "parse_point"]

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("january", "jan", "janvier", "januar", "enero"),
        ("february", "feb", "février", "februar", "febrero"),
        ("march", "mar", "mars", "märz", "marzo"),
        ("april", "apr", "avril", "abril"),
        ("may", "mai", "mayo"),
        ("june", "jun", "juin", "juni", "junio"),
        ("july", "jul", "juillet", "juli", "julio"),
        ("august", "aug", "août", "agosto"),
        ("september", "sep", "sept", "septembre", "septiembre"),
        ("october", "oct", "octobre", "oktober", "octubre"),
        ("november", "nov", "novembre", "noviembre"),
        ("december", "dec", "décembre", "dezember", "diciembre"),
    ],
    start=1,
):
    for _n in _names:
        MONTHS[_n] = _i

SEASONS: dict[str, int] = {
    "spring": 1,
    "summer": 2,
    "autumn": 3,
    "fall": 3,
    "winter": 4,
}

_ISO = re.compile(
    r"(?P<y>[+-]?\d{4,})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})(?:[T ](?P<t>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?))?)?)?(?P<q>[~?%]?)"
)
_SLASHED = re.compile(r"(\d{4})/(\d{1,2})(?:/(\d{1,2}))?/?")
_CIRCA = re.compile(r"^(?:c\.|ca\.|circa|approx\.?|around)\s*", re.IGNORECASE)
_WORDS = re.compile(r"[A-Za-zéûä]+\.?|\d+(?:st|nd|rd|th)?", re.IGNORECASE)


def _valid(y: int, m: int | None, d: int | None) -> bool:
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None:
        if m is None or not 1 <= d <= 31:
            return False
        if m in (4, 6, 9, 11) and d > 30:
            return False
        if m == 2 and d > (29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28):
            return False
    return True


def _point_iso(text: str) -> tuple[PartialDate, str] | None:
    m = _ISO.fullmatch(text)
    if not m:
        return None
    y = int(m.group("y"))
    mo = int(m.group("m")) if m.group("m") else None
    d = int(m.group("d")) if m.group("d") else None
    season = None
    if mo is not None and 21 <= mo <= 24 and d is None:
        season, mo = mo - 20, None
    if not _valid(y, mo, d):
        return None
    return PartialDate(year=y, month=mo, day=d, season=season, time=m.group("t")), m.group("q")


def _point_words(text: str) -> tuple[PartialDate, bool] | None:
    """English free text: 'June 2022', '3 June 2022', 'June 3, 2022', 'Spring 2022'."""
    circa = False
    c = _CIRCA.match(text)
    if c:
        circa, text = True, text[c.end() :]
    tokens = [t.lower().rstrip(".") for t in _WORDS.findall(text)]
    if not tokens:
        return None
    year = month = day = season = None
    for tok in tokens:
        if tok.isdigit() and len(tok) >= 3:
            if year is not None:
                return None
            year = int(tok)
        elif tok in MONTHS:
            if month is not None:
                return None
            month = MONTHS[tok]
        elif tok in SEASONS:
            season = SEASONS[tok]
        elif tok.rstrip("stndrh").isdigit() and len(tok.rstrip("stndrh")) <= 2:
            if day is not None:
                return None
            day = int(tok.rstrip("stndrh"))
        else:
            return None
    if year is None or (day is not None and month is None):
        return None
    if not _valid(year, month, day):
        return None
    seas = season if month is None else None
    return PartialDate(year=year, month=month, day=day, season=seas), circa


def parse_point(text: str) -> PartialDate | None:
    """Parse one date (no range) or return None."""
    text = text.strip()
    hit = _point_iso(text)
    if hit:
        return hit[0]
    s = _SLASHED.fullmatch(text)
    if s:
        y, mo = int(s.group(1)), int(s.group(2))
        d = int(s.group(3)) if s.group(3) else None
        return PartialDate(year=y, month=mo, day=d) if _valid(y, mo, d) else None
    w = _point_words(text)
    return w[0] if w else None


@lru_cache(maxsize=4096)
def _parse_cached(text: str, type_: str) -> DateValue:
    return _parse(text, type_)


def parse_date(text: str, type_: str = "issued", *, information: str | None = None) -> DateValue:
    """Parse a date or range; unparseable text is kept as ``literal``. Never raises."""
    text = text.strip()
    if not text:
        raise ValueError("empty date")
    value = _parse_cached(text, type_)
    if information:
        value = value.model_copy(update={"information": information})
    return value


def _parse(text: str, type_: str) -> DateValue:
    # EDTF qualifiers on the whole expression
    # Ranges: a/b with open ends '..' or ''. A slashed date like 2022/06/03 is not a range.
    if "/" in text and not _SLASHED.fullmatch(text):
        left, _, right = text.partition("/")
        left, right = left.strip(), right.strip()
        lp = _point_iso(left) if left not in ("", "..") else None
        rp = _point_iso(right) if right not in ("", "..") else None
        if (lp or left in ("", "..")) and (rp or right in ("", "..")) and (lp or rp):
            qualifiers = (lp[1] if lp else "") + (rp[1] if rp else "")
            return DateValue(
                type=type_,
                start=lp[0] if lp else None,
                end=rp[0] if rp else None,
                open_start=lp is None,
                open_end=rp is None,
                approximate=any(q in "~%" for q in qualifiers if q),
                uncertain=any(q in "?%" for q in qualifiers if q),
            )
    hit = _point_iso(text)
    if hit:
        point, q = hit
        return DateValue(
            type=type_,
            start=point,
            approximate=q in ("~", "%") and q != "",
            uncertain=q in ("?", "%") and q != "",
        )
    if _SLASHED.fullmatch(text):
        slashed = parse_point(text)
        if slashed:
            return DateValue(type=type_, start=slashed)
    w = _point_words(text)
    if w:
        return DateValue(type=type_, start=w[0], approximate=w[1])
    # 'June-August 2022', '2020-2021' style ranges in free text
    rng = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", text)
    if rng:
        return DateValue(
            type=type_,
            start=PartialDate(year=int(rng.group(1))),
            end=PartialDate(year=int(rng.group(2))),
        )
    return DateValue(type=type_, literal=text)
