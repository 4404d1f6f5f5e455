"""The account format is spelled three times; this keeps the three in step.

* :mod:`relcheck.format.schema`: the pydantic models (validation messages,
  JSON Schema) — the authority;
* :mod:`relcheck.format.records`: the dataclasses the rules read;
* :mod:`relcheck.reading.fast`: the fast path's readers (valid input never
  touches pydantic).

For every record type: the same field names, the same keys as written in a
file (``with`` for ``with_``), the same required fields and the same
defaults.  A field added to one spelling and not the others fails here
before it can be read by one path and dropped by another.
"""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import BaseModel

from relcheck.format import records, schema
from relcheck.reading import fast

RECORD_TYPES = ["OwnerSpell", "Trust", "Contact", "Deal", "Interaction", "Suppression", "Account"]


def _plain(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


@pytest.mark.parametrize("name", RECORD_TYPES)
def test_models_records_and_fast_readers_agree(name: str) -> None:
    model: type[BaseModel] = getattr(schema, name)
    record = getattr(records, name)
    record_fields = {f.name: f for f in dataclasses.fields(record)}

    assert set(model.model_fields) == set(record_fields), "field names"

    written = {field.alias or attr for attr, field in model.model_fields.items()}
    fast_keys, fast_required = fast.KEYS[record]
    assert fast_keys == written, "keys the fast path reads"

    model_required = {field.alias or attr for attr, field in model.model_fields.items() if field.is_required()}
    record_required = {
        (model.model_fields[attr].alias or attr) for attr, f in record_fields.items()
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    assert model_required == record_required == fast_required, "required fields"

    for attr, field in model.model_fields.items():
        if field.is_required():
            continue
        f = record_fields[attr]
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
        assert _plain(field.get_default(call_default_factory=True)) == default, f"default of {attr}"


def test_every_model_is_checked() -> None:
    models = {name for name, value in vars(schema).items()
              if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == schema.__name__
              and not name.startswith("_") and name != "AccountFile"}
    assert models == set(RECORD_TYPES)
