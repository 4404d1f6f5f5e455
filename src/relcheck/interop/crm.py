"""The three CRMs' standard CSV exports, read into a CRM-neutral :class:`Export`.

Which object a file holds is read from its header (files are named by the
user, headers by the CRM); headers match whatever their case and spacing
(``Record ID``, ``hs_object_id``; Salesforce's Data Loader writes
``ACCOUNTID`` or ``AccountId`` depending on the version).  Column layouts
are those of ``CRM-EXPORTS.md``; where that page marks one unverified, the
reader accepts the spellings seen and the README says what it assumed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as date_t
from typing import Optional

from ..errors import RelcheckError
from .crmmodel import Activity, Company, DealRecord, Export, Person
from .crmvalues import DateError, Dates, parse_amount, parse_bool, people, plain_text, split_ids
from .csvfile import Row, Table, header_key

CRMS = ("hubspot", "salesforce", "pipedrive")

NEEDS = {
    "hubspot": "companies, contacts, deals and activities (calls, emails, meetings, notes, tasks: "
               "one export per type or the combined activities export)",
    "salesforce": "Account, Contact, Opportunity, OpportunityContactRole, Task, Event and EmailMessage "
                  "(Data Loader or report CSVs; a User export turns owner ids into names)",
    "pipedrive": "organizations, people, deals and activities",
}

NO_ANSWER = ("no answer", "noanswer", "left voicemail", "voicemail", "busy", "wrong number",
             "left live message", "left message", "no show", "noshow", "canceled", "cancelled",
             "73a0d17f-1163-4015-bdd5-ec830791da20", "b2cf5968-551e-4856-9783-52b3da59a7d0",
             "9d9162e7-6cf3-4944-bf63-4dff82258764", "17b47fee-58de-441e-a44c-c6300d46f273",
             "a4c4c377-d246-4b32-a13b-75a56a4cd0ff")


class Reader:
    """One table, one kind of record: cell lookups by field name."""

    def __init__(self, export: Export, dates: Dates, table: Table, fields: dict[str, tuple[str, ...]]) -> None:
        self.export, self.dates, self.table, self.fields = export, dates, table, fields

    def where(self, row: Row) -> str:
        return f"{self.table.label}:{row.line}"

    def get(self, row: Row, name: str) -> str:
        return row.get(*self.fields.get(name, ()))

    def day(self, row: Row, *names: str) -> Optional[date_t]:
        for name in names:
            key = next((k for k in self.fields.get(name, ()) if row.cells.get(k)), None)
            if key:
                return _day_in(self.dates, self.table, row, key)
        return None

    def deal(self, row: Row, ref: str, company_ref: str, company_name: str) -> DealRecord:
        """A deal from the fields name, closed, won, stage, opened, closed_on, amount."""
        closed, won, amount = self.get(row, "closed"), self.get(row, "won"), self.get(row, "amount")
        status = _status(parse_bool(closed) if closed else None, parse_bool(won) if won else None,
                         self.get(row, "stage"))
        return DealRecord(ref, self.get(row, "name"), status, self.day(row, "opened"), self.day(row, "closed_on"),
                          parse_amount(amount) if amount else None, company_ref, company_name, self.where(row))


def _day_in(dates: Dates, table: Table, row: Row, key: str) -> date_t:
    """The date in ``row``'s cell ``key``, or an error naming the row and the column."""
    try:
        return dates.parse(row.cells[key])
    except DateError as err:
        column = table.keys.index(key)
        raise RelcheckError(f"{table.label}:{row.line}: column '{table.headers[column]}' (field {column + 1}): "
                            f"{err}") from None



def _keys(*names: str) -> tuple[str, ...]:
    return tuple(header_key(n) for n in names)


def _status(closed: Optional[bool], won: Optional[bool], stage: str) -> str:
    if won:
        return "won"
    if closed is not None or won is not None:
        return "lost" if closed else "open"
    text = header_key(stage)
    if text in ("closedwon", "won", "gewonnen", "ganado", "gagné"):
        return "won"
    if text in ("closedlost", "lost", "verloren", "perdido", "perdu"):
        return "lost"
    return "open"


