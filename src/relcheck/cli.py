"""The ``relcheck`` command: parse options, call the engine, pick a reporter,
return an exit code.

Exit codes (every command): 0 nothing at or above ``--fail-on``; 1 findings
at or above it; 2 a usage, config or input error.  The report goes to stdout
(or ``--output``); diagnostics go to stderr.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from . import __version__
from .commands.audit import AuditOptions, check, parse_day, refuse_to_overwrite_inputs, setups, worker_count
from .commands.audit import audit as run_audit_command
from .commands.console import Usage, emit, report_errors, say, stop
from .errors import RelcheckError
from .names import norm_name, suggest
from .reporting import Format
from .review.order import Sort

EXIT_CODES_HELP = (
    "Exit codes: 0 = nothing at or above --fail-on; 1 = findings at or above it; "
    "2 = usage, config or input error (bad YAML, schema error, unreadable file)."
)
OTHER_EXIT_CODES_HELP = "Exit codes: 0 = done; 2 = usage or input error."

app = typer.Typer(
    name="relcheck",
    help=(
        "A linter for B2B customer relationships. Reads account YAML files and flags "
        "one-way, silent, single-threaded and over-optimistic accounts, with the next "
        "conversation to have.\n\n" + EXIT_CODES_HELP + " validate, rules, explain, schema "
        "and init exit 0, or 2 on a usage or input error.\n\n"
        "Start with: relcheck init, then relcheck audit accounts.yaml; relcheck explain CODE "
        "tells what a finding means."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"relcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = None,
) -> None:
    """Global options."""


PathsArg = Annotated[list[str], typer.Argument(metavar="PATH...", help="Account files, directories (all *.yaml/*.yml below) or - for stdin.")]
JobsOpt = Annotated[
    Optional[int],
    typer.Option("--jobs", "-j", metavar="N", min=1, help="Worker processes for large inputs (default: one per CPU; 1 = strictly serial)."),
]
ConfigOpt = Annotated[
    Optional[Path],
    typer.Option("--config", metavar="FILE", help="Config file for every input (default: for each file, the nearest relcheck.yaml or .relcheck.yaml in its folder or above)."),
]


@app.command(epilog=EXIT_CODES_HELP)
def audit(
    paths: PathsArg,
    fmt: Annotated[Format, typer.Option("--format", "-f", metavar="FORMAT", case_sensitive=False, help="Report format.")] = Format.TABLE,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="YYYY-MM-DD", help="Audit as of this day, YYYY-MM-DD (default: today).")] = None,
    config: ConfigOpt = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", metavar="CODES", help="Only these rules: codes, prefixes, slugs or ALL (comma-separated).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", metavar="CODES", help="Skip these rules: codes, prefixes or slugs (comma-separated).")] = None,
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", metavar="LEVEL", help="Exit 1 on findings at or above: info, warning, critical or never (default warning).")] = None,
    owner: Annotated[Optional[list[str]], typer.Option("--owner", metavar="NAME", help="Only accounts owned by this rep (repeat for several; a name that matches no account is an error).")] = None,
    tier: Annotated[Optional[list[str]], typer.Option("--tier", metavar="TIER", help="Only accounts of this tier: key, growth or standard (repeat for several).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE (atomically) instead of stdout.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr; only the report and errors.")] = False,
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Force colour on or off (default: on for a terminal, off when NO_COLOR is set).")] = None,
    jobs: JobsOpt = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", metavar="FILE", help="Compare with an earlier JSON report: mark findings new, worse or persisting, list what was resolved, show score deltas.")] = None,
    fail_on_new: Annotated[bool, typer.Option("--fail-on-new", help="With --baseline: exit 1 only for new or worse findings at or above --fail-on.")] = False,
    sort: Annotated[Sort, typer.Option("--sort", metavar="ORDER", case_sensitive=False, help="Order of accounts: score (worst first, ties by open pipeline), name, owner, value (open pipeline) or file.")] = Sort.SCORE,
    by: Annotated[Optional[str], typer.Option("--by", metavar="owner", help="Group the report: owner (a section and a roll-up per rep).")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print how many findings each rule made instead of the report.")] = False,
    show_settings: Annotated[bool, typer.Option("--show-settings", help="Print the settings in force (and which config files apply) and exit.")] = False,
) -> None:
    """Audit accounts and report findings, scores and the next conversation to have."""
    options = AuditOptions(paths=paths, fmt=fmt, as_of=as_of, config=config, select=select, ignore=ignore,
                           fail_on=fail_on, owner=owner, tier=tier, output=output, quiet=quiet, color=color,
                           jobs=jobs, baseline=baseline, fail_on_new=fail_on_new, sort=sort, by=by,
                           statistics=statistics, show_settings=show_settings)
    with _usage_errors():
        checked = check(options)
    raise typer.Exit(run_audit_command(options, checked))


@contextmanager
def _usage_errors() -> Iterator[None]:
    """A :class:`Usage` from a command, shown by typer with the usage line."""
    try:
        yield
    except Usage as problem:
        raise typer.BadParameter(problem.message, param_hint=problem.hint) from None


@app.command(epilog="Exit codes: 0 = every file is valid; 2 = usage or input error.")
def validate(
    paths: PathsArg,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    jobs: JobsOpt = None,
    fmt: Annotated[Optional[Format], typer.Option("--format", "-f", metavar="FORMAT", case_sensitive=False, help="json (a report on stdout) or github (workflow annotations); default: errors on stderr.")] = None,
) -> None:
    """Check files against the account format and references only; run no rules."""
    from .run import load_all

    if fmt not in (None, Format.JSON, Format.GITHUB, Format.TABLE):
        raise typer.BadParameter(f"'{fmt.value}' is not one of json, github", param_hint="--format")
    accounts, errors = load_all(paths, jobs=worker_count(jobs))
    report_errors(errors)
    if fmt is Format.JSON:
        import json

        emit(json.dumps({"schema_version": 1, "valid_accounts": len(accounts),
                          "accounts": [{"name": k.name, "path": k.path, "line": k.line} for k in accounts],
                          "errors": [e.to_json() for e in errors]}, ensure_ascii=False, indent=1) + "\n", None)
    elif fmt is Format.GITHUB:
        from .reporting.github import error_lines
        from .reporting.visible import visible

        emit(visible("".join(line + "\n" for line in error_lines(errors))), None)
    if not quiet:
        from .checking.words import count

        say(f"relcheck: {count(len(accounts), 'valid account')}, {count(len(errors), 'error')}")
    raise typer.Exit(2 if errors else 0)


@app.command(epilog="Exit codes: 0 = nothing new or worse; 1 = new or worse findings; 2 = usage or input error.")
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier report (relcheck audit --format json).")],
    new: Annotated[Path, typer.Argument(help="The later report.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", metavar="FORMAT", case_sensitive=False, help="table, markdown or json (the later report, annotated as --baseline would).")] = Format.TABLE,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")] = None,
) -> None:
    """What changed between two saved JSON reports: new, worse, persisting and resolved findings, and score moves."""
    import json

    from .review.baseline import read_baseline
    from .review.changes import compare_reports

    try:
        read_baseline(old)
        read_baseline(new)
        data_old = json.loads(old.read_bytes())
        data_new = json.loads(new.read_bytes())
        annotated, what = compare_reports(data_old, data_new, str(old), str(new))
    except RelcheckError as err:
        say(f"relcheck: {err}")
        raise typer.Exit(2) from None
    if fmt is Format.JSON:
        text = json.dumps(annotated, ensure_ascii=False, indent=1) + "\n"
    elif fmt in (Format.TABLE, Format.MARKDOWN):
        from .reporting.changes import changes_lines

        lines = changes_lines(what)
        if fmt is Format.MARKDOWN:
            from .reporting.markdown import _cell

            lines = ["# " + _cell(lines[0]), ""] + ["- " + _cell(line[4:]) for line in lines[1:]]
        from .reporting.visible import visible

        text = visible("\n".join(lines) + "\n")
    else:
        raise typer.BadParameter(f"'{fmt.value}' is not one of table, markdown, json", param_hint="--format")
    emit(text, output)
    raise typer.Exit(1 if what.changed else 0)


@app.command(epilog="Exit codes: 0 = plan written; 2 = usage or input error.")
def agenda(
    paths: PathsArg,
    days: Annotated[int, typer.Option("--days", metavar="N", min=1, max=366, help="Plan this many calendar days from the as-of date (weekdays only).")] = 7,
    owner: Annotated[Optional[list[str]], typer.Option("--owner", metavar="NAME", help="Only this rep's calls (repeat for several).")] = None,
    per_day: Annotated[int, typer.Option("--per-day", metavar="N", min=1, help="At most this many calls per rep per day.")] = 3,
    ics: Annotated[Optional[Path], typer.Option("--ics", metavar="FILE", help="Also write the plan as an iCalendar file (stable UIDs: re-importing updates the events).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", metavar="FORMAT", case_sensitive=False, help="table, markdown or json.")] = Format.TABLE,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="YYYY-MM-DD", help="Plan from this day, YYYY-MM-DD (default: today).")] = None,
    config: ConfigOpt = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the plan to FILE (atomically) instead of stdout.")] = None,
    jobs: JobsOpt = None,
) -> None:
    """This week's calls: who calls whom, why, what about, and any open promise (.ics too)."""
    from .errors import ConfigError
    from .reporting.agenda import render_agenda_json, render_agenda_text
    from .review.agenda import plan
    from .run import AccountAudit, run_audit

    if fmt not in (Format.TABLE, Format.MARKDOWN, Format.JSON):
        raise typer.BadParameter(f"'{fmt.value}' is not one of table, markdown, json", param_hint="--format")
    with _usage_errors():
        day = parse_day(as_of)
    try:
        settings, engine, by_config, _ = setups(paths, config, None, None, None, day)
        refuse_to_overwrite_inputs(output, paths)
        refuse_to_overwrite_inputs(ics, paths)
        report = run_audit(paths, AccountAudit(engine, engine.context(day, settings.lookback_days),
                                               owners=tuple(owner or ()), by_config=tuple(by_config)),
                           worker_count(jobs))
    except (RelcheckError, ConfigError) as err:
        stop(err)
    report_errors(report.errors)
    schedule = plan(report.accounts, day, days, per_day)
    from .reporting.visible import visible

    text = render_agenda_json(schedule) if fmt is Format.JSON else visible(
        render_agenda_text(schedule, fmt is Format.MARKDOWN))
    if ics is not None:
        from .interop.ics import to_ics
        from .reporting.output import write_atomically

        try:
            write_atomically(ics, to_ics(schedule).decode("utf-8"))
        except OSError as err:
            say(f"relcheck: cannot write {ics}: {err.strerror or err}")
            raise typer.Exit(2) from None
    emit(text, output)
    raise typer.Exit(2 if report.errors else 0)


