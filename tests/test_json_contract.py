"""The JSON report (SPEC section 5, schema_version 1): keys and types are a contract."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from relcheck.cli import app


def test_json_contract(example: Path) -> None:
    result = CliRunner().invoke(app, ["audit", str(example), "--format", "json", "--as-of", "2026-11-23"])
    report = json.loads(result.stdout)
    assert {"schema_version", "relcheck_version", "as_of", "summary", "accounts", "errors", "not_audited"} <= report.keys()
    assert report["schema_version"] == 1
    assert report["as_of"] == "2026-11-23"
    summary = report["summary"]
    assert {"accounts", "findings", "by_severity"} <= summary.keys()
    assert set(summary["by_severity"]) == {"critical", "warning", "info"}
    assert summary["accounts"] == len(report["accounts"])
    assert summary["findings"] == sum(len(a["findings"]) for a in report["accounts"])
    assert sum(summary["by_severity"].values()) == summary["findings"]
    for account in report["accounts"]:
        assert {"name", "id", "owner", "tier", "score", "status", "findings", "next_conversations",
                "notes"} <= account.keys()
        assert isinstance(account["score"], int) and 0 <= account["score"] <= 100
        assert account["status"] in {"healthy", "watch", "at-risk"}
        for finding in account["findings"]:
            assert set(finding) == {"rule", "slug", "severity", "message", "evidence", "suggestion",
                                    "fingerprint", "contact", "also"}
            assert finding["severity"] in {"info", "warning", "critical"}
            assert finding["message"] and finding["suggestion"]
            assert isinstance(finding["evidence"], dict) and finding["evidence"]
            assert finding["fingerprint"].startswith(f"{finding['rule']}:{account['id']}:")
        for conversation in account["next_conversations"]:
            assert {"contact", "stakeholder", "priority", "rules", "agenda", "suggestion"} <= conversation.keys()
            assert conversation["agenda"] and conversation["rules"]
        for note in account["notes"]:
            assert {"kind", "message", "path", "line"} <= note.keys()
    assert report["errors"] == [] and report["not_audited"] == []


def test_json_is_deterministic(example: Path) -> None:
    args = ["audit", str(example), "--format", "json", "--as-of", "2026-11-23"]
    assert CliRunner().invoke(app, args).stdout == CliRunner().invoke(app, args).stdout


def test_example_shows_every_rule_and_healthy_accounts(example: Path) -> None:
    result = CliRunner().invoke(app, ["audit", str(example), "--format", "json", "--as-of", "2026-11-23"])
    by_name = {a["name"]: a for a in json.loads(result.stdout)["accounts"]}
    codes = {name: {f["rule"] for f in a["findings"]} for name, a in by_name.items()}
    assert "REL001" in codes["Borealis Foods"]
    assert "REL002" in codes["Cobalt Health"]
    assert "REL003" in codes["Delta Freight"] and "REL003" in codes["Evergreen Retail"]
    fired = set().union(*codes.values())
    assert fired == {f"REL{n:03d}" for n in range(1, 14)}, "the example should show every rule"
    assert codes["Acme Logistics"] == set()
    assert codes["Fjord Energy"] == set()  # REL005 is suppressed there, with a reason
    assert by_name["Fjord Energy"]["suppressions"][0]["status"] == "active"
    healthy = min(by_name[n]["score"] for n in ("Acme Logistics", "Fjord Energy"))
    troubled = max(a["score"] for n, a in by_name.items() if codes[n])
    assert healthy >= 85 > troubled
    assert min(a["score"] for a in by_name.values()) > 0, "no pile-up at 0"
    # One critical problem weighs more than a warning and an info together.
    assert by_name["Evergreen Retail"]["score"] < by_name["Cobalt Health"]["score"]
