"""One run: paths in, a :class:`~relcheck.report.Report` out.

The input is cut into units of work: a small file is one unit, a large file
is cut into slices of whole accounts or whole documents (:mod:`relcheck.split`).
Each unit is read, validated and audited on its own, and only its results
are kept, so memory follows the largest unit, not the size of the run.  With
``jobs > 1`` units run in worker processes (both cores); results are put back
in input order, so the report is the same whatever the number of jobs.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache, partial
from types import ModuleType
from typing import TYPE_CHECKING, Any, Optional, Protocol, TypeVar, Union

from .checking.engine import Engine
from .checking.facts import AccountFacts, Context
from .checking.findings import AccountResult
from .checking.registry import rule_names
from .decisions import decide
from .errors import InputError, RelcheckError, check_stop
from .names import norm_name, suggest
from .reading.accounts import (
    DOCUMENTS,
    ITEMS,
    WHOLE,
    AccountKey,
    FileResult,
    LoadedAccount,
    Rejected,
    Uniques,
)
from .reading.events import YamlError
from .reading.guards import prepare
from .reading.load import load_bytes
from .reading.localize import read_by_item
from .reading.sources import MAX_FILE_BYTES, Source, expand, read_source, remove_taken, take_stdin
from .reading.split import MIN_SPLIT_BYTES, TAIL_BYTES, TARGET_SLICE_BYTES, local, split_accounts, split_documents
from .results import EncodedAccount, Report, Spool, SpooledAccount, SpooledAccounts

if TYPE_CHECKING:  # a baseline run imports it; the rest start without it
    from .review.baseline import Baseline

PARALLEL_MIN_BYTES = 512 * 1024
"""Below this much input, worker processes cost more than they save
(measured: 400 KB of large accounts, 0.28 s alone, 0.31 s with a worker;
600 KB of one-line accounts, 2.2 s alone, 1.5 s with one)."""


@dataclass(frozen=True, repr=False)
class Unit:
    """A piece of work: a whole file (read by whoever runs it) or a slice."""

    index: int  # which input it belongs to
    source: Source
    data: Optional[bytes] = None
    line_offset: int = 0
    kind: str = WHOLE
    last: bool = True  # the last unit of its input
    restart: bool = False  # read the input whole: what earlier units of it found does not count
    error: Optional[InputError] = None  # why the input cannot be read (standard input, read already)


@dataclass(repr=False)
class UnitResult:
    index: int
    last: bool
    size: int
    # What crosses back: each account's key (for the duplicate check) and result;
    # the account records themselves stay in the worker.
    accounts: list[tuple[AccountKey, Optional[Audited]]] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    broken: Optional[InputError] = None  # a slice did not parse (there): read the whole input again
    restart: bool = False  # this unit read its input whole: earlier units of it do not count
    by_item: bool = False  # a slice with a syntax error, read account by account
    anchors: bool = False  # the slice writes an anchor or alias (so it cannot be read by account)


Audited = Union[AccountResult, EncodedAccount, SpooledAccount]
Audit = Callable[[LoadedAccount], Optional[Audited]]


@dataclass(frozen=True, repr=False)
class _Worker:
    """What every process of a run needs to know: how to audit an account
    (None: only load) and which rule names an ``ignore:`` entry may use."""

    audit: Optional[Audit]
    rules: tuple[str, ...]


_WORKER = _Worker(None, ())  # set in each process by _set_worker


def _set_worker(worker: _Worker) -> None:
    global _WORKER
    _WORKER = worker


def _run_unit(unit: Unit) -> UnitResult:
    if unit.error is not None:
        return UnitResult(unit.index, unit.last, 0, errors=[unit.error])
    raw = unit.data if unit.data is not None else read_source(unit.source)
    result = UnitResult(unit.index, unit.last, len(raw) if isinstance(raw, bytes) and not unit.restart else 0,
                        restart=unit.restart)
    label = unit.source.label
    data = prepare(label, raw) if unit.data is None and isinstance(raw, bytes) else raw
    if isinstance(data, InputError):
        result.errors.append(data)
        return result
    result.anchors = unit.kind == ITEMS and not local(data)
    try:
        if unit.data is None:
            loaded = _load_whole(label, data)
        else:
            loaded = load_bytes(label, data, _WORKER.rules, unit.line_offset, unit.kind)
    except YamlError as err:
        found = None
        if unit.kind == ITEMS and not result.anchors:  # one broken account costs that account
            found = read_by_item(label, data, unit.line_offset, partial(_read_items, label), unit.last)
        if found is None:
            result.broken = InputError(label, err.line, err.column, err.message)
            return result
        loaded, result.by_item = found, True
    result.errors = loaded.errors
    result.rejected = loaded.rejected
    audit = _WORKER.audit
    for account in loaded.accounts:
        result.accounts.append((AccountKey.of(account), audit(account) if audit else None))
    return result


def _read_items(label: str, part: bytes, line: int) -> FileResult:
    """Items read fast; a YAML error is raised as the careful reading words it."""
    try:
        return load_bytes(label, part, _WORKER.rules, line, ITEMS)
    except YamlError:
        from .reading.careful import careful_load

        return careful_load(label, part, _WORKER.rules, line, ITEMS)


def _load_whole(label: str, data: bytes) -> FileResult:
    """A whole small file: read as one slice when it is a plain ``accounts:``
    list (the fastest path), else as it is."""
    slices = split_accounts(data, target=sys.maxsize)
    if slices is not None and len(slices) == 1:
        offset, part = slices[0]
        try:
            return load_bytes(label, part, _WORKER.rules, offset, ITEMS)
        except YamlError:
            pass  # read the whole file, which reports the error where it is
    return load_bytes(label, data, _WORKER.rules)


def _run_batch(batch: list[Unit]) -> list[UnitResult]:
    # The cyclic garbage collector would walk the hundreds of thousands of
    # fresh objects of a batch again and again (they hold no cycles); pause it.
    paused = gc.isenabled()
    gc.disable()
    try:
        results = [_run_unit(unit) for unit in batch]
        if isinstance(_WORKER.audit, AccountAudit) and _WORKER.audit.spool is not None:
            _WORKER.audit.spool.flush()  # the batch's records in one write, placed before they cross
        return results
    finally:
        if paused:
            gc.enable()


class _Plan:
    """The work of a run, made lazily (a slice is cut when a worker is ready
    for it); large files are read from disk piece by piece, standard input
    is kept until its last slice is back.

    Work goes out in batches of about a slice's worth of bytes: many small
    files travel together, since sending each on its own to a worker costs
    more than reading it."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self.whole: dict[int, bytes] = {}
        self.sliced: set[int] = set()  # inputs cut into slices
        self.refused: dict[int, InputError] = {}  # inputs too large to read whole, with why they must be
        # Standard input is read first (its size decides whether workers pay):
        # what is kept in memory, or why it cannot be read; a large one is
        # a temporary file from then on, in place of the source.
        self.stdin: dict[int, Union[bytes, InputError]] = {}
        self.taken: list[Source] = []
        for index, source in enumerate(sources):
            if source.path is None:
                taken = take_stdin(source)
                if isinstance(taken, Source):
                    sources[index] = taken
                    self.taken.append(taken)
                else:
                    self.stdin[index] = taken
        self.sizes = [len(held) if isinstance(held := self.stdin.get(i), bytes) else _size(s)
                      for i, s in enumerate(sources)]
        self.total = sum(self.sizes)

    def close(self) -> None:
        """Remove the temporary file of a large standard input."""
        for source in self.taken:
            remove_taken(source)

    def __iter__(self) -> Iterator[list[Unit]]:
        batch: list[Unit] = []
        batch_bytes = sent = 0
        for unit in self._units():
            batch.append(unit)
            size = len(unit.data) if unit.data is not None else self.sizes[unit.index]
            sent += size
            # A slice was cut to hold a batch's worth of work (bytes and accounts); the last
            # files go out in smaller batches, as a large file's last slices are smaller.
            batch_bytes += TARGET_SLICE_BYTES if unit.kind != WHOLE else size
            if batch_bytes >= (TARGET_SLICE_BYTES if sent < self.total - TAIL_BYTES else TARGET_SLICE_BYTES // 4):
                yield batch
                batch, batch_bytes = [], 0
        if batch:
            yield batch

    def _units(self) -> Iterator[Unit]:
        for index, source in enumerate(self.sources):
            if index in self.stdin:
                yield from self._held(index, source, self.stdin.pop(index))
            elif self.sizes[index] < MIN_SPLIT_BYTES:
                yield Unit(index, source)
            else:
                yield from self._streamed(index, source)

    def _streamed(self, index: int, source: Source) -> Iterator[Unit]:
        """A large file, read piece by piece from disk and cut as it is read."""
        from .reading.stream import ReadWhole, slices

        self.sliced.add(index)
        held: Optional[tuple[int, bytes, str]] = None
        try:
            for piece in slices(source, TARGET_SLICE_BYTES):
                if held is not None:
                    yield Unit(index, source, held[1], held[0], held[2], last=False)
                held = piece
        except ReadWhole as stop:
            self.sliced.discard(index)
            if stop.error is not None and self.sizes[index] > MAX_FILE_BYTES:
                self.refused[index] = stop.error  # too large to read whole: say what the guard found
            yield Unit(index, source, restart=True)
            return
        except OSError:
            self.sliced.discard(index)
            yield Unit(index, source, restart=True)  # whoever reads it whole says what is wrong
            return
        if held is not None:
            yield Unit(index, source, held[1], held[0], held[2], last=True)

    def _held(self, index: int, source: Source, raw: Union[bytes, InputError]) -> Iterator[Unit]:
        """Standard input that fits in memory: kept until its last slice is
        back, for a careful second reading if a slice breaks."""
        data = prepare(source.label, raw) if isinstance(raw, bytes) else raw
        if isinstance(data, InputError):
            yield Unit(index, source, error=data)
            return
        kind, slices = ITEMS, split_accounts(data, TARGET_SLICE_BYTES)
        if slices is None:
            kind, slices = DOCUMENTS, split_documents(data, TARGET_SLICE_BYTES)
        if slices is None:
            yield Unit(index, source, data)
            return
        self.whole[index] = data
        self.sliced.add(index)
        for number, (offset, part) in enumerate(slices):
            yield Unit(index, source, part, offset, kind, last=number == len(slices) - 1)


def _size(source: Source) -> int:
    if source.path is None:
        return 0
    try:
        return source.path.stat().st_size
    except OSError:
        return 0


class Sink(Protocol):
    """Where a run puts each valid account's key and result, in input
    order, once it is checked for duplicates; an input read again is
    truncated back first."""

    def take(self, key: AccountKey, audited: Any) -> None: ...
    def truncate(self, size: int) -> None: ...
    def __len__(self) -> int: ...


class Pairs(list[tuple[AccountKey, Optional[Any]]]):
    """A sink that keeps every key with its result."""

    def take(self, key: AccountKey, audited: Any) -> None:
        self.append((key, audited))

    def truncate(self, size: int) -> None:
        del self[size:]


@dataclass(repr=False)
class Seen:
    """What a run found besides its accounts: input errors (duplicates
    last), accounts left out for them, and every owner and tier named
    (for the filters)."""

    errors: list[InputError] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    owners: set[str] = field(default_factory=set)
    tiers: set[str] = field(default_factory=set)


def run(
    paths: Iterable[str],
    audit: Optional[Audit] = None,
    jobs: int = 1,
    progress: Optional[Callable[[int, int], None]] = None,
) -> tuple[list[tuple[AccountKey, Optional[Any]]], list[InputError], list[Rejected]]:
    """Load (and audit) everything in ``paths``: every valid account's key
    with its result, in input order, every input error, and every account
    left out for one."""
    pairs = Pairs()
    seen = run_into(paths, pairs, audit, jobs, progress)
    return pairs, seen.errors, seen.rejected


class _Reading:
    """The input being read: its accounts go to the sink as its units come
    in, the rest is kept apart until its last unit is in (a slice that does
    not parse sends the whole input to be read again, and only that reading
    counts: :meth:`restart` takes back what the input put in)."""

    def __init__(self, sink: Sink, uniques: Uniques) -> None:
        self.sink, self.uniques = sink, uniques
        self.marks = (len(sink), uniques.mark())
        self._clear()

    def _clear(self) -> None:
        self.units: list[UnitResult] = []
        self.accounts = 0
        self.duplicates: list[InputError] = []
        self.dropped: list[Rejected] = []
        self.owners: set[Optional[str]] = set()
        self.tiers: set[Optional[str]] = set()

    def add(self, result: UnitResult) -> None:
        """Check ``result``'s accounts for duplicates and put them in the sink."""
        self.units.append(result)
        self.accounts += len(result.accounts)
        owners, tiers, check, take = self.owners, self.tiers, self.uniques.check, self.sink.take
        for key, audited in result.accounts:
            duplicate = check(key)
            if duplicate is None:
                owners.add(key.owner)  # of the accounts kept, for the filters' check
                tiers.add(key.tier)
                take(key, audited)
            else:
                self.duplicates.append(duplicate)
                self.dropped.append(Rejected(key.name, key.owner, key.path, key.line))
        result.accounts = []

    def restart(self) -> None:
        """Take back everything read of this input so far."""
        self.sink.truncate(self.marks[0])
        self.uniques.truncate(self.marks[1])
        self._clear()

    def finish(self, seen: Seen, duplicates: list[InputError], dropped: list[Rejected]) -> None:
        for finished in self.units:
            seen.errors.extend(finished.errors)
            seen.rejected.extend(finished.rejected)
        duplicates.extend(self.duplicates)
        dropped.extend(self.dropped)
        seen.owners.update(o for o in self.owners if o)
        seen.tiers.update(t for t in self.tiers if t)


def run_into(
    paths: Iterable[str],
    sink: Sink,
    audit: Optional[Audit] = None,
    jobs: int = 1,
    progress: Optional[Callable[[int, int], None]] = None,
) -> Seen:
    """Load (and audit) everything in ``paths``, putting each valid
    account's key and result into ``sink`` in input order as its input is
    read (a streamed run's sink keeps a few fields of each, so memory
    follows the work in flight, not the size of the run)."""
    sources: list[Source] = []
    seen = Seen()
    for item in expand(list(paths)):
        if isinstance(item, InputError):
            seen.errors.append(item)
        else:
            sources.append(item)
    _config_for.cache_clear()  # configs found in an earlier run (a library caller) may have changed
    _set_worker(_Worker(audit, rule_names()))
    units = _Plan(sources)
    try:
        return _read_all(units, sink, seen, audit, jobs, progress)
    finally:
        units.close()


def _read_all(units: _Plan, sink: Sink, seen: Seen, audit: Optional[Audit], jobs: int,
              progress: Optional[Callable[[int, int], None]]) -> Seen:
    sources = units.sources
    if units.total >= MIN_SPLIT_BYTES:
        _large_blocks_from_the_system()
    uniques = Uniques()
    duplicates: list[InputError] = []
    dropped: list[Rejected] = []
    reading: Optional[_Reading] = None
    done = 0
    for result in (r for batch in _results(units, audit, jobs) for r in batch):
        check_stop()  # a signal's stop that Python dropped (see errors.stop_asked)
        done += result.size
        if progress:
            progress(done, units.total)
        if reading is None:
            reading = _Reading(sink, uniques)
        elif result.restart:
            reading.restart()  # the input is read whole after all: only that reading counts
        reading.add(result)
        if not result.last:
            continue
        if result.index in units.refused:
            reading.restart()
            reading.add(UnitResult(result.index, True, 0, errors=[units.refused.pop(result.index)]))
        pending = reading.units
        sliced = result.index in units.sliced
        broken = any(r.broken for r in pending) or (
            any(r.by_item for r in pending) and any(r.anchors for r in pending))  # read whole, as a whole reading would
        if broken and units.sizes[result.index] > MAX_FILE_BYTES:
            # Too large to read whole: each broken slice is an error where
            # libyaml stopped, and the other slices' accounts count.
            reading.units = [r for r in pending if not r.broken] + [
                UnitResult(r.index, True, 0, errors=[r.broken]) for r in pending if r.broken]
        elif broken or (sliced and not reading.accounts and not any(r.errors for r in pending)):
            # A slice did not parse on its own (or, all slices together held
            # nothing): read the whole input, carefully, to say what is wrong.
            again = _run_unit(Unit(result.index, sources[result.index], units.whole.pop(result.index, None)))
            reading.restart()
            reading.add(again)
        units.whole.pop(result.index, None)
        reading.finish(seen, duplicates, dropped)
        reading = None
    seen.errors = capped(seen.errors + duplicates)
    seen.rejected += dropped
    return seen


def _large_blocks_from_the_system() -> None:
    """Blocks of 128 KiB and more (a slice's bytes, a piece read from disk,
    a batch's records, the columns) come from the system and go back to it
    when freed.  By default glibc raises that threshold to the largest block
    freed so far (up to 32 MiB), after which such blocks are carved from
    the heap and the holes they leave stay resident: measured at 100,000
    accounts, a peak of 111 MiB against 88 with this, the same CPU time
    (within 1%), and a run's memory that stops growing with its length.
    Set once in a large run, before workers are forked (they inherit it);
    elsewhere than glibc, nothing is done."""
    _glibc("mallopt", -3, 128 * 1024)  # M_MMAP_THRESHOLD


def _glibc(function: str, *args: int) -> None:
    """Call a C library function Python does not expose, on Linux with
    glibc; elsewhere (or without that function) nothing is done."""
    call = _glibc_function(function)
    if call is not None:
        call(*args)


@cache
def _glibc_function(name: str) -> Optional[Callable[..., int]]:
    """The C library's function ``name`` (None where there is none): looked
    up once, so a forked worker calls it without loading anything."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        function: Callable[..., int] = getattr(ctypes.CDLL("libc.so.6", use_errno=True), name)
        return function
    except (OSError, AttributeError):
        return None


MAX_ERRORS_PER_FILE = 50
"""A file with more errors than this (a wrong export, a shifted column)
shows the first ones and how many more: a screenful, not megabytes."""


def capped(errors: list[InputError]) -> list[InputError]:
    """The first :data:`MAX_ERRORS_PER_FILE` errors of each file, then one
    line saying how many more there are."""
    shown: dict[str, int] = {}
    extra: dict[str, int] = {}
    out: list[InputError] = []
    for error in errors:
        if shown.get(error.path, 0) < MAX_ERRORS_PER_FILE:
            shown[error.path] = shown.get(error.path, 0) + 1
            out.append(error)
        else:
            extra[error.path] = extra.get(error.path, 0) + 1
    for path, more in extra.items():
        out.append(InputError(path, 1, 1, f"and {more:,} more {'error' if more == 1 else 'errors'} in this file "
                                           f"(the first {MAX_ERRORS_PER_FILE} are shown)"))
    return out


_LIVE_POOLS: list[Any] = []
"""Worker pools of this run, so an interrupt can end them at once."""


def kill_workers() -> None:
    """End every worker process now (Ctrl-C, SIGTERM): no join, which could
    wait for good on a worker that died mid-task."""
    for pool in _LIVE_POOLS:
        for process in list(getattr(pool, "_pool", [])):
            try:
                process.kill()
            except (OSError, ValueError):
                pass


def _start_worker(worker: _Worker, parent: int, started: Any) -> None:
    """Each worker ignores Ctrl-C (the main process decides and ends it),
    ends quietly on SIGTERM and SIGHUP (sent to the whole process group by systemd or
    ``timeout``, or by the main process stopping the workers: the main
    process's own handler, inherited, would print the worker's traceback)
    and, on Linux, dies with the main process, so none is ever left behind.
    A main process that died while this one was being forked (before the
    death signal was armed) is caught by comparing the parent's pid.
    Nothing before that may wait: a worker is forked from a process with
    threads, so a lock another thread held at that moment (the dynamic
    loader's, say) is never released in the worker, and a worker stuck
    before its death signal outlives the run (seen as a stopped run whose
    pipes never closed).  Each worker then counts itself in ``started``, a
    semaphore (a lock held by a worker the system kills is never released;
    a semaphore's count is): the pool replaces a worker that died, so one
    more than were asked for means a batch was lost with it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    hangup = getattr(signal, "SIGHUP", None)  # a closed terminal ends it too (under nohup, not)
    if hangup is not None and signal.getsignal(hangup) is not signal.SIG_IGN:
        signal.signal(hangup, signal.SIG_DFL)
    _glibc("prctl", 1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(0)
    started.release()
    _set_worker(worker)


class _Starts:
    """How many workers have started, from the semaphore each one releases
    as it starts (:func:`_start_worker`)."""

    def __init__(self, context: Any, workers: int) -> None:
        self.semaphore = context.Semaphore(0)
        self.workers = workers
        self.count = 0

    def check(self) -> None:
        """Stop the run if a worker died (the system killed it, or it ran out
        of memory): the batch it held would never come back, and the run would
        wait for it for good."""
        while self.semaphore.acquire(False):
            self.count += 1
        if self.count > self.workers:
            raise RelcheckError("a worker process ended before its work was done (killed, or out of memory?); "
                                "nothing was written: run again, or with --jobs 1")


def _results(units: _Plan, audit: Optional[Audit], jobs: int) -> Iterator[list[UnitResult]]:
    if jobs <= 1 or units.total < PARALLEL_MIN_BYTES:
        yield from map(_run_batch, units)
        return
    import multiprocessing
    from collections import deque
    from multiprocessing.pool import AsyncResult

    # fork: workers start at once with everything already imported.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    workers = min(jobs, 64) - 1  # this process is the last of the jobs: it works too
    try:
        started = _Starts(context, workers)
        _glibc_function("prctl")  # looked up here: a worker must not wait for the loader's lock (see _start_worker)
        pool = context.Pool(processes=workers, initializer=_start_worker,
                            initargs=(_WORKER, os.getpid(), started.semaphore))
    except OSError:  # no processes to be had (a process limit): do the work here
        yield from map(_run_batch, units)
        return
    _LIVE_POOLS.append(pool)
    try:
        # In input order: finished batches (lists) and batches out with a worker.
        queue: deque[Union[list[UnitResult], AsyncResult[list[UnitResult]]]] = deque()
        for batch in units:
            # Keep every worker busy with batches queued behind it; meanwhile
            # this process works through batches of its own.  One batch more
            # than two a worker: this process also cuts the input and takes in
            # every result, so with an even share it finished last.
            busy = sum(1 for item in queue if not isinstance(item, list) and not item.ready())
            if busy < 2 * workers + 1:
                queue.append(pool.apply_async(_run_batch, (batch,)))
            else:
                queue.append(_run_batch(batch))
            started.check()
            while queue and (isinstance(queue[0], list) or queue[0].ready()):
                head = queue.popleft()
                yield head if isinstance(head, list) else head.get()
        for head in queue:
            while not isinstance(head, list) and not head.ready():
                head.wait(0.2)
                started.check()
            yield head if isinstance(head, list) else head.get()
    except BaseException:
        kill_workers()
        raise
    pool.close()
    pool.join()
    _LIVE_POOLS.remove(pool)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_audit(paths: Iterable[str], audit: AccountAudit, jobs: int = 1,
              progress: Optional[Callable[[int, int], None]] = None) -> Report[AccountResult]:
    """Audit every account in ``paths``: results every format can render."""
    accounts = Pairs()
    seen = run_into(paths, accounts, replace(audit, encode=""), jobs, progress)
    _check_filters(audit, seen)
    done = [result for _, result in accounts if isinstance(result, AccountResult)]
    return _compared(Report(as_of=audit.context.as_of, accounts=done, errors=seen.errors,
                            not_audited=seen.rejected), audit)


def run_audit_encoded(paths: Iterable[str], audit: AccountAudit, jobs: int = 1,
                      progress: Optional[Callable[[int, int], None]] = None,
                      encode: str = "json") -> Report[SpooledAccount]:
    """Audit every account in ``paths``, each one's parts of the report
    (``encode``: see ``reporting.account_parts``) made where it is audited
    and parked on disk as it arrives: a few strings cross between
    processes, and the run holds a few fields of each account, in columns."""
    spool = Spool()
    accounts = SpooledAccounts(spool)
    seen = run_into(paths, accounts, replace(audit, encode=encode, spool=spool), jobs, progress)
    _check_filters(audit, seen)
    return _compared(Report(as_of=audit.context.as_of, accounts=accounts, errors=seen.errors,
                            not_audited=seen.rejected), audit)


@cache
def _reporting() -> ModuleType:
    """The reporters, imported by the first account a run encodes."""
    from . import reporting

    return reporting


@lru_cache(maxsize=4096)
def _config_for(path: str) -> Optional[str]:
    """The config file that applies to ``path`` (looked up once per file of
    a run, not once per account: it resolves the folder on disk)."""
    from .config import config_for

    found = config_for(path)
    return str(found) if found is not None else None


def _check_filters(audit: AccountAudit, seen: Seen) -> None:
    """A filter that matches no account is a mistake (a typo, a partial
    name), never an empty green report: say so, with a did-you-mean."""
    owners = sorted(seen.owners)
    for wanted in audit.owners:
        if norm_name(wanted) not in {norm_name(o) for o in owners}:
            raise RelcheckError(f"--owner '{wanted}' matches no account{suggest(wanted, owners)}"
                                + ("" if suggest(wanted, owners) else
                                   f" (owners: {', '.join(owners[:8])}{', ...' if len(owners) > 8 else ''})"
                                   if owners else " (no account names an owner)"))
    tiers = sorted(seen.tiers)
    for wanted in audit.tiers:
        if wanted not in tiers:
            raise RelcheckError(f"--tier {wanted} matches no account (the accounts are "
                                f"{' or '.join(tiers) if tiers else 'none'})")


R = TypeVar("R", Report[AccountResult], Report[SpooledAccount])


def _compared(report: R, audit: AccountAudit) -> R:
    if audit.baseline is not None:
        report.baseline = audit.baseline.label
        report.resolved = audit.baseline.resolved(report.briefs)
    return report


def load_all(paths: Iterable[str], jobs: int = 1) -> tuple[list[AccountKey], list[InputError]]:
    """The key of every valid account in ``paths`` and every input error, in input order."""
    accounts, errors, _ = run(paths, None, jobs)
    return [key for key, _ in accounts], errors


@dataclass(frozen=True, repr=False)
class AccountAudit:
    """Audit one loaded account, unless the owner or tier filter leaves it out
    (picklable, so worker processes can run it)."""

    engine: Engine
    context: Context
    owners: tuple[str, ...] = ()  # any of these reps (``--owner``, repeatable); () = all
    tiers: tuple[str, ...] = ()  # any of these tiers (``--tier``, repeatable); () = all
    encode: str = ""  # also make the account's parts of a report (reporting.account_parts): "json", "markdown", ...
    spool: Optional[Spool] = None  # park what was encoded there, from whichever process audits
    baseline: Optional[Baseline] = None  # mark what changed, where the account is audited
    by_config: tuple[tuple[str, Engine, Context], ...] = ()
    """Engines of the config files found next to the inputs (nearest above
    each file); files with none found use ``engine``."""

    def setup_for(self, path: str) -> tuple[Engine, Context]:
        if self.by_config:
            found = _config_for(path)
            for config, engine, context in self.by_config:
                if found == config:
                    return engine, context
        return self.engine, self.context

    def __call__(self, loaded: LoadedAccount) -> Optional[Audited]:
        account = loaded.account
        if self.owners and norm_name(account.owner or "") not in {norm_name(o) for o in self.owners}:
            return None
        if self.tiers and account.tier.value not in self.tiers:
            return None
        engine, context = self.setup_for(loaded.path)
        facts = AccountFacts(account, context)
        result = decide(engine.audit_facts(facts, loaded.path, loaded.line), account, context,
                        loaded.interaction_lines, facts)
        if self.baseline is not None:
            result = self.baseline.mark(result)
        if not self.encode:
            return result
        encoded = EncodedAccount(result.brief, *_reporting().account_parts(result, self.encode, context.as_of))
        if self.spool is not None and self.spool.writable_here():
            return self.spool.add(encoded)
        return encoded
