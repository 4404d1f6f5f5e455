"""relcheck log: one interaction appended, every other byte kept.

A property test writes account files in many shapes (block and flow items,
comments beside and between entries, blank lines, CRLF, several documents,
a root-level account, accounts with and without interactions, texts YAML
would misread), logs a call into a random account, and checks that the
diff only adds lines, that the file reads back with exactly the interaction
given, and that every refusal leaves the file byte-identical.
"""

from __future__ import annotations

import difflib
import hashlib
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from relcheck.checking.registry import rule_names
from relcheck.cli import app
from relcheck.reading.load import load_raw

TRICKY = ["no", "NO", "Yes", "10:30", "1.10", "null", "a: b", "x # y", "[x]", "{y}", "it's", 'say "hi"', "- dash",
          "Zoë", "  spaced  ", "line\u2028sep", "c1\x85nel", "bom\ufeffin", "#hash", "~", "0x10", "%pct", "@at", "`tick`", "a, b"]


@st.composite
def account_text(draw: st.DrawFn, index: int, root: bool) -> str:
    pad = "" if root else "    "
    lead = "" if root else "  - "
    name = f"Account {index}"
    lines = [f"{lead}name: {name}" + draw(st.sampled_from(["", "   # the account"]))]
    lines.append(f"{pad}contacts:")
    lines.append(f"{pad}  - {{name: Pat Kim}}")
    lines.append(f"{pad}  - name: Lee Wong")
    if draw(st.booleans()):
        lines.append("")
    style = draw(st.sampled_from(["flow", "block", "none", "mixed"]))
    if style != "none":
        lines.append(f"{pad}interactions:" + draw(st.sampled_from(["", "  # every touch"])))
        for n in range(draw(st.integers(1, 3))):
            if draw(st.booleans()):
                lines.append(f"{pad}  # a comment between entries")
            if style == "flow" or (style == "mixed" and n % 2 == 0):
                lines.append(f"{pad}  - {{date: 2026-10-0{n + 1}, with: Pat Kim, direction: inbound}}")
            else:
                lines.append(f"{pad}  - date: 2026-10-0{n + 1}")
                lines.append(f"{pad}    with: [Pat Kim, Lee Wong]")
                lines.append(f"{pad}    direction: outbound   # we called")
                lines.append(f"{pad}    notes: 'quoted, with a comma'")
    if draw(st.booleans()):
        lines.append(f"{pad}owner: Dana Reyes")
    return "\n".join(lines) + "\n"


@st.composite
def account_file(draw: st.DrawFn) -> tuple[str, list[str]]:
    shape = draw(st.sampled_from(["list", "root", "documents"]))
    if shape == "root":
        return draw(account_text(0, True)), ["Account 0"]
    count = draw(st.integers(1, 3))
    header = draw(st.sampled_from(["", "# accounts kept by hand\n", "# a\n\n"]))
    if shape == "list":
        body = "".join(draw(account_text(i, False)) for i in range(count))
        return header + "accounts:\n" + body, [f"Account {i}" for i in range(count)]
    docs = [header + "accounts:\n" + draw(account_text(0, False))]
    docs += [draw(account_text(i, True)) for i in range(1, count)]
    return "---\n".join(docs), [f"Account {i}" for i in range(count)]


def invoke(path: Path, *args: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, ["log", str(path), *args])
    return done.exit_code, done.output


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(account_file(), st.data(), st.booleans())
def test_log_only_adds_lines_and_reads_back_what_was_given(tmp_path: Path, shaped: tuple[str, list[str]],
                                                         data: st.DataObject, crlf: bool) -> None:
    text, names = shaped
    raw = text.replace("\n", "\r\n").encode() if crlf else text.encode()
    path = tmp_path / "accounts.yaml"
    path.write_bytes(raw)
    target = data.draw(st.sampled_from(names))
    note = data.draw(st.sampled_from(TRICKY))
    step = data.draw(st.sampled_from(TRICKY))
    before = load_raw(str(path), raw, rule_names())
    assert before.errors == [], text
    code, out = invoke(path, "--account", target.lower(), "--with", "pat  kim", "--with", "LEE WONG",
                       "--direction", "Outbound", "--date", "2026-11-24", "--channel", "call", "--response", "no",
                       "--notes", note, "--next-step", step, "--due", "2026-12-01", "--talk-ratio", "45%")
    assert code == 0, out
    after = path.read_bytes()
    old, new = raw.splitlines(keepends=True), after.splitlines(keepends=True)
    ops = [op for op in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes() if op[0] != "equal"]
    assert [op[0] for op in ops] == ["insert"], ops  # only added lines, in one place
    assert (b"\r\n" in after) == crlf and (not crlf or b"\r\n" in b"".join(new[ops[0][3]:ops[0][4]]))
    loaded = load_raw(str(path), after, rule_names())
    assert loaded.errors == []
    account = next(a.account for a in loaded.accounts if a.account.name == target)
    logged = account.interactions[-1]
    assert logged.date == date(2026, 11, 24) and logged.with_ == ("Pat Kim", "Lee Wong")
    assert (logged.notes, logged.next_step, logged.response.value if logged.response else None) == \
           (note.strip(), step.strip(), "no")
    assert logged.talk_ratio == 0.45 and logged.due == date(2026, 12, 1)


def test_refusals_leave_the_file_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("accounts:\n  - name: Acme   # key account\n    contacts: [{name: Pat Kim}]\n"
                    "    interactions:\n      - {date: 2026-10-01, with: Pat Kim, direction: inbound}\n")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    cases = [
        (["--account", "Acme Co", "--with", "Pat Kim", "--direction", "inbound"], "did you mean 'Acme'?"),
        (["--account", "Acme", "--with", "Pat Kin", "--direction", "inbound"], "did you mean 'Pat Kim'?"),
        (["--account", "Acme", "--with", "Pat Kim", "--direction", "sideways"], "direction"),
        (["--account", "Acme", "--with", "Pat Kim", "--direction", "inbound", "--talk-ratio", "2"], "talk_ratio"),
        (["--account", "Acme", "--with", "Pat Kim", "--direction", "inbound", "--date", "2026-13-01"], "not a date"),
        (["--account", "Acme", "--with", "Pat Kim", "--direction", "inbound", "--next-step", "Send it", "--due",
          "soon"], "'soon' is not a date"),
    ]
    for args, words in cases:
        code, out = invoke(path, *args)
        assert code == 2 and words in out, (args, out)
        assert "--as-of" not in out  # the option the user gave is named, not the audit's
        assert "--due" in out or "soon" not in args
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: A\ntier: gold\n")
    code, out = invoke(broken, "--account", "A", "--with", "x", "--direction", "inbound")
    assert code == 2 and "tier" in out and broken.read_text() == "name: A\ntier: gold\n"


def test_log_keeps_the_files_permissions_and_the_dry_run_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    text = "name: Acme\ncontacts: [{name: Pat}]\n"
    path.write_text(text)
    path.chmod(0o640)
    code, out = invoke(path, "--account", "acme", "--with", "pat", "--direction", "inbound", "--dry-run")
    assert code == 0 and "+interactions:" in out and path.read_text() == text
    code, _ = invoke(path, "--account", "acme", "--with", "pat", "--direction", "inbound", "--date", "2026-11-24")
    assert code == 0 and path.stat().st_mode & 0o777 == 0o640
    assert path.read_text() == text + "interactions:\n  - {date: 2026-11-24, with: Pat, direction: inbound}\n"
