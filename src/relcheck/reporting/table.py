"""``--format table``: Rich tables on a terminal, plain text elsewhere.

Each account leads with its next conversations (whom to call, about what);
the findings follow as the evidence, then notes about the data.  Rich is
imported only here, so JSON runs never pay for it; every text from the
files is escaped, so a name like ``[red]`` or ``[link=...]`` stays text.
"""

from __future__ import annotations

import io

from ..checking.findings import AccountResult, NextConversation
from ..checking.words import count
from ..results import Report

STATUS_STYLE = {"healthy": "green", "watch": "yellow", "at-risk": "bold red"}
SEVERITY_STYLE = {"critical": "bold red", "warning": "yellow", "info": "cyan"}


def _who(c: NextConversation) -> str:
    if c.contact is None:
        return "nobody yet"
    about = ", ".join(x for x in (c.role, (c.stakeholder or "").replace("-", " ")) if x)
    return f"{c.contact} ({about})" if about else c.contact


def render_table(report: Report[AccountResult], *, color: bool, width: int | None = None) -> str:
    if not color:
        return render_plain(report)
    from rich import box
    from rich.console import Console
    from rich.markup import escape
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
        overview.add_row(escape(a.name), a.tier, escape(a.owner or ""), f"[{style}]{a.score}[/]",
                         f"[{style}]{a.status}[/]", str(len(a.findings)))
    console.print(overview)
    for a in report.accounts:
        if not a.findings and not a.notes:
            continue
        console.print(f"\n[{STATUS_STYLE[a.status]}]{escape(a.name)} — {a.score} ({a.status})[/]")
        if a.next_conversations:
            talks = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=False, title_justify="left",
                          title="Next conversations")
            talks.add_column("#", no_wrap=True)
            talks.add_column("Who", ratio=1, overflow="fold")
            talks.add_column("About", ratio=3, overflow="fold")
            for c in a.next_conversations:
                talks.add_row(f"[{SEVERITY_STYLE[c.severity.value]}]{c.priority}[/]", escape(_who(c)),
                              "\n".join(f"• {escape(item)}" for item in c.agenda))
            console.print(talks)
        if a.findings:
            details = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=False, title_justify="left",
                            title="Findings (the evidence)")
            details.add_column("Severity", no_wrap=True)
            details.add_column("Rule", no_wrap=True)
            details.add_column("What was found", ratio=1, overflow="fold")
            for f in a.findings:
                sev = f.severity.value
                also = f"\n[dim]also {', '.join(f.also)}[/]" if f.also else ""
                details.add_row(f"[{SEVERITY_STYLE[sev]}]{sev}[/]", f"{f.rule}\n{f.slug}{also}", escape(f.message))
            console.print(details)
        for note in a.notes:
            where = f" (line {note.line})" if note.line else ""
            console.print(f"[dim]note:[/] {escape(note.message)}{where}")
    for text in report.suppression_notes():
        console.print(f"[dim]note:[/] {escape(text)}")
    for line in _not_audited(report):
        console.print(escape(line))
    console.print(escape(_summary_line(report)))
    return buffer.getvalue()


def _summary_line(report: Report[AccountResult]) -> str:
    s = report.summary()
    sev = s["by_severity"]
    line = (f"{count(s['accounts'], 'account')}, {count(s['findings'], 'finding')} "
            f"({sev['critical']} critical, {sev['warning']} warning, {sev['info']} info)")
    if report.errors:
        line += f"; {count(len(report.errors), 'input error')}, see stderr"
    return line


def _not_audited(report: Report[AccountResult]) -> list[str]:
    if not report.not_audited:
        return []
    lines = [f"Not audited because of input errors ({len(report.not_audited)}):"]
    for r in report.not_audited:
        owner = f", owner {r.owner}" if r.owner else ""
        lines.append(f"  {r.name or '(unnamed account)'}{owner} at {r.path}:{r.line}")
    return lines


def _plain_account(a: AccountResult) -> list[str]:
    head = f"{a.name} ({a.id}) — {a.tier}"
    if a.owner:
        head += f", owner {a.owner}"
    lines = [f"{head}: score {a.score}, {a.status}"]
    if a.next_conversations:
        lines.append("  Next conversations:")
        for c in a.next_conversations:
            lines.append(f"    {c.priority}. {_who(c)} [{c.severity.value}]")
            lines += [f"       - {item}" for item in c.agenda]
    if a.findings:
        lines.append("  Findings:")
        for f in a.findings:
            also = f" (also {', '.join(f.also)})" if f.also else ""
            lines.append(f"    {f.severity.value:<8} {f.rule} {f.slug}{also}: {f.message}")
    for note in a.notes:
        where = f" (line {note.line})" if note.line else ""
        lines.append(f"  note: {note.message}{where}")
    for use in a.suppressions:
        text = use.note()
        if text:
            lines.append(f"  note: {text}")
    return lines


def render_plain(report: Report[AccountResult]) -> str:
    lines = [f"relcheck audit as of {report.as_of}", ""]
    for a in report.accounts:
        lines += _plain_account(a)
        lines.append("")
    lines += _not_audited(report)
    lines.append(_summary_line(report))
    return "\n".join(lines) + "\n"
