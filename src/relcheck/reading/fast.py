"""Well-formed account data -> :mod:`relcheck.records`, quickly, without pydantic.

The fast path accepts only what it is sure of and refuses everything else by
raising :class:`Refused`; the loader then runs the pydantic models
(:mod:`relcheck.model`), which either accept the account (their reading
wins) or say exactly what is wrong and where.  So the fast path may be
stricter than the models, never looser: a date written ``2026-1-5``, a number
written ``1e5`` or an unusual enum spelling simply takes the slower path.

It reads plain data as :mod:`.events` builds it: mappings with text keys,
lists, text scalars and ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from math import isfinite
from typing import Any

from ..format.records import (
    Account,
    Channel,
    Contact,
    Deal,
    DealStatus,
    Direction,
    Interaction,
    OwnerSpell,
    Purpose,
    Response,
    Stakeholder,
    Suppression,
    Tier,
    Trust,
    day_of,
    one_or_many,
    ratio_of,
)


class Refused(Exception):
    """The fast path does not vouch for this input; use the error path."""


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _is_decimal(text: str) -> bool:
    """``12``, ``-3``, ``0.55``, ``.5``: plain decimals only (no ``1e5``, ``inf``, ``1_000``)."""
    body = text[1:] if text[:1] == "-" else text
    whole, _, fraction = body.partition(".")
    return bool(whole or fraction) and (not whole or _digits(whole)) and (not fraction or _digits(fraction))


_DAYS: dict[str, date] = {}  # the same few hundred days recur across a file


def _day(value: Any) -> date:
    known = _DAYS.get(value) if type(value) is str else None
    if known is not None:
        return known
    if type(value) is str:
        if len(value) == 10 and value[4] == "-" and value[7] == "-" and _digits(value[:4] + value[5:7] + value[8:]):
            try:
                day = _DAYS[value] = date.fromisoformat(value)
            except ValueError:
                raise Refused from None
            if len(_DAYS) > 100_000:
                _DAYS.clear()
            return day
        value = day_of(value)
        if type(value) is date:
            return value
    raise Refused


def _text(value: Any) -> str:
    if type(value) is str:
        return value.strip()
    raise Refused


def _name(value: Any) -> str:
    text = _text(value)
    if not text:
        raise Refused
    return text


def _number(value: Any, low: float, high: float) -> float:
    kind = type(value)
    if kind is str and len(value) <= 15 and _is_decimal(value):
        number = float(value)
    else:
        raise Refused
    if low <= number <= high and isfinite(number):
        return number
    raise Refused


def _count(value: Any) -> int:
    if type(value) is str and _digits(value) and len(value) <= 15:
        return int(value)
    raise Refused


def _ratio(value: Any) -> float:
    """``0.55`` or ``55%``: a percentage is a decimal followed by ``%``."""
    if type(value) is str and value.endswith("%") and _is_decimal(value[:-1].strip()):
        return _number(str(ratio_of(value)), 0, 1)
    return _number(value, 0, 1)


def _texts(value: Any) -> tuple[str, ...]:
    value = one_or_many(value)
    if type(value) is not list:
        raise Refused
    return tuple(_text(item) for item in value)


def _choice(kind: Any) -> Callable[[Any], Any]:
    # Spellings seen so far ("yes", "Yes", "NO"...), to skip Enum's slow call.
    spellings = dict(kind._value2member_map_)

    def read(value: Any) -> Any:
        if type(value) is not str:
            raise Refused
        member = spellings.get(value)
        if member is not None:
            return member
        try:
            member = kind(value)
        except ValueError:
            raise Refused from None
        if len(spellings) < 1000:
            spellings[value] = member
        return member
    return read


def _list_of(convert: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
    def read(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise Refused
        return tuple(convert(item) for item in value)
    return read


KEYS: dict[type, tuple[frozenset[str], frozenset[str]]] = {}
"""For each record type, the keys the fast path reads and those it requires
(``tests/test_format_spellings.py`` holds them to the models and records)."""


def _record(cls: type, readers: dict[str, Callable[[Any], Any]], required: tuple[str, ...]) -> Callable[[Any], Any]:
    """A converter for one record type: known keys only, required keys present,
    ``null`` meaning "not recorded" (the field keeps its default)."""
    KEYS[cls] = (frozenset(readers), frozenset(required))

    def read(data: Any) -> Any:
        if type(data) is not dict:
            raise Refused
        values: dict[str, Any] = {}
        for key, value in data.items():
            reader = readers.get(key)
            if reader is None:
                raise Refused
            if value is not None:
                values[key] = reader(value)
        for key in required:
            if key not in values:
                raise Refused
        return cls(**values)
    return read


_owner_spell = _record(OwnerSpell, {"name": _name, "since": _day}, ("name", "since"))

_score = lambda value: _number(value, 1, 10)  # noqa: E731 - a trust term, 1-10
_trust = _record(Trust, {t: _score for t in ("credibility", "reliability", "intimacy", "self_orientation")}, ())

_contact = _record(Contact, {
    "name": _name, "role": _text, "stakeholder": _choice(Stakeholder), "email": _text,
    "goals": _texts, "issues": _texts, "personal_impact": _text, "trust": _trust, "left": _day, "ref": _text,
}, ("name",))

_deal_fields = _record(Deal, {
    "name": _name, "status": _choice(DealStatus), "opened": _day, "closed": _day,
    "amount": lambda value: _number(value, 0, float("inf")), "ref": _text,
}, ("name",))


def _deal(data: Any) -> Deal:
    deal = _deal_fields(data)
    if deal.status is not DealStatus.OPEN and deal.closed is None:
        raise Refused
    if deal.opened and deal.closed and deal.closed < deal.opened:
        raise Refused
    return deal


def _with(value: Any) -> tuple[str, ...]:
    if type(value) is str:
        name = value.strip()
        if name:
            return (name,)
        raise Refused
    names = _texts(value)
    if not names or not all(names):
        raise Refused
    return names


_INTERACTION_KEYS = frozenset({
    "date", "with", "direction", "channel", "purpose", "response", "questions", "talk_ratio",
    "next_step", "due", "notes", "ref",
})
_direction, _channel, _purpose, _response = (_choice(k) for k in (Direction, Channel, Purpose, Response))
KEYS[Interaction] = (_INTERACTION_KEYS, frozenset({"date", "with", "direction"}))


def _interaction(data: Any) -> Interaction:
    """Written out field by field: a large export has hundreds of thousands
    of interactions, and this is the hottest code in a run."""
    if type(data) is not dict or not data.keys() <= _INTERACTION_KEYS:
        raise Refused
    get = data.get
    when, who, direction = get("date"), get("with"), get("direction")
    if when is None or who is None or direction is None:
        raise Refused
    channel, purpose, response = get("channel"), get("purpose"), get("response")
    questions, talk_ratio, due = get("questions"), get("talk_ratio"), get("due")
    next_step, notes, ref = get("next_step"), get("notes"), get("ref")
    return Interaction(
        _day(when),
        _with(who),
        _direction(direction),
        None if channel is None else _channel(channel),
        Purpose.OTHER if purpose is None else _purpose(purpose),
        None if response is None else _response(response),
        None if questions is None else _count(questions),
        None if talk_ratio is None else _ratio(talk_ratio),
        None if next_step is None else _text(next_step),
        None if due is None else _day(due),
        None if notes is None else _text(notes),
        None if ref is None else _text(ref),
    )


_suppression = _record(Suppression, {"rule": _name, "reason": _name, "until": _day}, ("rule", "reason"))

_account_fields = _record(Account, {
    "name": _name, "id": _text, "owner": _text, "tier": _choice(Tier),
    "owner_history": _list_of(_owner_spell), "contacts": _list_of(_contact), "deals": _list_of(_deal),
    "interactions": _list_of(_interaction), "ignore": _list_of(_suppression),
}, ("name",))


def fast_account(data: Any) -> Account:
    """The account in ``data``, or :class:`Refused`."""
    account = _account_fields(data)
    if account.id == "":
        raise Refused  # the models turn an empty id into "derive it"; let them
    return account
