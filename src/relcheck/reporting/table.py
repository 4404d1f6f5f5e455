"""``--format table``: Rich tables on a terminal, plain text elsewhere.

Each account leads with its next conversations (whom to call, about what);
the findings follow as the evidence, then notes about the data.  Rich is
imported only here, so JSON runs never pay for it; every text from the
files is escaped, so a name like ``[red]`` or ``[link=...]`` stays text.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

from ..checking.findings import AccountResult, NextConversation
from ..checking.words import count
from ..results import Report, SpooledAccount
from ..review.changes import from_report
from .changes import changes_lines
from .overview import last_touch, money, next_step, score_text, sparkline, top_problem

STATUS_STYLE = {"healthy": "green", "watch": "yellow", "at-risk": "bold red"}
SEVERITY_STYLE = {"critical": "bold red", "warning": "yellow", "info": "cyan"}


def _who(c: NextConversation) -> str:
    if c.contact is None:
        return "nobody yet"
    about = ", ".join(x for x in (c.role, (c.stakeholder or "").replace("-", " ")) if x)
    return f"{c.contact} ({about})" if about else c.contact


def render_table(report: Report[AccountResult], *, color: bool, rich: bool = True, width: int | None = None) -> str:
    if not rich:
        return render_plain(report)
    from rich import box
    from rich.console import Console
    from rich.markup import escape as markup_escape
    from rich.table import Table

    from .visible import visible

    def escape(text: str) -> str:
        return markup_escape(visible(text))

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, no_color=not color, width=width or 100, highlight=False)
    for line in _what_changed(report):
        console.print(escape(line))
    wide = (width or 100) >= 110  # at 80 columns: no tier, no next step, no sparkline
    overview = Table(title=f"relcheck audit as of {report.as_of}", box=box.ROUNDED, expand=False)
    overview.add_column("Score", justify="right", no_wrap=True)
    overview.add_column("Status", no_wrap=True)
    overview.add_column("Account", overflow="fold")
    overview.add_column("Owner", overflow="fold")
    if wide:
        overview.add_column("Tier")
    overview.add_column("Open", justify="right", no_wrap=True)
    overview.add_column("Last touch", no_wrap=True)
    if wide:
        overview.add_column("Next step", overflow="fold")
    overview.add_column("Top problem" if wide else "Top", overflow="fold")
    if wide:
        overview.add_column("Touches (them / us)", no_wrap=True)
    for a in report.accounts:
        style = STATUS_STYLE[a.status]
        cells = [f"[{style}]{escape(score_text(a))}[/]", f"[{style}]{a.status}[/]", escape(a.name),
                 escape(a.owner or "")]
        if wide:
            cells.append(a.tier)
        cells += [money(a.overview.open_pipeline if a.overview else 0), last_touch(a, report.as_of)]
        if wide:
            cells.append(escape(next_step(a, report.as_of)))
        cells.append(top_problem(a, short=not wide))
        if wide:
            cells.append(escape(sparkline(a)))
        overview.add_row(*cells)
    console.print(overview)
    if report.by_owner:
        for line in _owner_lines(report):
            console.print(escape(line))
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


def _summary_line(report: Report[AccountResult] | Report[SpooledAccount]) -> str:
    s = report.summary()
    sev = s["by_severity"]
    line = (f"{count(s['accounts'], 'account')}, {count(s['findings'], 'finding')} "
            f"({sev['critical']} critical, {sev['warning']} warning, {sev['info']} info)")
    if report.errors:
        line += f"; {count(len(report.errors), 'input error')}, see stderr"
    return line


def _not_audited(report: Report[AccountResult] | Report[SpooledAccount]) -> list[str]:
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
            change = f" [{f.change}]" if f.change and f.change != "persisting" else ""
            lines.append(f"    {f.severity.value:<8} {f.rule} {f.slug}{also}{change}: {f.message}")
    for note in a.notes:
        where = f" (line {note.line})" if note.line else ""
        lines.append(f"  note: {note.message}{where}")
    for use in a.suppressions:
        text = use.note()
        if text:
            lines.append(f"  note: {text}")
    return lines


def _what_changed(report: Report[AccountResult] | Report[SpooledAccount]) -> list[str]:
    if not report.baseline:
        return []
    return changes_lines(from_report(report)) + [""]


def _owner_lines(report: Report[AccountResult] | Report[SpooledAccount]) -> list[str]:
    lines = ["By owner: accounts, at-risk, critical findings, average score, open pipeline"]
    for o in report.owners():
        lines.append(f"  {o.owner or '(no owner)'}: {count(o.accounts, 'account')}, {o.at_risk} at-risk, "
                     f"{o.critical} critical, average {o.average_score}, {money(o.open_pipeline)} open")
    return lines + [""]


def plain_overview(a: AccountResult, as_of: date) -> str:
    """The account's lines of the overview."""
    owner = f", {a.owner}" if a.owner else ""
    lines = [f"  {score_text(a):>7}  {a.status:<8} {a.name} ({a.tier}{owner})",
             f"           open {money(a.overview.open_pipeline if a.overview else 0)}, "
             f"last touch {last_touch(a, as_of)}, next {next_step(a, as_of)}, top {top_problem(a)}"]
    spark = sparkline(a)
    if spark:
        lines.append(f"           {spark}")
    return "\n".join(lines)


def plain_details(a: AccountResult) -> str:
    """The account's section: conversations, findings, notes."""
    return "\n".join(_plain_account(a))


def render_plain(report: Report[AccountResult]) -> str:
    return "".join(line + "\n" for line in plain_lines(report))


def plain_lines(report: Report[AccountResult] | Report[SpooledAccount]) -> Iterator[str]:
    """The plain report a line (or an account's lines) at a time: a report
    of many accounts is never one string.  A spooled report's accounts
    were made into text where they were audited."""
    yield from [f"relcheck audit as of {report.as_of}", ""]
    yield from _what_changed(report)
    yield "Overview (worst first unless --sort says otherwise):"
    for a in report.accounts:
        yield a.encoded if isinstance(a, SpooledAccount) else plain_overview(a, report.as_of)
    yield ""
    if report.by_owner:
        yield from _owner_lines(report)
    owner: object = object()
    for a in report.accounts:
        if report.by_owner and a.owner != owner:
            owner = a.owner
            yield from [f"== {a.owner or '(no owner)'} ==", ""]
        yield a.more if isinstance(a, SpooledAccount) else plain_details(a)
        yield ""
    yield from _not_audited(report)
    yield _summary_line(report)
