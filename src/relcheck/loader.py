"""Account files -> validated :class:`~relcheck.model.Account` objects.

Every problem becomes an :class:`~relcheck.errors.InputError` naming
``path:line:col``; nothing here raises on bad input.  Each account is
validated on its own, so one broken account does not hide the good ones
beside it (the run still ends with exit code 2).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from pydantic import ValidationError

from .errors import InputError
from .model import Account, AccountFile, Contact, Deal, Interaction, OwnerSpell, Suppression, Trust
from .settings import SelectionError, resolve_rule
from .sources import Source, read_source
from .yamlread import Document, Positions, YamlError, read_documents


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


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ``; did you mean 'x'?`` suffix, or nothing when no choice is close."""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        starts = [c for c in choices if c.lower().startswith(word.lower() + " ")]
        close = starts[:1] if len(starts) == 1 else []
    if not close:
        lowered = {c.lower(): c for c in choices}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f"; did you mean '{close[0]}'?" if close else ""


def load_file(source: Source) -> FileResult:
    """Read, parse and validate one input."""
    data = read_source(source)
    if isinstance(data, InputError):
        return FileResult(errors=[data])
    return load_bytes(source.label, data)


def load_bytes(label: str, data: bytes) -> FileResult:
    """Parse and validate the bytes of one account file."""
    result = FileResult()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        offset = data.index(b"\x00")
        line = data.count(b"\n", 0, offset) + 1
        result.errors.append(
            InputError(label, line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1,
                       "this looks like a binary file, not YAML text (it contains NUL bytes)")
        )
        return result
    documents = 0
    try:
        for document in read_documents(data, positions=True):
            documents += 1
            _load_document(label, document, result)
    except YamlError as err:
        result.errors.append(InputError(label, err.line, err.column, err.message))
        return result
    if not result.accounts and not result.errors and not result.declares_no_accounts:
        message = "file holds no accounts (it is empty)" if documents == 0 else "file holds no accounts (only empty documents)"
        result.errors.append(InputError(label, 1, 1, message))
    return result


_TOP_KEYS = ("accounts", "version")


def _load_document(label: str, doc: Document, result: FileResult) -> None:
    data, pos = doc.data, doc.positions
    if data is None:
        return  # an empty document (a stray '---') holds nothing; see README
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"the value {data!r}"
        result.errors.append(InputError(
            label, doc.line, doc.column,
            f"expected a mapping with 'accounts:' (a list) or one account with 'name:', got {kind}",
        ))
        return
    if "accounts" not in data:
        if "name" in data or not data:
            _load_account(label, data, pos, result, where=(doc.line, doc.column))
            return
        unknown = next(iter(data))
        line, column = pos.of_key(data, unknown) or (doc.line, doc.column)
        result.errors.append(InputError(
            label, line, column,
            f"expected 'accounts:' (a list) or one account with 'name:', found '{unknown}'"
            + suggest(unknown, ("accounts", "name")),
        ))
        return
    for key in data:
        if key not in _TOP_KEYS:
            line, column = pos.of_key(data, key) or (doc.line, doc.column)
            result.errors.append(InputError(
                label, line, column,
                f"unknown top-level key '{key}'{suggest(key, _TOP_KEYS)} "
                "(a file holds 'accounts:' or a single account)",
            ))
    version = data.get("version")
    if version is not None and str(version).strip() != "1":
        line, column = pos.of_value(data, "version") or (doc.line, doc.column)
        result.errors.append(InputError(
            label, line, column, f"unsupported format version {version!r}; this relcheck reads version 1",
        ))
        return
    accounts = data["accounts"]
    line, column = pos.of_value(data, "accounts") or (doc.line, doc.column)
    if accounts is None:
        accounts = []
    if not isinstance(accounts, list):
        kind = "a mapping" if isinstance(accounts, dict) else "text"
        hint = " (write each account as a list item starting with '- name:')" if isinstance(accounts, dict) else ""
        result.errors.append(InputError(label, line, column, f"'accounts' should be a list of accounts, got {kind}{hint}"))
        return
    if not accounts:
        result.declares_no_accounts = True
    for index, item in enumerate(accounts):
        where = pos.of_value(accounts, index) or (line, column)
        if not isinstance(item, dict):
            result.errors.append(InputError(label, *where, f"accounts[{index}] should be an account mapping with 'name:'"))
            continue
        _load_account(label, item, pos, result, where)


