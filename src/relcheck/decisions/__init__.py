"""Results -> decisions (SPEC 3a): whom to call and about what, and what the
data itself is missing.

``conversations`` merges every finding that points at one person into one
next conversation; ``notes`` names what is wrong with the data rather than
the relationship (no contacts, records after the as-of date, ...).
"""

from __future__ import annotations

from ..checking.facts import AccountFacts, Context
from ..checking.findings import AccountResult
from ..format.records import Account
from .conversations import next_conversations
from .notes import data_notes
from .overview import overview


def decide(result: AccountResult, account: Account, context: Context,
           interaction_lines: tuple[int, ...] = (), facts: AccountFacts | None = None) -> AccountResult:
    """``result``, the engine's fresh result for ``account``, completed with
    its next conversations, data-quality notes and overview (``facts``: the
    account as the engine saw it, to answer nothing twice).  Filled in
    place: a copy of every field costs a tenth of a tiny account's audit."""
    facts = facts if facts is not None else AccountFacts(account, context)
    result.next_conversations = next_conversations(result.findings, facts)
    result.notes = data_notes(facts, result.path, interaction_lines)
    result.overview = overview(facts)
    return result
