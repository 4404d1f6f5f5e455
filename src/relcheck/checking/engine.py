"""Run the selected rules over accounts: findings, suppressions, score.

The engine stamps each rule's code, slug and severity on what the rule
returns (a severity set in config beats the rule's own), applies the
account's ``ignore:`` entries, and scores what is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..errors import ConfigError
from ..format.records import Account
from .facts import AccountFacts, Context
from .findings import AccountResult, Finding, SuppressionUse
from .registry import SelectionError, resolve_rule, selected_rules
from .rule import Rule, Severity
from .scoring import score_account
from .settings import Settings
from .typed import typed


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    options: Any
    severity: Optional[Severity]  # from config; None = the rule decides


def rule_options(settings: Settings) -> dict[str, Any]:
    """Validated thresholds per rule code, from ``settings.rules``."""
    options: dict[str, Any] = {}
    for token, values in settings.rules.items():
        rule = resolve_rule(token)
        from pydantic import ValidationError

        try:
            options[rule.code] = typed(rule.options, values or {})
        except ValidationError as err:
            problem = err.errors(include_url=False)[0]
            where = ".".join(str(p) for p in problem["loc"])
            raise ConfigError(f"rules.{token}.{where}: {problem['msg']}") from None
    return options


class Engine:
    """The selected rules with their options, ready to audit accounts."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        try:
            configured = rule_options(settings)
            severities = {resolve_rule(t).code: s for t, s in settings.severity.items()}
            rules = selected_rules(settings.select, settings.ignore)
        except SelectionError as err:
            raise ConfigError(str(err)) from None
        self.active = [
            ActiveRule(r, configured.get(r.code) or r.options(), severities.get(r.code)) for r in rules
        ]

    @property
    def rules(self) -> list[Rule]:
        return [a.rule for a in self.active]

    def audit(self, account: Account, context: Context, path: str, line: int) -> AccountResult:
        """Audit one account (written at ``path:line``) as of ``context``."""
        facts = AccountFacts(account, context)
        findings: list[Finding] = []
        for active in self.active:
            for hit in active.rule.check(facts, active.options):
                findings.append(Finding(
                    rule=active.rule.code,
                    slug=active.rule.slug,
                    severity=active.severity or hit.severity or active.rule.severity,
                    message=hit.message,
                    evidence=hit.evidence,
                    suggestion=hit.suggestion,
                ))
        findings, uses = apply_suppressions(account, findings, context)
        findings.sort(key=lambda f: (-f.severity.rank, f.rule))
        score, status, breakdown = score_account(findings, self.rules, self.settings.score)
        return AccountResult(
            name=account.name,
            id=account.slug,
            owner=account.owner,
            tier=account.tier.value,
            path=path,
            line=line,
            score=score,
            status=status,
            findings=tuple(findings),
            score_breakdown=breakdown,
            suppressions=tuple(uses),
        )


def apply_suppressions(
    account: Account, findings: list[Finding], context: Context
) -> tuple[list[Finding], list[SuppressionUse]]:
    """Drop findings an active ``ignore:`` entry covers; say how each entry fared.

    An entry past its ``until`` date no longer suppresses (status ``expired``);
    an active entry that matched nothing is ``unused``."""
    uses: list[SuppressionUse] = []
    kept = findings
    for entry in account.ignore:
        rule = _rule_code(entry.rule)
        if entry.until is not None and entry.until < context.as_of:
            uses.append(SuppressionUse(rule, entry.reason, entry.until, "expired", 0))
            continue
        before = len(kept)
        kept = [f for f in kept if f.rule != rule]
        dropped = before - len(kept)
        uses.append(SuppressionUse(rule, entry.reason, entry.until, "active" if dropped else "unused", dropped))
    return kept, uses


def _rule_code(token: str) -> str:
    try:
        return resolve_rule(token).code
    except SelectionError:
        return token.upper()
