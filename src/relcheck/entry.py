"""The console script's first code: quiet signal handling before anything
else is imported, so a Ctrl-C or SIGTERM in the first milliseconds (while
Python imports typer) ends with 130/143 and one line, never a traceback.
The command line then takes over (:func:`relcheck.cli.main`)."""

from __future__ import annotations

import os
import signal
import sys


def _quiet(signum: int, frame: object) -> None:
    try:
        sys.stderr.write("relcheck: interrupted\n" if signum == signal.SIGINT else "relcheck: terminated\n")
        sys.stderr.flush()
    finally:
        os._exit(130 if signum == signal.SIGINT else 143)


def main() -> None:
    ignored = signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # a background job: keep ignoring
    if not ignored:
        signal.signal(signal.SIGINT, _quiet)
    signal.signal(signal.SIGTERM, _quiet)
    from .cli import main as run

    if not ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    run()
