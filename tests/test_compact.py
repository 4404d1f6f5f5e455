"""The flat stores a large run keeps its accounts in answer as the plain
Python structures they replace: a list of strings, a dict, the duplicate
check, a list of spooled accounts, and the overview's order."""

from __future__ import annotations

from typing import Optional

from hypothesis import given, settings
from hypothesis import strategies as st

from relcheck.checking.findings import Brief
from relcheck.compact import Interned, StringIndex, Strings
from relcheck.names import norm_name
from relcheck.reading.accounts import AccountKey, Uniques
from relcheck.results import EncodedAccount, Spool, SpooledAccounts
from relcheck.review.order import Sort, ordered

TEXT = st.text(alphabet=st.sampled_from("aAbB  é\u0301\U0001f600\ud800x"), max_size=6)


@given(st.lists(TEXT, max_size=40), st.integers(0, 40))
def test_strings_keep_each_text_as_given(texts: list[str], keep: int) -> None:
    strings = Strings()
    for text in texts:
        strings.append(text)
    assert list(strings) == texts and len(strings) == len(texts)
    strings.truncate(min(keep, len(texts)))
    assert list(strings) == texts[:keep]
    strings.append("after")
    assert strings[len(strings) - 1] == "after"


OPS = st.lists(st.one_of(st.tuples(st.just("add"), TEXT), st.tuples(st.just("cut"), st.integers(0, 60))),
               max_size=120)


@settings(max_examples=300)
@given(OPS)
def test_string_index_answers_as_a_dict_of_normalised_names(ops: list[tuple[str, object]]) -> None:
    index = StringIndex(norm_name)
    model: list[str] = []  # the strings added, in order
    for op, arg in ops:
        if op == "add":
            assert isinstance(arg, str)
            wanted = next((n for n, s in enumerate(model) if norm_name(s) == norm_name(arg)), -1)
            assert index.find(arg) == wanted
            if wanted < 0:
                assert index.add(arg) == len(model)
                model.append(arg)
        else:
            assert isinstance(arg, int)
            size = min(arg, len(model))
            index.truncate(size)
            del model[size:]
        assert len(index) == len(model)
    for number, text in enumerate(model):
        assert index.find(text.upper() if text.upper() != text else text) in (number, -1)
        assert index.find(text) == number


def test_string_index_survives_long_probe_chains() -> None:
    # Many keys in a small table, removed newest first after every growth.
    index = StringIndex()
    words = [f"w{n}" for n in range(5000)]
    for word in words:
        index.add(word)
    index.truncate(1234)
    assert [index.find(w) for w in words[:1234]] == list(range(1234))
    assert all(index.find(w) == -1 for w in words[1234:])
    assert index.add("w4000") == 1234


def test_interned_values_are_numbered_once() -> None:
    owners: Interned[Optional[str]] = Interned()
    assert [owners.number(o) for o in (None, "Pat", None, "Lee", "Pat")] == [0, 1, 0, 2, 1]
    assert owners.values == [None, "Pat", "Lee"]


def key(name: str, line: int, ident: Optional[str] = None, path: str = "a.yaml") -> AccountKey:
    return AccountKey(name, ident, path, line, 3)


def test_duplicates_name_the_first_and_forget_what_is_taken_back() -> None:
    uniques = Uniques()
    assert uniques.check(key("Acme", 2, "A-1")) is None
    mark = uniques.mark()
    assert uniques.check(key("Globex", 9, "G-1", "b.yaml")) is None
    same = uniques.check(key("  GLOBEX ", 20, path="c.yaml"))
    assert same is not None and (same.path, same.line, same.column) == ("c.yaml", 20, 3)
    assert "first at b.yaml:9" in same.message
    again = uniques.check(key("Initech", 30, "A-1"))
    assert again is not None and "also 'Acme' at a.yaml:2" in again.message
    uniques.truncate(mark)  # b.yaml is read again
    assert uniques.check(key("globex", 40, "G-1", "d.yaml")) is None
    later = uniques.check(key("Other", 41, "G-1", "d.yaml"))
    assert later is not None and "also 'globex' at d.yaml:40" in later.message


def brief(name: str, owner: Optional[str], score: int, pipeline: float) -> Brief:
    return Brief(name, name.lower(), owner, "standard", score, "at-risk" if score < 60 else "healthy", pipeline, (),
                 (), (), (), None)


