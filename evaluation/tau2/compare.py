"""Where the store after a conversation differs from the database τ² expects."""

from __future__ import annotations

from typing import Any

IGNORED = {"fulfillments"}


def differences(actual: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """Readable lines, one per differing field of a user or an order; [] when equal.

    Floats compare rounded to 2 places. Products are not compared, and neither are an order's
    `fulfillments`: no customer-service action changes them (the store keeps one tracking
    number per order and rebuilds them). A field absent on one side equals None on the other.

    τ²'s `modify_pending_order_items` gives every changed item the price and options of the
    last new item of the call (a slip in its loop), so for an order whose items were changed
    the items compare by item id, and the store's own price and options of each item are
    checked against that item's catalog entry instead.
    """
    found: list[str] = []
    for table, label in (("users", "user"), ("orders", "order")):
        for key in sorted(set(actual[table]) | set(expected[table])):
            mine, theirs = actual[table].get(key), expected[table].get(key)
            if mine is None or theirs is None:
                found.append(f"{label} {key}: {'missing' if mine is None else 'unexpected'}")
                continue
            modified = theirs.get("status") == "pending (item modified)"
            if modified:
                found += _items_against_catalog(key, mine["items"], actual["products"])
            for field in sorted((set(mine) | set(theirs)) - IGNORED):
                got, want = _rounded(mine.get(field)), _rounded(theirs.get(field))
                if modified and field == "items":
                    got, want = _item_ids(got), _item_ids(want)
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


def _item_ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["item_id"] for item in items]


def _items_against_catalog(
    number: str, items: list[dict[str, Any]], products: dict[str, Any]
) -> list[str]:
    """Items whose price or options are not those of their item id in the catalog."""
    found = []
    for item in items:
        variant = products[item["product_id"]]["variants"][item["item_id"]]
        if _rounded(item["price"]) != _rounded(variant["price"]):
            found.append(f"order {number} item {item['item_id']} price: {item['price']!r}")
        if item["options"] != variant["options"]:
            found.append(f"order {number} item {item['item_id']} options: {item['options']!r}")
    return found
