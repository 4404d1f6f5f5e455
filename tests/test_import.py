"""relcheck import: each CRM's sample exports (tests/crm/, written from the
documented layouts) into a file that validates, with what was planted;
re-import adds only what is new and keeps hand edits; hostile CSVs end in
exit 2 with ``path:line:col`` and write nothing."""

from __future__ import annotations

import difflib
import hashlib
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from relcheck.checking.registry import rule_names
from relcheck.cli import app
from relcheck.reading.load import load_raw
from test_log import TRICKY, account_file

CRM = Path(__file__).parent / "crm"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def import_into(tmp_path: Path, crm: str, *extra: str, files: list[Path] | None = None) -> tuple[int, str, Path]:
    target = tmp_path / "accounts.yaml"
    paths = [str(p) for p in (files or sorted((CRM / crm).glob("*.csv")))]
    code, out = run("import", crm, *paths, "--into", str(target), *extra)
    return code, out, target


def accounts_of(path: Path) -> dict[str, object]:
    loaded = load_raw(str(path), path.read_bytes(), rule_names())
    assert loaded.errors == []
    return {a.account.name: a.account for a in loaded.accounts}


def counts(path: Path) -> tuple[int, int, int, int]:
    accounts = accounts_of(path).values()
    return (len(accounts), sum(len(a.contacts) for a in accounts), sum(len(a.deals) for a in accounts),  # type: ignore[attr-defined]
            sum(len(a.interactions) for a in accounts))  # type: ignore[attr-defined]


@pytest.mark.parametrize(("crm", "planted"), [
    ("hubspot", (3, 5, 3, 7)),  # a meeting and a note need --default-direction; a completed task is no touch
    ("salesforce", (2, 3, 3, 6)),  # the internal call is left out; the EmailMessage of a Task is that Task
    ("pipedrive", (2, 3, 2, 3)),  # the deleted deal and the done task are left out
])
def test_each_crm_imports_what_was_planted(tmp_path: Path, crm: str, planted: tuple[int, int, int, int]) -> None:
    code, out, target = import_into(tmp_path, crm, "--default-direction", "outbound")
    assert code == 0, out
    assert counts(target) == planted
    assert run("validate", str(target))[0] == 0


def test_hubspot_directions_texts_and_dispositions(tmp_path: Path) -> None:
    code, out, target = import_into(tmp_path, "hubspot", "--default-direction", "inbound")
    assert code == 0, out
    accounts = accounts_of(target)
    acme, nordlys, one_ten = accounts["Acme Logistics"], accounts["Nordlys AS"], accounts["1.10"]
    by_day = {i.date.isoformat()[:10]: i for i in acme.interactions}  # type: ignore[attr-defined]
    assert by_day["2026-09-25"].direction.value == "outbound"  # Call direction: Outbound
    assert by_day["2026-10-06"].direction.value == "inbound"  # INCOMING_EMAIL
    assert by_day["2026-10-02"].direction.value == "outbound"  # EMAIL
    assert by_day["2026-10-14"].direction.value == "inbound"  # a meeting: the flag
    assert by_day["2026-10-08"].response.value == "none"  # No answer
    assert by_day["2026-09-25"].notes == "Talked through Q4 volumes.\nThey asked for the carrier benchmark."
    assert sorted(by_day["2026-10-02"].with_) == ["Lee Wong", "Pat Kim"]
    assert by_day["2026-10-14"].next_step == "Send revised pricing"  # the open task, on the touch before it
    assert by_day["2026-10-14"].due == date(2026, 10, 20)
    assert [c.name for c in nordlys.contacts] == ["No", "Zoë Ångström"]  # type: ignore[attr-defined]
    assert nordlys.interactions[0].with_ == ("No",) or list(nordlys.interactions[0].with_) == ["No"]  # type: ignore[attr-defined]
    assert [d.name for d in one_ten.deals] == ["1.10 renewal"]  # type: ignore[attr-defined]
    fleet = next(d for d in acme.deals if d.name == "Fleet add-on")  # type: ignore[attr-defined]
    assert fleet.amount == 12500 and fleet.status.value == "open" and fleet.closed is None


