"""Frozen dataclasses to JSON-ready dicts and back, guided by their type hints.

Used to store dialogue events and shown product cards: `Decimal`s travel as strings, tuples as
lists, nested dataclasses as dicts. Decoding checks every value against the field's type, so
a stored row that no longer fits the code is an error, never a silently wrong state.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from decimal import Decimal
from typing import Any, TypeVar

T = TypeVar("T")


class CodecError(ValueError):
    """Stored data does not fit the dataclass it is decoded into."""


def encode(value: Any) -> Any:
    """A dataclass (or a value inside one) as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise CodecError(f"cannot encode {type(value).__name__}")


def decode(cls: type[T], data: Any) -> T:
    """Rebuild `cls` from `encode`'s output; a missing, unknown or mistyped field is an error."""
    if not isinstance(data, dict):
        raise CodecError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    unknown = set(data) - set(hints)
    if unknown:
        raise CodecError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
    values = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.name in data:
            values[field.name] = _decode_value(hints[field.name], data[field.name], field.name)
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise CodecError(f"{cls.__name__}: missing field {field.name!r}")
    return cls(**values)


def _decode_value(hint: Any, value: Any, name: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        (inner,) = [option for option in options if option is not type(None)]
        return _decode_value(inner, value, name)
    if origin is tuple:
        if not isinstance(value, list):
            raise CodecError(f"{name}: expected a list")
        item = typing.get_args(hint)[0]
        return tuple(_decode_value(item, v, name) for v in value)
    if dataclasses.is_dataclass(hint):
        return decode(hint, value)  # type: ignore[arg-type]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(value)
        except ValueError as error:
            raise CodecError(f"{name}: {value!r} is not a {hint.__name__}") from error
    if hint is Decimal:
        if not isinstance(value, str | int):
            raise CodecError(f"{name}: expected a decimal string")
        return Decimal(value)
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if hint in (str, int, bool) and type(value) is hint:
        return value
    raise CodecError(f"{name}: {value!r} is not a {hint}")
