"""Config files: discovery, validation with path:line:col, layering."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from relcheck.checking.engine import Engine
from relcheck.cli import app
from relcheck.config import discover, load_config
from relcheck.errors import ConfigError, RelcheckError


def write(tmp_path: Path, text: str, name: str = "relcheck.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_discovery_walks_upward_and_prefers_relcheck_yaml(tmp_path: Path) -> None:
    write(tmp_path, "fail_on: critical\n", ".relcheck.yaml")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert discover(deep) == tmp_path / ".relcheck.yaml"
    write(tmp_path / "a", "fail_on: info\n") if (tmp_path / "a").exists() else None
    assert discover(deep) == tmp_path / "a" / "relcheck.yaml"
    assert load_config(discover(deep)).fail_on == "info"  # type: ignore[arg-type]


def test_full_config_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "select: REL001, REL010\n"
        "ignore: [REL001]\n"
        "fail_on: critical\n"
        "lookback_days: 90\n"
        "severity: {check-in-overdue: info}\n"
        "rules:\n"
        "  REL010:\n"
        "    key: {ideal: 14, max: 21}\n"
        "score:\n"
        "  weights: {warning: 10}\n"
        "  bands: {healthy: 90}\n"
    ))
    settings = load_config(path)
    assert settings.select == ["REL001", "REL010"] and settings.lookback_days == 90
    engine = Engine(settings)
    assert [r.code for r in engine.rules] == ["REL010"]
    active = engine.active[0]
    assert active.options.key.ideal == 14 and active.severity.value == "info"
    assert settings.score.weights.warning == 10 and settings.score.bands.healthy == 90


@pytest.mark.parametrize("text, where, message", [
    ("fail_om: warning\n", ":1:1:", "unknown option 'fail_om'; did you mean 'fail_on'?"),
    ("rules:\n  REL0010: {}\n", ":2:3:", "unknown rule 'REL0010'; did you mean 'REL010'?"),
    ("rules:\n  REL010:\n    kee: {ideal: 1, max: 2}\n", ":3:5:", "unknown option 'kee' for REL010 check-in-overdue; did you mean 'key'?"),
    ("rules:\n  REL001: {min_inbound_share: 2}\n", ":2:31:", "min_inbound_share: Input should be less than or equal to 1"),
    ("severity: {REL001: loud}\n", ":1:20:", "severity.REL001"),
    ("lookback_days: forever\n", ":1:16:", "lookback_days"),
    ("fail_on: warning\nfail_on: info\n", ":2:1:", "duplicate key 'fail_on'"),
    ("- a list\n", ":1:1:", "should be a mapping"),
])
def test_config_errors_name_the_place(tmp_path: Path, text: str, where: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(RelcheckError) as caught:
        load_config(path)
    error = str(caught.value)
    assert error.startswith(str(path) + where), error
    assert message in error


def test_unknown_selection_is_an_error() -> None:
    from relcheck.checking.settings import Settings

    with pytest.raises(ConfigError, match="did you mean 'REL001'"):
        Engine(Settings(select=["RELL001"]))
    with pytest.raises(ConfigError, match="one-way-contact"):
        Engine(Settings(ignore=["one-way-contct"]))


def _tree(tmp_path: Path) -> tuple[Path, Path]:
    account = ("name: Quiet\ncontacts: [{name: Ann}]\ninteractions:\n"
               "  - {date: 2026-01-05, with: Ann, direction: inbound, channel: call, purpose: check-in}\n")
    strict, lenient = tmp_path / "strict", tmp_path / "lenient"
    for folder in (strict, lenient):
        folder.mkdir()
        (folder / "a.yaml").write_text(account.replace("Quiet", f"Quiet {folder.name}"))
    (lenient / "relcheck.yaml").write_text("ignore: [REL010]\n")
    return strict, lenient


def test_the_config_is_the_nearest_above_each_file_wherever_relcheck_runs(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    strict, lenient = _tree(tmp_path)
    outputs = []
    for cwd in (tmp_path, lenient, Path("/")):
        done = subprocess.run([sys.executable, "-m", "relcheck", "audit", str(strict), str(lenient), "--format",
                               "json", "--as-of", "2026-11-23", "--sort", "file"], capture_output=True, text=True,
                              cwd=cwd, env={**os.environ}, timeout=60)
        outputs.append(done.stdout)
        report = json.loads(done.stdout)
        rules = [[f["rule"] for f in a["findings"]] for a in report["accounts"]]
        assert rules == [["REL010"], []], "strict/ has no config; lenient/relcheck.yaml ignores REL010"
        assert report["configs"] == [str(lenient / "relcheck.yaml")]
    assert outputs[0] == outputs[1] == outputs[2]


def test_a_config_others_can_write_to_is_refused_unless_named(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    (shared / "relcheck.yaml").write_text("ignore: [ALL]\n")
    (shared / "a.yaml").write_text("name: A\n")
    done = CliRunner().invoke(app, ["audit", str(shared / "a.yaml"), "--as-of", "2026-11-23"])
    assert done.exit_code == 2 and "others can write to" in done.stderr
    done = CliRunner().invoke(app, ["audit", str(shared / "a.yaml"), "--config", str(shared / "relcheck.yaml"),
                                    "--as-of", "2026-11-23"])
    assert done.exit_code == 0


def test_show_settings_prints_what_applies(tmp_path: Path) -> None:
    import json

    strict, lenient = _tree(tmp_path)
    done = CliRunner().invoke(app, ["audit", str(strict), str(lenient), "--show-settings"])
    shown = json.loads(done.stdout)
    assert done.exit_code == 0 and shown[str(lenient / "relcheck.yaml")]["ignore"] == ["REL010"]


@pytest.mark.parametrize("text, where, words", [
    ("select: [REL001, REL0099]\n", ":1:18:", "select: unknown rule 'REL0099'; did you mean 'REL009'?"),
    ("ignore:\n  - REL001\n  - owner_chrun\n", ":3:5:", "ignore: unknown rule 'owner_chrun'"),
    ("fail_on: critical\n---\nignore: [ALL]\n", ":2:1:", "second one would be ignored"),
    ("rules:\n  REL011: {min_trust: inf}\n", ":2:23:", "finite"),
    ("score:\n  weights: {warning: .nan}\n", ":2:22:", "weights.warning"),
])
def test_config_mistakes_are_located(tmp_path: Path, text: str, where: str, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(RelcheckError) as caught:
        load_config(path)
    assert where in str(caught.value) and words in str(caught.value)
