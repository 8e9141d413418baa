"""A deterministic simulated customer that plays any τ²-bench retail task.

What it wants comes from the task's gold write actions, put into words as a customer would
(product names and option values, never item ids); who it is comes from known_info and db.json.
A seed picks among phrasings. It answers the assistant's questions by keyword.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from evaluation.tau2.expected import write_actions

MAX_TURNS = 30
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
CONFIRM_CUES = ("shall i go ahead", "confirm", "(yes/no)", "yes/no", "proceed")
QUESTION = r"(?P<what>(?:exactly )?(?:how|what|which|whether|the|your|if there)\b.+)"
WANT_TO_KNOW = re.compile(rf"\byou (?:also )?want to (?P<verb>know|check|confirm) {QUESTION}", re.I)
ASK_AGENT = re.compile(rf"\bask the agent (?:about )?{QUESTION}", re.I)
REASONS = {
    "no longer needed": "I no longer need it",
    "ordered by mistake": "I ordered it by mistake",
}


@dataclass
class Request:
    """One thing the customer wants, in words, and the words a correct summary must hold."""

    text: str
    must_mention: list[str] = field(default_factory=list)
    payment_words: list[str] = field(default_factory=list)
    must_not_mention: list[str] = field(default_factory=list)
    order: str = ""
    reason: str = ""
    payment: str = ""
    address: str = ""
    options: str = ""


class SimulatedCustomer:
    """Plays one task: `opening()`, then `reply(assistant_text)` until it returns None."""

    def __init__(self, task: dict, db: dict, seed: int) -> None:
        self._db, self._rng = db, random.Random(seed)
        instructions = task["user_scenario"]["instructions"]
        self._known = str(instructions.get("known_info") or "")
        self._unknown = str(instructions.get("unknown_info") or "").lower()
        self._mentioned = self._known + " " + str(instructions.get("reason_for_call") or "")
        self._user = _find_user(task, db)
        self._all_options = self._rng.random() < 0.5
        writes = write_actions(task["evaluation_criteria"]["actions"])
        self._requests = [self._request(a) for a in writes] or [self._read_only_request(task)]
        self._index, self._confirmed, self._finished, self._turns = 0, False, False, 0
        self._asked_again = False  # the current request was restated once, unconfirmed
        self._identity_tries = 0
        self._tracking_question = self._tracking(task)
        self._questions = questions(str(instructions.get("reason_for_call") or ""))

    def opening(self) -> str:
        greeting = self._rng.choice(["Hi!", "Hello,", "Hi there.", "Good morning!"])
        return f"{greeting} {self._requests[0].text}"

    def reply(self, assistant_text: str) -> str | None:
        """The customer's next message, or None when it is done."""
        self._turns += 1
        text = assistant_text.lower()
        if self._finished or self._turns > MAX_TURNS or "transferred to a human agent" in text:
            return None
        if any(cue in text for cue in CONFIRM_CUES):
            return self._answer_summary(text)
        if "anything else" in text:
            return self._next()
        if "email" in text or "full name" in text:  # not "… state and zip code" of an address
            return self._identity()
        if self._confirmed:
            return self._next()
        return self._answer(text)

    @property
    def current(self) -> Request:
        return self._requests[self._index]

    # answering

    def _answer_summary(self, text: str) -> str:
        missing = _missing(self.current, text)
        if missing:
            return f"No — {self.current.text}"
        self._confirmed = True
        return "Yes, please go ahead."

    def _identity(self) -> str:
        """Each email it knows, in turn (one may be wrong), then its name and zip code."""
        emails = EMAIL.findall(self._known)
        self._identity_tries += 1
        if self._identity_tries <= len(emails):
            return f"My email is {emails[self._identity_tries - 1]}."
        name, zip_code = self._user["name"], self._user["address"]["zip"]
        full = f"{name['first_name']} {name['last_name']}"
        lead = "I don't remember my email. " if "email" in self._unknown else ""
        return f"{lead}My name is {full} and my zip code is {zip_code}."

    def _tracking(self, task: dict) -> str:
        """A last question when its instructions want a tracking number: of the first order
        it looks up that has one."""
        if "tracking" not in str(task["user_scenario"]["instructions"].get("reason_for_call")):
            return ""
        reason = str(task["user_scenario"]["instructions"]["reason_for_call"]).lower()
        looked_up = [
            self._db["orders"][a["arguments"]["order_id"]]
            for a in task["evaluation_criteria"]["actions"]
            if a["arguments"].get("order_id") in self._db["orders"]
        ]
        tracked = [o for o in looked_up if any(f.get("tracking_id") for f in o["fulfillments"])]
        if not tracked:
            return ""
        order = max(tracked, key=lambda o: sum(i["name"].lower() in reason for i in o["items"]))
        return f"Yes. What is the tracking number of {self._order_ref(order)}?"

    def _next(self) -> str:
        """The next request; the current one again, once, if it was never confirmed."""
        if not self._confirmed and not self._asked_again:
            self._asked_again = True
            return f"Yes. {self.current.text}"
        if self._index + 1 < len(self._requests):
            self._index += 1
            self._confirmed = self._asked_again = False
            return f"Yes. {self.current.text}"
        if self._questions:
            return f"Yes. {self._questions.pop(0)}"
        if self._tracking_question:
            question, self._tracking_question = self._tracking_question, ""
            return question
        self._finished = True
        return "No, that's all. Thanks!"

    def _answer(self, text: str) -> str:
        request = self.current
        cues = (
            (("which order", "order number", "order id"), request.order),
            (("reason",), request.reason),
            (("payment method", "refund to", "pay with"), request.payment),
            (("address",), request.address),
            (("which option", "options"), request.options),
        )
        for words, answer in cues:
            if answer and any(word in text for word in words):
                return answer
        return request.text

    # putting requests into words

    def _request(self, action: dict) -> Request:
        args = action["arguments"]
        order = self._db["orders"].get(args.get("order_id", ""), {})
        return _PHRASERS[action["name"]](self, args, order)

    def _order_ref(self, order: dict) -> str:
        order_id = order["order_id"]
        if order_id.lstrip("#") in self._mentioned:
            return f"order {order_id}"
        names = sorted({item["name"].lower() for item in order["items"]})
        return "my order with the " + _join(names)

    def _order_answer(self, order: dict) -> str:
        ref = self._order_ref(order)
        if ref.startswith("order #"):
            return f"It's {ref}."
        return f"I don't remember the order number, but it's {ref}."

    def _method_words(self, order: dict, method_id: str) -> tuple[str, list[str]]:
        """How the customer names a payment method, and words a summary may use for it."""
        method = self._user["payment_methods"][method_id]
        source = method["source"]
        if source == "gift_card":
            words, accepted = "my gift card", ["gift card"]
        elif source == "paypal":
            words, accepted = "PayPal", ["paypal"]
        else:
            brand, last = method.get("brand", "credit").title(), method.get("last_four", "")
            words, accepted = f"the {brand} card ending in {last}", [last]
        if order and order["payment_history"][0]["payment_method_id"] == method_id:
            return "the original payment method", [*accepted, "original"]
        return words, accepted

    def _items_words(self, order: dict, item_ids: list[str]) -> str:
        items = [next(i for i in order["items"] if i["item_id"] == item_id) for item_id in item_ids]
        return _join([self._item_words(order, item) for item in items])

    def _item_words(self, order: dict, item: dict) -> str:
        same = {i["item_id"] for i in order["items"] if i["name"] == item["name"]}
        name = item["name"].lower()
        if len(same) < 2:
            return f"the {name}"
        return f"the {name} ({_options(item['options'])})"

    def _changes(self, order: dict, item_ids: list[str], new_ids: list[str]) -> tuple[str, list]:
        parts, mention = [], []
        for item_id, new_id in zip(item_ids, new_ids, strict=True):
            item = next(i for i in order["items"] if i["item_id"] == item_id)
            new = self._db["products"][item["product_id"]]["variants"][new_id]["options"]
            shown = {
                k: v for k, v in new.items() if self._all_options or item["options"].get(k) != v
            }
            old = self._item_words(order, item)
            parts.append(f"{old} for the same {item['name'].lower()} but {_options(shown)}")
            mention += [item["name"].lower()] + [
                str(v).lower() for k, v in new.items() if item["options"].get(k) != v
            ]
        return "; ".join(parts), mention

    def _cancel(self, args: dict, order: dict) -> Request:
        ref, reason = self._order_ref(order), REASONS[args["reason"]]
        text = self._rng.choice(
            [
                f"I'd like to cancel {ref} because {reason}.",
                f"Please cancel {ref}; {reason}.",
                f"Can you cancel {ref}? {reason}.",
            ]
        )
        return Request(text, [order["order_id"]], order=self._order_answer(order), reason=reason)

    def _order_address(self, args: dict, order: dict) -> Request:
        address = _address_words(args)
        ref = self._order_ref(order)
        text = self._rng.choice(
            [
                f"I'd like to change the shipping address of {ref} to {address}.",
                f"Please ship {ref} to {address} instead.",
            ]
        )
        return Request(
            text,
            [order["order_id"], args["address1"].lower(), args["zip"]],
            order=self._order_answer(order),
            address=f"The new address is {address}.",
        )

    def _user_address(self, args: dict, order: dict) -> Request:
        address = _address_words(args)
        text = self._rng.choice(
            [
                f"I'd like to update my default address to {address}.",
                f"I moved; please change my address on file to {address}.",
            ]
        )
        return Request(
            text, [args["address1"].lower(), args["zip"]], address=f"The new address is {address}."
        )

    def _payment(self, args: dict, order: dict) -> Request:
        words, accepted = self._method_words({}, args["payment_method_id"])
        text = self._rng.choice(
            [
                f"I'd like to pay for {self._order_ref(order)} with {words} instead.",
                f"Please switch the payment of {self._order_ref(order)} to {words}.",
            ]
        )
        return Request(
            text,
            [order["order_id"]],
            accepted,
            order=self._order_answer(order),
            payment=f"Please use {words}.",
        )

    def _modify_items(self, args: dict, order: dict) -> Request:
        return self._swap(
            args,
            order,
            (
                "In {ref} I'd like to change {changes}. Please use {words} for the price "
                "difference.",
                "Could you modify {ref}: swap {changes}? Any difference goes on {words}.",
            ),
        )

    def _return(self, args: dict, order: dict) -> Request:
        items = self._items_words(order, args["item_ids"])
        words, accepted = self._method_words(order, args["payment_method_id"])
        ref = self._order_ref(order)
        names = [i["name"].lower() for i in order["items"] if i["item_id"] in args["item_ids"]]
        text = self._rng.choice(
            [
                f"I'd like to return {items} from {ref}, refunded to {words}.",
                f"I want to send back {items} from {ref}. Please refund {words}.",
            ]
        )
        return Request(
            text,
            [order["order_id"], *names],
            accepted,
            order=self._order_answer(order),
            payment=f"Refund to {words}, please.",
            must_not_mention=_untouched(order, args["item_ids"]),
        )

    def _exchange(self, args: dict, order: dict) -> Request:
        return self._swap(
            args,
            order,
            (
                "I received {ref} and I'd like to exchange {changes}. Use {words} for any "
                "price difference.",
                "From {ref}, please exchange {changes}. Settle the difference with {words}.",
            ),
        )

    def _swap(self, args: dict, order: dict, phrasings: tuple[str, str]) -> Request:
        """Items of an order for other options of the same products, in one of `phrasings`."""
        changes, mention = self._changes(order, args["item_ids"], args["new_item_ids"])
        words, accepted = self._method_words(order, args["payment_method_id"])
        ref = self._order_ref(order)
        return Request(
            self._rng.choice(phrasings).format(ref=ref, changes=changes, words=words),
            [order["order_id"], *mention],
            accepted,
            order=self._order_answer(order),
            payment=f"Please use {words}.",
            options=f"I want {changes}.",
            must_not_mention=_untouched(order, args["item_ids"]),
        )

    def _read_only_request(self, task: dict) -> Request:
        actions = task["evaluation_criteria"]["actions"]
        if any(a["name"] == "transfer_to_human_agents" for a in actions):
            return Request("I'd like to speak to a human agent, please.")
        orders = [a["arguments"]["order_id"] for a in actions if a["name"] == "get_order_details"]
        orders += [f"#{n}" for n in re.findall(r"W\d{7}", self._mentioned)]
        orders = [o for o in orders if o in self._db["orders"]]
        if orders:
            order = self._db["orders"][orders[-1]]
            ref = self._order_ref(order)
            return Request(
                f"Could you tell me the status and details of {ref}?",
                order=self._order_answer(order),
            )
        return Request("Could you tell me the details of my account and my orders?")


