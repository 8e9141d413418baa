"""The τ²-bench retail harness: expected states, state comparison, the simulated customer,
and the benchmark runner's output."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from benchmarks.tau2_retail import backend, main, play, unsaid
from evaluation.dialogue_suite import FAKE_EMBEDDER
from evaluation.tau2.compare import differences
from evaluation.tau2.customer import SimulatedCustomer, questions
from evaluation.tau2.expected import allowed, expected_state, write_actions
from evaluation.tau2.fresh_tasks import fresh_tasks
from evaluation.tau2_state import build_store
from tests.conftest import SHARED_DATA

TAU2 = SHARED_DATA / "tau2-retail"
pytestmark = pytest.mark.skipif(not TAU2.exists(), reason=f"τ² retail data not found at {TAU2}")


@pytest.fixture(scope="module")
def db() -> dict[str, Any]:
    return json.loads((TAU2 / "db.json").read_text())


@pytest.fixture(scope="module")
def tasks() -> list[dict[str, Any]]:
    return json.loads((TAU2 / "tasks_train.json").read_text())


def _first(tasks: list[dict], db: dict, name: str, paid_by: str | None = None) -> tuple[dict, dict]:
    """The first task whose first write action is `name` (on an order paid by `paid_by`)."""
    for task in tasks:
        writes = write_actions(task["evaluation_criteria"]["actions"])
        if writes and writes[0]["name"] == name:
            order = db["orders"].get(writes[0]["arguments"].get("order_id"), {})
            method = order.get("payment_history", [{}])[0].get("payment_method_id", "")
            if paid_by is None or method.startswith(paid_by):
                return task, writes[0]
    raise LookupError(name)


def test_expected_cancel_refunds_to_the_gift_card_exactly(tasks, db) -> None:
    task, action = _first(tasks, db, "cancel_pending_order", paid_by="gift_card")
    order_id = action["arguments"]["order_id"]
    before = db["orders"][order_id]
    payment = before["payment_history"][0]
    user = db["users"][before["user_id"]]
    card = user["payment_methods"][payment["payment_method_id"]]

    after = expected_state(db, task["evaluation_criteria"]["actions"])

    order = after["orders"][order_id]
    assert order["status"] == "cancelled"
    assert order["cancel_reason"] == action["arguments"]["reason"]
    assert order["payment_history"][len(before["payment_history"]) :] == [
        {**p, "transaction_type": "refund"} for p in before["payment_history"]
    ]
    new_card = after["users"][user["user_id"]]["payment_methods"][card["id"]]
    assert new_card["balance"] == round(card["balance"] + payment["amount"], 2)
    assert db["orders"][order_id]["status"] == "pending"  # db.json itself is untouched


def test_expected_modified_items_take_the_last_new_variant(tasks, db) -> None:
    """As τ²'s own tool does: every modified item gets the loop's last variant's price."""
    for task in tasks:
        for action in write_actions(task["evaluation_criteria"]["actions"]):
            args = action["arguments"]
            if action["name"] == "modify_pending_order_items" and len(args["item_ids"]) > 1:
                order = db["orders"][args["order_id"]]
                last_item = next(i for i in order["items"] if i["item_id"] == args["item_ids"][-1])
                variants = db["products"][last_item["product_id"]]["variants"]
                last = variants[args["new_item_ids"][-1]]
                after = expected_state(db, [action])["orders"][args["order_id"]]
                changed = [i for i in after["items"] if i["item_id"] in args["new_item_ids"]]
                assert {i["price"] for i in changed} == {last["price"]}
                assert after["status"] == "pending (item modified)"
                return
    pytest.skip("no task modifies several items")


def test_compare_finds_a_changed_status_and_ignores_fulfillments(db) -> None:
    order_id = next(o for o, order in db["orders"].items() if order["status"] == "pending")
    actual = copy.deepcopy(db)
    assert differences(actual, db) == []
    actual["orders"][order_id]["status"] = "cancelled"
    actual["orders"][order_id]["fulfillments"] = []
    assert differences(actual, db) == [f"order {order_id} status: 'cancelled' != 'pending'"]


def test_compare_rounds_floats_to_cents(db) -> None:
    user_id, user = next(
        (u, user)
        for u, user in db["users"].items()
        if any("balance" in m for m in user["payment_methods"].values())
    )
    actual = copy.deepcopy(db)
    card = next(m for m in actual["users"][user_id]["payment_methods"].values() if "balance" in m)
    card["balance"] += 0.001
    assert differences(actual, db) == []
    card["balance"] += 0.01
    assert differences(actual, db) == [
        f"user {user_id} payment_methods: "
        f"{_rounded_methods(actual, user_id)!r} != {user['payment_methods']!r}"
    ]