def test_without_a_default_direction_the_touches_that_lack_one_are_listed_not_invented(tmp_path: Path) -> None:
    code, out, target = import_into(tmp_path, "hubspot")
    assert code == 0
    assert "not placed: 2 records" in out and "--default-direction" in out
    assert "activities.csv:" in out  # where each one is
    assert counts(target)[3] == 5


def test_salesforce_roles_owners_cp1252_and_report_footer(tmp_path: Path) -> None:
    code, out, target = import_into(tmp_path, "salesforce")
    assert code == 0, out
    assert "Windows-1252" in out  # said, not silent
    acme = accounts_of(target)["Acme Logistics"]
    assert acme.owner == "Dana Reyes"  # type: ignore[attr-defined]
    roles = {c.name: c.stakeholder.value for c in acme.contacts}  # type: ignore[attr-defined]
    assert roles == {"Pat Kim": "champion", "Jürgen Müller": "economic-buyer"}
    deals = {d.name: (d.status.value, d.amount) for d in acme.deals}  # type: ignore[attr-defined]
    assert deals == {"Route planner, 50 seats": ("won", 48000), "Acme pilot": ("lost", 5000)}
    emails = [i for i in acme.interactions if i.channel and i.channel.value == "email"]  # type: ignore[attr-defined]
    assert [(i.direction.value, i.date.isoformat()[:10]) for i in emails] == [("outbound", "2026-10-02"),
                                                                            ("inbound", "2026-10-06")]
    one_ten = accounts_of(target)["1.10"]
    assert [c.name for c in one_ten.contacts] == ["NO"]  # type: ignore[attr-defined]


def test_pipedrive_semicolons_html_notes_and_decimal_commas(tmp_path: Path) -> None:
    code, out, target = import_into(tmp_path, "pipedrive", "--default-direction", "outbound")
    assert code == 0, out
    acme = accounts_of(target)["Acme Logistics"]
    assert acme.interactions[0].notes == "Q4 volumes: Talked through Q4 volumes.\nThey want the benchmark & pricing."  # type: ignore[attr-defined]
    assert {d.name: d.amount for d in acme.deals} == {"Route planner, 50 seats": 48000, "Fleet add-on": 12500.5}  # type: ignore[attr-defined]
    no = accounts_of(target)["1.10"].interactions[0]  # type: ignore[attr-defined]
    assert no.notes == 'Intro: No said: "no" for now'


def test_reimport_adds_only_what_is_new_and_keeps_hand_edits(tmp_path: Path) -> None:
    code, _, target = import_into(tmp_path, "hubspot", "--default-direction", "outbound")
    assert code == 0
    first = target.read_bytes()
    code, out, _ = import_into(tmp_path, "hubspot", "--default-direction", "outbound")
    assert code == 0 and target.read_bytes() == first  # the same export again: nothing new
    assert "already in the file" in out
    # The user edits by hand: a comment, a renamed contact, their own notes.
    edited = first.replace(b"- name: Pat Kim", b"- name: Patricia Kim   # prefers Patricia")
    edited = edited.replace(b"with: Pat Kim", b"with: Patricia Kim")
    edited = edited.replace(b"with: [Pat Kim, Lee Wong]", b"with: [Patricia Kim, Lee Wong]")
    edited = edited.replace(b'notes: "QBR Acme: Quarterly review of volumes"', b"notes: my own words")
    target.write_bytes(edited)
    week = tmp_path / "next-week.csv"
    rows = (CRM / "hubspot" / "activities.csv").read_text(encoding="utf-8-sig").splitlines()
    rows.append("3010,11/20/2026 10:00,Call,Pricing call,Pat Kim (pat@acme.example),Acme Logistics,701,5101,"
                "Inbound,Connected,,,,,,")
    week.write_text("\n".join(rows) + "\n", encoding="utf-8")
    files = [p for p in sorted((CRM / "hubspot").glob("*.csv")) if p.name != "activities.csv"] + [week]
    code, out, _ = import_into(tmp_path, "hubspot", "--default-direction", "outbound", files=files)
    assert code == 0, out
    after = target.read_bytes()
    diff = list(difflib.ndiff(edited.decode().splitlines(), after.decode().splitlines()))
    assert not [line for line in diff if line.startswith("- ")]  # nothing removed or changed
    added = [line[2:] for line in diff if line.startswith("+ ")]
    assert any("hubspot:activity:3010" in line for line in added)
    acme = accounts_of(target)["Acme Logistics"]
    assert [c.name for c in acme.contacts] == ["Patricia Kim", "Lee Wong"]  # type: ignore[attr-defined]
    new = acme.interactions[-1]  # type: ignore[attr-defined]
    assert list(new.with_) == ["Patricia Kim"] and new.direction.value == "inbound"  # by ref, as the file spells it
    assert counts(target)[3] == 8