@app.command(epilog="Exit codes: 0 = logged (or shown with --dry-run); 2 = usage or input error: the file is left exactly as it was.")
def log(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The account file to add the interaction to.")],
    account: Annotated[str, typer.Option("--account", metavar="NAME", help="The account (any case and spacing).")],
    with_: Annotated[list[str], typer.Option("--with", metavar="CONTACT", help="Who it was with (repeat for several).")],
    direction: Annotated[str, typer.Option("--direction", metavar="DIRECTION", help="outbound (we reached out) or inbound (they did).")],
    when: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help="When (default: today).")] = None,
    channel: Annotated[Optional[str], typer.Option("--channel", help="call, email, meeting, visit, message, event or other.")] = None,
    purpose: Annotated[Optional[str], typer.Option("--purpose", help="pitch, discovery, check-in, insight, support, follow-up or other.")] = None,
    response: Annotated[Optional[str], typer.Option("--response", help="yes, no, objection, question, tell-me-more or none.")] = None,
    questions: Annotated[Optional[int], typer.Option("--questions", metavar="N", min=0, help="Questions we asked.")] = None,
    talk_ratio: Annotated[Optional[str], typer.Option("--talk-ratio", metavar="SHARE", help="Share of the time we talked: 0.45 or 45%.")] = None,
    next_step: Annotated[Optional[str], typer.Option("--next-step", metavar="TEXT", help="What we promised to do next (with --due).")] = None,
    due: Annotated[Optional[str], typer.Option("--due", metavar="YYYY-MM-DD", help="When we promised the next step.")] = None,
    notes: Annotated[Optional[str], typer.Option("--notes", metavar="TEXT", help="Free text.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the change as a diff; write nothing.")] = False,
) -> None:
    """Append one interaction to an account, keeping everything else in the file byte for byte."""
    from .interop.log import Entry, append_interaction, canonical_contacts
    from .reading.load import load_raw

    with _usage_errors():
        day = parse_day(when, "--date")
        due_day = parse_day(due, "--due") if due is not None else None
    values: dict[str, Any] = {"date": day, "direction": direction.strip().lower()}
    for key, value in (("channel", channel), ("purpose", purpose), ("response", response),
                       ("questions", questions), ("talk_ratio", talk_ratio), ("next_step", next_step),
                       ("notes", notes)):
        if value is not None:
            values[key] = value.strip().lower() if isinstance(value, str) and key in ("channel", "purpose",
                                                                                      "response") else value
    if due_day is not None:
        values["due"] = due_day
    if due is not None and next_step is None:
        raise typer.BadParameter("a due date needs --next-step (what is due?)", param_hint="--due")
    label = str(file)
    try:
        raw = file.read_bytes()
    except OSError as err:
        say(f"relcheck: {file}:1:1: cannot read the file: {err.strerror or err}")
        raise typer.Exit(2) from None
    from .checking.registry import rule_names

    before = load_raw(label, raw, rule_names())
    if before.errors:  # log never hides a problem: fix the file first
        report_errors(before.errors)
        say(f"relcheck: {file} does not validate; nothing was logged")
        raise typer.Exit(2)
    try:
        values["with"] = canonical_contacts(label, raw, account, with_)
        edit = append_interaction(label, raw, account, Entry(values))
    except RelcheckError as err:
        stop(err)
    after = load_raw(label, edit.after, rule_names())
    mine = [a for a in after.accounts if a.account.name == next(
        b.account.name for b in before.accounts if norm_name(b.account.name) == norm_name(account))]
    old = next(b for b in before.accounts if norm_name(b.account.name) == norm_name(account))
    if after.errors or len(mine) != 1 or len(mine[0].account.interactions) != len(old.account.interactions) + 1:
        report_errors(after.errors)
        say(f"relcheck: the entry would not read back as given; {file} was left as it was")
        raise typer.Exit(2)
    if dry_run:
        import difflib

        diff = difflib.unified_diff(raw.decode("utf-8", "replace").splitlines(keepends=True),
                                    edit.after.decode("utf-8", "replace").splitlines(keepends=True),
                                    fromfile=label, tofile=label)
        emit("".join(diff), None)
        raise typer.Exit(0)
    from .reporting.output import write_report

    try:
        write_report(file, edit.after.decode("utf-8"))
    except OSError as err:
        say(f"relcheck: cannot write {file}: {err.strerror or err}")
        raise typer.Exit(2) from None
    say(f"relcheck: logged the {values['direction']} {values.get('channel') or 'touch'} with "
         f"{' and '.join(values['with'])} at {mine[0].account.name} on {day}, line {edit.line}")
    raise typer.Exit(0)


