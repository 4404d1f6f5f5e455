"""The plain block YAML account files are written in -> the same data and
positions :mod:`.events` builds, about twice as fast, or ``None``.

Most account files use a small part of YAML: block mappings and lists, flow
collections of scalars (``{date: 2026-01-26, with: Pat}``, ``[a, b]``),
plain and quoted scalars (with escapes, as PyYAML writes what is not
ASCII: ``"Jos\\xE9"``), any of them also written over several lines (as
PyYAML's writer wraps them), literal and folded block scalars
(``notes: |``), comments, and ``---`` between documents.
libyaml reads that too, but through a Python object for every event and
mark, which took about half of a fast audit.  This reader reads exactly
that subset, a line (or a run of alike lines) at a time, and gives up,
returning ``None``, at the first thing outside it: a tab, an anchor, an
alias, a tag, a blank line inside a quoted or plain value, a
quoted or unusual key, a key split over lines, a duplicate or null key, odd
indentation, anything libyaml might read differently or refuse.  The caller
then reads the input with libyaml, whose reading is the reference:
``tests/test_plain.py`` holds this reader to it, data and positions, on
generated, edge-case, mutated and PyYAML-written input.

It serves the fast pass only (no per-value positions): like
:func:`.events.read_documents` with ``positions`` off, it records where
every mapping starts, and every list in the top three levels.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any, Optional

from .events import _NULLS, MAX_DEPTH, Document, Positions


class _Unsure(Exception):
    """The input leaves the subset this reader vouches for."""


def _separated(item: str) -> str:
    """One or more ``item`` separated by commas."""
    return f"(?:{item},)*{item}"


# Keys: word characters, dots, dashes (and spaces, in the general form),
# short (YAML allows 1,024 characters up to the colon), then a colon and a
# space or the line's end.
_KEY_TEXT = r"[0-9A-Za-z_][0-9A-Za-z_ .\-]{0,199}?"
_KEY = re.compile(f"({_KEY_TEXT}) {{0,99}}:(?: +|$)")
_WORD_KEY = r"(?!(?:null|Null|NULL) *:)([0-9A-Za-z_][0-9A-Za-z_.\-]{0,199}) {0,99}: +"
"""A key of the common line: no space inside, and not a null."""

# The common line: a key, then a plain value that is not a null and has no
# colon or hash in it, or a quoted one with no quote (nor, in double quotes,
# a backslash) inside.  On its own, or as a run of such lines (one match for
# the run, one ``findall`` for its keys and values).
_FIRST = r"""[^-?:,\[\]{}#&*!|>'"%@` \n]"""
_SIMPLE_LINE = re.compile(
    _WORD_KEY + f"""(?:(?!(?:~|null|Null|NULL) *$)({_FIRST}(?:[^#:]*[^#: ])?)|'([^']*)'|"([^"\\\\]*)") *""")
_SIMPLE_VALUE = (f"(?:(?!(?:~|null|Null|NULL) *\\n)({_FIRST}(?:[^#:\\n]*[^#:\\n ])?)|"
                 f"""'([^'\\n]*)'|"([^"\\\\\\n]*)") *\\n""")

# The text inside quotes: double quotes with escapes, single quotes with ''
# for a quote.  (Written as runs of ordinary characters between escapes:
# one character at a time through an alternation is several times slower.)
_DOUBLE_TEXT = r'[^"\\]*(?:\\.[^"\\]*)*'
_SINGLE_TEXT = r"[^']*(?:''[^']*)*"

# A scalar inside a flow collection: double-quoted, single-quoted, or plain:
# no indicator first; no comma, bracket, brace, hash or question mark
# anywhere, and a colon only before a character that continues the text.
# (The plain one is written as runs of ordinary characters, each joined to
# the next by spaces or a colon; it never ends in spaces.)
_FLOW_SCALAR = (f"""(?:"{_DOUBLE_TEXT}"|'{_SINGLE_TEXT}'|"""
                r"""[^-?:,\[\]{}#&*!|>'"%@` ][^,\[\]{}#:? ]*"""
                r"""(?:(?: +(?=[^ ,\[\]{}#?])|:(?=[^ ,\[\]{}?]))[^,\[\]{}#:? ]*)*)""")
_ITEM = f" *{_FLOW_SCALAR} *"
_LIST = rf"\[(?:{_separated(_ITEM)}| *)\]"
_ENTRY = f" *{_KEY_TEXT} {{0,99}}: +(?:{_FLOW_SCALAR}|{_LIST}) *"
_OPEN_QUOTE = f"""(?:"{_DOUBLE_TEXT}|'{_SINGLE_TEXT})"""


class _Compiled:
    """Patterns compiled when first used: each takes 0.4 to 2.5 ms to
    compile, against about 100 ms for a small file's whole audit, and most
    files never need them."""

    def __init__(self, **patterns: str) -> None:
        self._patterns = patterns

    def __getattr__(self, name: str) -> re.Pattern[str]:
        if name not in self._patterns:
            raise AttributeError(name)
        compiled = re.compile(self._patterns[name])
        setattr(self, name, compiled)
        return compiled


_GENERAL = _Compiled(
    # A whole flow mapping (of scalars and lists of scalars) or list of
    # scalars, or an empty one; then each of its entries.
    mapping=rf"\{{(?:{_separated(_ENTRY)}| *)\}}",
    list=_LIST,
    entries=f" *({_KEY_TEXT}) {{0,99}}: +({_FLOW_SCALAR}|{_LIST}) *(?:,|$)",
    items=f" *({_FLOW_SCALAR}) *(?:,|$)",
    # The first lines of a flow mapping written over several: whole entries,
    # then perhaps a key and its colon, and perhaps the start of its value
    # (a plain one, or a quoted one not closed yet).  (A line break inside a
    # key would make it no key to YAML.)
    open_mapping=rf"\{{(?:{_ENTRY},)*(?: *{_KEY_TEXT} {{0,99}}:(?: +(?:{_OPEN_QUOTE}|{_FLOW_SCALAR})?)?)? *",
)

# The common flow collections: keys of word characters and values of plain
# words (no quote, colon, hash or question mark in them), or quoted with no
# comma, quote or backslash inside (as PyYAML quotes dates and "yes").  Each
# entry is then simply the text between two commas.
_WORDS = r"""(?:[^-?:,\[\]{}#&*!|>'"%@` ][^,\[\]{}#:?'"]*|(?:'[^',]*'|"[^",\\]*") *)"""
_WORD_ENTRY = " *[0-9A-Za-z_][0-9A-Za-z_.-]{0,199} {0,99}:"
_WORDS_MAPPING = re.compile(rf"\{{{_separated(f'{_WORD_ENTRY} +{_WORDS}')}\}}")
_WORDS_LIST = re.compile(rf"\[{_separated(f' *{_WORDS}')}\]")
# The commonest of all, as YAML writers write them: ", " between entries,
# ": " after each key, and plain values (not nulls).  Split at those, the
# text gives the keys and values at once, without a step per entry.
_CANON_VALUE = r"""(?!(?:~|null|Null|NULL)[,}\]])[^-?:,\[\]{}#&*!|>'"%@` \n](?:[^,\[\]{}#:?'"\n]*[^,\[\]{}#:?'" \n])?"""
"""(No line break: ``_list_line`` matches from a line's start in the whole text.)"""
_CANON_ENTRY = f"[0-9A-Za-z_][0-9A-Za-z_.-]{{0,199}}: {_CANON_VALUE}"
_CANON = _Compiled(
    mapping=rf"\{{(?:{_CANON_ENTRY}, )*{_CANON_ENTRY}\}}",
    list=rf"\[(?:{_CANON_VALUE}, )*{_CANON_VALUE}\]",
)
_COMMON = _Compiled(
    # The first lines of a common flow mapping written over several (as
    # open_mapping above, which is tried when this does not match).
    open_mapping=rf"""\{{(?:{_WORD_ENTRY} +{_WORDS},)*(?:{_WORD_ENTRY}(?: +(?:{_WORDS}|'[^',]*|"[^",\\]*)?)?)? *""",
)

_SINGLE = re.compile(f"'({_SINGLE_TEXT})'")
_DOUBLE = re.compile(f'"({_DOUBLE_TEXT})"')
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
            " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
"""What each escape in a double-quoted scalar stands for (YAML 1.1 and 1.2 agree on these)."""
_INDICATORS = frozenset("-?:,[]{}#&*!|>%@`")
"""A plain scalar starting with one of these is something else, or odd: left to libyaml."""

_MOST_LINES = 100
_MOST_CHARACTERS = 1 << 16
"""A value over more lines or characters than this is left to libyaml (so
joining lines costs no more than reading them)."""

Starts = dict[int, tuple[int, int]]
Match = Callable[[str, int], Optional[re.Match[str]]]


_RUN_INDENTS = 64
_RUN_MIN_CHARACTERS = 1 << 14
"""Runs of common lines are read in one step at indents below 64, in inputs
of 16 KiB or more (each indent compiles its own pattern once, in about
0.6 ms: more than a small file takes to read line by line)."""


Pairs = list[tuple[Any, ...]]
"""Each common line's key, and its plain, single-quoted or double-quoted value (or "")."""


_ITEM_MIN_CHARACTERS = 1 << 17
"""A list item of common lines is read in one step in inputs of 128 KiB or
more (the pattern of its first line takes another 0.6 ms an indent to
compile, paid back after some tens of KB of such items)."""


_FLOW_ITEM_LEADS = [" " * indent + "- {" for indent in range(_RUN_INDENTS)]
"""A list item written as a flow mapping, at each indent."""


_MOST_KNOWN_LINES = 1 << 10
_LONGEST_KNOWN_LINE = 100
"""How many common lines each indent keeps, and how long they are at most."""


@cache
def _line(indent: int) -> tuple[Match, dict[str, tuple[str, ...]]]:
    """A common line at ``indent``: the pattern that puts its key and value
    in groups (see ``Pairs``), and the lines it has matched so far, with
    those groups.  The same lines recur throughout a file (``direction:
    inbound``, ``purpose: pitch``), and looking one up costs a fraction of
    matching it."""
    return re.compile(f"{' ' * indent}{_WORD_KEY}{_SIMPLE_VALUE}").match, {}


@cache
def _list_line(indent: int) -> tuple[Match, dict[str, tuple[str, tuple[str, ...]]]]:
    """A key at ``indent`` with a common flow list as its value (``goals:
    [cut cost 10%, faster onboarding]``): the pattern, with the key and the
    list's inside in groups, and the lines it has matched so far, with the
    key and the items."""
    return re.compile(f"{' ' * indent}{_WORD_KEY}\\[((?:{_CANON_VALUE}, )*{_CANON_VALUE})\\] *\n").match, {}


def _list_value(text: str, at: int, indent: int, line: str) -> Optional[tuple[str, tuple[str, ...]]]:
    """The key and items of ``line`` (at ``at``), if it is a key at
    ``indent`` with a common flow list as its value."""
    line_at, known = _list_line(indent)
    pair = known.get(line)
    if pair is None:
        found = line_at(text, at)
        if found is None:
            return None
        key, inside = found.groups()
        pair = key, tuple(inside.split(", "))
        _remember(known, line, pair)
    return pair


def _remember(known: dict[str, Any], line: str, read: Any) -> None:
    """Keep what ``line`` was read as (if it is short: at most
    _MOST_KNOWN_LINES, started again when full)."""
    if len(line) < _LONGEST_KNOWN_LINE:
        if len(known) >= _MOST_KNOWN_LINES:
            known.clear()
        known[line] = read


@cache
def _item_line(indent: int) -> Match:
    """The first line of a list item of common lines (a mapping at
    ``indent``): ``- key: value`` at ``indent - 2``."""
    return re.compile(f"{' ' * (indent - 2)}- {_WORD_KEY}{_SIMPLE_VALUE}").match


def _run(text: str, at: int, indent: int, pairs: Pairs) -> tuple[int, str]:
    """Put the key and value of each common line at ``indent`` from ``at``
    on in ``pairs``; where they end, and the line there (if a whole one).
    (The pattern's match ends with the line's line break: nothing it
    matches goes past one.)"""
    line_at, known = _line(indent)
    find = text.find
    while (stop := find("\n", at)) >= 0:
        line = text[at:stop]
        pair = known.get(line)
        if pair is None:
            found = line_at(text, at)
            if found is None:
                return at, line
            pair = found.groups("")
            _remember(known, line, pair)
        pairs.append(pair)
        at = stop + 1
    return at, ""


def scan_documents(data: bytes, line_offset: int = 0) -> Optional[list[Document]]:
    """Every document in ``data`` (prepared, see :func:`.guards.prepare`)
    as :func:`.events.read_documents` gives it with ``positions`` off, lines
    counted from ``line_offset``; or ``None`` when ``data`` leaves the plain
    subset (which it does wherever libyaml would refuse it)."""
    if b"\t" in data:
        return None
    try:
        return _Scan(data.decode("utf-8"), line_offset).documents()
    except (_Unsure, UnicodeDecodeError):
        return None


# A block container being read: [its indent, the container, whether it is a
# mapping, the key waiting for a nested value, whether it is a list written
# at its mapping's indent ("key:\n- item")].
_Frame = list


class _Scan:
    """One reading of a text: the documents so far, and the open containers."""

    def __init__(self, text: str, offset: int) -> None:
        self.text = text
        self.at = 0  # where the next line starts
        self.line = offset  # the number of the line last read
        self.found: list[Document] = []
        self.starts: Starts = {}
        self.stack: list[_Frame] = []
        self.pending: Optional[_Frame] = None  # a frame whose last key (or item) waits for a nested value
        self.root: Any = None
        self.begun: Optional[tuple[int, int]] = None  # where the current document starts
        # (container, key, lines so far) of a plain scalar the next line may go on with
        self.last: Optional[tuple[Any, Any, int]] = None

    def documents(self) -> list[Document]:
        text, size = self.text, len(self.text)
        stack = self.stack
        key_match = _KEY.match
        simple_match = _SIMPLE_LINE.fullmatch
        nulls = _NULLS
        # The indent of the innermost open mapping, when it is the top of the
        # stack and no value is pending: a run of common lines at that indent
        # goes into it in one step.
        here = -1
        listed = -1  # the indent of the list on top of the stack, when its last item was a flow collection
        mapping: Any = None
        runs_below = _RUN_INDENTS if size >= _RUN_MIN_CHARACTERS else 0
        items_below = _RUN_INDENTS if size >= _ITEM_MIN_CHARACTERS else 0
        while self.at < size:
            if 0 <= here < runs_below:
                pairs: Pairs = []
                end, stopped = _run(text, self.at, here, pairs)
                if pairs:
                    known = len(mapping)
                    mapping.update({key: plain or single or double for key, plain, single, double in pairs})
                    if len(mapping) != known + len(pairs):
                        raise _Unsure  # a duplicate key
                    self.line += len(pairs)
                    self.at = end
                    key, plain, _, _ = pairs[-1]
                    self.last = (mapping, key, 0) if plain else None
                    if end >= size:
                        break
                # A key with a common flow list as its value, deep enough down
                # not to need the list's place recorded (see _flow).
                if ": [" in stopped and 3 <= len(stack) < MAX_DEPTH:
                    listed_value = _list_value(text, self.at, here, stopped)
                    if listed_value is not None:
                        key, items = listed_value
                        if key in mapping:
                            raise _Unsure  # a duplicate key
                        mapping[key] = list(items)
                        self.line += 1
                        self.at += len(stopped) + 1
                        self.last = None
                        continue
                # The next item of the list this mapping is an item of, all
                # of it common lines: read in one step, as the lines below would.
                if here < items_below and len(stack) >= 2 and not stack[-2][2] and stack[-2][0] == here - 2:
                    found = _item_line(here)(text, self.at)
                    if found is not None:
                        stack.pop()  # (the new item is as deep as the one it follows: within MAX_DEPTH)
                        mapping = self._item(here, found)
                        continue
            elif 0 <= listed < items_below - 2:
                # After an item written as a flow mapping, the next one written
                # so too (as PyYAML's flow style writes every interaction).
                if text.startswith(_FLOW_ITEM_LEADS[listed], self.at):
                    stop = text.find("\n", self.at)
                    if stop < 0:
                        stop = size
                    rest = text[self.at + listed + 2:stop]
                    self.at = stop + 1
                    self.line += 1
                    stack[-1][1].append(self._flow(rest, listed, listed + 3, len(stack)))
                    continue
                # The same after an item written as a flow collection (which
                # was as deep as the new item: within MAX_DEPTH).
                found = _item_line(listed + 2)(text, self.at)
                if found is not None:
                    here, listed = listed + 2, -1
                    mapping = self._item(here, found)
                    continue
            raw = self._next_line()
            body = raw.lstrip(" ")
            if not body or body[0] == "#":
                self.last = None  # a plain scalar ends at a blank line or a comment
                continue
            indent = len(raw) - len(body)
            here = listed = -1
            last = self.last
            if last is not None:
                self.last = None
                if indent > stack[-1][0]:  # more indented than its container: the plain scalar goes on
                    self._fold(last, body)
                    if stack[-1][2]:  # a value of the innermost mapping: the lines after it may be a run again
                        here, mapping = stack[-1][0], stack[-1][1]
                    continue
            first = body[0]
            if indent == 0 and (first == "-" or first == ".") and body[:3] in ("---", "...") and (
                len(body) == 3 or body[3] == " "
            ):
                if first == "." or body[3:].lstrip(" ")[:1] not in ("", "#"):
                    raise _Unsure
                self._close_document()
                self.begun = (self.line, 1)
                continue
            dash = first == "-" and (len(body) == 1 or body[1] == " ")
            top = self._open(indent, dash)

            if dash:
                if top[2]:
                    raise _Unsure
                rest = body[1:].lstrip(" ")
                if not rest or rest[0] == "#":
                    self.pending = top
                    continue
                column = len(raw) - len(rest)
                first = rest[0]
                if first == "{" or first == "[":  # a flow collection as the item
                    top[1].append(self._flow(rest, indent, column + 1, len(stack)))
                    listed = indent
                    continue
                if first == "|" or first == ">":
                    top[1].append(self._block(rest, indent))
                    continue
                simple = simple_match(rest)
                found = key_match(rest) if simple is None else simple
                if found is None:  # a scalar as the item
                    if first == "'" or first == '"':
                        rest = self._quoted(rest, indent)
                    top[1].append(_scalar_value(rest))
                    if _may_go_on(rest, top[1][-1]):
                        self.last = (top[1], len(top[1]) - 1, 0)
                    continue
                if len(stack) >= MAX_DEPTH:
                    raise _Unsure
                mapping = {}
                self.starts[id(mapping)] = (self.line, column + 1)
                top[1].append(mapping)
                top = [column, mapping, True, None, False]
                stack.append(top)
                body = rest
            elif not top[2]:
                raise _Unsure
            else:
                simple = simple_match(body)
                found = key_match(body) if simple is None else simple
                if found is None:
                    raise _Unsure
            mapping = top[1]
            if simple is not None:  # the common line: a key and a plain (or simply quoted) value
                key, value, single, double = simple.groups()
                if key in mapping:
                    raise _Unsure
                if value is None:
                    mapping[key] = double if single is None else single
                else:
                    mapping[key] = value
                    self.last = (mapping, key, 0)
                here = top[0]
                continue
            key = found.group(1)
            if key in nulls:
                key = "null"
            if key in mapping:
                raise _Unsure
            value = body[found.end():]
            if not value or value[0] == "#":
                top[3] = key
                self.pending = top
                continue
            first = value[0]
            if first == "{" or first == "[":
                mapping[key] = self._flow(value, top[0], len(raw) - len(value) + 1, len(stack))
                here = top[0]
                continue
            if first == "|" or first == ">":
                mapping[key] = self._block(value, top[0])
                here = top[0]
                continue
            if first == "'" or first == '"':
                value = self._quoted(value, top[0])
            mapping[key] = _scalar_value(value)
            here = top[0]
            if _may_go_on(value, mapping[key]):
                self.last = (mapping, key, 0)
        self._close_document()
        return self.found

    def _item(self, indent: int, found: re.Match[str]) -> dict[str, Any]:
        """The next item of the list on top of the stack: a mapping at
        ``indent`` of common lines, the first of them ``found``, opened and filled."""
        pairs = [found.groups("")]
        end, _ = _run(self.text, found.end(), indent, pairs)
        mapping = {key: plain or single or double for key, plain, single, double in pairs}
        if len(mapping) != len(pairs):
            raise _Unsure  # a duplicate key
        self.starts[id(mapping)] = (self.line + 1, indent + 1)
        self.stack[-1][1].append(mapping)
        self.stack.append([indent, mapping, True, None, False])
        self.line += len(pairs)
        self.at = end
        key, plain, _, _ = pairs[-1]
        self.last = (mapping, key, 0) if plain else None
        return mapping

    def _next_line(self) -> str:
        text = self.text
        stop = text.find("\n", self.at)
        if stop < 0:
            stop = len(text)
        raw = text[self.at:stop]
        self.at = stop + 1
        self.line += 1
        return raw

    def _open(self, indent: int, dash: bool) -> _Frame:
        """The container a content line at ``indent`` belongs to: a nested
        one opened for a waiting key or item, containers closed by a smaller
        indent, or the document's top container."""
        stack = self.stack
        if self.pending is not None:
            frame, self.pending = self.pending, None
            if indent > frame[0] or (indent == frame[0] and dash and frame[2]):
                if len(stack) >= MAX_DEPTH:
                    raise _Unsure
                container: Any = [] if dash else {}
                if not dash or len(stack) <= 2:
                    self.starts[id(container)] = (self.line, indent + 1)
                _put(frame, container)
                stack.append([indent, container, not dash, None, indent == frame[0]])
            else:
                _put(frame, None)
        while stack and (stack[-1][0] > indent or (stack[-1][4] and stack[-1][0] == indent and not dash)):
            stack.pop()
        if not stack:
            if self.root is not None:
                raise _Unsure  # more after the document's top container ended
            container = self.root = [] if dash else {}
            self.starts[id(container)] = (self.line, indent + 1)
            if self.begun is None:
                self.begun = (self.line, indent + 1)
            stack.append([indent, container, not dash, None, False])
        top = stack[-1]
        if top[0] != indent:
            raise _Unsure
        return top

    def _flow(self, text: str, floor: int, column: int, depth: int) -> Any:
        """The flow collection that starts this line at ``column``, read
        over as many lines as it takes (each indented past ``floor``)."""
        line = self.line
        for _ in range(_MOST_LINES):
            if text[-1] != ",":  # (a line ending in a comma is not closed: no need to try)
                try:
                    return _flow(text, line, column, depth, self.starts)
                except _Unsure:
                    pass
            if len(text) > _MOST_CHARACTERS:
                raise _Unsure
            # Not closed on this line (or broken): join the next one, as YAML
            # folds a line break inside a flow collection into a space.  A
            # key split over two lines is no key to YAML: left to libyaml.
            # (A line that ends in a comma, as YAML writers wrap them, splits
            # no key: a comma ends an entry, or is inside a quoted scalar.)
            if text[0] == "{" and text[-1] != "," and _COMMON.open_mapping.fullmatch(text) is None and (
                    _GENERAL.open_mapping.fullmatch(text) is None):
                raise _Unsure
            raw = self._next_line()
            body = raw.strip(" ")
            if not body or len(raw) - len(raw.lstrip(" ")) <= floor:
                raise _Unsure
            text = text.rstrip(" ")
            if text[-1] == "\\":
                raise _Unsure  # perhaps an escape in a double-quoted scalar: left to libyaml
            text += " " + body
        raise _Unsure

    def _fold(self, last: tuple[Any, Any, int], body: str) -> None:
        """A plain scalar written over several lines: each further line
        joins it after a space (as YAML folds it)."""
        text = body.rstrip(" ")
        # (libyaml reads a further line that starts with an indicator as
        # text, too; this reader leaves such lines to it all the same.)
        if text[0] in _INDICATORS or text[0] in "'\"" or ": " in text or text[-1] == ":" or " #" in text:
            raise _Unsure
        container, key, lines = last
        if lines >= _MOST_LINES or len(container[key]) > _MOST_CHARACTERS:
            raise _Unsure
        container[key] += " " + text
        self.last = (container, key, lines + 1)

    def _quoted(self, value: str, floor: int) -> str:
        """A quoted scalar, with the lines it goes on over (each indented
        past ``floor``) joined after a space, as YAML folds them."""
        double = value[0] == '"'
        closed = _closed_double if double else _closed_single
        lines = 0
        while not closed(value):
            lines += 1
            if lines >= _MOST_LINES or len(value) > _MOST_CHARACTERS:
                raise _Unsure
            raw = self._next_line()
            body = raw.lstrip(" ")
            if not body or len(raw) - len(body) <= floor:
                raise _Unsure  # a blank line (a line break in the value), or too little indent
            ended = value.rstrip(" ")
            escaped = double and (len(ended) - len(ended.rstrip("\\"))) % 2 == 1
            if not escaped:
                value = ended + " " + body  # the line break (and the spaces around it) folds into a space
            elif len(ended) == len(value):
                value = value[:-1] + body  # an escaped line break: the lines join, spaces before it kept
            else:
                raise _Unsure  # an escaped space, then the line's end
        return value

    def _block(self, header: str, floor: int) -> str:
        """A literal (``|``) or folded (``>``) block scalar: the lines after
        its header, indented past ``floor`` as deep as the first of them."""
        chomp = header[1:2]
        _trailing(header[2:] if chomp == "-" or chomp == "+" else header[1:])  # no indentation digit
        literal = header[0] == "|"
        text = self.text
        parts: list[str] = []
        blanks = 0  # blank lines since the last line of text
        indent = -1  # the block's indent, once its first line is read
        while self.at < len(text):
            stop = text.find("\n", self.at)
            if stop < 0:
                raise _Unsure  # the input ends inside the block, without a line break
            raw = text[self.at:stop]
            body = raw.lstrip(" ")
            spaces = len(raw) - len(body)
            if not body:
                if indent < 0 or spaces > indent:
                    raise _Unsure  # blank lines first (they set the indent), or spaces kept as text
                blanks += 1
            elif indent < 0:
                if spaces <= floor:
                    raise _Unsure  # an empty block scalar
                indent = spaces
                parts.append(body)
            elif spaces < indent:
                break  # the next line after the block
            elif literal:
                parts.append("\n" * (blanks + 1) + raw[indent:])
                blanks = 0
            elif spaces > indent:
                raise _Unsure  # a more indented line of a folded block: not folded, left to libyaml
            else:
                parts.append("\n" * blanks if blanks else " ")  # one line break folds into a space
                parts.append(body)
                blanks = 0
            self.at = stop + 1
            self.line += 1
        if indent < 0:
            raise _Unsure
        if chomp == "-":
            return "".join(parts)
        return "".join(parts) + "\n" * (1 + blanks if chomp == "+" else 1)

    def _close_document(self) -> None:
        if self.pending is not None:
            _put(self.pending, None)
            self.pending = None
        if self.begun is not None:
            self.found.append(Document(self.root, self.begun[0], self.begun[1], Positions(start=self.starts)))
        self.stack.clear()
        self.starts = {}
        self.root, self.begun = None, None


def _closed_double(text: str) -> bool:
    return _DOUBLE.match(text) is not None


def _closed_single(text: str) -> bool:
    return "'" in text[1:].replace("''", "")  # a quote that is not one of a pair


def _may_go_on(text: str, value: Any) -> bool:
    """Whether the plain scalar ``text`` (read as ``value``) may go on over
    the next lines: not quoted, not a flow collection, not a null, and no
    comment after it."""
    return value is not None and text[0] not in "{[\"'" and " #" not in text


def _put(frame: _Frame, value: Any) -> None:
    """The nested value (or ``None``) of a frame's waiting key or item."""
    if frame[2]:
        frame[1][frame[3]] = value
    else:
        frame[1].append(value)


def _scalar_value(text: str) -> Optional[str]:
    """The scalar written at the start of ``text`` (not empty, not a
    comment, not a flow collection), quoted lines already joined."""
    first = text[0]
    if first == '"':
        found = _DOUBLE.match(text)
        if found is None:
            raise _Unsure
        _trailing(text[found.end():])
        return _unescape(found.group(1))
    if first == "'":
        found = _SINGLE.match(text)
        if found is None:
            raise _Unsure
        _trailing(text[found.end():])
        return found.group(1).replace("''", "'")
    if first in _INDICATORS:
        raise _Unsure
    comment = text.find(" #")
    if comment >= 0:
        text = text[:comment]
    text = text.rstrip(" ")
    if ": " in text or text[-1] == ":":
        raise _Unsure
    return None if text in _NULLS else text


def _flow(text: str, line: int, column: int, depth: int, starts: Starts) -> Any:
    """The flow collection at the start of ``text`` (its lines joined)."""
    if depth >= MAX_DEPTH:
        raise _Unsure
    nulls = _NULLS
    if text[0] == "{":
        if "}" not in text:
            raise _Unsure  # not closed on this line
        mapping: dict[str, Any]
        # (No quote is the common form's: a quote would only fail it, late.)
        whole = _CANON.mapping.match(text) if "'" not in text and '"' not in text else None
        if whole is not None:
            end = whole.end()
            flat = text[1:end - 1].replace(": ", ", ").split(", ")
            if len(flat) & 1:
                raise _Unsure  # (cannot be: the pattern puts ": " in every entry, and ", " between them)
            mapping = {key: value for key, value in zip(flat[::2], flat[1::2])}  # noqa: B905 - as long, just checked
            count = len(flat) >> 1
        # (A quote doubled inside single quotes is for the general pattern:
        # the common one would fail only after trying every entry.)
        elif "''" not in text and (whole := _WORDS_MAPPING.match(text)) is not None:
            end = whole.end()
            entries = text[1:end - 1].split(",")
            mapping = {}
            for entry in entries:
                key, _, value = entry.partition(":")
                value = value.strip(" ")
                mapping[key.strip(" ")] = value[1:-1] if value[0] in "'\"" else None if value in nulls else value
            count = len(entries)
        else:
            whole = _GENERAL.mapping.match(text)
            if whole is None:
                raise _Unsure
            end = whole.end()
            pairs = _GENERAL.entries.findall(text, 1, end - 1)
            mapping = {key: _scalar(value) for key, value in pairs}
            count = len(pairs)
            if depth <= 1 and "[" in text[:end]:
                raise _Unsure  # a list inside, high enough up to need its place recorded
        if len(mapping) != count or not nulls.isdisjoint(mapping):
            raise _Unsure  # a duplicate key, or a null one
        if end != len(text):
            _trailing(text[end:])
        starts[id(mapping)] = (line, column)
        return mapping
    if "]" not in text:
        raise _Unsure  # not closed on this line
    items: list[Any]
    whole = _CANON.list.match(text) if "'" not in text and '"' not in text else None
    if whole is not None:
        end = whole.end()
        items = text[1:end - 1].split(", ")
    elif "''" not in text and (whole := _WORDS_LIST.match(text)) is not None:
        end = whole.end()
        items = [item[1:-1] if item[0] in "'\"" else None if item in nulls else item
                 for item in (part.strip(" ") for part in text[1:end - 1].split(","))]
    else:
        whole = _GENERAL.list.match(text)
        if whole is None:
            raise _Unsure
        end = whole.end()
        items = [_scalar(value) for value in _GENERAL.items.findall(text, 1, end - 1)]
    if end != len(text):
        _trailing(text[end:])
    if depth <= 2:
        starts[id(items)] = (line, column)
    return items


def _scalar(text: str) -> Any:
    """A flow scalar (or list of scalars) as written -> its value."""
    first = text[0]
    if first == "[":
        return [_scalar(item) for item in _GENERAL.items.findall(text, 1, len(text) - 1)]
    if first == '"':
        return _unescape(text[1:-1])
    if first == "'":
        return text[1:-1].replace("''", "'")
    return None if text in _NULLS else text


def _unescape(text: str) -> str:
    """The text of a double-quoted scalar, its escapes read."""
    return _ESCAPE.sub(_escaped, text) if "\\" in text else text


def _escaped(escape: re.Match[str]) -> str:
    code = escape.group(1)
    if len(code) == 1:
        if code not in _ESCAPES:
            raise _Unsure  # no escape: libyaml refuses it
        return _ESCAPES[code]
    value = int(code[1:], 16)
    if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        raise _Unsure  # half a surrogate pair, or past Unicode: libyaml refuses it
    return chr(value)


def _trailing(rest: str) -> None:
    """What may follow a quoted scalar or a flow collection on its line:
    spaces, then a comment."""
    if rest and (rest[0] != " " or rest.lstrip(" ")[:1] not in ("", "#")):
        raise _Unsure
