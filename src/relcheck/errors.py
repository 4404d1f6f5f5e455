"""relcheck's own exception and error-record types.

Domain code raises these; only the CLI turns them into messages and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True, order=True)
class InputError:
    """One problem with one input, reported as ``path:line:col: message``."""

    path: str
    line: Optional[int]
    column: Optional[int]
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}


class RelcheckError(Exception):
    """A usage or configuration problem that stops the run (exit code 2)."""

    def __init__(self, message: str, errors: Optional[list[InputError]] = None) -> None:
        super().__init__(message)
        self.errors = errors or []


class ConfigError(ValueError):
    """Settings that cannot be used (unknown rule, bad threshold): exit code 2."""


class Stopped(BaseException):
    """SIGTERM or SIGHUP, turned into an exception so the run unwinds like
    Ctrl-C (the report's temporary file removed, the workers stopped)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_STOPS: list[int] = []
"""The signals that asked this process to stop, in the order they came."""


def stop_asked(signum: int) -> None:
    """Keep a signal's request to stop (its handler then raises as well).
    Python runs a handler between two steps of whatever the main thread is
    doing; inside a weakref callback or a ``__del__`` (the import system
    runs such callbacks) the exception it raises is dropped with an
    "Exception ignored" note, and the run would go on to the end.  What is
    kept here is raised again at the next :func:`check_stop`."""
    _STOPS.append(signum)


def check_stop() -> None:
    """Raise the stop a signal asked for, if one did: KeyboardInterrupt for
    Ctrl-C, :class:`Stopped` for the others."""
    if _STOPS:
        import signal

        if _STOPS[0] == signal.SIGINT:
            raise KeyboardInterrupt
        raise Stopped(_STOPS[0])


def stop_signal() -> int:
    """The first signal that asked this process to stop, or 0."""
    return _STOPS[0] if _STOPS else 0