def _rounded_methods(state: dict, user_id: str) -> dict:
    methods = copy.deepcopy(state["users"][user_id]["payment_methods"])
    for method in methods.values():
        if "balance" in method:
            method["balance"] = round(method["balance"], 2)
    return methods


def test_openings_never_name_an_item_id_and_seeds_vary_the_words(tasks, db) -> None:
    item_ids = {i for p in db["products"].values() for i in p["variants"]}
    varied = 0
    for task in tasks:
        openings = {SimulatedCustomer(task, db, seed).opening() for seed in range(4)}
        assert not any(set(re.findall(r"\d{10}", text)) & item_ids for text in openings)
        varied += len(openings) > 1
    assert varied > len(tasks) * 0.9


def test_opening_names_the_products_and_new_options(tasks, db) -> None:
    task, action = _first(tasks, db, "exchange_delivered_order_items")
    args = action["arguments"]
    order = db["orders"][args["order_id"]]
    opening = SimulatedCustomer(task, db, 0).opening().lower()
    for item_id, new_id in zip(args["item_ids"], args["new_item_ids"], strict=True):
        item = next(i for i in order["items"] if i["item_id"] == item_id)
        new = db["products"][item["product_id"]]["variants"][new_id]["options"]
        assert item["name"].lower() in opening
        for name, value in new.items():
            if item["options"][name] != value:
                assert f"{name}: {value}".lower() in opening


def _summary(db: dict, action: dict, order_id: str) -> str:
    """A correct exchange summary, as an assistant might word it, for `order_id`."""
    args = action["arguments"]
    order = db["orders"][args["order_id"]]
    lines = [f"Exchange in order {order_id}:"]
    for item_id, new_id in zip(args["item_ids"], args["new_item_ids"], strict=True):
        item = next(i for i in order["items"] if i["item_id"] == item_id)
        new = db["products"][item["product_id"]]["variants"][new_id]["options"]
        lines.append(f"- {item['name']} to {', '.join(new.values())}")
    method = db["users"][order["user_id"]]["payment_methods"][args["payment_method_id"]]
    words = {"gift_card": "gift card", "paypal": "PayPal"}.get(method["source"])
    lines.append(f"Price difference: {words or 'card ending in ' + method['last_four']}.")
    return "\n".join([*lines, "Shall I go ahead? (yes/no)"])


def test_a_right_summary_gets_yes_and_a_wrong_one_is_corrected(tasks, db) -> None:
    task, action = _first(tasks, db, "exchange_delivered_order_items")
    order_id = action["arguments"]["order_id"]
    other = next(o for o in db["orders"] if o != order_id)
    customer = SimulatedCustomer(task, db, 1)
    customer.opening()
    request = customer.current.text

    wrong = customer.reply(_summary(db, action, other))
    assert wrong is not None and wrong.startswith("No — ") and wrong.endswith(request)
    assert customer.reply(_summary(db, action, order_id)) == "Yes, please go ahead."


def test_the_customer_asks_its_next_request_then_finishes(tasks, db) -> None:
    task = next(t for t in tasks if len(write_actions(t["evaluation_criteria"]["actions"])) == 2)
    customer = SimulatedCustomer(task, db, 0)
    customer.opening()
    first = customer.current
    summary = " ".join([*first.must_mention, *first.payment_words[:1], "Proceed? (yes/no)"])
    assert customer.reply(summary) == "Yes, please go ahead."
    second = customer.reply("Done. Is there anything else I can help you with?")
    assert second == f"Yes. {customer.current.text}" and customer.current is not first
    assert customer.reply("YOU ARE BEING TRANSFERRED TO A HUMAN AGENT. PLEASE HOLD ON.") is None


def test_identity_is_name_and_zip_unless_an_email_is_known(tasks, db) -> None:
    for task in tasks:
        customer = SimulatedCustomer(task, db, 0)
        customer.opening()
        answer = customer.reply("Please tell me your email, or your name and zip code.")
        assert answer is not None
        known = task["user_scenario"]["instructions"]["known_info"]
        if "@" in known:
            assert "My email is" in answer and not answer.endswith("..")
        else:
            assert "my zip code is" in answer


