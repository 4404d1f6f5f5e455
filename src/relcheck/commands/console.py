"""What every command says and writes: messages on stderr, the report on
stdout or in ``--output`` (atomically), the exit code.  No typer here: the
quick path (:mod:`relcheck.commands.quick`) runs without it."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Optional, TextIO

if TYPE_CHECKING:
    from ..errors import InputError


class Usage(Exception):
    """A value the command line gave that the command cannot use.  typer
    shows it with the usage line (``Invalid value for '--as-of': ...``);
    the quick path hands the whole command line to typer instead."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def say(message: str) -> None:
    """One line on stderr, with anything a terminal would act on made visible."""
    from ..reporting.visible import visible

    try:
        sys.stderr.write(visible(message) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # stderr closed or full: nothing more can be said


def stop(err: Exception) -> NoReturn:
    """Say what stopped the run (located errors one per line) and exit 2."""
    errors = getattr(err, "errors", None)
    if errors:
        report_errors(errors)
    else:
        say(f"relcheck: {err}")
    raise SystemExit(2) from None


def report_errors(errors: list[InputError]) -> None:
    for error in errors:
        say(str(error))


def terminal(flag: Optional[bool], output: Optional[Path]) -> tuple[bool, bool]:
    """(boxes and tables, colour) for the table report.  The layout follows
    whether the report goes to a terminal; ``NO_COLOR`` (or ``--no-color``)
    removes colour only; ``FORCE_COLOR`` (or ``--color``) gives colour, and
    the terminal layout with it, even in a pipe."""
    to_terminal = output is None and sys.stdout.isatty()
    forced = os.environ.get("FORCE_COLOR", "") not in ("", "0") or flag is True
    no_color = bool(os.environ.get("NO_COLOR")) or flag is False
    layout = to_terminal or forced
    return layout, layout and (forced or not no_color) and flag is not False


def write_text(text: str, stream: TextIO) -> None:
    stream.write(text)


def emit(text: str, output: Optional[Path]) -> None:
    emit_with(partial(write_text, text), output)


def emit_with(write: Callable[[TextIO], object], output: Optional[Path]) -> None:
    """Write the report to stdout or ``--output`` (``-`` is stdout) as
    ``write`` makes it.  A reader that goes away (``| head -1``) ends the
    writing quietly, but the exit code is still the run's; a full disk or an
    unwritable file is exit 2.  A console that cannot show every name
    (cp1252) gets a stand-in for what it cannot show."""
    if output is None or str(output) == "-":
        stream: TextIO = sys.stdout
        wrapper = None
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8") and hasattr(stream, "buffer"):
            stream.flush()
            wrapper = io.TextIOWrapper(stream.buffer, encoding=encoding, errors="replace")
            stream = wrapper
        try:
            write(stream)
            stream.flush()
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError as err:
            say(f"relcheck: cannot write the report: {err.strerror or err}")
            raise SystemExit(2) from None
        finally:
            if wrapper is not None:
                try:
                    wrapper.detach()
                except (OSError, ValueError):
                    pass
        return
    from ..reporting.output import open_report

    try:
        with open_report(output) as stream:
            write(stream)
    except OSError as err:
        say(f"relcheck: cannot write {output}: {err.strerror or err}")
        raise SystemExit(2) from None
