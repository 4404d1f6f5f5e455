"""Deterministic generator of format-v1 account files for benchmarks.

    python bench/generate.py --accounts 1000 --interactions 50 -o big.yaml
    python bench/generate.py --accounts 1000 --interactions 20 --split DIR

The same arguments always give the same bytes.  The mix is meant to look like
what people write: block and flow mappings, bare yes/no answers, quoted and
unquoted strings, datetimes, percentages, notes with punctuation, comments.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

FIRST = ["Pat", "Lee", "Sam", "Ana", "Omar", "Grace", "Jun", "Eva", "Ravi", "Mia", "Tom", "Ingrid", "Olu", "Noor"]
LAST = ["Kim", "Wong", "Ortiz", "Souza", "Said", "Okafor", "Park", "Novak", "Shah", "Laurent", "Becker", "Dahl"]
ROLES = ["VP Operations", "CFO", "Head of IT", "Procurement lead", "Dispatch lead", "COO", "Analyst"]
STAKEHOLDERS = ["champion", "economic-buyer", "decision-maker", "influencer", "user", "blocker", "other"]
CHANNELS = ["call", "email", "meeting", "visit", "message", "event", "other"]
PURPOSES = ["pitch", "discovery", "check-in", "insight", "support", "follow-up", "other"]
RESPONSES = ["yes", "no", "objection", "question", "tell-me-more", "none", "Yes", "NO"]
NOTES = [
    "asked about pricing for the Q3 rollout, wants a breakdown by site",
    "no decision before the budget review; follow up in two weeks",
    "shared the carrier benchmark: they liked the on-time numbers",
    "complained about the export: 'too slow at month end'",
    "introduced us to the new procurement lead",
]


def account_text(rng: random.Random, index: int, interactions: int, start: date) -> str:
    name = f"Account {index:05d} {rng.choice(LAST)} Holdings"
    contacts = sorted({f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(2, 5))})
    lines = [
        f"  - name: {name}",
        f"    id: acct-{index:05d}",
        f"    owner: {rng.choice(FIRST)} {rng.choice(LAST)}",
        f"    tier: {rng.choice(['key', 'growth', 'standard'])}",
        "    owner_history:",
        f"      - {{name: {rng.choice(FIRST)} Reyes, since: {start - timedelta(days=900)}}}",
        f"      - {{name: {rng.choice(FIRST)} Hart, since: {start - timedelta(days=rng.randint(100, 600))}}}",
        "    contacts:",
    ]
    for person in contacts:
        lines += [
            f"      - name: {person}",
            f"        role: {rng.choice(ROLES)}",
            f"        stakeholder: {rng.choice(STAKEHOLDERS)}",
            f"        email: {person.lower().replace(' ', '.')}@example.com",
            "        goals: [cut cost 10%, faster onboarding]",
            "        issues: [carrier delays]",
            "        personal_impact: bonus tied to on-time delivery",
        ]
        if rng.random() < 0.3:
            lines.append("        trust: {credibility: 7, reliability: 8, intimacy: 4, self_orientation: 6}")
    lines.append("    deals:")
    won = start - timedelta(days=rng.randint(60, 400))
    lines.append(f"      - {{name: \"Platform, {rng.randint(10, 200)} seats\", status: won, opened: {won - timedelta(days=90)}, closed: {won}, amount: {rng.randint(5, 500) * 1000}}}")
    if rng.random() < 0.6:
        lines.append(f"      - name: Expansion {index}\n        status: open\n        opened: {start - timedelta(days=rng.randint(10, 120))}\n        amount: {rng.randint(5, 200) * 1000}")
    lines.append("    interactions:")
    day = start - timedelta(days=interactions * 4)
    for n in range(interactions):
        day += timedelta(days=rng.randint(1, 7))
        who = rng.choice(contacts)
        direction = "inbound" if rng.random() < 0.35 else "outbound"
        response = rng.choice(RESPONSES)
        if n % 3 == 0:
            lines.append(
                f"      - {{date: {day}, with: {who}, direction: {direction}, channel: {rng.choice(CHANNELS)}, "
                f"purpose: {rng.choice(PURPOSES)}, response: {response}}}"
            )
            continue
        stamp = f"{day}T{rng.randint(8, 17):02d}:30:00Z" if n % 7 == 0 else str(day)
        lines += [
            f"      - date: {stamp}",
            f"        with: [{who}]" if n % 5 == 0 else f"        with: {who}",
            f"        direction: {direction}",
            f"        channel: {rng.choice(CHANNELS)}",
            f"        purpose: {rng.choice(PURPOSES)}",
            f"        response: {response}",
        ]
        if n % 4 == 0:
            lines.append(f"        questions: {rng.randint(0, 15)}")
            lines.append(f"        talk_ratio: {rng.randint(25, 80)}%" if n % 8 == 0 else f"        talk_ratio: 0.{rng.randint(25, 80)}")
        if n % 6 == 0:
            lines.append("        next_step: send the benchmark")
            lines.append(f"        due: {day + timedelta(days=7)}")
        if n % 2 == 0:
            note = rng.choice(NOTES)
            # A plain scalar cannot hold ": "; people quote such notes.
            lines.append(f"        notes: {note}" if ": " not in note else f'        notes: "{note}"')
    return "\n".join(lines) + "\n"


def generate(accounts: int, interactions: int, seed: int = 7, start: date = date(2026, 11, 1)):
    """Yield the text of each account, in order."""
    rng = random.Random(seed)
    for index in range(accounts):
        yield account_text(rng, index, interactions, start)


ACCENTED = {"Jun ": "Jün ", "Eva ": "Éva ", "Noor ": "Nóor ", "Omar ": "Ömar ", "Ingrid ": "Ingríd ", "Pat ": "Pât ",
            "new procurement lead": "new procurement lead, Zoë Ødegaard, who asked for the numbers"}
"""Names spelled with accents by :func:`as_others_write` (PyYAML escapes them: "J\\xFCn")."""


def as_others_write(text: bytes, width: int = 80) -> tuple[bytes, bytes, bytes]:
    """The accounts in ``text`` as other programs write them: as PyYAML's
    writer does by default (some first names with accents, which it writes
    as escapes such as ``"J\\xFCn"``; long values wrapped over lines), with
    every note a ``|`` block over two lines (as go-yaml and js-yaml write
    text of several lines), and as PyYAML writes with
    ``default_flow_style=None`` (each innermost list or mapping on one line,
    wrapped: dates and "yes" quoted as ``'2026-01-26'`` and ``'yes'``)."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    class Block(str):
        pass

    Dumper.add_representer(Block, lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style="|"))

    def restyle(value: object, key: object = None, blocks: bool = False) -> object:
        if isinstance(value, dict):
            return {k: restyle(v, k, blocks) for k, v in value.items()}
        if isinstance(value, list):
            return [restyle(v, key, blocks) for v in value]
        if blocks:
            return Block(f"{value}\nwritten up after the call\n") if key == "notes" else value
        for plain, accented in ACCENTED.items():
            value = str(value).replace(plain, accented)
        return value

    data = yaml.load(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))  # every value as text
    return (yaml.dump(restyle(data), Dumper=Dumper, sort_keys=False, width=width).encode(),
            yaml.dump(restyle(data, blocks=True), Dumper=Dumper, sort_keys=False, width=width,
                      allow_unicode=True).encode(),
            yaml.dump(data, Dumper=Dumper, sort_keys=False, width=width, default_flow_style=None).encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--interactions", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, help="one file with every account")
    parser.add_argument("--split", type=Path, help="a directory with one file per account")
    args = parser.parse_args()
    if args.split:
        args.split.mkdir(parents=True, exist_ok=True)
        for index, text in enumerate(generate(args.accounts, args.interactions, args.seed)):
            (args.split / f"account-{index:05d}.yaml").write_text("# generated by bench/generate.py\naccounts:\n" + text)
    if args.output:
        with args.output.open("w") as out:
            out.write("# generated by bench/generate.py\naccounts:\n")
            for text in generate(args.accounts, args.interactions, args.seed):
                out.write(text)


if __name__ == "__main__":
    main()
