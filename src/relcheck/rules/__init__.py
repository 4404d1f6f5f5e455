"""The rule catalogue: every module here named ``relNNN_<slug>.py`` defines
``RULE``.  Adding a rule is adding a module."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from ..rule import Rule


@lru_cache(maxsize=None)
def all_rules() -> tuple[Rule, ...]:
    """Every rule, ordered by code."""
    rules = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("rel"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            rules.append(module.RULE)
    return tuple(sorted(rules, key=lambda r: r.code))


def find_rule(code_or_slug: str) -> Rule | None:
    wanted = code_or_slug.strip().lower()
    for rule in all_rules():
        if wanted in (rule.code.lower(), rule.slug):
            return rule
    return None