def _direction(text: str) -> Optional[str]:
    """inbound / outbound / None (the value says neither: forwarded, internal)."""
    value = header_key(text)
    if value in ("outbound", "outgoing", "email", "sent", "out", "outbounds"):
        return "outbound"
    if value in ("inbound", "incoming", "incomingemail", "received", "in", "reply"):
        return "inbound"
    return None


def _response(*outcomes: str) -> str:
    for outcome in outcomes:
        value = outcome.strip().casefold().replace("_", " ")
        if value and any(value == word or value.startswith(word) for word in NO_ANSWER):
            return "none"
    return ""


# ---------------------------------------------------------------- HubSpot

HS_ID = _keys("Record ID", "hs_object_id", "ID de registro", "Datensatz-ID", "ID de l'enregistrement", "ID")
HS_COMPANY = {"ref": HS_ID + _keys("Company ID"), "name": _keys("Company name", "Name", "Nombre de la empresa",
                                                                 "Firmenname", "Nom de l'entreprise"),
              "owner": _keys("Company owner", "Propietario de la empresa", "Unternehmensinhaber")}
HS_CONTACT = {"ref": HS_ID + _keys("Contact ID"),
              "first": _keys("First Name", "firstname", "Nombre", "Vorname", "Prénom"),
              "last": _keys("Last Name", "lastname", "Apellidos", "Nachname", "Nom"),
              "email": _keys("Email", "Correo", "Correo electrónico", "E-Mail", "E-mail address"),
              "role": _keys("Job Title", "jobtitle", "Cargo", "Position", "Berufsbezeichnung"),
              "company": _keys("Associated Company", "Company Name", "company", "Empresa asociada"),
              "company_ids": _keys("Associated Company IDs", "Associated Company ID", "associatedcompanyid",
                                   "Primary Associated Company ID")}
HS_DEAL = {"ref": HS_ID + _keys("Deal ID"), "name": _keys("Deal Name", "dealname"),
           "stage": _keys("Deal Stage", "dealstage"),
           "closed_on": _keys("Close Date", "closedate"), "opened": _keys("Create Date", "createdate"),
           "amount": _keys("Amount"), "won": _keys("Is Closed Won", "hs_is_closed_won"),
           "closed": _keys("Is Closed", "hs_is_closed"),
           "company": _keys("Associated Company"),
           "company_ids": _keys("Associated Company IDs", "Associated Company ID")}
HS_ACTIVITY = {
    "ref": HS_ID + _keys("Activity ID", "Engagement ID"),
    "date": _keys("Activity date", "hs_timestamp", "Timestamp", "Meeting start time", "hs_meeting_start_time",
                  "Fecha de actividad", "Aktivitätsdatum"),
    "type": _keys("Activity type", "Engagement type", "Type", "hs_engagement_type"),
    "body": _keys("Body preview", "hs_body_preview"),
    "contact": _keys("Associated Contact", "Contacto asociado"),
    "contact_ids": _keys("Associated Contact IDs", "Associated Contact ID"),
    "company": _keys("Associated Company", "Empresa asociada"),
    "company_ids": _keys("Associated Company IDs", "Associated Company ID"),
    "call_direction": _keys("Call direction", "hs_call_direction"),
    "call_notes": _keys("Call notes", "hs_call_body"),
    "call_outcome": _keys("Call outcome", "Call disposition", "hs_call_disposition"),
    "call_title": _keys("Call title", "hs_call_title"),
    "email_direction": _keys("Email direction", "hs_email_direction"),
    "email_subject": _keys("Email subject", "hs_email_subject"),
    "email_text": _keys("Email body", "Email text", "hs_email_text"),
    "meeting_name": _keys("Meeting name", "hs_meeting_title"),
    "meeting_body": _keys("Meeting description", "hs_meeting_body", "Internal meeting notes",
                          "hs_internal_meeting_notes"),
    "meeting_outcome": _keys("Meeting outcome", "hs_meeting_outcome"),
    "note_body": _keys("Note body", "hs_note_body"),
    "task_status": _keys("Task Status", "hs_task_status"),
    "task_subject": _keys("Task subject", "Task title", "hs_task_subject"),
}
_HS_TYPES = {"call": "call", "calls": "call", "email": "email", "emails": "email", "incomingemail": "email",
             "forwardedemail": "email", "meeting": "meeting", "meetings": "meeting", "note": "note",
             "notes": "note", "task": "task", "tasks": "task", "llamada": "call", "reunión": "meeting",
             "anruf": "call", "besprechung": "meeting", "nota": "note", "tarea": "task", "correo": "email"}


