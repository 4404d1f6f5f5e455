"""The plain-YAML reader (:mod:`relcheck.reading.plain`) against libyaml.

Whenever the plain reader gives an answer, libyaml (as the fast pass reads
it, :func:`read_documents` with positions off) must read the same input
without an error, to the same data, the same documents starting at the same
places, and every container it records starting at the same ``line:col``.
Inputs are generated line by line from pieces chosen to sit on YAML's
edges (indicators, nulls, quotes, comments, flow collections, odd
indentation, document markers), from random well-formed nesting, and by
mutating real account files.  The reader must also say yes often enough to
matter: to the bundled example, a generated export, and most well-formed
nestings.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relcheck.reading import plain
from relcheck.reading.events import MAX_DEPTH, Document, YamlError, read_documents
from relcheck.reading.guards import prepare
from relcheck.reading.plain import _MOST_CHARACTERS, _MOST_LINES, scan_documents

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import as_others_write, generate  # noqa: E402

EXAMPLE = (ROOT / "accounts.example.yaml").read_bytes()
GENERATED = ("# generated\naccounts:\n" + "".join(generate(6, 12, seed=5))).encode()


def _shape(document: Document) -> tuple[Any, ...]:
    """A document's data, where it starts, and where each container in it starts (or None)."""
    starts: list[tuple[tuple[Any, ...], Any]] = []
    todo: list[tuple[tuple[Any, ...], Any]] = [((), document.data)]
    while todo:
        path, value = todo.pop()
        if isinstance(value, (dict, list)):
            starts.append((path, document.positions.start.get(id(value))))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            todo.extend((path + (key,), child) for key, child in items)
    return document.data, document.line, document.column, starts, len(document.positions.start)


def check(data: bytes, offset: int = 0) -> bool:
    """Whether the plain reader read ``data``; fails when its reading differs from libyaml's."""
    prepared = prepare("x", data)
    if not isinstance(prepared, bytes):
        return False
    got = scan_documents(prepared, offset)
    # Runs of alike lines (and list items of them) are read in one step only in larger inputs: read
    # this one that way too, and hold both readings to libyaml's.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plain, "_RUN_MIN_CHARACTERS", 0)
        patch.setattr(plain, "_ITEM_MIN_CHARACTERS", 0)
        in_runs = scan_documents(prepared, offset)
    assert (got is None) == (in_runs is None), data
    if got is None or in_runs is None:
        return False
    try:
        want = list(read_documents(prepared, positions=False, line_offset=offset))
    except YamlError as err:
        raise AssertionError(f"the plain reader read what libyaml refuses ({err.message}): {data!r}") from None
    assert [_shape(d) for d in got] == [_shape(d) for d in want], data
    assert [_shape(d) for d in in_runs] == [_shape(d) for d in want], data
    return True


INDENTS = [0, 0, 2, 2, 4, 1, 3, 6]
PREFIXES = ["", "", "", "- ", "- ", "-  ", "-", "- - ", "-\t", "? "]
KEYS = ["name", "owner", "a", "b b", "a.b", "a-b", "_x", "1", "2026", "null", "Null", "NULL", "~", "<<", "-a",
        "a:b", '"q"', "'q'", "a#b", "é", "yes", "x" * 1030, "a ", "&k a", "!t a", "?a", "[a]"]
