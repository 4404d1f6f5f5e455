"""``--format markdown``: a report to paste into a pipeline-review doc."""

from __future__ import annotations

from ..checking.findings import AccountResult
from ..results import Report


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report[AccountResult]) -> str:
    summary = report.summary()
    sev = summary["by_severity"]
    out = [
        f"# relcheck audit as of {report.as_of}",
        "",
        f"{summary['accounts']} accounts, {summary['findings']} findings "
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
        if not a.findings:
            continue
        out += ["", f"## {a.name} — {a.score} ({a.status})", ""]
        for f in a.findings:
            out.append(f"- **{f.severity.value}** `{f.rule}` {f.slug}: {_cell(f.message)}  ")
            out.append(f"  *Next:* {_cell(f.suggestion)}")
    notes = report.suppression_notes()
    if notes:
        out += ["", "## Suppressions to review", ""] + [f"- {_cell(n)}" for n in notes]
    if report.errors:
        out += ["", "## Input errors", ""]
        out += [f"- `{e}`" for e in report.errors]
    return "\n".join(out) + "\n"
