"""We talk more than we listen, or ask too few questions on discovery calls.

## What it checks
Only interactions in the lookback window that record a `talk_ratio` (the
share of the conversation we talked) or a `questions` count; no data is not a
finding. It fires when the average recorded talk ratio is above
`max_talk_ratio` (default 65%), or when discovery touches (`purpose:
discovery`) that record questions average fewer than
`min_discovery_questions` (default 8).

## Why it matters
Listening beats talking. Published analyses of recorded sales calls (Gong
Labs, 2017, over 500,000 calls) found the best-converting calls had us
talking about 43% of the time, with conversion falling off once the seller
talks more than about 65%; the same research found successful discovery
calls carry about 11 to 14 questions. The defaults flag only clear cases:
above 65% talk, or discovery calls well below the 11-14 range.

## Example that fires
Three recorded calls with talk ratios of 0.72, 0.80 and 70%; or a discovery
meeting with `questions: 3`.

## How to fix
Prepare questions, not slides: before the next call with this contact, write
down five open questions about their goals and issues, ask them, and let the
silences run. Aim for under half the talk time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from ...format.records import Purpose
from ..facts import AccountFacts, their_goal, who
from ..rule import Ge, Hit, Le, Rule, Severity, percent, thresholds


@thresholds
class TalkingOptions:
    max_talk_ratio: Annotated[float, Ge(0), Le(1)] = 0.65
    """Fire when our average recorded talk share is above this."""
    min_discovery_questions: Annotated[float, Ge(0)] = 8
    """Fire when discovery touches average fewer questions than this."""


def check(facts: AccountFacts, options: TalkingOptions) -> Iterator[Hit]:
    talks = [i for i in facts.recent if i.talk_ratio is not None]
    if talks:
        ratios = [i.talk_ratio for i in talks if i.talk_ratio is not None]
        average = sum(ratios) / len(ratios)
        if average > options.max_talk_ratio:
            contact = facts.key_contact(talks)
            goal = their_goal(contact)
            yield Hit(
                message=(
                    f"we talked {percent(average)} of the time on average over {len(talks)} recorded "
                    f"conversation(s) ({percent(average)} > {percent(options.max_talk_ratio)})"
                ),
                evidence={
                    "recorded": len(talks),
                    "average_talk_ratio": round(average, 3),
                    "highest": round(max(ratios), 3),
                    "threshold": options.max_talk_ratio,
                },
                suggestion=(
                    f"Go into the next call with {who(contact)} with five open questions"
                    + (f' about "{goal}"' if goal else " about their goals and issues")
                    + " and aim to talk less than half the time."
                ),
            )
    asked = [i for i in facts.recent if i.purpose is Purpose.DISCOVERY and i.questions is not None]
    if asked:
        counts = [i.questions for i in asked if i.questions is not None]
        average = sum(counts) / len(counts)
        if average < options.min_discovery_questions:
            contact = facts.key_contact(asked)
            yield Hit(
                message=(
                    f"discovery touches averaged {average:.1f} questions over {len(asked)} recorded "
                    f"({average:.1f} < {options.min_discovery_questions:g}; strong discovery calls carry 11-14)"
                ),
                evidence={
                    "recorded": len(asked),
                    "average_questions": round(average, 1),
                    "fewest": min(counts),
                    "threshold": options.min_discovery_questions,
                },
                suggestion=(
                    f"Before the next discovery conversation with {who(contact)}, write down ten open "
                    "questions about what they want, what is in the way and what it means for them."
                ),
            )


RULE = Rule(
    code="REL007",
    slug="talking-not-listening",
    severity=Severity.WARNING,
    summary="Recorded talk ratio above the listening line, or too few questions on discovery calls.",
    options=TalkingOptions,
    check=check,
    factor="listening",
    doc=__doc__,
)
