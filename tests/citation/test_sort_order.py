"""``cs:sort`` ordering by sort keys (strings or integers per key) against the pairwise
comparison it replaces: the same order, later keys computed only for ties."""

from __future__ import annotations

from functools import cmp_to_key
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from biblioconv.formats.citation.elements_style import _ordered
from biblioconv.formats.citation.sorting import compare_key_values

_WORDS = st.sampled_from(["", "a", "ab", "b", "B", "é", "z z", "10", "9"])
_NUMBERS = st.one_of(st.none(), st.integers(min_value=-3, max_value=3))


def _pairwise(table: list[list[Any]], descending: list[bool]) -> list[int]:
    def compare(a: int, b: int) -> int:
        for k in range(len(descending)):
            result = compare_key_values(table[a][k], table[b][k], descending[k])
            if result:
                return result
        return a - b

    return sorted(range(len(table)), key=cmp_to_key(compare))


def _run(table: list[list[Any]], descending: list[bool]) -> tuple[list[int] | None, set[Any]]:
    asked: set[tuple[int, int]] = set()

    def value(k: int, index: int) -> Any:
        asked.add((k, index))
        return table[index][k]

    return _ordered(list(range(len(table))), 0, value, descending), asked


@given(
    st.lists(st.tuples(_WORDS, _NUMBERS, _WORDS), max_size=12),
    st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_same_order_as_pairwise_comparison(rows: list[tuple[Any, ...]], desc: list[bool]) -> None:
    table = [list(row) for row in rows]
    order, asked = _run(table, desc)
    assert order == _pairwise(table, desc)
    # a key is looked at only for the items that tie on every key before it
    for k, index in asked:
        if k:
            assert any(
                other != index and table[other][:k] == table[index][:k]
                for other in range(len(table))
            )


def test_mixed_kinds_left_to_the_pairwise_comparison() -> None:
    assert _run([["2"], [10], ["1"]], [False])[0] is None
    assert _run([["a", 2], ["a", "x"]], [False, False])[0] is None
    # a mixed key that no tie reaches does not matter
    assert _run([["a", 2], ["b", "x"]], [False, False])[0] == [0, 1]


def test_empty_values_last_in_both_directions() -> None:
    table = [[""], ["b"], [None], ["a"]]
    assert _run(table, [False])[0] == [3, 1, 0, 2]
    assert _run(table, [True])[0] == [1, 3, 0, 2]


def test_ties_keep_input_order_descending() -> None:
    table = [["a", 1], ["b", 2], ["a", 1], ["b", 1]]
    assert _run(table, [True, True])[0] == [1, 3, 0, 2]
    assert _run(table, [True, True])[0] == _pairwise(table, [True, True])
