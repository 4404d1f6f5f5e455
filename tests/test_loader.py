"""Loader behaviour: what the data means, and every error at the right place.

Error cases are files in ``loader_cases/``; each begins with one or more
``# expect: LINE:COL message`` lines naming the errors it must produce.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from relcheck.checking.registry import rule_names
from relcheck.format.schema import Response
from relcheck.reading.load import load_raw

CASES = Path(__file__).parent / "loader_cases"


def _expectations(path: Path) -> list[tuple[int, int, str]]:
    found = []
    for line in path.read_text().splitlines():
        match = re.match(r"#\s*expect:\s*(\d+):(\d+)\s+(.*)$", line)
        if match:
            found.append((int(match.group(1)), int(match.group(2)), match.group(3).strip()))
    return found


def _load_with_run_checks(path: Path):
    from relcheck.run import load_all

    return load_all([str(path)])


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_error_case(path: Path) -> None:
    expected = _expectations(path)
    assert expected, f"{path.name} has no '# expect:' line"
    _, errors = _load_with_run_checks(path)
    got = [(e.line, e.column, e.message) for e in errors]
    for line, column, text in expected:
        assert any(l == line and c == column and text in m for l, c, m in got), (
            f"expected {line}:{column} {text!r}; got {got}"
        )
    for error in errors:
        assert error.path == str(path)


def load(text: str):
    return load_raw("t.yaml", text.encode(), rule_names())


def test_bare_no_yes_on_off_are_words_not_booleans() -> None:
    result = load(
        "name: Fjord\n"
        "contacts: [{name: Norway, role: NO}, {name: 'Yes', role: on}]\n"
        "deals: [{name: 1.10, status: open}, {name: off, status: open}]\n"
        "interactions:\n"
        "  - {date: 2026-10-01, with: Norway, direction: inbound, response: no}\n"
        "  - {date: 2026-10-02, with: 'Yes', direction: outbound, response: Yes}\n"
        "  - {date: 2026-10-03, with: Norway, direction: outbound, response: NO}\n"
    )
    assert result.errors == []
    account = result.accounts[0].account
    assert [c.role for c in account.contacts] == ["NO", "on"]
    assert [d.name for d in account.deals] == ["1.10", "off"]
    assert [i.response for i in account.interactions] == [Response.NO, Response.YES, Response.NO]


def test_single_account_and_multi_document_stream() -> None:
    result = load("name: A\n---\naccounts:\n  - name: B\n  - name: C\n---\n")
    assert result.errors == []
    assert [a.account.name for a in result.accounts] == ["A", "B", "C"]
    assert [a.line for a in result.accounts] == [1, 4, 5]


def test_good_accounts_survive_a_bad_neighbour() -> None:
    result = load("accounts:\n  - name: Good\n  - name: Bad\n    tier: platinum\n")
    assert [a.account.name for a in result.accounts] == ["Good"]
    assert len(result.errors) == 1
    assert result.errors[0].line == 4
    assert "expected one of: key, growth, standard" in result.errors[0].message


def test_datetimes_percentages_and_case_insensitive_enums() -> None:
    result = load(
        "name: A\ntier: KEY\ncontacts: [{name: P, stakeholder: Economic Buyer}]\n"
        "interactions:\n"
        "  - {date: 2026-10-01 14:30, with: p, direction: Inbound, purpose: Check_In, talk_ratio: 55%}\n"
        "  - {date: '2026-10-02T09:00:00Z', with: P, direction: outbound, response: Tell Me More}\n"
    )
    assert result.errors == []
    account = result.accounts[0].account
    assert account.tier.value == "key"
    assert account.contacts[0].stakeholder.value == "economic-buyer"
    first, second = account.interactions
    assert str(first.date) == "2026-10-01" and first.talk_ratio == pytest.approx(0.55)
    assert first.purpose.value == "check-in"
    assert str(second.date) == "2026-10-02" and second.response.value == "tell-me-more"


def test_anchors_and_merge_keys_work() -> None:
    result = load(
        "defaults: &d {direction: outbound, purpose: check-in}\n"
        if False else
        "accounts:\n"
        "  - name: A\n"
        "    contacts: [{name: &p Pat}]\n"
        "    interactions:\n"
        "      - &base {date: 2026-10-01, with: *p, direction: outbound, purpose: check-in}\n"
        "      - {<<: *base, date: 2026-10-05}\n"
    )
    assert result.errors == []
    dates = [str(i.date) for i in result.accounts[0].account.interactions]
    assert dates == ["2026-10-01", "2026-10-05"]


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for n in range(1, 12):
        lines.append(f"a{n}: &a{n} [" + ",".join([f"*a{n-1}"] * 10) + "]")
    result = load("\n".join(lines) + "\n")
    assert len(result.errors) == 1
    assert "alias" in result.errors[0].message


def test_deep_nesting_is_refused() -> None:
    result = load("name: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert [(e.line, e.path) for e in result.errors] == [(1, "t.yaml")]


def test_non_utf8_bytes_are_reported_with_position() -> None:
    result = load_raw("t.yaml", b"name: A\nowner: Ren\xe9e\n", rule_names())
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.line, "UTF-8" in error.message) == (2, True)


def test_byte_order_mark_is_accepted() -> None:
    result = load_raw("t.yaml", "\ufeffname: A\n".encode("utf-8"), rule_names())
    assert result.errors == [] and result.accounts[0].account.name == "A"


def test_explicit_empty_account_list_is_not_an_error() -> None:
    assert load("accounts: []\n").errors == []


def test_an_unreadable_folder_is_an_error_not_a_silent_skip(tmp_path, monkeypatch) -> None:
    import os

    from relcheck.errors import InputError
    from relcheck.reading.sources import expand

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.yaml").write_text("name: A\n")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.yaml").write_text("name: B\n")
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(expand([str(tmp_path)]))
    errors = [f for f in found if isinstance(f, InputError)]
    assert [e.path for e in errors] == [str(tmp_path / "locked")] and "cannot read the folder" in errors[0].message
    assert [f.label for f in found if not isinstance(f, InputError)] == [str(tmp_path / "ok" / "a.yaml")]


def test_nfc_and_nfd_spellings_are_one_name() -> None:
    import unicodedata

    nfc, nfd = unicodedata.normalize("NFC", "Café"), unicodedata.normalize("NFD", "Café")
    result = load(f"name: A\ncontacts: [{{name: {nfc}}}]\ninteractions:\n"
                  f"  - {{date: 2026-10-01, with: {nfd}, direction: inbound}}\n")
    assert result.errors == [] and result.accounts[0].account.contacts[0].name == nfc
