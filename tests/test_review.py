"""The Monday pipeline review (SPEC 7): baseline and diff, order, owners."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from relcheck.cli import app

WEEK1 = """\
accounts:
  - name: Fixed Co            # overdue check-in, fixed by a logged call in week 2
    owner: Ann Rep
    tier: key
    contacts: [{name: Pat, goals: [a], issues: [b], personal_impact: c}]
    deals: [{name: Big, status: open, opened: 2026-09-01, amount: 50000}]
    interactions:
      - {date: 2026-09-20, with: Pat, direction: inbound, channel: call, purpose: check-in, response: yes}
{fixed_extra}
  - name: Worse Co            # a key account overdue past ideal in week 1, past max in week 2
    owner: Ann Rep
    tier: key
    contacts: [{name: Lee, goals: [a], issues: [b], personal_impact: c}]
    interactions:
      - {date: 2026-10-12, with: Lee, direction: inbound, channel: call, purpose: check-in, response: yes}
  - name: Same Co             # silent since the sale both weeks: only the day count moves
    owner: Bo Rep
    contacts: [{name: Mo, stakeholder: economic-buyer, goals: [a], issues: [b], personal_impact: c}]
    deals: [{name: Kit, status: won, opened: 2026-01-01, closed: 2026-03-01, amount: 9000}]
    interactions:
      - {date: 2026-03-01, with: Mo, direction: inbound, channel: email, purpose: other, response: yes}
{new_account}"""

FIX = "      - {date: 2026-11-24, with: Pat, direction: outbound, channel: call, purpose: check-in, response: yes}"
NEW = """  - name: New Co
    owner: Bo Rep
    contacts: [{name: Jo}]
    interactions:
      - {date: 2026-03-02, with: Jo, direction: outbound, channel: call, purpose: check-in, response: yes}
"""


def run(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, list(args))
    return done.exit_code, done.stdout


def week(tmp_path: Path, n: int) -> Path:
    path = tmp_path / f"week{n}.yaml"
    path.write_text(WEEK1.replace("{fixed_extra}", FIX if n == 2 else "")
                    .replace("{new_account}", NEW if n == 2 else ""))
    return path


def test_baseline_marks_new_worse_persisting_and_resolved(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    code, out = run("audit", str(week(tmp_path, 1)), "--as-of", "2026-11-20", "--format", "json")
    old.write_text(out)
    code, out = run("audit", str(week(tmp_path, 2)), "--as-of", "2026-11-27", "--format", "json",
                    "--baseline", str(old))
    report = json.loads(out)
    changes = {(a["name"], f["rule"]): f["change"] for a in report["accounts"] for f in a["findings"]}
    assert changes[("Worse Co", "REL010")] == "worse"
    assert changes[("Same Co", "REL003")] == "persisting"
    assert changes[("New Co", "REL010")] == "new"
    assert [(r["account"], r["rule"]) for r in report["resolved"]] == [("Fixed Co", "REL010")]
    counted = report["summary"]["changes"]
    assert counted == {"new": sum(c == "new" for c in changes.values()),
                       "worse": 1, "persisting": sum(c == "persisting" for c in changes.values()), "resolved": 1}
    by_name = {a["name"]: a for a in report["accounts"]}
    assert by_name["Fixed Co"]["score_delta"] > 0 and by_name["Fixed Co"]["previous"]["score"] < 100
    assert "previous" not in by_name["New Co"]
    # relcheck diff agrees with --baseline
    new = tmp_path / "new.json"
    new.write_text(run("audit", str(week(tmp_path, 2)), "--as-of", "2026-11-27", "--format", "json")[1])
    code, out = run("diff", str(old), str(new), "--format", "json")
    assert code == 1 and json.loads(out)["summary"]["changes"] == counted
    code, text = run("diff", str(old), str(new))
    assert "worse: Worse Co" in text and "resolved: Fixed Co" in text
    code, lines = run("audit", str(week(tmp_path, 2)), "--as-of", "2026-11-27", "--format", "jsonl",
                      "--baseline", str(old))
    records = [json.loads(line) for line in lines.splitlines()]
    assert [(r["account"], r["rule"]) for r in records if r["kind"] == "resolved"] == [("Fixed Co", "REL010")]
    assert {r.get("change") for r in records if r["kind"] == "finding"} == {"new", "worse", "persisting"}


def test_fail_on_new_counts_only_new_and_worse(tmp_path: Path) -> None:
    path = week(tmp_path, 1)
    old = tmp_path / "old.json"
    old.write_text(run("audit", str(path), "--as-of", "2026-11-20", "--format", "json")[1])
    code, _ = run("audit", str(path), "--as-of", "2026-11-20", "--baseline", str(old), "--fail-on-new")
    assert code == 0  # everything persists: a messy book, but nothing new
    code, _ = run("audit", str(path), "--as-of", "2026-11-20", "--baseline", str(old))
    assert code == 1
    code, _ = run("audit", str(week(tmp_path, 2)), "--as-of", "2026-11-27", "--baseline", str(old), "--fail-on-new")
    assert code == 1


def test_a_baseline_that_is_not_a_report_is_one_clear_line(tmp_path: Path) -> None:
    for content in ("not json", '{"accounts": []}', "[1, 2]", '{"schema_version": 1, "accounts": [{"id": "a", '
                    '"findings": [{"rule": "REL001"}]}]}'):
        bad = tmp_path / "bad.json"
        bad.write_text(content)
        done = CliRunner().invoke(app, ["audit", str(week(tmp_path, 1)), "--baseline", str(bad)])
        assert done.exit_code == 2 and done.exception is None or isinstance(done.exception, SystemExit)
        assert done.stderr.count("\n") == 1 and "not a relcheck JSON report" in done.stderr


def test_overview_order_money_and_owners(tmp_path: Path) -> None:
    code, out = run("audit", str(week(tmp_path, 2)), "--as-of", "2026-11-27", "--format", "json")
    report = json.loads(out)
    scores = [a["score"] for a in report["accounts"]]
    assert scores == sorted(scores)  # worst first
    by_name = {a["name"]: a for a in report["accounts"]}
    assert by_name["Fixed Co"]["open_pipeline"] == 50000 and by_name["Same Co"]["open_pipeline"] == 0
    assert by_name["Fixed Co"]["last_touch"] == "2026-11-24"
    owners = {o["owner"]: o for o in report["owners"]}
    assert owners["Ann Rep"]["accounts"] == 2 and owners["Ann Rep"]["open_pipeline"] == 50000
    assert owners["Bo Rep"]["accounts"] == 2
    assert owners["Ann Rep"]["critical"] == sum(f["severity"] == "critical" for n in ("Fixed Co", "Worse Co")
                                                for f in by_name[n]["findings"])
    code, out = run("audit", str(week(tmp_path, 2)), "--as-of", "2026-11-27", "--format", "json", "--sort", "name")
    assert [a["name"] for a in json.loads(out)["accounts"]] == ["Fixed Co", "New Co", "Same Co", "Worse Co"]
    code, out = run("audit", str(week(tmp_path, 2)), "--as-of", "2026-11-27", "--by", "owner", "--sort", "name")
    assert out.index("== Ann Rep ==") < out.index("== Bo Rep ==")
    assert "By owner" in out
