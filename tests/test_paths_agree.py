"""Every way of reading a file gives the same report: whole or cut into
slices, one process or several."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relcheck import run as runner
from relcheck.checking.engine import Engine
from relcheck.checking.facts import Context
from relcheck.checking.settings import Settings
from relcheck.reading import split
from relcheck.reporting import Format, render
from relcheck.results import Report

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "export.yaml"
    path.write_text("accounts:\n" + "".join(generate(150, 40)))
    assert path.stat().st_size > split.MIN_SPLIT_BYTES  # large enough to be cut
    return path


def report_json(path: Path, jobs: int) -> str:
    report = runner.run_audit([str(path)], runner.AccountAudit(Engine(Settings()), Context(as_of=date(2026, 11, 23))), jobs=jobs)
    return render(report, Format.JSON)


def test_slices_and_jobs_agree(export: Path, monkeypatch) -> None:
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    reference = report_json(export, jobs=1)
    assert '"accounts": 150' in reference
    assert report_json(export, jobs=2) == reference
    monkeypatch.setattr(runner, "MIN_SPLIT_BYTES", 10**12)  # never cut
    assert report_json(export, jobs=1) == reference


@pytest.mark.parametrize("fmt", [Format.JSON, Format.JSONL, Format.MARKDOWN, Format.TABLE])
@pytest.mark.parametrize("by_owner", [False, True])
def test_the_spooled_report_is_the_report(export: Path, tmp_path: Path, monkeypatch, fmt: Format,
                                          by_owner: bool) -> None:
    """JSON, JSONL, markdown and the plain table are written from accounts
    made into their parts where they were audited and parked on disk; what
    comes out is what the whole report renders to, baseline and all."""
    import io

    from relcheck.reporting import write_report
    from relcheck.review.baseline import read_baseline
    from relcheck.review.order import Sort, ordered

    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    first = runner.AccountAudit(Engine(Settings()), Context(as_of=date(2026, 11, 23)))
    saved = tmp_path / "baseline.json"
    saved.write_text(render(runner.run_audit([str(export)], first), Format.JSON))
    for audit in (first, runner.AccountAudit(Engine(Settings()), Context(as_of=date(2027, 1, 20)),
                                             baseline=read_baseline(saved))):
        report = runner.run_audit([str(export)], audit, jobs=2)
        report.accounts = ordered(report.accounts, lambda a: a.brief, Sort.SCORE, by_owner)
        report.by_owner = by_owner
        whole = render(report, fmt, rich=False)
        for jobs in (1, 2):
            spooled = runner.run_audit_encoded([str(export)], audit, jobs=jobs, encode=fmt.value)
            spooled.accounts = ordered(spooled.accounts, lambda a: a, Sort.SCORE, by_owner)
            spooled.by_owner = by_owner
            out = io.StringIO()
            write_report(spooled, fmt, out, rich=False)
            assert out.getvalue() == whole
            # A file or a pipe takes bytes under its text: the spool's are copied into it.
            stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
            write_report(spooled, fmt, stream, rich=False)
            stream.flush()
            assert stream.buffer.getvalue().decode("utf-8") == whole  # type: ignore[attr-defined]
        assert whole.count("\n") > 150
    changes = spooled.changes()  # the second audit was compared with the first: something changed
    assert changes is not None and changes["new"] + changes["worse"] + changes["resolved"] > 0


@pytest.mark.parametrize("fmt", [Format.JSON, Format.JSONL])
def test_a_spooled_report_of_no_accounts_is_the_report(tmp_path: Path, fmt: Format) -> None:
    import io

    from relcheck.reporting import write_report

    path = tmp_path / "none.yaml"
    path.write_text("accounts:\n  - name: Nobody\n    tier: platinum\n")  # its only account has an error
    audit = runner.AccountAudit(Engine(Settings()), Context(as_of=date(2026, 11, 23)))
    whole = render(runner.run_audit([str(path)], audit), fmt)
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    write_report(runner.run_audit_encoded([str(path)], audit, encode=fmt.value), fmt, stream)
    stream.flush()
    assert stream.buffer.getvalue().decode("utf-8") == whole  # type: ignore[attr-defined]
    assert fmt is Format.JSONL or '"accounts": [],' in whole


def test_a_slice_that_breaks_sends_the_whole_file_to_the_careful_reader(export: Path, tmp_path: Path) -> None:
    # An anchor in one account and its alias in a later one: each slice alone
    # fails to parse, the whole file does not.
    text = export.read_text().replace("  - name: Account 00000", "  - name: &first Account 00000", 1)
    text += "  - name: Late\n    owner: *first\n"
    path = tmp_path / "aliases.yaml"
    path.write_text(text)
    report = runner.run_audit([str(path)], runner.AccountAudit(Engine(Settings()), Context(as_of=date(2026, 11, 23))))
    assert report.errors == []
    assert report.accounts[-1].owner.startswith("Account 00000")


def test_a_file_read_again_takes_back_what_its_slices_kept(export: Path, tmp_path: Path, monkeypatch) -> None:
    """Its slices' accounts and duplicates went into the run as they came;
    the whole reading replaces them (each duplicate said once, the columns
    and the duplicate check as if the slices had never been read)."""
    import io

    from relcheck.reporting import write_report

    text = export.read_text()
    first = text.index("  - name: Account 00001")
    copy = text[first:text.index("  - name: Account 00002")]  # an early account again, at its end
    text = text.replace("  - name: Account 00000", "  - name: &first Account 00000", 1) + copy
    text += "  - name: Late\n    owner: *first\n"
    path = tmp_path / "again.yaml"
    path.write_text(text)
    audit = runner.AccountAudit(Engine(Settings()), Context(as_of=date(2026, 11, 23)))
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    reports = []
    for jobs in (1, 2):
        spooled = runner.run_audit_encoded([str(path), str(export)], audit, jobs=jobs)  # then a file of the same names
        out = io.StringIO()
        write_report(spooled, Format.JSON, out)
        reports.append(out.getvalue())
    monkeypatch.setattr(runner, "MIN_SPLIT_BYTES", 10**12)  # never cut
    whole = render(runner.run_audit([str(path), str(export)], audit, jobs=1), Format.JSON)
    assert reports == [whole, whole]
    data = json.loads(whole)
    assert data["summary"]["accounts"] == 151 and data["accounts"][-1]["owner"].startswith("Account 00000")
    assert sum(e["message"].startswith("duplicate account 'Account 00001 ") for e in data["errors"]) == 2


def test_a_stream_of_documents_is_cut_too_and_reads_the_same(export: Path, tmp_path: Path, monkeypatch) -> None:
    import textwrap

    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    stream = tmp_path / "stream.yaml"
    with stream.open("w") as out:
        for text in generate(150, 40):
            out.write("---\n" + textwrap.dedent(text.replace("  - name:", "    name:", 1)))
    assert len(split.split_documents(stream.read_bytes())) > 1
    reference = json.loads(report_json(export, jobs=1))
    for jobs in (1, 2):
        report = json.loads(report_json(stream, jobs=jobs))
        assert report["errors"] == []
        for ours, theirs in zip(report["accounts"], reference["accounts"], strict=True):
            for account in (ours, theirs):  # where each account is written differs by design
                account.pop("source", None)
                for note in account["notes"]:
                    note.pop("path", None), note.pop("line", None)
            assert ours == theirs


def test_document_splitting_keeps_directives_and_single_documents_whole() -> None:
    assert split.split_documents(b"name: A\n") is None
    assert split.split_documents(b"%YAML 1.1\n---\nname: A\n---\nname: B\n") is None
    parts = split.split_documents(b"# head\n---\nname: A\n--- \nname: B\n---\n", target=1)
    assert [offset for offset, _ in parts] == [0, 1, 3, 5]
    assert b"".join(part for _, part in parts) == b"# head\n---\nname: A\n--- \nname: B\n---\n"


@pytest.mark.parametrize("encode", [
    lambda text: text.encode().replace(b"\n", b"\r\n"),
    lambda text: text.encode().replace(b"\n", b"\r"),
    lambda text: b"\xef\xbb\xbf" + text.encode(),
    lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
], ids=["crlf", "cr-only", "utf8-bom", "utf16"])
def test_line_endings_and_encodings_of_a_large_export_read_alike(export: Path, tmp_path: Path, encode,
                                                                   monkeypatch) -> None:
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    variant = tmp_path / export.name  # the same name, so the reports can be compared whole
    variant.write_bytes(encode(export.read_text()))
    assert report_json(variant, jobs=2).replace(str(variant), "X") == report_json(export, jobs=2).replace(str(export), "X")


def _limit(monkeypatch, size: int) -> None:
    from relcheck.reading import sources, stream

    for module in (sources, stream, runner):
        monkeypatch.setattr(module, "MAX_FILE_BYTES", size)
    monkeypatch.setattr(stream, "PIECE_BYTES", 64 * 1024)
    monkeypatch.setattr(stream, "FIRST_PIECE_BYTES", 16 * 1024)
    monkeypatch.setattr(stream, "TAIL_BYTES", size // 2)
    monkeypatch.setattr(runner, "MIN_SPLIT_BYTES", size // 2)


def test_no_size_wall_for_a_plain_list_or_a_stream_of_documents(export: Path, tmp_path: Path, monkeypatch) -> None:
    reference = report_json(export, jobs=1)
    _limit(monkeypatch, 100_000)  # the export is larger than the limit now
    assert export.stat().st_size > 100_000
    assert report_json(export, jobs=1) == reference
    assert report_json(export, jobs=2) == reference
    text = export.read_text()
    items = text.split("\n  - name: ")
    documents = tmp_path / "stream.yaml"
    documents.write_text("---\n".join(f"accounts:\n  - name: {item}\n" for item in items[1:]))
    assert '"accounts": 150' in report_json(documents, jobs=1)


@pytest.mark.parametrize("closing", ["...\n", "... # the export ends here\n", "...\n\n# written by the nightly job\n  \n",
                                     "...", "...\n" + "# a long footer\n" * 8000],
                         ids=["bare", "comment", "footer", "no-final-newline", "footer-over-pieces"])
def test_a_list_closed_by_a_document_end_marker_is_cut_and_reads_the_same(
        export: Path, tmp_path: Path, monkeypatch, closing: str) -> None:
    """PyYAML's ``explicit_end=True`` (and other writers) close the document
    with ``...``; with nothing after it but blank lines and comments, the
    list is cut as any other, and reads as the same file without it."""
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    closed = tmp_path / export.name
    closed.write_text(export.read_text() + closing)
    slices = split.split_accounts(closed.read_bytes())
    if len(closing) < 65536:
        assert slices is not None and b"".join(part for _, part in slices) == export.read_bytes()[len("accounts:\n"):]
    reference = report_json(export, jobs=1).replace(str(export), "X")
    assert report_json(closed, jobs=1).replace(str(closed), "X") == reference
    assert report_json(closed, jobs=2).replace(str(closed), "X") == reference
    _limit(monkeypatch, 100_000)  # read piece by piece from disk
    assert report_json(closed, jobs=2).replace(str(closed), "X") == reference


@pytest.mark.parametrize("closing", ["", "...\n", "... # end\n# footer\n"])
def test_a_broken_account_in_a_small_closed_list_costs_that_account(tmp_path: Path, closing: str) -> None:
    """A small file is read whole, and a syntax error there read account by
    account; a closing ``...`` must not make the whole file the error's
    (the differential harness found the careful reading doing so while the
    sliced reading did not)."""
    path = tmp_path / "small.yaml"
    path.write_text("accounts:\n  - name: Broken\n    id: a\n    id: a\n  - name: Kept\n" + closing)
    report = runner.run_audit([str(path)], runner.AccountAudit(Engine(Settings()), Context(as_of=date(2026, 11, 23))))
    assert [a.name for a in report.accounts] == ["Kept"]
    assert [(e.line, e.column) for e in report.errors] == [(4, 5)]


@pytest.mark.parametrize("after", ["...\n  - name: After the end\n", "...\n---\naccounts:\n  - name: Another\n",
                                   "...\n" + "# a long footer\n" * 8000 + "  - name: After the end\n",
                                   "...#not an end\n", "... x\n"],
                         ids=["items", "document", "items-over-pieces", "no-space", "text"])
def test_what_follows_a_document_end_marker_is_read_as_the_whole_file_reads_it(
        export: Path, tmp_path: Path, monkeypatch, after: str) -> None:
    """Anything but blank lines and comments after a ``...`` (another
    document, or list items a reader would take for one): the file is
    read whole, and every path reports what that reading does."""
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    path = tmp_path / "after.yaml"
    path.write_text(export.read_text() + after)
    assert split.split_accounts(path.read_bytes()) is None
    reference = report_json(path, jobs=1)
    assert report_json(path, jobs=2) == reference
    from relcheck.reading import stream

    monkeypatch.setattr(stream, "PIECE_BYTES", 64 * 1024)  # read from disk in small pieces (not over the size limit,
    monkeypatch.setattr(stream, "FIRST_PIECE_BYTES", 16 * 1024)  # which would refuse a file that must be read whole)
    assert report_json(path, jobs=1) == reference


@pytest.mark.parametrize("data, body, closed", [
    (b"  - a\n...\n", b"  - a\n", True),
    (b"  - a\n... # end\n\n  # c\n\t\n", b"  - a\n", True),
    (b"  - a\r\n...\r\n# c\r\n", b"  - a\r\n", True),
    (b"...\n", b"", True),
    (b"  - a\n...", b"  - a\n", True),
    (b"  - a\n...#c\n", b"  - a\n...#c\n", False),
    (b"  - a\n....\n", b"  - a\n....\n", False),
    (b"  - a\n...\n  - b\n", b"  - a\n...\n  - b\n", False),
    (b"  - a\n  ...\n", b"  - a\n  ...\n", False),
    (b"  - a\n", b"  - a\n", False),
])
def test_the_closing_marker_is_found_only_with_nothing_but_comments_after_it(data: bytes, body: bytes,
                                                                           closed: bool) -> None:
    assert split.list_end(data) == (body, closed)


@pytest.mark.parametrize("key", ['"accounts":', "'accounts':"])
def test_a_quoted_accounts_key_is_cut_and_reads_the_same(export: Path, tmp_path: Path, monkeypatch, key: str) -> None:
    """PyYAML with ``default_style='"'`` (and other writers) quote every key."""
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    quoted = tmp_path / export.name
    quoted.write_text(export.read_text().replace("accounts:", key, 1))
    assert split.split_accounts(quoted.read_bytes()) is not None
    reference = report_json(export, jobs=1).replace(str(export), "X")
    assert report_json(quoted, jobs=2).replace(str(quoted), "X") == reference
    quoted.write_text('"accounts":\n  - name: Kept out\n' + export.read_text())  # a second accounts key: read whole
    assert split.split_accounts(quoted.read_bytes()) is None


def _stdin(monkeypatch, data: bytes) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


@pytest.mark.parametrize("jobs", [1, 2])
def test_standard_input_of_any_size_is_read_from_a_temporary_file_as_a_file_is(
        export: Path, tmp_path: Path, monkeypatch, jobs: int) -> None:
    """More standard input than is kept in memory goes to a temporary file
    as it arrives and is read from there piece by piece, as a file on disk:
    no size limit (it had the file's 512 MiB), the same report as the file's,
    both cores, and the file removed afterwards."""
    import tempfile

    from relcheck.reading import sources

    reference = report_json(export, jobs=1).replace(str(export), "<stdin>")
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    _limit(monkeypatch, 100_000)  # the export is larger than any input read whole may be
    monkeypatch.setattr(sources, "HELD_STDIN_BYTES", 50_000)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    _stdin(monkeypatch, export.read_bytes())
    assert report_json(Path("-"), jobs=jobs) == reference
    assert list(tmp_path.iterdir()) == []


def test_standard_input_kept_in_memory_reads_as_the_file_and_says_where_a_guard_stops_it(
        export: Path, monkeypatch) -> None:
    reference = report_json(export, jobs=1).replace(str(export), "<stdin>")
    _stdin(monkeypatch, export.read_bytes())
    assert report_json(Path("-"), jobs=1) == reference
    raw = export.read_bytes()
    at = raw.index(b"  - name: Account 00120")
    _stdin(monkeypatch, raw[:at] + b"  - name: Acct\x00me\n" + raw[at:])
    report = runner.run_audit(["-"], runner.AccountAudit(Engine(Settings()), Context(as_of=date(2026, 11, 23))))
    # (it said "file holds no accounts (it is empty)" at 1:1: the error case read standard input a second time)
    assert [(e.path, e.line, e.column) for e in report.errors] == [("<stdin>", raw[:at].count(b"\n") + 1, 15)]


def test_a_full_temporary_folder_while_keeping_standard_input_is_an_error_at_its_first_line(
        export: Path, tmp_path: Path, monkeypatch) -> None:
    import tempfile

    from relcheck.reading import sources

    def full(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sources, "HELD_STDIN_BYTES", 50_000)
    monkeypatch.setattr(tempfile, "mkstemp", full)
    _stdin(monkeypatch, export.read_bytes())
    report = runner.run_audit(["-"], runner.AccountAudit(Engine(Settings()), Context(as_of=date(2026, 11, 23))))
    assert [(e.path, e.line, e.column) for e in report.errors] == [("<stdin>", 1, 1)]
    assert "No space left on device" in report.errors[0].message and "TMPDIR" in report.errors[0].message
    assert report.accounts == []


def _huge_file_with(export: Path, tmp_path: Path, monkeypatch, bad_line: bytes) -> tuple[Report, int]:
    """The export, over a lowered size limit, with ``bad_line`` before
    account 120: the report, and the bad line's number."""
    raw = export.read_bytes()
    at = raw.index(b"  - name: Account 00120")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(raw[:at] + bad_line + raw[at:])
    _limit(monkeypatch, 100_000)
    report = runner.run_audit([str(bad)], runner.AccountAudit(Engine(Settings()), Context(as_of=date(2026, 11, 23))))
    return report, raw[:at].count(b"\n") + 1


def test_a_huge_file_the_guards_refuse_is_refused_where_the_guard_says(export: Path, tmp_path: Path,
                                                                       monkeypatch) -> None:
    report, line = _huge_file_with(export, tmp_path, monkeypatch, b"  - name: Acct\x00me\n")
    assert [(e.line, e.column) for e in report.errors] == [(line, 15)]
    assert "NUL" in report.errors[0].message and report.accounts == []


def test_a_syntax_error_in_a_huge_file_costs_its_slice_not_the_file(export: Path, tmp_path: Path,
                                                                    monkeypatch) -> None:
    report, line = _huge_file_with(export, tmp_path, monkeypatch, b"  - name: [broken\n")
    assert len(report.errors) == 1 and line <= report.errors[0].line <= line + 1
    assert 100 < len(report.accounts) < 150  # the broken slice's accounts are not audited; the rest are


@pytest.mark.parametrize("mistake", [b"  - name: [broken\n", b"  - name: Late\n    goals: [a, b\n",
                                     b"  - name: Odd\n    notes: \"never closed\n"])
def test_a_syntax_error_in_one_account_costs_that_account_whole_or_sliced(export: Path, tmp_path: Path,
                                                                          monkeypatch, mistake: bytes) -> None:
    raw = export.read_bytes()
    at = raw.index(b"  - name: Account 00075")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(raw[:at] + mistake + raw[at:])
    audit = runner.AccountAudit(Engine(Settings()), Context(as_of=date(2026, 11, 23)))
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    sliced = runner.run_audit([str(bad)], audit, jobs=2)
    monkeypatch.setattr(runner, "MIN_SPLIT_BYTES", 10**12)  # read whole
    whole = runner.run_audit([str(bad)], audit, jobs=1)
    for report in (sliced, whole):
        assert len(report.errors) == 1
        assert raw[:at].count(b"\n") + 1 <= report.errors[0].line <= raw[:at].count(b"\n") + 40  # this or the next account
        assert len(report.accounts) >= 148  # the broken one (and at most the one it ran into) are lost
    assert render(sliced, Format.JSON) == render(whole, Format.JSON)


def test_a_spooled_account_answers_for_the_totals_as_its_brief(tmp_path: Path) -> None:
    """Totals of a spooled run are read from memory; each spooled account
    must say what its brief says (severities, changes, status, notes)."""
    from relcheck.review.baseline import read_baseline

    example = Path(__file__).resolve().parents[1] / "accounts.example.yaml"
    audit = runner.AccountAudit(Engine(Settings()), Context(as_of=date(2026, 10, 1)))
    base = tmp_path / "base.json"
    base.write_text(render(runner.run_audit([str(example)], audit), Format.JSON))
    for as_of in (date(2026, 11, 25), date(2027, 11, 25)):  # later: an expired suppression has a note
        later = runner.AccountAudit(Engine(Settings()), Context(as_of=as_of), baseline=read_baseline(base))
        spooled = runner.run_audit_encoded([str(example)], later)
        for account in spooled.accounts:
            brief = account.brief
            assert (account.severities, account.changes, account.status) == \
                   (brief.severities, brief.changes, brief.status)
            noted = any(s.note() for s in brief.suppressions)
            assert account.suppressions == (brief.suppressions if noted else ())
        assert any(c for a in spooled.accounts for c in a.changes)


def test_tiny_accounts_are_cut_by_how_many_not_only_by_bytes(tmp_path: Path) -> None:
    """A slice holds about a slice's worth of work: bytes plus ITEM_BYTES an
    account, so 40,000 one-line accounts make many slices (both cores get
    work), and the slices cut from disk are the slices cut in memory."""
    from relcheck.reading import stream
    from relcheck.reading.sources import Source

    count = 40_000
    path = tmp_path / "tiny.yaml"
    path.write_text("accounts:\n" + "".join(f"- name: a{i}\n" for i in range(count)))
    target = split.TARGET_SLICE_BYTES
    in_memory = split.split_accounts(path.read_bytes())
    assert in_memory is not None
    per_slice = [part.count(b"\n- name: ") + 1 for _, part in in_memory]
    assert sum(per_slice) == count
    most = target // split.ITEM_BYTES
    assert max(per_slice) <= most and min(per_slice[:-1]) >= most - 40  # by count: about 500, not 17,000
    source = Source(path=path, label=str(path))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stream, "TAIL_BYTES", 0)  # no smaller slices at the end: the cuts of a whole reading
        from_disk = [(line, part) for line, part, _ in stream.slices(source, target)]
    assert from_disk == in_memory
    # A file's last TAIL_BYTES (here all of it) go out in quarter-size slices: the same lines, cut four
    # times as often.
    assert path.stat().st_size < stream.TAIL_BYTES
    paced = [part for _, part, _ in stream.slices(source, target)]
    assert b"".join(paced) == b"".join(part for _, part in in_memory)
    per_paced = [part.count(b"\n- name: ") + 1 for part in paced]
    assert max(per_paced) <= most // 4 and min(per_paced[:-1]) >= most // 4 - 40


