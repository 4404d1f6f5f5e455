"""``--format markdown``: a report to paste into a pipeline-review doc.

Everything from the files is escaped, so a name cannot open a link, a
table cell or raw HTML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..checking.findings import AccountResult
from ..checking.words import count
from ..results import Report, SpooledAccount
from ..review.changes import from_report
from .changes import changes_lines
from .overview import last_touch, money, next_step, score_text, top_problem

# What makes markdown markup: emphasis, code, links and images ([...]),
# table cells, raw HTML (<...>), strike-through.  Parentheses alone do not.
_SPECIAL = re.compile(r"[\\`*_{}\[\]|<>~]")


def _cell(text: str) -> str:
    """Markdown-escaped text on one line (a backslash before each markup character)."""
    text = " ".join(str(text).split())
    return _SPECIAL.sub(_escaped, text) if _SPECIAL.search(text) else text  # most text has none: one scan


def _escaped(match: re.Match[str]) -> str:
    return "\\" + match.group()


def render_markdown(report: Report[AccountResult]) -> str:
    return "".join(line + "\n" for line in markdown_lines(report))


def markdown_row(a: AccountResult, as_of: date) -> str:
    """The account's row of the overview table."""
    return (f"| {_cell(score_text(a))} | {a.status} | {_cell(a.name)} | {_cell(a.owner or '')} | {a.tier} | "
            f"{money(a.overview.open_pipeline if a.overview else 0)} | {last_touch(a, as_of)} | "
            f"{_cell(next_step(a, as_of))} | {top_problem(a)} |")


def markdown_details(a: AccountResult) -> str:
    """The account's section ("" when it has no finding and no note)."""
    if not a.findings and not a.notes:
        return ""
    out = ["", f"## {_cell(a.name)} — {a.score} ({a.status})", ""]
    if a.next_conversations:
        out += ["**Next conversations**", ""]
        for c in a.next_conversations:
            who = _cell(c.contact) if c.contact else "*nobody yet*"
            role = f" ({_cell(c.role)})" if c.role else ""
            out.append(f"{c.priority}. **{who}**{role}: " + "; ".join(_cell(item) for item in c.agenda))
        out.append("")
    if a.findings:
        out += ["**Findings**", ""]
        for f in a.findings:
            also = f" (also {', '.join(f.also)})" if f.also else ""
            change = f" *{f.change}*" if f.change and f.change != "persisting" else ""
            out.append(f"- **{f.severity.value}** `{f.rule}` {f.slug}{also}{change}: {_cell(f.message)}  ")
            out.append(f"  *Next:* {_cell(f.suggestion)}")
    for note in a.notes:
        where = f" (line {note.line})" if note.line else ""
        out.append(f"- *note*: {_cell(note.message)}{where}")
    return "\n".join(out)


def markdown_lines(report: Report[AccountResult] | Report[SpooledAccount]) -> Iterator[str]:
    """The markdown report a line (or an account's lines) at a time: a
    report of many accounts is never one string.  A spooled report's
    accounts were made into text where they were audited."""
    summary = report.summary()
    sev = summary["by_severity"]
    yield from [
        f"# relcheck audit as of {report.as_of}",
        "",
        f"{count(summary['accounts'], 'account')}, {count(summary['findings'], 'finding')} "
        f"({sev['critical']} critical, {sev['warning']} warning, {sev['info']} info)",
        "",
    ]
    if report.baseline:
        what = from_report(report)
        yield from ["## What changed", ""]
        yield from (_cell(line) if i == 0 else "- " + _cell(line[4:]) for i, line in enumerate(changes_lines(what)))
        yield ""
    yield from [
        "| Score | Status | Account | Owner | Tier | Open pipeline | Last touch | Next step | Top problem |",
        "|---:|---|---|---|---|---:|---|---|---|",
    ]
    for a in report.accounts:
        yield a.encoded if isinstance(a, SpooledAccount) else markdown_row(a, report.as_of)
    if report.by_owner:
        yield from ["", "## By owner", "", "| Owner | Accounts | At risk | Critical | Average score | Open pipeline |",
                    "|---|---:|---:|---:|---:|---:|"]
        yield from (f"| {_cell(o.owner or '(no owner)')} | {o.accounts} | {o.at_risk} | {o.critical} | "
                    f"{o.average_score} | {money(o.open_pipeline)} |" for o in report.owners())
    owner: object = object()
    for a in report.accounts:
        details = a.more if isinstance(a, SpooledAccount) else markdown_details(a)
        if not details:
            continue
        if report.by_owner and a.owner != owner:
            owner = a.owner
            yield from ["", f"# {_cell(a.owner or '(no owner)')}"]
        yield details
    notes = report.suppression_notes()
    if notes:
        yield from ["", "## Suppressions to review", ""]
        yield from (f"- {_cell(n)}" for n in notes)
    if report.not_audited:
        yield from ["", "## Not audited (input errors)", ""]
        yield from (f"- {_cell(r.name or '(unnamed)')}" + (f", owner {_cell(r.owner)}" if r.owner else "")
                    + f": `{r.path}:{r.line}`" for r in report.not_audited)
    if report.errors:
        yield from ["", "## Input errors", ""]
        yield from (f"- {_cell(str(e))}" for e in report.errors)
