"""Byte-level checks over a whole input, before any YAML reader sees it.

Both readings of a file (the fast pass and the careful pass) get the same
bytes from here, and those bytes are already known to be
text that YAML readers agree on:

* UTF-16 with a byte-order mark becomes UTF-8, and a UTF-8 byte-order mark
  is dropped (both are how YAML says "this is the encoding");
* line breaks become LF: CRLF and a lone CR are line breaks to every YAML
  reader, and YAML turns them into LF inside values anyway, so line
  numbers, columns and values stay as they were;
* anything that is not YAML text is refused at its ``line:col``: invalid
  UTF-8, NUL and other control characters (C0 but tab and newline, DEL,
  C1), the non-characters U+FFFE and U+FFFF, a byte-order mark after the
  start, and the Unicode line separators NEL (U+0085), U+2028 and U+2029,
  which YAML 1.1 (libyaml) reads as line breaks and YAML 1.2 as text (an
  editor may show them either way): rather than pick one reading silently,
  relcheck asks for a newline or a space;
* no line may be longer than :data:`MAX_LINE_BYTES`.

Lines are counted as the YAML reader counts them (LF, CRLF or CR), and
columns in characters, so a position from here and one from libyaml name
the same place.  Every check is a C-speed scan of the whole input
(``bytes.translate``, ``bytes.find``, ``bytes.decode``, one regular
expression led by a literal byte): a clean 14 MB file costs a few
milliseconds.
"""

from __future__ import annotations

import re
from typing import Union

from ..errors import InputError

MAX_LINE_BYTES = 1 << 20
"""No line of an account file is this long; a longer one is refused before
parsing (a 100 MB value would otherwise cost seconds and a gigabyte)."""

# Bytes that may appear anywhere: tab, LF, printable ASCII, and every byte
# of a multi-byte UTF-8 sequence (checked by decoding, below).
_GOOD_BYTES = bytes([0x09, 0x0A]) + bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))

# Characters that pass UTF-8 decoding but not the checks above, as UTF-8:
# C1 controls (U+0080-U+009F, NEL among them), U+2028, U+2029, U+FEFF,
# U+FFFE, U+FFFF.  Each alternative starts with a literal byte.
_BAD_SEQUENCES = re.compile(rb"\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]|\xef(?:\xbb\xbf|\xbf[\xbe\xbf])")

_NAMES = {
    "\x85": "NEL (U+0085, next line)",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\u2029": "U+2029 PARAGRAPH SEPARATOR",
    "\ufeff": "a byte-order mark (U+FEFF)",
}


def position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset`` in
    LF-only UTF-8 ``data``."""
    offset = max(0, min(offset, len(data)))
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def prepare(label: str, data: bytes, line_offset: int = 0, start: bool = True) -> Union[bytes, InputError]:
    """``data`` as LF-only UTF-8 that every reader reads the same way, or
    the first reason it cannot be read, at its ``line:col``.  ``start``:
    ``data`` is the start of the input (a byte-order mark may stand there);
    a later piece of an input read piece by piece is checked alike, lines
    counted from ``line_offset``."""
    converted = _as_utf8(data) if start else data
    if isinstance(converted, int):
        return _error(label, b"", 0, line_offset, "the file is UTF-16 but is not valid UTF-16 text")
    data = converted
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    problem = _bad_byte(label, data, line_offset) or _bad_text(label, data, line_offset)
    return problem or _long_line(label, data, line_offset) or data


def _as_utf8(data: bytes) -> Union[bytes, int]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and not data.startswith(b"\xff\xfe\x00\x00"):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeError:
            return -1
    return data


def _error(label: str, data: bytes, offset: int, line_offset: int, message: str) -> InputError:
    line, column = position(data, offset)
    return InputError(label, line + line_offset, column, message)


def _bad_byte(label: str, data: bytes, line_offset: int) -> InputError | None:
    bad = data.translate(None, _GOOD_BYTES)
    if not bad:
        return None
    offset = min(data.find(bytes([b])) for b in set(bad))
    byte = data[offset]
    if byte == 0:
        message = "this looks like a binary file, not YAML text (it contains NUL bytes)"
    else:
        message = (f"control character 0x{byte:02X} is not allowed in YAML text "
                   "(remove it; a tab or a newline is fine)")
    return _error(label, data, offset, line_offset, message)


def _bad_text(label: str, data: bytes, line_offset: int) -> InputError | None:
    if data.isascii():
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return _error(label, data, err.start, line_offset,
                      f"the file is not valid UTF-8 text (byte 0x{data[err.start]:02X}); "
                      "save it as UTF-8")
    found = _BAD_SEQUENCES.search(data)
    if found is None:
        return None
    char = found.group().decode("utf-8")
    if char in ("\x85", "\u2028", "\u2029"):
        message = (f"{_NAMES[char]} is a line break to some YAML readers and text to others; "
                   "replace it with a newline or a space")
    elif char == "\ufeff":
        message = f"{_NAMES[char]} inside the file; remove it (only the very start may have one)"
    elif char in ("\ufffe", "\uffff"):
        message = f"U+{ord(char):04X} is not a character; remove it"
    else:
        message = f"control character U+{ord(char):04X} is not allowed in YAML text; remove it"
    return _error(label, data, found.start(), line_offset, message)


def _long_line(label: str, data: bytes, line_offset: int) -> InputError | None:
    # Any line of MAX_LINE_BYTES or more fills a whole window of half that
    # size without a newline: a few dozen C-speed searches per 10 MB.
    step = MAX_LINE_BYTES // 2
    for start in range(0, max(len(data) - step, 0) + 1, step):
        if len(data) - start >= step and data.find(b"\n", start, start + step) == -1:
            begin = data.rfind(b"\n", 0, start) + 1
            end = data.find(b"\n", begin)
            length = (len(data) if end == -1 else end) - begin
            if length < MAX_LINE_BYTES:
                continue
            line = data.count(b"\n", 0, begin) + 1 + line_offset
            return InputError(label, line, 1, f"line is {length:,} bytes long; relcheck refuses lines over "
                                              f"{MAX_LINE_BYTES // 1024} KiB (no account field needs one)")
    return None
