"""Editing an account file as text: insertions located by the reader's own
positions, so every byte that is not added stays exactly as written.

``log`` and ``import`` both append entries to an account's lists and
(``import``) whole accounts to a file.  New entries copy the style of the
one before them (a flow mapping on one line, or a block mapping at the same
indentation), and every text is written so that YAML reads back exactly the
text given (``no``, ``NO``, ``10:30``, ``1.10``).  Callers read the edited
bytes again with the loader before they replace anything.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import InputError, RelcheckError
from ..names import norm_name, suggest
from ..reading.accounts import FileResult, account_mappings
from ..reading.events import Positions, read_documents
from ..reading.guards import prepare

# Plain scalars that read back as the same text in YAML 1.1 and 1.2: a
# letter first, then letters, digits, spaces and a little punctuation, and
# none of the words or shapes YAML resolves to something else.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .'/-]*")
_RESOLVED = re.compile(r"(?i)(?:y|yes|n|no|true|false|on|off|null|nan|inf)")
# Characters a file may not hold raw (line breaks to YAML 1.1, controls,
# non-characters, a BOM): written as escapes, which read back as themselves.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def scalar(value: Any) -> str:
    """``value`` as YAML that reads back exactly as given."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not _RESOLVED.fullmatch(text) and text == text.strip():
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def value_text(value: Any) -> str:
    """A field's value: a scalar, or a list as ``[a, b]`` (one item alone)."""
    if isinstance(value, list):
        names = [scalar(v) for v in value]
        return names[0] if len(names) == 1 else "[" + ", ".join(names) + "]"
    return scalar(value)


def flow_item(item: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {value_text(v)}" for k, v in item.items()) + "}"


def block_item(item: dict[str, Any], dash_indent: int, key_column: int, newline: bytes) -> bytes:
    """``item`` as ``- key: value`` lines: the dash at ``dash_indent``, the
    keys at ``key_column`` (0-based)."""
    gap = b" " * max(key_column - dash_indent - 1, 1)
    return block_mapping(item, key_column, newline, b" " * dash_indent + b"-" + gap)


def block_mapping(item: dict[str, Any], key_column: int, newline: bytes, lead: bytes = b"") -> bytes:
    """``item`` as ``key: value`` lines at ``key_column`` (the first line
    starting with ``lead`` instead of spaces); lists of mappings as block lists."""
    key_pad = b" " * key_column
    out = []
    for n, (key, value) in enumerate(item.items()):
        start = lead if n == 0 and lead else key_pad
        if isinstance(value, list) and value and isinstance(value[0], dict):
            out.append(start + key.encode() + b":" + newline)
            for child in value:
                out.append(block_item(child, key_column + 2, key_column + 4, newline))
        else:
            out.append(start + f"{key}: {value_text(value)}".encode() + newline)
    return b"".join(out)


@dataclass(frozen=True)
class Insertion:
    index: int  # insert before this line (0-based; len(lines) appends)
    text: bytes
    rank: int = 0  # at one line: items of the list that ends there (0), then new keys (1), then accounts (2)


@dataclass(frozen=True)
class Located:
    """An account mapping as the reader found it in the file."""

    name: str
    data: dict[str, Any]
    positions: Positions
    where: tuple[int, int]  # where its mapping starts (1-based line, column)


def _indent(line: bytes) -> int:
    return len(line) - len(line.lstrip(b" "))


def _content(line: bytes) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith(b"#")


def end_of_block(lines: list[bytes], start: int, indent: int) -> int:
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


def newline_of(raw: bytes) -> bytes:
    return b"\r\n" if b"\r\n" in raw else (b"\r" if b"\r" in raw and b"\n" not in raw else b"\n")


def prepared(label: str, raw: bytes, verb: str) -> bytes:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RelcheckError(f"{label}: relcheck {verb} edits UTF-8 files only (this one is UTF-16)")
    data = prepare(label, raw)
    if isinstance(data, InputError):
        raise RelcheckError(str(data), [data])
    return data


def locate_accounts(label: str, data: bytes) -> Iterable[Located]:
    scratch = FileResult()
    for document in read_documents(data, positions=True):
        for raw, where in account_mappings(label, document, scratch):
            name = raw.get("name") if isinstance(raw, dict) else None
            if isinstance(name, str):
                yield Located(name.strip(), raw, document.positions, where)


def find_account(label: str, data: bytes, account_name: str) -> Located:
    wanted = norm_name(account_name)
    names: list[str] = []
    for found in locate_accounts(label, data):
        names.append(found.name)
        if norm_name(found.name) == wanted:
            return found
    raise RelcheckError(f"{label}: no account '{account_name}'{suggest(account_name, names)}")


def append_to_list(label: str, lines: list[bytes], found: Located, key: str, items: list[dict[str, Any]],
                   newline: bytes) -> Insertion:
    """Append ``items`` to the account's ``key:`` list (creating the key
    after the account's last line when it has none)."""
    data, positions, where = found.data, found.positions, found.where
    existing = data.get(key)
    if isinstance(existing, list) and existing:
        place = positions.at.get(id(existing))
        if not isinstance(place, list) or not place:
            raise RelcheckError(f"{label}: cannot locate the {key} of '{found.name}'")
        last_line, last_column = place[-1]
        index = last_line - 1
        text_line = lines[index]
        dash_indent = _indent(text_line.replace(b"\t", b" "))
        if not text_line.lstrip(b" ").startswith(b"-"):
            raise RelcheckError(f"{label}:{last_line}:{last_column}: the {key} of '{found.name}' are a "
                                f"flow list [...]; relcheck appends to block lists (one '- ' per line)")
        after_dash = text_line[dash_indent + 1:]
        if after_dash.lstrip(b" ").startswith(b"{"):  # flow items: one per line, spaced like the last
            gap = b" " * (len(after_dash) - len(after_dash.lstrip(b" ")))
            body = b"".join(b" " * dash_indent + b"-" + gap + flow_item(item).encode() + newline for item in items)
        else:
            body = b"".join(block_item(item, dash_indent, last_column - 1, newline) for item in items)
        return Insertion(end_of_block(lines, index, dash_indent), body)
    if key in data:
        at = positions.of_key(data, key)
        spot = f":{at[0]}:{at[1]}" if at else ""
        raise RelcheckError(f"{label}{spot}: the {key} of '{found.name}' are written empty "
                            f"({key}: [] or a bare key); write them as a block list to add to it")
    key_indent = where[1] - 1
    start = where[0] - 1
    in_list = lines[start].lstrip(b" ").startswith(b"-")
    end = end_of_block(lines, start, _indent(lines[start]) if in_list else -1)
    pad = b" " * key_indent
    body = pad + key.encode() + b":" + newline + b"".join(
        pad + b"  - " + flow_item(item).encode() + newline for item in items)
    return Insertion(end, body, rank=1)


def apply(raw: bytes, insertions: list[Insertion], newline: bytes) -> bytes:
    """``raw`` with every insertion made (where two share a line: the items
    of a list that ends there first, then new keys, then new accounts);
    nothing else changes, except that a last line without a line end gets
    one when something is added after it."""
    lines = raw.splitlines(keepends=True)
    if lines and not lines[-1].endswith((b"\n", b"\r")) and any(i.index >= len(lines) for i in insertions):
        lines[-1] += newline
    grouped: dict[int, list[bytes]] = {}
    for insertion in sorted(insertions, key=lambda i: i.rank):
        grouped.setdefault(min(insertion.index, len(lines)), []).append(insertion.text)
    for index in sorted(grouped, reverse=True):
        lines[index:index] = [b"".join(grouped[index])]
    return b"".join(lines)
