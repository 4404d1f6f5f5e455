"""Find and read ``relcheck.yaml`` / ``.relcheck.yaml``.

Discovery walks from the current directory upward and takes the first file
found; ``--config FILE`` names one explicitly.  Every problem is an
:class:`~relcheck.errors.InputError` at ``path:line:col``.
"""

from __future__ import annotations

import stat
from functools import lru_cache
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
    found = _walk(str(start.resolve()))
    return Path(found) if found else None


@lru_cache(maxsize=4096)
def _discover(folder: str) -> Optional[str]:
    """:func:`discover`, remembered per folder for one run (every account of
    a file asks); :func:`forget_discovered` starts each run afresh."""
    return _walk(folder)


def forget_discovered() -> None:
    _discover.cache_clear()
    _resolved.cache_clear()


@lru_cache(maxsize=4096)
def _resolved(folder: str) -> str:
    """``folder`` resolved, remembered for one run: the files of one folder
    (a thousand of them, say) resolve it once."""
    return str(Path(folder or ".").resolve())


def _walk(folder: str) -> Optional[str]:
    start = Path(folder)
    for candidate_folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = candidate_folder / name
            if candidate.is_file():
                return str(candidate)
    return None


def config_for(label: str) -> Optional[Path]:
    """The config that applies to an input: the nearest one above the file
    (as ruff finds its config), or above the current directory for stdin."""
    folder = Path.cwd() if label == "<stdin>" else Path(label).parent
    found = _discover(_resolved(str(folder)))
    return Path(found) if found else None


def refuse_if_others_can_write(path: Path) -> None:
    """A config found by walking up (not named with ``--config``) is refused
    when others can write to it or to its folder: in a shared temporary
    directory anyone could plant ``ignore: [ALL]`` and turn a cron job green."""
    for target in (path.parent, path):
        try:
            mode = target.stat().st_mode
        except OSError:
            continue
        if mode & stat.S_IWOTH:
            what = "folder" if target == path.parent else "file"
            raise RelcheckError(
                f"{path}: refusing a config whose {what} others can write to ({target}); "
                f"move it, tighten the permissions, or name it with --config {path} to use it anyway")


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
    content = [d for d in documents if d.data is not None]
    if len(content) > 1:
        extra = content[1]
        raise _fail(InputError(label, extra.line, extra.column,
                               "a config file holds one document; this second one would be ignored"))
    if not content:
        return Settings()
    doc = content[0]
    data, pos = doc.data, doc.positions
    if not isinstance(data, dict):
        raise _fail(InputError(label, doc.line, doc.column, "the config file should be a mapping of options")) from None
    _check_rule_keys(label, data, pos)
    _check_selection(label, data, pos)
    from pydantic import ValidationError

    cleaned = {key: split_codes(value) if key in ("select", "ignore") else value for key, value in data.items()}
    try:
        return typed(Settings, cleaned)
    except ValidationError as err:
        problem = err.errors(include_url=False)[0]
        raise _fail(_config_error(label, data, pos, problem, (doc.line, doc.column))) from None


def _check_selection(label: str, data: dict[Any, Any], pos: Positions) -> None:
    """Every code, prefix or slug in ``select:`` and ``ignore:`` names a
    rule; the error points at the one that does not."""
    from .checking.registry import match_rules

    for key in ("select", "ignore"):
        value = data.get(key)
        items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        for index, item in enumerate(items):
            tokens = split_codes(item) if isinstance(item, str) else []
            for token in tokens if isinstance(tokens, list) else []:
                try:
                    match_rules(str(token))
                except SelectionError as err:
                    where = (pos.of_value(value, index) if isinstance(value, list) else pos.of_value(data, key))
                    line, column = where or pos.of_key(data, key) or (1, 1)
                    raise _fail(InputError(label, line, column, f"{key}: {err}")) from None


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
