"""The trust equation (C+R+I)/S is low for a contact whose trust was recorded.

## What it checks
For every current contact with recorded `trust` scores (at least one term):
trust = (credibility + reliability + intimacy) / self_orientation, each term
1-10. Recorded scores are used where present; missing terms are estimated
from the records, and the finding says which were estimated and from what.
A contact with no recorded score is not judged: a trust estimated wholly
from the records would only restate what one-way-contact (REL001, the pitch
share), discovery-gap (REL006) and broken-promise (REL012) already report.
The estimates:

- credibility, from questions the contact brought to us (touches they
  started whose response is a question or tell-me-more) in the window:
  3 with none, +2 for each, at most 9;
- reliability, from promises kept (a `next_step` with a passed `due`,
  followed by a touch by then) across the account: 1 + 9 x share kept,
  5 when no promise is on record;
- intimacy, from discovery coverage (goals, issues, personal impact known):
  2 + 8 x share known;
- self-orientation, from our pitch share with this contact in the window and
  our average recorded talk ratio: 1 + 9 x their mean (pitch share alone
  when no talk ratio is recorded).

It fires when trust is below `min_trust` (default 2.0). Neutral scores
(5+5+5)/5 give 3.0; a contact we mostly pitch at, who never brings us a
question and about whom we know nothing, scores near 1.

## Why it matters
Trust = (Credibility + Reliability + Intimacy) / Self-orientation (Maister,
Green and Galford, *The Trusted Advisor*). Trust is necessary, not
sufficient, and it varies by person and topic: a deal sponsored by someone
who does not trust us is a deal someone else will win.

## Example that fires
A champion with `trust: {credibility: 3, reliability: 4, intimacy: 2,
self_orientation: 8}`: (3+4+2)/8 = 1.1.

## How to fix
Work on the term that drags: lower self-orientation by making the next
touches about their problems (no pitch); raise intimacy through discovery;
raise reliability by keeping every small promise, on time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from ...format.records import Contact, Direction, Response
from ..facts import AccountFacts, is_pitch
from ..rule import Gt, Hit, Rule, Severity, thresholds
from ..words import count

TERMS = ("credibility", "reliability", "intimacy", "self_orientation")


@thresholds
class LowTrustOptions:
    min_trust: Annotated[float, Gt(0)] = 2.0
    """Fire when (C+R+I)/S is below this."""


def estimate(facts: AccountFacts, contact: Contact) -> tuple[dict[str, float], dict[str, str]]:
    """Each trust term, recorded or estimated, and how each estimate was made."""
    recorded = contact.trust
    values: dict[str, float] = {}
    how: dict[str, str] = {}
    recent = facts.interactions_with(contact, since=facts.context.window_start)
    for term in TERMS:
        value = getattr(recorded, term) if recorded else None
        if value is not None:
            values[term] = float(value)
            continue
        if term == "credibility":
            asked = sum(1 for i in recent if i.direction is Direction.INBOUND
                        and i.response in (Response.QUESTION, Response.TELL_ME_MORE))
            values[term] = float(min(9, 3 + 2 * asked))
            how[term] = f"{count(asked, 'question')} they brought to us"
        elif term == "reliability":
            made = facts.promises()
            kept = sum(1 for p in made if p.kept)
            values[term] = 1 + 9 * kept / len(made) if made else 5.0
            how[term] = f"{kept} of {count(len(made), 'promise')} kept" if made else "no promises on record (neutral 5)"
        elif term == "intimacy":
            known = sum(1 for f in ("goals", "issues", "personal_impact") if getattr(contact, f))
            values[term] = 2 + 8 * known / 3
            how[term] = f"{known} of 3 discovery fields known"
        else:
            outbound = [i for i in recent if i.direction is Direction.OUTBOUND]
            pitch = sum(1 for i in outbound if is_pitch(i)) / len(outbound) if outbound else 0.0
            talks = [i.talk_ratio for i in recent if i.talk_ratio is not None]
            mix = (pitch + sum(talks) / len(talks)) / 2 if talks else pitch
            values[term] = 1 + 9 * mix
            how[term] = f"pitch share {pitch:.0%}" + (f", talk ratio {sum(talks) / len(talks):.0%}" if talks else "")
    return values, how


_FIX = {
    "credibility": "bring them an insight they can use and be precise about what we know",
    "reliability": "make a small promise and keep it, on time",
    "intimacy": "ask about their goals and what the issues mean for them personally",
}


def check(facts: AccountFacts, options: LowTrustOptions) -> Iterator[Hit]:
    for contact in facts.current:
        recorded = contact.trust
        if recorded is None or all(getattr(recorded, t) is None for t in TERMS):
            continue
        values, how = estimate(facts, contact)
        trust = (values["credibility"] + values["reliability"] + values["intimacy"]) / values["self_orientation"]
        if round(trust, 2) >= options.min_trust:
            continue
        terms = ", ".join(f"{t.replace('_', '-')} {values[t]:g}" for t in TERMS)
        estimated = "; ".join(f"{t.replace('_', '-')} estimated from {h}" for t, h in how.items())
        weakest = min(("credibility", "reliability", "intimacy"), key=lambda t: values[t])
        fix = _FIX[weakest]
        if values["self_orientation"] >= 6:
            fix = "make the next touches about their problems, with no pitch, and " + fix
        yield Hit(
            message=(f"Trust with {contact.name} scores {trust:.1f} on (C+R+I)/S ({terms})"
                     + (f"; {estimated}" if estimated else "") + "."),
            evidence={
                "contact": contact.name,
                "trust": round(trust, 2),
                "terms": {t: round(v, 2) for t, v in values.items()},
                "estimated": how,
                "min_trust": options.min_trust,
            },
            suggestion=f"With {contact.name}: {fix}.",
            subject=contact.name,
            contact=contact.name,
            agenda=(fix,),
            excess=(options.min_trust - trust) / options.min_trust,
        )


RULE = Rule(
    code="REL011",
    slug="low-trust",
    severity=Severity.WARNING,
    summary="The trust equation (C+R+I)/S is low for a contact whose trust was recorded (gaps estimated).",
    options=LowTrustOptions,
    check=check,
    factor="trust",
    doc=__doc__ or "",
    needs_history=False,
)
