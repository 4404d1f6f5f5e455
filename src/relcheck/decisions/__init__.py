"""Results -> decisions (SPEC 3a): whom to call and about what, and what the
data itself is missing.

``conversations`` merges every finding that points at one person into one
next conversation; ``notes`` names what is wrong with the data rather than
the relationship (no contacts, records after the as-of date, ...).
"""

from __future__ import annotations

from dataclasses import fields

from ..checking.facts import AccountFacts, Context
from ..checking.findings import AccountResult
from ..format.records import Account
from .conversations import next_conversations
from .notes import data_notes
from .overview import overview

_DECIDED = ("next_conversations", "notes", "overview")
_KEPT = tuple(f.name for f in fields(AccountResult) if f.name not in _DECIDED)
"""What the decisions keep of the engine's result (``dataclasses.replace``
looks the fields up again for every account: a tenth of a tiny account's cost)."""


def decide(result: AccountResult, account: Account, context: Context,
           interaction_lines: tuple[int, ...] = (), facts: AccountFacts | None = None) -> AccountResult:
    """``result`` with its next conversations and data-quality notes
    (``facts``: the account as the engine saw it, to answer nothing twice)."""
    facts = facts if facts is not None else AccountFacts(account, context)
    return AccountResult(
        **{name: getattr(result, name) for name in _KEPT},
        next_conversations=next_conversations(result.findings, facts),
        notes=data_notes(facts, result.path, interaction_lines),
        overview=overview(facts),
    )
