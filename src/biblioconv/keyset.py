"""A set of strings in constant space per key, for duplicate checks over very large inputs."""

from __future__ import annotations

from array import array

__all__ = ["KeySet"]

_MASK64 = (1 << 64) - 1


class KeySet:
    """Strings kept as 64-bit hashes in one open-addressing table (8-32 bytes per key, where a
    ``set`` of strings takes over 100), so that checking ten million record keys for repeats
    costs tens of megabytes, not gigabytes.

    Two different strings with the same 64-bit hash count as the same: among a million keys the
    chance of any such pair is below one in ten million. Use it where a false "already seen" is
    harmless or only a diagnostic (a repeated-key warning, an extra suffix on a generated key).
    """

    __slots__ = ("_mask", "_size", "_table")

    def __init__(self) -> None:
        self._table = array("Q", bytes(8 * 1024))
        self._mask = 1023
        self._size = 0

    @staticmethod
    def _hash(key: str) -> int:
        return (hash(key) & _MASK64) | 1  # 0 marks an empty slot

    def _slot(self, h: int) -> int:
        table, mask = self._table, self._mask
        i = h & mask
        while True:
            v = table[i]
            if v == 0 or v == h:
                return i
            i = (i + 1) & mask

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        h = self._hash(key)
        return self._table[self._slot(h)] == h

    def __len__(self) -> int:
        return self._size

    def add(self, key: str) -> bool:
        """Add ``key``; return whether it was already there."""
        h = self._hash(key)
        i = self._slot(h)
        if self._table[i] == h:
            return True
        self._table[i] = h
        self._size += 1
        if self._size * 2 > self._mask:
            self._grow()
        return False

    def _grow(self) -> None:
        old = self._table
        self._table = array("Q", bytes(8 * 2 * len(old)))
        self._mask = 2 * len(old) - 1
        for h in old:
            if h:
                self._table[self._slot(h)] = h