def _hubspot_kind(table: Table) -> str:
    if table.has(*HS_ACTIVITY["date"]) or table.has(*HS_ACTIVITY["call_direction"], *HS_ACTIVITY["email_direction"],
                                                   *HS_ACTIVITY["task_status"], *HS_ACTIVITY["note_body"]):
        return "activities"
    if table.has(*HS_DEAL["name"]):
        return "deals"
    if table.has(*HS_CONTACT["first"], *HS_CONTACT["last"]):
        return "contacts"
    if table.has(*HS_COMPANY["name"]):
        return "companies"
    return ""


def _first_id(text: str) -> str:
    ids = split_ids(text)
    return ids[0] if ids else ""


def hubspot(tables: list[Table], export: Export, dates: Dates) -> None:
    for table in _ordered(tables, _hubspot_kind, ("companies", "contacts", "deals", "activities"), "HubSpot"):
        kind = _hubspot_kind(table)
        if kind == "companies":
            r = Reader(export, dates, table, HS_COMPANY)
            for row in table.rows:
                ref = r.get(row, "ref")
                export.companies.append(Company(f"hubspot:company:{ref}" if ref else "", r.get(row, "name"),
                                                r.get(row, "owner")))
        elif kind == "contacts":
            r = Reader(export, dates, table, HS_CONTACT)
            for row in table.rows:
                ref = r.get(row, "ref")
                name = " ".join(p for p in (r.get(row, "first"), r.get(row, "last")) if p) or r.get(row, "email")
                company_id = _first_id(r.get(row, "company_ids"))
                export.people.append(Person(f"hubspot:contact:{ref}" if ref else "", name, r.get(row, "email"),
                                            r.get(row, "role"),
                                            f"hubspot:company:{company_id}" if company_id else "",
                                            r.get(row, "company").split(";")[0].strip(), where=r.where(row)))
        elif kind == "deals":
            r = Reader(export, dates, table, HS_DEAL)
            for row in table.rows:
                ref = r.get(row, "ref")
                company_id = _first_id(r.get(row, "company_ids"))
                export.deals.append(r.deal(row, f"hubspot:deal:{ref}" if ref else "",
                                           f"hubspot:company:{company_id}" if company_id else "",
                                           r.get(row, "company").split(";")[0].strip()))
        elif kind == "activities":
            _hubspot_activities(Reader(export, dates, table, HS_ACTIVITY))


def _hubspot_activities(r: Reader) -> None:
    export = r.export
    for row in r.table.rows:
        kind = _HS_TYPES.get(header_key(r.get(row, "type")), "")
        if not kind:
            kind = ("call" if r.get(row, "call_direction") or r.get(row, "call_notes") or r.get(row, "call_outcome")
                    else "email" if r.get(row, "email_direction") or r.get(row, "email_subject")
                    else "meeting" if r.get(row, "meeting_name") or r.get(row, "meeting_outcome")
                    else "task" if r.get(row, "task_status") or r.get(row, "task_subject")
                    else "note" if r.get(row, "note_body") else "")
        ref = r.get(row, "ref")
        company_id = _first_id(r.get(row, "company_ids"))
        activity = Activity(
            f"hubspot:activity:{ref}" if ref else "", r.day(row, "date"),
            people_refs=[f"hubspot:contact:{i}" for i in split_ids(r.get(row, "contact_ids"))],
            people=people(r.get(row, "contact")),
            company_ref=f"hubspot:company:{company_id}" if company_id else "",
            company_name=r.get(row, "company").split(";")[0].strip(), where=r.where(row), what=kind or "activity")
        if kind == "call":
            activity.channel = "call"
            activity.direction = _direction(r.get(row, "call_direction")) or ""
            activity.response = _response(r.get(row, "call_outcome"))
            activity.notes = plain_text(r.get(row, "call_notes") or r.get(row, "body") or r.get(row, "call_title"))
        elif kind == "email":
            activity.channel = "email"
            raw_direction = r.get(row, "email_direction") or r.get(row, "type")
            activity.direction = _direction(raw_direction) or ""
            text = plain_text(r.get(row, "email_text") or r.get(row, "body"))
            subject = r.get(row, "email_subject")
            activity.notes = f"{subject}: {text}" if subject and text else subject or text
        elif kind == "meeting":
            activity.channel = "meeting"
            activity.response = _response(r.get(row, "meeting_outcome"))
            name = r.get(row, "meeting_name")
            text = plain_text(r.get(row, "meeting_body") or r.get(row, "body"))
            activity.notes = f"{name}: {text}" if name and text else name or text
        elif kind == "note":
            activity.channel = "other"
            activity.notes = plain_text(r.get(row, "note_body") or r.get(row, "body"))
        elif kind == "task":
            status = header_key(r.get(row, "task_status"))
            if status in ("completed", "complete", "done", "deferred"):
                export.skipped["completed or deferred tasks (a to-do, not a conversation)"] += 1
                continue
            activity.next_step = r.get(row, "task_subject") or plain_text(r.get(row, "body")) or "follow up"
            activity.due = activity.day
        else:
            export.unplace(r.where(row), "activity", "the export does not say whether it is a call, email, "
                           "meeting, note or task")
            continue
        export.activities.append(activity)