def test_large_accounts_are_still_cut_by_bytes(export: Path) -> None:
    slices = split.split_accounts(export.read_bytes())
    assert slices is not None and len(slices) > 1
    for _, part in slices[:-1]:
        items = part.count(b"\n  - name: ") + 1
        assert len(part) + items * split.ITEM_BYTES >= split.TARGET_SLICE_BYTES
        assert len(part) > items * split.ITEM_BYTES  # a slice of large accounts is mostly bytes


@pytest.mark.parametrize("fmt", [Format.TABLE, Format.MARKDOWN, Format.JSON, Format.JSONL])
def test_text_reports_are_written_as_they_are_made_and_read_as_rendered(export: Path, tmp_path: Path,
                                                                        fmt: Format) -> None:
    """Every streamed format goes out some tens of kilobytes at a time (a
    large report is never one string, nor is a batch of large accounts),
    escaped as the whole rendering is."""
    import io

    from relcheck.reporting import write_report

    path = tmp_path / "hostile.yaml"
    text = export.read_text()
    at = text.index("  - name: Account 00003")
    end = text.index("\n", at)
    path.write_text(text[:at] + '  - name: "Account \\e[31m00003 [x](y) | <b>"' + text[end:])
    report = runner.run_audit([str(path)], runner.AccountAudit(Engine(Settings()), Context(as_of=date(2026, 11, 23))))
    chunks: list[str] = []

    class Recording(io.StringIO):
        def write(self, text: str) -> int:
            chunks.append(text)
            return super().write(text)

    out = Recording()
    write_report(report, fmt, out, rich=False)
    whole = render(report, fmt, rich=False)
    assert out.getvalue() == whole
    from relcheck.reporting.output import BATCH_CHARS

    assert len(whole) > 2 * BATCH_CHARS and len(chunks) >= len(whole) // (2 * BATCH_CHARS) + 1
    assert max(map(len, chunks)) < 2 * BATCH_CHARS  # batches of accounts, never the report
    assert "\x1b" not in whole
    assert ("Account \\x1b" if fmt in (Format.TABLE, Format.MARKDOWN) else "Account \\u001b") in whole


LIST_LINES = ["  - name: A", "    id: a", "      - x", "", "  ", "  # c", "# c", "\t", "  \t- x", "   - x", " - x",
              "- x", "  -x", "  -", "version: 1", "  b: 1", " b: 1", "    - {a: b}", "\tx: 1", "    x:\t1", "#", "  ---"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(LIST_LINES), max_size=12), st.booleans())
def test_the_list_check_finds_what_a_search_of_every_line_finds(lines: list[str], first: bool) -> None:
    # The check looks only at the lines at or left of the items' indent:
    # it must say what one search over every line says.
    data = ("accounts:\n  - name: Z\n" + "".join(line + "\n" for line in lines)).encode()
    shape = split.list_shape(data)
    assert shape is not None
    piece = data if first else b"\n" + data[shape.first:]
    start, tabs = (shape.first, shape.body) if first else (0, 0)
    every_line = shape.outside.search(piece, start) is None and split._TAB_INDENT.search(piece, tabs) is None
    assert split.plain_list_body(shape, piece, first) == every_line