SEPARATORS = [": ", ": ", ":", ":  ", " : ", ":\t", "::", ":#"]
VALUES = [
    "", "Pat Reyes", "2026-01-05", "x", "a b  c", "~", "null", "Null", "NULL", "nULL", "yes", "No", "-5", "-", "- x",
    "1.10", "0x10", "a: b", "a:", "a:b", "http://x.io/a", "10:30", "a # c", "a #", "a#b", "#c", " # c", "a  ",
    "'it''s'", "'a", "'a' b", "'a'#c", "''", '""', '"a, b"', '"a\\"b"', '"a" b', '"a" # c', '"a"#c', '"é"', "'é'",
    "{}", "{ }", "[]", "[ ]", "{a: b}", "{a: b, c: d}", "{a: b,c: d}", "{a:b}", "{a: b,}", "{a: b", "{a: {b: c}}",
    "{a: [b]}", "{a: b} x", "{a: b} # c", "{a: b}#c", "{a: ~, b: null}", "{null: x}", "{~: x}", "{a: b, a: c}",
    "{a: 'b, c', d: \"e\"}", "{a: 'it''s'}", "{a: b c, d: e  f}", "{a: -1}", "{a: b:c}", "{a: b #c}", "{a}",
    "{a: }", "{ a : b }", "[a, b]", "[a,b]", "[a, ]", "[a", "[a, [b]]", "[a, {b: c}]", "[~, null, x]", "['a', \"b\"]",
    "[a: b]", "[a #b]", "[a] # c", "[a]x", "[-a]", "&a x", "*a", "!!str x", "!x y", "|", "|-", ">", "a,b",
    "a[b]{c}", "%x", "@x", "`x", "? x", ": x", "?x", ":x", "é ü", "😀", "a\tb", "x" * 300, "a ' b", 'a " b', "a'",
    "1e3", ".inf", "a  # c: d", "--- x", "...", "{a: 10:30}", "{a: 10:}", "{a: b:, c: d}", "{a: why?}",
    "{a: [b, c], d: e}", "{a: [], b: [~]}", "[a:b]", "{a: - b}", "{a: -}", "[- a]", "[-]", "{a: -b}",
    # plain and quoted scalars over several lines
    "a\n  b", "a\n b", "a\n   b c  \n     d", "a\n      b", "a\n  # c\n  b", "a\n\n  b", "a # c\n  b", "a\n  b: c",
    "a\n  - b", "a\n  b #c", "a\n  b#c", "a\n  b:", "a\n  'b'", "a\n  [b]", "a\n  b\n c", "~\n  b", "a\nb", "'a\n  b'",
    "'a  \n    b  c '", "'a\n\n  b'", "'a\n b''c'", "'a'\n  b", "'a\n  # b'", "'a: b\n  c' # d", '"a\n  b"',
    '"a\\\n  b"', "'a\n---\n'", "'a\nb'", "'a\n    b\n  c'", "'a\n  b\n", '"a\n  b" c', "'a\n        \n  b'", "a\n        \n  b", "'a'\n      b", "'a'  \n      b",
    # block scalars: literal and folded, every chomping, ending every way
    "|\n  a\n  b", "|-\n  a\n\n  b\n", "|+\n  a\n\n", ">\n  a\n  b\n\n  c", ">-\n a\n b", ">+\n      a\n\n      b\n\n",
    "|\n      a\n\n\n        b  \n      c", ">\n      a  \n      b", ">\n  a\n  b  \n  c", ">\n  a\n    b\n  c", "|\n    a\n  b", "|2\n  a",
    "|-2\n   a", "| # c\n  a", "|#c\n  a", "|x\n  a", "|\n\n  a", "|\n  a\n   \n  b", "|\n  a\n \n  b", "|\n  # c\n  a",
    "|\n  - a\n  b: c\n  'd", "|\n  a\n# c\n", "|+\n  a\n\n# c\n", "|\n  a\n  ---\n  ...", "|\n", "|\na", ">\n  a\n  \\x\n  \"b",
    "|-\n        a\n       b", ">\n        a\n\n\n        b\n", "|\n      a\n    b: c", "||\n  a", "|-+\n  a", "|\n  é😀\n",
    # flow collections over several lines
    "{a: b,\n c: d}", "{a: b,\n  c: d}", "{a: b,\n      c: d}", "{a: b,  \n    c: [d,\n  e]}", "[a,\n   b]",
    "{a: b,\nc: d}", "{a: b,\n  c: d,\n  e: f}", "{a: b\n  , c: d}", "{a: 'b,\n  c'}", '{a: "b,\n  c"}',
    "{a: b c\n  d, e: f}", "{a\n  : b}", "{a b\n  c: d}", "{a:\n  b}", "{\n  a: b}", "[a b\n  c]", "{a: [b\n  c]}",
    "{a: b\n  }", "{a: b\n  # c\n  }", "{a: b, c\n  d: e}", "{a: 'b,\n  c', d\n  : e}", "[a,\n  b: c]", "{a: b #c\n  d}", "{a: 'b\n        \n  c'}", "{a: b\n        \n  c}",
    # escapes in double-quoted scalars (how PyYAML writes what is not plain ASCII), also over several lines
    '"\\xE9t\\u015E\\U0001F600"', '"a\\"b\\\\c"', '"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\/\\N\\_\\L\\P"', '"\\q"', '"\\x4"',
    '"\\xZZ"', '"\\uD800"', '"\\uDFFF"', '"\\U00110000"', '"\\U0010FFFF"', '"\\x00"', '"a\\', '"a\\"', '"\\\\"', '"\\"" x',
    '"a\\\n  b"', '"a  \\\n    \\ b"', '"a\\\\\n  b"', '"a\\ \n  b"', '"a\\\\ \n  b"', '"a\\\\\\\n  b"', '"a\\\n\n  b"',
    '"a\\\n  \\\n  b"', '"a\\\nb"', '"a\\\n  "', '{a: "\\xE9", b: [c, "\\u00E9"]}', '{a: "b\\\n  c"}', '["\\"", "\\\\"]',
    '{a: "b\\ \n  c"}', '[a\\\n  b]', '{a: "\\q"}', '["\\uD800"]',
    # quoted values in flow collections, as PyYAML quotes dates and "yes"
    "{a: 'b'}", '{a: "b"}', "{a: 'b' , c: d}", "{a: 'b'c}", "{a: 'b' #c}", "{a: 'b:c', d: 'e #f'}", "{a: '', b: \"\"}",
    "{a: '~', b: \"null\", c: ~}", "['a' , \"b\", ~]", "['a'b]", "{a: 'b}', c: d}", "{a: \"b]\", c: '[d'}", "['x, y']",
    "{a: \"b' c\", d: 'e\" f'}", "{'a': b}", "{a: 'b'}x", "{a: 'b',\n  c: \"d\"}", "{a: '2026-01-26', b: 'yes'}",
    "['', \"\", '\\']", "{a: 'b''}", "{a: \"\\\"}", "[' a ', \" b \"]",
    "{a: b , c: 'd''e'}", "[a  , 'b''c']", "{a: b c  , d: \"e\\x41\"}", "{a: b:c d , e: 'f''g'}",
    # the commonest flow collections: ", " between entries, ": " after keys, plain values
    "{a: b, c: ~}", "[a, ~]", "[null]", "{a: nullx, b: ~x}", "{a:  b, c:  d}", "{a: b,  c: d}", "{a: b}}",
    "{a: b c, d: e-f, g: 2026-01-26}", "[a b, c]]", "{a: b, c: d, a: e}", "{a: b, NULL: d}",
    "{a: b,\n\n  c: d}", "{a: b,\n  # c\n  d: e}", "{a: b,\n  c: 'd # e'}", "{a: 'b #,\n  c'}", "{a: b,\n  c: d} # e", "{a: b,\n  c}", "{a: b,\n---\n}",
    # lines ending in a comma, as PyYAML wraps them (and a comment or a quoted scalar ending so)
    "{a: b, c: d,\n  e: 'yes'}", "{a: b, # c,\n  d: e}", "{a: 'b c,\n  d', e: 'f'}", "['a', b,\n  c]", "{a: b,\n  c: d,\n  e: f}x",
    "[a, b\n- c]", "[a, b\n  - c]", "[a, b\n    c]",
]
WHOLE_LINES = ["---", "--- # c", "---  ", "--- x", "---x", "...", "# comment", "  # indented", "", "   ",
               "%YAML 1.1", "--- |", "-", "- ", "--", "a", "- a", "  a"]