def _load_account(label: str, data: dict, pos: Positions, result: FileResult, where: tuple[int, int]) -> None:
    try:
        account = Account.model_validate(data)
    except ValidationError as err:
        for problem in err.errors(include_url=False):
            result.errors.append(_validation_error(label, data, pos, problem, where))
        return
    problems = check_references(account, data, pos, label)
    if problems:
        result.errors.extend(problems)
        return
    name_at = pos.of_value(data, "name") or where
    result.accounts.append(LoadedAccount(account, label, *name_at))


# --- pydantic errors -> readable messages at the right place ------------------

_MODEL_OF_FIELD: dict[str, type] = {
    "owner_history": OwnerSpell,
    "contacts": Contact,
    "deals": Deal,
    "interactions": Interaction,
    "ignore": Suppression,
    "trust": Trust,
}


def _allowed_keys(model: type) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_at(loc: tuple) -> type:
    model: type = Account
    for part in loc:
        if isinstance(part, str) and part in _MODEL_OF_FIELD:
            model = _MODEL_OF_FIELD[part]
    return model


def _field_path(loc: tuple) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _choices(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" -> "a, b, c"."""
    return expected.replace("'", "").replace(" or ", ", ")


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    return repr(value)


def _validation_error(label: str, data: dict, pos: Positions, problem: dict, where: tuple[int, int]) -> InputError:
    loc = tuple(problem["loc"])
    kind = problem["type"]
    value = problem.get("input")

    last = loc[-1] if loc else None
    position = pos.locate(data, loc, where, at_key=kind == "extra_forbidden", at_container=kind == "missing")
    path = _field_path(loc)
    model = _model_at(loc[:-1] if kind in ("extra_forbidden", "missing") else loc)
    context = problem.get("ctx") or {}
    if kind == "extra_forbidden":
        owner = _field_path(loc[:-1]) or "account"
        message = f"unknown key '{last}' in {owner}{suggest(str(last), _allowed_keys(model))}"
        if value is None and " " in str(last):
            message += " (inside {...} a comma starts a new key: put a value with a comma in quotes)"
        elif not suggest(str(last), _allowed_keys(model)):
            message += f" (allowed: {', '.join(_allowed_keys(model))})"
    elif kind == "missing":
        owner = _field_path(loc[:-1]) or "account"
        message = f"missing required key '{last}' in {owner}"
    elif kind == "enum":
        message = f"{path}: invalid value {_describe(value)}; expected one of: {_choices(context.get('expected', ''))}"
    elif kind in ("date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"):
        message = f"{path}: {_describe(value)} is not a valid date (expected YYYY-MM-DD)"
    elif kind in ("int_parsing", "int_from_float", "int_type"):
        message = f"{path}: expected a whole number, got {_describe(value)}"
    elif kind in ("float_parsing", "float_type"):
        message = f"{path}: expected a number, got {_describe(value)}"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bounds = {
            "greater_than_equal": f"at least {_number(context.get('ge'))}",
            "less_than_equal": f"at most {_number(context.get('le'))}",
            "greater_than": f"more than {_number(context.get('gt'))}",
            "less_than": f"less than {_number(context.get('lt'))}",
        }[kind]
        message = f"{path}: {_number(value)} is out of range; it must be {bounds}"
    elif kind == "string_type":
        message = f"{path}: expected text, got {_describe(value)}"
    elif kind == "string_too_short":
        message = f"{path}: must not be empty"
    elif kind == "list_type":
        message = f"{path}: expected a list, got {_describe(value)}"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = f"{path or 'account'}: expected a mapping, got {_describe(value)}"
    elif kind == "too_short":
        message = f"{path}: must not be empty"
    elif kind == "value_error":
        message = f"{path or 'account'}: {str(problem['msg']).removeprefix('Value error, ')}"
    else:
        message = f"{path or 'account'}: {problem['msg']}"
    return InputError(label, position[0], position[1], message)


# --- references inside an account ---------------------------------------------

def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_references(account: Account, data: dict, pos: Positions, label: str) -> list[InputError]:
    """Contact names are unique and every ``with:`` names a contact."""
    errors: list[InputError] = []
    raw_contacts = data.get("contacts") or []
    seen: dict[str, int] = {}
    for index, contact in enumerate(account.contacts):
        key = _norm(contact.name)
        if key in seen:
            line, column = _at(pos, raw_contacts, index, "name")
            errors.append(InputError(
                label, line, column,
                f"contacts[{index}].name: duplicate contact '{contact.name}' "
                f"(also contacts[{seen[key]}]); contact names must be unique within an account",
            ))
        else:
            seen[key] = index
    errors.extend(_check_suppressions(account, data, pos, label))
    names = [c.name for c in account.contacts]
    raw_interactions = data.get("interactions") or []
    for index, interaction in enumerate(account.interactions):
        for slot, who in enumerate(interaction.with_):
            if _norm(who) in seen:
                continue
            raw_with = raw_interactions[index].get("with") if isinstance(raw_interactions[index], dict) else None
            if isinstance(raw_with, list):
                line, column = pos.of_value(raw_with, slot) or _at(pos, raw_interactions, index, "with")
            else:
                line, column = _at(pos, raw_interactions, index, "with")
            hint = suggest(who, names) or (
                f" (contacts: {', '.join(names)})" if names else " (the account lists no contacts)"
            )
            errors.append(InputError(
                label, line, column,
                f"interactions[{index}].with: '{who}' is not a contact of this account{hint}",
            ))
    return errors


def _check_suppressions(account: Account, data: dict, pos: Positions, label: str) -> list[InputError]:
    errors = []
    raw = data.get("ignore") or []
    for index, entry in enumerate(account.ignore):
        try:
            resolve_rule(entry.rule)
        except SelectionError as err:
            line, column = _at(pos, raw, index, "rule")
            errors.append(InputError(label, line, column, f"ignore[{index}].rule: {err}"))
    return errors


def _at(pos: Positions, items: list, index: int, key: str) -> tuple[int, int]:
    item = items[index] if index < len(items) else None
    found = pos.of_value(item, key) if isinstance(item, dict) else None
    return found or pos.of_value(items, index) or (1, 1)


def check_unique_accounts(loaded: list[LoadedAccount]) -> list[InputError]:
    """Account names (and explicit ids) must be unique across the whole run."""
    errors: list[InputError] = []
    names: dict[str, LoadedAccount] = {}
    ids: dict[str, LoadedAccount] = {}
    for item in loaded:
        key = _norm(item.account.name)
        first = names.get(key)
        if first is not None:
            errors.append(InputError(
                item.path, item.line, item.column,
                f"duplicate account '{item.account.name}' (first at {first.path}:{first.line}); "
                "account names must be unique across the run",
            ))
            continue
        names[key] = item
        if item.account.id:
            first = ids.get(item.account.id)
            if first is not None:
                errors.append(InputError(
                    item.path, item.line, item.column,
                    f"duplicate account id '{item.account.id}' (also '{first.account.name}' at {first.path}:{first.line})",
                ))
                continue
            ids[item.account.id] = item
    return errors


def unique_accounts(loaded: list[LoadedAccount]) -> tuple[list[LoadedAccount], list[InputError]]:
    """Split off the later duplicates of accounts already seen in the run."""
    errors = check_unique_accounts(loaded)
    bad = {(e.path, e.line, e.column) for e in errors}
    kept = [a for a in loaded if (a.path, a.line, a.column) not in bad]
    return kept, errors
