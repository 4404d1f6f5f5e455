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