@st.composite
def line_soup(draw: st.DrawFn) -> bytes:
    """A few lines of pieces on YAML's edges, most of them key and value lines."""
    lines = []
    for _ in range(draw(st.integers(1, 10))):
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(WHOLE_LINES)))
            continue
        indent = " " * draw(st.sampled_from(INDENTS))
        prefix = draw(st.sampled_from(PREFIXES))
        if draw(st.integers(0, 6)) == 0:
            lines.append(indent + prefix + draw(st.sampled_from(VALUES)))
        else:
            lines.append(indent + prefix + draw(st.sampled_from(KEYS)) + draw(st.sampled_from(SEPARATORS))
                         + draw(st.sampled_from(VALUES)))
    ending = draw(st.sampled_from(["\n", "", "\n\n", "\n# end\n"]))
    return ("\n".join(lines) + ending).encode()


PLAIN_VALUES = [v for v in VALUES[:8] + ["{a: b, c: d}", "[a, b]", "'q'", '"q r"', "x # c", "{}"] if v]


@st.composite
def nesting(draw: st.DrawFn, edgy: bool = False) -> bytes:
    """Well-formed block YAML: random nesting of mappings and lists, each level
    indented by its own step, with scalars and flow collections as values
    (with ``edgy``, any of the pieces on YAML's edges, now and then)."""
    lines: list[str] = []
    # One piece on the edge per document, so that it alone decides whether
    # the plain reader reads the document.
    edge_value = draw(st.sampled_from(VALUES)) if edgy else ""
    edge_key = draw(st.sampled_from(KEYS)) if edgy else ""

    def value() -> str:
        return edge_value if edgy and draw(st.integers(0, 2)) == 0 else draw(st.sampled_from(PLAIN_VALUES))

    def key(number: int) -> str:
        return edge_key if edgy and draw(st.integers(0, 3)) == 0 else f"k{number}"

    def block(indent: int, depth: int, as_item: bool) -> None:
        is_map = draw(st.booleans())
        for number in range(draw(st.integers(1, 3))):
            lead = " " * indent
            head = ("- " if not is_map else "") + (key(number) + ": " if is_map else "")
            nested = depth < 4 and draw(st.integers(0, 2)) == 0
            if nested:
                step = draw(st.sampled_from([0, 1, 2, 4])) if is_map else draw(st.sampled_from([2, 3]))
                if is_map and step == 0:  # a list at its key's indent
                    lines.append(lead + head.rstrip())
                    for _ in range(draw(st.integers(1, 2))):
                        lines.append(lead + "- " + value())
                    continue
                lines.append(lead + head.rstrip())
                block(indent + step, depth + 1, not is_map)
            else:
                lines.append(lead + head + value())
            if draw(st.integers(0, 8)) == 0:
                lines.append(" " * draw(st.sampled_from(INDENTS)) + "# note")

    for _ in range(draw(st.integers(1, 2))):
        if lines or draw(st.booleans()):
            lines.append("---")
        block(draw(st.sampled_from([0, 0, 2])), 0, False)
    return ("\n".join(lines) + "\n").encode()


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    """A real account file with a line re-indented, dropped, repeated, or
    spliced with a piece of the soup."""
    lines = draw(st.sampled_from([EXAMPLE, GENERATED])).decode().split("\n")
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["indent", "dedent", "drop", "repeat", "splice", "value"]))
        if kind == "indent":
            lines[row] = " " * draw(st.integers(1, 2)) + lines[row]
        elif kind == "dedent":
            lines[row] = lines[row][draw(st.integers(1, 2)):]
        elif kind == "drop":
            del lines[row]
        elif kind == "repeat":
            lines.insert(row, lines[row])
        elif kind == "splice":
            at = draw(st.integers(0, len(lines[row])))
            lines[row] = lines[row][:at] + draw(st.sampled_from(VALUES + SEPARATORS)) + lines[row][at:]
        else:
            key, _, _ = lines[row].partition(": ")
            lines[row] = key + ": " + draw(st.sampled_from(VALUES))
        if not lines:
            lines = [""]
    return "\n".join(lines).encode()


