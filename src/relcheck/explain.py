"""``relcheck explain``: a rule's docs under fixed headings, from its module
docstring and its options model (the single source)."""

from __future__ import annotations

from .rule import Rule

HEADINGS = ("What it checks", "Why it matters", "Thresholds and defaults", "Example that fires", "How to fix")


def thresholds(rule: Rule) -> str:
    lines = []
    for name, field in rule.options.model_fields.items():
        doc = (field.description or "").strip()
        lines.append(f"  {name} = {field.default!r}\n      {doc}")
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
                     + "".join(f"        {n}: {f.default!r}\n" for n, f in rule.options.model_fields.items()))
        else:
            body = sections.get(heading, "").strip() or "(not documented)"
        out += [heading, "-" * len(heading), body.rstrip(), ""]
    return "\n".join(out).rstrip() + "\n"
