"""``--format json`` (the whole report) and ``--format jsonl`` (a finding a line).

The JSON report is laid out with one account (and one error) per line:
readable, friendly to ``grep`` and ``diff``, and written by the json
module's C encoder (full indentation would fall back to its pure-Python
encoder, which costs seconds on a large export).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO, Optional, TextIO, Union

from ..checking.findings import AccountResult
from ..results import EncodedAccount, Report, SpooledAccount, SpooledAccounts, each_part
from .output import bytes_under, write_batched, write_joined


def _made_once() -> Callable[[Any], str]:
    """``JSONEncoder.encode`` (no cycle check: the report's data is made
    fresh for each account, as trees), with the json module's C encoder
    made once: ``encode`` makes a new one for every call, 3.5 of the 9 us
    a small account's line cost.  Where there is no C encoder, or it would
    be called otherwise, ``encode`` itself."""
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), check_circular=False)
    encode = encoder.encode
    make = getattr(json.encoder, "c_make_encoder", None)  # (None when the json module has no C part)
    try:  # as encode makes it for these settings
        made = make(None, encoder.default, json.encoder.encode_basestring, None, ": ", ", ",  # type: ignore[misc]
                    False, False, True)
    except TypeError:  # (no C part, or one called otherwise)
        return encode

    def fast(value: Any) -> str:
        return "".join(made(value, 0))

    sample = {"a": ["é\n\"", 1, 2.5, None, True, {"b": []}], "c": {}}
    return fast if fast(sample) == encode(sample) else encode


_encode = _made_once()

AnyAccount = Union[AccountResult, EncodedAccount, SpooledAccount]
AnyReport = Union[Report[AccountResult], Report[EncodedAccount], Report[SpooledAccount]]


def encode_account(account: AnyAccount) -> str:
    """One account's line of the JSON report."""
    if isinstance(account, AccountResult):
        return _encode(account.to_json())
    return account.encoded


def finding_lines(account: AccountResult) -> str:
    """One account's ``kind: finding`` lines of the JSONL report."""
    return "".join(_encode({"kind": "finding", "account": account.name, "account_id": account.id,
                            **finding.to_json()}) + "\n" for finding in account.findings)


def note_lines(account: AccountResult) -> str:
    """One account's ``kind: note`` lines of the JSONL report."""
    return "".join(_encode({"kind": "note", "account": account.name, "account_id": account.id,
                            **note.to_json()}) + "\n" for note in account.notes)


def _copied(out: TextIO, report: AnyReport) -> Optional[tuple[BinaryIO, SpooledAccounts]]:
    """Where a spooled report's parts can be copied as the spool holds
    them (UTF-8): the bytes under ``out``, if it takes them unchanged."""
    accounts = report.accounts
    binary = bytes_under(out) if isinstance(accounts, SpooledAccounts) else None
    return (binary, accounts) if binary is not None and isinstance(accounts, SpooledAccounts) else None


def _accounts(out: TextIO, report: AnyReport) -> None:
    """The accounts' list, an account a line."""
    copied = _copied(out, report)
    if copied is None:
        _block(out, each_part(report.accounts, 0, encode_account))
    else:
        binary, accounts = copied
        out.write("\n  ]" if write_joined(binary, accounts.raw(0), b"[\n    ", b",\n    ") else "[]")


def _block(out: TextIO, lines: Iterable[str]) -> None:
    """A JSON list, an item a line."""
    empty = True

    def items() -> Iterator[str]:
        nonlocal empty
        for line in lines:
            yield ("[\n    " if empty else ",\n    ") + line
            empty = False

    write_batched(out, items())
    out.write("[]" if empty else "\n  ]")


def write_json(report: AnyReport, out: TextIO) -> None:
    """The JSON report, written account by account as it goes (a large
    report is never one string in memory)."""
    data = report.to_json(with_accounts=False)
    out.write("{\n")
    for n, (key, value) in enumerate(data.items()):
        out.write(f"{',' if n else ''}\n  {_encode(key)}: " if n else f"  {_encode(key)}: ")
        if key == "accounts":
            _accounts(out, report)
        elif key == "errors":
            _block(out, (_encode(e) for e in value))
        else:
            out.write(_encode(value))
    out.write("\n}\n")


def render_json(report: AnyReport) -> str:
    out = io.StringIO()
    write_json(report, out)
    return out.getvalue()


def write_jsonl(report: AnyReport, out: TextIO) -> None:
    """One finding a line (``kind: finding``, with its ``change`` when there
    is a baseline), then each account's data-quality notes (``kind: note``),
    what the baseline had that is gone (``kind: resolved``) and every
    account left out for input errors (``kind: not-audited``): nothing
    vanishes from a script's view."""
    copied = _copied(out, report)
    if copied is not None:
        binary, accounts = copied
        write_joined(binary, accounts.raw(0), b"", b"")
        write_joined(binary, accounts.raw(1), b"", b"")
    else:
        write_batched(out, each_part(report.accounts, 0, lambda a: finding_lines(a) if isinstance(a, AccountResult)
                                     else a.encoded))
        write_batched(out, each_part(report.accounts, 1, lambda a: note_lines(a) if isinstance(a, AccountResult)
                                     else a.more))
    for gone in report.resolved:
        out.write(_encode({"kind": "resolved", **gone.to_json()}) + "\n")
    for rejected in report.not_audited:
        out.write(_encode({"kind": "not-audited", "account": rejected.name, "owner": rejected.owner,
                           "path": rejected.path, "line": rejected.line}) + "\n")


def render_jsonl(report: AnyReport) -> str:
    out = io.StringIO()
    write_jsonl(report, out)
    return out.getvalue()