def spooled(briefs: list[Brief]) -> SpooledAccounts:
    spool = Spool()
    accounts = SpooledAccounts(spool)
    for b in briefs:
        accounts.take(None, EncodedAccount(b, f'{{"name": "{b.name}"}}'))
    return accounts


NAMES = st.sampled_from(["Acme", "acme", "Beta", "béta", "Zed", "zed", "Ω", "a b"])
BRIEFS = st.lists(st.builds(brief, NAMES, st.sampled_from([None, "Pat", "pat", "Lee"]), st.integers(0, 100),
                            st.sampled_from([0.0, 10.0, 250.5, 1e9])), max_size=30)

DOCUMENTED = {
    # SPEC 7's orders, written as tuples: the reference the one-field-at-a-time sort must match.
    Sort.SCORE: lambda b: (b.score, -b.open_pipeline, b.name.casefold()),
    Sort.NAME: lambda b: (b.name.casefold(),),
    Sort.OWNER: lambda b: ((b.owner or "\uffff").casefold(), b.score, -b.open_pipeline, b.name.casefold()),
    Sort.VALUE: lambda b: (-b.open_pipeline, b.score, b.name.casefold()),
}


@settings(max_examples=200)
@given(BRIEFS, st.sampled_from(list(Sort)), st.booleans())
def test_orders_as_documented_in_memory_and_in_columns(briefs: list[Brief], how: Sort, by_owner: bool) -> None:
    expected = briefs if how is Sort.FILE else sorted(briefs, key=DOCUMENTED[how])
    if by_owner:
        expected = sorted(expected, key=lambda b: (b.owner is None, (b.owner or "").casefold()))
    assert ordered(briefs, lambda b: b, how, by_owner) == expected
    columns = ordered(spooled(briefs), lambda a: a, how, by_owner)
    assert [(a.name, a.owner, a.score, a.open_pipeline) for a in columns] == [
        (b.name, b.owner, b.score, b.open_pipeline) for b in expected]
    again = ordered(columns, lambda a: a, Sort.NAME)  # a view of a view
    assert [a.name for a in again] == [b.name for b in sorted(expected, key=DOCUMENTED[Sort.NAME])]


def test_spooled_accounts_read_back_and_take_back() -> None:
    briefs = [brief(f"Account {n}", ["Pat", None][n % 2], n % 101, float(n)) for n in range(50)]
    accounts = spooled(briefs)
    assert len(accounts) == 50 and accounts[-1].name == "Account 49" and accounts[3].encoded == '{"name": "Account 3"}'
    assert [a.brief.state() for a in accounts[10:12]] == [b.state() for b in briefs[10:12]]
    accounts.truncate(20)
    assert len(accounts) == 20 and [a.name for a in accounts] == [b.name for b in briefs[:20]]
    accounts.take(None, None)  # left out by a filter: not kept
    assert len(accounts) == 20


def test_places_past_4_gib_of_spool_are_kept_whole() -> None:
    # A million accounts spool several GB: a record's place (its start
    # shifted 32 bits, plus its size) outgrows any fixed-width integer.
    from relcheck.results import SpooledAccount

    accounts = SpooledAccounts(Spool())
    place = (7 << 32 | 123) << 32 | 4000  # starts past 28 GiB
    accounts.take(None, SpooledAccount("Far", None, 50, 0.0, accounts.spool, place, "watch", "", False))
    assert accounts[0].offset == place


def test_texts_read_in_any_order_are_each_accounts_own() -> None:
    # Records read in file order come from a piece read ahead; out of order,
    # one by one; a record larger than the piece whole.
    briefs = [brief(f"Account {n}", None, n % 101, 0.0) for n in range(3000)]
    spool = Spool()
    accounts = SpooledAccounts(spool)
    expected = [f'{{"name": "{b.name}"}}' + (" " * 300_000 if n == 1500 else "") for n, b in enumerate(briefs)]
    for b, text in zip(briefs, expected, strict=True):
        accounts.take(None, EncodedAccount(b, text, f"more {b.name}"))
    assert list(accounts.texts(0)) == expected
    assert list(accounts.texts(1)) == [f"more {b.name}" for b in briefs]
    assert [a.brief.state() for a in accounts] == [b.state() for b in briefs]
    order = list(range(3000))[::-1] + list(range(0, 3000, 7))
    view = accounts.reordered(order)
    assert list(view.texts(0)) == [expected[i] for i in order]
    assert [a.brief.state() for a in view] == [briefs[i].state() for i in order]
