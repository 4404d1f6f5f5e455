"""A progress bar on stderr for long runs, only on a terminal.

Nothing here is imported unless a bar is shown: JSON runs and pipes never
load Rich.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Optional

SHOW_AFTER_BYTES = 5 << 20
"""Runs over less input than this finish too fast to need a bar."""


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Optional[Callable[[int, int], None]]]:
    """Yield a ``(done_bytes, total_bytes)`` callback drawing a bar on stderr,
    or ``None`` when stderr is not a terminal (or ``enabled`` is false)."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "[progress.description]{task.description}", BarColumn(), DownloadColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if total < SHOW_AFTER_BYTES:
            return
        if task is None:
            bar.start()
            task = bar.add_task("auditing", total=total)
        bar.update(task, completed=min(done, total))

    try:
        yield update
    finally:
        if task is not None:
            bar.stop()
