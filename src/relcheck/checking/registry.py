"""The one registry of rules: finding them, naming them, selecting them.

Every module in :mod:`relcheck.checking.rules` named ``relNNN_<slug>.py``
defines ``RULE``; this module discovers them and answers every question
about rule names (``explain``, ``--select``, config sections, suppressions).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from functools import cache
from typing import Optional

from ..names import suggest
from . import rules as _catalogue
from .rule import Rule


class SelectionError(ValueError):
    """A rule code, prefix or slug that matches no rule."""


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, ordered by code."""
    found = []
    for info in pkgutil.iter_modules(_catalogue.__path__):
        if info.name.startswith("rel"):
            module = importlib.import_module(f"{_catalogue.__name__}.{info.name}")
            found.append(module.RULE)
    return tuple(sorted(found, key=lambda r: r.code))


def rule_names() -> tuple[str, ...]:
    """Every code and slug, as written in docs (for did-you-mean and for the
    reader's check of ``ignore:`` entries)."""
    rules = all_rules()
    return tuple(r.code for r in rules) + tuple(r.slug for r in rules)


def find_rule(code_or_slug: str) -> Optional[Rule]:
    """The rule with exactly this code or slug (any case, ``_`` for ``-``)."""
    wanted = code_or_slug.strip().lower().replace("_", "-")
    for rule in all_rules():
        if wanted in (rule.code.lower(), rule.slug):
            return rule
    return None


def unknown_rule(token: str) -> SelectionError:
    return SelectionError(f"unknown rule '{token}'{suggest(token, rule_names())} (see 'relcheck rules')")


def match_rules(token: str) -> list[Rule]:
    """Rules named by ``token``: ``ALL``, a code, a code prefix or a slug."""
    text = token.strip()
    if text.upper() == "ALL":
        return list(all_rules())
    exact = find_rule(text)
    if exact is not None:
        return [exact]
    found = [r for r in all_rules() if text and r.code.startswith(text.upper())]
    if not found:
        raise unknown_rule(token)
    return found


def resolve_rule(token: str) -> Rule:
    """Exactly one rule by code or slug (for per-rule settings)."""
    rule = find_rule(token)
    if rule is not None:
        return rule
    match_rules(token)  # raises with a suggestion when nothing matches
    raise SelectionError(f"'{token}' names more than one rule; use a full code such as REL001")


def selected_rules(select: Optional[Iterable[str]], ignore: Iterable[str]) -> list[Rule]:
    """The rules ``select`` names (default: all) minus those ``ignore`` names."""
    chosen: dict[str, Rule] = {}
    for token in select if select is not None else ["ALL"]:
        for rule in match_rules(token):
            chosen[rule.code] = rule
    for token in ignore:
        for rule in match_rules(token):
            chosen.pop(rule.code, None)
    return sorted(chosen.values(), key=lambda r: r.code)
