"""``relcheck explain``: a rule's docs under fixed headings, from its module
docstring and its options model (the single source)."""

from __future__ import annotations

from dataclasses import asdict, fields, is_dataclass

from ..checking.rule import Rule
from ..format.fielddocs import field_docs

HEADINGS = ("What it checks", "Why it matters", "Thresholds and defaults", "Example that fires", "How to fix")


def _plain(value: object) -> str:
    """A default as it would be written in relcheck.yaml."""
    if is_dataclass(value) and not isinstance(value, type):
        return "{" + ", ".join(f"{k}: {v}" for k, v in asdict(value).items()) + "}"
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def thresholds(rule: Rule) -> str:
    docs = field_docs(rule.options)
    lines = []
    for field in fields(rule.options):
        name = field.name
        doc = docs.get(name, "").strip()
        lines.append(f"  {name} = {_plain(field.default)}\n      {doc}")
    return "\n".join(lines) if lines else "  (none)"


def explain_rule(rule: Rule) -> str:
    sections = rule.sections()
    out = [f"{rule.code} {rule.slug} (default severity: {rule.severity.value}; factor: {rule.factor})",
           "", sections.get("summary", rule.summary), ""]
    for heading in HEADINGS:
        if heading == "Thresholds and defaults":
            body = thresholds(rule)
            extra = sections.get(heading)
            if extra:
                body += "\n\n" + extra
            body += (f"\n\n  Set them in relcheck.yaml:\n    rules:\n      {rule.code}:\n"
                     + "".join(f"        {f.name}: {_plain(f.default)}\n" for f in fields(rule.options)))
        else:
            body = sections.get(heading, "").strip() or "(not documented)"
        out += [heading, "-" * len(heading), body.rstrip(), ""]
    return "\n".join(out).rstrip() + "\n"
