"""``--format markdown``: a report to paste into a pipeline-review doc.

Everything from the files is escaped, so a name cannot open a link, a
table cell or raw HTML."""

from __future__ import annotations

import re

from ..checking.findings import AccountResult
from ..checking.words import count
from ..results import Report

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


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
        "| Account | Tier | Owner | Score | Status | Findings |",
        "|---|---|---|---:|---|---:|",
    ]
    for a in report.accounts:
        out.append(
            f"| {_cell(a.name)} | {a.tier} | {_cell(a.owner or '')} | {a.score} | {a.status} | {len(a.findings)} |"
        )
    for a in report.accounts:
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
                out.append(f"- **{f.severity.value}** `{f.rule}` {f.slug}{also}: {_cell(f.message)}  ")
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
