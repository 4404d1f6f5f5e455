"""The careful pass: read a file with every position recorded, validate each
account with the pydantic models, and say exactly what is wrong and where.

It runs only when the fast pass (:mod:`relcheck.loader`) refused something,
and its result is the authoritative one: accounts the models accept are kept
(converted to records), every problem becomes ``path:line:col: message``.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Optional

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import InputError
from ..format.schema import (
    Account,
    Contact,
    Deal,
    Interaction,
    OwnerSpell,
    Suppression,
    Trust,
    to_record,
)
from ..names import suggest
from .accounts import ITEMS, WHOLE, FileResult, LoadedAccount, account_mappings, interaction_lines, rejected
from .events import Positions, YamlError, read_documents
from .localize import read_by_item
from .references import reference_problems
from .split import local, plain_list


def careful_load(label: str, data: bytes, rules: Collection[str], line_offset: int = 0,
                 kind: str = WHOLE) -> FileResult:
    result = FileResult()
    documents = 0
    try:
        for document in read_documents(data, positions=True, line_offset=line_offset):
            documents += 1
            for raw, where in account_mappings(label, document, result, kind == ITEMS):
                _load_account(label, raw, document.positions, result, where, rules)
    except YamlError as err:
        if kind != WHOLE:
            raise
        by_item = _by_item(label, data, rules, line_offset)
        if by_item is not None:
            return by_item
        result.errors.append(InputError(label, err.line, err.column, err.message))
        return result
    if kind != WHOLE:
        return result  # emptiness is judged for the whole file
    if not result.accounts and not result.errors and not result.declares_no_accounts:
        message = "file holds no accounts (" + ("it is empty)" if documents == 0 else "only empty documents)")
        result.errors.append(InputError(label, 1 + line_offset, 1, message))
    return result


def _by_item(label: str, data: bytes, rules: Collection[str], line_offset: int) -> Optional[FileResult]:
    """A plain ``accounts:`` list with a syntax error, read account by
    account (see :mod:`.localize`), where no anchor or alias is written in
    the list (what comes before it, comments and all, cannot reach into an
    account without an alias in the list; the runner's slices hold only the
    list, and both readings must agree)."""
    found = plain_list(data)  # (without a closing "...": the slices leave it out too)
    if found is None:
        return None
    shape, data, _ = found
    items = data[shape.first:]
    if not local(items):
        return None
    return read_by_item(label, items, line_offset + data.count(b"\n", 0, shape.first),
                        lambda part, line: careful_load(label, part, rules, line, ITEMS), final=True)


def _load_account(label: str, data: Any, pos: Positions, result: FileResult, where: tuple[int, int],
                  rules: Collection[str]) -> None:
    try:
        model = Account.model_validate(data)
    except ValidationError as err:
        for problem in err.errors(include_url=False):
            result.errors.append(_validation_error(label, data, pos, problem, where))
        result.rejected.append(rejected(label, data, where))
        return
    account = to_record(model)
    problems = reference_problems(account, rules)
    if problems:
        for loc, message in problems:
            result.errors.append(InputError(label, *pos.locate(data, loc, where), message))
        result.rejected.append(rejected(label, data, where))
        return
    result.accounts.append(LoadedAccount(account, label, *where, interaction_lines(data, pos)))


# --- pydantic errors -> readable messages at the right place ------------------

_MODEL_OF_FIELD: dict[str, type[BaseModel]] = {
    "owner_history": OwnerSpell,
    "contacts": Contact,
    "deals": Deal,
    "interactions": Interaction,
    "ignore": Suppression,
    "trust": Trust,
}


def _allowed_keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel]:
    model: type[BaseModel] = Account
    for part in loc:
        if isinstance(part, str) and part in _MODEL_OF_FIELD:
            model = _MODEL_OF_FIELD[part]
    return model


def _field_path(loc: tuple[Any, ...]) -> str:
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


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _validation_error(label: str, data: Any, pos: Positions, problem: ErrorDetails,
                      where: tuple[int, int]) -> InputError:
    loc = tuple(problem["loc"])
    kind = problem["type"]
    value = problem.get("input")

    last = loc[-1] if loc else None
    position = pos.locate(data, loc, where, at_key=kind == "extra_forbidden", at_container=kind == "missing")
    path = _field_path(loc)
    model = _model_at(loc[:-1] if kind in ("extra_forbidden", "missing") else loc)
    context: dict[str, Any] = problem.get("ctx") or {}
    if kind == "extra_forbidden":
        owner = _field_path(loc[:-1]) or "account"
        message = f"unknown key '{last}' in {owner}{suggest(str(last), _allowed_keys(model))}"
        if value is None and " " in str(last):
            message += " (inside {...} a comma starts a new key: put a value with a comma in quotes)"
        elif not suggest(str(last), _allowed_keys(model)):
            message += f" (allowed: {', '.join(_allowed_keys(model))})"
    elif kind == "missing":
        owner = _field_path(loc[:-1]) or "account"
        holder = _value_at(data, loc[:-1])
        if isinstance(holder, dict) and last in holder:  # written, with no value
            position = pos.of_value(holder, last) or position
            message = f"{path}: has no value, but it is required"
        else:
            message = f"missing required key '{last}' in {owner}"
    elif kind == "enum":
        message = f"{path}: invalid value {_describe(value)}; expected one of: {_choices(context.get('expected', ''))}"
    elif kind in ("date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"):
        message = f"{path}: {_describe(value)} is not a valid date (expected YYYY-MM-DD)"
    elif kind in ("int_parsing", "int_from_float", "int_type"):
        message = f"{path}: expected a whole number, got {_describe(value)}"
    elif kind == "finite_number":
        message = f"{path}: {_describe(value)} is not a finite number"
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


