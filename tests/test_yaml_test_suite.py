"""The official YAML test suite (../shared/yaml-test-suite): every case is a
file a user could hand relcheck.

Whatever relcheck makes of a case (a report, a schema error, a YAML error),
``validate`` and ``audit`` must end with exit 0, 1 or 2 and never with an
exception; every case the suite marks invalid must be reported as an error
(exit 2).  The files are read where they are, not copied into the repo.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from relcheck.cli import app

SUITE = Path(__file__).resolve().parents[2] / "shared" / "yaml-test-suite"
CASES = sorted(SUITE.glob("**/in.yaml")) if SUITE.is_dir() else []
EXPECTED_CASES = 402
EXPECTED_INVALID = 94

pytestmark = pytest.mark.skipif(not CASES, reason=f"YAML test suite not found at {SUITE}")


def _invalid(case: Path) -> bool:
    return (case.parent / "error").exists()


def test_suite_is_complete() -> None:
    assert len(CASES) == EXPECTED_CASES
    assert sum(_invalid(c) for c in CASES) == EXPECTED_INVALID


@pytest.mark.parametrize("command", ["validate", "audit"])
def test_every_case_ends_cleanly_and_invalid_yaml_is_an_error(command: str) -> None:
    runner = CliRunner()
    extra = ["--as-of", "2026-11-23", "--format", "json"] if command == "audit" else []
    outcomes = {0: 0, 1: 0, 2: 0}
    accepted_invalid = []
    for case in CASES:
        result = runner.invoke(app, [command, str(case), *extra])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"{case}: {result.exception!r}"
        )
        assert result.exit_code in outcomes, f"{case}: exit {result.exit_code}"
        assert "Traceback" not in result.stderr + result.stdout, case
        if result.exit_code == 2:
            # Every error names the file and a line.
            assert f"{case}:" in result.stderr, f"{case}: {result.stderr!r}"
        outcomes[result.exit_code] += 1
        if _invalid(case) and result.exit_code != 2:
            accepted_invalid.append(str(case))
    assert accepted_invalid == []
    # The counts, recorded: none of the suite's cases is a valid account file
    # (the valid YAML ones fail the schema), so every case ends in exit 2.
    assert outcomes == {0: 0, 1: 0, 2: EXPECTED_CASES}
    print(f"{command}: {outcomes} over {len(CASES)} cases")
