"""The account file, format version 1 (SPEC section 2), as pydantic models.

One source feeds validation, error messages and the JSON Schema: every field
carries a docstring (read by :mod:`relcheck.fielddocs` for the schema) and
every model forbids unknown keys, so a typo is an error rather than silently
lost data.

The loader hands these models plain scalars as *strings* (it resolves only
``null``), so ``response: no`` arrives as ``"no"`` and a deal named ``1.10``
stays ``"1.10"``; numbers and dates are parsed here, from their text.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Optional, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from . import records
from .records import (
    Channel,
    DealStatus,
    Direction,
    Purpose,
    Response,
    Stakeholder,
    Tier,
    day_of,
    one_or_many,
    ratio_of,
    slugify,
)

FORMAT_VERSION = 1


def _one_or_many(value: Any) -> Any:
    return one_or_many(value)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")
MAX_NUMBER_TEXT = 32
"""No number in an account file is written with more characters than this
(a 400-digit amount is a mistake, and converting it costs time or overflows)."""


def _day(value: Any) -> Any:
    """A day is written YYYY-MM-DD (or as an ISO datetime): never a number of
    seconds since 1970, as a lax date parser would read ``date: 0``."""
    value = day_of(value)
    if isinstance(value, str) and not _ISO_DAY.match(value.strip()):
        raise ValueError(f"{value!r} is not a valid date (expected YYYY-MM-DD)")
    return value


def _short_number(value: Any) -> Any:
    if isinstance(value, str) and len(value.strip()) > MAX_NUMBER_TEXT:
        raise ValueError(f"a number of {len(value.strip())} characters is not a plausible value")
    return value


def _ratio(value: Any) -> Any:
    return ratio_of(_short_number(value))


Day = Annotated[date, BeforeValidator(_day, json_schema_input_type=Union[date, datetime])]
Names = Annotated[list[str], BeforeValidator(_one_or_many, json_schema_input_type=Union[str, list[str]])]
# Constraints first, the before-validator last: that way pydantic still
# writes them into the JSON Schema as minimum/maximum.
Amount = Annotated[float, Field(ge=0, allow_inf_nan=False), BeforeValidator(_short_number)]
Count = Annotated[int, Field(ge=0), BeforeValidator(_short_number)]
Score = Annotated[float, Field(ge=1, le=10, allow_inf_nan=False), BeforeValidator(_short_number)]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        frozen=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _null_means_not_recorded(cls, data: Any) -> Any:
        """``key:`` with no value (or ``~``) is as if the key were absent."""
        if isinstance(data, dict) and None in data.values():
            known = {field.alias or name for name, field in cls.model_fields.items()}
            # An unknown key keeps its null, so it is still reported (a typo,
            # or a comma inside {...} that started a new key).
            return {key: value for key, value in data.items() if value is not None or key not in known}
        return data


class OwnerSpell(_Strict):
    """One owner of the account on our side, from a date on."""

    name: str
    """Our rep who owned the account."""
    since: Day
    """The day this rep took the account over."""


class Trust(_Strict):
    """Recorded trust-equation scores for one contact, 1-10 each."""

    credibility: Optional[Score] = None
    """How believable our words are to this person (1-10)."""
    reliability: Optional[Score] = None
    """How dependable our actions have been for this person (1-10)."""
    intimacy: Optional[Score] = None
    """How safe this person feels sharing with us (1-10)."""
    self_orientation: Optional[Score] = None
    """How much we seem focused on ourselves rather than them (1-10; lower is better)."""


class Contact(_Strict):
    """A person at the customer."""

    name: str = Field(min_length=1)
    """The person's name; unique within the account and used by `with:`."""
    role: Optional[str] = None
    """Their job title."""
    stakeholder: Optional[Stakeholder] = None
    """Their part in buying decisions."""
    email: Optional[str] = None
    """Their e-mail address."""
    goals: Names = []
    """What they want to achieve."""
    issues: Names = []
    """Business issues they face."""
    personal_impact: Optional[str] = None
    """How those issues affect them personally."""
    trust: Optional[Trust] = None
    """Recorded trust-equation scores."""
    left: Optional[Day] = None
    """The day this person left the customer."""
    ref: Optional[str] = None
    """The contact's record id in a CRM (set by relcheck import; re-imports match on it)."""


class Deal(_Strict):
    """Something we sold or are selling to the account."""

    name: str = Field(min_length=1)
    """What the deal is."""
    status: DealStatus = DealStatus.OPEN
    """open, won or lost."""
    opened: Optional[Day] = None
    """The day the deal was opened."""
    closed: Optional[Day] = None
    """The day the deal was won or lost (required for won and lost deals)."""
    amount: Optional[Amount] = None
    """The deal's value."""
    ref: Optional[str] = None
    """The deal's record id in a CRM (set by relcheck import; re-imports match on it)."""

    @model_validator(mode="after")
    def _closed_when_decided(self) -> Deal:
        if self.status is not DealStatus.OPEN and self.closed is None:
            raise ValueError(f"a {self.status.value} deal needs a 'closed' date")
        if self.opened and self.closed and self.closed < self.opened:
            raise ValueError(
                f"deal closed ({self.closed}) before it was opened ({self.opened})"
            )
        return self


