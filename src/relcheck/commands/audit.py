"""``relcheck audit``: settings from the flags and config files, the run,
the report in the order and grouping asked for, the exit code.  Typer
(:mod:`relcheck.cli`) and the quick path (:mod:`relcheck.commands.quick`)
both hand it an :class:`AuditOptions`."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, TextIO

from ..errors import InputError, RelcheckError
from ..reporting import Format, streams, write_report
from ..review.order import Sort
from .console import Usage, emit, emit_with, report_errors, say, stop, terminal, write_text

if TYPE_CHECKING:
    from ..checking.findings import AccountResult
    from ..checking.settings import Settings
    from ..results import Report, SpooledAccount


@dataclass(frozen=True, repr=False)  # no generated repr: each generated method costs start-up time
class AuditOptions:
    """The command line of ``relcheck audit``, as parsed (not yet checked)."""

    paths: list[str]
    fmt: Format = Format.TABLE
    as_of: Optional[str] = None
    config: Optional[Path] = None
    select: Optional[list[str]] = None
    ignore: Optional[list[str]] = None
    fail_on: Optional[str] = None
    owner: Optional[list[str]] = None
    tier: Optional[list[str]] = None
    output: Optional[Path] = None
    quiet: bool = False
    color: Optional[bool] = None
    jobs: Optional[int] = None
    baseline: Optional[Path] = None
    fail_on_new: bool = False
    sort: Sort = Sort.SCORE
    by: Optional[str] = None
    statistics: bool = False
    show_settings: bool = False


class _Checked:
    """What :func:`check` made of the options' free-text values."""

    __slots__ = ("day", "fail_on", "tiers")

    def __init__(self, day: date, fail_on: Optional[str], tiers: tuple[str, ...]) -> None:
        self.day, self.fail_on, self.tiers = day, fail_on, tiers


EARLIEST_AS_OF, LATEST_AS_OF = date(1900, 1, 1), date(9000, 12, 31)
"""The audit looks years back and ahead of the as-of date; outside these
days that arithmetic would leave the calendar."""


def parse_day(text: Optional[str], hint: str = "--as-of") -> date:
    """``YYYY-MM-DD`` (today when not given), or :class:`Usage` naming ``hint``."""
    if text is None:
        return date.today()
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise Usage(f"'{text}' is not a date; use YYYY-MM-DD", hint) from None
    if not EARLIEST_AS_OF <= day <= LATEST_AS_OF:
        raise Usage(f"{day} is out of range ({EARLIEST_AS_OF} to {LATEST_AS_OF})", hint)
    return day


def check(options: AuditOptions) -> _Checked:
    """Every check of the options that needs no file, before anything is
    read or written: a :class:`Usage` from here leaves no trace."""
    day = parse_day(options.as_of)
    fail_on = options.fail_on.strip().lower() if options.fail_on is not None else None
    if fail_on is not None and fail_on not in ("info", "warning", "critical", "never"):
        raise Usage(f"'{fail_on}' is not one of info, warning, critical, never", "--fail-on")
    tiers = tuple(t.strip().lower() for t in options.tier or ())
    for value in tiers:
        if value not in ("key", "growth", "standard"):
            raise Usage(f"'{value}' is not one of key, growth, standard", "--tier")
    if options.by is not None and options.by.strip().lower() != "owner":
        raise Usage(f"'{options.by}' is not one of owner", "--by")
    if options.fail_on_new and options.baseline is None:
        raise Usage("needs --baseline (new compared with what?)", "--fail-on-new")
    return _Checked(day, fail_on, tiers)