# ---------------------------------------------------------------- Salesforce

SF_ACCOUNT = {"ref": _keys("Id", "Account ID", "AccountId"), "name": _keys("Name", "Account Name"),
              "owner": _keys("Owner.Name", "Account Owner", "Owner Name", "OwnerId", "Owner")}
SF_CONTACT = {"ref": _keys("Id", "Contact ID", "ContactId"), "first": _keys("FirstName"), "last": _keys("LastName"),
              "name": _keys("Name", "Full Name", "Contact Name"), "email": _keys("Email"),
              "role": _keys("Title"), "account": _keys("AccountId", "Account ID"),
              "account_name": _keys("Account.Name", "Account Name")}
SF_OPPORTUNITY = {"ref": _keys("Id", "Opportunity ID", "OpportunityId"), "name": _keys("Name", "Opportunity Name"),
                  "stage": _keys("StageName", "Stage"), "closed": _keys("IsClosed", "Closed"),
                  "won": _keys("IsWon", "Won"), "closed_on": _keys("CloseDate", "Close Date"),
                  "opened": _keys("CreatedDate", "Created Date"), "amount": _keys("Amount"),
                  "account": _keys("AccountId", "Account ID"), "account_name": _keys("Account.Name", "Account Name")}
SF_ROLE = {"opportunity": _keys("OpportunityId"), "contact": _keys("ContactId"), "role": _keys("Role"),
           "primary": _keys("IsPrimary", "Primary")}
SF_ACTIVITY = {"ref": _keys("Id", "Activity ID", "Task ID", "Event ID"), "who": _keys("WhoId", "Contact ID"),
               "who_name": _keys("Who.Name", "Contact", "Contact Name"),
               "account": _keys("AccountId", "Account ID"), "account_name": _keys("Account.Name", "Account Name",
                                                                                   "Company / Account"),
               "completed": _keys("CompletedDateTime", "Completed Date/Time"),
               "date": _keys("ActivityDate", "Due Date", "Date"), "start": _keys("StartDateTime", "ActivityDateTime",
                                                                                  "Start", "Start Date Time"),
               "created": _keys("CreatedDate", "Created Date"), "subject": _keys("Subject"),
               "type": _keys("Type"), "subtype": _keys("TaskSubtype", "EventSubtype", "Task Subtype"),
               "call_type": _keys("CallType", "Call Type"), "disposition": _keys("CallDisposition", "Call Result"),
               "status": _keys("Status"), "is_closed": _keys("IsClosed", "Closed"),
               "notes": _keys("Description", "Comments", "Full Comments")}
SF_EMAIL = {"ref": _keys("Id"), "incoming": _keys("Incoming", "IsIncoming"), "date": _keys("MessageDate"),
            "from": _keys("FromAddress"), "to": _keys("ToAddress"), "cc": _keys("CcAddress"),
            "subject": _keys("Subject"), "text": _keys("TextBody"), "activity": _keys("ActivityId"),
            "related": _keys("RelatedToId")}
