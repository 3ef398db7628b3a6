"""Property tests of the Crossref reader: generated deposits read as what they say, arbitrary
text inside a work and arbitrary bytes give records or a biblioconv error (never a crash), and
what the reader gives writes back to a deposit that reads the same."""

from __future__ import annotations

import contextlib
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import biblioconv
from biblioconv.errors import BiblioconvError

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# XML 1.0 characters, no surrogates; "<" and "&" are escaped by the template
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip())
_names = st.lists(st.tuples(_text, _text), min_size=0, max_size=12)
_year = st.integers(min_value=1400, max_value=2200)
_month = st.one_of(st.none(), st.integers(1, 12))


def _deposit(title: str, people: list[tuple[str, str]], year: int, month: int | None) -> bytes:
    persons = "".join(
        f'<person_name sequence="{"first" if i == 0 else "additional"}" '
        f'contributor_role="author"><given_name>{escape(g)}</given_name>'
        f"<surname>{escape(f)}</surname></person_name>"
        for i, (g, f) in enumerate(people)
    )
    contributors = f"<contributors>{persons}</contributors>" if persons else ""
    when = (f"<month>{month:02d}</month>" if month else "") + f"<year>{year}</year>"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<doi_batch xmlns="http://www.crossref.org/schema/5.3.1" version="5.3.1">
<head><doi_batch_id>prop</doi_batch_id><timestamp>1</timestamp>
<depositor><depositor_name>x</depositor_name><email_address>x@example.org</email_address>
</depositor><registrant>x</registrant></head>
<body><journal><journal_metadata><full_title>J</full_title></journal_metadata>
<journal_article><titles><title>{escape(title)}</title></titles>{contributors}
<publication_date>{when}</publication_date>
<doi_data><doi>10.5555/prop</doi><resource>https://example.org/prop</resource></doi_data>
</journal_article></journal></body></doi_batch>""".encode()


def _collapse(text: str) -> str:
    return " ".join(text.split())


@SETTINGS
@given(title=_text, people=_names, year=_year, month=_month)
def test_generated_deposits_read_as_they_say(
    title: str, people: list[tuple[str, str]], year: int, month: int | None
) -> None:
    [record] = biblioconv.loads(_deposit(title, people, year, month), "crossref")
    assert record.title == _collapse(title)
    expected = [(_collapse(g), _collapse(f)) for g, f in people]
    assert [(c.given, c.family) for c in record.contributors] == expected
    assert record.issued is not None and record.issued.start is not None
    assert (record.issued.start.year, record.issued.start.month) == (year, month)
    assert record.doi == "10.5555/prop"


@SETTINGS
@given(title=_text, people=_names, year=_year, month=_month)
def test_what_is_read_writes_back_and_reads_the_same(
    title: str, people: list[tuple[str, str]], year: int, month: int | None
) -> None:
    first = biblioconv.loads(_deposit(title, people, year, month), "crossref")
    text = biblioconv.dumps(first, "crossref")
    second = biblioconv.loads(text, "crossref", strict=False)
    if second:  # a name the schema does not take is left out and reported, not written
        assert second[0].title == first[0].title
        assert second[0].issued == first[0].issued


@SETTINGS
@given(text=_text)
def test_arbitrary_text_inside_a_work(text: str) -> None:
    raw = _deposit("T", [("A", "B")], 2000, None).replace(
        b"<title>T</title>", b"<title>" + text.encode() + b"</title>"
    )
    with contextlib.suppress(BiblioconvError):
        biblioconv.loads(raw, "crossref", strict=False)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_biblioconv_errors(data: bytes) -> None:
    with contextlib.suppress(BiblioconvError):
        biblioconv.loads(data, "crossref", strict=False)
