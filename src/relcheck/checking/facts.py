"""The account as of the audit date: the questions several rules ask, answered once.

Everything dated after the as-of date is ignored, so auditing with
``--as-of 2026-06-30`` shows the account as it stood that day.  Names are
compared as the loader compares them (case, spacing, Unicode form) and
always given back as the contacts list spells them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Optional

from ..format.records import (
    Account,
    Channel,
    Contact,
    Deal,
    DealStatus,
    Direction,
    Interaction,
    Purpose,
    Response,
    Stakeholder,
)
from ..names import norm_name


class cached_property:  # noqa: N801 - named as the standard one it replaces
    """``functools.cached_property`` without its lock (which Python 3.11
    takes on every first access: measurable when a run holds millions of
    accounts): computed once, then read from the instance like an attribute."""

    def __init__(self, function: Any) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: Optional[type] = None) -> Any:
        if instance is None:
            return self
        value = self.function(instance)
        instance.__dict__[self.name] = value
        return value


# Replies that show the customer engaged (``none`` is "no reply").
REPLIES = frozenset({Response.YES, Response.NO, Response.OBJECTION, Response.QUESTION, Response.TELL_ME_MORE})
PUSHBACK = frozenset({Response.NO, Response.OBJECTION})
INTEREST = frozenset({Response.TELL_ME_MORE, Response.QUESTION})

VALUE_SILENCE = "value-silence"
"""A fact two rules see: no value-giving touch for too long (REL003 owns it
when the silence began with the last sale, REL010 otherwise)."""

DEFAULT_SETTLE_DAYS = {"key": 30, "growth": 60, "standard": 90}
"""Each tier's ideal check-in cadence (REL010's defaults): an account whose
first record is more recent than this is too new to judge its patterns."""


@dataclass(frozen=True)
class Context:
    """What every rule may know besides the account: the audit date, the
    window, and how long a new account of each tier is given before its
    patterns are judged (the tier's ideal cadence)."""

    as_of: date
    lookback_days: int = 180
    settle_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_SETTLE_DAYS))

    @cached_property
    def window_start(self) -> date:
        try:
            return self.as_of - timedelta(days=self.lookback_days)
        except OverflowError:
            return date.min


def engaged(interaction: Interaction) -> bool:
    """Did the customer take part in this touch?  Everything but an outreach
    recorded as unanswered (``response: none``) counts: an unrecorded
    response on a call or an email is given the benefit of the doubt."""
    return interaction.direction is Direction.INBOUND or interaction.response is not Response.NONE


def replied(interaction: Interaction) -> bool:
    """A sign of life from the customer: they reached out, or they answered."""
    if interaction.direction is Direction.INBOUND:
        return interaction.response is not Response.NONE
    return interaction.response in REPLIES


# Channels where a touch means the customer was there, even with no response recorded.
LIVE_CHANNELS = frozenset({Channel.CALL, Channel.MEETING, Channel.VISIT, Channel.EVENT})


def sign_of_life(interaction: Interaction) -> bool:
    """They replied, or we met or spoke with them (response not recorded)."""
    return replied(interaction) or (interaction.response is None and interaction.channel in LIVE_CHANNELS)


def is_pitch(interaction: Interaction) -> bool:
    return interaction.purpose is Purpose.PITCH


_WEIGHT = {Stakeholder.ECONOMIC_BUYER: 3, Stakeholder.CHAMPION: 2, Stakeholder.DECISION_MAKER: 1}


def buying_weight(contact: Optional[Contact]) -> int:
    """How much a person weighs in buying decisions: economic buyer 3,
    champion 2, decision maker 1, anyone else 0 (who to name first)."""
    return _WEIGHT.get(contact.stakeholder, 0) if contact is not None and contact.stakeholder else 0


@dataclass(frozen=True)
class Promise:
    """A ``next_step`` with a ``due`` date that had passed by the as-of date."""

    made: Interaction
    due: date
    kept: bool
    """Whether any touch with the account followed it by the due date."""


