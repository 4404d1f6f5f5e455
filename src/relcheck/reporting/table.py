"""``--format table``: Rich tables on a terminal, plain text elsewhere.

Rich is imported only here, so JSON runs never pay for it.
"""

from __future__ import annotations

import io

from ..checking.findings import AccountResult
from ..results import Report

STATUS_STYLE = {"healthy": "green", "watch": "yellow", "at-risk": "bold red"}
SEVERITY_STYLE = {"critical": "bold red", "warning": "yellow", "info": "cyan"}


def render_table(report: Report[AccountResult], *, color: bool, width: int | None = None) -> str:
    if not color:
        return render_plain(report)
    from rich import box
    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=width or 100, highlight=False)
    overview = Table(title=f"relcheck audit as of {report.as_of}", box=box.ROUNDED, expand=False)
    overview.add_column("Account", overflow="fold")
    overview.add_column("Tier")
    overview.add_column("Owner", overflow="fold")
    overview.add_column("Score", justify="right")
    overview.add_column("Status")
    overview.add_column("Findings", justify="right")
    for a in report.accounts:
        style = STATUS_STYLE[a.status]
        overview.add_row(a.name, a.tier, a.owner or "", f"[{style}]{a.score}[/]", f"[{style}]{a.status}[/]",
                         str(len(a.findings)))
    console.print(overview)
    for a in report.accounts:
        if not a.findings:
            continue
        details = Table(title=f"{a.name} — {a.score} ({a.status})", title_style=STATUS_STYLE[a.status],
                        box=box.SIMPLE_HEAD, expand=True, show_lines=False)
        details.add_column("Severity", no_wrap=True)
        details.add_column("Rule", no_wrap=True)
        details.add_column("Finding and next conversation", ratio=1, overflow="fold")
        for f in a.findings:
            sev = f.severity.value
            details.add_row(f"[{SEVERITY_STYLE[sev]}]{sev}[/]", f"{f.rule}\n{f.slug}",
                            f"{f.message}\n[dim]→[/] {f.suggestion}")
        console.print(details)
    for note in report.suppression_notes():
        console.print(f"[dim]note:[/] {note}")
    console.print(_summary_line(report))
    return buffer.getvalue()


def _summary_line(report: Report[AccountResult]) -> str:
    s = report.summary()
    sev = s["by_severity"]
    line = (f"{s['accounts']} accounts, {s['findings']} findings "
            f"({sev['critical']} critical, {sev['warning']} warning, {sev['info']} info)")
    if report.errors:
        line += f"; {len(report.errors)} input error(s), see stderr"
    return line


def _plain_account(a: AccountResult) -> list[str]:
    head = f"{a.name} ({a.id}) — {a.tier}"
    if a.owner:
        head += f", owner {a.owner}"
    lines = [f"{head}: score {a.score}, {a.status}"]
    for f in a.findings:
        lines.append(f"  {f.severity.value:<8} {f.rule} {f.slug}: {f.message}")
        lines.append(f"           next: {f.suggestion}")
    for use in a.suppressions:
        if use.note():
            lines.append(f"  note     {use.note()}")
    return lines


def render_plain(report: Report[AccountResult]) -> str:
    lines = [f"relcheck audit as of {report.as_of}", ""]
    for a in report.accounts:
        lines += _plain_account(a)
        lines.append("")
    lines.append(_summary_line(report))
    return "\n".join(lines) + "\n"
