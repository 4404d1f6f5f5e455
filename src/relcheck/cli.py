"""The ``relcheck`` command: parse options, call the engine, pick a reporter,
return an exit code.

Exit codes (every command): 0 nothing at or above ``--fail-on``; 1 findings
at or above it; 2 a usage, config or input error.  The report goes to stdout
(or ``--output``); diagnostics go to stderr.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional, TextIO

import typer

from . import __version__
from .errors import InputError, RelcheckError
from .names import norm_name, suggest
from .reporting import Format, streams, write_report
from .review.order import Sort

if TYPE_CHECKING:
    from .checking.findings import AccountResult
    from .checking.settings import Settings
    from .results import Report, SpooledAccount

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


def _say(message: str) -> None:
    from .reporting.visible import visible

    try:
        typer.echo(visible(message), err=True)
    except (OSError, ValueError):
        pass  # stderr closed or full: nothing more can be said


def _stop(err: Exception) -> NoReturn:
    """Say what stopped the run (located errors one per line) and exit 2."""
    errors = getattr(err, "errors", None)
    if errors:
        _report_errors(errors)
    else:
        _say(f"relcheck: {err}")
    raise typer.Exit(2) from None


def _report_errors(errors: list[InputError]) -> None:
    for error in errors:
        _say(str(error))


EARLIEST_AS_OF, LATEST_AS_OF = date(1900, 1, 1), date(9000, 12, 31)
"""The audit looks years back and ahead of the as-of date; outside these
days that arithmetic would leave the calendar."""


def _parse_day(text: Optional[str]) -> date:
    if text is None:
        return date.today()
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(f"'{text}' is not a date; use YYYY-MM-DD", param_hint="--as-of") from None
    if not EARLIEST_AS_OF <= day <= LATEST_AS_OF:
        raise typer.BadParameter(f"{day} is out of range ({EARLIEST_AS_OF} to {LATEST_AS_OF})", param_hint="--as-of")
    return day


def _codes(values: Optional[list[str]]) -> Optional[list[str]]:
    """``--select A,B --select C`` -> ['A', 'B', 'C']."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


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
    from .errors import ConfigError
    from .reporting.progress import progress_bar
    from .run import AccountAudit, run_audit, run_audit_encoded

    day = _parse_day(as_of)
    fail_on = fail_on.strip().lower() if fail_on is not None else None
    if fail_on is not None and fail_on not in ("info", "warning", "critical", "never"):
        raise typer.BadParameter(f"'{fail_on}' is not one of info, warning, critical, never", param_hint="--fail-on")
    tiers = tuple(t.strip().lower() for t in tier or ())
    for value in tiers:
        if value not in ("key", "growth", "standard"):
            raise typer.BadParameter(f"'{value}' is not one of key, growth, standard", param_hint="--tier")
    if by is not None and by.strip().lower() != "owner":
        raise typer.BadParameter(f"'{by}' is not one of owner", param_hint="--by")
    if fail_on_new and baseline is None:
        raise typer.BadParameter("needs --baseline (new compared with what?)", param_hint="--fail-on-new")
    try:
        from .review.baseline import read_baseline

        past = read_baseline(baseline) if baseline is not None else None
        settings, engine, by_config, configs = _setups(paths, config, select, ignore, fail_on, day)
        if show_settings:
            _show_settings(settings, by_config, configs)
        _refuse_to_overwrite_inputs(output, paths)
        audit = AccountAudit(engine, engine.context(day, settings.lookback_days),
                             owners=tuple(owner or ()), tiers=tiers, baseline=past, by_config=tuple(by_config))
        layout, colour = _terminal(color, output)
        spooled = streams(fmt, layout)
        with progress_bar(enabled=not quiet) as progress:
            if spooled:  # each account made into its parts of the report where it is audited, parked on disk
                encoded = run_audit_encoded(paths, audit, _jobs(jobs), progress, fmt.value)
            else:
                report = run_audit(paths, audit, _jobs(jobs), progress)
    except RelcheckError as err:
        _stop(err)
    except OSError as err:  # the spool of a streamed run: a full or unwritable temporary folder
        import tempfile

        _say(f"relcheck: cannot keep results in the temporary folder {tempfile.gettempdir()}: "
             f"{err.strerror or err} (set TMPDIR to a folder with room)")
        raise typer.Exit(2) from None
    except ConfigError as err:
        _say(f"relcheck: {err}")
        raise typer.Exit(2) from None

    from .review.order import ordered

    grouped = by is not None
    done: Report[AccountResult] | Report[SpooledAccount]
    write: Callable[[TextIO], object]
    if spooled:
        # Written account by account from the spool: the report is never one string in memory.
        encoded.configs = configs
        encoded.accounts = ordered(encoded.accounts, lambda a: a, sort, grouped)
        encoded.by_owner = grouped
        done = encoded
    else:
        report.configs = configs
        report.accounts = ordered(report.accounts, lambda a: a.brief, sort, grouped)
        report.by_owner = grouped
        done = report
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100
    write = partial(write_report, done, fmt, color=colour, rich=layout, width=width)
    if statistics:
        write = partial(_write_text, _statistics(done, fmt))
    _report_errors(done.errors)
    _emit_with(write, output)
    if not quiet:
        for note in done.suppression_notes():
            _say(f"relcheck: {note}")
        s = done.summary()
        from .checking.words import count

        _say(f"relcheck: {count(s['accounts'], 'account')}, {count(s['findings'], 'finding')}, "
             f"{count(s['errors'], 'error')}")
    if done.errors:
        raise typer.Exit(2)
    worst = done.worst(only_changed=fail_on_new)
    threshold = _strictest([settings.fail_on] + [e.settings.fail_on for _, e, _ in by_config])
    if threshold != "never" and worst is not None and worst.rank >= _rank(threshold):
        raise typer.Exit(1)


