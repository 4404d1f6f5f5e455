"""The shape of a document: which mappings in it are accounts.

Both readings of a file (the fast one and the careful one) walk documents
with these functions, so they agree on what counts as an account, and where
it starts, by construction.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Optional

from ..compact import Interned, StringIndex
from ..errors import InputError
from ..format.records import Account
from ..names import name_key, suggest
from .events import Document, Positions

WHOLE, ITEMS, DOCUMENTS = "file", "items", "documents"
"""What ``load_bytes`` is given: a whole file, a slice of an ``accounts:``
list, or a slice of whole documents of a stream (see :mod:`relcheck.split`)."""



@dataclass(frozen=True, repr=False)
class LoadedAccount:
    """A valid account, where it was written, and the line of each of its
    interactions (0 where unknown), for notes that name a record."""

    account: Account
    path: str
    line: int
    column: int
    interaction_lines: tuple[int, ...] = ()


@dataclass(frozen=True, repr=False)
class Rejected:
    """An account left out because of input errors: named in every report."""

    name: Optional[str]
    owner: Optional[str]
    path: str
    line: int

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "owner": self.owner, "path": self.path, "line": self.line}


def interaction_lines(raw: Any, positions: Positions) -> tuple[int, ...]:
    """The line where each interaction of a raw account mapping starts."""
    items = raw.get("interactions") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        return ()
    start = positions.start
    return tuple(start.get(id(item), (0, 0))[0] for item in items)


def rejected(label: str, raw: Any, where: tuple[int, int]) -> Rejected:
    def text(key: str) -> Optional[str]:
        value = raw.get(key) if isinstance(raw, dict) else None
        return value.strip() if isinstance(value, str) and value.strip() else None

    return Rejected(text("name"), text("owner"), label, where[0])


@dataclass(slots=True)  # not frozen: one per account (see AccountResult)
class AccountKey:
    """What the run needs to know of every account to find duplicates."""

    name: str
    id: str | None
    path: str
    line: int
    column: int
    owner: Optional[str] = None
    tier: Optional[str] = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (AccountKey, (self.name, self.id, self.path, self.line, self.column, self.owner, self.tier))

    @classmethod
    def of(cls, loaded: LoadedAccount) -> AccountKey:
        account = loaded.account
        return cls(account.name, account.id, loaded.path, loaded.line, loaded.column, account.owner,
                   account.tier.value)


@dataclass(repr=False)
class FileResult:
    """What one input file gave: its valid accounts and its errors."""

    accounts: list[LoadedAccount] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    declares_no_accounts: bool = False
    """The file says ``accounts: []`` on purpose: empty, but not an error."""


_TOP_KEYS = ("accounts", "version")


def account_mappings(label: str, doc: Document, result: FileResult,
                     items_only: bool = False) -> Iterator[tuple[Any, tuple[int, int]]]:
    """Each account mapping in a document, with where it starts; problems
    with the document's shape are added to ``result.errors``.  With
    ``items_only`` the document is a slice of an ``accounts:`` list."""
    data, pos = doc.data, doc.positions
    top = (doc.line, doc.column)
    if items_only:
        yield from _items(label, data if isinstance(data, list) else [data], pos, result, top)
        return
    if data is None:
        return  # an empty document (a stray '---') holds nothing; see README
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"the value {data!r}"
        result.errors.append(InputError(
            label, *top, f"expected a mapping with 'accounts:' (a list) or one account with 'name:', got {kind}",
        ))
        return
    if "accounts" not in data:
        if "name" in data or not data:
            yield data, pos.start.get(id(data), top)
            return
        unknown = next(iter(data))
        result.errors.append(InputError(
            label, *(pos.of_key(data, unknown) or top),
            f"expected 'accounts:' (a list) or one account with 'name:', found '{unknown}'"
            + suggest(unknown, ("accounts", "name")),
        ))
        return
    for key in data:
        if key not in _TOP_KEYS:
            result.errors.append(InputError(
                label, *(pos.of_key(data, key) or top),
                f"unknown top-level key '{key}'{suggest(key, _TOP_KEYS)} "
                "(a file holds 'accounts:' or a single account)",
            ))
    version = data.get("version")
    if version is not None and str(version).strip() != "1":
        result.errors.append(InputError(
            label, *(pos.of_value(data, "version") or top),
            f"unsupported format version {version!r}; this relcheck reads version 1",
        ))
        return
    accounts = data["accounts"]
    where = pos.of_value(data, "accounts") or pos.start.get(id(accounts)) or top
    if accounts is None:
        # "accounts:" and nothing after it is what a truncated export looks
        # like; only "accounts: []" says "nothing here" on purpose.
        result.errors.append(InputError(
            label, *where, "'accounts' is empty; write 'accounts: []' if the file is empty on purpose"))
        return
    if not isinstance(accounts, list):
        kind = "a mapping" if isinstance(accounts, dict) else "text"
        hint = " (write each account as a list item starting with '- name:')" if isinstance(accounts, dict) else ""
        result.errors.append(InputError(label, *where, f"'accounts' should be a list of accounts, got {kind}{hint}"))
        return
    if not accounts:
        result.declares_no_accounts = True
    yield from _items(label, accounts, pos, result, where)


def _items(label: str, accounts: list[Any], pos: Positions, result: FileResult,
           where: tuple[int, int]) -> Iterator[tuple[Any, tuple[int, int]]]:
    for index, item in enumerate(accounts):
        item_at = pos.start.get(id(item)) or pos.of_value(accounts, index) or where
        if not isinstance(item, dict):
            result.errors.append(InputError(
                label, *item_at, "each item of 'accounts' should be an account mapping with 'name:'"))
            continue
        yield item, item_at


class Uniques:
    """Accounts with the same name (or explicit id) in a run: the first
    counts, each later one is an error naming the first (checked as
    accounts arrive, so a run need not hold them all to find out).  Kept
    flat (see :mod:`relcheck.compact`): a run of a million accounts keeps a
    name, a place and an id of each, not a key object."""

    def __init__(self) -> None:
        self._names = StringIndex(name_key)  # the n-th account kept, as it spells its name
        self._ids = StringIndex()
        self._id_owner = array("q")  # the account (its number in _names) of each id
        self._paths: Interned[str] = Interned()
        self._path = array("q")  # of each account kept: its file's number in _paths
        self._line = array("q")

    def check(self, item: AccountKey) -> Optional[InputError]:
        first, slot, hashed = self._names.locate(item.name)
        if first >= 0:
            return InputError(item.path, item.line, item.column,
                              f"duplicate account '{item.name}' (first at {self._where(first)}); "
                              "account names must be unique across the run")
        if item.id:
            same, id_slot, id_hash = self._ids.locate(item.id)
            if same >= 0:
                first = self._id_owner[same]
                return InputError(item.path, item.line, item.column,
                                  f"duplicate account id '{item.id}' (also '{self._names.strings[first]}' at "
                                  f"{self._where(first)})")
            self._ids.insert(item.id, id_slot, id_hash)
            self._id_owner.append(len(self._names))
        self._names.insert(item.name, slot, hashed)
        self._path.append(self._paths.number(item.path))
        self._line.append(item.line)
        return None

    def _where(self, number: int) -> str:
        return f"{self._paths.values[self._path[number]]}:{self._line[number]}"

    def mark(self) -> tuple[int, int]:
        """Where the check is now, to go back to with :meth:`truncate`."""
        return len(self._names), len(self._ids)

    def truncate(self, mark: tuple[int, int]) -> None:
        """Forget the accounts checked since ``mark`` (their input is read again)."""
        names, ids = mark
        self._names.truncate(names)
        del self._path[names:], self._line[names:]
        self._ids.truncate(ids)
        del self._id_owner[ids:]


def unique_accounts(keys: list[AccountKey]) -> tuple[list[AccountKey], list[InputError]]:
    """Keep the first of accounts with the same name (or explicit id) in the
    run; each later one is an error naming the first."""
    uniques = Uniques()
    errors: list[InputError] = []
    kept: list[AccountKey] = []
    for item in keys:
        error = uniques.check(item)
        if error is None:
            kept.append(item)
        else:
            errors.append(error)
    return kept, errors
