"""The order of the overview (SPEC 7 ``--sort``): worst first by default."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Optional, Protocol, TypeVar


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

_KEYS: dict[Sort, Callable[[Ranked], tuple[object, ...]]] = {
    # Worst first; ties: more money at risk first, then name.
    Sort.SCORE: lambda b: (b.score, -b.open_pipeline, b.name.casefold()),
    Sort.NAME: lambda b: (b.name.casefold(),),
    Sort.OWNER: lambda b: ((b.owner or "\uffff").casefold(), b.score, -b.open_pipeline, b.name.casefold()),
    Sort.VALUE: lambda b: (-b.open_pipeline, b.score, b.name.casefold()),
}


def ordered(items: list[T], brief: Callable[[T], Ranked], how: Sort, by_owner: bool = False) -> list[T]:
    """``items`` in the order ``how`` asks for (``file``: as read); with
    ``by_owner``, grouped by owner (accounts without one last), keeping that
    order within each owner."""
    if how is not Sort.FILE:
        key = _KEYS[how]
        items = sorted(items, key=lambda item: key(brief(item)))
    if by_owner:
        items = sorted(items, key=lambda item: (brief(item).owner is None, (brief(item).owner or "").casefold()))
    return list(items)
