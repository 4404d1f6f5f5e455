"""What is wrong with the data rather than the relationship (SPEC 3a:
nothing vanishes silently).  Notes never change the score; every format
shows them."""

from __future__ import annotations

from ..checking.facts import AccountFacts
from ..checking.findings import Note
from ..checking.words import count, day


def data_notes(facts: AccountFacts, path: str, interaction_lines: tuple[int, ...]) -> tuple[Note, ...]:
    notes: list[Note] = []
    account = facts.account
    if not account.contacts:
        notes.append(Note("no-contacts", "The account lists no contacts: nobody to talk to yet.", path))
    if not account.interactions:
        notes.append(Note("no-interactions", "No interactions are recorded, so no rule could judge the account.",
                          path))
    elif not facts.history:
        notes.append(Note("no-interactions", f"No interaction is dated on or before {facts.as_of}, so no rule "
                                             "could judge the account.", path))
    later = [(i, interaction.date) for i, interaction in enumerate(account.interactions)
             if interaction.date > facts.as_of]
    if later:
        index, when = later[0]
        line = interaction_lines[index] if index < len(interaction_lines) and interaction_lines[index] else None
        notes.append(Note(
            "future-dated",
            f"{count(len(later), 'interaction')} dated after {facts.as_of} "
            f"{'was' if len(later) == 1 else 'were'} not counted (the first on {day(when)}); "
            "check the year if that is a typo.",
            path, line,
        ))
    return tuple(notes)
