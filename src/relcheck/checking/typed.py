"""Validate plain data into one of relcheck's typed dataclasses with pydantic.

Thresholds and settings are plain frozen dataclasses, so a run that uses
only defaults never starts pydantic (which costs tens of milliseconds);
values from a config file are validated here, with the types and
``Annotated`` constraints the dataclasses declare.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _adapter(kind: Any) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


def typed(kind: Any, data: Any) -> Any:
    """``data`` as an instance of ``kind``; raises ``pydantic.ValidationError``."""
    return _adapter(kind).validate_python(data)
