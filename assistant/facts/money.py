"""Prices as shoppers read them, formatted by code only."""

from __future__ import annotations

from decimal import Decimal

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹"}


def format_price(amount: Decimal, currency: str = "USD") -> str:
    symbol = SYMBOLS.get(currency.upper())
    text = f"{amount:,.2f}"
    return f"{symbol}{text}" if symbol else f"{text} {currency.upper()}"


def format_limit(amount: Decimal, currency: str = "USD") -> str:
    """A whole-unit price limit: "$100", not "$100.00"."""
    symbol = SYMBOLS.get(currency.upper())
    return f"{symbol}{amount:,.0f}" if symbol else f"{amount:,.0f} {currency.upper()}"
