"""Find and read ``relcheck.yaml`` / ``.relcheck.yaml``.

Discovery walks from the current directory upward and takes the first file
found; ``--config FILE`` names one explicitly.  Every problem is an
:class:`~relcheck.errors.InputError` at ``path:line:col``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

from .checking.registry import SelectionError, resolve_rule
from .checking.rule import option_names
from .checking.settings import Settings, split_codes
from .checking.typed import typed
from .errors import InputError, RelcheckError
from .names import suggest
from .reading.events import Positions, YamlError, read_documents
from .reading.guards import prepare

CONFIG_FILES = ("relcheck.yaml", ".relcheck.yaml")
# pydantic says "extra_forbidden" for models and "unexpected_keyword_argument" for dataclasses.
UNKNOWN_KEY = ("extra_forbidden", "unexpected_keyword_argument")


def discover(start: Path) -> Optional[Path]:
    """The nearest config file in ``start`` or a folder above it."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: Path) -> Settings:
    """Read and validate one config file, or raise :class:`RelcheckError`."""
    label = str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise RelcheckError(f"{label}: cannot read the config file: {err.strerror or err}") from None
    prepared = prepare(label, raw)
    if isinstance(prepared, InputError):
        raise _fail(prepared)
    try:
        documents = list(read_documents(prepared))
    except YamlError as err:
        raise _fail(InputError(label, err.line, err.column, err.message)) from None
    if not documents or documents[0].data is None:
        return Settings()
    doc = documents[0]
    data, pos = doc.data, doc.positions
    if not isinstance(data, dict):
        raise _fail(InputError(label, doc.line, doc.column, "the config file should be a mapping of options")) from None
    _check_rule_keys(label, data, pos)
    from pydantic import ValidationError

    cleaned = {key: split_codes(value) if key in ("select", "ignore") else value for key, value in data.items()}
    try:
        return typed(Settings, cleaned)
    except ValidationError as err:
        problem = err.errors(include_url=False)[0]
        raise _fail(_config_error(label, data, pos, problem, (doc.line, doc.column))) from None


def _fail(error: InputError) -> RelcheckError:
    return RelcheckError(str(error), [error])


def _config_error(label: str, data: Any, pos: Positions, problem: ErrorDetails, where: tuple[int, int]) -> InputError:
    loc = tuple(problem["loc"])
    kind = problem["type"]
    line, column = pos.locate(data, loc, where, at_key=kind in UNKNOWN_KEY, at_container=kind == "missing")
    dotted = ".".join(str(p) for p in loc)
    if kind in UNKNOWN_KEY:
        options = option_names(Settings) if len(loc) == 1 else []
        message = f"unknown option '{dotted}'{suggest(str(loc[-1]), options)}"
    else:
        message = f"{dotted}: {problem['msg']}"
    return InputError(label, line, column, message)


def _check_rule_keys(label: str, data: dict[Any, Any], pos: Positions) -> None:
    """Per-rule sections name real rules, and their thresholds exist."""
    for section in ("rules", "severity"):
        table = data.get(section)
        if not isinstance(table, dict):
            continue
        for token, values in table.items():
            line, column = pos.of_key(table, token) or (1, 1)
            try:
                rule = resolve_rule(str(token))
            except SelectionError as err:
                raise _fail(InputError(label, line, column, f"{section}: {err}")) from None
            if section != "rules" or not isinstance(values, dict):
                continue
            from pydantic import ValidationError

            try:
                typed(rule.options, values)
            except ValidationError as err:
                problem = err.errors(include_url=False)[0]
                name = str(problem["loc"][0]) if problem["loc"] else ""
                at_key = problem["type"] in UNKNOWN_KEY
                line, column = pos.locate(values, tuple(problem["loc"]), (line, column), at_key=at_key)
                if at_key:
                    message = (f"rules.{token}: unknown option '{name}' for {rule.code} {rule.slug}"
                               f"{suggest(name, option_names(rule.options))}")
                else:
                    message = f"rules.{token}.{name}: {problem['msg']}"
                raise _fail(InputError(label, line, column, message)) from None


def settings_for(config: Optional[Path], cwd: Path) -> tuple[Settings, Optional[Path]]:
    """The settings of ``--config`` or of the discovered file (or defaults)."""
    path = config if config is not None else discover(cwd)
    if path is None:
        return Settings(), None
    if config is not None and not config.is_file():
        raise RelcheckError(f"{config}: config file not found")
    return load_config(path), path
