"""Words a person would write: plurals, dates, lists and quotes for messages.

Every message and suggestion is built with these, so no rule prints
``1 touch(es)``, ``1 <= 1`` or an ISO date in the middle of a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Optional

CHECK_IN = "a check-in that asks for nothing"
"""The agenda item several rules ask for; a conversation lists it once, and
not at all beside a check-in on something specific (what they bought)."""

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")

_PLURALS = {"touch": "touches", "reply": "replies", "company": "companies", "person": "people",
            "was": "were", "is": "are", "has": "have"}


def plural(word: str, count: int) -> str:
    """``touch`` for 1, ``touches`` otherwise."""
    if count == 1:
        return word
    return _PLURALS.get(word, word + "s")


def count(number: int, word: str) -> str:
    """``1 touch``, ``3 touches``, ``no touches``."""
    if number == 0:
        return f"no {plural(word, 0)}"
    return f"{number} {plural(word, number)}"


def day(when: date, today: Optional[date] = None) -> str:
    """``15 July`` in the as-of year, ``15 July 2025`` otherwise."""
    text = f"{when.day} {_MONTHS[when.month - 1]}"
    return text if today is not None and when.year == today.year else f"{text} {when.year}"


def short_day(when: date, today: Optional[date] = None) -> str:
    """``12 Nov`` in the as-of year, ``12 Nov 2025`` otherwise (for tables)."""
    text = f"{when.day} {_MONTHS[when.month - 1][:3]}"
    return text if today is not None and when.year == today.year else f"{text} {when.year}"


def span(days: int) -> str:
    """``1 day``, ``12 days``, ``about 5 months``."""
    if days < 60:
        return count(days, "day")
    months = round(days / 30.4)
    return f"about {months} months" if months < 24 else f"about {round(days / 365)} years"


def period(days: int) -> str:
    """A configured window in words: ``180 days`` -> ``6 months``,
    ``730`` -> ``2 years``, ``21`` -> ``3 weeks``, else ``N days``."""
    if days % 365 == 0:
        return count(days // 365, "year")
    if days % 30 == 0 and days < 365:
        return count(days // 30, "month")
    if days % 7 == 0 and days < 70:
        return count(days // 7, "week")
    return count(days, "day")


def listing(items: Iterable[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    words = [w for w in items if w]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def quoted(text: str) -> str:
    """A name or phrase from the file, in quotes."""
    return f"'{text}'"


def percent(share: float) -> str:
    """0.213 -> ``21%``."""
    return f"{share * 100:.0f}%"
