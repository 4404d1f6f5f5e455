from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "accounts.example.yaml"


@pytest.fixture
def example() -> Path:
    return EXAMPLE


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--long", action="store_true", help="run the fuzzing tests with a large budget (minutes)")
    parser.addoption("--long-examples", default="20000", help="examples per fuzzing test with --long")
