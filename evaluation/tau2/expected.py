"""The database τ²-bench retail expects after a task: its gold actions applied to db.json.

Each write action has the effect τ²'s own tools define (the data's `reference_tools.py`),
written here from that definition; look-ups, `calculate` and a transfer change nothing. An
action τ²'s tool would refuse (an order in the wrong status, a gift card short of the amount,
an item not available, a refund to another card) changes nothing, as there.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

Db = dict[str, Any]


def expected_state(db: Db, actions: list[dict[str, Any]]) -> Db:
    """A copy of `db` with every write action of `actions` applied in order."""
    store = copy.deepcopy(db)
    for action in actions:
        effect = EFFECTS.get(action["name"])
        if effect is not None and allowed(store, action["name"], action["arguments"]):
            effect(store, **action["arguments"])
    return store


def allowed(store: Db, name: str, args: dict[str, Any]) -> bool:
    """Whether τ²'s tool would carry the action out rather than raise."""
    if "order_id" not in args:
        return True
    order = store["orders"][args["order_id"]]
    status = order["status"]
    if name in ("cancel_pending_order", "modify_pending_order_items") and status != "pending":
        return False
    if name.startswith("modify_pending") and "pending" not in status:
        return False
    delivered_only = ("return_delivered_order_items", "exchange_delivered_order_items")
    if name in delivered_only and status != "delivered":
        return False
    method_id = args.get("payment_method_id")
    if method_id is None:
        return True
    method = _method(store, order["user_id"], method_id)
    gift = method["source"] == "gift_card"
    if name == "return_delivered_order_items":
        return gift or method_id == order["payment_history"][0]["payment_method_id"]
    if name == "modify_pending_order_payment":
        return not gift or method["balance"] >= order["payment_history"][0]["amount"]
    news = [
        _variant(store, _item(order, old)["product_id"], new)
        for old, new in zip(args["item_ids"], args["new_item_ids"], strict=True)
    ]
    if not all(variant["available"] for variant in news):
        return False
    difference = _difference(store, order, args["item_ids"], args["new_item_ids"])
    return not gift or method["balance"] >= difference


def _item(order: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(i for i in order["items"] if i["item_id"] == item_id)


def write_actions(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actions of `actions` that change the database, in order."""
    return [a for a in actions if a["name"] in EFFECTS]


def _method(store: Db, user_id: str, method_id: str) -> dict[str, Any]:
    return store["users"][user_id]["payment_methods"][method_id]


def _credit(method: dict[str, Any], amount: float) -> None:
    if method["source"] == "gift_card":
        method["balance"] = round(method["balance"] + amount, 2)


def _variant(store: Db, product_id: str, item_id: str) -> dict[str, Any]:
    return store["products"][product_id]["variants"][item_id]


def _difference(store: Db, order: dict[str, Any], item_ids: list[str], new_ids: list[str]) -> float:
    total = 0.0
    for item_id, new_id in zip(item_ids, new_ids, strict=True):
        item = next(i for i in order["items"] if i["item_id"] == item_id)
        total += _variant(store, item["product_id"], new_id)["price"] - item["price"]
    return round(total, 2)


def cancel_pending_order(store: Db, order_id: str, reason: str) -> None:
    order = store["orders"][order_id]
    refunds = []
    for payment in order["payment_history"]:
        refunds.append(
            {
                "transaction_type": "refund",
                "amount": payment["amount"],
                "payment_method_id": payment["payment_method_id"],
            }
        )
        _credit(_method(store, order["user_id"], payment["payment_method_id"]), payment["amount"])
    order["status"] = "cancelled"
    order["cancel_reason"] = reason
    order["payment_history"].extend(refunds)


def _address(**fields: str) -> dict[str, str]:
    keys = ("address1", "address2", "city", "country", "state", "zip")
    return {key: fields[key] for key in keys}


def modify_pending_order_address(store: Db, order_id: str, **address: str) -> None:
    store["orders"][order_id]["address"] = _address(**address)


def modify_user_address(store: Db, user_id: str, **address: str) -> None:
    store["users"][user_id]["address"] = _address(**address)


def modify_pending_order_payment(store: Db, order_id: str, payment_method_id: str) -> None:
    order = store["orders"][order_id]
    first = order["payment_history"][0]
    amount = first["amount"]
    order["payment_history"] += [
        {"transaction_type": "payment", "amount": amount, "payment_method_id": payment_method_id},
        {
            "transaction_type": "refund",
            "amount": amount,
            "payment_method_id": first["payment_method_id"],
        },
    ]
    _credit(_method(store, order["user_id"], payment_method_id), -amount)
    _credit(_method(store, order["user_id"], first["payment_method_id"]), amount)


def modify_pending_order_items(
    store: Db, order_id: str, item_ids: list[str], new_item_ids: list[str], payment_method_id: str
) -> None:
    order = store["orders"][order_id]
    difference, variant = 0.0, {}
    for item_id, new_id in zip(item_ids, new_item_ids, strict=True):
        item = next(i for i in order["items"] if i["item_id"] == item_id)
        variant = _variant(store, item["product_id"], new_id)
        difference += variant["price"] - item["price"]
    # τ²'s tool does not round this difference before recording it (only gift card balances).
    order["payment_history"].append(
        {
            "transaction_type": "payment" if difference > 0 else "refund",
            "amount": abs(difference),
            "payment_method_id": payment_method_id,
        }
    )
    _credit(_method(store, order["user_id"], payment_method_id), -difference)
    for item_id, new_id in zip(item_ids, new_item_ids, strict=True):
        item = next(i for i in order["items"] if i["item_id"] == item_id)
        item["item_id"] = new_id
        # Faithful to τ²'s tool: `variant` is the LAST new variant of the loop above, so every
        # modified item takes that variant's price and options, whatever its own new item is.
        item["price"], item["options"] = variant["price"], copy.deepcopy(variant["options"])
    order["status"] = "pending (item modified)"


def return_delivered_order_items(
    store: Db, order_id: str, item_ids: list[str], payment_method_id: str
) -> None:
    order = store["orders"][order_id]
    order["status"] = "return requested"
    order["return_items"] = sorted(item_ids)
    order["return_payment_method_id"] = payment_method_id


def exchange_delivered_order_items(
    store: Db, order_id: str, item_ids: list[str], new_item_ids: list[str], payment_method_id: str
) -> None:
    order = store["orders"][order_id]
    order["exchange_price_difference"] = _difference(store, order, item_ids, new_item_ids)
    order["status"] = "exchange requested"
    order["exchange_items"] = sorted(item_ids)
    order["exchange_new_items"] = sorted(new_item_ids)
    order["exchange_payment_method_id"] = payment_method_id


EFFECTS: dict[str, Callable[..., None]] = {
    "cancel_pending_order": cancel_pending_order,
    "modify_pending_order_address": modify_pending_order_address,
    "modify_pending_order_payment": modify_pending_order_payment,
    "modify_pending_order_items": modify_pending_order_items,
    "modify_user_address": modify_user_address,
    "return_delivered_order_items": return_delivered_order_items,
    "exchange_delivered_order_items": exchange_delivered_order_items,
}
