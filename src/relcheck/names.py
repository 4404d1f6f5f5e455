"""How relcheck compares and suggests names: one place, used by every stage.

A leaf module (it imports nothing of relcheck's), so the reader, the rules
and the command line all compare names the same way without importing each
other.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

MAX_SUGGESTION_CHOICES = 2000
"""Past this many candidates a did-you-mean costs more than it helps (and
would make a file of many bad names quadratic): only exact matches up to
case and spacing are suggested then."""


def name_key(name: str) -> str:
    """Names match regardless of case, spacing and Unicode normal form:
    ``pat  KIM`` is ``Pat Kim``, and ``Café`` typed with a combining accent
    is ``Café`` typed with a precomposed one."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


norm_name = lru_cache(maxsize=8192)(name_key)
""":func:`name_key`, cached (rules ask about the same few names often;
what is asked once per name, such as every account's in a run, calls
:func:`name_key` and leaves the cache to them: a miss costs twice the work)."""


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ``; did you mean 'x'?`` suffix, or nothing when no choice is close."""
    options = list(choices)
    wanted = norm_name(word)
    for choice in options:
        if norm_name(choice) == wanted:
            return f"; did you mean '{choice}'?"
    if len(options) > MAX_SUGGESTION_CHOICES or len(word) > 200:
        return ""
    import difflib  # only when something is misspelt: a clean run starts without it

    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        starts = [c for c in options if norm_name(c).startswith(wanted + " ")]
        close = starts[:1] if len(starts) == 1 else []
    return f"; did you mean '{close[0]}'?" if close else ""
