"""Text from the files, made safe to show on a terminal or in a document.

The byte guards refuse raw control characters, but YAML's escapes
(``"\\e[31m"``, ``"\\x9b"``, ``"\\u202e"``) can still put them into a value.
Before any text report or message reaches a terminal, every control
character (C0 but tab and newline, DEL, C1), the line separators and the
bidirectional overrides that can make text read backwards are shown as
their escape (``\\x1b``, ``\\u202e``), so a name can never move the cursor,
recolour the screen or disguise itself.  JSON escapes them by itself.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every character that could act on a terminal escaped."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text
