"""Output formats: each module renders a finished report and computes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import TYPE_CHECKING, Optional, TextIO, cast

if TYPE_CHECKING:
    from datetime import date

    from ..checking.findings import AccountResult
    from ..results import Report, SpooledAccount


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


def streams(fmt: Format, layout: bool) -> bool:
    """Whether ``fmt`` is written account by account from parts made where
    each account is audited (:func:`account_parts`): JSON, JSONL, markdown,
    and the table laid out as plain text (not Rich's boxes)."""
    return fmt in (Format.JSON, Format.JSONL, Format.MARKDOWN) or (fmt is Format.TABLE and not layout)


def account_parts(result: AccountResult, encode: str, as_of: date) -> tuple[str, str]:
    """One account's two parts of the report (see ``results.EncodedAccount``),
    made where it is audited: ``encode`` is a format's value (``table`` is
    the plain-text layout, the only table that streams)."""
    make = _PART_MAKERS.get(encode)
    if make is None:  # the first account of the run: import the reporter once
        make = _PART_MAKERS[encode] = _part_maker(encode)
    return make(result, as_of)


PartMaker = Callable[["AccountResult", "date"], tuple[str, str]]
_PART_MAKERS: dict[str, PartMaker] = {}


def _part_maker(encode: str) -> PartMaker:
    if encode == Format.JSON.value:
        from .json_report import encode_account
        return lambda result, as_of: (encode_account(result), "")
    if encode == Format.JSONL.value:
        from .json_report import finding_lines, note_lines
        return lambda result, as_of: (finding_lines(result), note_lines(result))
    if encode == Format.MARKDOWN.value:
        from .markdown import markdown_details, markdown_row
        return lambda result, as_of: (markdown_row(result, as_of), markdown_details(result))
    if encode == Format.TABLE.value:
        from .table import plain_details, plain_overview
        return lambda result, as_of: (plain_overview(result, as_of), plain_details(result))
    raise ValueError(f"no parts for {encode!r}")


def write_report(report: Report[AccountResult] | Report[SpooledAccount], fmt: Format, out: TextIO, *,
                 color: bool = False, rich: Optional[bool] = None, width: int | None = None) -> None:
    """:func:`render`, written to ``out`` as it is made where the format is
    made line by line (plain text and markdown): a report of many accounts
    is never one string in memory, and a spooled report (its accounts'
    parts on disk) is read back an account at a time."""
    layout = color if rich is None else rich
    if fmt is Format.MARKDOWN:
        from .markdown import markdown_lines
        _write_lines(markdown_lines(report), out)
    elif fmt is Format.TABLE and not layout:
        from .table import plain_lines
        _write_lines(plain_lines(report), out)
    elif fmt is Format.JSON:
        from .json_report import write_json
        write_json(report, out)
    elif fmt is Format.JSONL:
        from .json_report import write_jsonl
        write_jsonl(report, out)
    else:  # Rich's boxes, HTML, GitHub annotations: made whole, from results kept whole (never spooled)
        out.write(render(cast("Report[AccountResult]", report), fmt, color=color, rich=rich, width=width))


def _write_lines(lines: Iterable[str], out: TextIO) -> None:
    """``lines``, each ended with a newline, made visible (see :mod:`.visible`)
    and written some tens of kilobytes at a time."""
    from .output import write_batched
    from .visible import visible

    write_batched(out, lines, end="\n", shown=visible)
