"""The docstring written under each field of a pydantic model.

Models keep their documentation as a docstring under each field (one source
for readers, ``relcheck explain`` and the JSON Schema).  pydantic can read
those itself (``use_attribute_docstrings``), but only by parsing the source at
import time, which costs tens of milliseconds on every run; relcheck reads
them here instead, only for the commands that show them.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from functools import cache
from typing import Any


@cache
def field_docs(model: type) -> dict[str, str]:
    """``{field name: docstring}`` for a model or dataclass and the classes it
    inherits from."""
    docs: dict[str, str] = {}
    for klass in reversed(model.__mro__):
        if klass.__module__ in ("builtins", "pydantic.main"):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for node, following in zip(body, body[1:], strict=False):
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                docs[node.target.id] = inspect.cleandoc(following.value.value)
    return docs


def with_field_docs(schema: dict[str, Any], models: list[Any]) -> dict[str, Any]:
    """Fill each property's ``description`` in a JSON Schema's ``$defs``."""
    definitions = schema.get("$defs", {})
    for model in models:
        entry = definitions.get(model.__name__)
        if entry is None:
            continue
        docs = field_docs(model)
        for name, field in model.model_fields.items():
            prop = entry.get("properties", {}).get(field.alias or name)
            if prop is not None and name in docs:
                prop["description"] = docs[name]
    return schema
