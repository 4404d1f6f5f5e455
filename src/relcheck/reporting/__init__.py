"""Output formats: each module renders a finished report and computes nothing."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Optional, TextIO

if TYPE_CHECKING:
    from ..checking.findings import AccountResult
    from ..results import Report


class Format(str, Enum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"
    HTML = "html"
    GITHUB = "github"


def render(report: Report[AccountResult], fmt: Format, *, color: bool = False, rich: Optional[bool] = None,
           width: int | None = None) -> str:
    """The report as text in ``fmt``; imports only the reporter it needs."""
    if fmt is Format.JSON:
        from .json_report import render_json
        return render_json(report)
    if fmt is Format.JSONL:
        from .json_report import render_jsonl
        return render_jsonl(report)
    from .visible import visible

    if fmt is Format.GITHUB:
        from .github import render_github
        return visible(render_github(report))
    if fmt is Format.MARKDOWN:
        from .markdown import render_markdown
        return visible(render_markdown(report))
    if fmt is Format.HTML:
        from .html import render_html
        return render_html(report)
    from .table import render_table
    layout = color if rich is None else rich
    if layout:  # Rich writes its own escape sequences: the values are made visible one by one
        return render_table(report, color=color, rich=True, width=width)
    return visible(render_table(report, color=False, rich=False, width=width))


def write_report(report: Report[AccountResult], fmt: Format, out: TextIO, *, color: bool = False,
                 rich: Optional[bool] = None, width: int | None = None) -> None:
    """:func:`render`, written to ``out`` as it is made where the format is
    made line by line (plain text and markdown): a report of many accounts
    is never one string in memory."""
    layout = color if rich is None else rich
    if fmt is Format.MARKDOWN:
        from .markdown import markdown_lines
        _write_lines(markdown_lines(report), out)
    elif fmt is Format.TABLE and not layout:
        from .table import plain_lines
        _write_lines(plain_lines(report), out)
    else:
        out.write(render(report, fmt, color=color, rich=rich, width=width))


def _write_lines(lines: Iterable[str], out: TextIO, chunk: int = 2000) -> None:
    """``lines``, each ended with a newline, made visible (see :mod:`.visible`)
    and written some thousands at a time."""
    from .visible import visible

    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= chunk:
            out.write(visible("\n".join(batch) + "\n"))
            batch = []
    if batch:
        out.write(visible("\n".join(batch) + "\n"))