def _statistics(report: Report[AccountResult] | Report[SpooledAccount], fmt: Format) -> str:
    """Findings per rule and severity, most first (``--statistics``)."""
    import json

    from .checking.registry import all_rules

    counts: dict[str, dict[str, int]] = {}
    for brief in report.briefs:
        for fingerprint, severity in zip(brief.fingerprints, brief.severities, strict=True):
            rule = fingerprint.split(":", 1)[0]
            counts.setdefault(rule, {}).setdefault(severity.value, 0)
            counts[rule][severity.value] += 1
    slugs = {r.code: r.slug for r in all_rules()}
    rows = sorted(counts.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    if fmt is Format.JSON:
        return json.dumps([{"rule": code, "slug": slugs.get(code, ""), "count": sum(by.values()), "by_severity": by}
                           for code, by in rows], indent=1) + "\n"
    lines = [f"{sum(by.values()):>6}  {code}  {slugs.get(code, ''):<24} "
             + ", ".join(f"{n} {sev}" for sev, n in sorted(by.items())) for code, by in rows]
    return "\n".join(lines or ["no findings"]) + "\n"


def _strictest(levels: list[str]) -> str:
    """With several config files, the strictest ``fail_on`` among them decides."""
    order = ["info", "warning", "critical", "never"]
    return min(levels, key=order.index)


def _show_settings(base: Settings, by_config: list[tuple[str, Any, Any]], configs: list[str]) -> None:
    import json
    from dataclasses import asdict

    shown = {"files without a config" if not configs or by_config else configs[0]: asdict(base)}
    shown.update({key: asdict(engine.settings) for key, engine, _ in by_config})
    typer.echo(json.dumps(shown, indent=2, default=str))
    raise typer.Exit(0)


def _jobs(jobs: Optional[int]) -> int:
    if jobs is not None:
        return jobs
    from .run import default_jobs

    return default_jobs()


def _rank(name: str) -> int:
    from .checking.rule import Severity

    return Severity(name).rank


def _setups(paths: list[str], config: Optional[Path], select: Optional[list[str]], ignore: Optional[list[str]],
            fail_on: Optional[str], day: date) -> tuple[Settings, Any, list[tuple[str, Any, Any]], list[str]]:
    """The settings and engine for inputs with no config of their own (or
    ``--config``), the engines of the configs found next to the inputs, and
    every config file that applies (for the report)."""
    from .checking.engine import Engine
    from .config import config_for, forget_discovered, load_config, refuse_if_others_can_write
    from .reading.sources import expand

    forget_discovered()
    base = _settings(config, select, ignore, fail_on)
    engine = Engine(base)
    if config is not None:
        return base, engine, [], [str(config)]
    found: dict[str, Path] = {}
    for item in expand(paths):
        label = item.label if not isinstance(item, InputError) else item.path
        path = config_for(label)
        if path is not None:
            found.setdefault(str(path), path)
    setups = []
    for key, path in found.items():
        refuse_if_others_can_write(path)
        settings = _with_flags(load_config(path), select, ignore, fail_on)
        setups.append((key, Engine(settings), settings))
    return base, engine, [(k, e, e.context(day, s.lookback_days)) for k, e, s in setups], list(found)


def _settings(config: Optional[Path], select: Optional[list[str]], ignore: Optional[list[str]],
              fail_on: Optional[str]) -> Settings:
    from .checking.settings import Settings
    from .config import load_config

    if config is not None and not config.is_file():
        raise RelcheckError(f"{config}: config file not found")
    settings = load_config(config) if config is not None else Settings()
    return _with_flags(settings, select, ignore, fail_on)


def _with_flags(settings: Settings, select: Optional[list[str]], ignore: Optional[list[str]],
                fail_on: Optional[str]) -> Settings:
    """Command-line flags beat the config file."""
    if select is not None:
        settings = replace(settings, select=_codes(select))
    if ignore is not None:
        settings = replace(settings, ignore=list(settings.ignore) + (_codes(ignore) or []))
    if fail_on is not None:
        settings = replace(settings, fail_on=fail_on)  # type: ignore[arg-type]  # checked above
    return settings


def _terminal(flag: Optional[bool], output: Optional[Path]) -> tuple[bool, bool]:
    """(boxes and tables, colour) for the table report.  The layout follows
    whether the report goes to a terminal; ``NO_COLOR`` (or ``--no-color``)
    removes colour only; ``FORCE_COLOR`` (or ``--color``) gives colour, and
    the terminal layout with it, even in a pipe."""
    to_terminal = output is None and sys.stdout.isatty()
    forced = os.environ.get("FORCE_COLOR", "") not in ("", "0") or flag is True
    no_color = bool(os.environ.get("NO_COLOR")) or flag is False
    layout = to_terminal or forced
    return layout, layout and (forced or not no_color) and flag is not False


def _refuse_to_overwrite_inputs(output: Optional[Path], paths: list[str]) -> None:
    if output is None or str(output) == "-":
        return
    target = output.resolve()
    for raw in paths:
        if raw == "-":
            continue
        source = Path(raw).resolve()
        if target == source or (source.is_dir() and source in target.parents and target.suffix in (".yaml", ".yml")):
            raise RelcheckError(f"--output {output} would overwrite an input file; relcheck never writes to its inputs")


_PIPE_CLOSED = False


def _write_text(text: str, stream: TextIO) -> None:
    stream.write(text)


def _emit(text: str, output: Optional[Path]) -> None:
    _emit_with(partial(_write_text, text), output)


def _emit_with(write: Callable[[TextIO], object], output: Optional[Path]) -> None:
    """Write the report to stdout or ``--output`` (``-`` is stdout) as
    ``write`` makes it.  A reader that goes away (``| head -1``) ends the
    writing quietly, but the exit code is still the run's; a full disk or an
    unwritable file is exit 2.  A console that cannot show every name
    (cp1252) gets a stand-in for what it cannot show."""
    global _PIPE_CLOSED
    if output is None or str(output) == "-":
        stream: TextIO = sys.stdout
        wrapper = None
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8") and hasattr(stream, "buffer"):
            stream.flush()
            wrapper = io.TextIOWrapper(stream.buffer, encoding=encoding, errors="replace")
            stream = wrapper
        try:
            write(stream)
            stream.flush()
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            _PIPE_CLOSED = True
        except OSError as err:
            _say(f"relcheck: cannot write the report: {err.strerror or err}")
            raise typer.Exit(2) from None
        finally:
            if wrapper is not None:
                try:
                    wrapper.detach()
                except (OSError, ValueError):
                    pass
        return
    from .reporting.output import open_report

    try:
        with open_report(output) as stream:
            write(stream)
    except OSError as err:
        _say(f"relcheck: cannot write {output}: {err.strerror or err}")
        raise typer.Exit(2) from None


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
    accounts, errors = load_all(paths, jobs=_jobs(jobs))
    _report_errors(errors)
    if fmt is Format.JSON:
        import json

        _emit(json.dumps({"schema_version": 1, "valid_accounts": len(accounts),
                          "accounts": [{"name": k.name, "path": k.path, "line": k.line} for k in accounts],
                          "errors": [e.to_json() for e in errors]}, ensure_ascii=False, indent=1) + "\n", None)
    elif fmt is Format.GITHUB:
        from .reporting.github import error_lines
        from .reporting.visible import visible

        _emit(visible("".join(line + "\n" for line in error_lines(errors))), None)
    if not quiet:
        from .checking.words import count

        _say(f"relcheck: {count(len(accounts), 'valid account')}, {count(len(errors), 'error')}")
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
        _say(f"relcheck: {err}")
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
    _emit(text, output)
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
    day = _parse_day(as_of)
    try:
        settings, engine, by_config, _ = _setups(paths, config, None, None, None, day)
        _refuse_to_overwrite_inputs(output, paths)
        _refuse_to_overwrite_inputs(ics, paths)
        report = run_audit(paths, AccountAudit(engine, engine.context(day, settings.lookback_days),
                                               owners=tuple(owner or ()), by_config=tuple(by_config)),
                           _jobs(jobs))
    except (RelcheckError, ConfigError) as err:
        _stop(err)
    _report_errors(report.errors)
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
            _say(f"relcheck: cannot write {ics}: {err.strerror or err}")
            raise typer.Exit(2) from None
    _emit(text, output)
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

    day = _parse_day(when)
    values: dict[str, Any] = {"date": day, "direction": direction.strip().lower()}
    for key, value in (("channel", channel), ("purpose", purpose), ("response", response),
                       ("questions", questions), ("talk_ratio", talk_ratio), ("next_step", next_step),
                       ("notes", notes)):
        if value is not None:
            values[key] = value.strip().lower() if isinstance(value, str) and key in ("channel", "purpose",
                                                                                      "response") else value
    if due is not None:
        values["due"] = _parse_day(due)
    if due is not None and next_step is None:
        raise typer.BadParameter("a due date needs --next-step (what is due?)", param_hint="--due")
    label = str(file)
    try:
        raw = file.read_bytes()
    except OSError as err:
        _say(f"relcheck: {file}:1:1: cannot read the file: {err.strerror or err}")
        raise typer.Exit(2) from None
    from .checking.registry import rule_names

    before = load_raw(label, raw, rule_names())
    if before.errors:  # log never hides a problem: fix the file first
        _report_errors(before.errors)
        _say(f"relcheck: {file} does not validate; nothing was logged")
        raise typer.Exit(2)
    try:
        values["with"] = canonical_contacts(label, raw, account, with_)
        edit = append_interaction(label, raw, account, Entry(values))
    except RelcheckError as err:
        _stop(err)
    after = load_raw(label, edit.after, rule_names())
    mine = [a for a in after.accounts if a.account.name == next(
        b.account.name for b in before.accounts if norm_name(b.account.name) == norm_name(account))]
    old = next(b for b in before.accounts if norm_name(b.account.name) == norm_name(account))
    if after.errors or len(mine) != 1 or len(mine[0].account.interactions) != len(old.account.interactions) + 1:
        _report_errors(after.errors)
        _say(f"relcheck: the entry would not read back as given; {file} was left as it was")
        raise typer.Exit(2)
    if dry_run:
        import difflib

        diff = difflib.unified_diff(raw.decode("utf-8", "replace").splitlines(keepends=True),
                                    edit.after.decode("utf-8", "replace").splitlines(keepends=True),
                                    fromfile=label, tofile=label)
        _emit("".join(diff), None)
        raise typer.Exit(0)
    from .reporting.output import write_report

    try:
        write_report(file, edit.after.decode("utf-8"))
    except OSError as err:
        _say(f"relcheck: cannot write {file}: {err.strerror or err}")
        raise typer.Exit(2) from None
    _say(f"relcheck: logged the {values['direction']} {values.get('channel') or 'touch'} with "
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
        _say(f"relcheck: {output} exists; use --into {output} to add what is new to it")
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
                _report_errors(checked.errors)
                _say(f"relcheck: {into} does not validate; nothing was imported")
                raise typer.Exit(2)
            existing = len(checked.accounts)
            after, added = merge_into(str(into), before, accounts)
        else:
            text, added = render_new(accounts, title)
            after = text.encode("utf-8")
    except RelcheckError as err:
        _stop(err)
    except OSError as err:
        _say(f"relcheck: {into}: cannot read the file: {err.strerror or err}")
        raise typer.Exit(2) from None
    result = load_raw(str(target), after, rule_names())
    if result.errors or len(result.accounts) != existing + added.accounts:
        _report_errors(result.errors)
        _say(f"relcheck: the import would not read back as exported; {target} was left as it was")
        raise typer.Exit(2)
    lines = summary(title, str(target), export, added, warnings, into is not None and bool(before))
    if dry_run:
        if before:
            import difflib

            _emit("".join(difflib.unified_diff(before.decode("utf-8", "replace").splitlines(keepends=True),
                                               after.decode("utf-8").splitlines(keepends=True),
                                               fromfile=str(target), tofile=str(target))), None)
        else:
            _emit(after.decode("utf-8"), None)
        for line in lines:
            _say(line.replace(" imported into ", " would be imported into ").replace(" added to ", " would be added to "))
        raise typer.Exit(0)
    if after != before:
        from .reporting.output import write_report

        try:
            if str(target) == "-":
                _emit(after.decode("utf-8"), None)
            else:
                write_report(target, after.decode("utf-8"))
        except OSError as err:
            _say(f"relcheck: cannot write {target}: {err.strerror or err}")
            raise typer.Exit(2) from None
    for line in lines:
        _say(line)
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
        _say(f"relcheck: {unknown_rule(code)}")
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
        _say(f"relcheck: {path} already exists; use --force to overwrite it")
        raise typer.Exit(2)
    written = [path]
    try:
        write_atomically(path, starter_text(path.name, date.today()))
        schema_path = path.parent / SCHEMA_FILE
        if not schema_path.exists() or force:
            write_atomically(schema_path, json.dumps(json_schema(), indent=2) + "\n")
            written.append(schema_path)
    except OSError as err:
        _say(f"relcheck: cannot write {path}: {err.strerror or err}")
        raise typer.Exit(2) from None
    _say(f"relcheck: wrote {' and '.join(map(str, written))}; next: relcheck audit {path}")


class _Terminated(BaseException):
    """SIGTERM, turned into an exception so the run unwinds like Ctrl-C."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


def main() -> None:
    """Console-script entry point."""
    import signal

    signal.signal(signal.SIGTERM, _on_sigterm)
    code = 0
    try:
        app()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if isinstance(done.code, str):
            _say(done.code)
        if code == 130:  # typer turns Ctrl-C into a quiet exit 130
            _stop_workers()
            _say("relcheck: interrupted")
    except (KeyboardInterrupt, _Terminated) as stop:
        _stop_workers()
        _say("relcheck: interrupted" if isinstance(stop, KeyboardInterrupt) else "relcheck: terminated")
        code = 130 if isinstance(stop, KeyboardInterrupt) else 143
    except Exception as err:  # pragma: no cover - a bug in relcheck itself
        _stop_workers()
        if os.environ.get("RELCHECK_DEBUG"):
            raise
        _say(f"relcheck: internal error: {type(err).__name__}: {err} "
             "(please report it; set RELCHECK_DEBUG=1 for the traceback)")
        code = 2
    _finish(code)


def _stop_workers() -> None:
    run = sys.modules.get("relcheck.run")
    if run is not None:
        run.kill_workers()


def _finish(code: int) -> None:
    """Flush and leave at once: a large run holds millions of small objects,
    and freeing them one by one at exit takes longer than some whole audits.
    Everything relcheck writes is complete (and --output renamed into place)
    by now."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError, OSError):
            pass  # the reader went away; nothing left to say
    os._exit(code)