class AccountFacts:
    """An account seen from the as-of date, with shared, cached answers."""

    def __init__(self, account: Account, context: Context) -> None:
        self.account = account
        self.context = context
        self.as_of = context.as_of

    @cached_property
    def history(self) -> list[Interaction]:
        """Every interaction up to the as-of date, oldest first."""
        if not self.account.interactions:
            return []
        return sorted((i for i in self.account.interactions if i.date <= self.as_of), key=lambda i: i.date)

    @cached_property
    def recent(self) -> list[Interaction]:
        """Interactions inside the lookback window, oldest first."""
        start = self.context.window_start
        return [i for i in self.history if i.date >= start]

    @property
    def first_record(self) -> Optional[date]:
        """The day of the first interaction on record (by the as-of date)."""
        return self.history[0].date if self.history else None

    @property
    def settle_days(self) -> int:
        return self.context.settle_days.get(self.account.tier.value, DEFAULT_SETTLE_DAYS["standard"])

    @property
    def is_new(self) -> bool:
        """Too new to judge patterns: no record yet, or the first record is
        more recent than the tier's ideal cadence."""
        first = self.first_record
        return first is None or self.days_since(first) < self.settle_days

    @cached_property
    def contacts(self) -> dict[str, Contact]:
        return {norm_name(c.name): c for c in self.account.contacts}

    def contact(self, name: str) -> Optional[Contact]:
        """The contact a name in the file means (any case or spacing)."""
        return self.contacts.get(norm_name(name))

    def spelled(self, name: str) -> str:
        """A name as the contacts list spells it."""
        found = self.contact(name)
        return found.name if found is not None else name

    def days_since(self, day: date) -> int:
        return (self.as_of - day).days

    @cached_property
    def won_deals(self) -> list[Deal]:
        """Won deals closed by the as-of date, most recent last."""
        won = [d for d in self.account.deals if d.status is DealStatus.WON and d.closed and d.closed <= self.as_of]
        return sorted(won, key=lambda d: d.closed or self.as_of)

    @cached_property
    def open_deals(self) -> list[Deal]:
        """Deals open on the as-of date (a deal closed later was still open then)."""
        return [
            d for d in self.account.deals
            if (d.opened is None or d.opened <= self.as_of)
            and (d.status is DealStatus.OPEN or (d.closed is not None and d.closed > self.as_of))
        ]

    @property
    def last_won(self) -> Optional[Deal]:
        return self.won_deals[-1] if self.won_deals else None

    @cached_property
    def current(self) -> list[Contact]:
        """Contacts who had not left by the as-of date, in file order."""
        return [c for c in self.account.contacts if c.left is None or c.left > self.as_of]

    def is_current(self, contact: Contact) -> bool:
        return contact.left is None or contact.left > self.as_of

    def engaged_contacts(self, since: Optional[date] = None) -> list[Contact]:
        """Contacts who took part in a touch since ``since`` (default: the window)."""
        if since is None:
            return self._engaged_in_window
        return self._engaged_since(since)

    @cached_property
    def _engaged_in_window(self) -> list[Contact]:
        return self._engaged_since(self.context.window_start)

    def _engaged_since(self, start: date) -> list[Contact]:
        seen: dict[str, Contact] = {}
        contacts = self.contacts
        for interaction in self.history:
            if interaction.date < start or not engaged(interaction):
                continue
            for key in map(norm_name, interaction.with_):
                contact = contacts.get(key)  # the contact whose name compares as key
                if contact is not None:
                    seen.setdefault(key, contact)
        return list(seen.values())

    def key_contact(self, among: Optional[list[Interaction]] = None) -> Optional[Contact]:
        """The person a problem is about when no one person is: the most
        senior current buyer (economic buyer, then champion, then decision
        maker), ties to the most touched in ``among`` (default: the window,
        else all history), else the most touched current contact."""
        if among is None:
            return self._usual_contact
        return self._most_senior(among)

    @cached_property
    def _usual_contact(self) -> Optional[Contact]:
        return self._most_senior(self.recent or self.history)

    def _most_senior(self, pool: list[Interaction]) -> Optional[Contact]:
        counts: dict[str, int] = {}
        for interaction in pool:
            for key in map(norm_name, interaction.with_):
                counts[key] = counts.get(key, 0) + 1
        current = self.current or list(self.account.contacts)
        if not current:
            return None
        return max(current, key=lambda c: (buying_weight(c),
                                           counts.get(norm_name(c.name), 0)))

    def interactions_with(self, contact: Contact, since: Optional[date] = None) -> list[Interaction]:
        """Touches that included ``contact`` (since ``since``, default: all history)."""
        key = norm_name(contact.name)
        return [
            i for i in self.history
            if (since is None or i.date >= since) and key in map(norm_name, i.with_)
        ]

    def promises(self, grace_days: int = 0) -> list[Promise]:
        """Every promise whose due date has passed, oldest first, and whether
        a touch with the account followed it by then, or within
        ``grace_days`` after (the same day counts when the touch is written
        after the promise).  History is sorted, so the touch written next is
        the earliest that could keep it: one pass, linear."""
        history = self.history
        found: list[Promise] = []
        for index, interaction in enumerate(history):
            due = interaction.due
            if due is None or due >= self.as_of:
                continue
            following = history[index + 1] if index + 1 < len(history) else None
            kept = following is not None and (following.date - due).days <= grace_days
            found.append(Promise(interaction, due, kept))
        return found


def topics(contact: Optional[Contact]) -> list[str]:
    """What the file knows this person cares about: goals, then issues."""
    if contact is None:
        return []
    return list(contact.goals) + [i for i in contact.issues if i not in contact.goals]


def who(contact: Optional[Contact], fallback: str = "your main contact") -> str:
    return contact.name if contact is not None else fallback


def their_goal(contact: Optional[Contact]) -> Optional[str]:
    """Something the contact cares about, for a suggestion: a goal, else an issue."""
    found = topics(contact)
    return found[0] if found else None