_PHRASERS = {
    "cancel_pending_order": SimulatedCustomer._cancel,
    "modify_pending_order_address": SimulatedCustomer._order_address,
    "modify_user_address": SimulatedCustomer._user_address,
    "modify_pending_order_payment": SimulatedCustomer._payment,
    "modify_pending_order_items": SimulatedCustomer._modify_items,
    "return_delivered_order_items": SimulatedCustomer._return,
    "exchange_delivered_order_items": SimulatedCustomer._exchange,
}


def questions(reason_for_call: str) -> list[str]:
    """What its instructions say it wants to know, unconditionally, in its own words:
    "you want to know the total refund amount" → "I'd also like to know the total refund
    amount." Tracking numbers are asked about separately; "if …" sentences are twists it
    does not play."""
    asked = []
    for sentence in re.split(r"(?<=[.?!])\s+", reason_for_call.strip()):
        if re.match(r"\W*(if|and if)\b", sentence, re.I) or "tracking" in sentence.lower():
            continue
        match = WANT_TO_KNOW.search(sentence) or ASK_AGENT.search(sentence)
        if match:
            lead = (
                f"I'd also like to {match.group('verb').lower()}"
                if match.re is WANT_TO_KNOW
                else "Please tell me"
            )
            asked.append(f"{lead} {_first_person(match.group('what').rstrip('.'))}.")
    return asked


