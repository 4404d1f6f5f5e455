"""Many small values of a large run, kept flat: about their own size each,
not a Python object each.

A million accounts held as objects cost about 600 bytes each (an object, its
strings and ints, a dict entry, and the allocator's slack between them); in
the arrays here a name costs its UTF-8 bytes and eight more.  A leaf module:
it imports nothing of relcheck's.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class Strings:
    """A growing list of strings in one buffer (their UTF-8 bytes and where each ends)."""

    __slots__ = ("_data", "_ends")

    def __init__(self) -> None:
        self._data = bytearray()
        self._ends = array("q")

    def append(self, text: str) -> None:
        self._data += text.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._data))

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, index: int) -> str:
        start = self._ends[index - 1] if index else 0
        return self._data[start:self._ends[index]].decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        return (self[index] for index in range(len(self._ends)))

    def truncate(self, size: int) -> None:
        """Keep the first ``size`` strings."""
        del self._data[self._ends[size - 1] if size else 0:]
        del self._ends[size:]


class Interned(Generic[T]):
    """Values of which few are distinct (owners, statuses), each stored once
    and named by its number."""

    __slots__ = ("values", "_numbers")

    def __init__(self) -> None:
        self.values: list[T] = []
        self._numbers: dict[T, int] = {}

    def number(self, value: T) -> int:
        found = self._numbers.get(value)
        if found is None:
            found = self._numbers[value] = len(self.values)
            self.values.append(value)
        return found


class StringIndex:
    """Distinct strings, numbered in the order they were added, found by
    ``key`` of the string (``norm_name``: the same name however it is
    spaced or cased).  An open-addressing table of flat arrays: a string
    costs its bytes and about 40 more, against about 200 for a dict entry
    with its key and value objects."""

    __slots__ = ("strings", "_key", "_hashes", "_table", "_mask")

    def __init__(self, key: Callable[[str], str] = str) -> None:
        self.strings = Strings()  # as added, not as keyed
        self._key = key
        self._hashes = array("q")  # of each string's key
        self._table = array("q", bytes(8 * 8))  # entry number + 1 (0: free), probed linearly
        self._mask = 7

    def __len__(self) -> int:
        return len(self.strings)

    def locate(self, text: str) -> tuple[int, int, int]:
        """The number of the string with ``text``'s key (or -1), the slot
        it is in (or would go in) and the key's hash: what :meth:`insert`
        takes, so a string checked and then added is hashed and probed once."""
        key = self._key(text)
        hashed = hash(key)
        table, mask, hashes = self._table, self._mask, self._hashes
        slot = hashed & mask
        while True:
            entry = table[slot] - 1
            if entry < 0:
                return -1, slot, hashed
            if hashes[entry] == hashed and self._key(self.strings[entry]) == key:
                return entry, slot, hashed
            slot = (slot + 1) & mask

    def find(self, text: str) -> int:
        """The number of the string with ``text``'s key, or -1."""
        return self.locate(text)[0]

    def add(self, text: str) -> int:
        """Add ``text`` (its key must not be here yet); its number."""
        found, slot, hashed = self.locate(text)
        if found >= 0:
            raise KeyError(text)
        return self.insert(text, slot, hashed)

    def insert(self, text: str, slot: int, hashed: int) -> int:
        """Add ``text`` where :meth:`locate` said it would go (nothing added
        since); its number."""
        number = len(self.strings)
        self.strings.append(text)
        self._hashes.append(hashed)
        self._table[slot] = number + 1
        if 2 * number + 2 > len(self._table):
            self._grow()
        return number

    def _grow(self) -> None:
        size = len(self._table) * 2
        self._table = array("q", bytes(8 * size))
        self._mask = size - 1
        for number, hashed in enumerate(self._hashes):
            slot = hashed & self._mask
            while self._table[slot]:
                slot = (slot + 1) & self._mask
            self._table[slot] = number + 1

    def truncate(self, size: int) -> None:
        """Forget every string added after the first ``size``.  Removed
        newest first, each from its own slot: no string added before it
        probed past that slot (it was free then), so every lookup stays as
        it was before the removed ones were added."""
        for number in range(len(self.strings) - 1, size - 1, -1):
            slot = self._hashes[number] & self._mask
            while self._table[slot] != number + 1:
                slot = (slot + 1) & self._mask
            self._table[slot] = 0
        self.strings.truncate(size)
        del self._hashes[size:]
