"""Hostile and malformed input: each failure mode named and asserted.

Every case runs the real command in a fresh process (so a crash, a hang or
runaway memory would show) and must end with exit 2 within 10 seconds, a
message naming ``path:line``, no traceback, nothing executed and nothing
written next to the input.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

BIG_BODY = "accounts:\n" + "".join(
    f"  - name: Account {i}\n    contacts: [{{name: P}}]\n    interactions:\n"
    + "".join(f"      - {{date: 2026-10-01, with: P, direction: inbound, notes: \"{'n' * 200}\"}}\n" for _ in range(20))
    for i in range(300)
)  # about 1.6 MB: large enough to be cut into slices and read in parallel
BIG_LINES = BIG_BODY.count("\n")


def _bomb(prefix: str = "", indent: str = "") -> str:
    lines = [f'{indent}a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"{indent}a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)]
    return prefix + "\n".join(lines) + "\n"


# name -> (content, expected line, relcheck's own words the message must contain, or "" where the
# refusal may come from the YAML library, whose wording is not relcheck's to promise)
CASES: dict[str, tuple[bytes, int, str]] = {
    "syntax-error": (b"accounts:\n  - name: [Acme\n  - name: B\n", 3, "YAML syntax error"),
    "tab-indentation": (b"accounts:\n  - name: A\n\t  owner: B\n", 3, "tab"),
    "unclosed-flow": (b"accounts: [{name: A}\n", 1, "YAML syntax error"),  # the end of its only line
    "bad-escape": (b'name: "bad \\q escape"\n', 1, "YAML syntax error"),
    "duplicate-key": (b"name: A\nowner: B\nowner: C\n", 3, "duplicate key 'owner'"),
    "unknown-key": (b"name: A\nownr: B\n", 2, "did you mean 'owner'"),
    "missing-key": (b"name: A\ncontacts: [{name: P}]\ninteractions:\n  - {date: 2026-10-01, with: P}\n", 4,
                    "missing required key 'direction'"),
    "wrong-type": (b"name: A\ncontacts: Pat\n", 2, "expected a list"),
    "out-of-range": (b"name: A\ncontacts: [{name: P, trust: {credibility: 11}}]\n", 2, "out of range"),
    "bad-enum": (b"name: A\ntier: gold\n", 2, "expected one of: key, growth, standard"),
    "impossible-date": (b"name: A\ncontacts: [{name: P}]\ninteractions:\n"
                        b"  - {date: 2026-13-45, with: P, direction: inbound}\n", 4, "not a valid date"),
    "unknown-contact": (b"name: A\ncontacts: [{name: Pat}]\ninteractions:\n"
                        b"  - {date: 2026-10-01, with: Pet, direction: inbound}\n", 4, "did you mean 'Pat'"),
    "not-utf8": ("name: Renée\n".encode("latin-1"), 1, "not valid UTF-8"),
    "empty-file": (b"", 1, "holds no accounts"),
    "only-comments": (b"# nothing yet\n", 1, "holds no accounts"),
    "empty-documents": (b"---\n---\n", 1, "holds no accounts"),
    "top-level-scalar": (b"just some text\n", 1, "expected a mapping"),
    "top-level-list": (b"- name: A\n", 1, "got a list"),
    "accounts-mapping": (b"accounts:\n  acme: {name: Acme}\n", 2, "should be a list of accounts"),
    "alias-bomb": (_bomb().encode(), 5, "alias bomb"),
    "deep-flow-nesting": (b"name: " + b"[" * 50_000 + b"]" * 50_000 + b"\n", 1, ""),
    "deep-block-nesting": ("".join(" " * i + "a:\n" for i in range(3000)).encode(), 65, "nesting deeper"),
    "python-tag": (b'name: !!python/object/apply:os.system ["touch PWNED"]\n', 1, "unsupported YAML tag"),
    "local-tag": (b"name: !secret x\n", 1, "unsupported YAML tag"),
    "binary-file": (bytes(range(256)) * 20, 1, "binary file"),
    "huge-scalar": (b"name: " + b"x" * 100_000_000 + b"\n", 1, "refuses lines over"),
    "many-unknown-names": (("name: A\ncontacts:\n" + "".join(f"  - {{name: Contact Person {i}}}\n" for i in range(500))
                            + "interactions:\n" + "".join(f"  - {{date: 2026-10-01, with: Persn {i} Cntact, "
                                                           "direction: inbound}\n" for i in range(3000))).encode(),
                           504, "is not a contact of this account"),
    # The same traps inside a large file, which takes the fast, parallel path.
    "large-duplicate-key": ((BIG_BODY + "  - name: Dup\n    owner: a\n    owner: b\n").encode(), BIG_LINES + 3,
                            "duplicate key 'owner'"),
    "large-bad-enum": ((BIG_BODY + "  - name: Bad\n    tier: gold\n").encode(), BIG_LINES + 2, "invalid value 'gold'"),
    "large-python-tag": ((BIG_BODY + '  - name: !!python/object/apply:os.system ["touch PWNED"]\n').encode(),
                         BIG_LINES + 1, "unsupported YAML tag"),
    "large-alias-bomb": ((BIG_BODY + "  - name: Bomb\n" + _bomb(indent="    ")).encode(), BIG_LINES + 7, "alias bomb"),
    "large-deep-nesting": ((BIG_BODY + "  - name: Deep\n    role: " + "[" * 30_000 + "]" * 30_000 + "\n").encode(),
                           BIG_LINES + 2, ""),
}


def relcheck(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    env = {k: v for k, v in os.environ.items() if k != "RELCHECK_DEBUG"}
    done = subprocess.run([sys.executable, "-m", "relcheck", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env=env)
    return done, time.monotonic() - started


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("command", ["audit", "validate"])
def test_hostile_input_is_refused_cleanly(name: str, command: str, tmp_path: Path) -> None:
    content, line, words = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    digest = hashlib.sha256(content).hexdigest()
    done, seconds = relcheck(command, str(path), "--format", "json", cwd=tmp_path) if command == "audit" else \
        relcheck(command, str(path), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert seconds < 10, f"took {seconds:.1f} s"
    assert "Traceback" not in done.stderr + done.stdout
    assert f"{path}:{line}:" in done.stderr, done.stderr[:500]
    assert words in done.stderr, done.stderr[:500]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest  # never written
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # nothing created, nothing executed
    if command == "audit":
        assert '"errors": [' in done.stdout  # the report still comes, listing the error


def test_missing_unreadable_and_empty_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    done, _ = relcheck("audit", str(missing), cwd=tmp_path)
    assert done.returncode == 2 and f"{missing}:1:1: no such file or directory" in done.stderr
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    done, _ = relcheck("audit", str(empty_dir), cwd=tmp_path)
    assert done.returncode == 2 and f"{empty_dir}:1:1: directory holds no *.yaml" in done.stderr
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.yaml"
        locked.write_text("name: A\n")
        locked.chmod(0)
        done, _ = relcheck("audit", str(locked), cwd=tmp_path)
        assert done.returncode == 2 and "permission denied" in done.stderr


def test_devices_pipes_and_links_to_them_are_not_read(tmp_path: Path) -> None:
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    for path in (zero, fifo):
        done, seconds = relcheck("audit", str(path), cwd=tmp_path)
        assert done.returncode == 2 and f"{path}:1:1: not a regular file" in done.stderr
        assert seconds < 10


def test_windows_line_endings_read_like_unix_ones(tmp_path: Path) -> None:
    example = (Path(__file__).resolve().parents[1] / "accounts.example.yaml").read_bytes()
    unix, windows = tmp_path / "unix.yaml", tmp_path / "windows.yaml"
    unix.write_bytes(example)
    windows.write_bytes(example.replace(b"\n", b"\r\n"))
    outputs = []
    for path in (unix, windows):
        done, _ = relcheck("audit", str(path), "--format", "json", "--as-of", "2026-11-23", cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        outputs.append(done.stdout.replace(str(path), "PATH"))
    assert outputs[0] == outputs[1]


def test_byte_order_mark_and_utf16_are_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffname: A\ncontacts: [{name: P}]\n".encode("utf-8"))
    done, _ = relcheck("validate", str(path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def test_partial_failure_lists_every_bad_file_and_reports_the_good(tmp_path: Path) -> None:
    (tmp_path / "a-good.yaml").write_text("name: Good\ncontacts: [{name: P}]\n")
    (tmp_path / "b-bad.yaml").write_text("name: Bad\ntier: gold\n")
    (tmp_path / "c-broken.yaml").write_text("name: [\n")
    (tmp_path / "d-good.yaml").write_text("name: Also good\n")
    done, _ = relcheck("audit", str(tmp_path), "--format", "json", "--as-of", "2026-11-23", "--select", "REL001", "--sort", "file",
                       cwd=tmp_path)
    assert done.returncode == 2
    assert f"{tmp_path / 'b-bad.yaml'}:2:7:" in done.stderr
    assert f"{tmp_path / 'c-broken.yaml'}:1:" in done.stderr  # its only line
    import json

    report = json.loads(done.stdout)
    assert [a["name"] for a in report["accounts"]] == ["Good", "Also good"]
    assert [e["path"] for e in report["errors"]] == [str(tmp_path / "b-bad.yaml"), str(tmp_path / "c-broken.yaml")]


def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "accounts.example.yaml"
    shell = f"{sys.executable} -m relcheck audit {example} --format jsonl --as-of 2026-11-23 | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=60)
    assert done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
    assert done.returncode in (0, 1)


def test_output_is_atomic_and_diagnostics_go_to_stderr(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "accounts.example.yaml"
    out = tmp_path / "report.json"
    out.write_text("previous report")
    done, _ = relcheck("audit", str(example), "--format", "json", "--as-of", "2026-11-23", "--output", str(out),
                       cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert "relcheck: 8 accounts" in done.stderr
    assert out.read_text().startswith("{\n") and sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_written_files_follow_the_umask_or_the_file_they_replace(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "accounts.example.yaml"
    fresh, kept = tmp_path / "fresh.json", tmp_path / "kept.json"
    kept.write_text("old")
    kept.chmod(0o640)
    old = os.umask(0o022)
    try:
        for out in (fresh, kept):
            relcheck("audit", str(example), "--format", "json", "--as-of", "2026-11-23", "--output", str(out),
                     cwd=tmp_path)
    finally:
        os.umask(old)
    assert fresh.stat().st_mode & 0o777 == 0o644
    assert kept.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
                         ids=["ctrl-c", "sigterm", "hangup"])
def test_a_signal_ends_a_parallel_run_at_once_leaving_nothing(sig: int, code: int, tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from generate import generate

    export = tmp_path / "export.yaml"
    export.write_text("accounts:\n" + "".join(generate(600, 40)))  # about 6 MB: cut and run on both cores
    out = tmp_path / "report.json"
    out.write_text("previous report")
    command = [sys.executable, "-m", "relcheck", "audit", str(export), "--format", "json", "--as-of", "2026-11-23",
               "--jobs", "2", "--output", str(out)]
    # To the main process, and to the whole process group (as a terminal's Ctrl-C, systemd or timeout send it).
    for delay, group in ((0.2, False), (0.45, False), (0.3, True), (0.6, True)):
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                                   start_new_session=group)
        time.sleep(delay)
        sent = time.monotonic()
        if group:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
        _, err = process.communicate(timeout=10)
        assert time.monotonic() - sent < 2.0  # 10-30 ms here; up to 2 s seen with both cores loaded three times over
        assert process.returncode in (code, 1), err  # 1: the run was already done
        assert "Traceback" not in err
        time.sleep(0.3)
        left = subprocess.run(["pgrep", "-f", str(export)], capture_output=True, text=True).stdout.split()
        assert left == [], "no worker left behind"
        assert out.read_text() == "previous report" or process.returncode == 1
        assert sorted(p.name for p in tmp_path.iterdir()) == ["export.yaml", "report.json"]  # no temp file


def _guarded_here(command: Callable[[], object]) -> int:
    """``entry.guarded(command)`` in this process, with Python's own hook
    for dropped exceptions (it prints them to stderr); the signal handlers,
    the hook and any stop asked for put back as they were afterwards."""
    from relcheck import entry, errors

    saved = [(s, signal.getsignal(s)) for s in (signal.SIGTERM, signal.SIGHUP)], sys.unraisablehook
    sys.unraisablehook = sys.__unraisablehook__
    try:
        return entry.guarded(command)
    finally:
        for number, handler in saved[0]:
            signal.signal(number, handler)
        sys.unraisablehook = saved[1]
        errors._STOPS.clear()


@pytest.mark.parametrize("when", ["reading", "writing the report", "writing to stdout"])
def test_a_signal_that_lands_where_python_drops_exceptions_still_stops_the_run(
        when: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Python runs a signal handler between two steps of whatever the main
    thread is doing.  Inside a weakref callback (the import system runs
    such callbacks) the exception the handler raises is dropped with an
    "Exception ignored" traceback, and the run went on to the end, report
    and all (seen as a rare failure of the test above).  The stop is kept
    and raised at the next check (the run's next slice, before a report is
    put in place, at the end): 143, one line, the old report kept."""
    import weakref

    from relcheck import errors
    from relcheck.commands.quick import quick_audit
    from relcheck.reporting import json_report

    export = tmp_path / "accounts.yaml"
    shutil.copy(Path(__file__).resolve().parents[1] / "accounts.example.yaml", export)
    out = tmp_path / "report.json"
    out.write_text("previous report")

    class Thing:
        pass

    def dropped(_: object) -> None:  # the signal's handler runs inside this callback, and its exception is dropped
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(1000):
            pass

    def signal_dropped() -> None:
        thing = Thing()
        watch = weakref.ref(thing, dropped)
        del thing
        assert watch() is None and errors._STOPS == [signal.SIGTERM]  # the callback ran, and went on

    write, written = json_report.write_json, []

    def writing(report: object, stream: object) -> None:
        written.append(when)
        if when != "reading":
            signal_dropped()
        write(report, stream)  # type: ignore[arg-type]

    monkeypatch.setattr(json_report, "write_json", writing)

    def command() -> object:
        if when == "reading":
            signal_dropped()
        run = quick_audit(["audit", str(export), "--format", "json", "--as-of", "2026-11-23"]
                          + (["--output", str(out)] if when != "writing to stdout" else []), os.environ)
        assert run is not None
        return run()

    code = _guarded_here(command)
    assert code == 143
    assert written == ([] if when == "reading" else [when])  # a stop while reading stops it there, not at the end
    assert out.read_text() == "previous report" and sorted(p.name for p in tmp_path.iterdir()) == [
        "accounts.yaml", "report.json"]
    err = capsys.readouterr().err
    assert "relcheck: terminated" in err and "Traceback" not in err and "Exception ignored" not in err


