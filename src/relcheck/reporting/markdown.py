"""``--format markdown``: a report to paste into a pipeline-review doc.

Everything from the files is escaped, so a name cannot open a link, a
table cell or raw HTML."""

from __future__ import annotations

import re

from ..checking.findings import AccountResult
from ..checking.words import count
from ..results import Report
from ..review.changes import from_results
from .changes import changes_lines
from .overview import last_touch, money, next_step, score_text, top_problem

# What makes markdown markup: emphasis, code, links and images ([...]),
# table cells, raw HTML (<...>), strike-through.  Parentheses alone do not.
_SPECIAL = re.compile(r"([\\`*_{}\[\]|<>~])")


def _cell(text: str) -> str:
    """Markdown-escaped text on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def render_markdown(report: Report[AccountResult]) -> str:
    summary = report.summary()
    sev = summary["by_severity"]
    out = [
        f"# relcheck audit as of {report.as_of}",
        "",
        f"{count(summary['accounts'], 'account')}, {count(summary['findings'], 'finding')} "
        f"({sev['critical']} critical, {sev['warning']} warning, {sev['info']} info)",
        "",
    ]
    if report.baseline:
        what = from_results(report.accounts, report.resolved, report.baseline)
        out += ["## What changed", ""] + [_cell(line) if i == 0 else "- " + _cell(line[4:])
                                          for i, line in enumerate(changes_lines(what))] + [""]
    out += [
        "| Score | Status | Account | Owner | Tier | Open pipeline | Last touch | Next step | Top problem |",
        "|---:|---|---|---|---|---:|---|---|---|",
    ]
    for a in report.accounts:
        out.append(f"| {_cell(score_text(a))} | {a.status} | {_cell(a.name)} | {_cell(a.owner or '')} | {a.tier} | "
                   f"{money(a.overview.open_pipeline if a.overview else 0)} | {last_touch(a, report.as_of)} | "
                   f"{_cell(next_step(a, report.as_of))} | {top_problem(a)} |")
    if report.by_owner:
        out += ["", "## By owner", "", "| Owner | Accounts | At risk | Critical | Average score | Open pipeline |",
                "|---|---:|---:|---:|---:|---:|"]
        out += [f"| {_cell(o.owner or '(no owner)')} | {o.accounts} | {o.at_risk} | {o.critical} | "
                f"{o.average_score} | {money(o.open_pipeline)} |" for o in report.owners()]
    owner: object = object()
    for a in report.accounts:
        if report.by_owner and a.owner != owner and (a.findings or a.notes):
            owner = a.owner
            out += ["", f"# {_cell(a.owner or '(no owner)')}"]
        if not a.findings and not a.notes:
            continue
        out += ["", f"## {_cell(a.name)} — {a.score} ({a.status})", ""]
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
    notes = report.suppression_notes()
    if notes:
        out += ["", "## Suppressions to review", ""] + [f"- {_cell(n)}" for n in notes]
    if report.not_audited:
        out += ["", "## Not audited (input errors)", ""]
        out += [f"- {_cell(r.name or '(unnamed)')}" + (f", owner {_cell(r.owner)}" if r.owner else "")
                + f": `{r.path}:{r.line}`" for r in report.not_audited]
    if report.errors:
        out += ["", "## Input errors", ""]
        out += [f"- {_cell(str(e))}" for e in report.errors]
    return "\n".join(out) + "\n"
