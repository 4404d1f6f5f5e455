"""``relcheck import``: CRM exports into an account file, new or existing.

A new file is written whole.  Into an existing file (``--into``) only what
is new is added, as insertions located by the reader's positions (the same
mechanism as ``relcheck log``): a record whose CRM id is already in the
file (its ``ref:``), a contact already listed by name, a deal already listed
by name, is left exactly as the file has it, so hand edits survive every
re-import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..names import norm_name
from .crm import READERS
from .crmmodel import AccountOut, Export, assemble
from .crmvalues import Dates, looks_like_date
from .csvfile import read_table
from .yamltext import (
    Insertion,
    Located,
    append_to_list,
    apply,
    block_item,
    block_mapping,
    end_of_block,
    locate_accounts,
    newline_of,
    prepared,
)

LISTS = ("contacts", "deals", "interactions")


@dataclass
class Added:
    accounts: int = 0
    contacts: int = 0
    deals: int = 0
    interactions: int = 0
    kept: dict[str, int] = field(default_factory=lambda: {"contacts": 0, "deals": 0, "interactions": 0})

    def total(self) -> int:
        return self.accounts + self.contacts + self.deals + self.interactions


def read_export(crm: str, paths: list[Path], dates: Dates, default_direction: str) -> tuple[Export, list[AccountOut],
                                                                                            list[str]]:
    files = [f for path in paths for f in (sorted(path.glob("*.csv")) if path.is_dir() else [path])]
    tables = [read_table(path) for path in files]
    warnings = [w for t in tables for w in t.warnings]
    dates.learn([(f"{t.label}:{row.line}", v) for t in tables for row in t.rows for v in row.cells.values()
                 if looks_like_date(v)])
    export = Export(crm)
    READERS[crm](tables, export, dates)
    return export, assemble(export, default_direction), warnings


def _account_item(account: AccountOut) -> dict[str, Any]:
    item: dict[str, Any] = {"name": account.name}
    if account.owner:
        item["owner"] = account.owner
    for key in LISTS:
        if getattr(account, key):
            item[key] = getattr(account, key)
    return item


def render_new(accounts: list[AccountOut], crm: str) -> tuple[str, Added]:
    added = Added(len(accounts))
    body = [f"# Imported from {crm} by relcheck import. What the export did not say is left out;\n",
            "# re-import newer exports with --into: records already here (their ref:) are kept as written.\n",
            "version: 1\n"]
    if not accounts:
        body.append("accounts: []\n")
    else:
        body.append("accounts:\n")
        for account in accounts:
            body.append(block_item(_account_item(account), 2, 4, b"\n").decode("utf-8"))
            added.contacts += len(account.contacts)
            added.deals += len(account.deals)
            added.interactions += len(account.interactions)
    return "".join(body), added


def _refs(found: Located) -> set[str]:
    refs: set[str] = set()
    for key in LISTS:
        for item in found.data.get(key) or []:
            if isinstance(item, dict) and isinstance(item.get("ref"), str):
                refs.update(item["ref"].split())
    return refs


def _new_items(found: Located, account: AccountOut, refs: set[str], added: Added) -> dict[str, list[dict[str, Any]]]:
    """What of ``account`` the file does not hold yet, with names as the
    file spells them."""
    contacts = [c for c in found.data.get("contacts") or [] if isinstance(c, dict) and isinstance(c.get("name"), str)]
    spelled: dict[str, str] = {norm_name(c["name"]): c["name"].strip() for c in contacts}
    by_ref: dict[str, str] = {}
    for c in contacts:
        if isinstance(c.get("ref"), str):
            for ref in c["ref"].split():
                by_ref[ref] = c["name"].strip()
    rename: dict[str, str] = {}
    new: dict[str, list[dict[str, Any]]] = {key: [] for key in LISTS}
    for contact in account.contacts:
        known = by_ref.get(contact.get("ref", "")) or spelled.get(norm_name(contact["name"]))
        if known:
            rename[contact["name"]] = known
            added.kept["contacts"] += 1
            continue
        new["contacts"].append(contact)
        spelled[norm_name(contact["name"])] = contact["name"]
    deal_names = {norm_name(d["name"]) for d in found.data.get("deals") or []
                  if isinstance(d, dict) and isinstance(d.get("name"), str)}
    for deal in account.deals:
        if deal.get("ref") in refs or norm_name(deal["name"]) in deal_names:
            added.kept["deals"] += 1
            continue
        new["deals"].append(deal)
    for entry in account.interactions:
        if set(str(entry.get("ref", "")).split()) & refs:
            added.kept["interactions"] += 1
            continue
        entry = dict(entry, **{"with": [rename.get(n, n) for n in entry["with"]]})
        new["interactions"].append(entry)
    return new


def merge_into(label: str, raw: bytes, accounts: list[AccountOut]) -> tuple[bytes, Added]:
    """``raw`` with what is new in ``accounts`` added."""
    data = prepared(label, raw, "import")
    newline = newline_of(raw)
    lines = raw.splitlines(keepends=True)
    located = {norm_name(f.name): f for f in locate_accounts(label, data)}
    refs = set().union(*(_refs(f) for f in located.values())) if located else set()
    added = Added()
    insertions: list[Insertion] = []
    fresh: list[AccountOut] = []
    for account in accounts:
        found = located.get(norm_name(account.name))
        if found is None:
            fresh.append(account)
            continue
        new = _new_items(found, account, refs, added)
        for key in LISTS:
            if new[key]:
                insertions.append(append_to_list(label, lines, found, key, new[key], newline))
                setattr(added, key, getattr(added, key) + len(new[key]))
    if fresh:
        insertions.append(_append_accounts(label, data, lines, fresh, newline))
        added.accounts += len(fresh)
        for account in fresh:
            added.contacts += len(account.contacts)
            added.deals += len(account.deals)
            added.interactions += len(account.interactions)
    return apply(raw, insertions, newline), added


def _append_accounts(label: str, data: bytes, lines: list[bytes], accounts: list[AccountOut],
                     newline: bytes) -> Insertion:
    """New accounts after the file's last account: in its ``accounts:``
    list, block style at that list's indentation; a file of single-account
    documents gets one new document per account."""
    last = None
    for found in locate_accounts(label, data):
        last = found
    if last is None or not lines[last.where[0] - 1].lstrip(b" ").startswith(b"-"):
        body = b"".join(b"---" + newline + block_mapping(_account_item(a), 0, newline) for a in accounts)
        if last is None and not data.strip():
            body = body[len(b"---" + newline):]
        return Insertion(len(lines), body, rank=2)
    index = last.where[0] - 1
    dash = len(lines[index]) - len(lines[index].lstrip(b" "))
    body = b"".join(block_item(_account_item(a), dash, last.where[1] - 1, newline) for a in accounts)
    return Insertion(end_of_block(lines, index, dash), body, rank=2)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(crm: str, target: str, export: Export, added: Added, warnings: list[str], into: bool) -> list[str]:
    """What the import did, what it kept, and what it could not place (and why)."""
    lines = list(warnings)
    parts = [_count(added.accounts, "account"), _count(added.contacts, "contact"), _count(added.deals, "deal"),
             _count(added.interactions, "interaction")]
    verb = "added to" if into else "imported into"
    lines.append(f"relcheck: {crm} export {verb} {target}: {', '.join(parts)}.")
    kept = [_count(n, key[:-1]) for key, n in added.kept.items() if n]
    if kept:
        lines.append(f"  already in the file (kept as written): {', '.join(kept)}.")
    for reason, n in sorted(export.skipped.items()):
        lines.append(f"  left out on purpose: {n} {reason}.")
    if export.unplaced:
        by_reason: dict[str, list[tuple[str, str]]] = {}
        for where, what, reason in export.unplaced:
            by_reason.setdefault(reason, []).append((where, what))
        lines.append(f"  not placed: {_count(len(export.unplaced), 'record')}:")
        for reason, items in by_reason.items():
            shown = ", ".join(f"{what} at {where}" if where else what for where, what in items[:3])
            more = f" and {len(items) - 3} more" if len(items) > 3 else ""
            lines.append(f"    {len(items)} × {reason}: {shown}{more}")
    return lines
