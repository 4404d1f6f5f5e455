"""An optional accelerator for the slices of large files: yaml-rs.

yaml-rs (a Rust YAML 1.2 parser on PyPI, public domain) builds the plain
data of a slice about five times faster than libyaml's event stream can be
turned into Python objects.  It is only ever a shortcut to the same answer:

* it is used only on slices of an ``accounts:`` list (:mod:`relcheck.split`)
  and only when the slice has no YAML syntax whose meaning differs from
  relcheck's reading or that relcheck must refuse (tags, anchors and aliases,
  hexadecimal or octal numbers, ``.inf``) and no indentation deep enough to
  crash it; such slices take the libyaml path;
* YAML 1.2 reads bare ``no``/``yes``/``on``/``off`` as text, like relcheck;
  where it returns a number or ``true`` for a text field, the fast converter
  refuses it and the careful pass reads the original text;
* on any error it says nothing, and libyaml reads the slice (and, on a real
  error, reports it at ``path:line:col``).

Without yaml-rs (not installed, or ``RELCHECK_PURE_YAML=1``) everything runs
on libyaml, with the same results.
"""

from __future__ import annotations

import os
import re
from types import ModuleType
from typing import Optional

_yaml_rs: Optional[ModuleType]
try:
    if os.environ.get("RELCHECK_PURE_YAML"):
        raise ImportError("disabled by RELCHECK_PURE_YAML")
    import yaml_rs as _yaml_rs
except ImportError:
    _yaml_rs = None

AVAILABLE = _yaml_rs is not None

# Syntax the accelerator must not be trusted with: tags, anchors, aliases
# (after a space or flow indicator), numbers YAML 1.2 reads differently from
# relcheck's text reading, and digit separators.
_INDICATORS = re.compile(rb"[\s\[{,][!&*]")
_NUMBERS = re.compile(rb":[ \t]+[-+]?(?:0[xXoObB]|\.[iInN])")  # starts with a literal: fast
_SEPARATED = re.compile(rb"\d_\d")
# yaml-rs recurses on block nesting and crashes (SIGSEGV) somewhere past
# 10,000 levels; no account file indents 100 spaces, so such slices go to
# libyaml, whose reader refuses nesting past 64 levels at once.
_DEEP = b"\n" + b" " * 100


def _risky(data: bytes) -> bool:
    """Plain searches first: a regex that starts with a character class
    crawls, and most slices contain none of these characters at all."""
    if b"\t" in data or _DEEP in data or _NUMBERS.search(data):
        return True
    if any(mark in data for mark in (b"!", b"&", b"*")) and _INDICATORS.search(data):
        return True
    return b"_" in data and _SEPARATED.search(data) is not None


def read_items(data: bytes, line_offset: int) -> Optional[tuple[list, list[tuple[int, int]]]]:
    """The account mappings of an items-only slice and where each starts, or
    ``None`` when the accelerator cannot vouch for this slice."""
    if _yaml_rs is None or _risky(data):
        return None
    try:
        items = _yaml_rs.loads(data.decode("utf-8"), parse_datetime=False)
    except Exception:  # any complaint: let libyaml read it and say what is wrong
        return None
    if not isinstance(items, list):
        return None
    starts = item_starts(data, line_offset)
    if len(starts) != len(items):
        return None
    return items, starts


def item_starts(data: bytes, line_offset: int) -> list[tuple[int, int]]:
    """Line and column where each top-level item's mapping begins (the first
    key after ``- ``) in a slice whose first line is an item."""
    indent = len(data) - len(data.lstrip(b" "))
    # Each item after the first follows a newline (a literal start: fast).
    pattern = re.compile(rb"\n" + b" " * indent + rb"-( +)(?=[^ \t\r\n#])")
    first = re.match(b" " * indent + rb"-( +)(?=[^ \t\r\n#])", data)
    if first is None:
        return []
    starts = [(line_offset + 1, indent + 2 + len(first.group(1)))]
    line = line_offset + 1
    previous = 0
    for match in pattern.finditer(data):
        begin = match.start() + 1  # the item's line
        line += data.count(b"\n", previous, begin)
        previous = begin
        starts.append((line, indent + 2 + len(match.group(1))))
    return starts