def _first_person(words: str) -> str:
    for you, me in (("yourself", "myself"), ("your", "my"), ("you're", "I'm"), ("you", "I")):
        words = re.sub(rf"\b{you}\b", me, words, flags=re.I)
    return words


def _untouched(order: dict, item_ids: list[str]) -> list[str]:
    """Lower-case names of the order's products that none of `item_ids` is."""
    touched = {i["name"] for i in order["items"] if i["item_id"] in item_ids}
    return sorted({i["name"].lower() for i in order["items"]} - {n.lower() for n in touched})


def _missing(request: Request, text: str) -> list[str]:
    """What a summary gets wrong: a mention left out, every payment word left out, or a
    product of the order that the request leaves alone."""
    missing = [m for m in request.must_mention if m.lower() not in text]
    missing += [m for m in request.must_not_mention if m in text]
    if request.payment_words and not any(w.lower() in text for w in request.payment_words):
        missing.append("payment method")
    return missing


def _find_user(task: dict, db: dict) -> dict:
    """The task's customer, from any gold action that names a user, order, name or email."""
    for action in task["evaluation_criteria"]["actions"]:
        args = action["arguments"]
        if args.get("user_id") in db["users"]:
            return db["users"][args["user_id"]]
        if args.get("order_id") in db["orders"]:
            return db["users"][db["orders"][args["order_id"]]["user_id"]]
        for user in db["users"].values():
            if args.get("email") == user["email"] or (
                args.get("zip") == user["address"]["zip"]
                and args.get("first_name") == user["name"]["first_name"]
                and args.get("last_name") == user["name"]["last_name"]
            ):
                return user
    return _user_from_known_info(task, db)


def _user_from_known_info(task: dict, db: dict) -> dict:
    """The customer named in known_info: by user id, email, or full name and zip code."""
    known = str(task["user_scenario"]["instructions"].get("known_info") or "")
    email = EMAIL.search(known)
    for user in db["users"].values():
        name = f"{user['name']['first_name']} {user['name']['last_name']}"
        if (
            user["user_id"] in known
            or (email and user["email"] == email.group(0))
            or (name in known and user["address"]["zip"] in known)
        ):
            return user
    raise ValueError(f"task {task['id']}: neither its actions nor known_info name its customer")


def _options(options: dict) -> str:
    return ", ".join(f"{name}: {value}" for name, value in options.items())


def _address_words(args: dict) -> str:
    parts = [args["address1"], args["address2"], args["city"], f"{args['state']} {args['zip']}"]
    return ", ".join([p for p in parts if p] + [args["country"]])


def _join(words: list[str]) -> str:
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
