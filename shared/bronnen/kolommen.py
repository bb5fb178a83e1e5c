"""The Arrow (Parquet) schema of a source's records, derived from its pydantic model."""

from __future__ import annotations

import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any

import pyarrow as pa

from shared.models.bronnen import BronRecord


def _arrow_type(annotation: Any) -> pa.DataType:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _arrow_type(members[0])
    if origin is typing.Annotated:
        return _arrow_type(typing.get_args(annotation)[0])
    if origin is typing.Literal:
        return pa.string()
    if annotation is date:
        return pa.date32()
    if annotation is int:
        return pa.int64()
    if annotation is Decimal:
        return pa.decimal128(8, 2)
    if annotation is str:
        return pa.string()
    raise TypeError(f"no Arrow type for {annotation!r}")


def schema(model: type[BronRecord]) -> pa.Schema:
    """One column per field, nullable where the field is optional.

    >>> from shared.models.bronnen import Voortvluchtig
    >>> schema(Voortvluchtig).names
    ['bsn', 'sinds']
    """
    return pa.schema(
        pa.field(name, _arrow_type(field.annotation), nullable=not field.is_required())
        for name, field in model.model_fields.items()
    )
