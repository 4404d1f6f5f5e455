"""Checks across the fields of one account that no schema can express.

Each problem is a location inside the account (a path of keys and indexes,
as pydantic reports them) and a message; the loader turns the location into
``line:col``.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Iterable

from .records import Account

Problem = tuple[tuple, str]


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ``; did you mean 'x'?`` suffix, or nothing when no choice is close."""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        starts = [c for c in choices if c.lower().startswith(word.lower() + " ")]
        close = starts[:1] if len(starts) == 1 else []
    if not close:
        lowered = {c.lower(): c for c in choices}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f"; did you mean '{close[0]}'?" if close else ""


@lru_cache(maxsize=8192)
def norm_name(name: str) -> str:
    """Names match regardless of case and spacing (cached: rules ask often)."""
    return " ".join(name.split()).casefold()


def reference_problems(account: Account) -> list[Problem]:
    """Contact names are unique, every ``with:`` names a contact, and every
    suppression names a rule."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, contact in enumerate(account.contacts):
        key = norm_name(contact.name)
        if key in seen:
            problems.append((
                ("contacts", index, "name"),
                f"contacts[{index}].name: duplicate contact '{contact.name}' "
                f"(also contacts[{seen[key]}]); contact names must be unique within an account",
            ))
        else:
            seen[key] = index
    names = [c.name for c in account.contacts]
    for index, interaction in enumerate(account.interactions):
        for slot, who in enumerate(interaction.with_):
            if norm_name(who) in seen:
                continue
            hint = suggest(who, names) or (
                f" (contacts: {', '.join(names)})" if names else " (the account lists no contacts)"
            )
            problems.append((
                ("interactions", index, "with", slot),
                f"interactions[{index}].with: '{who}' is not a contact of this account{hint}",
            ))
    if account.ignore:
        from .settings import SelectionError, resolve_rule

        for index, entry in enumerate(account.ignore):
            try:
                resolve_rule(entry.rule)
            except SelectionError as err:
                problems.append((("ignore", index, "rule"), f"ignore[{index}].rule: {err}"))
    return problems
