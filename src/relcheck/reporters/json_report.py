"""``--format json`` (the whole report) and ``--format jsonl`` (a finding a line)."""

from __future__ import annotations

import json

from ..report import Report


def render_json(report: Report) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"


def render_jsonl(report: Report) -> str:
    lines = []
    for account in report.accounts:
        for finding in account.findings:
            record = {"account": account.name, "account_id": account.id, **finding.to_json()}
            lines.append(json.dumps(record, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)