IMPORT_EPILOG = (
    "\b\nFiles each CRM needs (CSV; the header row says which file is which):\n"
    "  hubspot     companies, contacts, deals, activities (calls, emails, meetings,\n"
    "              notes, tasks: one export per type or the combined one)\n"
    "  salesforce  Account, Contact, Opportunity, OpportunityContactRole (stakeholder\n"
    "              roles), Task, Event, EmailMessage; User turns owner ids into names\n"
    "              (Data Loader or report exports)\n"
    "  pipedrive   organizations, people, deals, activities\n\n"
    "Exit codes: 0 = imported (what could not be placed is listed); 2 = usage or input error: nothing written."
)


@app.command("import", epilog=IMPORT_EPILOG)
def import_(
    crm: Annotated[str, typer.Argument(metavar="CRM", help="hubspot, salesforce or pipedrive.")],
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="The CRM's CSV exports.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE",
                                                   help="Write a new account file (- for stdout).")] = None,
    into: Annotated[Optional[Path], typer.Option("--into", metavar="FILE",
                                                 help="Add what is new to this account file (created if missing); "
                                                      "records already in it are kept as written.")] = None,
    default_direction: Annotated[Optional[str], typer.Option(
        "--default-direction", metavar="DIRECTION",
        help="outbound or inbound, for touches whose export does not say who reached out "
             "(meetings, notes, Pipedrive activities). Without it they are listed as not placed.")] = None,
    date_format: Annotated[Optional[str], typer.Option(
        "--date-format", metavar="ORDER", help="DD/MM/YYYY or MM/DD/YYYY, when the export's dates could be either.")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be written; write nothing.")] = False,
) -> None:
    """Import a CRM's CSV exports (HubSpot, Salesforce, Pipedrive) into an account file."""
    from .checking.registry import rule_names
    from .interop.crm import CRMS
    from .interop.crmvalues import Dates, parse_date_format
    from .interop.imports import merge_into, read_export, render_new, summary
    from .reading.load import load_raw

    name = crm.strip().lower()
    if name not in CRMS:
        raise typer.BadParameter(f"'{crm}' is not one of {', '.join(CRMS)}{suggest(crm, CRMS)}", param_hint="CRM")
    if (output is None) == (into is None):
        raise typer.BadParameter("say where: -o NEW_FILE for a new file, or --into FILE to add to one",
                                 param_hint="--output/--into")
    direction = (default_direction or "").strip().lower()
    if direction not in ("", "inbound", "outbound"):
        raise typer.BadParameter(f"'{default_direction}' is not one of outbound, inbound",
                                 param_hint="--default-direction")
    target = into or output
    assert target is not None
    if output is not None and str(output) != "-" and output.exists() and not dry_run:
        say(f"relcheck: {output} exists; use --into {output} to add what is new to it")
        raise typer.Exit(2)
    title = {"hubspot": "HubSpot", "salesforce": "Salesforce", "pipedrive": "Pipedrive"}[name]
    try:
        dates = Dates(parse_date_format(date_format), True) if date_format else Dates()
        export, accounts, warnings = read_export(name, files, dates, direction)
        before = b""
        existing = 0
        if into is not None and into.exists():
            before = into.read_bytes()
            checked = load_raw(str(into), before, rule_names())
            if checked.errors:  # never hide a problem: fix the file first
                report_errors(checked.errors)
                say(f"relcheck: {into} does not validate; nothing was imported")
                raise typer.Exit(2)
            existing = len(checked.accounts)
            after, added = merge_into(str(into), before, accounts)
        else:
            text, added = render_new(accounts, title)
            after = text.encode("utf-8")
    except RelcheckError as err:
        stop(err)
    except OSError as err:
        say(f"relcheck: {into}: cannot read the file: {err.strerror or err}")
        raise typer.Exit(2) from None
    result = load_raw(str(target), after, rule_names())
    if result.errors or len(result.accounts) != existing + added.accounts:
        report_errors(result.errors)
        say(f"relcheck: the import would not read back as exported; {target} was left as it was")
        raise typer.Exit(2)
    lines = summary(title, str(target), export, added, warnings, into is not None and bool(before))
    if dry_run:
        if before:
            import difflib

            emit("".join(difflib.unified_diff(before.decode("utf-8", "replace").splitlines(keepends=True),
                                               after.decode("utf-8").splitlines(keepends=True),
                                               fromfile=str(target), tofile=str(target))), None)
        else:
            emit(after.decode("utf-8"), None)
        for line in lines:
            say(line.replace(" imported into ", " would be imported into ").replace(" added to ", " would be added to "))
        raise typer.Exit(0)
    if after != before:
        from .reporting.output import write_report

        try:
            if str(target) == "-":
                emit(after.decode("utf-8"), None)
            else:
                write_report(target, after.decode("utf-8"))
        except OSError as err:
            say(f"relcheck: cannot write {target}: {err.strerror or err}")
            raise typer.Exit(2) from None
    for line in lines:
        say(line)
    raise typer.Exit(0)


