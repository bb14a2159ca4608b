"""The JSON of model records straight from their Arrow columns, as the ledger's ``record`` column holds it.

:func:`json_column` gives, for an Arrow array of a model type (a struct of an Event's fields, say), the
text ``json.dumps(record.to_dict(), ensure_ascii=False)`` gives for each record read back from it
(``thucydides.dataset``), character for character: keys in field order, ``", "`` and ``": "`` separators,
strings escaped as Python's encoder escapes them (only ``"``, ``\\`` and control characters, the rest as it
is), floats as Python writes them, a ``float | int`` field as an int when its value is whole (as the dataset
reader gives it). The work is done by Arrow's string kernels, a column at a time; only floats and strings
with control characters are formatted in Python.
"""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from functools import cache
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

_ESCAPE = json.encoder.encode_basestring  # the C function when available, as json.dumps uses it
_FLOAT = json.JSONEncoder(allow_nan=True)


def json_column(array: pa.Array | pa.ChunkedArray, hint: Any) -> pa.Array:
    """The JSON text of each value of an array of the model type ``hint`` (a string array without nulls)."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return _encode(array, hint)


def _encode(array: pa.Array, hint: Any) -> pa.Array:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if set(args) == {float, int}:
            return _floats(array, whole_as_int=True)
        return _encode(array, args[0]) if len(args) == 1 else _strings(array)
    if origin is list:
        return _list(array, array.offsets, _encode(array.values, typing.get_args(hint)[0]), "[", "]")
    if origin is dict:
        key, value = typing.get_args(hint)
        entries = pc.binary_join_element_wise(_encode(array.keys, key), ": ", _encode(array.items, value), "")
        return _list(array, array.offsets, entries, "{", "}")
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _struct(array, hint)
    if hint is str:
        return _strings(array)
    if hint is bool:
        return pc.fill_null(pc.if_else(array, "true", "false"), "null")
    if hint is int:
        return pc.fill_null(pc.cast(array, pa.string()), "null")
    if hint is float:
        return _floats(array, whole_as_int=False)
    return _strings(array)


def _null(array: pa.Array, text: pa.Array) -> pa.Array:
    if array.null_count == 0:
        return text
    return pc.if_else(pc.is_valid(array), text, "null")


@cache
def _hints(cls: type) -> tuple[list[str], dict[str, Any]]:
    return [f.name for f in dataclasses.fields(cls)], typing.get_type_hints(cls)


def _struct(array: pa.Array, cls: type) -> pa.Array:
    names, hints = _hints(cls)
    if [array.type.field(i).name for i in range(array.type.num_fields)] != names:
        raise ValueError(f"the columns of {cls.__name__} are not its fields")
    children = array.flatten()
    parts: list[Any] = []
    for i, (name, child) in enumerate(zip(names, children, strict=True)):
        parts.append(("{" if i == 0 else ", ") + json.dumps(name) + ": ")
        parts.append(_encode(child, hints[name]))
    if not parts:
        return _null(array, pa.array(["{}"] * len(array), pa.string()))
    parts.append("}")
    return _null(array, pc.binary_join_element_wise(*parts, ""))


def _list(array: pa.Array, offsets: pa.Array, items: pa.Array, opening: str, closing: str) -> pa.Array:
    joined = pc.binary_join(pa.ListArray.from_arrays(offsets, items), ", ")
    return _null(array, pc.binary_join_element_wise(opening, joined, closing, ""))


def _strings(array: pa.Array) -> pa.Array:
    if pa.types.is_large_string(array.type):
        array = array.cast(pa.string())
    if pc.any(pc.match_substring_regex(array, r"[\x00-\x1f]")).as_py():  # rare: Python escapes those
        text = pa.array([None if v is None else _ESCAPE(v) for v in array.to_pylist()], pa.string())
    else:
        escaped = pc.replace_substring(pc.replace_substring(array, "\\", "\\\\"), '"', '\\"')
        text = pc.binary_join_element_wise('"', escaped, '"', "")
    return pc.fill_null(text, "null")


def _floats(array: pa.Array, whole_as_int: bool) -> pa.Array:
    values = array.to_pylist()
    if not whole_as_int and array.null_count == 0 and pc.all(pc.is_finite(array)).as_py() is not False:
        return pa.array(list(map(float.__repr__, values)), pa.string())
    out = []
    for v in values:
        if v is None:
            out.append("null")
        elif whole_as_int and math.isfinite(v) and float(v).is_integer():
            out.append(str(int(v)))
        else:
            out.append(_FLOAT.encode(float(v)))
    return pa.array(out, pa.string())
