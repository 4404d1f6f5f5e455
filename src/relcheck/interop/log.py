"""``relcheck log``: append one interaction to an account, keeping the file as written.

The edit is an insertion located by the reader's own positions: the new
entry goes right after the account's last interaction (or, when the
account has none, a new ``interactions:`` key goes after the account's last
line), and every other byte of the file stays exactly as it was: comments,
blank lines, quoting, key order, line endings, other documents.  The new
entry copies the style of the one before it (a flow mapping on one line,
or a block mapping at the same indentation); every text is written so that
YAML reads back exactly the text given (``no``, ``NO``, ``10:30``,
``1.10``).  The edited bytes are read again by the same loader and must
hold the account with exactly one more interaction, the one given, before
the file is replaced atomically (keeping its permissions).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import InputError, RelcheckError
from ..names import norm_name, suggest
from ..reading.accounts import FileResult, account_mappings
from ..reading.events import Positions, read_documents
from ..reading.guards import prepare

FIELDS = ("date", "with", "direction", "channel", "purpose", "response", "questions", "talk_ratio",
          "next_step", "due", "notes")

# Plain scalars that read back as the same text in YAML 1.1 and 1.2: a
# letter first, then letters, digits, spaces and a little punctuation, and
# none of the words or shapes YAML resolves to something else.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .'/-]*")
_RESOLVED = re.compile(r"(?i)(?:y|yes|n|no|true|false|on|off|null|nan|inf)")


@dataclass(frozen=True)
class Entry:
    """The interaction to log, with names as the contacts list spells them."""

    values: dict[str, Any]

    def field(self, key: str) -> str:
        value = self.values[key]
        if key == "with":
            names = [scalar(v, flow=True) for v in value]
            return names[0] if len(names) == 1 else "[" + ", ".join(names) + "]"
        return scalar(value, flow=True)


def scalar(value: Any, flow: bool) -> str:
    """``value`` as YAML that reads back exactly as given."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not _RESOLVED.fullmatch(text) and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


@dataclass(frozen=True)
class Edit:
    before: bytes
    after: bytes
    line: int  # where the new entry starts


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _indent(line: bytes) -> int:
    return len(line) - len(line.lstrip(b" "))


def _content(line: bytes) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith(b"#")


def _end_of_block(lines: list[bytes], start: int, indent: int) -> int:
    """The index after the last line of the block that starts at line index
    ``start``: every following line indented deeper than ``indent`` belongs
    to it; trailing blank and comment lines stay where they are."""
    end = start + 1
    last = start
    while end < len(lines):
        line = lines[end]
        if _content(line):
            if _indent(line) <= indent or line.startswith((b"---", b"...")):
                break
            last = end
        end += 1
    return last + 1


