"""Account files -> validated :class:`~relcheck.records.Account` records.

Every problem becomes an :class:`~relcheck.errors.InputError` naming
``path:line:col``; nothing here raises on bad input.  Each account is
validated on its own, so one broken account does not hide the good ones
beside it (the run still ends with exit code 2).

Two passes, one answer: the fast pass reads the file without recording where
each value is and converts accounts with :mod:`relcheck.fastpath`; if
anything at all looks wrong, the careful pass (:mod:`relcheck.diagnose`)
reads the file again with every position and the pydantic models, and its
result is the one that counts.  Valid files never pay for the careful pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .errors import InputError
from .fastpath import Refused, fast_account
from .records import Account
from .references import norm_name, reference_problems, suggest
from .sources import Source, read_source
from .yamlread import Document, YamlError, read_documents

__all__ = ["AccountKey", "LoadedAccount", "FileResult", "load_file", "load_bytes", "suggest", "unique_accounts"]


@dataclass(frozen=True)
class LoadedAccount:
    """A valid account and where it was written."""

    account: Account
    path: str
    line: int
    column: int


@dataclass(frozen=True)
class AccountKey:
    """What the run needs to know of every account to find duplicates."""

    name: str
    id: str | None
    path: str
    line: int
    column: int

    @classmethod
    def of(cls, loaded: LoadedAccount) -> "AccountKey":
        return cls(loaded.account.name, loaded.account.id, loaded.path, loaded.line, loaded.column)


@dataclass
class FileResult:
    """What one input file gave: its valid accounts and its errors."""

    accounts: list[LoadedAccount] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    declares_no_accounts: bool = False
    """The file says ``accounts: []`` on purpose: empty, but not an error."""


def load_file(source: Source) -> FileResult:
    """Read, parse and validate one input."""
    data = read_source(source)
    if isinstance(data, InputError):
        return FileResult(errors=[data])
    return load_bytes(source.label, data)


WHOLE, ITEMS, DOCUMENTS = "file", "items", "documents"
"""What ``load_bytes`` is given: a whole file, a slice of an ``accounts:``
list, or a slice of whole documents of a stream (see :mod:`relcheck.split`)."""


def load_bytes(label: str, data: bytes, line_offset: int = 0, kind: str = WHOLE) -> FileResult:
    """Parse and validate the bytes of one account file, or of a slice of one
    that starts ``line_offset`` lines into it.  A YAML error in a slice
    raises :class:`YamlError`, because the whole file must then be read
    again to tell what is really wrong."""
    problem = _binary_problem(label, data, line_offset) or _long_line(label, data, line_offset)
    if problem is not None:
        return FileResult(errors=[problem])
    try:
        return _fast(label, data, line_offset, kind)
    except YamlError:
        if kind != WHOLE:
            raise
    except Refused:
        pass
    from .diagnose import careful_load

    return careful_load(label, data, line_offset, kind)


def _binary_problem(label: str, data: bytes, line_offset: int) -> InputError | None:
    if b"\x00" not in data[:4096] or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    offset = data.index(b"\x00")
    line = data.count(b"\n", 0, offset) + 1 + line_offset
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return InputError(label, line, column, "this looks like a binary file, not YAML text (it contains NUL bytes)")


MAX_LINE_BYTES = 1 << 20
"""No line of an account file is this long; a longer one is refused before
parsing (a 100 MB value would otherwise cost seconds and a gigabyte)."""


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


def _fast(label: str, data: bytes, line_offset: int, kind: str) -> FileResult:
    result = FileResult()
    if kind == ITEMS:
        from .fastyaml import read_items

        read = read_items(data, line_offset)
        if read is not None:
            for raw, where in zip(*read):
                account = fast_account(raw)
                if reference_problems(account):
                    raise Refused
                result.accounts.append(LoadedAccount(account, label, *where))
            return result
    for document in read_documents(data, positions=False, line_offset=line_offset):
        for raw, where in account_mappings(label, document, result, kind == ITEMS):
            account = fast_account(raw)
            if reference_problems(account):
                raise Refused
            result.accounts.append(LoadedAccount(account, label, *where))
        if result.errors:
            raise Refused
    if not result.accounts and not result.declares_no_accounts and kind == WHOLE:
        raise Refused  # an empty file: let the careful pass say so
    return result


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
        accounts = []
    if not isinstance(accounts, list):
        kind = "a mapping" if isinstance(accounts, dict) else "text"
        hint = " (write each account as a list item starting with '- name:')" if isinstance(accounts, dict) else ""
        result.errors.append(InputError(label, *where, f"'accounts' should be a list of accounts, got {kind}{hint}"))
        return
    if not accounts:
        result.declares_no_accounts = True
    yield from _items(label, accounts, pos, result, where)


def _items(label: str, accounts: list, pos: Any, result: FileResult,
           where: tuple[int, int]) -> Iterator[tuple[Any, tuple[int, int]]]:
    for index, item in enumerate(accounts):
        item_at = pos.start.get(id(item)) or pos.of_value(accounts, index) or where
        if not isinstance(item, dict):
            result.errors.append(InputError(label, *item_at, "each item of 'accounts' should be an account mapping with 'name:'"))
            continue
        yield item, item_at


def unique_accounts(keys: list[AccountKey]) -> tuple[list[AccountKey], list[InputError]]:
    """Keep the first of accounts with the same name (or explicit id) in the
    run; each later one is an error naming the first."""
    errors: list[InputError] = []
    kept: list[AccountKey] = []
    names: dict[str, AccountKey] = {}
    ids: dict[str, AccountKey] = {}
    for item in keys:
        first = names.get(norm_name(item.name))
        if first is not None:
            errors.append(InputError(
                item.path, item.line, item.column,
                f"duplicate account '{item.name}' (first at {first.path}:{first.line}); "
                "account names must be unique across the run",
            ))
            continue
        if item.id and item.id in ids:
            first = ids[item.id]
            errors.append(InputError(
                item.path, item.line, item.column,
                f"duplicate account id '{item.id}' (also '{first.name}' at {first.path}:{first.line})",
            ))
            continue
        names[norm_name(item.name)] = item
        if item.id:
            ids[item.id] = item
        kept.append(item)
    return kept, errors