FUZZ = settings(max_examples=600, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(line_soup(), st.integers(0, 3))
def test_soup_reads_as_libyaml_reads_it(data: bytes, offset: int) -> None:
    check(data, offset)


@FUZZ
@given(nesting())
def test_well_formed_nesting_reads_as_libyaml_reads_it(data: bytes) -> None:
    check(data)


@FUZZ
@given(nesting(edgy=True))
def test_edges_inside_well_formed_nesting_read_as_libyaml_reads_them(data: bytes) -> None:
    check(data)


@FUZZ
@given(mutated_files())
def test_mutated_account_files_read_as_libyaml_reads_them(data: bytes) -> None:
    check(data)


CONTEXTS = [
    "k: {v}\n", "k: {v}\nz: 1\n", "- {v}\n- x\n", "a:\n  b: 1\n  k: {v}\n", "a:\n- b: 1\n  k: {v}\nz: 1\n",
    "x:\n  - y:\n      - k: {v}\n        z: 1\n", "---\nk: {v}\n---\n- {v}\n", "  - k: {v}\n  - {v}\n",
    "a:\n  - {x: y}\n  - {v}\n  - {v}\n  - z: 1\nb: 2\n",
]
KEY_CONTEXTS = ["{k}: 1\n", "- {k}: 1\n  z: 2\n", "a:\n  {k}:\n    - 1\n", "a: {{{k}: 1, z: 2}}\n",
                "x:\n  y: [{{{k}: 1}}]\n", "{k}:\n"]


@pytest.mark.parametrize("context", CONTEXTS)
def test_every_edge_value_in_every_place(context: str) -> None:
    accepted = sum(check(context.replace("{v}", value).encode(), offset=2) for value in VALUES)
    assert accepted > len(VALUES) // 4, accepted


@pytest.mark.parametrize("context", KEY_CONTEXTS)
def test_every_edge_key_in_every_place(context: str) -> None:
    for key in KEYS:
        check(context.format(k=key).encode())


@pytest.mark.parametrize("depth", [MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1])
@pytest.mark.parametrize("inner", ["k: v", "k: [v]", "k: {v: w}", "- v", "k:", "-", "j: w\n{pad}k: [v]\n"])
def test_nesting_as_deep_as_libyaml_allows_and_no_deeper(depth: int, inner: str) -> None:
    pad = " " * (depth - 1)
    lines = [" " * level + "k:" for level in range(depth - 1)] + [pad + inner.replace("{pad}", pad)]
    data = "\n".join(lines).encode()
    try:
        list(read_documents(data, positions=False))
        too_deep = False
    except YamlError:
        too_deep = True
    assert too_deep == (depth > MAX_DEPTH or (depth == MAX_DEPTH and inner not in ("k:", "-", "k: v", "- v")))
    assert check(data) != too_deep


def test_items_nested_as_deep_as_libyaml_allows_and_no_deeper() -> None:
    # Each "- k:" opens a list and a mapping in it.
    verdicts = set()
    for items, top in itertools.product(range(MAX_DEPTH // 2 - 2, MAX_DEPTH // 2 + 2), ("", "r:\n  ")):
        for inner in ("- k: v", "- {k: v}", "- v", "- k:", "- {k: v}\n- k: v\n  j: w"):
            lines = [" " * (2 * level) + "- k:" for level in range(items)] + [
                " " * (2 * items) + inner.replace("\n", "\n" + " " * (2 * items))]
            data = top + "\n".join(lines).replace("\n", "\n" + " " * len(top.split("\n")[-1]))
            try:
                list(read_documents(data.encode(), positions=False))
                too_deep = False
            except YamlError:
                too_deep = True
            assert check(data.encode()) != too_deep, (items, top, inner)
            verdicts.add(too_deep)
    assert verdicts == {True, False}


@pytest.mark.parametrize("width", [30, 60, 80])
@pytest.mark.parametrize("flow", [False, None])
@pytest.mark.parametrize("unicode", [True, False])
def test_what_pyyaml_writes_reads_as_libyaml_reads_it(width: int, flow: bool | None, unicode: bool) -> None:
    # Another program's export: PyYAML's writer wraps long values over
    # several lines, quoted or plain, and quotes what would read as
    # something else ('yes', '2026-01-05' as text).  By default it writes
    # what is not ASCII as escapes ("Jos\xE9"), and wraps such a value
    # with escaped line breaks.
    import yaml

    data = yaml.load(EXAMPLE + GENERATED.replace(b"accounts:\n", b"more:\n", 1), Loader=yaml.BaseLoader)
    data["names"] = ["José Núñez", "Zoë Ødegaard — 李", "a\tb\nc\\d\"e\x85 😀 " * 8]
    written = yaml.safe_dump(data, sort_keys=False, width=width, default_flow_style=flow, allow_unicode=unicode)
    assert unicode or "\\xE9" in written
    read = check(written.encode())
    assert read or flow is None  # in block style all of it is plain to this reader


@pytest.mark.parametrize("lines", [_MOST_LINES - 2, _MOST_LINES + 2, 20_000])
@pytest.mark.parametrize("value", ["a{}", "'a{}'", "{{a: b{}}}", "[a{}]"])
def test_values_over_many_lines_cost_no_more_than_reading_them(value: str, lines: int) -> None:
    # Joining lines one by one costs the square of their number: past a
    # hundred lines (or 64 KiB) such a value is left to libyaml.
    data = ("x:\n  k: " + value.format("\n   b" * lines) + "\nz: 1\n").encode()
    assert check(data) == (lines < _MOST_LINES)


@pytest.mark.parametrize("width", [1_000, 70_000])
def test_a_long_line_in_a_value_over_several_lines(width: int) -> None:
    data = ("x:\n  k: {a: b,\n   c: " + "d" * width + ",\n   e: f}\n").encode()
    assert check(data) == (width < _MOST_CHARACTERS)


def test_it_reads_real_files_and_most_plain_nesting() -> None:
    # A reader that always says "not sure" would pass every test above.
    assert check(EXAMPLE)
    assert check(GENERATED, offset=7)
    for written in as_others_write(GENERATED, width=40):  # escapes, escaped line breaks, | blocks
        assert check(written)
    accepted = 0
    examples = 0

    @settings(max_examples=200, deadline=None, derandomize=True)
    @given(nesting())
    def count(data: bytes) -> None:
        nonlocal accepted, examples
        examples += 1
        accepted += check(data)

    count()
    assert accepted > examples * 0.6, (accepted, examples)


@pytest.mark.parametrize("text, read", [
    ("- a: 1\n  b: 2\n-  c: 3\n-  d: 4\n", True), ("- a: 1\n  b: ''\n- c: \"\"\n  d: ''\n", True),
    ("x:\n  - a: 1\n    b: 2\n  -   c: 3\n      d: 4\n  - e: 5\n", True), ("- a: 1\n  b: 2\n-  c: 3\n   d: 4\n", True),
    ("x:\n- a: 1\n  b: 2\n- c: 3\n   d: 4\n", False),
    # a key with a flow list after a run of common lines
    ("x:\n  - a: b\n    k: [c, d e]\n    f: g\n    h: [i]\n", True), ("x:\n  - a: b\n    k: [c]\n      d\n", False),
    ("x:\n  - a: b\n    k: [c]\n    k: d\n", False), ("x:\n  - a: b\n    k: [c, ~]\n", True),
    # ... and its list over two lines (the second may not be read as a line of its own)
    ("x:\n  - a: b\n    k: [c, d\n      e]\n", True), ("x:\n  - a: b\n    k: [c, d\n  - e]\n", False),
    ("x:\n  - a: b\n    k: [c, d\n  - e]\n  - f\n", False), ("x:\n  - a: b\n    k: [c,\n      d]\n    f: g\n", True),
])
def test_list_items_of_common_lines_read_as_libyaml_reads_them(text: str, read: bool) -> None:
    assert check(text.encode()) == read


@pytest.mark.parametrize("text, data", [
    ("a: 1\nb:\n  - x\n  - {c: d, e: 'it''s'}\n", {"a": "1", "b": ["x", {"c": "d", "e": "it's"}]}),
    ("accounts:\n- name: A\n  tags: [x, ~]\nversion: 1\n", {"accounts": [{"name": "A", "tags": ["x", None]}],
                                                             "version": "1"}),
    ("a: ~\nb:\nc: null # no\nd: \"\"\n", {"a": None, "b": None, "c": None, "d": ""}),
    ("x:\n  a: {b: 10:30,\n    c: [d, e],\n       f: g}\n", {"x": {"a": {"b": "10:30", "c": ["d", "e"], "f": "g"}}}),
    ("- {a: b,  \n   c: d}\n", [{"a": "b", "c": "d"}]),
    ("x:\n  a: {b:\n      c d, e: 'f\n   g'}\n", {"x": {"a": {"b": "c d", "e": "f g"}}}),
    ("- a: b  \n    c\n  d: 'e:  \n     f''g'\n- h\n  i\n- \"j\n  k\"\n", [{"a": "b c", "d": "e: f'g"}, "h i", "j k"]),
    ("name: Pat  Reyes   # the champion\nurl: http://x.io/a#b\n", {"name": "Pat  Reyes", "url": "http://x.io/a#b"}),
    ('a: "x\\ty\\u00E9\\\\"\nb: "c  \\\n  \\ d\n   e"\n', {"a": "x\tyé\\", "b": "c   d e"}),
    ("- a: |\n    b\n\n     c\n  d: >-\n   e\n   f\n\n   g\n- |+\n  h\n\n", [{"a": "b\n\n c\n", "d": "e f\ng"}, "h\n\n"]),
    ("a:\n- x\n  y\nb: c\nd: e\n", {"a": ["x y"], "b": "c", "d": "e"}),
    ("a:\n  b: c\n   d\n  e: f\n  g: h\n   i\nj: k\n", {"a": {"b": "c d", "e": "f", "g": "h i"}, "j": "k"}),
    ("- {a: '2026-01-26', b: 'yes' , c: \"~\", d: ~, e: '', f: 'g: h #i'}\n- ['j', \" k \", l]\n",
     [{"a": "2026-01-26", "b": "yes", "c": "~", "d": None, "e": "", "f": "g: h #i"}, ["j", " k ", "l"]]),
    ("- {a: 2026-01-26, b: Pat Wong, c: pitch,\n    d: 'yes'}\n- {a: b,\n    c: 'd,\n    e'}\n",
     [{"a": "2026-01-26", "b": "Pat Wong", "c": "pitch", "d": "yes"}, {"a": "b", "c": "d, e"}]),
    ("a:\n  - {b: c d, e: 2026-01-26}\n  - {b: 'c', e: ~}\n  - {b: c,\n     e: [f, g h]}\n  - [i, j]\n  - k: l\n",
     {"a": [{"b": "c d", "e": "2026-01-26"}, {"b": "c", "e": None}, {"b": "c", "e": ["f", "g h"]}, ["i", "j"],
            {"k": "l"}]}),
])
def test_values_as_written(text: str, data: Any) -> None:
    documents = scan_documents(text.encode())
    assert documents is not None and [d.data for d in documents] == [data]
    assert check(text.encode())


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: |2\n   text\n", "a: >\n  b\n    c\n", "a: |\n\n  b\n", "a: |\n  b\n  c", "a: b\n\n  c\n", "a:\tb\n", "a: 'x\n\n  y'\n", "a: {b\n  : c}\n", "x:\n  a: {b c\n    d: e}\n",
    "a: {b: c, # one\n  d: e}\n", "a: {b: c, # one,\n  d: e}\n", "a: [b,\n\n  c]\n", "- {b: c,\nd: e}\n",
    "a: 1\na: 2\n", "- a: 1\n  b:\n    c: 1\n  a: 2\n", "a:\n  b: 1\na: 2\n", "\"a\": 1\n", "a: \"\\q\"\n", "a: \"b\\ \n  c\"\n", "- a\nb: c\n", "a: 1\n  b: 2\n", "a: !!str 1\n",
    "a:\n  b: 1\n- c: 2\n", "- a: 1\n  b: 2\n- c: 3\n  c: 4\n", "x:\n  - a: 1\n    b: 2\n  - c: 3\n    a: 1\n    c: 4\n",
])
def test_it_leaves_the_rest_to_libyaml(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert scan_documents(text.encode()) is None
    monkeypatch.setattr(plain, "_RUN_MIN_CHARACTERS", 0)  # and with runs of alike lines read in one step
    monkeypatch.setattr(plain, "_ITEM_MIN_CHARACTERS", 0)
    assert scan_documents(text.encode()) is None
