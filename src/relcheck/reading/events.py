"""YAML bytes -> plain Python data, safely, with the position of every value.

We drive libyaml's event parser (through PyYAML's C binding) and build the
data ourselves instead of using a PyYAML constructor, because the account
format needs things no stock loader does:

* plain scalars stay text: only ``null``/``~``/empty become ``None``.  YAML 1.1
  would turn ``response: no`` into ``False`` and a deal named ``1.10`` into
  ``1.1``; the pydantic model parses numbers and dates from the text instead;
* duplicate mapping keys are errors (loaders keep the last one silently);
* tags other than YAML's core ones (``!!python/object``...) are rejected,
  never constructed;
* alias expansion and nesting depth are bounded, so a few hundred bytes cannot
  expand into billions of nodes and deep nesting cannot exhaust the stack;
* with ``positions`` on, every container remembers where each of its values
  starts, so a schema error found later can name ``line:col``.

The builder keeps an explicit stack; nothing here recurses on the input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Optional, Union


@cache
def _parser_class() -> Any:
    """libyaml's C parser (PyYAML wheels ship it on every common platform),
    else PyYAML's pure-Python one, which gives the same events.  Imported on
    first use, so commands that read no accounts never load PyYAML."""
    try:
        from yaml._yaml import CParser

        return CParser
    except ImportError:  # pragma: no cover
        from yaml.parser import Parser
        from yaml.reader import Reader
        from yaml.scanner import Scanner

        class PurePythonParser(Reader, Scanner, Parser):
            def __init__(self, stream: Any) -> None:
                Reader.__init__(self, stream)
                Scanner.__init__(self)
                Parser.__init__(self)

        return PurePythonParser


MAX_DEPTH = 64
"""Deepest nesting accepted; an account file needs about eight levels."""

ALIAS_BUDGET = 100_000
"""Extra nodes aliases may add beyond the nodes written in the document."""

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_NULL_TAG = "tag:yaml.org,2002:null"

# Core-schema tags: honoured by treating the value as its text (the model
# parses it); anything else -- !!python/..., !!binary, local tags -- is refused.
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(
    _CORE + t for t in ("str", "int", "float", "bool", "timestamp", "null")
) | {"!"}
_MAPPING_TAGS = frozenset({_CORE + "map"})
_SEQUENCE_TAGS = frozenset({_CORE + "seq"})

Position = tuple[int, int]  # 1-based line, 1-based column


class YamlError(Exception):
    """The input is not YAML relcheck can read; carries a 1-based position."""

    def __init__(self, message: str, line: int, column: int, at_end: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.at_end = at_end
        """libyaml ran off the end of the input (a flow collection or a
        quote still open): the input may just have been cut too early."""


@dataclass(repr=False)
class Positions:
    """Where things are: ``at[id(container)]`` maps each key or index to the
    position of its value; ``keys[id(mapping)]`` maps each key to where the key
    itself is written; ``start[id(container)]`` is where the container begins."""

    at: dict[int, Union[dict[Any, Position], list[Position]]] = field(default_factory=dict)
    keys: dict[int, dict[Any, Position]] = field(default_factory=dict)
    start: dict[int, Position] = field(default_factory=dict)

    def of_value(self, container: Any, key: Any) -> Optional[Position]:
        table = self.at.get(id(container))
        if table is None:
            return None
        if isinstance(table, dict):
            return table.get(key)
        if isinstance(key, int) and 0 <= key < len(table):
            return table[key]
        return None

    def of_key(self, mapping: Any, key: Any) -> Optional[Position]:
        return self.keys.get(id(mapping), {}).get(key)

    def locate(self, data: Any, loc: tuple[Any, ...], default: Position, at_key: bool = False,
               at_container: bool = False) -> Position:
        """Where the value at path ``loc`` inside ``data`` is written.

        ``at_key`` points at the last key itself (for an unknown key);
        ``at_container`` at the mapping holding it (for a missing key).
        Walks as far as the data goes and falls back to the nearest known
        position."""
        container, position = data, default
        for part in loc[:-1]:
            try:
                child = container[part]
            except (KeyError, IndexError, TypeError):
                return position
            position = self.of_value(container, part) or position
            container = child
        if not loc or at_container:
            return position
        if at_key:
            return self.of_key(container, loc[-1]) or position
        return self.of_value(container, loc[-1]) or position


@dataclass(repr=False)
class Document:
    """One YAML document: its data, where it starts, and where each value
    inside it is (with ``positions`` off: only where the top two levels of
    containers start)."""

    data: Any
    line: int
    column: int
    positions: Positions


class _Frame:
    """A mapping or list being built.  While a mapping is open it holds only
    the keys written in it (merge keys are applied when it closes), so a key
    already present is a duplicate."""

    __slots__ = ("value", "is_map", "key", "key_pos", "merges", "size", "anchor", "pos")

    def __init__(self, value: Any, is_map: bool, anchor: Optional[str], pos: Position) -> None:
        self.value = value
        self.is_map = is_map
        self.key: Any = _NO_KEY
        self.key_pos: Position = pos
        self.merges: list[tuple[Any, Position]] = []
        self.size = 1
        self.anchor = anchor
        self.pos = pos


_NO_KEY = object()


def _pos(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1)


def _ran_off_the_end(data: bytes, err: Any) -> bool:
    """Whether only blank and comment lines follow the line libyaml stopped on."""
    mark = err.problem_mark
    if mark is None:
        return False
    rest = data.split(b"\n")[mark.line + 1:]
    return all(not line.strip() or line.lstrip().startswith(b"#") for line in rest)


def _error_at(data: bytes, err: Any) -> Position:
    """Where a libyaml error points a person: a scanner error at the token it
    was scanning (a key that lacks its colon, a quote never closed), a parser
    error where the parse broke; never past the end of the input."""
    import yaml

    mark = err.problem_mark
    context = err.context or ""
    if isinstance(err, yaml.scanner.ScannerError) and err.context_mark is not None and (
        "simple key" in context or "quoted scalar" in context
    ):
        # A key whose colon is missing is noticed lines later, a quote never
        # closed at the end of the file: the mistake is where it began.
        mark = err.context_mark
    mark = mark or err.context_mark
    if mark is None:
        return 1, 1
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    line, column = _pos(mark)
    if line > max(lines, 1):  # the end of the input: point at its last line
        last = data.rstrip(b"\n").rsplit(b"\n", 1)[-1]
        return max(lines, 1), len(last.decode("utf-8", "replace")) + 1
    return line, column


def _describe_yaml_error(data: bytes, err: Any, line: int) -> str:
    parts = [p for p in (err.context, err.problem) if p]
    text = "; ".join(parts) if parts else "invalid YAML"
    lines = data.split(b"\n")
    if 0 < line <= len(lines) and b"\t" in lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip())]:
        text += " (tabs are not allowed for indentation; use spaces)"
    return f"YAML syntax error: {text}"


def read_documents(data: bytes, positions: bool = True, line_offset: int = 0) -> Iterator[Document]:
    """Yield each YAML document in ``data`` as plain Python data.

    ``data`` has passed :func:`relcheck.reading.guards.prepare` (LF-only
    UTF-8 text with no character libyaml would refuse).  Raises
    :class:`YamlError` (with a 1-based line and column) on the first
    problem; documents before it have already been yielded.
    ``line_offset`` is added to every line number (for a slice of a larger
    file).
    """
    import yaml

    parser = _parser_class()(data)
    try:
        yield from _build(parser, positions, line_offset)
    except yaml.reader.ReaderError as err:  # pragma: no cover - the guards refuse such input first
        raise YamlError(f"unreadable input: {err.reason}", 1 + line_offset, 1) from None
    except yaml.MarkedYAMLError as err:
        line, column = _error_at(data, err)
        raise YamlError(_describe_yaml_error(data, err, line), line + line_offset, column,
                        _ran_off_the_end(data, err)) from None
    except yaml.YAMLError as err:  # pragma: no cover - unmarked libyaml errors
        raise YamlError(f"YAML error: {err}", 1 + line_offset, 1) from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()


def _build(parser: Any, track: bool, offset: int) -> Iterator[Document]:
    import yaml

    get = parser.get_event

    def _pos(mark: Any) -> Position:
        return (mark.line + 1 + offset, mark.column + 1)

    ScalarEvent = yaml.ScalarEvent
    MappingStartEvent = yaml.MappingStartEvent
    SequenceStartEvent = yaml.SequenceStartEvent
    AliasEvent = yaml.AliasEvent
    MappingEndEvent = yaml.MappingEndEvent
    SequenceEndEvent = yaml.SequenceEndEvent
    DocumentStartEvent = yaml.DocumentStartEvent
    DocumentEndEvent = yaml.DocumentEndEvent
    StreamEndEvent = yaml.StreamEndEvent

    while True:
        event = get()
        if isinstance(event, StreamEndEvent):
            return
        if not isinstance(event, DocumentStartEvent):
            continue
        doc_pos = _pos(event.start_mark)
        pos = Positions()
        tracked = pos if track else None  # what _attach records: everything, or nothing
        anchors: dict[str, tuple[Any, int]] = {}
        stack: list[_Frame] = []
        root: Any = None
        written = 0
        expanded = 0

        while True:
            event = get()
            cls = event.__class__
            if cls is DocumentEndEvent:
                break

            if cls is ScalarEvent:
                written += 1
                tag = event.tag
                if tag is not None and tag not in _SCALAR_TAGS:
                    _bad_tag(tag, _pos(event.start_mark))
                value: Any = event.value
                if (value in _NULLS and event.implicit[0]) or tag == _NULL_TAG:
                    value = None
                anchor = event.anchor
                if tracked is None and anchor is None and stack:
                    # The common case, inlined: a plain value into an open
                    # container, with no positions to record.
                    frame = stack[-1]
                    frame.size += 1
                    if not frame.is_map:
                        frame.value.append(value)
                        continue
                    key = frame.key
                    if key is _NO_KEY:
                        frame.key = "null" if value is None else value
                        frame.key_pos = _pos(event.start_mark) if frame.key in frame.value else frame.pos
                        continue
                    frame.key = _NO_KEY
                    if key == "<<" or key in frame.value:
                        _attach(frame, value, _pos(event.start_mark), 0, None, key)
                        continue
                    frame.value[key] = value
                    continue
                size = 1
                mark = event.start_mark
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                written += 1
                is_map = cls is MappingStartEvent
                tag = event.tag
                if tag is not None and tag not in (_MAPPING_TAGS if is_map else _SEQUENCE_TAGS):
                    _bad_tag(tag, _pos(event.start_mark))
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(
                        f"nesting deeper than {MAX_DEPTH} levels; an account file needs far fewer",
                        *_pos(event.start_mark),
                    )
                container: Any = {} if is_map else []
                frame = _Frame(container, is_map, event.anchor, _pos(event.start_mark))
                if stack and stack[-1].is_map and stack[-1].key is _NO_KEY:
                    raise YamlError(
                        "a mapping key must be plain text, not a "
                        + ("mapping" if is_map else "list"),
                        *frame.pos,
                    )
                if track:
                    pos.at[id(container)] = {} if is_map else []
                    pos.start[id(container)] = frame.pos
                    if is_map:
                        pos.keys[id(container)] = {}
                elif is_map or len(stack) <= 2:
                    # Untracked reads still know where every mapping (each
                    # account, each interaction) and the lists of accounts
                    # begin: for reports, duplicates and data-quality notes.
                    pos.start[id(container)] = frame.pos
                stack.append(frame)
                continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                value = frame.value
                if frame.merges:
                    _apply_merges(frame)
                size = frame.size
                anchor = frame.anchor
                if anchor is not None:
                    anchors[anchor] = (value, size)
                if not stack:
                    root = value
                    continue
                _attach(stack[-1], value, frame.pos, size, tracked)
                continue
            elif cls is AliasEvent:
                found = anchors.get(event.anchor)
                if found is None:
                    raise YamlError(f"unknown alias '*{event.anchor}'", *_pos(event.start_mark))
                value, size = found
                expanded += size
                if expanded > ALIAS_BUDGET + written:
                    raise YamlError(
                        "aliases expand to too many nodes "
                        f"(more than {ALIAS_BUDGET + written:,}); refusing a possible alias bomb",
                        *_pos(event.start_mark),
                    )
                anchor = None
                mark = event.start_mark
            else:  # pragma: no cover - no other events inside a document
                continue

            # A scalar or alias value is complete.
            if anchor is not None:
                anchors[anchor] = (value, size)
            if not stack:
                root = value
                continue
            _attach(stack[-1], value, _pos(mark), size, tracked)

        yield Document(root, doc_pos[0], doc_pos[1], pos)


def _attach(frame: _Frame, value: Any, where: Position, size: int, pos: Optional[Positions],
            key: Any = _NO_KEY) -> None:
    """Put a finished value into the open container (``key``: the value's key
    when the caller has already taken it from the frame)."""
    frame.size += size
    container = frame.value
    if not frame.is_map:
        container.append(value)
        if pos is not None:
            places = pos.at[id(container)]
            assert isinstance(places, list)
            places.append(where)
        return
    if key is _NO_KEY:
        if frame.key is _NO_KEY:
            if value is not None and not isinstance(value, str):
                raise YamlError("a mapping key must be plain text", *where)
            frame.key = "null" if value is None else value
            frame.key_pos = where
            return
        key = frame.key
        frame.key = _NO_KEY
    if key == "<<":
        frame.merges.append((value, where))
        return
    if key in container:
        first = pos.of_key(container, key) if pos is not None else None
        where_first = f" (first at line {first[0]})" if first else ""
        raise YamlError(f"duplicate key '{key}'{where_first}", *frame.key_pos)
    container[key] = value
    if pos is not None:
        pos.at[id(container)][key] = where
        pos.keys[id(container)][key] = frame.key_pos


def _apply_merges(frame: _Frame) -> None:
    """YAML merge keys (``<<: *defaults``): explicit keys win, then earlier merges."""
    target = frame.value
    for source, where in frame.merges:
        sources = source if isinstance(source, list) else [source]
        for item in sources:
            if not isinstance(item, dict):
                raise YamlError("a merge key ('<<') needs a mapping or a list of mappings", *where)
            for key, value in item.items():
                if key not in target:
                    target[key] = value


def _bad_tag(tag: str, where: Position) -> None:
    raise YamlError(
        f"unsupported YAML tag '{tag.replace(_CORE, '!!')}'; relcheck reads plain data only, "
        "and never constructs objects from tags",
        *where,
    )
