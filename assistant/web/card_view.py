"""Product cards as HTML: the facts of a turn, drawn by code, every value escaped.

`render_cards` turns `ProductCard`s into one line of HTML (a responsive grid) that a chat
message can carry; `CARD_CSS` styles it. The markup uses only plain elements, `class`,
`style`, `title` and button `value` attributes, `data:`/http(s) image sources and plain SVG
paths, so it survives Gradio's HTML sanitiser.
It is kept on a single line with no blank lines so a Markdown renderer treats it as one raw
HTML block and does not touch it.
"""

from __future__ import annotations

import base64
import functools
import html
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from assistant.facts.cards import ProductCard
from assistant.facts.money import format_price
from assistant.translation.speaking import N_, _, ngettext

log = logging.getLogger(__name__)

LOW_STOCK = 5
ADD_TO_CART = N_("Add to cart")
OUT_OF_STOCK = N_("Out of stock")
GOOD_PICK = N_("Good pick")
NOT_FOR_ME = N_("Not for me")
NO_RATINGS = N_("No ratings yet")
MAX_INLINE_IMAGE_BYTES = 256 * 1024
IMAGE_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
# Thumbs drawn on a 16-pixel grid (the sanitiser drops `viewBox`, so no scaling).
THUMB_UP = (
    "M9.3 6V3.3a2 2 0 0 0-2-2L4.7 7.3v7.4h7.5a1.3 1.3 0 0 0 1.3-1.1l.9-6a1.3 1.3 0 0 "
    "0-1.3-1.6zM4.7 14.7h-2a1.3 1.3 0 0 1-1.3-1.4V8.7a1.3 1.3 0 0 1 1.3-1.4h2"
)
THUMB_DOWN = (
    "M6.7 10v2.7a2 2 0 0 0 2 2l2.6-6V1.3H3.8a1.3 1.3 0 0 0-1.3 1.1l-.9 6a1.3 1.3 0 0 "
    "0 1.3 1.6zM11.3 1.3h1.8a1.5 1.5 0 0 1 1.6 1.4v4.6a1.5 1.5 0 0 1-1.6 1.4h-1.8"
)
CARD_CSS = """
.pc-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:14px;
  margin:4px 0 14px;width:100%}
.pc-card{position:relative;display:flex;flex-direction:column;overflow:hidden;
  border:1px solid var(--border-color-primary,#e5e7eb);border-radius:12px;
  background:var(--background-fill-primary,#fff);box-shadow:0 1px 3px rgba(0,0,0,.06)}
.pc-num{position:absolute;top:8px;left:8px;min-width:22px;height:22px;padding:0 6px;
  border-radius:11px;background:rgba(17,24,39,.72);color:#fff;font-size:12px;font-weight:600;
  line-height:22px;text-align:center}
.pc-media{display:flex;align-items:center;justify-content:center;aspect-ratio:4/3;
  background:#f6f7f9;overflow:hidden}
.pc-media img{width:100%;height:100%;max-width:none;margin:0!important;object-fit:contain;
  border-radius:0!important}
.pc-noimg{font-size:40px;font-weight:700;color:#c2c7d0}
.pc-body{display:flex;flex-direction:column;gap:4px;padding:10px 12px 12px;flex:1}
.pc-brand{min-height:1.3em;font-size:12px;line-height:1.3;letter-spacing:.04em;
  text-transform:uppercase;color:var(--body-text-color-subdued,#6b7280);white-space:nowrap;
  overflow:hidden;text-overflow:ellipsis}
.pc-name,.pc-media{cursor:pointer}
.pc-name{font-size:15px;font-weight:600;line-height:1.3;display:-webkit-box;
  -webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;overflow-wrap:anywhere}
.pc-rating{display:flex;align-items:center;gap:6px;font-size:13px;
  color:var(--body-text-color-subdued,#6b7280)}
.pc-stars{position:relative;display:inline-block;font-size:14px;line-height:1;
  letter-spacing:1px;color:#d1d5db}
.pc-stars-fill{position:absolute;top:0;left:0;overflow:hidden;white-space:nowrap;color:#f59e0b}
.pc-price-row{display:flex;align-items:center;flex-wrap:wrap;gap:8px;margin-top:2px}
.pc-price{font-size:18px;font-weight:700}
.pc-badge{font-size:12px;font-weight:600;padding:2px 8px;border-radius:999px}
.pc-badge-out{background:#fee2e2;color:#b91c1c}
.pc-badge-low{background:#fef3c7;color:#92400e}
.pc-reason{margin:4px 0 0!important;font-size:13px;line-height:1.4;
  color:var(--body-text-color,#1f2937);opacity:.78}
.pc-actions{display:flex;align-items:center;gap:6px;margin-top:auto;padding-top:8px}
.pc-add{flex:1;padding:5px 8px;border:0;border-radius:8px;cursor:pointer;font-weight:600;
  font-size:13px;background:var(--button-primary-background-fill,#2563eb);
  color:var(--button-primary-text-color,#fff)}
.pc-add:disabled{background:#e5e7eb;color:#6b7280;cursor:default}
.pc-thumb{display:flex;align-items:center;padding:5px 7px;
  border:1px solid var(--border-color-primary,#e5e7eb);border-radius:8px;
  background:var(--background-fill-primary,#fff);color:var(--body-text-color-subdued,#6b7280);
  cursor:pointer}
.pc-thumb svg{width:16px;height:16px;margin:0!important}
.pc-thumb path{fill:none;stroke:currentColor;stroke-width:1.4;stroke-linecap:round;
  stroke-linejoin:round}
.pc-thumb.pc-on{color:var(--button-primary-background-fill,#2563eb);
  border-color:var(--button-primary-background-fill,#2563eb)}
.pc-thumb.pc-on path{fill:currentColor;fill-opacity:.15}
.pc-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
  white-space:nowrap}
.pc-actions button:focus-visible{outline:3px solid #111827;outline-offset:2px}
"""


