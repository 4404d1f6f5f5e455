"""``--format json`` (the whole report) and ``--format jsonl`` (a finding a line).

The JSON report is laid out with one account (and one error) per line:
readable, friendly to ``grep`` and ``diff``, and written by the json
module's C encoder (full indentation would fall back to its pure-Python
encoder, which costs seconds on a large export).
"""

from __future__ import annotations

import json

from ..report import Report

_encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _block(items: list) -> str:
    if not items:
        return "[]"
    return "[\n" + ",\n".join("    " + _encode(item) for item in items) + "\n  ]"


def render_json(report: Report) -> str:
    data = report.to_json()
    lines = []
    for key, value in data.items():
        text = _block(value) if key in ("accounts", "errors") else _encode(value)
        lines.append(f"  {_encode(key)}: {text}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def render_jsonl(report: Report) -> str:
    lines = []
    for account in report.accounts:
        for finding in account.findings:
            record = {"account": account.name, "account_id": account.id, **finding.to_json()}
            lines.append(_encode(record))
    return "".join(line + "\n" for line in lines)
