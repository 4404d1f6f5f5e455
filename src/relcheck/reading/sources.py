"""Turn command-line paths into the account files to read.

A path is a file, a directory (every ``*.yaml``/``*.yml`` below it, in sorted
order, skipping hidden folders and relcheck's own config files) or ``-`` for
standard input.  Files are read one at a time, when needed, and never written;
standard input is read when a run starts (a large one into a temporary file
of relcheck's own, see :func:`take_stdin`).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from ..errors import InputError

YAML_SUFFIXES = (".yaml", ".yml")
CONFIG_NAMES = frozenset({"relcheck.yaml", ".relcheck.yaml", "relcheck.yml", ".relcheck.yml"})
MAX_FILE_BYTES = 512 * 1024 * 1024
"""Refuse a single input larger than this before reading it."""


@dataclass(frozen=True, repr=False)
class Source:
    """One input to read: a file on disk or standard input."""

    label: str
    path: Optional[Path]

    def read(self) -> bytes:
        if self.path is None:
            if sys.stdin is None:
                raise OSError(9, "standard input is closed")
            # Never more than the limit, even from an endless pipe.
            return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        return self.path.read_bytes()


def file_error(path: str, message: str) -> InputError:
    """A problem with a whole file (missing, unreadable, too large), reported
    at line 1, column 1 as ruff and other linters do, so every input error
    has the same ``path:line:col: message`` shape."""
    return InputError(path, 1, 1, message)


def expand(paths: list[str]) -> Iterator[Union[Source, InputError]]:
    """Yield a :class:`Source` for every file to read, or an :class:`InputError`
    for a path that cannot be used."""
    for raw in paths:
        if raw == "-":
            yield Source("<stdin>", None)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in _yaml_files(path):
                if isinstance(file, InputError):
                    yield file
                    continue
                found = True
                yield Source(str(file), file)
            if not found:
                yield file_error(raw, "directory holds no *.yaml or *.yml files")
        elif path.exists():
            yield Source(raw, path)
        else:
            yield file_error(raw, "no such file or directory")


def _yaml_files(root: Path) -> Iterator[Union[Path, InputError]]:
    """Every YAML file below ``root`` in sorted order; a folder that cannot
    be read is an error, never silently skipped."""
    problems: list[OSError] = []

    def unreadable() -> Iterator[InputError]:
        while problems:
            err = problems.pop(0)
            yield file_error(str(err.filename or root), f"cannot read the folder: {err.strerror or err}")

    for folder, dirs, files in os.walk(root, onerror=problems.append):
        yield from unreadable()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES) and name not in CONFIG_NAMES:
                yield Path(folder) / name
    yield from unreadable()


def read_source(source: Source) -> Union[bytes, InputError]:
    """Read a source's bytes, or say why it cannot be read."""
    too_large = f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; split the export"
    try:
        data = _read_regular_file(source.path) if source.path is not None else source.read()
    except _NotRegular:
        return file_error(source.label, "not a regular file")
    except _TooLarge:
        return file_error(source.label, f"file is {too_large}")
    except PermissionError:
        return file_error(source.label, "permission denied: cannot read the file")
    except OSError as err:
        return file_error(source.label, f"cannot read the file: {err.strerror or err}")
    if len(data) > MAX_FILE_BYTES:
        return file_error(source.label, f"input is {too_large}")
    return data


HELD_STDIN_BYTES = 8 << 20
"""Standard input up to this size is kept in memory; more is copied to a
temporary file as it arrives and read from there as a file on disk, piece
by piece (:func:`take_stdin`)."""


def take_stdin(source: Source) -> Union[bytes, Source, InputError]:
    """Standard input, read now: its bytes when there are at most
    :data:`HELD_STDIN_BYTES` of them; else a source for a temporary file
    holding all of it (under the same label), which has no size limit as a
    file on disk has none when it is a plain ``accounts:`` list or a stream
    of documents; or why it cannot be read.  The caller removes the file
    (:func:`remove_taken`)."""
    import tempfile

    def cannot_read(err: OSError) -> InputError:
        return file_error(source.label, f"cannot read the file: {err.strerror or err}")

    try:
        if sys.stdin is None:
            raise OSError(9, "standard input is closed")
        stream = sys.stdin.buffer
        block = stream.read(HELD_STDIN_BYTES + 1)
    except OSError as err:
        return cannot_read(err)
    if len(block) <= HELD_STDIN_BYTES:
        return block
    name = None
    try:
        fd, name = tempfile.mkstemp(prefix="relcheck-stdin-", suffix=".yaml")
        with os.fdopen(fd, "wb") as out:
            while block:
                out.write(block)
                try:
                    block = stream.read(1 << 20)
                except OSError as err:
                    os.unlink(name)
                    return cannot_read(err)
    except BaseException as err:
        if name is not None:
            os.unlink(name)
        if not isinstance(err, OSError):
            raise
        return file_error(source.label, f"cannot keep standard input in the temporary folder {tempfile.gettempdir()}: "
                                        f"{err.strerror or err} (set TMPDIR to a folder with room)")
    return Source(source.label, Path(name))


def remove_taken(source: Source) -> None:
    """Remove the temporary file :func:`take_stdin` made for ``source``."""
    if source.path is not None:
        try:
            source.path.unlink()
        except OSError:
            pass


class _NotRegular(Exception):
    pass


class _TooLarge(Exception):
    pass


def _read_regular_file(path: Path) -> bytes:
    # One open and one fstat: O_NONBLOCK so that a FIFO named *.yaml cannot
    # block the run; anything but a regular file is refused unread.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise _NotRegular
        if status.st_size > MAX_FILE_BYTES:
            raise _TooLarge
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read()
    finally:
        os.close(fd)
