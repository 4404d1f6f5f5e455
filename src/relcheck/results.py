"""The result of an audit, and the JSON contract (SPEC section 5, schema_version 1).

Reporters only format what is here: totals, scores and statuses are computed
on these objects, never in a reporter.  Adding a key is fine; removing or
renaming one bumps ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import os
import struct
import sys
import weakref
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, Optional, TypeVar, Union, overload

from . import __version__
from .checking.findings import AccountResult, Brief
from .checking.rule import Severity
from .compact import Interned, Strings
from .errors import InputError
from .reading.accounts import Rejected

if TYPE_CHECKING:  # the review stage is imported when a report is summed up, not at start-up
    from .review.baseline import PastFinding
    from .review.owners import OwnerRollup
    from .review.owners import Rollup as OwnerRollupSum

SCHEMA_VERSION = 1


@dataclass(slots=True, repr=False)  # not frozen: one per account (see AccountResult)
class EncodedAccount:
    """An audited account already written as its parts of the report, by
    the process that audited it, with the brief the run needs to count,
    sort and compare: a few strings cross between processes instead of
    thousands of small objects.  The two parts are, by format: JSON its
    line and nothing; JSONL its finding lines and its note lines; plain
    text and markdown its overview lines and its detail section."""

    brief: Brief
    encoded: str
    more: str = ""

    def __reduce__(self) -> tuple[Any, ...]:
        return (EncodedAccount, (self.brief, self.encoded, self.more))

    @property
    def name(self) -> str:
        return self.brief.name

    def to_json(self) -> dict[str, Any]:
        import json

        data: dict[str, Any] = json.loads(self.encoded)
        return data


_process = [os.getpid()]
"""This process's id, kept current across forks (asked once per account:
``os.getpid`` is a system call)."""
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=lambda: _process.__setitem__(0, os.getpid()))

_SPOOLS: weakref.WeakValueDictionary[int, Spool] = weakref.WeakValueDictionary()
"""The spools alive by id: a worker process (forked) names the spool it
wrote to, and the main process finds it here.  A spool no report holds any
more goes, and its file with it."""


class Spool:
    """Encoded accounts parked on disk as they finish, so a run's memory
    holds only what sorting and the totals need: the report is written from
    here at the end, in the order asked for.  An unnamed temporary file
    (removed by the system when relcheck exits, however it exits).

    Worker processes write into it themselves (each through its own
    appending descriptor, one ``write`` for a batch's records, so records
    of different processes never interleave), and what crosses back to the
    main process is a name, a score and an offset, not the account."""

    _HEADER = struct.Struct("<III")

    def __init__(self) -> None:
        import tempfile

        self._file = tempfile.TemporaryFile()
        self.ident = id(self)
        self._writer: tuple[int, int] = (-1, -1)  # (pid, appending descriptor of that process)
        self._pending: list[bytes] = []  # records added here and not yet written
        self._placed: list[SpooledAccount] = []  # their accounts, placed within the pending records
        self._pending_bytes = 0
        self._window: tuple[int, bytes, int] = (0, b"", -1)  # a piece read ahead, where it starts; last end read
        _SPOOLS[self.ident] = self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_spool, (self.ident,))

    def __del__(self) -> None:
        pid, fd = getattr(self, "_writer", (-1, -1))
        if fd >= 0 and pid == os.getpid():
            try:
                os.close(fd)
            except OSError:
                pass

    def writable_here(self) -> bool:
        """Whether this process can append (Linux: reopening the unnamed
        file through /proc; elsewhere only the main process writes)."""
        pid = _process[0]
        if self._writer[0] != pid:
            self._pending, self._placed, self._pending_bytes = [], [], 0  # a fork's copy is not its own
            try:
                fd = os.open(f"/proc/self/fd/{self._file.fileno()}", os.O_WRONLY | os.O_APPEND)
            except OSError:
                fd = -1
            self._writer = (pid, fd)
        return self._writer[1] >= 0

    def add(self, account: EncodedAccount) -> SpooledAccount:
        """Park ``account``: kept with the others added since the last
        :meth:`flush`, which writes them in one go and places them."""
        import pickle

        data = account.encoded.encode("utf-8")
        more = account.more.encode("utf-8")
        brief = pickle.dumps(account.brief.state(), protocol=pickle.HIGHEST_PROTOCOL)
        record = self._HEADER.pack(len(data), len(more), len(brief)) + data + more + brief
        if len(record) >= 1 << 32:
            raise OSError(27, "an account's report is larger than 4 GiB")
        b = account.brief
        spooled = SpooledAccount(b.name, b.owner, b.score, b.open_pipeline, self,
                                 self._pending_bytes << 32 | len(record), b.status, _codes(b),
                                 any(s.note() for s in b.suppressions))
        self._pending.append(record)
        self._placed.append(spooled)
        self._pending_bytes += len(record)
        if self._pending_bytes >= _FLUSH_BYTES:
            self.flush()
        return spooled

    def flush(self) -> None:
        """Write the pending records (one ``write``, appended whatever other
        processes write) and give their accounts their offsets in the file."""
        if not self._pending:
            return
        records = b"".join(self._pending)
        if self.writable_here():
            fd = self._writer[1]
            if os.write(fd, records) != len(records):
                raise OSError(28, "No space left on device")
            start = os.lseek(fd, 0, os.SEEK_CUR) - len(records)  # this descriptor's own offset: after its write
        else:
            self._file.seek(0, os.SEEK_END)
            start = self._file.tell()
            self._file.write(records)
            self._file.flush()
        for spooled in self._placed:
            spooled.offset += start << 32
        self._pending, self._placed, self._pending_bytes = [], [], 0

    def parts(self, account: SpooledAccount) -> tuple[bytes, bytes, bytes]:
        """The two parts (see :class:`EncodedAccount`) and the pickled brief of ``account``'s
        record (its offset and its size in one int: one read)."""
        if self._pending:
            self.flush()
        return self.read(account.offset >> 32, account.offset & 0xFFFFFFFF)

    def each_part(self, places: Iterable[tuple[int, int]], part: int) -> Iterator[bytes]:
        """Part ``part`` (0 or 1) of each record at ``places`` (start, size),
        as :meth:`read` gives them, without the other two parts."""
        if self._pending:
            self.flush()
        unpack, header, locate = self._HEADER.unpack_from, self._HEADER.size, self._locate
        for start, size in places:
            record, offset = locate(start, size)
            text, more, _ = unpack(record, offset)
            begin = offset + header + (text if part else 0)
            yield record[begin:begin + (more if part else text)]

    def read(self, start: int, size: int) -> tuple[bytes, bytes, bytes]:
        """The parts of the record at ``start`` of ``size`` bytes (see :meth:`parts`)."""
        record, offset = self._locate(start, size)
        sizes = self._HEADER.unpack_from(record, offset)
        a = offset + self._HEADER.size
        b = a + sizes[0]
        c = b + sizes[1]
        return record[a:b], record[b:c], record[c:offset + size]

    def _locate(self, start: int, size: int) -> tuple[bytes, int]:
        """Bytes holding the record at ``start`` of ``size`` bytes, and where
        in them it starts: records read in the order they were written (a
        report in file order, or a sort's run of equals) come from one read
        ahead; any other record is read on its own, and the piece read ahead
        stays for the records after it (a report sorted by name comes back
        to it: dropping it made writing a large report six times slower)."""
        at, window, after = self._window
        offset = start - at
        if 0 <= offset and offset + size <= len(window):
            record = window
        elif start == after:
            window = record = os.pread(self._file.fileno(), max(size, _WINDOW_BYTES), start)
            at, offset = start, 0
        else:
            record, offset = os.pread(self._file.fileno(), size, start), 0
        self._window = (at, window, start + size)
        return record, offset


@dataclass(slots=True)  # not frozen: one per account (see AccountResult); its offset is set on flush
class SpooledAccount:
    """An encoded account in a :class:`Spool`: what sorting needs in
    memory; its text and brief on disk."""

    name: str
    owner: Optional[str]
    score: int
    open_pipeline: float
    spool: Spool
    offset: int  # where its record starts, shifted 32 bits left, plus the record's size
    status: str
    codes: str  # each finding's severity and change, two letters each (see _codes)
    noted: bool  # a suppression of it has something to say

    def __reduce__(self) -> tuple[Any, ...]:
        # Crosses from a worker once per account: a few plain values (its
        # place is known once the records waiting with it are written).
        if self.spool._pending:
            self.spool.flush()
        return (_spooled, (self.name, self.owner, self.score, self.open_pipeline, self.spool.ident, self.offset,
                           self.status, self.codes, self.noted))

    # What the totals read (as of a Brief), answered from memory: the run's
    # totals never read the spool back, but for the rare suppression note.
    @property
    def severities(self) -> tuple[Severity, ...]:
        return tuple(_SEVERITY_OF[c] for c in self.codes[::2]) if self.codes else ()

    @property
    def changes(self) -> tuple[str, ...]:
        return tuple(_CHANGE_OF[c] for c in self.codes[1::2])

    @property
    def suppressions(self) -> tuple[Any, ...]:
        return self.brief.suppressions if self.noted else ()

    @property
    def encoded(self) -> str:
        return self.spool.parts(self)[0].decode("utf-8")

    @property
    def more(self) -> str:
        return self.spool.parts(self)[1].decode("utf-8")

    @property
    def brief(self) -> Brief:
        import pickle

        return Brief.of_state(pickle.loads(self.spool.parts(self)[2]))

    def to_json(self) -> dict[str, Any]:
        import json

        data: dict[str, Any] = json.loads(self.encoded)
        return data


class SpooledAccounts(Sequence[SpooledAccount]):
    """The accounts of a streamed run, kept in columns (see
    :mod:`relcheck.compact`): what sorting and the totals read of each
    (name, owner, score, open pipeline, status, findings' codes) and where
    its record is in the spool.  An account is made as it is read (one at a
    time as a report is written), so an account costs about 80 bytes, not
    an object, a tuple and their strings.  With ``order``, a view of the
    same columns in another order (see :meth:`reordered`)."""

    def __init__(self, spool: Spool, columns: Optional[_Columns] = None, order: Optional[array[int]] = None) -> None:
        self.spool = spool
        self._columns = columns if columns is not None else _Columns()
        self._order = order

    def take(self, key: Any, audited: Any) -> None:
        """Keep an audited account (``key`` is for the run's other sinks; an
        account the filters left out is None)."""
        if audited is None:
            return
        if isinstance(audited, EncodedAccount):
            audited = self.spool.add(audited)
        if audited.spool._pending:
            audited.spool.flush()  # its place in the file is known once written
        self._columns.add(audited)

    def truncate(self, size: int) -> None:
        """Keep the first ``size`` accounts (their input is read again)."""
        self._columns.truncate(size)

    def __len__(self) -> int:
        return len(self._order) if self._order is not None else len(self._columns.score)

    @overload
    def __getitem__(self, index: int) -> SpooledAccount: ...
    @overload
    def __getitem__(self, index: slice) -> list[SpooledAccount]: ...

    def __getitem__(self, index: int | slice) -> SpooledAccount | list[SpooledAccount]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._columns.account(self._order[index] if self._order is not None else index, self.spool)

    def __iter__(self) -> Iterator[SpooledAccount]:
        account = self._columns.account
        rows: Iterable[int] = self._order if self._order is not None else range(len(self._columns.score))
        return (account(row, self.spool) for row in rows)

    def texts(self, part: int) -> Iterator[str]:
        """Each account's ``part`` of the report (0 or 1: see
        :class:`EncodedAccount`), read from the spool without making the
        account (about 2 us an account saved as a large report is written)."""
        return (raw.decode("utf-8") for raw in self.raw(part))

    def raw(self, part: int) -> Iterator[bytes]:
        """:meth:`texts` as the spool holds them: UTF-8."""
        columns = self._columns
        rows: Iterable[int] = self._order if self._order is not None else range(len(columns.score))
        starts, sizes = columns.start, columns.size
        return self.spool.each_part(((starts[row], sizes[row]) for row in rows), part)

    def totals(self) -> Iterator[Union[SpooledAccount, tuple[Optional[str], str, int, float]]]:
        """What each account adds to the report's totals, in this view's
        order: an account with findings or a suppression's note itself; any
        other only its owner's line (owner, status, score, open pipeline),
        read from the columns without making the account (most accounts of a
        large run: about 2 us each saved)."""
        columns = self._columns
        rows: Iterable[int] = self._order if self._order is not None else range(len(columns.score))
        plain = [(status, not codes and not noted) for status, codes, noted in columns.kinds.values]
        owners, owner, kind, score, pipeline = (columns.owners.values, columns.owner, columns.kind, columns.score,
                                                columns.pipeline)
        for row in rows:
            status, nothing_more = plain[kind[row]]
            if nothing_more:
                yield owners[owner[row]], status, score[row], pipeline[row]
            else:
                yield columns.account(row, self.spool)

    def column(self, name: str) -> Sequence[Any]:
        """One field of every account, in this view's order (for sorting)."""
        values = self._columns.column(name)
        return values if self._order is None else [values[row] for row in self._order]

    def reordered(self, order: Iterable[int]) -> SpooledAccounts:
        """These accounts in ``order`` (positions in this view)."""
        rows = array("q", order if self._order is None else (self._order[i] for i in order))
        return SpooledAccounts(self.spool, self._columns, rows)


class _Columns:
    """Each account's fields, an array a field: names in one buffer, values
    with few distinct ones (owners; status with codes) by number."""

    def __init__(self) -> None:
        self.name = Strings()
        self.owners: Interned[Optional[str]] = Interned()
        self.owner = array("q")
        self.score = array("q")
        self.pipeline = array("d")
        self.start = array("q")  # where each record starts in the spool (an offset keeps it shifted: any size)
        self.size = array("Q")  # and its size (under 4 GiB: Spool.add)
        self.kinds: Interned[tuple[str, str, bool]] = Interned()  # status, codes, a suppression's note: few distinct
        self.kind = array("q")

    def add(self, a: SpooledAccount) -> None:
        self.name.append(a.name)
        self.owner.append(self.owners.number(a.owner))
        self.score.append(a.score)
        self.pipeline.append(a.open_pipeline)
        self.start.append(a.offset >> 32)
        self.size.append(a.offset & 0xFFFFFFFF)
        self.kind.append(self.kinds.number((a.status, a.codes, a.noted)))

    def truncate(self, size: int) -> None:
        self.name.truncate(size)
        for values in (self.owner, self.score, self.pipeline, self.start, self.size, self.kind):
            del values[size:]

    def account(self, row: int, spool: Spool) -> SpooledAccount:
        status, codes, noted = self.kinds.values[self.kind[row]]
        return SpooledAccount(self.name[row], self.owners.values[self.owner[row]], self.score[row],
                              self.pipeline[row], spool, self.start[row] << 32 | self.size[row], status, codes, noted)

    def column(self, name: str) -> Sequence[Any]:
        if name == "owner":
            return [self.owners.values[n] for n in self.owner]
        columns: dict[str, Any] = {"name": self.name, "score": self.score, "open_pipeline": self.pipeline}
        return columns[name]


_SEVERITY_OF = {s.value[0]: s for s in Severity}
_CHANGE_OF = {"-": "", "n": "new", "w": "worse", "p": "persisting"}
_CHANGE_CODE = {v: k for k, v in _CHANGE_OF.items()}


_FLUSH_BYTES = 4 << 20
"""Records a process keeps before writing them (a unit's worth is written
when the unit is done: see :meth:`Spool.flush`)."""


_WINDOW_BYTES = 256 << 10
"""How much of the spool one read brings in when the report is written."""


def each_part(accounts: Sequence[Any], part: int, made: Callable[[Any], str]) -> Iterator[str]:
    """Each account's ``part`` of the report: read from the spool for a
    streamed run's accounts, else ``made`` from each."""
    if isinstance(accounts, SpooledAccounts):
        return accounts.texts(part)
    return (made(a) for a in accounts)


def _codes(b: Brief) -> str:
    if not b.severities:
        return ""
    return sys.intern("".join(s.value[0] + _CHANGE_CODE[c] for s, c in zip(b.severities, b.changes, strict=True)))


def _spool(ident: int) -> Spool:
    return _SPOOLS[ident]


def _spooled(name: str, owner: Optional[str], score: int, pipeline: float, ident: int, offset: int, status: str,
             codes: str, noted: bool) -> SpooledAccount:
    return SpooledAccount(name, sys.intern(owner) if owner else owner, score, pipeline, _SPOOLS[ident], offset,
                          sys.intern(status), sys.intern(codes), noted)


Held = TypeVar("Held", AccountResult, EncodedAccount, SpooledAccount)
"""What a report holds for each account: the whole result (every format can
render it), or, in a ``--format json`` or ``jsonl`` run, the account's text
already encoded by the process that audited it, parked on disk (only the
JSON and JSONL reporters take those kinds of report: the type says so)."""


@dataclass(repr=False)
class _Tally:
    owners: OwnerRollupSum
    severities: list[Severity] = field(default_factory=list)
    changed: list[Severity] = field(default_factory=list)  # severities of new and worse findings
    changes: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(repr=False)
class Report(Generic[Held]):
    as_of: date
    accounts: Sequence[Held] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    not_audited: list[Rejected] = field(default_factory=list)
    """Accounts left out because of input errors (named in every format)."""
    baseline: Optional[str] = None
    """The baseline report compared with (``--baseline``), if any."""
    resolved: list[PastFinding] = field(default_factory=list)
    by_owner: bool = False
    configs: list[str] = field(default_factory=list)
    """The config files that applied (the nearest above each input, or --config)."""
    _tallied: Optional[tuple[tuple[int, int], _Tally]] = field(default=None, repr=False, compare=False)

    @property
    def briefs(self) -> Iterator[Brief]:
        """Each account's brief, one at a time (a spooled report reads them from disk)."""
        return (a.brief for a in self.accounts)

    def _tally(self) -> _Tally:
        """Everything the totals need, in one pass over the briefs (a
        spooled report reads each from disk once), kept until the accounts
        change."""
        key = (id(self.accounts), len(self.accounts))
        if self._tallied is not None and self._tallied[0] == key:
            return self._tallied[1]
        from .review.owners import Rollup

        tally = _Tally(Rollup())
        for b in self._totals():
            if type(b) is tuple:  # an account with no finding and no note: only its owner's line
                tally.owners.count(*b)
                continue
            severities = b.severities  # read once: a spooled account decodes it each time
            tally.owners.add(b, severities)
            if severities:  # most accounts of a large run have no finding
                tally.severities.extend(severities)
                for severity, change in zip(severities, b.changes, strict=True):
                    if change:
                        tally.changes[change] = tally.changes.get(change, 0) + 1
                    if change in ("new", "worse"):
                        tally.changed.append(severity)
            if b.suppressions:
                tally.notes.extend(f"{b.name}: {n}" for s in b.suppressions if (n := s.note()))
        self._tallied = (key, tally)
        return tally

    def _totals(self) -> Iterator[Any]:
        """What each account adds to the totals: its brief, or a spooled
        account itself (which answers as its brief does, from memory), or
        only its owner's line (see :meth:`SpooledAccounts.totals`)."""
        if isinstance(self.accounts, SpooledAccounts):
            yield from self.accounts.totals()
            return
        for a in self.accounts:
            yield a if isinstance(a, SpooledAccount) else a.brief

    def owners(self) -> list[OwnerRollup]:
        return self._tally().owners.lines()

    def changes(self) -> Optional[dict[str, int]]:
        if not self.baseline:
            return None
        from .review.baseline import CHANGES  # a run without a baseline starts without it

        counted = self._tally().changes
        return {change: len(self.resolved) if change == "resolved" else counted.get(change, 0) for change in CHANGES}

    def severities(self) -> list[Severity]:
        return self._tally().severities

    def by_severity(self) -> dict[str, int]:
        counts = {s.value: 0 for s in sorted(Severity, key=lambda s: -s.rank)}
        for severity in self.severities():
            counts[severity.value] += 1
        return counts

    def worst(self, only_changed: bool = False) -> Optional[Severity]:
        """The worst severity found (``only_changed``: among new and worse findings)."""
        found = self._tally().changed if only_changed else self.severities()
        return max(found, key=lambda s: s.rank, default=None)

    def suppression_notes(self) -> list[str]:
        return self._tally().notes

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
