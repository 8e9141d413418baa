"""Never-seen τ²-bench retail tasks, drawn at random from the store's own customers and orders.

τ² ships only its train tasks, so the check that the desk is not tuned to them is a set of new
tasks in the same format: a random customer, one to three changes their orders allow (cancel,
new address, new payment method, new item options, return, exchange, new default address),
each one the store's rules permit, and the amounts the customer must be told.

    python -m evaluation.tau2.fresh_tasks --count 60 --seed 7 > fresh.json
    python -m benchmarks.tau2_retail --tasks fresh.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from evaluation.tau2.expected import allowed, expected_state

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "tau2-retail"
Db = dict[str, Any]
Action = tuple[str, dict[str, Any]]
NEW_ADDRESSES = (
    ("12 Harbor Lane", "Apt 4", "Portland", "ME", "04101"),
    ("880 Cedar Court", "", "Boise", "ID", "83702"),
    ("45 Willow Street", "Unit 9", "Madison", "WI", "53703"),
)


def fresh_tasks(db: Db, count: int, seed: int) -> list[dict[str, Any]]:
    """`count` tasks, each for a different random customer with at least one possible change."""
    rng = random.Random(seed)
    users = sorted(db["users"])
    rng.shuffle(users)
    tasks: list[dict[str, Any]] = []
    for user_id in users:
        if len(tasks) == count:
            break
        actions = _actions(db, db["users"][user_id], rng)
        if actions:
            tasks.append(
                _task(f"fresh-{seed}-{len(tasks)}", db, db["users"][user_id], actions, rng)
            )
    return tasks


def _actions(db: Db, user: dict[str, Any], rng: random.Random) -> list[Action]:
    """One to three allowed changes, each on a different order, applied in turn."""
    state = json.loads(json.dumps(db))
    makers = list(MAKERS)
    rng.shuffle(makers)
    chosen: list[Action] = []
    used: set[str] = set()
    for make in makers[: rng.randint(1, 3)]:
        action = make(state, user, used, rng)
        if action is None or not allowed(state, *action):
            continue
        used.add(action[1].get("order_id", ""))
        chosen.append(action)
        state = expected_state(state, [{"name": action[0], "arguments": action[1]}])
    return chosen


def _orders(state: Db, user: dict[str, Any], status: str, used: set[str]) -> list[dict]:
    return [
        state["orders"][number]
        for number in user["orders"]
        if number not in used and state["orders"][number]["status"] == status
    ]


def _methods(user: dict[str, Any]) -> list[str]:
    return sorted(user["payment_methods"])


def _other_variant(state: Db, item: dict[str, Any], rng: random.Random) -> str | None:
    variants = state["products"][item["product_id"]]["variants"].values()
    others = [v["item_id"] for v in variants if v["available"] and v["item_id"] != item["item_id"]]
    return rng.choice(sorted(others)) if others else None


def _cancel(state: Db, user: dict, used: set[str], rng: random.Random) -> Action | None:
    orders = _orders(state, user, "pending", used)
    if not orders:
        return None
    reason = rng.choice(["no longer needed", "ordered by mistake"])
    return "cancel_pending_order", {"order_id": rng.choice(orders)["order_id"], "reason": reason}


def _address(state: Db, user: dict, used: set[str], rng: random.Random) -> Action | None:
    orders = _orders(state, user, "pending", used)
    if not orders:
        return None
    return "modify_pending_order_address", {
        "order_id": rng.choice(orders)["order_id"],
        **_address_args(rng),
    }


def _user_address(state: Db, user: dict, used: set[str], rng: random.Random) -> Action | None:
    return "modify_user_address", {"user_id": user["user_id"], **_address_args(rng)}


def _address_args(rng: random.Random) -> dict[str, str]:
    address1, address2, city, state, zip_code = rng.choice(NEW_ADDRESSES)
    return {
        "address1": address1,
        "address2": address2,
        "city": city,
        "state": state,
        "country": "USA",
        "zip": zip_code,
    }


def _payment(state: Db, user: dict, used: set[str], rng: random.Random) -> Action | None:
    orders = [o for o in _orders(state, user, "pending", used) if len(o["payment_history"]) == 1]
    if not orders:
        return None
    order = rng.choice(orders)
    paid_with = order["payment_history"][0]["payment_method_id"]
    others = [m for m in _methods(user) if m != paid_with]
    if not others:
        return None
    method = rng.choice(others)
    return "modify_pending_order_payment", {
        "order_id": order["order_id"],
        "payment_method_id": method,
    }


def _swap(name: str, status: str) -> Callable[..., Action | None]:
    """Change one or two items of an order for other options of the same products."""

    def swap(state: Db, user: dict, used: set[str], rng: random.Random) -> Action | None:
        orders = _orders(state, user, status, used)
        if not orders:
            return None
        order = rng.choice(orders)
        items = rng.sample(order["items"], min(len(order["items"]), rng.randint(1, 2)))
        news = [_other_variant(state, item, rng) for item in items]
        pairs = [(i["item_id"], n) for i, n in zip(items, news, strict=True) if n is not None]
        if not pairs:
            return None
        return name, {
            "order_id": order["order_id"],
            "item_ids": [old for old, _ in pairs],
            "new_item_ids": [new for _, new in pairs],
            "payment_method_id": order["payment_history"][0]["payment_method_id"],
        }

    return swap


def _return(state: Db, user: dict, used: set[str], rng: random.Random) -> Action | None:
    orders = _orders(state, user, "delivered", used)
    if not orders:
        return None
    order = rng.choice(orders)
    items = rng.sample(order["items"], rng.randint(1, len(order["items"])))
    gift_cards = [m for m in _methods(user) if m.startswith("gift_card")]
    method = rng.choice([order["payment_history"][0]["payment_method_id"], *gift_cards])
    return "return_delivered_order_items", {
        "order_id": order["order_id"],
        "item_ids": [item["item_id"] for item in items],
        "payment_method_id": method,
    }


MAKERS = (
    _cancel,
    _address,
    _user_address,
    _payment,
    _swap("modify_pending_order_items", "pending"),
    _return,
    _swap("exchange_delivered_order_items", "delivered"),
)


def _task(
    task_id: str, db: Db, user: dict[str, Any], actions: list[Action], rng: random.Random
) -> dict[str, Any]:
    name = user["name"]
    by_email = rng.random() < 0.4
    known = (
        f"Your email is {user['email']}."
        if by_email
        else f"You are {name['first_name']} {name['last_name']} living in zip code "
        f"{user['address']['zip']}."
    )
    return {
        "id": task_id,
        "user_scenario": {
            "instructions": {
                "domain": "retail",
                "reason_for_call": "You want to make some changes to your orders or account.",
                "known_info": known,
                "unknown_info": "" if by_email else "You do not remember your email address.",
                "task_instructions": ".",
            }
        },
        "evaluation_criteria": {
            "actions": [
                {"action_id": f"{task_id}_{n}", "name": action, "arguments": args}
                for n, (action, args) in enumerate(actions)
            ],
            "communicate_info": _amounts(db, actions),
        },
    }


def _amounts(db: Db, actions: list[Action]) -> list[str]:
    """The refund of each return: a customer must be told what they get back."""
    amounts = []
    for name, args in actions:
        if name == "return_delivered_order_items":
            order = db["orders"][args["order_id"]]
            prices = {i["item_id"]: i["price"] for i in order["items"]}
            amounts.append(f"{sum(prices[item] for item in args['item_ids']):.2f}")
    return amounts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.tau2.fresh_tasks")
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=DATA, help="the tau2-retail folder")
    args = parser.parse_args(argv)
    db = json.loads((args.data / "db.json").read_text())
    json.dump(fresh_tasks(db, args.count, args.seed), sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
