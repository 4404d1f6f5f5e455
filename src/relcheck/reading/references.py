"""Checks across the fields of one account that no schema can express.

Each problem is a location inside the account (a path of keys and indexes,
as pydantic reports them) and a message; the loader turns the location into
``line:col``.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Union

from ..format.records import Account
from ..names import norm_name, suggest

Problem = tuple[tuple[Union[str, int], ...], str]


HINTED = 50
"""Unknown names that get a did-you-mean (the rest are still reported)."""


def has_reference_problems(account: Account, rules: Collection[str]) -> bool:
    """Whether :func:`reference_problems` would find anything: the fast
    path's check, with no messages and no did-you-mean to compute."""
    seen: set[str] = set()
    for contact in account.contacts:
        key = norm_name(contact.name)
        if key in seen:
            return True
        seen.add(key)
    if any(norm_name(who) not in seen for interaction in account.interactions for who in interaction.with_):
        return True
    if account.ignore:
        known = {norm_name(r).replace("_", "-") for r in rules}
        return any(norm_name(e.rule).replace("_", "-") not in known for e in account.ignore)
    return False


def reference_problems(account: Account, rules: Collection[str]) -> list[Problem]:
    """Contact names are unique, every ``with:`` names a contact, and every
    suppression names one of ``rules`` (codes and slugs, as written in the
    docs; matched like names, so ``rel004``, ``owner_churn`` count)."""
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
    hints: dict[str, str] = {}  # one did-you-mean per distinct unknown name, for the first few
    for index, interaction in enumerate(account.interactions):
        for slot, who in enumerate(interaction.with_):
            if norm_name(who) in seen:
                continue
            hint = hints.get(who)
            if hint is None:
                # A did-you-mean costs a comparison with every contact: only
                # the first HINTED names get one (no more are shown per file),
                # so a file of thousands of bad names stays linear.
                hint = suggest(who, names) or _contacts_hint(names) if len(hints) < HINTED else ""
                hints[who] = hint
            problems.append((
                ("interactions", index, "with", slot),
                f"interactions[{index}].with: '{who}' is not a contact of this account{hint}",
            ))
    if account.ignore:
        known = {norm_name(r).replace("_", "-") for r in rules}
        for index, entry in enumerate(account.ignore):
            if norm_name(entry.rule).replace("_", "-") not in known:
                problems.append((("ignore", index, "rule"),
                                 f"ignore[{index}].rule: unknown rule '{entry.rule}'"
                                 f"{suggest(entry.rule, rules)} (see 'relcheck rules')"))
    return problems


LIST_CONTACTS_UP_TO = 8
"""An error lists the account's contacts when it has this many or fewer."""


def _contacts_hint(names: list[str]) -> str:
    if not names:
        return " (the account lists no contacts)"
    if len(names) <= LIST_CONTACTS_UP_TO:
        return f" (contacts: {', '.join(names)})"
    return f" (none of its {len(names)} contacts has a name close to it)"