def test_unsaid_values_are_listed() -> None:
    assert unsaid(["1,288.65", "cotton"], ["That was $1288.65.", "Nothing else."]) == [
        "never said 'cotton'"
    ]


def test_the_runner_prints_each_task_and_pass_at_one(tasks, capsys) -> None:
    assert main(["--only", tasks[0]["id"], "--seeds", "0,1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"task {tasks[0]['id']}: ")
    assert re.fullmatch(r"pass\^1 [0-2]/2", out[-2]) and re.fullmatch(r"pass\^2 [01]/1", out[-1])


def test_an_unfinished_request_is_asked_once_more_before_giving_up(tasks, db) -> None:
    task = next(t for t in tasks if len(write_actions(t["evaluation_criteria"]["actions"])) == 1)
    customer = SimulatedCustomer(task, db, 0)
    customer.opening()
    request = customer.current.text
    assert customer.reply("Is there anything else I can help you with?") == f"Yes. {request}"
    assert customer.reply("Is there anything else I can help you with?") == (
        "No, that's all. Thanks!"
    )
    assert customer.reply("Have a great day!") is None


KINDS = (
    "cancel_pending_order",
    "modify_pending_order_address",
    "modify_pending_order_items",
    "modify_user_address",
    "return_delivered_order_items",
    "exchange_delivered_order_items",
)


def test_the_assistant_makes_each_kind_of_change_tau2_expects(tasks, db, tmp_path) -> None:
    """The first one-change task of each kind, played against the assistant (fake models):
    the store afterwards equals τ²'s expected database."""
    store = tmp_path / "tau2.db"
    build_store(store, TAU2, lambda: FAKE_EMBEDDER)
    make = backend("fake")[1]
    for kind in KINDS:
        task = next(
            t
            for t in tasks
            if [a["name"] for a in write_actions(t["evaluation_criteria"]["actions"])] == [kind]
        )
        played = play(task, db, store, make, seed=0)
        problems = [p for p in played.problems if not p.startswith("never said")]
        assert problems == [], (kind, task["id"], played.transcript)


def test_the_customer_asks_what_its_instructions_want_to_know_in_its_own_words() -> None:
    reason = (
        "You want to return the watch. If the agent asks why, say it broke. "
        "Finally, you want to know the total refund amount. "
        "Ask the agent how much money you can save on your order. "
        "You want to know the tracking number of that order."
    )
    assert questions(reason) == [
        "I'd also like to know the total refund amount.",
        "Please tell me how much money I can save on my order.",
    ]


def test_a_question_comes_after_the_requests_and_before_goodbye(tasks, db) -> None:
    task = next(t for t in tasks if t["id"] == "28")
    customer = SimulatedCustomer(task, db, 0)
    customer.opening()
    said = [customer.reply("Done. Is there anything else I can help you with?") for _ in range(12)]
    asked = said.index("Yes. I'd also like to know the total refund amount.")
    assert said[asked + 1] == "No, that's all. Thanks!"


def _customer(task: dict, db: dict) -> str | None:
    """The user id a task's write actions touch."""
    for action in write_actions(task["evaluation_criteria"]["actions"]):
        args = action["arguments"]
        return args.get("user_id") or db["orders"][args["order_id"]]["user_id"]
    return None


def test_fresh_tasks_are_new_allowed_and_repeatable(db, tasks) -> None:
    fresh = fresh_tasks(db, 20, seed=3)
    assert fresh == fresh_tasks(db, 20, seed=3) and fresh != fresh_tasks(db, 20, seed=4)
    train_customers = {_customer(t, db) for t in tasks}
    state = db
    for task in fresh:
        for action in task["evaluation_criteria"]["actions"]:
            assert allowed(state, action["name"], action["arguments"]), task["id"]
        state = expected_state(state, task["evaluation_criteria"]["actions"])
    customers = [_customer(t, db) for t in fresh]
    assert len(set(customers)) == 20 and not set(customers) <= train_customers


def test_fresh_tasks_played_against_the_assistant(db, tmp_path) -> None:
    """A few never-seen tasks end with τ²'s expected database and their refunds said."""
    store = tmp_path / "tau2.db"
    build_store(store, TAU2, lambda: FAKE_EMBEDDER)
    make = backend("fake")[1]
    for task in fresh_tasks(db, 6, seed=5):
        played = play(task, db, store, make, seed=1)
        assert played.problems == [], (task["id"], played.transcript)
