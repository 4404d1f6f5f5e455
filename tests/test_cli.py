"""The command line through CliRunner: exit codes and output together."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from relcheck import __version__
from relcheck.cli import app

AS_OF = ["--as-of", "2026-11-23"]


def run(*args: str, input: str | None = None, env: dict | None = None):
    return CliRunner().invoke(app, list(args), input=input, env=env or {})


def audit_json(*args: str) -> dict:
    result = run("audit", *args, "--format", "json", *AS_OF)
    return json.loads(result.stdout)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


def test_example_has_findings_so_exit_1(example: Path) -> None:
    result = run("audit", str(example), *AS_OF)
    assert result.exit_code == 1
    assert "Borealis Foods" in result.stdout and "REL001" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour
    assert "╭" not in result.stdout  # and no boxes


def test_fail_on_levels(example: Path, tmp_path: Path) -> None:
    assert run("audit", str(example), *AS_OF, "--fail-on", "never").exit_code == 0
    # The example's worst finding is critical (Evergreen Retail).
    assert run("audit", str(example), *AS_OF, "--fail-on", "critical").exit_code == 1
    calm = tmp_path / "calm.yaml"
    calm.write_text("name: Calm\ncontacts: [{name: A}]\n")
    assert run("audit", str(calm), *AS_OF, "--select", "REL001").exit_code == 0
    assert run("audit", str(example), *AS_OF, "--fail-on", "sometimes").exit_code == 2


def test_select_and_ignore(example: Path) -> None:
    only = audit_json(str(example), "--select", "REL002")
    rules = {f["rule"] for a in only["accounts"] for f in a["findings"]}
    assert rules == {"REL002"}
    without = audit_json(str(example), "--ignore", "REL001,no-nos")
    rules = {f["rule"] for a in without["accounts"] for f in a["findings"]}
    assert "REL001" not in rules and "REL002" not in rules and "REL003" in rules
    bad = run("audit", str(example), *AS_OF, "--select", "REL0O1")
    assert bad.exit_code == 2 and "unknown rule" in bad.stderr


def test_bad_file_exit_2_and_good_files_still_reported(example: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("accounts:\n  - name: Broken\n    tier: gold\n")
    result = run("audit", str(example), str(bad), "--format", "json", *AS_OF)
    assert result.exit_code == 2
    assert f"{bad}:3:11: tier: invalid value 'gold'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    report = json.loads(result.stdout)
    assert len(report["accounts"]) == 8
    assert report["errors"] == [
        {"path": str(bad), "line": 3, "column": 11,
         "message": "tier: invalid value 'gold'; expected one of: key, growth, standard"}
    ]


def test_missing_path_is_exit_2(tmp_path: Path) -> None:
    result = run("audit", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_directory_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.yaml").write_text("name: A\n")
    (tmp_path / "sub" / "b.yml").write_text("name: B\n")
    (tmp_path / "notes.txt").write_text("not yaml")
    report = audit_json(str(tmp_path))
    assert [a["name"] for a in report["accounts"]] == ["A", "B"]
    result = run("audit", "-", "--format", "json", *AS_OF, input="name: From stdin\n")
    assert json.loads(result.stdout)["accounts"][0]["name"] == "From stdin"


def test_owner_and_tier_filters(example: Path) -> None:
    report = audit_json(str(example), "--owner", "marcus bell")
    assert {a["name"] for a in report["accounts"]} == {"Borealis Foods", "Delta Freight"}
    report = audit_json(str(example), "--tier", "key")
    assert {a["name"] for a in report["accounts"]} == {"Acme Logistics", "Cobalt Health"}


def test_jsonl_one_finding_per_line(example: Path) -> None:
    result = run("audit", str(example), "--format", "jsonl", *AS_OF)
    lines = result.stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == audit_json(str(example))["summary"]["findings"]
    assert all({"account", "account_id", "rule", "severity", "suggestion"} <= r.keys() for r in records)


def test_markdown(example: Path) -> None:
    result = run("audit", str(example), "--format", "markdown", *AS_OF)
    assert result.stdout.startswith("# relcheck audit as of 2026-11-23")
    assert "| Borealis Foods | Marcus Bell | growth |" in result.stdout


def test_output_file_is_written_and_inputs_are_never_overwritten(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run("audit", str(example), "--format", "json", "--output", str(out), *AS_OF)
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text())["schema_version"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temp file left
    copy = tmp_path / "accounts.yaml"
    copy.write_text(example.read_text())
    before = copy.read_bytes()
    result = run("audit", str(copy), "--output", str(copy), *AS_OF)
    assert result.exit_code == 2 and "never writes to its inputs" in result.stderr
    assert copy.read_bytes() == before


def test_color_only_when_asked(example: Path) -> None:
    forced = run("audit", str(example), *AS_OF, "--color")
    assert "\x1b[" in forced.stdout
    assert "\x1b[" not in run("audit", str(example), *AS_OF, env={"NO_COLOR": "1"}).stdout


def test_quiet_has_no_summary(example: Path) -> None:
    assert "relcheck:" in run("audit", str(example), *AS_OF).stderr
    assert run("audit", str(example), *AS_OF, "--quiet").stderr == ""


def test_validate(example: Path, tmp_path: Path) -> None:
    assert run("validate", str(example)).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: A\nname: B\n")
    result = run("validate", str(bad))
    assert result.exit_code == 2 and f"{bad}:2:1: duplicate key 'name'" in result.stderr


def test_bad_as_of_is_usage_error(example: Path) -> None:
    result = run("audit", str(example), "--as-of", "2026-02-30")
    assert result.exit_code == 2


def test_rules_and_explain() -> None:
    listing = run("rules")
    assert listing.exit_code == 0 and "REL001" in listing.stdout and "one-way-contact" in listing.stdout
    as_json = json.loads(run("rules", "--format", "json").stdout)
    assert {"code", "slug", "severity", "summary"} <= as_json[0].keys()
    for token in ("REL003", "silent-since-sale"):
        text = run("explain", token).stdout
        for heading in ("What it checks", "Why it matters", "Thresholds and defaults", "Example that fires", "How to fix"):
            assert heading in text
        assert "max_silent_days = 90" in text
    unknown = run("explain", "REL0003")
    assert unknown.exit_code == 2 and "did you mean" in unknown.stderr


def test_config_file_is_discovered_and_flags_win(example: Path, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "relcheck.yaml").write_text(
        "select: [REL001, REL002, REL003]\nignore: [REL001]\nrules:\n  REL003: {max_silent_days: 400}\n"
    )
    nested = tmp_path / "team"
    nested.mkdir()
    example = nested / "accounts.yaml"  # the config above the file applies, wherever relcheck runs
    example.write_text((Path(__file__).resolve().parents[1] / "accounts.example.yaml").read_text())
    monkeypatch.chdir("/")
    report = audit_json(str(example))
    rules = {f["rule"] for a in report["accounts"] for f in a["findings"]}
    assert rules == {"REL002"}
    report = audit_json(str(example), "--select", "REL001")
    assert report["summary"]["findings"] == 0  # the file's ignore still applies
    (tmp_path / "relcheck.yaml").write_text("rules:\n  REL003: {max_silent_dayz: 400}\n")
    result = run("audit", str(example), *AS_OF)
    assert result.exit_code == 2
    assert result.stderr.startswith(str(tmp_path / "relcheck.yaml"))
    assert "relcheck.yaml:2:12: rules.REL003: unknown option 'max_silent_dayz'" in result.stderr
    assert "did you mean 'max_silent_days'" in result.stderr


def test_rules_lists_all_13_and_explain_answers_each() -> None:
    from relcheck.checking.registry import all_rules

    codes = [r.code for r in all_rules()]
    assert codes == [f"REL{n:03d}" for n in range(1, 14)]
    listing = run("rules").stdout
    for rule in all_rules():
        assert rule.code in listing and rule.slug in listing
        for token in (rule.code, rule.slug, rule.code.lower()):
            result = run("explain", token)
            assert result.exit_code == 0 and result.stdout.startswith(f"{rule.code} {rule.slug}")


def test_schema_is_json_schema_with_field_docs() -> None:
    result = run("schema")
    schema = json.loads(result.stdout)
    interaction = schema["$defs"]["Interaction"]
    assert interaction["additionalProperties"] is False
    assert "with" in interaction["properties"] and interaction["properties"]["direction"]
    assert "outbound (we reached out)" in interaction["properties"]["direction"]["description"]


def test_init_writes_a_clean_starter_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "accounts.yaml"
    result = run("init", str(target))
    assert result.exit_code == 0
    text = target.read_text()
    assert text.startswith("# yaml-language-server: $schema=relcheck.schema.json")
    assert json.loads((tmp_path / "relcheck.schema.json").read_text())["$defs"]
    audit = run("audit", str(target))
    assert audit.exit_code == 0, audit.stdout + audit.stderr
    target.write_text("mine")
    again = run("init", str(target))
    assert again.exit_code == 2 and "--force" in again.stderr
    assert target.read_text() == "mine"
    assert run("init", str(target), "--force").exit_code == 0
    assert target.read_text() != "mine"


def test_suppression_notes_reach_stderr_and_report(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "name: A\ncontacts: [{name: P}]\n"
        "ignore: [{rule: REL004, reason: agreed, until: 2026-01-01}]\n"
    )
    result = run("audit", str(path), *AS_OF, "--select", "REL004")
    assert "suppression of REL004 expired on 2026-01-01" in result.stderr
    assert "note" in result.stdout


def test_help_states_the_exit_codes() -> None:
    top = " ".join(run("--help").stdout.split())  # help text is wrapped to the terminal
    assert "Exit codes: 0 = nothing at or above --fail-on; 1 = findings" in top and "2 = usage" in top
    for command in ("audit", "validate", "rules", "explain", "schema", "init"):
        assert "Exit codes:" in run(command, "--help").stdout, command


def test_usage_errors_exit_2_for_every_command() -> None:
    for args in (["audit"], ["validate"], ["explain"], ["rules", "--format", "xml"], ["init", "--nope"], ["nope"]):
        assert run(*args).exit_code == 2, args


def test_choices_are_case_insensitive_and_as_of_stays_in_the_calendar(tmp_path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("name: A\n")
    done = CliRunner().invoke(app, ["audit", str(path), "--format", "JSON", "--fail-on", "NEVER", "--as-of", "2026-11-23"])
    assert done.exit_code == 0 and '"schema_version": 1' in done.stdout
    for far in ("0002-01-01", "9999-12-31"):
        done = CliRunner().invoke(app, ["audit", str(path), "--as-of", far])
        assert done.exit_code == 2, done.output
        assert "out of range" in done.output


def test_schema_uses_json_schema_keywords_only() -> None:
    schema = json.loads(run("schema").stdout)
    seen: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            seen.update(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert not seen & {"ge", "le", "gt", "lt"}, "pydantic's constraint names leaked into the editor schema"
    amount = schema["$defs"]["Deal"]["properties"]["amount"]["anyOf"][0]
    assert amount["minimum"] == 0


def test_filters_add_up_and_a_filter_that_matches_nothing_is_an_error(example: Path) -> None:
    both = run("audit", str(example), "--owner", "marcus  bell", "--owner", "Kevin Hart", "--format", "json",
               "--as-of", "2026-11-23")
    assert {a["owner"] for a in json.loads(both.stdout)["accounts"]} == {"Marcus Bell", "Kevin Hart"}
    tiers = run("audit", str(example), "--tier", "KEY", "--tier", "growth", "--format", "json", "--as-of", "2026-11-23")
    assert {a["tier"] for a in json.loads(tiers.stdout)["accounts"]} == {"key", "growth"}
    typo = run("audit", str(example), "--owner", "Marcus Bel", "--as-of", "2026-11-23")
    assert typo.exit_code == 2 and "did you mean 'Marcus Bell'?" in typo.stderr
    none = run("agenda", str(example), "--owner", "Nobody At All", "--as-of", "2026-11-23")
    assert none.exit_code == 2 and "matches no account" in none.stderr


def test_an_owner_named_only_by_a_duplicate_matches_no_account(tmp_path: Path) -> None:
    # The duplicate is left out (an input error), so its owner has no account to show.
    path = tmp_path / "accounts.yaml"
    path.write_text("accounts:\n  - name: Acme\n    owner: Pat Kim\n  - name: acme\n    owner: Lee Ray\n")
    for fmt in ("json", "html"):  # a streamed report and a whole one
        done = run("audit", str(path), "--owner", "Lee Ray", "--format", fmt, "--as-of", "2026-11-23")
        assert done.exit_code == 2 and "--owner 'Lee Ray' matches no account (owners: Pat Kim)" in done.stderr


def test_pre_commit_hooks_run_the_commands_they_name(example: Path, tmp_path: Path) -> None:
    import shlex

    import yaml

    hooks = yaml.safe_load((Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"relcheck-validate", "relcheck-audit"}
    for hook in hooks:
        assert {"id", "name", "entry", "language", "files"} <= hook.keys()
        argv = shlex.split(hook["entry"])
        assert argv[0] == "relcheck"
        done = run(*argv[1:], str(example))  # pre-commit appends the file names
        assert done.exit_code in (0, 1)


def test_shell_completion_is_available() -> None:
    assert "--install-completion" in run("--help").stdout


def test_github_annotations_and_statistics(example: Path, tmp_path: Path) -> None:
    out = run("audit", str(example), "--format", "github", "--as-of", "2026-11-23").stdout
    assert out.startswith("::") and f"file={example},line=" in out and "title=REL" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: A\ntier: gold\n")
    out = run("validate", str(bad), "--format", "github").stdout
    assert out == f"::error file={bad},line=2,col=7,title=relcheck input error::tier: invalid value 'gold'; " \
                  "expected one of: key, growth, standard\n"
    report = json.loads(run("validate", str(bad), str(example), "--format", "json").stdout)
    assert report["valid_accounts"] == 8 and report["errors"][0]["line"] == 2
    stats = json.loads(run("audit", str(example), "--statistics", "--format", "json", "--as-of", "2026-11-23").stdout)
    assert stats[0]["rule"] == "REL006" and sum(s["count"] for s in stats) == 16
