"""Engaged contacts whose goals, business issues or personal impact are unknown.

## What it checks
For every current contact engaged in the lookback window, whether the account
file records their `goals`, their business `issues` and the
`personal_impact` of those issues on them. It fires once for each engaged
contact who lacks any of the fields named in `required`, so the gap lands
in that person's next conversation.

## Why it matters
Conversations are two-way, and good ones are built on knowing what the other
person is trying to achieve, what stands in their way, and what it means for
them personally. A rep who cannot write those three things down for the
people they talk to is selling to a job title, not to a person, and cannot
tell whether what we offer matters to them.

## Example that fires
Pat Kim appears in six touches this quarter, but the file has no `goals`,
`issues` or `personal_impact` for Pat.

## How to fix
Make the next conversation with that person a discovery conversation: ask what
they are measured on this year, what gets in the way, and what it would mean
for them if it were solved. Write the answers into the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from ...format.records import Contact
from ..facts import AccountFacts
from ..rule import Hit, MinLen, Rule, Severity, thresholds
from ..words import listing

Known = Literal["goals", "issues", "personal_impact"]
_QUESTION = {
    "goals": "what they are trying to achieve this year",
    "issues": "what gets in the way",
    "personal_impact": "what solving it would mean for them personally",
}
_FIELD = {"goals": "goals", "issues": "business issues", "personal_impact": "personal stake"}


@thresholds
class DiscoveryGapOptions:
    required: Annotated[tuple[Known, ...], MinLen(1)] = ("goals", "issues", "personal_impact")
    """What we should know about every engaged contact."""


def missing(contact: Contact, required: tuple[str, ...]) -> list[str]:
    return [name for name in required if not getattr(contact, name)]


def check(facts: AccountFacts, options: DiscoveryGapOptions) -> Iterator[Hit]:
    for contact in facts.engaged_contacts():
        if not facts.is_current(contact):
            continue
        gaps = missing(contact, options.required)
        if not gaps:
            continue
        questions = listing(_QUESTION[f] for f in gaps)
        yield Hit(
            message=f"We do not know {contact.name}'s {listing(_FIELD[f] for f in gaps)}.",
            evidence={"contact": contact.name, "missing": gaps, "required": list(options.required)},
            suggestion=(f"Make the next conversation with {contact.name} a discovery one: ask {questions}. "
                        "Write the answers into the file."),
            subject=contact.name,
            contact=contact.name,
            agenda=(f"learn {questions}",),
        )


RULE = Rule(
    code="REL006",
    slug="discovery-gap",
    severity=Severity.INFO,
    summary="Engaged contacts whose goals, business issues or personal impact are unknown.",
    options=DiscoveryGapOptions,
    check=check,
    factor="discovery",
    doc=__doc__ or "",
)
