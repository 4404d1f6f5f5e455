"""What a rule is: a code, a slug, a default severity, typed thresholds, a
rationale and a check.  Rule modules live in :mod:`relcheck.rules`, one each.

A rule's ``check`` gets an :class:`~relcheck.facts.AccountFacts` (the account
as of the audit date) and its validated options, and returns :class:`Hit`
objects.  The engine stamps the code, slug and configured severity; rules
never read the clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import TYPE_CHECKING, Any, Optional, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform

    from .facts import AccountFacts
else:
    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
        return lambda function: function

_T = TypeVar("_T")


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.CRITICAL: 3}


@dataclass_transform(eq_default=False)
def thresholds(cls: type[_T]) -> type[_T]:
    """Make ``cls`` a rule's thresholds: a dataclass whose fields carry
    their type, constraints (``Annotated[int, Ge(1)]``), default and a
    docstring.  The defaults need no validation; values from a config file are
    validated by pydantic (see :func:`relcheck.engine.rule_options`), which
    refuses unknown keys."""
    # Read by pydantic only: unknown keys are errors, and so are inf and nan
    # (a threshold of inf would write Infinity, which is not JSON).
    cls.__pydantic_config__ = {"extra": "forbid", "allow_inf_nan": False}  # type: ignore[attr-defined]
    # No generated __eq__/__repr__: each generated method costs start-up time.
    return dataclass(eq=False, repr=False)(cls)


class _Bound:
    """A constraint on a threshold (``Annotated[int, Ge(1)]``), read by pydantic
    when it validates values from a config file.  It stands in for
    annotated-types' class of the same name, which is imported only then:
    importing it on every run costs several milliseconds of start-up."""

    kind = ""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"{self.kind}({self.value!r})"

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from typing import Annotated

        import annotated_types

        return handler(Annotated[source, getattr(annotated_types, self.kind)(self.value)])


class Ge(_Bound):
    kind = "Ge"


class Gt(_Bound):
    kind = "Gt"


class Le(_Bound):
    kind = "Le"


class MinLen(_Bound):
    kind = "MinLen"


def option_names(options: type) -> list[str]:
    return [f.name for f in fields(options)]


@dataclass(frozen=True)
class Hit:
    """One problem a rule found, for one subject: what was measured (the
    message, in words; thresholds stay in ``evidence``), the evidence, and
    the next conversation.

    ``subject`` names what the problem is about within the account (a deal,
    a contact; ``None``: the account as a whole): the same problem keeps the
    same subject on every run, so its fingerprint is stable.  ``contact`` is
    whom to talk to (as the contacts list spells the name; ``None`` when
    there is nobody yet), ``agenda`` what to talk about, in short items the
    next conversation merges with other findings'.  ``fact`` names what was
    observed when another rule may observe it too: findings with the same
    fact are one problem, reported once (see :mod:`.engine`).
    ``severity`` overrides the rule's default for this hit; a severity set
    in the user's config beats both."""

    message: str
    suggestion: str
    evidence: dict[str, Any] = field(default_factory=dict)
    severity: Optional[Severity] = None
    subject: Optional[str] = None
    contact: Optional[str] = None
    agenda: tuple[str, ...] = ()
    fact: Optional[str] = None
    excess: Optional[float] = None
    """How far past its threshold the measure is, as a share of the
    threshold (0 just past it, 1 at twice it); the score weighs a finding
    from 75% of its severity's weight at the crossing to all of it at 1.
    None: all of it."""


Check = Callable[["AccountFacts", Any], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    severity: Severity
    summary: str
    options: type
    check: Check
    factor: str
    doc: str
    needs_history: bool = True
    """Fires only on an account with an interaction on or before the as-of
    date; the engine does not ask it about any other (a tested promise)."""

    def sections(self) -> dict[str, str]:
        """The module docstring split under its ``## Heading`` lines."""
        return split_sections(self.doc)


def split_sections(doc: str) -> dict[str, str]:
    sections: dict[str, str] = {}
    current = "summary"
    lines: list[str] = []
    for line in doc.strip("\n").splitlines():
        match = re.match(r"^##\s+(.*)$", line)
        if match:
            sections[current] = "\n".join(lines).strip()
            current, lines = match.group(1).strip(), []
        else:
            lines.append(line)
    sections[current] = "\n".join(lines).strip()
    return sections