class Interaction(_Strict):
    """One touch between us and the customer."""

    date: Day
    """When it happened: a date or an ISO datetime."""
    with_: Names = Field(alias="with", min_length=1)
    """The contact (or list of contacts) it was with."""
    direction: Direction
    """outbound (we reached out) or inbound (they did)."""
    channel: Optional[Channel] = None
    """How it happened."""
    purpose: Purpose = Purpose.OTHER
    """Why we (or they) reached out; pitch means selling: demo, proposal, pricing, upsell."""
    response: Optional[Response] = None
    """The customer's answer; none means no reply."""
    questions: Optional[Count] = None
    """How many questions we asked."""
    talk_ratio: Annotated[
        Optional[float], BeforeValidator(_ratio, json_schema_input_type=Union[float, str, None])
    ] = Field(
        default=None, ge=0, le=1
    )
    """Share of the conversation we talked, 0..1 or a percentage such as "55%"."""
    next_step: Optional[str] = None
    """What we promised to do next."""
    due: Optional[Day] = None
    """When we promised next_step."""
    notes: Optional[str] = None
    """Free text."""
    ref: Optional[str] = None
    """The activity's record id in a CRM (set by relcheck import; re-imports match on it)."""

    model_config = ConfigDict(populate_by_name=True)


class Suppression(_Strict):
    """An explicit, reasoned decision not to report one rule on this account."""

    rule: str = Field(min_length=1)
    """The rule code (REL004) or slug (owner-churn) to suppress."""
    reason: str = Field(min_length=1)
    """Why; required, so every suppression can be audited."""
    until: Optional[Day] = None
    """The suppression stops on this day; after it, the rule reports again."""


class Account(_Strict):
    """One customer account."""

    name: str = Field(min_length=1)
    """The account's name; unique across the whole run."""
    id: Optional[str] = None
    """A short slug; derived from the name when absent."""
    owner: Optional[str] = None
    """The account's current owner (our rep)."""
    tier: Tier = Tier.STANDARD
    """key, growth or standard; sets the check-in cadence."""
    owner_history: list[OwnerSpell] = []
    """Our side's owners, oldest first."""
    contacts: list[Contact] = []
    """The people at the customer."""
    deals: list[Deal] = []
    """What we sold or are selling."""
    interactions: list[Interaction] = []
    """Every touch, in any order."""
    ignore: list[Suppression] = []
    """Suppressions, each with a reason."""

    @field_validator("id")
    @classmethod
    def _id_is_a_slug(cls, value: Optional[str]) -> Optional[str]:
        return value or None

    @property
    def slug(self) -> str:
        return self.id or slugify(self.name)


class AccountFile(_Strict):
    """A file holding a list of accounts."""

    version: Optional[int] = None
    """The format version (1); optional."""
    accounts: list[Account] = []
    """The accounts in this file."""


def to_record(value: Any) -> Any:
    """A validated model (or a list of them) as the matching record type.
    Every field of the model is handed on: a field the record lacks is a
    ``TypeError`` here, never silently dropped data."""
    if isinstance(value, list):
        return tuple(to_record(item) for item in value)
    if isinstance(value, BaseModel):
        target = getattr(records, type(value).__name__)
        return target(**{name: to_record(getattr(value, name)) for name in type(value).model_fields})
    return value


def validate_account(data: Any) -> records.Account:
    """Validate one account mapping with the models; raises ``ValidationError``."""
    return to_record(Account.model_validate(data))


def _spelling(value: str) -> str:
    """A JSON Schema (ECMA-262) pattern for every spelling relcheck reads as
    ``value``: any case, ``_`` or spaces for ``-``, spaces around."""
    parts = []
    for char in value:
        if char == "-":
            parts.append("(?:-|[\\s_]+)")
        elif char.isalpha():
            parts.append(f"[{char.lower()}{char.upper()}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


_DAY_PATTERN = "^\\s*\\d{4}-\\d{2}-\\d{2}(?:[Tt ].*)?\\s*$"
_PERCENT_PATTERN = "^\\s*\\d+(?:\\.\\d*)?\\s*%\\s*$"


def _as_relcheck_reads(schema: dict[str, Any]) -> None:
    """Make the editor schema accept exactly what the reader accepts: enums
    in any case and spelling, dates with or without a time, and talk ratios
    written as a percentage."""
    for definition in schema.get("$defs", {}).values():
        values = definition.get("enum")
        if isinstance(values, list) and all(isinstance(v, str) for v in values):
            del definition["enum"]
            definition["pattern"] = "^\\s*(?:" + "|".join(_spelling(v) for v in values) + ")\\s*$"
            definition["examples"] = values
        for prop in definition.get("properties", {}).values():
            branches = prop.get("anyOf", [])
            if any(b.get("format") in ("date", "date-time") for b in branches):
                for key in ("anyOf", "format"):
                    prop.pop(key, None)
                prop.update({"type": "string", "pattern": _DAY_PATTERN})
            elif {"type": "string"} in branches and {"type": "number"} in branches:
                branches[branches.index({"type": "string"})] = {"type": "string", "pattern": _PERCENT_PATTERN}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an account file, for editors (``relcheck schema``)."""
    from pydantic import TypeAdapter

    from .fielddocs import with_field_docs

    schema = TypeAdapter(Union[AccountFile, Account]).json_schema(mode="validation")
    with_field_docs(schema, [AccountFile, Account, OwnerSpell, Trust, Contact, Deal, Interaction, Suppression])
    _as_relcheck_reads(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"relcheck account file, format version {FORMAT_VERSION}"
    schema["description"] = (
        "A mapping with 'accounts:' (a list), or a single account mapping with 'name:'."
    )
    return schema
