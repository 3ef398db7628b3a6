"""``biblioconv validate`` for EndNote XML. No schema of the format is public (EndNote's DTD,
RSXML.dtd, is not), so the structure is checked: the root is ``<xml>`` holding ``<records>``,
each ``<record>`` has a ``<ref-type>`` with a number and its elements are those EndNote writes;
then the document must read without a record skipped."""

from __future__ import annotations

from biblioconv import xmlsafe
from biblioconv.errors import BiblioconvError
from biblioconv.validation import Problem, ValidationContext, problem_from_error, read_problems

__all__ = ["validate"]

_CONTAINERS = {"xml", "records", "record", "style"}


def validate(data: bytes, ctx: ValidationContext) -> None:
    """Check an EndNote XML document (see the module's description)."""
    from biblioconv.formats.endnote_xml.xmlio import ORDER

    known = set(ORDER) | _CONTAINERS
    problems = ctx.result.problems
    try:
        root = xmlsafe.fromstring(data, source=ctx.source)
    except BiblioconvError as exc:
        problems.append(problem_from_error(exc))
        ctx.result.schema = "no official schema exists for EndNote XML (structure checked)"
        return
    if root.tag != "xml" or root.find("records") is None:
        problems.append(
            Problem(
                "error", f"root <{root.tag}>: an EndNote library is <xml><records>", root.sourceline
            )
        )
    for n, record in enumerate(root.iterfind("records/record"), start=1):
        ref = record.find("ref-type")
        if ref is None:
            problems.append(
                Problem("error", "<record> without <ref-type>", record.sourceline, str(n))
            )
        elif not (ref.text or "").strip().isdigit():
            problems.append(
                Problem("error", f"<ref-type> {ref.text!r} is not a number", ref.sourceline, str(n))
            )
        for elem in record.iter():
            if isinstance(elem.tag, str) and elem.tag not in known:
                problems.append(
                    Problem(
                        "warning",
                        f"<{elem.tag}> is not an element EndNote writes",
                        elem.sourceline,
                        str(n),
                    )
                )
    if ctx.result.valid:
        read_problems(data, ctx)
    ctx.result.schema = "no official schema exists for EndNote XML (structure checked)"
