"""What a customer asks to change, as plain data: it travels in the conversation's events."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ChangeKind(StrEnum):
    CANCEL = "cancel"
    ADDRESS = "modify_address"  # a pending order's shipping address
    PAYMENT = "modify_payment"  # a pending order's payment method
    ITEMS = "modify_items"  # a pending order's items, to other options of the same products
    RETURN = "return"
    EXCHANGE = "exchange"
    DEFAULT_ADDRESS = "default_address"  # the customer's own default address


@dataclass(frozen=True)
class Address:
    address1: str
    address2: str
    city: str
    state: str
    country: str
    zip: str

    @property
    def text(self) -> str:
        """'123 Main St, Apt 1, Springfield, IL 62701, USA'."""
        street = ", ".join(part for part in (self.address1, self.address2) if part)
        return f"{street}, {self.city}, {self.state} {self.zip}, {self.country}"


@dataclass(frozen=True)
class ChangeRequest:
    """One change, as far as it is known; `OrderChanges` checks it is complete and allowed."""

    kind: ChangeKind
    order_number: str | None = None
    item_ids: tuple[str, ...] = ()
    new_item_ids: tuple[str, ...] = ()
    payment_method: str | None = None  # a PaymentMethod.method_id
    reason: str | None = None
    address: Address | None = None
