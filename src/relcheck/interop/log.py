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

from dataclasses import dataclass
from typing import Any

from ..errors import RelcheckError
from ..names import norm_name, suggest
from .yamltext import append_to_list, apply, find_account, newline_of, prepared

FIELDS = ("date", "with", "direction", "channel", "purpose", "response", "questions", "talk_ratio",
          "next_step", "due", "notes")


@dataclass(frozen=True)
class Entry:
    """The interaction to log, with names as the contacts list spells them."""

    values: dict[str, Any]

    def item(self) -> dict[str, Any]:
        return {key: self.values[key] for key in FIELDS if key in self.values}


@dataclass(frozen=True)
class Edit:
    before: bytes
    after: bytes
    line: int  # where the new entry starts


def append_interaction(label: str, raw: bytes, account_name: str, entry: Entry) -> Edit:
    """The file with ``entry`` appended to ``account_name``'s interactions."""
    data = prepared(label, raw, "log")
    found = find_account(label, data, account_name)
    newline = newline_of(raw)
    insertion = append_to_list(label, raw.splitlines(keepends=True), found, "interactions", [entry.item()], newline)
    return Edit(raw, apply(raw, [insertion], newline), insertion.index + 1)


def canonical_contacts(label: str, raw: bytes, account_name: str, wanted: list[str]) -> list[str]:
    """The ``--with`` names as the account's contacts list spells them."""
    found = find_account(label, prepared(label, raw, "log"), account_name)
    contacts = [str(c["name"]).strip() for c in found.data.get("contacts") or []
                if isinstance(c, dict) and isinstance(c.get("name"), str)]
    by_key = {norm_name(c): c for c in contacts}
    spelled = []
    for name in wanted:
        known = by_key.get(norm_name(name))
        if known is None:
            hint = suggest(name, contacts) or (f" (contacts: {', '.join(contacts)})" if contacts
                                                else " (the account lists no contacts)")
            raise RelcheckError(f"{label}: '{name}' is not a contact of '{account_name}'{hint}")
        spelled.append(known)
    return spelled
