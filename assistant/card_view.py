"""Product cards as HTML: the facts of a turn, drawn by code, every value escaped.

`render_cards` turns `ProductCard`s into one line of HTML (a responsive grid) that a chat
message can carry; `CARD_CSS` styles it. The markup uses only plain elements, `class` and
`style` attributes and `data:`/http(s) image sources, so it survives Gradio's HTML sanitiser.
It is kept on a single line with no blank lines so a Markdown renderer treats it as one raw
HTML block and does not touch it.
"""

from __future__ import annotations

import base64
import functools
import html
import logging
from collections.abc import Sequence
from pathlib import Path

from assistant.money import format_price
from assistant.turns import ProductCard

log = logging.getLogger(__name__)

LOW_STOCK = 5
MAX_INLINE_IMAGE_BYTES = 256 * 1024
IMAGE_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
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
"""


def render_cards(cards: Sequence[ProductCard]) -> str:
    """One line of HTML showing `cards` as a grid; the empty string when there are none."""
    if not cards:
        return ""
    items = "".join(_card_html(i, card) for i, card in enumerate(cards, start=1))
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


def _card_html(number: int, card: ProductCard) -> str:
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
        "</div></div>"
    )


def _rating_html(rating: float | None, review_count: int) -> str:
    if rating is None:
        return '<div class="pc-rating">No ratings yet</div>'
    score = min(max(float(rating), 0.0), 5.0)
    reviews = f"{review_count:,} review{'' if review_count == 1 else 's'}"
    return (
        f'<div class="pc-rating" title="{score:.1f} out of 5, {reviews}">'
        '<span class="pc-stars">★★★★★'
        f'<span class="pc-stars-fill" style="width:{score / 5 * 100:.0f}%">★★★★★</span>'
        "</span>"
        f"<span>{score:.1f} ({review_count:,})</span>"
        "</div>"
    )


def _stock_badge(stock: int) -> str:
    if stock <= 0:
        return '<span class="pc-badge pc-badge-out">Out of stock</span>'
    if stock <= LOW_STOCK:
        return f'<span class="pc-badge pc-badge-low">Only {stock} left</span>'
    return ""


def _escape(text: str) -> str:
    """HTML-escape, quotes included, and keep the result on one line."""
    return html.escape(" ".join(str(text).split()), quote=True)
