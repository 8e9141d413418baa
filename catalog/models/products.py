"""The catalog: products, their reviews, and the store's policy text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.embedding import EmbeddingType
from catalog.models.base import Base


class Product(Base):
    """One product type; its orderable `variants` when it has options.

    `embedding` is float32 bytes from the embedder.
    """

    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(300))
    brand: Mapped[str | None] = mapped_column(String(100), index=True)
    category: Mapped[str] = mapped_column(String(300), index=True)  # "Shoes > Running"
    price: Mapped[Decimal] = mapped_column(Numeric(12, 2), index=True)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    colour: Mapped[str | None] = mapped_column(String(40), index=True)  # lower-case
    sizes: Mapped[str | None] = mapped_column(String(300))  # "|S|M|L|": LIKE '%|M|%'
    material: Mapped[str | None] = mapped_column(String(100))
    audience: Mapped[str | None] = mapped_column(String(20), index=True)  # men/women/kids/unisex
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    description: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[float | None]
    review_count: Mapped[int] = mapped_column(default=0)
    stock: Mapped[int] = mapped_column(default=0)
    image: Mapped[str | None] = mapped_column(String(500))
    embedding: Mapped[bytes | None] = mapped_column(EmbeddingType, deferred=True)
    content_hash: Mapped[str | None] = mapped_column(String(64))

    reviews: Mapped[list[Review]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )
    variants: Mapped[list[Variant]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="Variant.id"
    )

    @property
    def size_list(self) -> list[str]:
        return [s for s in (self.sizes or "").split("|") if s]


Index("ix_products_brand_lower", func.lower(Product.brand))  # brand filters ignore case


class Variant(Base):
    """One orderable item of a product with options ("color: blue, size: M"), its own price
    and availability. Products without variants are sold as they are."""

    __tablename__ = "variants"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    item_id: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    options: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    available: Mapped[bool] = mapped_column(default=True)

    product: Mapped[Product] = relationship(back_populates="variants")


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    author: Mapped[str] = mapped_column(String(100))
    rating: Mapped[int]
    text: Mapped[str] = mapped_column(Text)

    product: Mapped[Product] = relationship(back_populates="reviews")


class Policy(Base):
    """One section of the store policy text (shipping, returns, warranty, payment)."""

    __tablename__ = "policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(String(50), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
