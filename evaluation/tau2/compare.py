"""Where the store after a conversation differs from the database τ² expects."""

from __future__ import annotations

from typing import Any

IGNORED = {"fulfillments"}


def differences(actual: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """Readable lines, one per differing field of a user or an order; [] when equal.

    Floats compare rounded to 2 places. Products are not compared, and neither are an order's
    `fulfillments`: no customer-service action changes them (the store keeps one tracking
    number per order and rebuilds them). A field absent on one side equals None on the other.
    """
    found: list[str] = []
    for table, label in (("users", "user"), ("orders", "order")):
        for key in sorted(set(actual[table]) | set(expected[table])):
            mine, theirs = actual[table].get(key), expected[table].get(key)
            if mine is None or theirs is None:
                found.append(f"{label} {key}: {'missing' if mine is None else 'unexpected'}")
                continue
            for field in sorted((set(mine) | set(theirs)) - IGNORED):
                got, want = _rounded(mine.get(field)), _rounded(theirs.get(field))
                if got != want:
                    found.append(f"{label} {key} {field}: {got!r} != {want!r}")
    return found


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value
