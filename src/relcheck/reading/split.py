"""Cut a large ``accounts:`` file into slices of whole accounts.

A nightly export is one document with a long block list:

    accounts:
      - name: ...
        ...
      - name: ...

Each slice (a run of whole list items, about ``target`` bytes) is itself a
YAML block list, so it can be read, validated and audited on its own: by
another core, and without holding the whole file's objects in memory at
once.  Lines keep their indentation, so columns stay right, and each slice
knows the line it starts on.

Only files in exactly that shape are cut; anything else (flow style, several
documents, other top-level keys, tabs) is read whole.  A wrong cut cannot go
unnoticed: the slices would not parse, and the loader then reads the whole
file carefully.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

MIN_SPLIT_BYTES = 256 * 1024
"""Files smaller than this are read whole (one slice's worth: 256 KB of
one-line accounts is 17,000 of them, a second of work)."""

TARGET_SLICE_BYTES = 256 * 1024
"""About how much work each slice holds, in bytes of YAML (see :data:`ITEM_BYTES`)."""

TAIL_BYTES = 1 << 20
"""A run's last MiB of input goes out in slices (and batches of small
files) a quarter of the usual size, so the cores finish together: with full
ones, one core waited for the other's last one or two (50-90 ms of a 2 s
run)."""

ITEM_BYTES = 512
"""What an account (or a document) costs to audit besides its own bytes, in
bytes' worth of work: auditing one costs about as much as reading 600 bytes
of a large account (its result, notes and JSON line are made whatever its
size).  Slices are cut by bytes plus this much an item, so a slice of
one-line accounts holds about 500 of them, not 17,000, and both cores share
the work of a file of tiny accounts as evenly as one of large ones."""

# What may stand before "accounts:" and after it on its line: only what every
# YAML reader reads alike (an allow-list, not a list of dangers): blank
# lines of spaces, comments, one "---".  Anything else (a tab, a directive,
# another key) and the file is read whole.
_ACCOUNTS_LINE = re.compile(rb"""(?m)^(?:accounts|"accounts"|'accounts'):(?: +#[^\n]*)? *\n""")
_ACCOUNTS_KEYS = (b"accounts:", b'"accounts":', b"'accounts':")  # quoted: PyYAML's default_style='"', say
_PREFIX_LINE = re.compile(rb" *(?:#.*)?|---(?: +#.*)? *")
_FIRST_ITEM = re.compile(rb"(?m)^( *)-(?:[ \t]|\r?$)")
_TAB_INDENT = re.compile(rb"\n *\t")  # patterns start with a literal "\n": far faster than (?m)^


@dataclass(frozen=True, repr=False)
class ListShape:
    """Where a plain ``accounts:`` block list starts, and the patterns that
    find its items and anything that would end it."""

    body: int  # offset after the "accounts:" line
    first: int  # offset of the first item's line
    item: re.Pattern[bytes]  # "\n" + an item's dash at the items' indent
    outside: re.Pattern[bytes]  # "\n" + a line at or left of the items' indent that is no item
    shallow: re.Pattern[bytes]  # "\n" + a line at or left of the items' indent but an item's "- " (few)


def list_shape(data: bytes) -> Optional[ListShape]:
    """The shape of ``data``'s ``accounts:`` list when the header, what
    precedes it and the first item are what every YAML reader reads alike;
    None otherwise (the file is read whole)."""
    header = None
    for key in _ACCOUNTS_KEYS:
        at = 0 if data.startswith(key) else data.find(b"\n" + key) + 1
        if at or data.startswith(key):
            header = _ACCOUNTS_LINE.match(data, at)
            break
    if header is None:
        return None
    for prefix in data[: header.start()].split(b"\n"):
        if not _PREFIX_LINE.fullmatch(prefix):
            return None
    first = _first_item(data, header.end())  # blank lines and comments may come first
    if first is None:
        return None
    indent = len(first.group(1))
    item = re.compile(rb"\n" + b" " * indent + rb"-(?:[ \t]|\r?\n)")
    # Any other line at or left of the items' indent ends the list: then the
    # file has more than the list, and is read whole.  (Plain searches for a
    # newline followed by such a line: a look-ahead per line is ten times slower.)
    # A second "accounts:" (a duplicate key the careful reading reports) is such a line.
    shallower = b" {0,%d}" % (indent - 1) if indent else b"(?!)"
    outside = re.compile(
        rb"\n(?: {0,%d}[^ \t\r\n#-]| {0,%d}-[^ \t\r\n]|%s-)" % (indent, indent, shallower)
    )
    shallow = re.compile(rb"\n(?! {%d}| {%d}- )" % (indent + 1, indent))
    return ListShape(header.end(), first.start(), item, outside, shallow)


def plain_list_body(shape: ListShape, data: bytes, first: bool) -> bool:
    """Whether ``data`` (the whole input when ``first``, else a later piece
    of it that starts at a line start, behind a newline) holds only list
    items at the shape's indent and what belongs to them, and no tab
    indentation."""
    start = shape.first if first else 0
    # Only the few lines at or left of the items' indent that do not start
    # an item can end the list: found first, then each checked (0.4-0.6 of
    # the time of one search that tries every line three ways, on large and
    # on one-line accounts alike).
    outside = shape.outside.match
    if any(outside(data, line.start()) for line in shape.shallow.finditer(data, start)):
        return False
    tabs = shape.body if first else 0
    return data.find(b"\t", tabs) < 0 or _TAB_INDENT.search(data, tabs) is None


# A list may be closed by a document end marker ("...", as PyYAML writes with
# explicit_end=True) with nothing after it but blank lines and comments:
# what follows the list then says nothing, and is left out of its slices.
# Anything else after a "..." (another document) and the file is read whole.
_QUIET = rb"(?:[ \t]*(?:#[^\n]*)?\r?\n)*(?:[ \t]*(?:#[^\n]*)?\r?)?"
QUIET = re.compile(_QUIET)
"""Blank lines and comments (fullmatch), all that may follow a closing ``...``."""
_CLOSING = re.compile(rb"\.\.\.(?:[ \t]+#[^\n]*|[ \t]*)\r?(?:\n|\Z)" + _QUIET)
_CLOSING_SEARCH = 64 * 1024  # how far from the end a closing "..." is looked for


def list_end(data: bytes) -> tuple[bytes, bool]:
    """``data`` without a closing document end marker and what follows it
    (blank lines and comments), and whether it had one."""
    at = data.rfind(b"\n...", max(0, len(data) - _CLOSING_SEARCH)) + 1
    if (at or data.startswith(b"...")) and _CLOSING.fullmatch(data, at):
        return data[:at], True
    return data, False


def plain_list(data: bytes) -> Optional[tuple[ListShape, bytes, bool]]:
    """When the whole of ``data`` (the input, or its first piece) is a plain
    ``accounts:`` block list: its shape, ``data`` without a closing ``...``
    and the comments after it, and whether it had one; else None."""
    shape = list_shape(data)
    if shape is None:
        return None
    body, closed = list_end(data)
    return (shape, body, closed) if plain_list_body(shape, body, first=True) else None


def split_accounts(data: bytes, target: int = TARGET_SLICE_BYTES) -> Optional[list[tuple[int, bytes]]]:
    """``[(line_offset, slice), ...]`` covering every account of ``data``, or
    ``None`` when the file is not a plain ``accounts:`` block list."""
    found = plain_list(data)
    if found is None:
        return None
    shape, data, _ = found
    slices: list[tuple[int, bytes]] = []
    start = shape.first
    line = data.count(b"\n", 0, start)
    items = 1
    for match in shape.item.finditer(data, start):
        at = match.start() + 1  # the item's line starts after the newline
        if at - start + items * ITEM_BYTES >= target:
            slices.append((line, data[start:at]))
            line += data.count(b"\n", start, at)
            start, items = at, 0
        items += 1
    slices.append((line, data[start:]))
    return slices


DOCUMENT_START = re.compile(rb"\n---(?=[ \t\r\n]|\Z)")


def split_documents(data: bytes, target: int = TARGET_SLICE_BYTES) -> Optional[list[tuple[int, bytes]]]:
    """``[(line_offset, slice), ...]`` of groups of whole documents of a
    multi-document stream (``---`` at the start of a line always starts a
    document), or ``None`` when there is only one document or the stream
    uses directives (``%YAML``, ``%TAG``), which reach across documents."""
    if data.startswith(b"%") or b"\n%" in data:
        return None
    starts = [match.start() + 1 for match in DOCUMENT_START.finditer(data)]
    if not starts:
        return None
    boundaries = [0] + starts  # whatever precedes the first marker goes with it
    slices: list[tuple[int, bytes]] = []
    start = 0
    line = 0
    documents = 1
    for at in boundaries[1:]:
        if at - start + documents * ITEM_BYTES >= target:
            slices.append((line, data[start:at]))
            line += data.count(b"\n", start, at)
            start, documents = at, 0
        documents += 1
    slices.append((line, data[start:]))
    return slices if len(slices) > 1 else None


def _first_item(data: bytes, start: int) -> Optional[re.Match[bytes]]:
    """The first list item after ``start``, skipping blank and comment lines."""
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end == -1 else end + 1
        line = data[start:end].strip()
        if line and not line.startswith(b"#"):
            return _FIRST_ITEM.match(data, start)
        start = end
    return None



def item_pieces(data: bytes, line_offset: int) -> list[tuple[int, bytes]]:
    """Each list item of an items-only slice (starting with its first item
    line), as :func:`split_accounts` would cut it with the smallest target."""
    indent = len(data) - len(data.lstrip(b" "))
    item = re.compile(rb"\n" + b" " * indent + rb"-(?:[ \t]|\r?\n)")
    pieces: list[tuple[int, bytes]] = []
    start, line = 0, line_offset
    for match in item.finditer(data):
        at = match.start() + 1
        pieces.append((line, data[start:at]))
        line += data.count(b"\n", start, at)
        start = at
    pieces.append((line, data[start:]))
    return pieces


def local(data: bytes) -> bool:
    """Whether no anchor or alias could reach from one account to another
    (no ``&`` or ``*`` at all), so that each account can be read alone."""
    return b"&" not in data and b"*" not in data
