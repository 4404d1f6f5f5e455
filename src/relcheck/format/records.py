"""The account as the rules see it: plain, slotted dataclasses and enums.

Two things read an account file (see :mod:`relcheck.loader`):

* the fast path, :mod:`relcheck.fastpath`, turns well-formed data straight
  into these records with no pydantic at all (start-up and throughput);
* the error path, the pydantic models in :mod:`relcheck.model`, runs only when
  the fast path refuses something, and says exactly what and where.

The pydantic models are the format's authority (validation messages, JSON
Schema); these records mirror them field for field, and
``tests/test_fastpath.py`` checks that both paths agree.  The enums and the
value normalisers below are shared by both paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, Optional


class _Choice(str, Enum):
    """An enum read case-insensitively; ``_`` and spaces count as ``-``."""

    @classmethod
    def _missing_(cls, value: object) -> Optional[_Choice]:
        if isinstance(value, str):
            wanted = re.sub(r"[\s_]+", "-", value.strip().lower())
            return cls._value2member_map_.get(wanted)  # type: ignore[return-value]
        return None

    def __str__(self) -> str:
        return self.value


class Tier(_Choice):
    KEY = "key"
    GROWTH = "growth"
    STANDARD = "standard"


class Stakeholder(_Choice):
    CHAMPION = "champion"
    ECONOMIC_BUYER = "economic-buyer"
    DECISION_MAKER = "decision-maker"
    INFLUENCER = "influencer"
    USER = "user"
    BLOCKER = "blocker"
    OTHER = "other"


class DealStatus(_Choice):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class Direction(_Choice):
    OUTBOUND = "outbound"
    INBOUND = "inbound"


class Channel(_Choice):
    CALL = "call"
    EMAIL = "email"
    MEETING = "meeting"
    VISIT = "visit"
    MESSAGE = "message"
    EVENT = "event"
    OTHER = "other"


class Purpose(_Choice):
    PITCH = "pitch"
    DISCOVERY = "discovery"
    CHECK_IN = "check-in"
    INSIGHT = "insight"
    SUPPORT = "support"
    FOLLOW_UP = "follow-up"
    OTHER = "other"


class Response(_Choice):
    YES = "yes"
    NO = "no"
    OBJECTION = "objection"
    QUESTION = "question"
    TELL_ME_MORE = "tell-me-more"
    NONE = "none"


# --- value normalisers shared by both paths ----------------------------------

def one_or_many(value: Any) -> Any:
    """Let a single string stand for a one-item list (``with: Pat Kim``)."""
    return [value] if isinstance(value, str) else value


_TIME_SEPARATOR = re.compile(r"^(\d{4}-\d{2}-\d{2})[ \t]+")


def day_of(value: Any) -> Any:
    """Accept a date or an ISO datetime and keep the calendar day; anything
    else is returned unchanged for the validator to judge."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and len(value.strip()) > 10:
        text = _TIME_SEPARATOR.sub(r"\1T", value.strip())  # YAML allows a space before the time
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            return value
    return value


def ratio_of(value: Any) -> Any:
    """Read ``0.55``, ``"55%"`` or ``"55 %"`` as a share between 0 and 1."""
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("%"):
            try:
                return float(text[:-1].strip()) / 100
            except ValueError:
                return value
    return value


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Make an id from a name: lower case, words joined by hyphens."""
    slug = _NOT_SLUG.sub("-", text.lower()).strip("-")
    return slug or "account"


# --- the records ------------------------------------------------------------

@dataclass
class OwnerSpell:
    name: str
    since: date


@dataclass
class Trust:
    credibility: Optional[float] = None
    reliability: Optional[float] = None
    intimacy: Optional[float] = None
    self_orientation: Optional[float] = None


@dataclass
class Contact:
    name: str
    role: Optional[str] = None
    stakeholder: Optional[Stakeholder] = None
    email: Optional[str] = None
    goals: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    personal_impact: Optional[str] = None
    trust: Optional[Trust] = None
    left: Optional[date] = None
    ref: Optional[str] = None


@dataclass
class Deal:
    name: str
    status: DealStatus = DealStatus.OPEN
    opened: Optional[date] = None
    closed: Optional[date] = None
    amount: Optional[float] = None
    ref: Optional[str] = None


Day = date  # a field below is named `date`


@dataclass
class Interaction:
    date: Day
    with_: tuple[str, ...]
    direction: Direction
    channel: Optional[Channel] = None
    purpose: Purpose = Purpose.OTHER
    response: Optional[Response] = None
    questions: Optional[int] = None
    talk_ratio: Optional[float] = None
    next_step: Optional[str] = None
    due: Optional[Day] = None
    notes: Optional[str] = None
    ref: Optional[str] = None


@dataclass
class Suppression:
    rule: str
    reason: str
    until: Optional[date] = None


@dataclass
class Account:
    name: str
    id: Optional[str] = None
    owner: Optional[str] = None
    tier: Tier = Tier.STANDARD
    owner_history: tuple[OwnerSpell, ...] = ()
    contacts: tuple[Contact, ...] = ()
    deals: tuple[Deal, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    ignore: tuple[Suppression, ...] = field(default=())

    @property
    def slug(self) -> str:
        return self.id or slugify(self.name)
