"""The order of the overview (SPEC 7 ``--sort``): worst first by default."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import Any, Optional, Protocol, TypeVar, overload


class Ranked(Protocol):
    """What ordering reads of an account (a brief, or a spooled account)."""

    @property
    def name(self) -> str: ...
    @property
    def owner(self) -> Optional[str]: ...
    @property
    def score(self) -> int: ...
    @property
    def open_pipeline(self) -> float: ...


class Sort(str, Enum):
    SCORE = "score"
    NAME = "name"
    OWNER = "owner"
    VALUE = "value"
    FILE = "file"


T = TypeVar("T")
C = TypeVar("C", bound="Columnar")


class Columnar(Protocol):
    """Accounts kept in columns (a streamed run's): sorted by their
    columns, without making every account at once."""

    def __len__(self) -> int: ...
    def column(self, name: str) -> Sequence[Any]: ...
    def reordered(self: C, order: Iterable[int]) -> C: ...


def _fold(text: str) -> str:
    return text.casefold()


def _negative(value: float) -> float:
    return -value


def _same(value: Any) -> Any:
    return value


_KEYS: dict[Sort, tuple[tuple[str, Callable[[Any], Any]], ...]] = {
    # Each order's fields, most significant first, and how each compares.
    # Worst first; ties: more money at risk first, then name.
    Sort.SCORE: (("score", _same), ("open_pipeline", _negative), ("name", _fold)),
    Sort.NAME: (("name", _fold),),
    Sort.OWNER: (("owner", lambda owner: (owner or "\uffff").casefold()), ("score", _same),
                 ("open_pipeline", _negative), ("name", _fold)),
    Sort.VALUE: (("open_pipeline", _negative), ("score", _same), ("name", _fold)),
}

_BY_OWNER = ("owner", lambda owner: (owner is None, (owner or "").casefold()))
"""Grouped by owner (accounts without one last), before any other order."""


@overload
def ordered(items: C, brief: Callable[[Any], Ranked], how: Sort, by_owner: bool = False) -> C: ...
@overload
def ordered(items: Sequence[T], brief: Callable[[T], Ranked], how: Sort, by_owner: bool = False) -> list[T]: ...


def ordered(items: Any, brief: Callable[[Any], Ranked], how: Sort, by_owner: bool = False) -> Any:
    """``items`` in the order ``how`` asks for (``file``: as read); with
    ``by_owner``, grouped by owner (accounts without one last), keeping that
    order within each owner.

    Sorted one field at a time, least significant first (the sort is
    stable, so this is the order of the fields taken together), on
    positions: the keys of one field are alive at a time, not a tuple of
    them for every account."""
    fields = [_BY_OWNER] if by_owner else []
    if how is not Sort.FILE:
        fields += _KEYS[how]
    columnar = hasattr(items, "reordered")
    order = list(range(len(items)))
    for name, key in reversed(fields):
        values = items.column(name) if columnar else [getattr(brief(item), name) for item in items]
        order.sort(key=lambda row: key(values[row]))
    if columnar:
        return items.reordered(order) if fields else items
    return [items[row] for row in order]
