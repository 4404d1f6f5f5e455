"""One audit run: paths in, a :class:`~relcheck.report.Report` out.

Files are read and audited one at a time and only results are kept, so
memory follows the largest file, not the size of the run.
"""

from __future__ import annotations

from typing import Iterable, Optional

from .engine import Engine
from .errors import InputError
from .facts import Context, norm_name
from .loader import LoadedAccount, load_file, unique_accounts
from .report import Report
from .sources import expand


def load_all(paths: Iterable[str]) -> tuple[list[LoadedAccount], list[InputError]]:
    """Every valid account in ``paths`` and every input error, in input order."""
    accounts: list[LoadedAccount] = []
    errors: list[InputError] = []
    for item in expand(list(paths)):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        result = load_file(item)
        accounts.extend(result.accounts)
        errors.extend(result.errors)
    accounts, duplicates = unique_accounts(accounts)
    return accounts, errors + duplicates


def run_audit(
    paths: Iterable[str],
    engine: Engine,
    context: Context,
    owner: Optional[str] = None,
    tier: Optional[str] = None,
) -> Report:
    accounts, errors = load_all(paths)
    report = Report(as_of=context.as_of, errors=errors)
    for loaded in accounts:
        account = loaded.account
        if owner is not None and norm_name(account.owner or "") != norm_name(owner):
            continue
        if tier is not None and account.tier.value != tier:
            continue
        report.accounts.append(engine.audit(loaded, context))
    return report
