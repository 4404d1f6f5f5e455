"""Run the selected rules over accounts: findings, suppressions, score.

The engine stamps each rule's code, slug and severity on what the rule
returns (a severity set in config beats the rule's own), applies the
account's ``ignore:`` entries, and scores what is left.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Optional

from ..errors import ConfigError
from ..format.records import Account
from .facts import AccountFacts, Context
from .findings import AccountResult, Finding, SuppressionUse, fingerprint
from .registry import SelectionError, resolve_rule, selected_rules
from .rule import Rule, Severity
from .scoring import factor_table, score_account
from .settings import Settings
from .typed import typed


@dataclass(frozen=True, repr=False)
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
            cadence = configured.get("REL010") or resolve_rule("REL010").options()
        except SelectionError as err:
            raise ConfigError(str(err)) from None
        self.active = [
            ActiveRule(r, configured.get(r.code) or r.options(), severities.get(r.code)) for r in rules
        ]
        # A new account is given its tier's ideal cadence (as REL010 is
        # configured) before any rule judges its patterns.
        self.settle_days = {tier: getattr(cadence, tier).ideal for tier in ("key", "growth", "standard")}
        self.factors = factor_table(self.rules)

    @property
    def rules(self) -> list[Rule]:
        return [a.rule for a in self.active]

    def context(self, as_of: date, lookback_days: int) -> Context:
        """The context rules see: the as-of date, the window, the tiers' cadences."""
        return Context(as_of=as_of, lookback_days=lookback_days, settle_days=dict(self.settle_days))

    def audit(self, account: Account, context: Context, path: str, line: int) -> AccountResult:
        """Audit one account (written at ``path:line``) as of ``context``."""
        return self.audit_facts(AccountFacts(account, context), path, line)

    def audit_facts(self, facts: AccountFacts, path: str, line: int) -> AccountResult:
        """:meth:`audit` of an account already seen as of a date (the
        decisions stage reuses the same facts)."""
        account, context = facts.account, facts.context
        hits: list[tuple[Finding, Optional[str]]] = []
        history = bool(facts.history)
        slug = account.slug
        for active in self.active:
            if not history and active.rule.needs_history:
                continue  # it would find nothing: an account of a name and an owner costs three rules
            for hit in active.rule.check(facts, active.options):
                finding = Finding(
                    rule=active.rule.code,
                    slug=active.rule.slug,
                    severity=active.severity or hit.severity or active.rule.severity,
                    message=hit.message,
                    evidence=hit.evidence,
                    suggestion=hit.suggestion,
                    fingerprint=fingerprint(active.rule.code, slug, hit.subject),
                    contact=hit.contact,
                    agenda=hit.agenda,
                    magnitude=1.0 if hit.excess is None else 0.75 + 0.25 * min(1.0, max(0.0, hit.excess)),
                )
                hits.append((finding, hit.fact))
        findings: list[Finding] = []
        uses: list[SuppressionUse] = []
        if hits or account.ignore:  # most accounts of a large export have neither
            kept, uses = apply_suppressions(account, [f for f, _ in hits], self.rules, context.as_of)
            facts_of = {id(f): fact for f, fact in hits}
            findings = one_finding_per_fact([(f, facts_of[id(f)]) for f in kept])
            findings.sort(key=lambda f: (-f.severity.rank, f.rule))
        score, status, breakdown = score_account(findings, self.factors, self.settings.score)
        return AccountResult(
            name=account.name,
            id=slug,
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


def one_finding_per_fact(hits: list[tuple[Finding, Optional[str]]]) -> list[Finding]:
    """When several rules saw the same fact (SPEC 3a: a silence since the
    last sale is both REL003's and REL010's), one finding reports it: the
    rule with the lowest code, which is the more specific one wherever two
    rules share a fact today.  It takes the worse severity of the two, the
    other's measures under its code in ``evidence``, and the other's code
    in ``also``; the others stay quiet (their agenda too: the owner's says
    it more precisely)."""
    owners: dict[str, Finding] = {}
    out: list[Finding] = []
    for finding, fact in sorted(hits, key=lambda pair: pair[0].rule):
        owner = owners.get(fact) if fact is not None else None
        if owner is None or fact is None:
            if fact is not None:
                owners[fact] = finding
            out.append(finding)
            continue
        merged = replace(
            owner,
            severity=max(owner.severity, finding.severity, key=lambda s: s.rank),
            evidence={**owner.evidence, finding.rule: finding.evidence},
            also=owner.also + (finding.rule,),
            magnitude=max(owner.magnitude, finding.magnitude),
        )
        out[out.index(owner)] = merged
        owners[fact] = merged
    return out


def apply_suppressions(
    account: Account, findings: list[Finding], rules: list[Rule], as_of: date
) -> tuple[list[Finding], list[SuppressionUse]]:
    """Drop findings an active ``ignore:`` entry covers; say how each entry fared.

    An entry past its ``until`` date no longer suppresses (status ``expired``);
    one whose rule did not run (``--select``/``--ignore``) is ``not-run``,
    never "unused"; an active entry that matched nothing is ``unused``."""
    uses: list[SuppressionUse] = []
    kept = findings
    running = {r.code for r in rules}
    for entry in account.ignore:
        rule = _rule_code(entry.rule)
        if entry.until is not None and entry.until < as_of:
            uses.append(SuppressionUse(rule, entry.reason, entry.until, "expired", 0))
            continue
        if rule not in running:
            uses.append(SuppressionUse(rule, entry.reason, entry.until, "not-run", 0))
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
