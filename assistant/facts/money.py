"""Prices as shoppers read them, formatted by code only, in the language being spoken.

English keeps the shop's own form ("$1,234.50"); Chinese, Spanish and French take their
locale's digits and sign placement from Babel ("1 234,50 $US"), the currency unchanged.
"""

from __future__ import annotations

from decimal import Decimal

from babel import Locale
from babel.numbers import format_currency

from assistant.translation.speaking import LOCALES, SOURCE, language

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹"}


def format_price(amount: Decimal, currency: str = "USD") -> str:
    spoken = language()
    if spoken != SOURCE:
        return format_currency(amount, currency.upper(), locale=LOCALES[spoken])
    symbol = SYMBOLS.get(currency.upper())
    text = f"{amount:,.2f}"
    return f"{symbol}{text}" if symbol else f"{text} {currency.upper()}"


def format_limit(amount: Decimal, currency: str = "USD") -> str:
    """A whole-unit price limit: "$100", not "$100.00"."""
    spoken = language()
    if spoken != SOURCE:
        locale = Locale.parse(LOCALES[spoken])
        whole = locale.currency_formats["standard"].pattern.replace(".00", "")
        return format_currency(
            amount, currency.upper(), format=whole, locale=locale, currency_digits=False
        )
    symbol = SYMBOLS.get(currency.upper())
    return f"{symbol}{amount:,.0f}" if symbol else f"{amount:,.0f} {currency.upper()}"
