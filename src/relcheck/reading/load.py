"""One input, or one slice of it -> validated records, or errors at ``path:line:col``.

Every problem becomes an :class:`~relcheck.errors.InputError`; nothing here
raises on bad input.  Each account is validated on its own, so one broken
account does not hide the good ones beside it (the run still ends with
exit code 2).

Two passes, one answer: the fast pass reads the data without recording
where each value is (with :mod:`.plain` when the YAML is of the plain kind
most files are, else with libyaml) and converts accounts with
:mod:`.fast`; if anything at all looks wrong, the careful pass
(:mod:`.careful`) reads the data again with libyaml, every position and the
pydantic models, and its result is the one that counts.  Valid files never
pay for the careful pass.

The bytes given to :func:`load_bytes` have passed :func:`.guards.prepare`
(:func:`load_raw` does that; the runner does it once for a whole input
before cutting it into slices).
"""

from __future__ import annotations

from collections.abc import Collection

from ..errors import InputError
from .accounts import ITEMS, WHOLE, FileResult, LoadedAccount, account_mappings, interaction_lines
from .events import Positions, YamlError, read_documents
from .fast import Refused, fast_account
from .guards import prepare
from .plain import scan_documents
from .references import has_reference_problems


def load_raw(label: str, data: bytes, rules: Collection[str]) -> FileResult:
    """Check, parse and validate the bytes of one whole input as read."""
    prepared = prepare(label, data)
    if isinstance(prepared, InputError):
        return FileResult(errors=[prepared])
    return load_bytes(label, prepared, rules)


def load_bytes(label: str, data: bytes, rules: Collection[str], line_offset: int = 0,
               kind: str = WHOLE) -> FileResult:
    """Parse and validate prepared bytes of one account file, or of a slice
    of one that starts ``line_offset`` lines into it.  A YAML error in a
    slice raises :class:`YamlError`: the caller reads the slice account by
    account (:mod:`.localize`) or the whole file again."""
    try:
        return _fast(label, data, rules, line_offset, kind)
    except YamlError:
        if kind != WHOLE:
            raise
    except Refused:
        pass
    # Imported here, not above: it loads pydantic, which valid input never needs.
    from .careful import careful_load

    return careful_load(label, data, rules, line_offset, kind)


def _fast(label: str, data: bytes, rules: Collection[str], line_offset: int, kind: str) -> FileResult:
    result = FileResult()

    def take(raw: object, where: tuple[int, int], positions: Positions) -> None:
        account = fast_account(raw)
        if has_reference_problems(account, rules):
            raise Refused
        result.accounts.append(LoadedAccount(account, label, *where, interaction_lines(raw, positions)))

    documents = scan_documents(data, line_offset)  # the plain YAML most files are: read quickly
    for document in documents if documents is not None else read_documents(data, False, line_offset):
        for raw, where in account_mappings(label, document, result, kind == ITEMS):
            take(raw, where, document.positions)
        if result.errors:
            raise Refused
    if not result.accounts and not result.declares_no_accounts and kind == WHOLE:
        raise Refused  # an empty file: let the careful pass say so
    return result
