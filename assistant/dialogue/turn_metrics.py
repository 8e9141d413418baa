"""What the dialogue reports to monitoring: how long each stage of a turn took, and when a
code-written fallback stood in for the model."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

STAGE_SECONDS = Histogram(
    "assistant_turn_stage_seconds",
    "Seconds spent understanding the message (understand) and searching (search; act for a "
    "move that is not a search), and from the turn's start to its first words on screen "
    "(first_text) and to its end (turn).",
    ["stage"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 12, 16, 30, 60),
)
FALLBACKS = Counter(
    "assistant_fallbacks_total",
    "Turns where code stood in for the model: intent (the parse alone), reply_failed (the "
    "model failed or was too late), reply_ungrounded (no model sentence survived grounding).",
    ["kind"],
)