def test_a_signal_while_a_class_is_made_is_a_stop_not_an_internal_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A lazily imported module makes its classes while the run goes on;
    Python 3.11 wraps what a handler raises inside ``__set_name__`` in a
    RuntimeError (seen once as "internal error" and exit 2 in a fresh
    checkout).  It is the stop that was asked for: 143 and one line."""

    class Named:
        def __set_name__(self, owner: type, name: str) -> None:
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(1000):
                pass

    def command() -> object:
        return type("Made", (), {"field": Named()})

    code = _guarded_here(command)
    err = capsys.readouterr().err
    assert code == 143 and "relcheck: terminated" in err and "internal error" not in err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_a_worker_whose_main_process_is_gone_leaves_before_it_counts_itself_or_waits() -> None:
    """A worker forked as the main process ends (a stop while the pool
    replaced a worker) must leave at once: counting itself in the run's
    starts came first once, behind a lock a stopped main process could
    hold for good, and such a worker outlived the run with its pipes open
    (seen as a stopped run that never closed its output)."""
    import multiprocessing

    from relcheck import run

    starts = run._Starts(multiprocessing.get_context("fork"), workers=1)
    run._glibc_function("prctl")  # looked up before the fork, as the run does
    child = os.fork()
    if child == 0:  # pragma: no cover - the forked worker
        try:
            run._start_worker(run._WORKER, -1, starts.semaphore)  # -1: not this process's parent
        finally:
            os._exit(3)  # it went on to work for a main process that is gone
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    starts.check()
    assert starts.count == 0


def test_a_run_counts_its_workers_and_stops_when_one_more_has_started() -> None:
    """The pool replaces a worker that died; one start more than workers
    asked for means a batch was lost with it."""
    import multiprocessing

    from relcheck import run
    from relcheck.errors import RelcheckError

    starts = run._Starts(multiprocessing.get_context(), workers=2)
    for _ in range(2):
        starts.semaphore.release()
    starts.check()
    starts.check()
    assert starts.count == 2
    starts.semaphore.release()
    with pytest.raises(RelcheckError, match="worker process ended"):
        starts.check()


def test_a_worker_killed_mid_run_ends_the_run_with_exit_2_not_a_hang(tmp_path: Path) -> None:
    """The system's out-of-memory killer (or anyone) may kill a worker: the
    batch it held never comes back, and the run must not wait for it."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from generate import generate

    export = tmp_path / "export.yaml"
    export.write_text("accounts:\n" + "".join(generate(600, 40)))
    out = tmp_path / "report.json"
    out.write_text("previous report")
    command = [sys.executable, "-m", "relcheck", "audit", str(export), "--format", "json", "--as-of", "2026-11-23",
               "--jobs", "2", "--output", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    workers: list[str] = []
    for _ in range(100):  # the worker is forked once the file's first slices are cut
        time.sleep(0.02)
        workers = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
        if workers:
            break
    assert workers, "a worker started"
    os.kill(int(workers[0]), signal.SIGKILL)
    try:
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()  # a hang: leave nothing running
    assert process.returncode == 2 and "worker process ended" in err and "Traceback" not in err, err
    assert out.read_text() == "previous report"
    time.sleep(0.3)
    assert subprocess.run(["pgrep", "-f", str(export)], capture_output=True, text=True).stdout.split() == []


def test_under_nohup_a_hangup_does_not_end_the_run(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from generate import generate

    export = tmp_path / "export.yaml"
    export.write_text("accounts:\n" + "".join(generate(600, 40)))
    command = [sys.executable, "-m", "relcheck", "audit", str(export), "--format", "json", "--as-of", "2026-11-23",
               "--jobs", "2", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    time.sleep(0.45)
    os.killpg(process.pid, signal.SIGHUP)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1 and err == "" and '"accounts": 600' in out


EXAMPLE_FILE = Path(__file__).resolve().parents[1] / "accounts.example.yaml"
AUDIT = ["audit", str(EXAMPLE_FILE), "--as-of", "2026-11-23", "--format", "json", "--quiet"]


def test_output_to_special_files_writes_into_them_and_never_replaces_them(tmp_path: Path) -> None:
    done, _ = relcheck(*AUDIT, "--output", "/dev/full", cwd=tmp_path)
    assert done.returncode == 2 and "cannot write /dev/full" in done.stderr and "Traceback" not in done.stderr
    assert Path("/dev/full").is_char_device()
    done, _ = relcheck(*AUDIT, "--output", "-", cwd=tmp_path)
    assert done.stdout.startswith("{") and not (tmp_path / "-").exists()
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    done, _ = relcheck(*AUDIT, "--output", str(fifo), cwd=tmp_path)
    assert reader.communicate(timeout=10)[0].startswith("{") and fifo.is_fifo()
    target, link = tmp_path / "real.json", tmp_path / "link.json"
    target.write_text("old")
    link.symlink_to(target)
    relcheck(*AUDIT, "--output", str(link), cwd=tmp_path)
    assert link.is_symlink() and target.read_text().startswith("{")


def test_exit_code_survives_a_closed_pipe_and_a_closed_stdin(tmp_path: Path) -> None:
    shell = (f"{sys.executable} -m relcheck audit {EXAMPLE_FILE} {tmp_path / 'missing.yaml'} --format jsonl "
             "--as-of 2026-11-23 2>&1 | head -1")
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout.count("\n") == 1
    done = subprocess.run(["bash", "-c", f"{sys.executable} -m relcheck audit - <&-"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and "<stdin>:1:1:" in done.stderr and "Traceback" not in done.stderr


def test_a_console_that_cannot_show_a_name_still_gets_the_report(tmp_path: Path) -> None:
    path = tmp_path / "names.yaml"
    path.write_text("name: Zoë Ω Ltd\ncontacts: [{name: 李雷}]\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run([sys.executable, "-m", "relcheck", "audit", str(path), "--as-of", "2026-11-23"],
                          capture_output=True, env=env, timeout=60)
    assert done.returncode in (0, 1) and b"Traceback" not in done.stderr and b"Zo" in done.stdout


@pytest.mark.parametrize("fmt", ["table", "markdown", "color"])
def test_escape_sequences_from_names_never_reach_the_terminal(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text('name: "\\e[2J\\e[31mEvil\\x9b Co\\u202e"\nowner: "[link=https://x.example]me[/link]"\n'
                    'contacts: [{name: "Bo\\e]0;title\\a"}]\ninteractions:\n'
                    '  - {date: 2026-10-01, with: "Bo\\e]0;title\\a", direction: inbound}\n'
                    '  - {date: 2026-10-02, with: "Nobody\\e[5m", direction: inbound}\n')
    args = ["--color"] if fmt == "color" else ["--format", fmt]
    done, _ = relcheck("audit", str(path), "--as-of", "2026-11-23", *args, cwd=tmp_path)
    text = done.stdout if fmt != "color" else re.sub(r"\x1b\[[0-9;]*m", "", done.stdout)  # Rich's own colours
    for control in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert control not in text and control not in done.stderr, repr(control)
    assert "\\x1b" in done.stderr  # the bad with: name is reported, visibly


@pytest.mark.skipif(shutil.which("script") is None, reason="no script(1) to give the run a terminal")
def test_no_color_removes_colour_only_and_force_color_is_honoured(tmp_path: Path) -> None:
    def run_in(env: dict[str, str], tty: bool) -> str:
        command = f"{sys.executable} -m relcheck audit {EXAMPLE_FILE} --as-of 2026-11-23"
        full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")} | env
        argv = ["script", "-qc", command, "/dev/null"] if tty else ["bash", "-c", command]
        return subprocess.run(argv, capture_output=True, text=True, env=full, timeout=60).stdout

    colour = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7])[0-9;]*m")  # a foreground colour
    plain = run_in({}, tty=False)
    assert "╭" not in plain and "\x1b[" not in plain
    terminal = run_in({}, tty=True)
    assert "╭" in terminal and colour.search(terminal)
    no_colour = run_in({"NO_COLOR": "1"}, tty=True)
    assert "╭" in no_colour and not colour.search(no_colour)  # same layout, no colour
    forced = run_in({"FORCE_COLOR": "1"}, tty=False)
    assert "╭" in forced and colour.search(forced)


def test_stdout_on_a_full_disk_is_exit_2_with_a_message(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "relcheck", *AUDIT], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=60)
    assert done.returncode == 2 and "No space left" in done.stderr and "Traceback" not in done.stderr


def test_a_full_temporary_folder_is_exit_2_with_a_message(tmp_path: Path) -> None:
    """A JSON run parks results in $TMPDIR; when that fills up, say so (both
    when this process and when a worker finds out), leave nothing behind."""
    full = tmp_path / "tiny"
    full.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(full)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        export = tmp_path / "export.yaml"
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
        from generate import generate

        export.write_text("accounts:\n" + "".join(generate(900, 30)))
        assert export.stat().st_size > 2 << 20  # large enough for worker processes
        for jobs in ("1", "2"):
            env = {**os.environ, "TMPDIR": str(full)}
            done = subprocess.run([sys.executable, "-m", "relcheck", "audit", str(export), "--format", "json",
                                   "--jobs", jobs, "-q"], capture_output=True, text=True, timeout=120, env=env)
            assert done.returncode == 2, done.stderr
            assert "No space left" in done.stderr and "TMPDIR" in done.stderr and "Traceback" not in done.stderr
            assert list(full.iterdir()) == []
    finally:
        subprocess.run(["umount", str(full)], capture_output=True)