def test_ambiguous_dates_are_refused_until_the_order_is_said(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "companies.csv").write_text("Record ID,Company name\n1,Acme\n")
    (folder / "contacts.csv").write_text("Record ID,First Name,Last Name,Associated Company IDs\n2,Pat,Kim,1\n")
    (folder / "calls.csv").write_text("Record ID,Activity date,Call direction,Associated Contact IDs,"
                                      "Associated Company IDs\n3,03/04/2026 10:00,Outbound,2,1\n")
    files = sorted(folder.glob("*.csv"))
    code, out, target = import_into(tmp_path, "hubspot", files=files)
    assert code == 2 and "--date-format" in out and "03/04/2026" in out
    assert not target.exists()
    for order, day in (("DD/MM/YYYY", date(2026, 4, 3)), ("MM/DD/YYYY", date(2026, 3, 4))):
        target.unlink(missing_ok=True)
        code, out, _ = import_into(tmp_path, "hubspot", "--date-format", order, files=files)
        assert code == 0, out
        interaction = accounts_of(target)["Acme"].interactions[0]  # type: ignore[attr-defined]
        assert interaction.date == day or interaction.date.date() == day


def test_a_day_over_12_settles_the_order_and_utc_datetimes_keep_their_utc_day(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "contacts.csv").write_text("Record ID,First Name,Last Name,Associated Company\n2,Pat,Kim,Acme\n")
    (folder / "calls.csv").write_text(
        "Record ID,Activity date,Call direction,Associated Contact IDs,Associated Company\n"
        "3,03/04/2026 10:00,Outbound,2,Acme\n4,25/04/2026 10:00,Inbound,2,Acme\n"
        "5,2026-05-01T23:30:00-02:00,Inbound,2,Acme\n6,1767225600000,Outbound,2,Acme\n")
    code, out, target = import_into(tmp_path, "hubspot", files=sorted(folder.glob("*.csv")))
    assert code == 0, out
    days = [i.date for i in accounts_of(target)["Acme"].interactions]  # type: ignore[attr-defined]
    assert days == [date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 25), date(2026, 5, 2)]


