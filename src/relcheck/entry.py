"""The console script's first code: quiet signal handling before anything
else is imported, so a Ctrl-C or SIGTERM in the first milliseconds (while
Python imports typer) ends with 130/143 and one line, never a traceback.

A plain ``relcheck audit`` command line is then parsed without typer
(:mod:`relcheck.commands.quick`), which saves the time it takes to import
typer and build its commands, and so is ``relcheck --version`` on its own;
everything else, and any audit command line the quick parser does not read
exactly as typer would, goes to the command line (:mod:`relcheck.cli`).
Both run under :func:`guarded`, which gives every way a run can end its
exit code and at most one line."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable

_SIGHUP = getattr(signal, "SIGHUP", None)  # a closed terminal (none on Windows)
_SAID = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"} | ({_SIGHUP: "hung up"} if _SIGHUP else {})
"""What relcheck says when a signal ends it; it exits 128 + the signal's number."""


def _quiet(signum: int, frame: object) -> None:
    try:
        sys.stderr.write(f"relcheck: {_SAID[signum]}\n")
        sys.stderr.flush()
    finally:
        os._exit(128 + signum)


def main() -> None:
    ignored = signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # a background job: keep ignoring
    if not ignored:
        signal.signal(signal.SIGINT, _quiet)
    signal.signal(signal.SIGTERM, _quiet)
    if _SIGHUP is not None and signal.getsignal(_SIGHUP) is not signal.SIG_IGN:  # under nohup: keep ignoring
        signal.signal(_SIGHUP, _quiet)
    if sys.argv[1:] == ["--version"]:  # as typer's --version says it, without loading typer
        from . import __version__

        sys.stdout.write(f"relcheck {__version__}\n")
        finish(0)
    from .commands.quick import quick_audit

    try:
        command = quick_audit(sys.argv[1:], os.environ)
    except Exception:  # pragma: no cover - a bug in the quick parser: typer reads the command line instead
        command = None
    if command is None:
        from .cli import app

        command = app
    if not ignored:
        signal.signal(signal.SIGINT, _on_interrupt)
    finish(guarded(command))


def _on_interrupt(signum: int, frame: object) -> None:
    from .errors import stop_asked  # (imported by then: the command line was read)

    stop_asked(signum)
    raise KeyboardInterrupt


def _on_signal(signum: int, frame: object) -> None:
    from .errors import Stopped, stop_asked

    stop_asked(signum)
    raise Stopped(signum)


def _unraisable(previous: Callable[[sys.UnraisableHookArgs], object]) -> Callable[[sys.UnraisableHookArgs], None]:
    """``sys.unraisablehook`` that keeps quiet about a stop a signal asked
    for where Python drops exceptions (see :func:`.errors.stop_asked`: the
    run stops at its next check instead); anything else as before."""
    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        from .errors import Stopped

        if not isinstance(unraisable.exc_value, (KeyboardInterrupt, Stopped)):
            previous(unraisable)
    return hook


def guarded(command: Callable[[], object]) -> int:
    """Run ``command`` and return its exit code: what it returned or passed
    to ``SystemExit``; 130, 143 or 129 after Ctrl-C, SIGTERM or SIGHUP (a
    closed terminal), with the workers stopped; 1 when stdout's reader went away (as typer does); 2 and one
    line for a bug in relcheck itself (``RELCHECK_DEBUG=1`` shows it)."""
    from .commands.console import say
    from .errors import Stopped, check_stop, stop_signal

    signal.signal(signal.SIGTERM, _on_signal)
    if _SIGHUP is not None and signal.getsignal(_SIGHUP) is not signal.SIG_IGN:
        signal.signal(_SIGHUP, _on_signal)
    sys.unraisablehook = _unraisable(sys.unraisablehook)
    code = 0
    stopped = 0  # the signal that ended the run, if one did
    try:
        outcome = command()
        code = outcome if isinstance(outcome, int) else 0
        check_stop()  # a stop dropped where Python drops exceptions, and not seen since
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if isinstance(done.code, str):
            say(done.code)
        if code == 130:  # typer turns Ctrl-C into a quiet exit 130
            stopped = signal.SIGINT
    except (KeyboardInterrupt, Stopped) as stop:
        stopped = stop.signum if isinstance(stop, Stopped) else signal.SIGINT
    except BrokenPipeError:  # stdout's reader went away outside the report's own writing: as typer does
        code = 1
    except Exception as err:  # pragma: no cover - a bug in relcheck itself
        if not stop_signal():  # (else a stop Python turned into another error: inside __set_name__, say)
            _stop_workers()
            if os.environ.get("RELCHECK_DEBUG"):
                raise
            say(f"relcheck: internal error: {type(err).__name__}: {err} "
                "(please report it; set RELCHECK_DEBUG=1 for the traceback)")
            code = 2
    stopped = stopped or stop_signal()  # (a stop typer's exit, or another error, hid)
    if stopped:
        _stop_workers()
        say(f"relcheck: {_SAID[stopped]}")
        code = 128 + stopped
    return code


def _stop_workers() -> None:
    run = sys.modules.get("relcheck.run")
    if run is not None:
        run.kill_workers()


def finish(code: int) -> None:
    """Flush and leave at once: a large run holds millions of small objects,
    and freeing them one by one at exit takes longer than some whole audits.
    Everything relcheck writes is complete (and --output renamed into place)
    by now."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError, OSError):
            pass  # the reader went away; nothing left to say
    os._exit(code)
