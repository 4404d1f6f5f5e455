"""Engaged contacts whose goals, business issues or personal impact are unknown.

## What it checks
For every current contact engaged in the lookback window, whether the account
file records their `goals`, their business `issues` and the
`personal_impact` of those issues on them. It fires when at least one engaged
contact lacks any of the fields named in `required`.

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

Known = Literal["goals", "issues", "personal_impact"]
_QUESTION = {
    "goals": "what they are trying to achieve this year",
    "issues": "what gets in the way",
    "personal_impact": "what solving it would mean for them personally",
}


@thresholds
class DiscoveryGapOptions:
    required: Annotated[tuple[Known, ...], MinLen(1)] = ("goals", "issues", "personal_impact")
    """What we should know about every engaged contact."""


def missing(contact: Contact, required: tuple[str, ...]) -> list[str]:
    return [name for name in required if not getattr(contact, name)]


def check(facts: AccountFacts, options: DiscoveryGapOptions) -> Iterator[Hit]:
    current = {c.name for c in facts.current_contacts()}
    gaps = {
        c.name: missing(c, options.required)
        for c in facts.engaged_contacts() if c.name in current and missing(c, options.required)
    }
    if not gaps:
        return
    first, fields = next(iter(gaps.items()))
    described = "; ".join(f"{name}: no {', '.join(f.replace('_', ' ') for f in fs)}" for name, fs in gaps.items())
    yield Hit(
        message=f"{len(gaps)} engaged contact(s) with discovery gaps ({described})",
        evidence={"gaps": gaps, "required": list(options.required)},
        suggestion=(
            f"Make the next conversation with {first} a discovery one: ask "
            + ", ".join(_QUESTION[f] for f in fields)
            + ". Write the answers down."
        ),
    )


RULE = Rule(
    code="REL006",
    slug="discovery-gap",
    severity=Severity.INFO,
    summary="Engaged contacts whose goals, business issues or personal impact are unknown.",
    options=DiscoveryGapOptions,
    check=check,
    factor="discovery",
    doc=__doc__,
)
