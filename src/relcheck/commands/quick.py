"""``relcheck audit`` without typer, for the plain command lines scripts
and people type: ``audit PATH... [--format json] [--as-of DAY] [-q] ...``.

Importing typer and building its commands takes about a third of a small
audit's time.  This parser reads the audit's options in their plain forms
(``--opt VALUE``, ``--opt=VALUE``, ``-f VALUE``, flags, paths in any order)
and gives up, returning ``None``, on anything else: help, an unknown or
repeated option, an option's value that is empty or starts with ``-``,
bundled short options, ``--``, a value typer would refuse, or an option
value the command itself refuses (:func:`relcheck.commands.audit.check`).
typer then parses the command line and says what is wrong, so every usage
error reads the same.  ``tests/test_quick.py`` holds it to typer's reading
of thousands of generated command lines."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, TypeVar

if TYPE_CHECKING:
    from .audit import AuditOptions

_E = TypeVar("_E", bound=Enum)

_VALUES = {
    "--format": "fmt", "-f": "fmt", "--as-of": "as_of", "--config": "config", "--select": "select",
    "--ignore": "ignore", "--fail-on": "fail_on", "--owner": "owner", "--tier": "tier", "--output": "output",
    "-o": "output", "--jobs": "jobs", "-j": "jobs", "--baseline": "baseline", "--sort": "sort", "--by": "by",
}
_FLAGS = {
    "--quiet": ("quiet", True), "-q": ("quiet", True), "--color": ("color", True), "--no-color": ("color", False),
    "--fail-on-new": ("fail_on_new", True), "--statistics": ("statistics", True),
    "--show-settings": ("show_settings", True),
}
_REPEATABLE = {"select", "ignore", "owner", "tier"}
_PATHS = {"config", "output", "baseline"}


def quick_audit(args: Sequence[str], environ: Mapping[str, str]) -> Optional[Callable[[], int]]:
    """The audit ``args`` ask for, ready to run, or ``None`` for typer to handle."""
    options = parse_audit(args, environ)
    if options is None:
        return None
    from .audit import audit, check
    from .console import Usage

    try:
        checked = check(options)
    except Usage:
        return None
    return partial(audit, options, checked)


def parse_audit(args: Sequence[str], environ: Mapping[str, str]) -> Optional[AuditOptions]:
    """The :class:`~relcheck.commands.audit.AuditOptions` typer would make
    of ``args``, or ``None`` when this parser cannot be sure of that."""
    if not args or args[0] != "audit" or any(k.startswith("_") and k.endswith("_COMPLETE") for k in environ):
        return None  # another command, or a shell asking typer for completions
    from ..reporting import Format
    from ..review.order import Sort
    from .audit import AuditOptions

    paths: list[str] = []
    values: dict[str, Any] = {}
    tokens = iter(args[1:])
    for token in tokens:
        if any("\udc80" <= c <= "\udcff" for c in token):
            return None  # bytes that were not UTF-8: typer decides what they mean
        if token == "-" or not token.startswith("-"):
            paths.append(token)
            continue
        name, equals, inline = token.partition("=")
        if name in _FLAGS and not equals:
            flag_field, flag = _FLAGS[name]
            if flag_field in values:
                return None
            values[flag_field] = flag
            continue
        field = _VALUES.get(name) if name.startswith("--") or not equals else None  # -f=json means "=json"
        raw = inline if equals else next(tokens, None)
        if field is None or raw is None or raw == "" or raw.startswith("-"):
            return None
        if field in _REPEATABLE:
            values.setdefault(field, []).append(raw)
            continue
        if field in values:
            return None
        value: Any = raw
        if field == "fmt":
            value = _choice(Format, raw)
        elif field == "sort":
            value = _choice(Sort, raw)
        elif field == "jobs":
            value = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 and int(raw) >= 1 else None
        elif field in _PATHS:
            value = Path(raw)
        if value is None:
            return None
        values[field] = value
    if not paths:
        return None
    return AuditOptions(paths=paths, **values)


def _choice(kind: type[_E], raw: str) -> Optional[_E]:
    """The member of an option's choices named ``raw`` in any case, as typer reads it."""
    wanted = raw.casefold()
    return next((member for member in kind if member.value.casefold() == wanted), None)
