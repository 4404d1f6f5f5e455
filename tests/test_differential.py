"""Differential fuzzing: every reading of a file gives one answer.

Real account files (the bundled example, a generated export, the loader's
error cases) are mutated at the byte level (control characters, line
separators, line endings, YAML indicators, tricky scalars spliced in) and at
the structure level (lines deleted, duplicated, swapped, re-indented), and
each result is read by every path relcheck has:

* the careful reading of the whole file (libyaml with positions and the
  pydantic models): the reference;
* the runner, as a small file (fast pass, careful on doubt);
* the runner, cut into slices of a few hundred bytes (each slice read on its
  own, a broken slice sending the whole file back to the careful reading).

Any difference in the accounts read (every field, and where each starts) or
in the errors (path, line, column, message), any exception, any error placed
outside the file, or any reading slower than 5 s fails.

CI runs a small budget; ``pytest --long tests/test_differential.py`` runs
for a few minutes (``--long-examples N`` to choose).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relcheck import run as runner
from relcheck.checking.registry import rule_names
from relcheck.errors import InputError
from relcheck.reading import split, stream
from relcheck.reading.accounts import AccountKey, unique_accounts
from relcheck.reading.careful import careful_load
from relcheck.reading.guards import prepare

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import as_others_write, generate  # noqa: E402

SEEDS = [
    (ROOT / "accounts.example.yaml").read_bytes(),
    ("# generated\naccounts:\n" + "".join(generate(4, 6, seed=3))).encode(),
    # as PyYAML writes it (escapes, values wrapped at 40 columns), and with notes as | blocks
    *as_others_write(("accounts:\n" + "".join(generate(2, 6, seed=1))).encode(), width=40),
    *(p.read_bytes() for p in sorted((ROOT / "tests" / "loader_cases").glob("*.yaml"))[:12]),
    # a list closed by "..." and a footer of comments; a quoted accounts key
    ("accounts:\n" + "".join(generate(3, 4, seed=5)) + "... # end\n\n# exported nightly\n").encode(),
    ('"accounts":\n' + "".join(generate(2, 4, seed=6))).encode(),
]

# Bytes and snippets that have broken YAML readers before, or that YAML
# readers are known to read differently.
TRICKY_BYTES = [b"\x00", b"\x1b", b"\x07", b"\x7f", "\u0085".encode(), "\u2028".encode(), "\u2029".encode(),
                "\ufeff".encode(), b"\r", b"\r\n", b"\t", b"\xff", b"\xc3", "é".encode(), "😀".encode()]
TRICKY_TEXT = [b": ", b":", b"#", b" #", b"'", b'"', b"\\", b"&a ", b"*a", b"!!str ", b"|", b">-", b"- ", b"? ",
               b"[", b"]", b"{", b"}", b",", b"---\n", b"...\n", b"%YAML 1.1\n", b"<<: ", b"~", b"no", b"NO",
               b"0x10", b"0o17", b"1_000", b"+5", b".5", b"1e3", b".inf", b"1.10", b"2026-13-45", b"9" * 400,
               b"2026-10-01T10:00:00Z", b"55%", b"\n", b"\n\n", b"  ", b"\n  - ", b"\n    "]


def _mutate(data: bytes, draw: st.DrawFn) -> bytes:
    lines = data.split(b"\n")
    kind = draw(st.sampled_from(["insert", "replace", "delete", "line-dup", "line-del", "line-swap",
                                 "indent", "dedent", "truncate"]))
    at = draw(st.integers(0, max(len(data) - 1, 0)))
    row = draw(st.integers(0, max(len(lines) - 1, 0)))
    snippet = draw(st.sampled_from(TRICKY_BYTES + TRICKY_TEXT))
    if kind == "insert":
        return data[:at] + snippet + data[at:]
    if kind == "replace":
        width = draw(st.integers(1, 12))
        return data[:at] + snippet + data[at + width:]
    if kind == "delete":
        return data[:at] + data[at + draw(st.integers(1, 20)):]
    if kind == "truncate":
        return data[:at]
    if kind == "line-dup":
        return b"\n".join(lines[: row + 1] + lines[row:])
    if kind == "line-del":
        return b"\n".join(lines[:row] + lines[row + 1:])
    if kind == "line-swap" and row + 1 < len(lines):
        lines[row], lines[row + 1] = lines[row + 1], lines[row]
        return b"\n".join(lines)
    if kind == "indent":
        lines[row] = b"  " + lines[row]
    elif kind == "dedent" and lines[row].startswith(b"  "):
        lines[row] = lines[row][2:]
    return b"\n".join(lines)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 3))):
        data = _mutate(data, draw)
    return data


Reading = tuple[list[tuple[object, str, int, int]], list[tuple[str, int | None, int | None, str]]]


def _errors(errors: list[InputError]) -> list[tuple[str, int | None, int | None, str]]:
    return sorted((e.path, e.line, e.column, e.message) for e in errors)


def careful_reading(label: str, raw: bytes) -> Reading:
    """The reference: the whole file, read carefully, duplicates judged as a run does."""
    data = prepare(label, raw)
    if isinstance(data, InputError):
        return [], _errors([data])
    result = careful_load(label, data, rule_names())
    keys = [AccountKey.of(a) for a in result.accounts]
    kept, duplicates = unique_accounts(keys)
    keep = {id(k) for k in kept}  # by identity: an aliased account shares its anchor's position
    accounts = [(a.account, a.path, a.line, a.column) for a, k in zip(result.accounts, keys, strict=True)
                if id(k) in keep]
    return accounts, _errors(runner.capped(result.errors + duplicates))  # the run shows 50 per file


def runner_reading(path: Path, monkeypatch: pytest.MonkeyPatch, slice_bytes: int | None,
                   piece_bytes: int | None = None, item_bytes: int | None = None) -> Reading:
    """What a run reads, as a small file or cut into slices of
    ``slice_bytes`` (each account weighing ``item_bytes`` more), read from
    disk in pieces of ``piece_bytes`` after a first piece of a third of that
    (the file's second half then cut into quarter-size slices)."""
    with monkeypatch.context() as patch:
        if slice_bytes is not None:
            patch.setattr(runner, "MIN_SPLIT_BYTES", 0)
            patch.setattr(runner, "TARGET_SLICE_BYTES", slice_bytes)
        if piece_bytes is not None:  # the first piece smaller and the tail's slices too, as in a real run
            patch.setattr(stream, "PIECE_BYTES", piece_bytes)
            patch.setattr(stream, "FIRST_PIECE_BYTES", piece_bytes // 3)
            patch.setattr(stream, "TAIL_BYTES", path.stat().st_size // 2)
        if item_bytes is not None:
            patch.setattr(stream, "ITEM_BYTES", item_bytes)
            patch.setattr(split, "ITEM_BYTES", item_bytes)
        pairs, errors, _ = runner.run([str(path)], audit=lambda loaded: loaded)  # type: ignore[arg-type, return-value]
    accounts = [(r.account, r.path, r.line, r.column) for _, r in pairs]  # type: ignore[union-attr]
    return accounts, _errors(errors)


def _lines(raw: bytes) -> int:
    """Lines as YAML counts them: LF, CRLF and CR each end one."""
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def check_one_reading(raw: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fuzzed.yaml"
    path.write_bytes(raw)
    label = str(path)
    started = time.monotonic()
    reference = careful_reading(label, raw)
    # Whole; slices of several accounts (by bytes alone); an account a slice
    # (each weighs more than a slice), read in pieces of 97 bytes.
    for slice_bytes, piece_bytes, item_bytes in ((None, None, None), (200, None, 0), (200, 97, None)):
        got = runner_reading(path, monkeypatch, slice_bytes, piece_bytes, item_bytes)
        assert got[1] == reference[1], (raw, slice_bytes, piece_bytes, item_bytes)
        assert got[0] == reference[0], (raw, slice_bytes, piece_bytes, item_bytes)
    assert time.monotonic() - started < 5, raw[:200]
    last = _lines(raw)
    for _, line, column, message in reference[1]:
        assert line is not None and 1 <= line <= last, (line, message, raw)
        assert column is not None and column >= 1, (column, message)
    if not reference[0]:
        assert reference[1], "a file with no account must say why"


@pytest.fixture
def budget(request: pytest.FixtureRequest) -> int:
    if request.config.getoption("--long"):
        return int(request.config.getoption("--long-examples"))
    return 150


def test_every_reading_of_a_mutated_file_agrees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, budget: int) -> None:
    @settings(max_examples=budget, deadline=None, derandomize=budget <= 150,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])
    @given(mutated())
    def run(raw: bytes) -> None:
        check_one_reading(raw, tmp_path, monkeypatch)

    run()


@pytest.mark.parametrize("raw", SEEDS[:4], ids=["example", "generated", "pyyaml", "blocks"])
def test_the_seeds_themselves_read_the_same_every_way(raw: bytes, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    check_one_reading(raw, tmp_path, monkeypatch)
    assert careful_reading("x", raw)[0], "the seed holds accounts"


def test_a_flow_list_across_a_line_that_looks_like_an_account_start(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # Found by this harness: the slicer cuts at "\n  - " inside a multi-line
    # flow list; that slice then fails to parse although the file is valid,
    # and only re-reading the whole file gives the one right answer.
    raw = (b"accounts:\n  - name: A\n    contacts:\n      - name: Pat\n        goals: [cut cost 10%, f\n"
           b"  - aster onboarding]\n  - name: B\n")
    check_one_reading(raw, tmp_path, monkeypatch)
    accounts, errors = careful_reading("x", raw)
    assert errors == [] and len(accounts) == 2


def test_an_ampersand_before_the_list_does_not_change_what_a_broken_account_costs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Found by this harness (--long): the careful reading looked for anchors
    # in the whole file, comments before the list too, and so lost every
    # account to one account's duplicate key; the slices (the list alone)
    # lost only that account.  Both now look in the list alone.
    raw = b"# R&D accounts\naccounts:\n  - name: A\n    id: a\n    id: a\n  - name: B\n"
    check_one_reading(raw, tmp_path, monkeypatch)
    accounts, errors = careful_reading("x", raw)
    assert [a.name for a, *_ in accounts] == ["B"] and [(line, column) for _, line, column, _ in errors] == [(5, 5)]
