"""A YAML syntax error in one account of a plain ``accounts:`` list costs
that account, not the file.

When a list (a whole file or a slice of one) does not parse, it is read
again account by account: each item alone, the way the slicer cuts.  An
item that does not parse because libyaml ran off its end (a flow list or a
quote that goes on into the next item: the cut was inside it) is read
together with the next one, and so on; an item that fails anywhere else
holds the mistake, which is reported where libyaml says, and only its
account is lost.  Every other account reads exactly as it would have.  Only
where no anchor or alias is written anywhere in the input (one account
cannot lean on another's), and only for block lists the slicer accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from ..errors import InputError
from .accounts import FileResult
from .events import YamlError
from .split import item_pieces

MAX_GROUP_BYTES = 4 << 20
"""Items read together because a flow list or quote seems to run on stop
growing here: past it, the mistake is where libyaml stopped."""

Reader = Callable[[bytes, int], FileResult]  # (items, line offset) -> result; raises YamlError


def read_by_item(label: str, data: bytes, line_offset: int, read: Reader,
                 final: bool) -> Optional[FileResult]:
    """``data`` (a list's items, from its first item line) read account by
    account.  None when the last items ran off the end and ``final`` is
    False (the input goes on past ``data``: only a wider reading can tell)."""
    pieces = item_pieces(data, line_offset)
    result = FileResult()
    index = 0
    while index < len(pieces):
        line, group = pieces[index]
        end = index + 1
        while True:
            try:
                found = read(group, line)
            except YamlError as err:
                if err.at_end and end < len(pieces) and len(group) < MAX_GROUP_BYTES:
                    group += pieces[end][1]
                    end += 1
                    continue
                if err.at_end and end == len(pieces) and not final:
                    return None
                result.errors.append(InputError(label, err.line, err.column, err.message))
                break
            result.accounts += found.accounts
            result.errors += found.errors
            result.rejected += found.rejected
            break
        index = end
    return result