@app.command("rules", epilog=OTHER_EXIT_CODES_HELP)
def rules_command(
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")] = "table",
) -> None:
    """List every rule: code, slug, default severity and summary."""
    import json

    from .checking.registry import all_rules

    rules = all_rules()
    if fmt == "json":
        typer.echo(json.dumps([
            {"code": r.code, "slug": r.slug, "severity": r.severity.value, "factor": r.factor, "summary": r.summary}
            for r in rules
        ], indent=2))
        return
    if fmt != "table":
        raise typer.BadParameter(f"'{fmt}' is not one of table, json", param_hint="--format")
    for r in rules:
        typer.echo(f"{r.code}  {r.slug:<24} {r.severity.value:<8}  {r.summary}")


@app.command(epilog=OTHER_EXIT_CODES_HELP)
def explain(code: Annotated[str, typer.Argument(help="A rule code (REL001) or slug (one-way-contact).")]) -> None:
    """Explain a rule: what it checks, why it matters, thresholds, an example, how to fix."""
    from .checking.registry import find_rule, unknown_rule
    from .reporting.explain import explain_rule

    rule = find_rule(code)
    if rule is None:
        say(f"relcheck: {unknown_rule(code)}")
        raise typer.Exit(2)
    typer.echo(explain_rule(rule))


@app.command(epilog=OTHER_EXIT_CODES_HELP)
def schema() -> None:
    """Print the JSON Schema of the account file (for editors and CI)."""
    import json

    from .format.schema import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


@app.command(epilog=OTHER_EXIT_CODES_HELP)
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter file.")] = Path("accounts.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter accounts file (and relcheck.schema.json beside it)."""
    import json

    from .format.schema import json_schema
    from .format.starter import SCHEMA_FILE, starter_text
    from .reporting.output import write_atomically

    if path.exists() and not force:
        say(f"relcheck: {path} already exists; use --force to overwrite it")
        raise typer.Exit(2)
    written = [path]
    try:
        write_atomically(path, starter_text(path.name, date.today()))
        schema_path = path.parent / SCHEMA_FILE
        if not schema_path.exists() or force:
            write_atomically(schema_path, json.dumps(json_schema(), indent=2) + "\n")
            written.append(schema_path)
    except OSError as err:
        say(f"relcheck: cannot write {path}: {err.strerror or err}")
        raise typer.Exit(2) from None
    say(f"relcheck: wrote {' and '.join(map(str, written))}; next: relcheck audit {path}")