def audit(options: AuditOptions, checked: _Checked) -> int:
    """Run the audit :func:`check` passed; the exit code."""
    from ..errors import ConfigError
    from ..reporting.progress import progress_bar
    from ..run import AccountAudit, run_audit, run_audit_encoded

    paths, fmt, output, day = options.paths, options.fmt, options.output, checked.day
    try:
        past = None
        if options.baseline is not None:  # a run without one starts without the module
            from ..review.baseline import read_baseline

            past = read_baseline(options.baseline)
        settings, engine, by_config, configs = setups(paths, options.config, options.select, options.ignore,
                                                      checked.fail_on, day)
        if options.show_settings:
            return _show_settings(settings, by_config, configs)
        refuse_to_overwrite_inputs(output, paths)
        run = AccountAudit(engine, engine.context(day, settings.lookback_days), owners=tuple(options.owner or ()),
                           tiers=checked.tiers, baseline=past, by_config=tuple(by_config))
        layout, colour = terminal(options.color, output)
        spooled = streams(fmt, layout)
        with progress_bar(enabled=not options.quiet) as progress:
            if spooled:  # each account made into its parts of the report where it is audited, parked on disk
                encoded = run_audit_encoded(paths, run, worker_count(options.jobs), progress, fmt.value)
            else:
                report = run_audit(paths, run, worker_count(options.jobs), progress)
    except RelcheckError as err:
        stop(err)
    except OSError as err:  # the spool of a streamed run: a full or unwritable temporary folder
        import tempfile

        say(f"relcheck: cannot keep results in the temporary folder {tempfile.gettempdir()}: "
            f"{err.strerror or err} (set TMPDIR to a folder with room)")
        return 2
    except ConfigError as err:
        say(f"relcheck: {err}")
        return 2

    from ..review.order import ordered

    grouped = options.by is not None
    done: Report[AccountResult] | Report[SpooledAccount]
    write: Callable[[TextIO], object]
    if spooled:
        # Written account by account from the spool: the report is never one string in memory.
        encoded.configs = configs
        encoded.accounts = ordered(encoded.accounts, lambda a: a, options.sort, grouped)
        encoded.by_owner = grouped
        done = encoded
    else:
        report.configs = configs
        report.accounts = ordered(report.accounts, lambda a: a.brief, options.sort, grouped)
        report.by_owner = grouped
        done = report
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100
    write = partial(write_report, done, fmt, color=colour, rich=layout, width=width)
    if options.statistics:
        write = partial(write_text, _statistics(done, fmt))
    report_errors(done.errors)
    emit_with(write, output)
    if not options.quiet:
        for note in done.suppression_notes():
            say(f"relcheck: {note}")
        s = done.summary()
        from ..checking.words import count

        say(f"relcheck: {count(s['accounts'], 'account')}, {count(s['findings'], 'finding')}, "
            f"{count(s['errors'], 'error')}")
    if done.errors:
        return 2
    worst = done.worst(only_changed=options.fail_on_new)
    threshold = _strictest([settings.fail_on] + [e.settings.fail_on for _, e, _ in by_config])
    if threshold != "never" and worst is not None and worst.rank >= _rank(threshold):
        return 1
    return 0


def _statistics(report: Report[AccountResult] | Report[SpooledAccount], fmt: Format) -> str:
    """Findings per rule and severity, most first (``--statistics``)."""
    import json

    from ..checking.registry import all_rules

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


def _show_settings(base: Settings, by_config: list[tuple[str, Any, Any]], configs: list[str]) -> int:
    import json
    from dataclasses import asdict

    shown = {"files without a config" if not configs or by_config else configs[0]: asdict(base)}
    shown.update({key: asdict(engine.settings) for key, engine, _ in by_config})
    emit(json.dumps(shown, indent=2, default=str) + "\n", None)
    return 0


def worker_count(count: Optional[int]) -> int:
    """``--jobs``, or one worker per CPU."""
    if count is not None:
        return count
    from ..run import default_jobs

    return default_jobs()


def _rank(name: str) -> int:
    from ..checking.rule import Severity

    return Severity(name).rank


def _codes(values: Optional[list[str]]) -> Optional[list[str]]:
    """``--select A,B --select C`` -> ['A', 'B', 'C']."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def setups(paths: list[str], config: Optional[Path], select: Optional[list[str]], ignore: Optional[list[str]],
           fail_on: Optional[str], day: date) -> tuple[Settings, Any, list[tuple[str, Any, Any]], list[str]]:
    """The settings and engine for inputs with no config of their own (or
    ``--config``), the engines of the configs found next to the inputs, and
    every config file that applies (for the report)."""
    from ..checking.engine import Engine
    from ..config import config_for, forget_discovered, load_config, refuse_if_others_can_write
    from ..reading.sources import expand

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
    made = []
    for key, path in found.items():
        refuse_if_others_can_write(path)
        settings = _with_flags(load_config(path), select, ignore, fail_on)
        made.append((key, Engine(settings), settings))
    return base, engine, [(k, e, e.context(day, s.lookback_days)) for k, e, s in made], list(found)


def _settings(config: Optional[Path], select: Optional[list[str]], ignore: Optional[list[str]],
              fail_on: Optional[str]) -> Settings:
    from ..checking.settings import Settings
    from ..config import load_config

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


def refuse_to_overwrite_inputs(output: Optional[Path], paths: list[str]) -> None:
    if output is None or str(output) == "-":
        return
    target = output.resolve()
    for raw in paths:
        if raw == "-":
            continue
        source = Path(raw).resolve()
        if target == source or (source.is_dir() and source in target.parents and target.suffix in (".yaml", ".yml")):
            raise RelcheckError(f"--output {output} would overwrite an input file; relcheck never writes to its inputs")
