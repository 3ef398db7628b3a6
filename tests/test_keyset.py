"""KeySet behaves as a set of strings (add/contains/len) at any size, in compact memory."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from biblioconv.keyset import KeySet


@given(st.lists(st.text(max_size=12), max_size=300), st.lists(st.text(max_size=12), max_size=50))
def test_same_answers_as_a_set(keys: list[str], probes: list[str]) -> None:
    ks, ref = KeySet(), set()
    for k in keys:
        assert ks.add(k) == (k in ref)
        ref.add(k)
    assert len(ks) == len(ref)
    for p in probes + keys:
        assert (p in ks) == (p in ref)
    assert 3 not in ks


def test_grows_and_stays_compact() -> None:
    ks = KeySet()
    n = 200_000
    for i in range(n):
        assert not ks.add(f"key{i}")
    assert len(ks) == n
    assert all(f"key{i}" in ks for i in range(0, n, 997))
    assert "key-absent" not in ks
    assert ks.add("key123")
    # at most 32 bytes per key (a set of these strings takes over 100)
    assert sys.getsizeof(ks._table) <= 32 * n + 64
