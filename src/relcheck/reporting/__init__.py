"""Output formats: each module renders a finished report and computes nothing."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Optional

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
