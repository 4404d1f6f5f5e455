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

__all__ = ["LoadedAccount", "FileResult", "load_file", "load_bytes", "suggest", "unique_accounts"]


@dataclass(frozen=True)
class LoadedAccount:
    """A valid account and where it was written."""

    account: Account
    path: str
    line: int
    column: int


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


def load_bytes(label: str, data: bytes, line_offset: int = 0) -> FileResult:
    """Parse and validate the bytes of one account file (or one slice of one,
    starting ``line_offset`` lines into the file)."""
    binary = _binary_problem(label, data, line_offset)
    if binary is not None:
        return FileResult(errors=[binary])
    try:
        return _fast(label, data, line_offset)
    except (Refused, YamlError):
        from .diagnose import careful_load

        return careful_load(label, data, line_offset)


def _binary_problem(label: str, data: bytes, line_offset: int) -> InputError | None:
    if b"\x00" not in data[:4096] or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    offset = data.index(b"\x00")
    line = data.count(b"\n", 0, offset) + 1 + line_offset
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return InputError(label, line, column, "this looks like a binary file, not YAML text (it contains NUL bytes)")


def _fast(label: str, data: bytes, line_offset: int) -> FileResult:
    result = FileResult()
    documents = 0
    for document in read_documents(data, positions=False, line_offset=line_offset):
        documents += 1
        for raw, where in account_mappings(label, document, result):
            account = fast_account(raw)
            if reference_problems(account):
                raise Refused
            result.accounts.append(LoadedAccount(account, label, *where))
        if result.errors:
            raise Refused
    if not result.accounts and not result.declares_no_accounts:
        raise Refused  # an empty file: let the careful pass say so
    return result


_TOP_KEYS = ("accounts", "version")


def account_mappings(label: str, doc: Document, result: FileResult) -> Iterator[tuple[Any, tuple[int, int]]]:
    """Each account mapping in a document, with where it starts; problems
    with the document's shape are added to ``result.errors``."""
    data, pos = doc.data, doc.positions
    top = (doc.line, doc.column)
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
    for index, item in enumerate(accounts):
        item_at = pos.start.get(id(item)) or pos.of_value(accounts, index) or where
        if not isinstance(item, dict):
            result.errors.append(InputError(label, *item_at, f"accounts[{index}] should be an account mapping with 'name:'"))
            continue
        yield item, item_at


def unique_accounts(loaded: list[LoadedAccount]) -> tuple[list[LoadedAccount], list[InputError]]:
    """Keep the first of accounts with the same name (or explicit id) in the
    run; each later one is an error naming the first."""
    errors: list[InputError] = []
    kept: list[LoadedAccount] = []
    names: dict[str, LoadedAccount] = {}
    ids: dict[str, LoadedAccount] = {}
    for item in loaded:
        first = names.get(norm_name(item.account.name))
        if first is not None:
            errors.append(InputError(
                item.path, item.line, item.column,
                f"duplicate account '{item.account.name}' (first at {first.path}:{first.line}); "
                "account names must be unique across the run",
            ))
            continue
        explicit = item.account.id
        if explicit and explicit in ids:
            first = ids[explicit]
            errors.append(InputError(
                item.path, item.line, item.column,
                f"duplicate account id '{explicit}' (also '{first.account.name}' at {first.path}:{first.line})",
            ))
            continue
        names[norm_name(item.account.name)] = item
        if explicit:
            ids[explicit] = item
        kept.append(item)
    return kept, errors