SF_HISTORY = {"account": _keys("AccountId"), "field": _keys("Field"), "new": _keys("NewValue"),
              "date": _keys("CreatedDate")}
SF_USER = {"ref": _keys("Id"), "name": _keys("Name")}


def _salesforce_kind(table: Table) -> str:
    if table.has(*SF_ROLE["opportunity"]) and table.has(*SF_ROLE["role"]):
        return "roles"
    if table.has(*SF_OPPORTUNITY["stage"]):
        return "opportunities"
    if table.has(*SF_EMAIL["date"], *SF_EMAIL["incoming"]):
        return "emails"
    if table.has(*SF_ACTIVITY["subject"]) and table.has(*SF_ACTIVITY["date"], *SF_ACTIVITY["start"],
                                                        *SF_ACTIVITY["completed"], *SF_ACTIVITY["subtype"]):
        return "activities"
    if table.has(*SF_HISTORY["field"]) and table.has(*SF_HISTORY["new"]):
        return "history"
    if table.has(*_keys("Username")):
        return "users"
    if table.has(*SF_CONTACT["first"], *SF_CONTACT["last"], *_keys("First Name", "Last Name")):
        return "contacts"
    if table.has(*SF_ACCOUNT["name"]):
        return "accounts"
    return ""


def _sf_id(text: str) -> str:
    """Salesforce ids are 15 or 18 characters; the first 15 are the id."""
    text = text.strip()
    return text[:15] if len(text) == 18 and text.isalnum() else text


def salesforce(tables: list[Table], export: Export, dates: Dates) -> None:
    order = ("users", "history", "accounts", "roles", "contacts", "opportunities", "activities", "emails")
    contacts_by_email: dict[str, str] = {}
    task_emails: dict[str, Activity] = {}
    for table in _ordered(tables, _salesforce_kind, order, "Salesforce"):
        kind = _salesforce_kind(table)
        if kind == "users":
            r = Reader(export, dates, table, SF_USER)
            for row in table.rows:
                export.owners[r.get(row, "ref")] = r.get(row, "name")
                export.owners[_sf_id(r.get(row, "ref"))] = r.get(row, "name")
        elif kind == "history":
            r = Reader(export, dates, table, SF_HISTORY)
            export.skipped["account history rows (owner history is kept by hand in relcheck)"] += len(table.rows)
        elif kind == "accounts":
            r = Reader(export, dates, table, SF_ACCOUNT)
            for row in table.rows:
                ref = _sf_id(r.get(row, "ref"))
                owner = r.get(row, "owner")
                owner = export.owners.get(_sf_id(owner), "" if re.fullmatch(r"005\w{12}(\w{3})?", owner) else owner)
                export.companies.append(Company(f"salesforce:{ref}" if ref else "", r.get(row, "name"), owner))
        elif kind == "roles":
            r = Reader(export, dates, table, SF_ROLE)
            for row in table.rows:
                role = _sf_role(r.get(row, "role"))
                contact = _sf_id(r.get(row, "contact"))
                if contact:
                    export.roles.setdefault(f"salesforce:{contact}", []).append(
                        (parse_bool(r.get(row, "primary")) is True, role))
        elif kind == "contacts":
            fields = dict(SF_CONTACT)
            if not table.has(*SF_CONTACT["first"], *SF_CONTACT["last"]):
                fields.update(first=_keys("First Name"), last=_keys("Last Name"))
            r = Reader(export, dates, table, fields)
            for row in table.rows:
                ref = _sf_id(r.get(row, "ref"))
                name = (" ".join(p for p in (r.get(row, "first"), r.get(row, "last")) if p) or r.get(row, "name")
                        or r.get(row, "email"))
                account = _sf_id(r.get(row, "account"))
                person = Person(f"salesforce:{ref}" if ref else "", name, r.get(row, "email"), r.get(row, "role"),
                                f"salesforce:{account}" if account else "", r.get(row, "account_name"),
                                where=r.where(row))
                export.people.append(person)
                if person.email and person.ref:
                    contacts_by_email[person.email.casefold()] = person.ref
        elif kind == "opportunities":
            r = Reader(export, dates, table, SF_OPPORTUNITY)
            for row in table.rows:
                ref = _sf_id(r.get(row, "ref"))
                account = _sf_id(r.get(row, "account"))
                export.deals.append(r.deal(row, f"salesforce:{ref}" if ref else "",
                                           f"salesforce:{account}" if account else "", r.get(row, "account_name")))
        elif kind == "activities":
            _salesforce_activities(Reader(export, dates, table, SF_ACTIVITY), task_emails)
        elif kind == "emails":
            _salesforce_emails(Reader(export, dates, table, SF_EMAIL), contacts_by_email, task_emails)


