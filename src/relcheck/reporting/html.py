"""``--format html``: one self-contained page to mail or put on a shared drive.

Jinja2 renders ``templates/report.html.j2`` with autoescaping on, so every
text from the account files is escaped wherever it is shown; CSS and the
charts (inline SVG) are in the page, and a Content-Security-Policy forbids
it to load anything.  Jinja2 is imported only here: no other format pays
for it.
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..checking.findings import AccountResult
from ..checking.words import count, day
from ..results import Report
from ..review.changes import from_report
from .overview import last_touch, money, next_step, score_text, top_problem

CHART_WIDTH, CHART_HEIGHT = 320, 90


def chart(a: AccountResult) -> dict[str, Any]:
    """Bars of touches per month: theirs beside ours (the one-way pattern at a glance)."""
    months = a.overview.months if a.overview else ()
    top = max((max(t, o) for _, t, o in months), default=0) or 1
    slot = CHART_WIDTH / max(len(months), 1)
    bar = max(slot / 2 - 3, 2)
    plot = CHART_HEIGHT - 18
    bars = []
    for index, (month, theirs, ours) in enumerate(months):
        x = index * slot + 2
        for offset, value, kind in ((0, theirs, "theirs"), (bar + 1, ours, "ours")):
            height = plot * value / top
            bars.append({"x": round(x + offset, 1), "y": round(plot - height, 1), "w": round(bar, 1),
                         "h": round(height, 1), "kind": kind, "value": value, "month": month})
    labels = [{"x": round(i * slot + slot / 2, 1), "text": m[5:]} for i, (m, _, _) in enumerate(months)]
    return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "bars": bars, "labels": labels, "base": plot,
            "theirs": sum(t for _, t, _ in months), "ours": sum(o for _, _, o in months)}


def render_html(report: Report[AccountResult]) -> str:
    from importlib.resources import files

    import jinja2

    source = files("relcheck.reporting").joinpath("templates/report.html.j2").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    template = env.from_string(source)
    summary = report.summary()
    return template.render(
        report=report,
        summary=summary,
        accounts_text=count(summary["accounts"], "account"),
        findings_text=count(summary["findings"], "finding"),
        what=from_report(report) if report.baseline else None,
        owners=report.owners(),
        score_text=score_text, money=money, last_touch=last_touch, next_step=next_step,
        top_problem=top_problem, chart=chart, day=day, report_version=__version__,
    )
