"""Values as CRM exports write them: dates, amounts, yes/no, HTML notes, people.

Dates are the trap: ``03/04/2026`` is 3 April in Europe and March 4 in the
US.  :class:`Dates` learns the order from the export itself (a ``25/03``
settles it for every date of the import) and refuses to guess when nothing
settles it; ``--date-format`` says which.  Datetimes with a zone are read in
UTC; a bare date is the date written (Salesforce's due dates are UTC
midnight and must not shift).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser
from typing import Optional

from ..errors import RelcheckError

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*"
                  r"(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$", re.IGNORECASE)
_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T].*)?$")
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})"
                      r"(?:,?\s+(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?)?$")
_EPOCH_MS = re.compile(r"\d{12,13}$")
_MONTHS = {m: n for n, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for m in names}
_NAMED = re.compile(r"(?:(\d{1,2})\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})|([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4}))"
                    r"(?:,?\s+\d{1,2}:\d{2}.*)?$")


class DateError(ValueError):
    pass


def parse_date_format(text: str) -> str:
    """``--date-format``: ``DD/MM/YYYY``, ``MM/DD/YYYY``, ``DMY``, ``MDY``
    (any separator, any case) -> ``"dmy"`` or ``"mdy"``."""
    letters = "".join(c for c in text.lower() if c in "dmy")
    order = "".join(dict.fromkeys(letters))
    if order in ("dmy", "mdy"):
        return order
    raise RelcheckError(f"--date-format '{text}' is not one of DD/MM/YYYY or MM/DD/YYYY "
                        "(the order of day and month in the export)")


@dataclass
class Dates:
    """Reads the dates of one import with one day/month order."""

    order: Optional[str] = None  # "dmy" | "mdy" | None (not known yet)
    said: bool = False  # the order came from --date-format

    def learn(self, texts: list[tuple[str, str]]) -> None:
        """Settle the day/month order from the export's own dates (``texts``:
        (where, text)); refuse contradictions and, when needed, ambiguity."""
        if self.said:
            return
        first_over: dict[str, str] = {}
        ambiguous = ""
        for where, text in texts:
            match = _NUMERIC.match(text.strip())
            if not match:
                continue
            a, b = int(match.group(1)), int(match.group(3))
            if a > 12 and b <= 12:
                first_over.setdefault("dmy", f"{where} '{text.strip()}'")
            elif b > 12 and a <= 12:
                first_over.setdefault("mdy", f"{where} '{text.strip()}'")
            elif a != b and not ambiguous:
                ambiguous = f"{where} '{text.strip()}'"
        if len(first_over) == 2:
            raise RelcheckError(f"the export mixes date orders: {first_over['dmy']} is day first, "
                                f"{first_over['mdy']} is month first; say which with --date-format")
        if first_over:
            self.order = next(iter(first_over))
        elif ambiguous:
            raise RelcheckError(f"dates like {ambiguous} could be day/month or month/day, and no date "
                                "in the export settles it; say which with --date-format DD/MM/YYYY or "
                                "--date-format MM/DD/YYYY")

    def parse(self, text: str) -> date:
        value = text.strip()
        iso = _ISO.match(value)
        if iso:
            year, month, day, hour, minute, second, zone = iso.groups()
            try:
                moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                                  int(second or 0))
            except ValueError:
                raise DateError(f"'{value}' is not a real date") from None
            if hour is not None and zone and zone.upper() not in ("Z", "UTC", "GMT"):
                sign = 1 if zone[0] == "+" else -1
                digits = zone[1:].replace(":", "")
                moment -= sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            return moment.date()
        if _EPOCH_MS.match(value):
            return datetime.fromtimestamp(int(value) / 1000, tz=timezone.utc).date()
        ymd = _YMD.match(value)
        numeric = _NUMERIC.match(value)
        named = _NAMED.match(value)
        try:
            if ymd:
                return date(int(ymd.group(1)), int(ymd.group(2)), int(ymd.group(3)))
            if numeric:
                a, b, year = int(numeric.group(1)), int(numeric.group(3)), int(numeric.group(4))
                if year < 100:
                    year += 2000
                if self.order is None and a != b and a <= 12 and b <= 12:
                    raise DateError(f"'{value}' could be day/month or month/day; say which with --date-format")
                if self.order == "mdy" or (self.order is None and b > 12):
                    a, b = b, a
                return date(year, b, a)
            if named:
                if named.group(1):
                    day, month_name, year_text = named.group(1), named.group(2), named.group(3)
                else:
                    month_name, day, year_text = named.group(4), named.group(5), named.group(6)
                month = _MONTHS.get(month_name.lower())
                if month is None:
                    raise DateError(f"'{value}' is not a date relcheck can read")
                return date(int(year_text), month, int(day))
        except ValueError as err:
            if isinstance(err, DateError):
                raise
            raise DateError(f"'{value}' is not a real date") from None
        raise DateError(f"'{value}' is not a date relcheck can read (expected 2026-01-31, 31/01/2026 "
                        "or a datetime)")


def looks_like_date(text: str) -> bool:
    return bool(_NUMERIC.match(text.strip()))


def parse_amount(text: str) -> Optional[float]:
    """``48000``, ``48,000.50``, ``48.000,50``, ``$48,000``, ``48 000 €``."""
    value = re.sub(r"[^\d.,\-]", "", text.replace("\u00a0", ""))
    if not re.search(r"\d", value):
        return None
    if "," in value and "." in value:
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        value = value.replace(thousands, "").replace(decimal, ".")
    elif "," in value:
        parts = value.split(",")
        value = value.replace(",", "") if all(len(p) == 3 for p in parts[1:]) else value.replace(",", ".")
    elif value.count(".") > 1:
        value = value.replace(".", "")
    try:
        amount = float(value)
    except ValueError:
        return None
    if amount != amount or amount in (float("inf"), float("-inf")) or abs(amount) >= 1e15:
        return None
    return int(amount) if amount.is_integer() else amount


def parse_bool(text: str) -> Optional[bool]:
    value = text.strip().casefold()
    if value in ("true", "1", "yes", "y", "x", "done", "won", "wahr", "ja", "oui", "sí", "si", "verdadero"):
        return True
    if value in ("false", "0", "no", "n", "not done", "undone", "falsch", "nein", "non", "falso"):
        return False
    return None


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if tag in ("br", "p", "div", "li", "tr"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(text: str) -> str:
    """A note as text: HTML (Pipedrive and HubSpot store notes as HTML)
    becomes its words and line breaks; anything else stays as written."""
    if not re.search(r"</?[A-Za-z][^>]*>|&[a-z]+;|&#\d+;", text):
        return text.strip()
    parser = _Text()
    parser.feed(text)
    parser.close()
    lines = [" ".join(line.split()) for line in html.unescape("".join(parser.parts)).split("\n")]
    return "\n".join(line for line in lines if line).strip()


_PERSON = re.compile(r"^(.*?)\s*\(([^()\s]+@[^()\s]+)\)\s*$")


def people(text: str) -> list[tuple[str, str]]:
    """A multi-valued association cell -> [(name, email)]: HubSpot writes
    ``Name (email);Name (email)``; a bare email or a bare name is one person."""
    out = []
    for part in re.split(r";", text):
        part = part.strip()
        if not part:
            continue
        match = _PERSON.match(part)
        if match:
            out.append((match.group(1).strip(), match.group(2).strip()))
        elif "@" in part and " " not in part:
            out.append(("", part))
        else:
            out.append((part, ""))
    return out


def split_ids(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;,]", text) if p.strip()]
