"""We talk more than we listen, or ask too few questions on discovery calls.

## What it checks
Only interactions in the lookback window that record a `talk_ratio` (the
share of the conversation we talked) or a `questions` count; no data is not a
finding. It fires when the average recorded talk ratio is above
`max_talk_ratio` (default 65%), or when discovery touches (`purpose:
discovery`) that record questions average fewer than
`min_discovery_questions` (default 8). Both measures make one finding, with
both in its evidence. Averages are compared at the precision they are
shown (a whole percent, a tenth of a question), so 65% is not over 65%.

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
from ..rule import Ge, Hit, Le, Rule, Severity, thresholds
from ..words import count, percent, quoted


@thresholds
class TalkingOptions:
    max_talk_ratio: Annotated[float, Ge(0), Le(1)] = 0.65
    """Fire when our average recorded talk share is above this."""
    min_discovery_questions: Annotated[float, Ge(0)] = 8
    """Fire when discovery touches average fewer questions than this."""


def check(facts: AccountFacts, options: TalkingOptions) -> Iterator[Hit]:
    talks = [i for i in facts.recent if i.talk_ratio is not None]
    ratios = [i.talk_ratio for i in talks if i.talk_ratio is not None]
    asked = [i for i in facts.recent if i.purpose is Purpose.DISCOVERY and i.questions is not None]
    counts = [i.questions for i in asked if i.questions is not None]
    talk = round(sum(ratios) / len(ratios), 2) if ratios else None
    questions = round(sum(counts) / len(counts), 1) if counts else None
    talking = talk is not None and talk > round(options.max_talk_ratio, 2)
    few = questions is not None and questions < options.min_discovery_questions
    if not talking and not few:
        return
    parts = []
    if talking and talk is not None:
        recorded = count(len(ratios), "recorded conversation")
        parts.append(f"we talked {percent(talk)} of the time on average in {recorded}")
    if few and questions is not None:
        parts.append(f"asked {questions:g} questions on average on {count(len(counts), 'discovery call')}")
    message = " and ".join(parts)
    contact = facts.key_contact(talks + asked)
    goal = their_goal(contact)
    about = f"about {quoted(goal)}" if goal else "about their goals and issues"
    yield Hit(
        message=message[0].upper() + message[1:] + ".",
        evidence={
            "recorded_talk": len(ratios),
            "average_talk_ratio": talk,
            "highest_talk_ratio": round(max(ratios), 3) if ratios else None,
            "max_talk_ratio": options.max_talk_ratio,
            "recorded_discovery": len(counts),
            "average_questions": questions,
            "fewest_questions": min(counts) if counts else None,
            "min_discovery_questions": options.min_discovery_questions,
        },
        suggestion=(f"Go into the next conversation with {who(contact)} with ten open questions {about}, "
                    "and aim to talk less than half the time."),
        contact=contact.name if contact else None,
        agenda=(f"listen: open questions {about}, and talk less than half the time",),
        excess=max(
            (talk - options.max_talk_ratio) / max(1 - options.max_talk_ratio, 0.01) if talking and talk else 0.0,
            (options.min_discovery_questions - questions) / options.min_discovery_questions
            if few and questions is not None and options.min_discovery_questions else 0.0,
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
    doc=__doc__ or "",
)