_SF_ROLES = {"economicbuyer": "economic-buyer", "economicdecisionmaker": "economic-buyer",
             "decisionmaker": "decision-maker", "influencer": "influencer", "evaluator": "influencer",
             "technicalbuyer": "influencer", "businessuser": "user", "executivesponsor": "champion",
             "champion": "champion", "blocker": "blocker", "other": "other"}


def _sf_role(text: str) -> str:
    return _SF_ROLES.get(header_key(text), "other" if text.strip() else "")


def _salesforce_activities(r: Reader, task_emails: dict[str, Activity]) -> None:
    export = r.export
    for row in r.table.rows:
        ref = _sf_id(r.get(row, "ref"))
        subtype = header_key(r.get(row, "subtype") or r.get(row, "type"))
        is_event = bool(r.get(row, "start")) or subtype in ("event", "meeting")
        call_type = header_key(r.get(row, "call_type"))
        account = _sf_id(r.get(row, "account"))
        who = _sf_id(r.get(row, "who"))
        what = ("meeting" if is_event else "call" if subtype == "call" or call_type else
                "email" if subtype in ("email", "listemail") else "LinkedIn message" if subtype == "linkedin"
                else "task")
        activity = Activity(f"salesforce:{ref}" if ref else "", None,
                            people_refs=[f"salesforce:{who}"] if who else [],
                            people=[(r.get(row, "who_name"), "")] if r.get(row, "who_name") else [],
                            company_ref=f"salesforce:{account}" if account else "",
                            company_name=r.get(row, "account_name"), where=r.where(row), what=what)
        subject = r.get(row, "subject")
        notes = plain_text(r.get(row, "notes"))
        activity.notes = f"{subject}: {notes}" if subject and notes else subject or notes
        if is_event:
            activity.channel = "meeting"
            activity.day = r.day(row, "start", "date")
            export.activities.append(activity)
            continue
        closed = parse_bool(r.get(row, "is_closed"))
        status = header_key(r.get(row, "status"))
        done = closed if closed is not None else status in ("completed", "complete")
        if call_type == "internal":
            export.skipped["internal calls (not with the customer)"] += 1
            continue
        if what == "task":
            if done:
                export.skipped["completed tasks (a to-do, not a conversation)"] += 1
                continue
            activity.next_step = subject or notes or "follow up"
            activity.notes = ""
            activity.due = r.day(row, "date")
            export.activities.append(activity)
            continue
        if not done and not r.get(row, "completed"):
            activity.next_step = subject or notes or f"{what} follow-up"
            activity.notes = ""
            activity.due = r.day(row, "date")
            export.activities.append(activity)
            continue
        activity.channel = {"call": "call", "email": "email"}.get(what, "message")
        activity.direction = _direction(call_type) or ""
        activity.response = _response(r.get(row, "disposition"))
        activity.day = r.day(row, "completed", "date", "created")
        export.activities.append(activity)
        if what == "email" and ref:
            task_emails[ref] = activity


def _salesforce_emails(r: Reader, contacts_by_email: dict[str, str], task_emails: dict[str, Activity]) -> None:
    export = r.export
    for row in r.table.rows:
        incoming = parse_bool(r.get(row, "incoming"))
        direction = "inbound" if incoming else "outbound" if incoming is False else ""
        task = task_emails.get(_sf_id(r.get(row, "activity")))
        if task is not None:  # the same email as its Task: the message says which way it went
            task.direction = task.direction or direction
            continue
        addresses = r.get(row, "from") if incoming else ";".join((r.get(row, "to"), r.get(row, "cc")))
        refs = [contacts_by_email[a.casefold()] for a in re.split(r"[;,\s]+", addresses)
                if a and a.casefold() in contacts_by_email]
        related = _sf_id(r.get(row, "related"))
        subject = r.get(row, "subject")
        text = plain_text(r.get(row, "text"))
        ref = _sf_id(r.get(row, "ref"))
        export.activities.append(Activity(
            f"salesforce:{ref}" if ref else "", r.day(row, "date"), direction, "email",
            notes=f"{subject}: {text}" if subject and text else subject or text, people_refs=refs,
            company_ref=f"salesforce:{related}" if related.startswith("001") else "", where=r.where(row),
            what="email"))


