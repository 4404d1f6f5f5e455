"""The result of an audit, and the JSON contract (SPEC section 5, schema_version 1).

Reporters only format what is here: totals, scores and statuses are computed
on these objects, never in a reporter.  Adding a key is fine; removing or
renaming one bumps ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, Optional, TypeVar

from . import __version__
from .checking.findings import AccountResult, Brief
from .checking.rule import Severity
from .errors import InputError
from .reading.accounts import Rejected

if TYPE_CHECKING:  # the review stage is imported when a report is summed up, not at start-up
    from .review.baseline import PastFinding
    from .review.owners import OwnerRollup

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class EncodedAccount:
    """An audited account already written as its part of the JSON report
    (its line) or of the JSONL report (its finding lines and note lines),
    by the process that audited it, with the brief the run needs to count,
    sort and compare.  A few strings cross between processes instead of
    thousands of small objects."""

    brief: Brief
    encoded: str
    notes: str = ""

    def __reduce__(self) -> tuple[Any, ...]:
        return (EncodedAccount, (self.brief, self.encoded, self.notes))

    @property
    def name(self) -> str:
        return self.brief.name

    def to_json(self) -> dict[str, Any]:
        import json

        data: dict[str, Any] = json.loads(self.encoded)
        return data


class Spool:
    """Encoded accounts parked on disk as they finish, so a run's memory
    holds only what sorting needs: the report is written from here at the
    end, in the order asked for, and the briefs are read back one at a time
    for the totals.  An unnamed temporary file (removed by the system when
    relcheck exits, however it exits)."""

    _HEADER = struct.Struct("<III")

    def __init__(self) -> None:
        import tempfile

        self._file = tempfile.TemporaryFile()
        self._end = 0
        self._owners: dict[Optional[str], Optional[str]] = {}  # one string per owner, not per account

    def add(self, account: EncodedAccount) -> SpooledAccount:
        import pickle

        data = account.encoded.encode("utf-8")
        notes = account.notes.encode("utf-8")
        brief = pickle.dumps(account.brief, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.write(self._HEADER.pack(len(data), len(notes), len(brief)) + data + notes + brief)
        b = account.brief
        owner = self._owners.setdefault(b.owner, b.owner)
        spooled = SpooledAccount(b.name, owner, b.score, b.open_pipeline, self, self._end)
        self._end += self._HEADER.size + len(data) + len(notes) + len(brief)
        return spooled

    def parts(self, offset: int) -> tuple[bytes, bytes, bytes]:
        """The encoded text, the notes and the pickled brief at ``offset``."""
        self._file.flush()
        fd = self._file.fileno()
        sizes = self._HEADER.unpack(os.pread(fd, self._HEADER.size, offset))
        body = os.pread(fd, sum(sizes), offset + self._HEADER.size)
        a, b = sizes[0], sizes[0] + sizes[1]
        return body[:a], body[a:b], body[b:]


@dataclass(frozen=True, slots=True)
class SpooledAccount:
    """An encoded account in a :class:`Spool`: what sorting needs in
    memory; its text and brief on disk."""

    name: str
    owner: Optional[str]
    score: int
    open_pipeline: float
    spool: Spool
    offset: int

    @property
    def encoded(self) -> str:
        return self.spool.parts(self.offset)[0].decode("utf-8")

    @property
    def notes(self) -> str:
        return self.spool.parts(self.offset)[1].decode("utf-8")

    @property
    def brief(self) -> Brief:
        import pickle

        brief: Brief = pickle.loads(self.spool.parts(self.offset)[2])
        return brief

    def to_json(self) -> dict[str, Any]:
        import json

        data: dict[str, Any] = json.loads(self.encoded)
        return data


Held = TypeVar("Held", AccountResult, EncodedAccount, SpooledAccount)
"""What a report holds for each account: the whole result (every format can
render it), or, in a ``--format json`` or ``jsonl`` run, the account's text
already encoded by the process that audited it, parked on disk (only the
JSON and JSONL reporters take those kinds of report: the type says so)."""


@dataclass
class Report(Generic[Held]):
    as_of: date
    accounts: list[Held] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    not_audited: list[Rejected] = field(default_factory=list)
    """Accounts left out because of input errors (named in every format)."""
    baseline: Optional[str] = None
    """The baseline report compared with (``--baseline``), if any."""
    resolved: list[PastFinding] = field(default_factory=list)
    by_owner: bool = False
    configs: list[str] = field(default_factory=list)
    """The config files that applied (the nearest above each input, or --config)."""

    @property
    def briefs(self) -> Iterator[Brief]:
        """Each account's brief, one at a time (a spooled report reads them from disk)."""
        return (a.brief for a in self.accounts)

    def owners(self) -> list[OwnerRollup]:
        from .review.owners import rollup

        return rollup(self.briefs)

    def changes(self) -> Optional[dict[str, int]]:
        from .review.baseline import counts

        return counts(self.briefs, self.resolved) if self.baseline else None

    def severities(self) -> list[Severity]:
        return [s for b in self.briefs for s in b.severities]

    def by_severity(self) -> dict[str, int]:
        counts = {s.value: 0 for s in sorted(Severity, key=lambda s: -s.rank)}
        for severity in self.severities():
            counts[severity.value] += 1
        return counts

    def worst(self, only_changed: bool = False) -> Optional[Severity]:
        """The worst severity found (``only_changed``: among new and worse findings)."""
        found = [s for b in self.briefs for s, change in zip(b.severities, b.changes, strict=True)
                 if not only_changed or change in ("new", "worse")]
        return max(found, key=lambda s: s.rank, default=None)

    def suppression_notes(self) -> list[str]:
        return [f"{b.name}: {n}" for b in self.briefs for s in b.suppressions if (n := s.note())]

    def summary(self) -> dict[str, Any]:
        summary = {
            "accounts": len(self.accounts),
            "findings": len(self.severities()),
            "by_severity": self.by_severity(),
            "errors": len(self.errors),
            "not_audited": len(self.not_audited),
        }
        changes = self.changes()
        if changes is not None:
            summary["changes"] = changes
        return summary

    def to_json(self, with_accounts: bool = True) -> dict[str, Any]:
        """The report as JSON data (``accounts`` left empty when the caller
        encodes them itself, one by one)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "relcheck_version": __version__,
            "as_of": self.as_of.isoformat(),
            "configs": list(self.configs),
            "summary": self.summary(),
            "accounts": [a.to_json() for a in self.accounts] if with_accounts else [],
            "owners": [o.to_json() for o in self.owners()],
            **({"baseline": self.baseline, "resolved": [r.to_json() for r in self.resolved]}
               if self.baseline else {}),
            "not_audited": [r.to_json() for r in self.not_audited],
            "errors": [e.to_json() for e in self.errors],
        }
