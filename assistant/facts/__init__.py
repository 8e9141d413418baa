"""Facts about products, written by code from the database: cards, descriptions, comparisons,
reviews, grounding."""