# ---------------------------------------------------------------- Pipedrive

_PD_ENTITIES = {"organization": "organization", "organisation": "organization", "organizace": "organization",
                "organización": "organization", "organisation ": "organization",
                "person": "person", "osoba": "person", "persona": "person",
                "deal": "deal", "obchod": "deal", "trato": "deal", "activity": "activity", "aktivita": "activity",
                "actividad": "activity"}
_PD_FIELDS = {"id": ("id",), "name": ("name", "název", "nombre"), "title": ("title", "název"),
              "owner": ("owner", "vlastník"), "email": ("email", "emailwork", "emailhome", "emailother"),
              "organization": ("organization", "organisation", "organizace"),
              "contact": ("contactperson", "person", "kontaktníosoba"),
              "value": ("value", "hodnota"), "status": ("status", "stav"), "stage": ("stage", "fáze"),
              "created": ("dealcreated", "addtime", "created"),
              "won": ("wontime", "dealwonon", "wondate"), "lost": ("losttime", "deallostdate", "lostdate"),
              "closed": ("closetime", "dealclosedon", "closedate"),
              "subject": ("subject", "předmět"), "type": ("type", "typ"), "due": ("duedate", "datum"),
              "done": ("done", "hotovo", "markedasdone"), "note": ("note", "poznámka"),
              "jobtitle": ("jobtitle", "title")}


def _pipedrive_table(table: Table) -> tuple[str, dict[tuple[str, str], str]]:
    """The table's main entity and its cells' keys as (entity, field)."""
    columns: dict[tuple[str, str], str] = {}
    for header, key in zip(table.headers, table.keys, strict=True):
        entity, _, name = header.partition(" - ")
        if not name:
            continue
        found = _PD_ENTITIES.get(entity.strip().casefold())
        if found:
            columns.setdefault((found, header_key(name.rstrip("*"))), key)
    for entity in ("activity", "deal", "person", "organization"):
        if (entity, "id") in columns or any(e == entity for e, f in columns if f in ("subject", "title")):
            return entity, columns
    for entity in ("activity", "deal", "person", "organization"):
        if any(e == entity for e, _ in columns):
            return entity, columns
    return "", columns


def _pd_key(row: Row, columns: dict[tuple[str, str], str], entity: str, field: str) -> Optional[str]:
    """The header key of ``entity``'s ``field`` that is filled in ``row``."""
    for name in _PD_FIELDS.get(field, (field,)):
        key = columns.get((entity, name))
        if key and row.cells.get(key):
            return key
    return None


def _pd(row: Row, columns: dict[tuple[str, str], str], entity: str, field: str) -> str:
    key = _pd_key(row, columns, entity, field)
    return row.cells[key] if key else ""


def _pd_day(dates: Dates, table: Table, row: Row, columns: dict[tuple[str, str], str], entity: str,
            *fields: str) -> Optional[date_t]:
    for name in fields:
        key = _pd_key(row, columns, entity, name)
        if key:
            return _day_in(dates, table, row, key)
    return None


def _pd_ref(row: Row, columns: dict[tuple[str, str], str], entity: str) -> str:
    value = _pd(row, columns, entity, "id")
    return f"pipedrive:{entity}:{value}" if value else ""


@dataclass
class _PdRow:
    dates: Dates
    table: Table
    row: Row
    columns: dict[tuple[str, str], str]
    entity: str

    def __call__(self, name: str, of: str = "") -> str:
        return _pd(self.row, self.columns, of or self.entity, name)

    def day(self, *names: str) -> Optional[date_t]:
        return _pd_day(self.dates, self.table, self.row, self.columns, self.entity, *names)


