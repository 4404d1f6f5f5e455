"""What an import found, CRM-neutral: companies, people, deals, activities,
and the records it could not place (with why).

The three readers (``hubspot``, ``salesforce``, ``pipedrive`` in
:mod:`.crm`) fill an :class:`Export`; :func:`assemble` turns it into
accounts in the file format, resolving which company and which contacts
each record belongs to.  Nothing is invented: a value the export does not
hold stays unset, and a record that cannot be placed is counted with its
reason, never dropped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Optional

from ..names import norm_name


@dataclass
class Company:
    ref: str  # the CRM id ("" when the export names the company only)
    name: str
    owner: str = ""


@dataclass
class Person:
    ref: str
    name: str
    email: str = ""
    role: str = ""
    company_ref: str = ""
    company_name: str = ""
    stakeholder: str = ""
    where: str = ""


@dataclass
class DealRecord:
    ref: str
    name: str
    status: str  # open | won | lost
    opened: Optional[date]
    closed: Optional[date]
    amount: Optional[float]
    company_ref: str = ""
    company_name: str = ""
    where: str = ""


@dataclass
class Activity:
    """A touch (``next_step`` empty) or an open to-do (``next_step`` set, ``due``)."""

    ref: str
    day: Optional[date]
    direction: str = ""  # outbound | inbound | "" (the export does not say)
    channel: str = ""
    response: str = ""
    notes: str = ""
    people_refs: list[str] = field(default_factory=list)
    people: list[tuple[str, str]] = field(default_factory=list)  # (name, email) when no ids
    company_ref: str = ""
    company_name: str = ""
    next_step: str = ""
    due: Optional[date] = None
    where: str = ""
    what: str = "activity"  # how the summary names it: call, email, meeting...


@dataclass
class Export:
    crm: str
    companies: list[Company] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    deals: list[DealRecord] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    roles: dict[str, list[tuple[bool, str]]] = field(default_factory=dict)  # person ref -> (primary, role)
    owners: dict[str, str] = field(default_factory=dict)  # user id -> name
    unplaced: list[tuple[str, str, str]] = field(default_factory=list)  # (where, what, reason)
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> count (not touches: notes on purpose)

    def unplace(self, where: str, what: str, reason: str) -> None:
        self.unplaced.append((where, what, reason))


STAKEHOLDER_RANK = ("economic-buyer", "decision-maker", "champion", "blocker", "influencer", "user", "other")


@dataclass
class AccountOut:
    name: str
    owner: str = ""
    contacts: list[dict[str, Any]] = field(default_factory=list)
    deals: list[dict[str, Any]] = field(default_factory=list)
    interactions: list[dict[str, Any]] = field(default_factory=list)
    contact_refs: dict[str, str] = field(default_factory=dict)  # ref -> name as written
    contact_emails: dict[str, str] = field(default_factory=dict)  # email -> name
    contact_names: dict[str, str] = field(default_factory=dict)  # norm name -> name


def _stakeholder(roles: list[tuple[bool, str]]) -> str:
    if not roles:
        return ""
    primary = [r for p, r in roles if p and r]
    found = [r for _, r in roles if r]
    if not found:
        return ""
    return min(primary or found, key=STAKEHOLDER_RANK.index)


class Assembly:
    """Accounts keyed by CRM company id and by name."""

    def __init__(self, export: Export) -> None:
        self.export = export
        self.accounts: dict[str, AccountOut] = {}  # norm name -> account
        self.by_ref: dict[str, AccountOut] = {}
        for company in export.companies:
            if not company.name:
                export.unplace(company.ref, "company", "no name in the export")
                continue
            key = norm_name(company.name)
            if key in self.accounts:
                if company.ref:
                    self.by_ref.setdefault(company.ref, self.accounts[key])
                continue
            account = AccountOut(company.name.strip(), export.owners.get(company.owner, company.owner))
            self.accounts[key] = account
            if company.ref:
                self.by_ref[company.ref] = account

    def account(self, ref: str, name: str) -> Optional[AccountOut]:
        if ref and ref in self.by_ref:
            return self.by_ref[ref]
        if name:
            key = norm_name(name)
            if key not in self.accounts:
                self.accounts[key] = AccountOut(name.strip())
            account = self.accounts[key]
            if ref:
                self.by_ref[ref] = account
            return account
        return None

    def add_person(self, account: AccountOut, person: Person) -> Optional[str]:
        """Add ``person`` as a contact; the name as written, or None when
        the account already has a different person of that name."""
        if person.ref and person.ref in account.contact_refs:
            return account.contact_refs[person.ref]
        if person.email and person.email.casefold() in account.contact_emails:
            name = account.contact_emails[person.email.casefold()]
            if person.ref:
                account.contact_refs[person.ref] = name
            return name
        key = norm_name(person.name)
        if key in account.contact_names:
            existing = next((c for c in account.contacts if norm_name(c["name"]) == key), None)
            if existing is not None and person.ref and existing.get("ref") and person.email \
                    and existing.get("email") and existing["email"].casefold() != person.email.casefold():
                return None  # two people, one name
            name = account.contact_names[key]
            if person.ref:
                account.contact_refs[person.ref] = name
            return name
        contact: dict[str, Any] = {"name": person.name.strip()}
        if person.role:
            contact["role"] = person.role
        stakeholder = person.stakeholder or _stakeholder(self.export.roles.get(person.ref, []))
        if stakeholder:
            contact["stakeholder"] = stakeholder
        if person.email:
            contact["email"] = person.email
        if person.ref:
            contact["ref"] = person.ref
        account.contacts.append(contact)
        account.contact_names[key] = contact["name"]
        if person.email:
            account.contact_emails[person.email.casefold()] = contact["name"]
        if person.ref:
            account.contact_refs[person.ref] = contact["name"]
        return contact["name"]


def assemble(export: Export, default_direction: str) -> list[AccountOut]:
    """The export as accounts (in the order the export names companies)."""
    assembly = Assembly(export)
    people_by_ref: dict[str, Person] = {}
    homeless: dict[str, Person] = {}  # contacts with no company: an activity may place them
    for person in export.people:
        if person.ref and person.ref in people_by_ref:
            continue  # the same record twice
        if not person.name:
            export.unplace(person.where, "contact", "no name or email in the export")
            continue
        account = assembly.account(person.company_ref, person.company_name)
        if account is None:
            if person.ref:
                homeless[person.ref] = people_by_ref[person.ref] = person
            else:
                export.unplace(person.where, f"contact '{person.name}'", "no company in the export")
            continue
        if assembly.add_person(account, person) is None:
            export.unplace(person.where, f"contact '{person.name}'",
                           f"'{account.name}' has another contact of that name (a different email)")
            continue
        if person.ref:
            people_by_ref[person.ref] = person
    for deal in export.deals:
        account = assembly.account(deal.company_ref, deal.company_name)
        if account is None:
            export.unplace(deal.where, f"deal '{deal.name}'", "no company in the export")
            continue
        if deal.status in ("won", "lost") and deal.closed is None:
            export.unplace(deal.where, f"deal '{deal.name}'", f"{deal.status} but the export has no close date")
            continue
        entry: dict[str, Any] = {"name": deal.name, "status": deal.status}
        if deal.opened:
            entry["opened"] = deal.opened
        if deal.closed and deal.status != "open":
            entry["closed"] = deal.closed
        if deal.amount is not None:
            entry["amount"] = deal.amount
        if deal.ref:
            entry["ref"] = deal.ref
        account.deals.append(entry)
    to_dos: list[tuple[AccountOut, Activity, list[str]]] = []
    for activity in export.activities:
        placed = _place(assembly, people_by_ref, homeless, activity)
        if isinstance(placed, str):
            export.unplace(activity.where, activity.what, placed)
            continue
        account, names = placed
        if activity.next_step:
            to_dos.append((account, activity, names))
            continue
        direction = activity.direction or default_direction
        if not direction:
            export.unplace(activity.where, activity.what,
                           "the export does not say who reached out (use --default-direction)")
            continue
        if activity.day is None:
            export.unplace(activity.where, activity.what, "no date in the export")
            continue
        entry = {"date": activity.day, "with": names, "direction": direction}
        for key in ("channel", "response", "notes"):
            if getattr(activity, key):
                entry[key] = getattr(activity, key)
        if activity.ref:
            entry["ref"] = activity.ref
        account.interactions.append(entry)
    for account in assembly.accounts.values():
        account.interactions.sort(key=lambda e: (e["date"], str(e.get("ref", ""))))
    for account, activity, names in to_dos:
        _attach(export, account, activity, names)
    for person in homeless.values():
        export.unplace(person.where, f"contact '{person.name}'", "no company in the export, and no activity "
                       "with a company names them")
    return list(assembly.accounts.values())


def _place(assembly: Assembly, people_by_ref: dict[str, Person], homeless: dict[str, Person],
           activity: Activity) -> tuple[AccountOut, list[str]] | str:
    """The account and contact names of an activity, or why it has none."""
    persons: list[Person] = [people_by_ref[ref] for ref in activity.people_refs if ref in people_by_ref]
    if not persons:  # contacts the contacts export does not hold: as the activity names them
        refs = activity.people_refs if len(activity.people_refs) == len(activity.people) else []
        for n, (who, email) in enumerate(activity.people):
            persons.append(Person(refs[n] if refs else "", who or email, email, company_ref=activity.company_ref,
                                  company_name=activity.company_name))
    account = assembly.account(activity.company_ref, activity.company_name)
    if account is None and persons:
        first = persons[0]
        account = assembly.account(first.company_ref, first.company_name)
    if account is None:
        return "no company in the export"
    names: list[str] = []
    for person in persons:
        if person.ref in homeless:  # the contacts export had no company for them; this activity has
            homeless.pop(person.ref)
        elif person.ref in people_by_ref and person.ref not in account.contact_refs:
            continue  # a contact of another company (a shared activity)
        name = account.contact_refs.get(person.ref) if person.ref else None
        if name is None and person.name:
            name = assembly.add_person(account, person)
        if name and name not in names:
            names.append(name)
    if not names:
        return f"no contact of '{account.name}' named in the export"
    return account, names


def _attach(export: Export, account: AccountOut, activity: Activity, names: list[str]) -> None:
    """An open to-do becomes the next step of the latest touch with that
    contact on or before its due date that has none yet."""
    for entry in reversed(account.interactions):
        if entry.get("next_step") or not set(entry["with"]) & set(names):
            continue
        if activity.due is not None and entry["date"] > activity.due:
            continue
        entry["next_step"] = activity.next_step
        if activity.due is not None:
            entry["due"] = activity.due
        if activity.ref:
            entry["ref"] = f"{entry['ref']} {activity.ref}" if entry.get("ref") else activity.ref
        return
    export.unplace(activity.where, activity.what, "an open to-do with no earlier touch with that contact to "
                   "hang it on as the next step")
