"""Write a report: to a file so that readers never see half of it, and in
batches of a useful size."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Optional, TextIO, cast

from ..errors import check_stop


def _mode_for(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces,
    else what a new file gets under the user's umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def _atomic(path: Path) -> Iterator[TextIO]:
    """A text stream into a temporary file beside ``path``, renamed into
    place when the block ends without an exception: an interrupted run
    leaves the old file (or none), never a torn one.  The file keeps the
    permissions of the one it replaces (or the umask's)."""
    folder = path.parent if str(path.parent) else Path(".")
    mode = _mode_for(path)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        check_stop()  # never put a report in place after a signal asked to stop (see errors.stop_asked)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def write_atomically(path: Path, text: str) -> None:
    with _atomic(path) as stream:
        stream.write(text)


@contextmanager
def open_report(path: Path) -> Iterator[TextIO]:
    """Where ``--output`` says a report goes: a regular file (or a new one)
    atomically, keeping its permissions; through a symlink, to the file it
    points at (the link stays); a device or a FIFO (``/dev/stdout``, a pipe
    a script made) is written into, never replaced by a regular file."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(21, "is a directory")
        with open(path, "w", encoding="utf-8") as stream:
            yield stream
        return
    with _atomic(path.resolve() if path.is_symlink() else path) as stream:
        yield stream


def write_report(path: Path, text: str) -> None:
    with open_report(path) as stream:
        stream.write(text)


def bytes_under(out: TextIO) -> Optional[BinaryIO]:
    """The byte stream under ``out`` when text written to ``out`` reaches
    it unchanged (UTF-8, no newline translation), flushed so that bytes
    written to it come after the text written so far; else None."""
    buffer = getattr(out, "buffer", None)
    encoding = (getattr(out, "encoding", None) or "").lower().replace("_", "-")
    if buffer is None or encoding not in ("utf-8", "utf8") or os.linesep != "\n":
        return None
    out.flush()
    return cast(BinaryIO, buffer)


def write_joined(out: BinaryIO, items: Iterable[bytes], first: bytes, between: bytes) -> bool:
    """``first`` and the first of ``items``, then ``between`` and each of the
    others, written about :data:`BATCH_CHARS` bytes at a time; whether
    there was any item."""
    batch: list[bytes] = []
    size = 0
    lead = first
    for item in items:
        batch.append(item)
        size += len(item)
        if size >= BATCH_CHARS:
            out.write(lead + between.join(batch))
            batch, size, lead = [], 0, between
    if batch:
        out.write(lead + between.join(batch))
        lead = between
    return lead is between


BATCH_CHARS = 1 << 16
"""About how much text a report writes at a time."""


def write_batched(out: TextIO, texts: Iterable[str], end: str = "",
                  shown: Callable[[str], str] = lambda text: text) -> None:
    """Each of ``texts`` followed by ``end``, passed through ``shown`` and
    written about :data:`BATCH_CHARS` at a time: a text stream's ``write``
    costs more than a small account's text, and a batch of large accounts
    must not grow into a large string."""
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= BATCH_CHARS:
            out.write(shown(end.join(batch) + end))
            batch, size = [], 0
    if batch:
        out.write(shown(end.join(batch) + end))
