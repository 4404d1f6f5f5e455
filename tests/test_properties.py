"""Property-based tests (hypothesis): generated account files, and the same
files damaged in the ways files really get damaged.

* A generated valid file always loads with no error, audits with exit 0 or
  1, and gives the same JSON when run again.
* The fast path and the careful (pydantic) path read every generated account
  identically.
* A mutated file (a deleted line, a value of the wrong type, truncated bytes,
  a tab in the indentation) always ends in exit 0, 1 or 2, never an
  exception; on exit 2 every message names the file and a line.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from relcheck.checking.registry import rule_names
from relcheck.cli import app
from relcheck.format.schema import validate_account
from relcheck.reading.events import read_documents
from relcheck.reading.fast import fast_account
from relcheck.reading.load import load_raw

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
# Names people really use, including the YAML traps: Norway, NO, yes, 1.10, on.
names = st.one_of(
    st.builds(lambda a, b: f"{a.title()} {b.title()}", words, words),
    st.sampled_from(["Norway", "NO", "Yes", "on", "1.10", "Off", "null word", "Ann-Marie O'Neil"]),
)
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 11, 20))


def spelled(values: list[str]):
    """An enum value as people type it: any case, sometimes with spaces."""
    return st.sampled_from(values).flatmap(
        lambda v: st.sampled_from([v, v.upper(), v.title(), v.replace("-", " ")])
    )


@st.composite
def accounts(draw, index: int = 0) -> dict:
    people = draw(st.lists(names, min_size=1, max_size=4, unique_by=lambda n: " ".join(n.split()).casefold()))
    contacts = [
        {
            "name": person,
            "stakeholder": draw(st.one_of(st.none(), spelled(["champion", "economic-buyer", "user", "blocker"]))),
            "goals": draw(st.lists(words, max_size=2)),
            "left": draw(st.one_of(st.none(), days)),
        }
        for person in people
    ]
    interactions = []
    for _ in range(draw(st.integers(0, 12))):
        interactions.append({
            "date": draw(days),
            "with": draw(st.sampled_from(people)),
            "direction": draw(spelled(["inbound", "outbound"])),
            "purpose": draw(spelled(["pitch", "check-in", "discovery", "insight", "support"])),
            "response": draw(st.one_of(st.none(), spelled(["yes", "no", "objection", "question", "tell-me-more", "none"]))),
            "talk_ratio": draw(st.one_of(st.none(), st.integers(0, 100).map(lambda n: f"{n}%"))),
            "questions": draw(st.one_of(st.none(), st.integers(0, 20))),
        })
    deals = []
    for number in range(draw(st.integers(0, 2))):
        opened = draw(days)
        status = draw(st.sampled_from(["open", "won", "lost"]))
        deal = {"name": f"Deal {number} {draw(words)}", "status": status, "opened": opened}
        if status != "open":
            deal["closed"] = opened + timedelta(days=draw(st.integers(0, 200)))
        deals.append(deal)
    return {
        "name": f"Account {index} {draw(words)}",
        "tier": draw(spelled(["key", "growth", "standard"])),
        "owner": draw(names),
        "contacts": contacts,
        "deals": deals,
        "interactions": interactions,
    }


def _scalar(value) -> str:
    """Write a value the way a person would: bare where YAML allows it
    (``response: no``, ``role: NO``, dates), quoted only where it must be."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    bare_ok = (text and text[0].isalnum() and ": " not in text and " #" not in text and "'" not in text
               and text not in ("null", "Null", "NULL"))  # the only words relcheck reads as "nothing"
    return text if bare_ok else json.dumps(text)


def to_yaml(account_list: list[dict], flow: bool) -> str:
    lines = ["accounts:"]
    for account in account_list:
        lines.append(f"  - name: {_scalar(account['name'])}")
        for key in ("tier", "owner"):
            lines.append(f"    {key}: {_scalar(account[key])}")
        for section in ("contacts", "deals", "interactions"):
            lines.append(f"    {section}:")
            for item in account[section]:
                pairs = {k: v for k, v in item.items() if v is not None}
                if flow:
                    body = ", ".join(f"{k}: {_value(v)}" for k, v in pairs.items())
                    lines.append(f"      - {{{body}}}")
                else:
                    first = True
                    for key, value in pairs.items():
                        lines.append(("      - " if first else "        ") + f"{key}: {_value(value)}")
                        first = False
    return "\n".join(lines) + "\n"


def _value(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return _scalar(value)


corpus = st.integers(1, 3).flatmap(lambda n: st.tuples(*[accounts(index=i) for i in range(n)]))


@SETTINGS
@given(corpus, st.booleans())
def test_generated_files_load_audit_and_repeat(account_list, flow) -> None:
    text = to_yaml(list(account_list), flow)
    loaded = load_raw("generated.yaml", text.encode(), rule_names())
    assert loaded.errors == [], (text, loaded.errors)
    assert len(loaded.accounts) == len(account_list)
    runner = CliRunner()
    args = ["audit", "-", "--format", "json", "--as-of", "2026-11-23"]
    first = runner.invoke(app, args, input=text)
    second = runner.invoke(app, args, input=text)
    assert first.exit_code in (0, 1), first.stderr
    assert first.stdout == second.stdout
    assert json.loads(first.stdout)["summary"]["accounts"] == len(account_list)


@SETTINGS
@given(accounts(), st.booleans())
def test_fast_and_careful_paths_agree(account, flow) -> None:
    text = to_yaml([account], flow)
    raw = next(read_documents(text.encode(), positions=False)).data["accounts"][0]
    careful = validate_account(raw)
    assert fast_account(raw) == careful


def _mutations(text: str) -> st.SearchStrategy[str]:
    lines = text.splitlines(keepends=True)

    def delete_line(i: int) -> str:
        return "".join(lines[:i] + lines[i + 1:])

    def swap_type(i: int) -> str:
        line = lines[i]
        if ": " not in line:
            return text
        key = line.split(": ", 1)[0]
        return "".join(lines[:i] + [f"{key}: [1, 2]\n"] + lines[i + 1:])

    def insert_tab(i: int) -> str:
        return "".join(lines[:i] + ["\t" + lines[i]] + lines[i + 1:])

    index = st.integers(0, max(len(lines) - 1, 0))
    return st.one_of(
        index.map(delete_line),
        index.map(swap_type),
        index.map(insert_tab),
        st.integers(0, len(text)).map(lambda n: text[:n]),
    )


@SETTINGS
@given(corpus.flatmap(lambda accts: _mutations(to_yaml(list(accts), flow=False))))
def test_mutated_files_end_cleanly_with_a_located_message(text) -> None:
    result = CliRunner().invoke(app, ["audit", "-", "--format", "json", "--as-of", "2026-11-23"], input=text)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2)
    if result.exit_code == 2:
        errors = json.loads(result.stdout)["errors"]
        assert errors, result.stderr
        for error in errors:
            assert error["path"] == "<stdin>" and isinstance(error["line"], int) and error["message"]
            assert f"<stdin>:{error['line']}" in result.stderr
