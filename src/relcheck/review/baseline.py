"""What changed since an earlier report (``--baseline``, ``relcheck diff``).

Findings are matched by fingerprint (SPEC 3a): the same problem keeps its
fingerprint whatever the day counts in its message.  A finding is ``new``
when the baseline does not have it, ``worse`` when it had it at a lower
severity, ``persisting`` otherwise; a baseline finding of an account still
in the run that no longer appears is ``resolved`` (an account that is no
longer audited, or left out by ``--owner``/``--tier``, resolves nothing).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..checking.findings import AccountResult, Brief
from ..checking.rule import Severity
from ..errors import RelcheckError

CHANGES = ("new", "worse", "persisting", "resolved")


@dataclass(frozen=True)
class PastFinding:
    account: str
    account_id: str
    rule: str
    fingerprint: str
    severity: Severity
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"account": self.account, "account_id": self.account_id, "rule": self.rule,
                "fingerprint": self.fingerprint, "severity": self.severity.value, "message": self.message}


@dataclass(frozen=True)
class Baseline:
    label: str
    findings: dict[str, PastFinding]
    scores: dict[str, tuple[int, str]]

    def change(self, fingerprint: str, severity: Severity) -> str:
        past = self.findings.get(fingerprint)
        if past is None:
            return "new"
        return "worse" if severity.rank > past.severity.rank else "persisting"

    def mark(self, result: AccountResult) -> AccountResult:
        """``result`` with each finding's change and the account's previous score."""
        findings = tuple(replace(f, change=self.change(f.fingerprint, f.severity)) for f in result.findings)
        return replace(result, findings=findings, previous=self.scores.get(result.id))

    def resolved(self, audited: Iterable[Brief]) -> list[PastFinding]:
        past_ids = {f.account_id for f in self.findings.values()}
        ids: set[str] = set()
        seen: set[str] = set()
        for b in audited:  # one pass; only what the baseline knows is kept
            if b.id in past_ids:
                ids.add(b.id)
                seen.update(fp for fp in b.fingerprints if fp in self.findings)
        return [f for f in self.findings.values() if f.account_id in ids and f.fingerprint not in seen]


def read_baseline(path: Path) -> Baseline:
    """A relcheck JSON report as a baseline, or one clear line why not."""
    label = str(path)
    try:
        with path.open("rb") as stream:
            data = json.loads(stream.read(512 * 1024 * 1024 + 1))
    except OSError as err:
        raise RelcheckError(f"{label}: cannot read the baseline: {err.strerror or err}") from None
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise RelcheckError(f"{label}: the baseline is not a relcheck JSON report (not JSON; "
                            "save one with --format json --output FILE)") from None
    return baseline_of(data, label)


def baseline_of(data: Any, label: str) -> Baseline:
    def refuse(why: str) -> RelcheckError:
        return RelcheckError(f"{label}: the baseline is not a relcheck JSON report ({why}; "
                             "save one with --format json --output FILE)")

    if not isinstance(data, dict) or "schema_version" not in data or not isinstance(data.get("accounts"), list):
        raise refuse("no schema_version and accounts")
    if data["schema_version"] != 1:
        raise refuse(f"schema_version {data['schema_version']!r}; this relcheck reads 1")
    findings: dict[str, PastFinding] = {}
    scores: dict[str, tuple[int, str]] = {}
    for account in data["accounts"]:
        if not isinstance(account, dict) or not isinstance(account.get("id"), str):
            raise refuse("an account without an id")
        name, ident = str(account.get("name", account["id"])), account["id"]
        score, status = account.get("score"), account.get("status")
        if isinstance(score, int) and isinstance(status, str):
            scores[ident] = (score, status)
        for finding in account.get("findings") or []:
            if not isinstance(finding, dict) or not isinstance(finding.get("fingerprint"), str):
                raise refuse("a finding without a fingerprint (a report from before relcheck had them)")
            try:
                severity = Severity(str(finding.get("severity")))
            except ValueError:
                raise refuse(f"a finding with severity {finding.get('severity')!r}") from None
            fingerprint = finding["fingerprint"]
            findings[fingerprint] = PastFinding(name, ident, str(finding.get("rule", "")), fingerprint, severity,
                                                str(finding.get("message", "")))
    return Baseline(label, findings, scores)
