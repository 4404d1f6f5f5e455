"""``--format github``: GitHub Actions workflow annotations at ``path:line``.

Input errors are ``::error``; findings are annotated at the line where
their account starts (critical ``::error``, warning ``::warning``, info
``::notice``).  Values are escaped as the workflow-command syntax asks
(``%``, CR and LF everywhere; ``:`` and ``,`` in properties too).
"""

from __future__ import annotations

from ..checking.findings import AccountResult
from ..errors import InputError
from ..results import Report

_LEVEL = {"critical": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def error_lines(errors: list[InputError]) -> list[str]:
    lines = []
    for e in errors:
        where = f"file={_property(e.path)}"
        if e.line is not None:
            where += f",line={e.line}"
            if e.column is not None:
                where += f",col={e.column}"
        lines.append(f"::error {where},title=relcheck input error::{_data(e.message)}")
    return lines


def render_github(report: Report[AccountResult]) -> str:
    lines = []
    for a in report.accounts:
        for f in a.findings:
            title = _property(f"{f.rule} {f.slug} ({a.name})")
            lines.append(f"::{_LEVEL[f.severity.value]} file={_property(a.path)},line={a.line},title={title}::"
                         f"{_data(f.message + ' Next: ' + f.suggestion)}")
    lines += error_lines(report.errors)
    return "".join(line + "\n" for line in lines)
