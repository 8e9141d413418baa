"""The chat page's cart panel as HTML: lines, quantity buttons, subtotal; every value escaped.

Each button's `value` ("increase:12") is what the page's bridge script
(`assistant.web.page.BRIDGE_JS`) sends to the server, as for the buttons on product cards.
Its words are in the language being spoken.
"""

from __future__ import annotations

import html

from assistant.facts.money import format_price
from assistant.store.cart import Cart, CartItem
from assistant.translation.speaking import N_, _, ngettext

YOUR_CART = N_("Your cart")

CART_CSS = """
.sa-cart{font-size:14px}
.sa-cart h2{margin:0 0 8px;font-size:17px}
.sa-cart h2 span{font-weight:400;color:var(--body-text-color-subdued,#6b7280)}
.sa-cart ul{list-style:none;margin:0;padding:0}
.sa-cart li{display:grid;grid-template-columns:1fr auto;gap:2px 8px;padding:8px 0;
  border-top:1px solid var(--border-color-primary,#e5e7eb)}
.sa-cart .sa-line-name{font-weight:600;overflow-wrap:anywhere}
.sa-cart .sa-line-total{font-weight:600;text-align:right}
.sa-cart .sa-qty{display:flex;align-items:center;gap:6px;color:var(--body-text-color-subdued)}
.sa-cart button{min-width:28px;height:28px;border:1px solid var(--border-color-primary,#d1d5db);
  border-radius:7px;background:var(--background-fill-primary,#fff);cursor:pointer;font-size:15px}
.sa-cart .sa-subtotal{display:flex;justify-content:space-between;padding-top:10px;
  border-top:2px solid var(--border-color-primary,#e5e7eb);font-size:16px}
.sa-cart .sa-notice{margin:0 0 8px;padding:6px 8px;border-radius:8px;background:#eff6ff;
  color:#1e3a8a}
.sa-cart .sa-empty{color:var(--body-text-color-subdued,#6b7280)}
"""


def render_cart(cart: Cart, notice: str | None = None) -> str:
    """The cart panel; `notice` is a one-line message about the last change."""
    count = cart.item_count
    items = ngettext("({count} item)", "({count} items)", count).format(count=count)
    heading = f"<h2>{_e(_(YOUR_CART))} <span>{_e(items)}</span></h2>"
    note = f'<p class="sa-notice" role="status">{_e(notice)}</p>' if notice else ""
    if not cart.items:
        empty = _("Your cart is empty. Use “Add to cart” on a product.")
        body = f'<p class="sa-empty">{_e(empty)}</p>'
    else:
        lines = "".join(_line(item) for item in cart.items)
        subtotal = _("Subtotal")
        body = (
            f'<ul>{lines}</ul><div class="sa-subtotal"><span>{_e(subtotal)}</span>'
            f'<b id="sa-subtotal">{_e(cart.subtotal_text)}</b></div>'
        )
    label = _e(_(YOUR_CART))
    return f'<section class="sa-cart" aria-label="{label}">{heading}{note}{body}</section>'


def _line(item: CartItem) -> str:
    name = _e(item.name)
    fewer = _("Remove: {name}") if item.quantity == 1 else _("One fewer: {name}")
    more, remove = _("One more: {name}"), _("Remove {name} from the cart")
    return (
        f'<li data-product="{item.product_id}">'
        f'<span class="sa-line-name">{name}</span>'
        f'<span class="sa-line-total">{_e(format_price(item.line_total, item.currency))}</span>'
        '<span class="sa-qty">'
        f'<button type="button" value="decrease:{item.product_id}" '
        f'aria-label="{_e(fewer.format(name=item.name))}">&minus;</button>'
        f'<span class="sa-qty-n">{item.quantity}</span>'
        f'<button type="button" value="increase:{item.product_id}" '
        f'aria-label="{_e(more.format(name=item.name))}">+</button>'
        f"<span>&times; {_e(format_price(item.unit_price, item.currency))}</span>"
        "</span>"
        f'<button type="button" value="remove:{item.product_id}" '
        f'aria-label="{_e(remove.format(name=item.name))}">&times;</button>'
        "</li>"
    )


def _e(text: str) -> str:
    """Escaped for HTML; `$` too, since Gradio's HTML templates treat `${…}` specially."""
    return html.escape(text, quote=True).replace("$", "&#36;")
