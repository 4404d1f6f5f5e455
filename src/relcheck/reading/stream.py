"""A large export read piece by piece from disk, never held whole.

A nightly export can be larger than memory should hold.  When it is one
plain ``accounts:`` block list or a stream of documents, it is read in
pieces of :data:`PIECE_BYTES` (each cut after a line end), each piece
checked by the same guards as a whole input (:func:`.guards.prepare`,
lines counted on from the pieces before it) and cut into slices of whole
accounts or whole documents as :mod:`.split` cuts a whole input.  Slices
go out as they are cut, so memory follows the work in flight.

Whatever shows that the input is not that shape, or is not text the
guards accept, stops the reading with :class:`ReadWhole`: the input is
then read whole, as any smaller file, and that reading is the one that
counts (what earlier slices found is dropped), so a file read piece by
piece reads exactly as it would whole.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from typing import Optional

from ..errors import InputError
from .accounts import DOCUMENTS, ITEMS
from .guards import prepare
from .sources import MAX_FILE_BYTES, Source
from .split import DOCUMENT_START, ITEM_BYTES, QUIET, TAIL_BYTES, ListShape, list_end, plain_list, plain_list_body

PIECE_BYTES = 8 << 20
"""How much of the file is read at a time (a line longer than this is
refused by the guards anyway: see ``MAX_LINE_BYTES``)."""

FIRST_PIECE_BYTES = 1 << 20
"""The first read is smaller: its slices go to the workers while the rest
is read, so the second core has work about 10 ms into the reading instead
of after a whole piece is read and checked (70-100 ms)."""


class ReadWhole(Exception):
    """Read this input whole (the located problem, when a guard found one)."""

    def __init__(self, error: Optional[InputError] = None) -> None:
        super().__init__(str(error) if error else "read whole")
        self.error = error


def _pieces(source: Source) -> Iterator[bytes]:
    """The file's bytes in pieces that each end with a line end (but the last)."""
    assert source.path is not None
    fd = os.open(source.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ReadWhole
        carry = b""
        size = min(FIRST_PIECE_BYTES, PIECE_BYTES)
        while True:
            block = stream.read(size)
            size = PIECE_BYTES
            if not block:
                break
            data = carry + block if carry else block
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                if len(data) > 2 * PIECE_BYTES:
                    raise ReadWhole  # one line this long: the guards say so on the whole reading
                carry = data
                continue
            yield data[:cut]
            carry = data[cut:]
        if carry:
            yield carry


def slices(source: Source, target: int) -> Iterator[tuple[int, bytes, str]]:
    """``(line_offset, slice, kind)`` for the whole input, cut as it is read."""
    label = source.label
    assert source.path is not None
    tail = os.stat(source.path).st_size - TAIL_BYTES  # where smaller slices begin (roughly: it only paces the work)
    line = 0
    cutter: Optional[_Cutter] = None
    shape: Optional[ListShape] = None
    closed = False  # the list ended with "..." (see split.list_end)
    for number, raw in enumerate(_pieces(source)):
        if number == 0 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ReadWhole  # UTF-16: converted whole
        data = prepare(label, raw, line, start=number == 0)
        if isinstance(data, InputError):
            raise ReadWhole(data)
        line += data.count(b"\n")
        if closed:
            if not QUIET.fullmatch(data):
                raise ReadWhole  # more than blank lines and comments after the closing "...": another document
            continue
        if cutter is None:
            found = plain_list(data)  # (None for more than one list, a stream of documents say, as in split_accounts)
            if found is not None:
                shape, body, closed = found
                cutter = _Cutter(shape.item, ITEMS, target, data.count(b"\n", 0, shape.first), tail - shape.first)
                data = body[shape.first:]
            else:
                cutter = _Cutter(DOCUMENT_START, DOCUMENTS, target, 0, tail)
        elif shape is not None:
            data, closed = list_end(data)
            if not plain_list_body(shape, b"\n" + data, first=False):
                raise ReadWhole
        if cutter.kind == DOCUMENTS and (data.startswith(b"%") or b"\n%" in data):
            raise ReadWhole  # directives reach across documents
        yield from cutter.feed(data)
    if cutter is None:
        raise ReadWhole  # an empty file
    yield from cutter.end()


class _Cutter:
    """Cuts consecutive prepared pieces at boundary lines (list items or
    document markers) into slices of about ``target`` bytes, a quarter of
    that from byte ``tail`` of what it is fed on."""

    def __init__(self, boundary: re.Pattern[bytes], kind: str, target: int, line: int, tail: int) -> None:
        self.boundary, self.kind, self.target, self.tail = boundary, kind, target, tail
        self.fed = 0  # bytes fed before the buffer's start
        self.buffer = b""
        self.line = line  # where the buffer starts
        self.items = 1  # items (or documents) begun in the buffer: its first one, then each boundary
        self.cuts = 0
        self.boundaries = False  # a boundary seen after the start

    def feed(self, data: bytes) -> Iterator[tuple[int, bytes, str]]:
        buffer = self.buffer + data if self.buffer else data
        start = 0
        items = self.items
        # Boundaries in what was carried over were counted when it came.
        for match in self.boundary.finditer(b"\n" + buffer, len(self.buffer)):
            at = match.start()  # the boundary line starts here in ``buffer``
            if at == 0:
                continue  # the buffer's first item, already counted
            self.boundaries = True
            target = self.target if self.fed + start < self.tail else self.target // 4
            if at - start + items * ITEM_BYTES >= target:
                yield self.line, buffer[start:at], self.kind
                self.line += buffer.count(b"\n", start, at)
                self.cuts += 1
                start, items = at, 0
            items += 1
        self.items = items
        self.fed += start
        self.buffer = buffer[start:]
        if self.kind == DOCUMENTS and not self.boundaries and len(self.buffer) > MAX_FILE_BYTES:
            raise ReadWhole  # one document this large: the whole reading says so

    def end(self) -> Iterator[tuple[int, bytes, str]]:
        if self.kind == DOCUMENTS and not self.cuts:
            raise ReadWhole  # a single document (or few small ones): read whole, as split_documents would
        yield self.line, self.buffer, self.kind
