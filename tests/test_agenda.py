"""relcheck agenda: this week's calls, and the plan as iCalendar."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from relcheck.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "accounts.example.yaml"


def agenda(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, ["agenda", str(EXAMPLE), "--as-of", "2026-11-21", *args])
    return done.exit_code, done.stdout


def test_calls_fall_on_weekdays_within_the_cap_most_urgent_first() -> None:
    code, out = agenda("--format", "json", "--per-day", "1", "--days", "14")
    assert code == 0
    plan = json.loads(out)
    days = [date.fromisoformat(c["day"]) for c in plan["calls"]]
    assert days and all(d.weekday() < 5 for d in days)  # 21 November 2026 is a Saturday
    assert min(days) == date(2026, 11, 23)
    per_rep_day: dict[tuple[str, str], int] = {}
    for call in plan["calls"]:
        key = (call["rep"], call["day"])
        per_rep_day[key] = per_rep_day.get(key, 0) + 1
    assert max(per_rep_day.values()) == 1
    marcus = [c for c in plan["calls"] if c["rep"] == "Marcus Bell"]
    assert [c["account"] for c in marcus] == ["Delta Freight", "Borealis Foods"]  # the more overdue first
    assert all(c["severity"] in ("warning", "critical") for c in plan["calls"])
    for call in plan["calls"]:
        assert call["contact"] and call["agenda"] and call["why"]


def test_the_cap_leaves_calls_unscheduled_not_dropped() -> None:
    _, out = agenda("--format", "json", "--per-day", "1", "--days", "1")
    plan = json.loads(out)
    assert plan["days"] == []  # a Saturday alone has no working day
    assert plan["calls"] == [] and len(plan["unscheduled"]) >= 6


def test_the_calendar_parses_back_with_stable_unique_uids(tmp_path: Path) -> None:
    from icalendar import Calendar

    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    agenda("--ics", str(first))
    CliRunner().invoke(app, ["agenda", str(EXAMPLE), "--as-of", "2026-11-28", "--ics", str(second)])
    raw = first.read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = Calendar.from_ical(raw)
    events = [c for c in calendar.walk("VEVENT")]
    uids = [str(e["UID"]) for e in events]
    assert events and len(uids) == len(set(uids))
    assert str(calendar["METHOD"]) == "PUBLISH" and "ORGANIZER" not in raw.decode()
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert isinstance(start, date) and (end - start).days == 1 and start.weekday() < 5
        assert str(event["SUMMARY"]).startswith("Call ")
    later = {str(e["UID"]): e for e in Calendar.from_ical(second.read_bytes()).walk("VEVENT")}
    common = set(uids) & set(later)
    assert common, "next week's plan updates the same events"
    for event in events:
        if str(event["UID"]) in later:
            assert int(later[str(event["UID"])]["SEQUENCE"]) > int(event["SEQUENCE"])
    assert first.read_bytes() == raw  # stable: the same run writes the same file
    agenda("--ics", str(first))
    assert first.read_bytes() == raw


def test_agenda_names_rep_account_contact_and_agenda_in_markdown() -> None:
    code, out = agenda("--format", "markdown")
    assert code == 0 and out.startswith("# Call plan from")
    assert "Marcus Bell: call Olu Adebayo (Fleet manager, economic buyer) at Delta Freight" in out
