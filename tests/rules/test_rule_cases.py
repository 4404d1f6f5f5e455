"""One driver for every rule's pass/fail cases in ``cases/RELnnn.yaml``.

Each case is an account, ``expect: pass`` (the rule must stay quiet) or
``expect: fail`` (it must fire, at ``severity`` when given), and optional
``options`` (thresholds) and ``as_of``.  Adding a case never needs code.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from relcheck.checking.engine import Engine
from relcheck.checking.facts import Context
from relcheck.checking.registry import all_rules
from relcheck.checking.rule import option_names
from relcheck.checking.settings import Settings
from relcheck.format.fielddocs import field_docs
from relcheck.format.schema import validate_account
from relcheck.reading.events import read_documents

CASES = Path(__file__).parent / "cases"


def _load(path: Path) -> dict:
    return next(read_documents(path.read_bytes(), positions=False)).data


def _cases():
    for path in sorted(CASES.glob("REL*.yaml")):
        suite = _load(path)
        for case in suite["cases"]:
            yield pytest.param(suite, case, id=f"{suite['rule']}: {case['name']}")


def audit_case(suite: dict, case: dict):
    rule = suite["rule"]
    settings = Settings(select=[rule], rules={rule: case.get("options") or {}})
    as_of = date.fromisoformat(case.get("as_of") or suite["as_of"])
    account = validate_account(case["account"])
    result = Engine(settings).audit(account, Context(as_of=as_of), "case", 1)
    return [f for f in result.findings if f.rule == rule]


@pytest.mark.parametrize("suite, case", list(_cases()))
def test_rule_case(suite: dict, case: dict) -> None:
    findings = audit_case(suite, case)
    if case["expect"] == "pass":
        assert findings == [], [f.message for f in findings]
        return
    assert case["expect"] == "fail"
    assert findings, "expected the rule to fire"
    if case.get("severity"):
        assert {f.severity.value for f in findings} == {case["severity"]}
    for finding in findings:
        assert finding.message and finding.suggestion and finding.evidence


def test_every_rule_has_pass_and_fail_cases() -> None:
    for rule in all_rules():
        path = CASES / f"{rule.code}.yaml"
        assert path.exists(), f"{rule.code} has no case file"
        expects = {c["expect"] for c in _load(path)["cases"]}
        assert expects == {"pass", "fail"}, f"{rule.code} needs both pass and fail cases"


def test_registry_codes_slugs_and_docs() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.slug for r in rules}) == len(rules)
    for rule in rules:
        sections = rule.sections()
        for heading in ("What it checks", "Why it matters", "Example that fires", "How to fix"):
            assert sections.get(heading), f"{rule.code} lacks '{heading}'"
        docs = field_docs(rule.options)
        for name in option_names(rule.options):
            assert docs.get(name), f"{rule.code} option {name} is undocumented"
