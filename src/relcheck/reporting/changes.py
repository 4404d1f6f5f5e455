"""The "what changed" section every format leads with when there is a
baseline (and all of ``relcheck diff``'s table and markdown output)."""

from __future__ import annotations

from collections.abc import Callable

from ..checking.words import count
from ..review.changes import WhatChanged


def changes_lines(what: WhatChanged, escape: Callable[[str], str] = str, bullet: str = "  -") -> list[str]:
    c = what.counts
    lines = [f"What changed since {escape(what.baseline)}: {c['new']} new, {c['worse']} worse, "
             f"{c['persisting']} persisting, {c['resolved']} resolved"]
    for item in what.changed:
        lines.append(f"{bullet} {item.change}: {escape(item.account)}: {item.severity} {item.rule} {item.slug}: "
                     f"{escape(item.message)}")
    for gone in what.resolved:
        lines.append(f"{bullet} resolved: {escape(gone.account)}: {gone.rule}: {escape(gone.message)}")
    for name, before, now in what.scores:
        arrow = "↑" if now > before else "↓"
        lines.append(f"{bullet} score {arrow} {escape(name)}: {before} -> {now}")
    if not what.changed and not what.resolved and not what.scores:
        lines.append(f"{bullet} nothing new, worse or resolved; {count(c['persisting'], 'finding')} persisting")
    return lines