HOSTILE = {
    "formula": ("Record ID,Company name\n1,Acme\n2,=cmd|' /C calc'!A0\n", "3:3"),
    "dde": ("Record ID,Company name\n1,Acme\n2,\"-2+3+cmd|' /C calc'!A0\"\n", "3:3"),
    "function": ("Record ID,Company name\n1,@SUM(1+1)\n", "2:3"),
    "binary": ("Record ID,Company name\n1,Ac\x00me\n", "2:5"),
    "broken quote": ('Record ID,Company name\n1,"Acme\n2,Other\n', ":2:"),
    "stray quote": ('Record ID,Company name\n1,"Acme"x,\n', ":2:"),
    "huge": ("Record ID,Company name\n1," + "x" * 200_000 + "\n", ":2:"),
    "too many fields": ("Record ID,Company name\n1,Acme,extra\n", ":2:"),
    "unknown layout": ("Colour,Shape\nred,round\n", ":1:1"),
    "empty": ("", ":1:1"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_csvs_exit_2_located_and_write_nothing(tmp_path: Path, case: str) -> None:
    text, where = HOSTILE[case]
    bad = tmp_path / "companies.csv"
    bad.write_bytes(text.encode("utf-8"))
    code, out, target = import_into(tmp_path, "hubspot", files=[bad])
    assert code == 2, out
    assert where in out
    assert "Traceback" not in out
    assert not target.exists()


def test_a_workbook_is_refused_with_what_to_do(tmp_path: Path) -> None:
    book = tmp_path / "deals.xlsx"
    book.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    code, out, target = import_into(tmp_path, "salesforce", files=[book])
    assert code == 2 and "CSV" in out and not target.exists()


def test_a_formula_is_refused_even_into_an_existing_file_which_stays_byte_identical(tmp_path: Path) -> None:
    code, _, target = import_into(tmp_path, "pipedrive", "--default-direction", "outbound")
    assert code == 0
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    bad = tmp_path / "organizations.csv"
    bad.write_text("Organization - ID;Organization - Name\n9;=HYPERLINK(\"http://x\";\"y\")\n")
    code, out, _ = import_into(tmp_path, "pipedrive", files=[bad])
    assert code == 2 and "formula" in out
    assert hashlib.sha256(target.read_bytes()).hexdigest() == digest


def test_output_refuses_to_overwrite_and_into_refuses_a_broken_file(tmp_path: Path) -> None:
    existing = tmp_path / "accounts.yaml"
    existing.write_text("accounts:\n  - name: Acme\n    tier: gold\n")
    before = existing.read_bytes()
    files = [str(p) for p in sorted((CRM / "pipedrive").glob("*.csv"))]
    code, out = run("import", "pipedrive", *files, "-o", str(existing))
    assert code == 2 and "--into" in out
    code, out = run("import", "pipedrive", *files, "--into", str(existing))
    assert code == 2 and f"{existing}:3:" in out
    assert existing.read_bytes() == before
    code, out = run("import", "hubspott", *files, "-o", str(tmp_path / "new.yaml"))
    assert code == 2 and "hubspot" in out


def test_into_keeps_comments_flow_style_and_a_root_account(tmp_path: Path) -> None:
    target = tmp_path / "accounts.yaml"
    original = ("# our accounts\nname: Acme Logistics   # the big one\nowner: Dana Reyes\ncontacts:\n"
                "  - {name: Pat Kim, email: pat@acme.example}\n\ninteractions:\n"
                "  - {date: 2026-01-05, with: Pat Kim, direction: outbound, response: no}\n")
    target.write_text(original)
    files = [str(p) for p in sorted((CRM / "pipedrive").glob("*.csv"))]
    code, out = run("import", "pipedrive", *files, "--into", str(target), "--default-direction", "outbound")
    assert code == 0, out
    after = target.read_text()
    assert after.startswith(original.split("\ninteractions:")[0])
    diff = list(difflib.ndiff(original.splitlines(), after.splitlines()))
    assert not [line for line in diff if line.startswith("- ")]
    accounts = accounts_of(target)
    assert set(accounts) == {"Acme Logistics", "1.10"}
    acme = accounts["Acme Logistics"]
    assert [c.name for c in acme.contacts] == ["Pat Kim", "Lee Wong"]  # Pat Kim by name: kept as written
    assert acme.interactions[0].response.value == "no"  # type: ignore[attr-defined]
    assert "  - {date: 2026-09-25, with: Pat Kim" in after  # new entries follow the flow style around them


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    files = [str(p) for p in sorted((CRM / "pipedrive").glob("*.csv"))]
    target = tmp_path / "new.yaml"
    code, out = run("import", "pipedrive", *files, "-o", str(target), "--dry-run", "--default-direction", "inbound")
    assert code == 0 and "accounts:" in out and not target.exists()


def test_import_help_lists_the_files_each_crm_needs() -> None:
    code, out = run("import", "--help")
    assert code == 0
    for word in ("companies", "OpportunityContactRole", "organizations", "--default-direction", "--date-format"):
        assert word in out


def test_the_audit_does_not_load_the_importer() -> None:
    code = ("import sys, relcheck.cli as c\nfrom typer.testing import CliRunner\n"
            "CliRunner().invoke(c.app, ['rules'])\n"
            "print(sorted(m for m in sys.modules if m.startswith(('relcheck.interop', 'csv', 'html.parser'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(account_file(), st.data(), st.booleans())
def test_import_into_any_file_shape_only_adds_lines(tmp_path: Path, shaped: tuple[str, list[str]],
                                                    data: st.DataObject, crlf: bool) -> None:
    text, names = shaped
    raw = text.replace("\n", "\r\n").encode() if crlf else text.encode()
    path = tmp_path / "accounts.yaml"
    path.write_bytes(raw)
    target = data.draw(st.sampled_from(names))
    note, person, company = (data.draw(st.sampled_from(TRICKY)) for _ in range(3))
    company = f"{company}{len(names)}"  # never one of the file's accounts
    export = tmp_path / "export"
    export.mkdir(exist_ok=True)
    quote = lambda value: '"' + value.replace('"', '""') + '"'  # noqa: E731
    (export / "companies.csv").write_text(f"Record ID,Company name\n1,{target.upper()}\n2,{quote(company)}\n")
    (export / "contacts.csv").write_text(
        "Record ID,First Name,Last Name,Email,Associated Company IDs\n"
        f"11,pat,KIM,pat@example.com,1\n12,{quote(person)},,p@example.com,2\n")
    (export / "calls.csv").write_text(
        "Record ID,Activity date,Call direction,Call notes,Associated Contact IDs,Associated Company IDs\n"
        f"21,2026-11-20T10:00:00Z,Inbound,{quote(note)},11,1\n22,2026-11-21T10:00:00Z,Outbound,{quote(note)},12,2\n")
    files = [str(p) for p in sorted(export.glob("*.csv"))]
    code, out = run("import", "hubspot", *files, "--into", str(path))
    assert code == 0, out
    after = path.read_bytes()
    ops = difflib.SequenceMatcher(a=raw.splitlines(keepends=True), b=after.splitlines(keepends=True),
                                  autojunk=False).get_opcodes()
    assert {op[0] for op in ops} <= {"equal", "insert"}, ops
    loaded = {a.account.name: a.account for a in load_raw(str(path), after, rule_names()).accounts}
    assert set(loaded) == set(names) | {company.strip()}
    mine = loaded[target]
    assert [c.name for c in mine.contacts] == ["Pat Kim", "Lee Wong"]  # "pat KIM" is Pat Kim, as written
    assert mine.interactions[-1].notes == note.strip() and mine.interactions[-1].with_ == ("Pat Kim",)
    new = loaded[company.strip()]
    assert [c.name for c in new.contacts] == [person.strip()] and new.interactions[0].notes == note.strip()
    code, out = run("import", "hubspot", *files, "--into", str(path))
    assert code == 0 and path.read_bytes() == after  # again: nothing new


def test_contacts_without_a_company_column_are_placed_by_their_activities(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "contacts.csv").write_text("Record ID,First Name,Last Name,Email,Job Title\n"
                                         "2,Pat,Kim,pat@acme.example,COO\n9,Alone,Person,a@x.example,\n")
    (folder / "calls.csv").write_text(
        "Record ID,Activity date,Call direction,Associated Contact,Associated Contact IDs,Associated Company\n"
        "3,2026-04-03,Outbound,Pat Kim (pat@acme.example),2,Acme\n")
    code, out, target = import_into(tmp_path, "hubspot", files=[folder])  # a folder of exports works too
    assert code == 0, out
    acme = accounts_of(target)["Acme"]
    assert [(c.name, c.email, c.role) for c in acme.contacts] == [("Pat Kim", "pat@acme.example", "COO")]  # type: ignore[attr-defined]
    assert "contact 'Alone Person'" in out and "not placed: 1 record" in out
