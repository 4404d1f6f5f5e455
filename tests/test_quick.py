"""The quick path (``relcheck.commands.quick``) reads a plain ``relcheck
audit`` command line without typer.  It must read every command line it
accepts exactly as typer does, and hand every other one to typer: held to
typer's reading of generated command lines, and to typer's run of the same
audits (output, messages, exit code)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relcheck import cli
from relcheck.commands.audit import AuditOptions
from relcheck.commands.quick import parse_audit, quick_audit
from relcheck.entry import guarded

AS_OF = ["--as-of", "2026-11-23"]


class _Read(Exception):
    def __init__(self, options: AuditOptions) -> None:
        self.options = options


def typer_reading(args: list[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """The options typer hands the audit for ``args``, or None when it refuses them."""
    import typer.main

    def caught(options: AuditOptions) -> None:
        raise _Read(options)

    monkeypatch.setattr(cli, "check", caught)
    try:
        typer.main.get_command(cli.app).main(args, prog_name="relcheck", standalone_mode=False)
    except _Read as read:
        return read.options
    except Exception:  # a usage error: typer refuses the command line
        return None
    return None  # help or another command


VALUES = ["json", "JSON", "Jsonl", "markdown", "table", "yaml", "", "-", "--quiet", "-q", "1", "0", "02", "+2",
          " 3", "\u0663", "2026-11-23", "2026-13-01", "warning", "NEVER", "owner", "Owner", "score", "Value",
          "file", "a,b", "REL001", "out.json", "dir/out.json", "é", "x=y"]
PATHS = ["a.yaml", "dir", "-", "b c.yaml", "é.yaml", "audit"]
OPTIONS = ["--format", "-f", "--as-of", "--config", "--select", "--ignore", "--fail-on", "--owner", "--tier",
           "--output", "-o", "--jobs", "-j", "--baseline", "--sort", "--by"]
FLAGS = ["-q", "--quiet", "--color", "--no-color", "--fail-on-new", "--statistics", "--show-settings"]
OTHERS = ["--help", "-h", "--", "-qf", "-fjson", "-f=json", "--version", "--formats", "--form", "--no-quiet", "-x",
          "-oq", "--quiet=1", "--color=no"]

token_groups = st.one_of(
    st.sampled_from(PATHS).map(lambda p: [p]),
    st.sampled_from(FLAGS).map(lambda o: [o]),
    st.sampled_from(FLAGS).map(lambda o: [o]),
    st.sampled_from(OTHERS).map(lambda o: [o]),
    st.tuples(st.sampled_from(OPTIONS), st.sampled_from(VALUES)).map(list),
    st.tuples(st.sampled_from(OPTIONS), st.sampled_from(VALUES)).map(lambda ov: [f"{ov[0]}={ov[1]}"]),
)
command_lines = st.lists(token_groups, max_size=7).map(lambda groups: ["audit"] + [t for g in groups for t in g])


@settings(max_examples=1500, deadline=None)
@given(command_lines)
def test_what_the_quick_parser_reads_typer_reads_the_same(args: list[str]) -> None:
    quick = parse_audit(args, {})
    if quick is None:
        return
    with pytest.MonkeyPatch.context() as patch:
        assert typer_reading(args, patch) == quick, args


def test_the_quick_parser_reads_the_plain_command_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = [
        ["audit", "a.yaml"],
        ["audit", "a.yaml", "b/", "-", "--format", "json", "--as-of", "2026-11-23", "-q"],
        ["audit", "--format=JSONL", "a.yaml", "--jobs", "2", "--owner", "Pat", "--owner", "Sam", "--tier", "key"],
        ["audit", "a.yaml", "-f", "markdown", "-o", "out.md", "--sort", "owner", "--by", "owner", "--no-color"],
        ["audit", "a.yaml", "--baseline", "last.json", "--fail-on-new", "--fail-on", "critical", "--statistics"],
        ["audit", "a.yaml", "--select", "REL001,REL002", "--ignore", "no-nos", "--config", "r.yaml", "-j", "1"],
    ]
    for args in plain:
        quick = parse_audit(args, {})
        assert quick is not None, args
        assert typer_reading(args, monkeypatch) == quick, args


def test_anything_unusual_goes_to_typer() -> None:
    unusual = [
        [], ["log", "a.yaml"], ["audit"], ["audit", "--help"], ["audit", "a.yaml", "-h"], ["--version"],
        ["audit", "a.yaml", "--format"], ["audit", "a.yaml", "--format", ""], ["audit", "a.yaml", "-fjson"],
        ["audit", "a.yaml", "-qf", "json"], ["audit", "a.yaml", "--", "-x.yaml"], ["audit", "a.yaml", "--jobs", "0"],
        ["audit", "a.yaml", "--format", "yaml"], ["audit", "a.yaml", "--format", "json", "--format", "json"],
        ["audit", "a.yaml", "--owner", "-q"], ["audit", "a.yaml", "--formt", "json"], ["audit", "a.yaml", "-q=1"],
        ["audit", "a\udcff.yaml"], ["audit", "a.yaml", "--jobs", "9" * 5000],
    ]
    for args in unusual:
        assert parse_audit(args, {}) is None, args
    assert parse_audit(["audit", "a.yaml"], {"_RELCHECK_COMPLETE": "bash_complete"}) is None
    # A value the audit itself refuses is shown by typer, with the usage line.
    assert quick_audit(["audit", "a.yaml", "--as-of", "2026-13-01"], {}) is None
    assert quick_audit(["audit", "a.yaml", "--tier", "gold"], {}) is None
    assert quick_audit(["audit", "a.yaml", "--fail-on-new"], {}) is None
    assert quick_audit(["audit", "a.yaml", "--as-of", "2026-11-23"], {}) is not None


def _both_ways(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[tuple[int, str, str], ...]:
    """The same audit run by the quick path and by typer: (exit code, stdout, stderr) each."""
    command = quick_audit(args, {})
    assert command is not None, args
    runs = []
    for run in (command, lambda: cli.app(args, prog_name="relcheck")):
        code = guarded(run)
        out, err = capsys.readouterr()
        runs.append((code, out, err))
    return tuple(runs)


def test_the_quick_path_and_typer_run_the_same_audit(example: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: A\ntier: gold\n")
    calm = tmp_path / "calm.yaml"
    calm.write_text("name: Calm\ncontacts: [{name: A}]\n")
    saved = tmp_path / "saved.json"
    cases = [
        [str(example), "--format", "json"],
        [str(example), "--format", "jsonl", "--sort", "name", "--owner", "Dana Whitfield"],
        [str(example), "--format", "markdown", "--by", "owner"],
        [str(example), "--statistics", "--fail-on", "critical"],
        [str(example), "--show-settings"],
        [str(example), str(broken), "--format", "json", "-q"],
        [str(calm), "--select", "REL001"],
        [str(example), "--owner", "Nobody"],
        [str(tmp_path / "missing.yaml")],
        [str(example), "--config", str(tmp_path / "missing.yaml")],
        [str(example), "-o", str(saved), "--format", "json", "--jobs", "1"],
        [str(example), "-o", str(example)],
    ]
    for extra in cases:
        args = ["audit", *extra, *AS_OF]
        quick, typed = _both_ways(args, capsys)
        assert quick == typed, args
    assert saved.is_file()


def test_a_plain_audit_never_imports_typer_and_a_usage_error_still_reads_as_typer_says_it(example: Path) -> None:
    plain = subprocess.run([sys.executable, "-X", "importtime", "-m", "relcheck", "audit", str(example), *AS_OF,
                            "--format", "json"], capture_output=True, text=True, timeout=120)
    assert plain.returncode == 1 and plain.stdout.startswith("{")
    imported = {line.split("|")[-1].strip() for line in plain.stderr.splitlines() if line.startswith("import time:")}
    assert "relcheck.commands.audit" in imported and not any(m.split(".")[0] == "typer" for m in imported)
    wrong = subprocess.run([sys.executable, "-m", "relcheck", "audit", str(example), "--as-of", "2026-13-01"],
                           capture_output=True, text=True, timeout=120)
    assert wrong.returncode == 2 and wrong.stdout == ""
    assert "Usage:" in wrong.stderr and "--as-of" in wrong.stderr and "'2026-13-01' is not a date" in wrong.stderr


def test_the_version_is_said_as_typer_says_it_without_typer(capsys: pytest.CaptureFixture[str]) -> None:
    plain = subprocess.run([sys.executable, "-X", "importtime", "-m", "relcheck", "--version"],
                           capture_output=True, text=True, timeout=120)
    imported = {line.split("|")[-1].strip() for line in plain.stderr.splitlines() if line.startswith("import time:")}
    assert not any(m.split(".")[0] == "typer" for m in imported)
    with pytest.raises(SystemExit) as typed:
        cli.app(["--version"], prog_name="relcheck")
    assert plain.returncode == typed.value.code == 0
    assert plain.stdout == capsys.readouterr().out != ""
    # Anything more goes to typer, which says what it makes of it.
    more = subprocess.run([sys.executable, "-m", "relcheck", "--version", "--help"], capture_output=True, text=True,
                          timeout=120)
    assert more.returncode == 0 and more.stdout == plain.stdout
