"""``--format json`` (the whole report) and ``--format jsonl`` (a finding a line).

The JSON report is laid out with one account (and one error) per line:
readable, friendly to ``grep`` and ``diff``, and written by the json
module's C encoder (full indentation would fall back to its pure-Python
encoder, which costs seconds on a large export).
"""

from __future__ import annotations

import json

from ..checking.findings import AccountResult
from ..results import EncodedAccount, Report

_encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def encode_account(account: AccountResult | EncodedAccount) -> str:
    """One account's line of the JSON report."""
    if isinstance(account, EncodedAccount):
        return account.encoded
    return _encode(account.to_json())


def _block(lines: list[str]) -> str:
    if not lines:
        return "[]"
    return "[\n" + ",\n".join("    " + line for line in lines) + "\n  ]"


def render_json(report: Report[AccountResult] | Report[EncodedAccount]) -> str:
    data = report.to_json(with_accounts=False)
    lines = []
    for key, value in data.items():
        if key == "accounts":
            text = _block([encode_account(a) for a in report.accounts])
        elif key == "errors":
            text = _block([_encode(e) for e in value])
        else:
            text = _encode(value)
        lines.append(f"  {_encode(key)}: {text}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def render_jsonl(report: Report[AccountResult]) -> str:
    """One finding a line (``kind: finding``, with its ``change`` when there
    is a baseline), then each account's data-quality notes (``kind: note``),
    what the baseline had that is gone (``kind: resolved``) and every
    account left out for input errors (``kind: not-audited``): nothing
    vanishes from a script's view."""
    lines = []
    for account in report.accounts:
        for finding in account.findings:
            lines.append(_encode({"kind": "finding", "account": account.name, "account_id": account.id,
                                  **finding.to_json()}))
    for account in report.accounts:
        for note in account.notes:
            lines.append(_encode({"kind": "note", "account": account.name, "account_id": account.id,
                                  **note.to_json()}))
    for gone in report.resolved:
        lines.append(_encode({"kind": "resolved", **gone.to_json()}))
    for rejected in report.not_audited:
        lines.append(_encode({"kind": "not-audited", "account": rejected.name, "owner": rejected.owner,
                              "path": rejected.path, "line": rejected.line}))
    return "".join(line + "\n" for line in lines)
