"""The editor schema accepts exactly what relcheck accepts: checked with a
real JSON Schema validator on YAML read as editors read it (YAML 1.2)."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML
from typer.testing import CliRunner

from relcheck.cli import app
from relcheck.format.starter import starter_text

ROOT = Path(__file__).resolve().parents[1]


def as_editor_sees(text: str) -> Any:
    def plain(value: Any) -> Any:
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return plain(YAML(typ="safe", pure=True).load(io.StringIO(text)))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(CliRunner().invoke(app, ["schema"]).stdout)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(validator: Draft202012Validator, text: str) -> list[str]:
    return [e.message for e in validator.iter_errors(as_editor_sees(text))]


def test_the_example_and_the_starter_validate(validator: Draft202012Validator) -> None:
    assert errors(validator, (ROOT / "accounts.example.yaml").read_text()) == []
    assert errors(validator, starter_text("accounts.yaml", datetime.date(2026, 11, 23))) == []


def test_every_spelling_relcheck_reads_validates(validator: Draft202012Validator) -> None:
    text = """\
name: A
tier: KEY
contacts: [{name: Pat, stakeholder: Economic Buyer}, {name: Lee, stakeholder: decision_maker}]
interactions:
  - {date: 2026-06-02 09:30, with: Pat, direction: Outbound, purpose: Check In, response: Tell me more,
     talk_ratio: 55 %}
  - {date: "2026-07-15T14:00:00Z", with: Lee, direction: inbound, response: NO, talk_ratio: 0.4}
"""
    assert errors(validator, text) == []
    done = CliRunner().invoke(app, ["validate", "-"], input=text)
    assert done.exit_code == 0, done.output


@pytest.mark.parametrize("bad", ["tier: gold", "contacts: [{name: P, stakeholder: sponsor}]",
                                 "interactions: [{date: yesterday, with: P, direction: inbound}]",
                                 "interactions: [{date: 2026-01-01, with: P, direction: inbound, talk_ratio: lots}]"])
def test_what_relcheck_refuses_the_schema_refuses(validator: Draft202012Validator, bad: str) -> None:
    text = f"name: A\ncontacts: [{{name: P}}]\n{bad}\n" if not bad.startswith("contacts") else f"name: A\n{bad}\n"
    assert errors(validator, text)
    assert CliRunner().invoke(app, ["validate", "-"], input=text).exit_code == 2