def pipedrive(tables: list[Table], export: Export, dates: Dates) -> None:
    def kind_of(table: Table) -> str:
        return _pipedrive_table(table)[0]

    for table in _ordered(tables, kind_of, ("organization", "person", "deal", "activity"), "Pipedrive"):
        entity, columns = _pipedrive_table(table)
        reader = Reader(export, dates, table, {})
        for row in table.rows:
            cell = _PdRow(dates, table, row, columns, entity)
            day = cell.day
            org_name = cell("organization") or cell("name", "organization")
            org_ref = "" if entity == "organization" else _pd_ref(row, columns, "organization")
            if entity == "organization":
                export.companies.append(Company(_pd_ref(row, columns, entity), cell("name"), cell("owner")))
            elif entity == "person":
                email = cell("email").split(",")[0].strip()
                export.people.append(Person(_pd_ref(row, columns, entity), cell("name") or email, email,
                                            cell("jobtitle"), org_ref, org_name, where=reader.where(row)))
            elif entity == "deal":
                status = header_key(cell("status"))
                if status in ("deleted", "smazáno"):
                    export.skipped["deleted deals"] += 1
                    continue
                status = {"won": "won", "lost": "lost", "vyhráno": "won", "prohráno": "lost"}.get(status, "open")
                closed = day("won" if status == "won" else "lost", "closed") if status != "open" else None
                value = cell("value")
                export.deals.append(DealRecord(_pd_ref(row, columns, entity), cell("title"), status, day("created"),
                                               closed, parse_amount(value) if value else None, org_ref, org_name,
                                               reader.where(row)))
            elif entity == "activity":
                _pipedrive_activity(export, reader, row, columns, _pd_ref(row, columns, entity), day("due"),
                                    org_ref, org_name)


_PD_CHANNELS = {"call": "call", "meeting": "meeting", "lunch": "meeting", "email": "email",
                "hovor": "call", "schůzka": "meeting", "llamada": "call", "reunión": "meeting"}


def _pipedrive_activity(export: Export, reader: Reader, row: Row, columns: dict[tuple[str, str], str], ref: str,
                        day: Optional[date_t], org_ref: str, org_name: str) -> None:
    kind = header_key(_pd(row, columns, "activity", "type"))
    person = _pd(row, columns, "activity", "contact") or _pd(row, columns, "person", "name")
    person_ref = _pd(row, columns, "person", "id")
    subject = _pd(row, columns, "activity", "subject")
    note = plain_text(_pd(row, columns, "activity", "note"))
    activity = Activity(ref, day, people_refs=[f"pipedrive:person:{person_ref}"] if person_ref else [],
                        people=[(n.strip(), "") for n in person.split(",") if n.strip()],
                        company_ref=org_ref, company_name=org_name, where=reader.where(row),
                        what=kind or "activity")
    done = parse_bool(_pd(row, columns, "activity", "done"))
    if not done:
        activity.next_step = subject or note or "follow up"
        activity.due = day
    elif kind in ("task", "deadline", "úkol", "tarea"):
        export.skipped["done tasks and deadlines (a to-do, not a conversation)"] += 1
        return
    else:
        activity.channel = _PD_CHANNELS.get(kind, "other")
        activity.notes = f"{subject}: {note}" if subject and note else subject or note
    export.activities.append(activity)


# ---------------------------------------------------------------- shared


def _ordered(tables: list[Table], kind_of: Callable[[Table], str], order: tuple[str, ...], crm: str) -> list[Table]:
    """The tables in the order records depend on each other (companies
    before contacts before activities); a file of no known kind is refused."""
    for table in tables:
        if not kind_of(table):
            shown = ", ".join(table.headers[:6]) + (", ..." if len(table.headers) > 6 else "")
            raise RelcheckError(f"{table.label}:1:1: not a {crm} export relcheck knows (header: {shown}); "
                                f"relcheck import {crm.lower()} reads {NEEDS[crm.lower()]}")
    return sorted(tables, key=lambda t: order.index(kind_of(t)))


READERS: dict[str, Callable[[list[Table], Export, Dates], None]] = {
    "hubspot": hubspot, "salesforce": salesforce, "pipedrive": pipedrive}