def render_cards(cards: Sequence[ProductCard], thumbs: Mapping[int, bool] | None = None) -> str:
    """One line of HTML showing `cards` as a grid; the empty string when there are none.

    `thumbs` maps product ids to the thumb already given (True: up), drawn pressed."""
    if not cards:
        return ""
    thumbs = thumbs or {}
    items = "".join(
        _card_html(i, card, thumbs.get(card.product_id)) for i, card in enumerate(cards, start=1)
    )
    return f'<div class="pc-grid">{items}</div>'


def image_src(image: str | None) -> str | None:
    """An http(s) URL as is, a small local image file as a `data:` URI, anything else None."""
    if not image:
        return None
    if image.startswith(("https://", "http://")):
        return image
    path = Path(image)
    if not path.is_absolute():
        return None
    return _data_uri(str(path))


@functools.lru_cache(maxsize=1024)
def _data_uri(path: str) -> str | None:
    mime = IMAGE_TYPES.get(Path(path).suffix.lower())
    if mime is None:
        log.warning("Product image %s: unsupported file type, shown without image", path)
        return None
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        log.warning("Product image %s unreadable (%s), shown without image", path, exc)
        return None
    if len(data) > MAX_INLINE_IMAGE_BYTES:
        log.warning("Product image %s is over %d bytes, shown without image", path, len(data))
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _card_html(number: int, card: ProductCard, liked: bool | None) -> str:
    e = _escape
    src = image_src(card.image)
    if src:
        media = f'<img src="{e(src)}" alt="{e(card.name)}" loading="lazy">'
    else:
        initial = card.name.strip()[:1].upper() or "?"
        media = f'<span class="pc-noimg">{e(initial)}</span>'
    brand = f'<div class="pc-brand">{e(card.brand or "")}</div>'
    reason = f'<p class="pc-reason">{e(card.reason)}</p>' if card.reason else ""
    return (
        '<div class="pc-card">'
        f'<span class="pc-num">{number}</span>'
        f'<div class="pc-media">{media}</div>'
        '<div class="pc-body">'
        f"{brand}"
        f'<div class="pc-name" title="{e(card.name)}">{e(card.name)}</div>'
        f"{_rating_html(card.rating, card.review_count)}"
        '<div class="pc-price-row">'
        f'<span class="pc-price">{e(format_price(card.price, card.currency))}</span>'
        f"{_stock_badge(card.stock)}"
        "</div>"
        f"{reason}"
        f"{_actions_html(card, liked)}"
        "</div></div>"
    )


def _actions_html(card: ProductCard, liked: bool | None) -> str:
    """Add to cart and thumbs. Each button's `value` ("like:12") is what the page's bridge
    script sends to the server; hidden text names the product for screen readers (the chat's
    sanitiser drops `data-` and `aria-` attributes, but keeps `value`, `class` and `title`).
    The words are in the language being spoken."""
    name, product = _escape(card.name), card.product_id
    if card.stock > 0:
        add = (
            f'<button type="button" class="pc-add" value="cart:{product}">{_(ADD_TO_CART)}'
            f'<span class="pc-sr"> — {name}</span></button>'
        )
    else:
        add = f'<button type="button" class="pc-add" disabled>{_(OUT_OF_STOCK)}</button>'
    thumbs = "".join(
        f'<button type="button" class="pc-thumb{" pc-on" if liked is up else ""}" '
        f'value="{action}:{product}" title="{label}">'
        f'<svg width="16" height="16"><path d="{icon}"></path></svg>'
        f'<span class="pc-sr">{label}: {name}</span></button>'
        for action, label, icon, up in (
            ("like", _(GOOD_PICK), THUMB_UP, True),
            ("dislike", _(NOT_FOR_ME), THUMB_DOWN, False),
        )
    )
    return f'<div class="pc-actions">{add}{thumbs}</div>'


def _rating_html(rating: float | None, review_count: int) -> str:
    if rating is None:
        return f'<div class="pc-rating">{_(NO_RATINGS)}</div>'
    score = min(max(float(rating), 0.0), 5.0)
    reviews = ngettext("{count} review", "{count} reviews", review_count)
    title = _("{score} out of 5, {reviews}").format(
        score=f"{score:.1f}", reviews=reviews.format(count=f"{review_count:,}")
    )
    return (
        f'<div class="pc-rating" title="{_escape(title)}">'
        '<span class="pc-stars">★★★★★'
        f'<span class="pc-stars-fill" style="width:{score / 5 * 100:.0f}%">★★★★★</span>'
        "</span>"
        f"<span>{score:.1f} ({review_count:,})</span>"
        "</div>"
    )


def stock_label(stock: int) -> str | None:
    """What a card says about stock, in the language being spoken: nothing when there is
    plenty."""
    if stock <= 0:
        return _(OUT_OF_STOCK)
    if stock <= LOW_STOCK:
        return ngettext("Only {count} left", "Only {count} left", stock).format(count=stock)
    return None


def _stock_badge(stock: int) -> str:
    label = stock_label(stock)
    if label is None:
        return ""
    kind = "out" if stock <= 0 else "low"
    return f'<span class="pc-badge pc-badge-{kind}">{label}</span>'


def _escape(text: str) -> str:
    """HTML-escape, quotes included, and keep the result on one line."""
    return html.escape(" ".join(str(text).split()), quote=True)
