"""The commented starter file that ``relcheck init`` writes."""

from __future__ import annotations

from datetime import date

SCHEMA_FILE = "relcheck.schema.json"

STARTER = """\
# yaml-language-server: $schema={schema}
#
# relcheck accounts file (format version 1). Audit it with:
#   relcheck audit {name}
# `relcheck explain CODE` tells what each finding means; README.md has the format.
accounts:
  - name: Example Co                 # required; unique across everything you audit
    owner: Your Name                 # our rep on the account
    tier: growth                     # key | growth | standard (sets check-in cadence)
    owner_history:                   # our reps on the account, oldest first
      - {{name: Your Name, since: {since}}}
    contacts:
      - name: Alex Buyer             # required; `with:` below refers to this name
        role: Head of Operations
        stakeholder: economic-buyer  # champion | economic-buyer | decision-maker | influencer | user | blocker | other
        goals: [faster month-end close]      # what they want to achieve
        issues: [manual reconciliations]     # business issues in the way
        personal_impact: works weekends at month-end
        # trust: {{credibility: 7, reliability: 8, intimacy: 5, self_orientation: 4}}  # 1-10 each
        # left: 2026-12-31           # the day this person left the customer
        # ref: "0031x00000AbCdE"     # the record id in your CRM (contacts, deals, interactions)
      - name: Sam Champion
        role: Finance manager
        stakeholder: champion
        goals: [fewer spreadsheet errors]
        issues: [three systems to reconcile]
        personal_impact: blamed for late reports
    deals:
      - name: First purchase
        status: won                  # open | won | lost
        opened: {opened}
        closed: {closed}             # required for won and lost deals
        amount: 10000
    interactions:                    # every touch, in any order
      - date: {touch1}
        with: Alex Buyer             # a contact, or a list: [Alex Buyer, Sam Champion]
        direction: outbound          # outbound (we reached out) | inbound (they did)
        channel: call                # call | email | meeting | visit | message | event | other
        purpose: check-in            # pitch | discovery | check-in | insight | support | follow-up | other
        response: tell-me-more       # yes | no | objection | question | tell-me-more | none (no reply)
        questions: 11                # questions we asked
        talk_ratio: 0.45             # share of the time we talked (or "45%")
        next_step: send the month-end checklist
        due: {due}                   # when we promised next_step
      - {{date: {touch2}, with: Sam Champion, direction: outbound, channel: email, purpose: follow-up, response: yes,
         notes: sent the checklist}}
      - {{date: {touch3}, with: [Alex Buyer, Sam Champion], direction: inbound, channel: meeting, purpose: other,
         response: objection, notes: worried about the migration effort}}
    ignore: []                       # e.g. - {{rule: REL004, reason: "...", until: 2027-01-01}}
"""


def starter_text(name: str, today: date, schema: str = SCHEMA_FILE) -> str:
    """A starter file dated around ``today``, so it audits cleanly when written."""
    from datetime import timedelta

    def day(offset: int) -> str:
        return (today - timedelta(days=offset)).isoformat()

    return STARTER.format(
        schema=schema, name=name, since=day(400), opened=day(200), closed=day(120),
        touch1=day(20), due=day(15), touch2=day(16), touch3=day(8),
    )