def append_interaction(label: str, raw: bytes, account_name: str, entry: Entry) -> Edit:
    """The file with ``entry`` appended to ``account_name``'s interactions."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RelcheckError(f"{label}: relcheck log edits UTF-8 files only (this one is UTF-16)")
    prepared = prepare(label, raw)
    if isinstance(prepared, InputError):
        raise RelcheckError(str(prepared), [prepared])
    newline = b"\r\n" if b"\r\n" in raw else (b"\r" if b"\r" in raw and b"\n" not in raw else b"\n")
    found = _find(label, prepared, account_name)
    data, positions, where = found
    lines = _lines(raw)
    items = data.get("interactions")
    if isinstance(items, list) and items:
        place = positions.at.get(id(items))
        if not isinstance(place, list) or not place:
            raise RelcheckError(f"{label}: cannot locate the interactions of '{account_name}'")
        last_line, last_column = place[-1]
        first_index = last_line - 1
        dash_indent = _indent(lines[first_index].replace(b"\t", b" "))
        text_line = lines[first_index]
        if not text_line.lstrip(b" ").startswith(b"-"):
            raise RelcheckError(f"{label}:{last_line}:{last_column}: the interactions of '{account_name}' are a "
                                "flow list [...]; relcheck log appends to block lists (one '- ' per line)")
        end = _end_of_block(lines, first_index, dash_indent)
        body = _entry_text(entry, lines, first_index, dash_indent, last_column, newline)
    else:
        if "interactions" in data:
            key_line = positions.of_key(data, "interactions")
            at = f":{key_line[0]}:{key_line[1]}" if key_line else ""
            raise RelcheckError(f"{label}{at}: the interactions of '{account_name}' are written empty "
                                "(interactions: [] or a bare key); write them as a block list to log into it")
        key_indent = where[1] - 1
        start_index = where[0] - 1
        in_list = lines[start_index].lstrip(b" ").startswith(b"-")
        end = _end_of_block(lines, start_index, _indent(lines[start_index]) if in_list else -1)
        pad = b" " * key_indent
        fields = ", ".join(f"{k}: {entry.field(k)}" for k in FIELDS if k in entry.values)
        body = pad + b"interactions:" + newline + pad + b"  - {" + fields.encode() + b"}" + newline
    if end > 0 and not lines[end - 1].endswith((b"\n", b"\r")):
        lines[end - 1] += newline  # the last line had no line end
    after = b"".join(lines[:end]) + body + b"".join(lines[end:])
    return Edit(raw, after, end + 1)


def _entry_text(entry: Entry, lines: list[bytes], index: int, dash_indent: int, column: int,
                newline: bytes) -> bytes:
    """The new item in the style of the last one."""
    line = lines[index]
    after_dash = line[dash_indent + 1:]
    pad = b" " * dash_indent
    if after_dash.lstrip(b" ").startswith(b"{"):
        gap = b" " * (len(after_dash) - len(after_dash.lstrip(b" ")))
        fields = ", ".join(f"{k}: {entry.field(k)}" for k in FIELDS if k in entry.values)
        return pad + b"-" + gap + b"{" + fields.encode() + b"}" + newline
    key_pad = b" " * (column - 1)
    gap = b" " * max(column - 2 - dash_indent, 1)
    out = []
    for n, key in enumerate(k for k in FIELDS if k in entry.values):
        text = f"{key}: {entry.field(key)}".encode()
        out.append((pad + b"-" + gap if n == 0 else key_pad) + text + newline)
    return b"".join(out)


def _find(label: str, data: bytes, account_name: str) -> tuple[dict[str, Any], Positions, tuple[int, int]]:
    wanted = norm_name(account_name)
    names: list[str] = []
    scratch = FileResult()
    for document in read_documents(data, positions=True):
        for raw, where in account_mappings(label, document, scratch):
            name = raw.get("name") if isinstance(raw, dict) else None
            if isinstance(name, str):
                names.append(name.strip())
                if norm_name(name) == wanted:
                    return raw, document.positions, where
    raise RelcheckError(f"{label}: no account '{account_name}'{suggest(account_name, names)}")


def canonical_contacts(label: str, data: bytes, account_name: str, wanted: list[str]) -> list[str]:
    """The ``--with`` names as the account's contacts list spells them."""
    prepared = prepare(label, data)
    if isinstance(prepared, InputError):
        raise RelcheckError(str(prepared), [prepared])
    raw, _, _ = _find(label, prepared, account_name)
    contacts = [str(c["name"]).strip() for c in raw.get("contacts") or []
                if isinstance(c, dict) and isinstance(c.get("name"), str)]
    by_key = {norm_name(c): c for c in contacts}
    spelled = []
    for name in wanted:
        found = by_key.get(norm_name(name))
        if found is None:
            hint = suggest(name, contacts) or (f" (contacts: {', '.join(contacts)})" if contacts
                                                else " (the account lists no contacts)")
            raise RelcheckError(f"{label}: '{name}' is not a contact of '{account_name}'{hint}")
        spelled.append(found)
    return spelled
