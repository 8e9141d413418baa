"""Customer service on orders: product variants, saved payment methods, an order's address,
payments and requested changes, and the audit of changes made for a customer.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OLD_STATUSES = ("PLACED", "SHIPPED", "DELIVERED", "CANCELLED", "RETURNED")
NEW_STATUSES = ("ITEMS_MODIFIED", "RETURN_REQUESTED", "EXCHANGE_REQUESTED")


def _status(*names: str) -> sa.Enum:
    """orders.status as stored: the member names in a VARCHAR as long as the longest."""
    return sa.Enum(*names, name="orderstatus", native_enum=False)


def upgrade() -> None:
    _create_variants_and_payment_methods()
    _create_order_payments_and_changes()
    with op.batch_alter_table("shoppers") as batch:
        batch.add_column(sa.Column("address", sa.JSON(), nullable=True))
        batch.create_index("ix_shoppers_email", ["email"], unique=False)
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("address", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("cancel_reason", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("return_item_ids", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("exchange_item_ids", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("exchange_new_item_ids", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("request_payment_method", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("exchange_price_difference", sa.Numeric(precision=12, scale=2)))
        batch.alter_column(
            "status",
            existing_type=_status(*OLD_STATUSES),
            type_=_status(*OLD_STATUSES, *NEW_STATUSES),
            existing_nullable=False,
        )
    with op.batch_alter_table("order_lines") as batch:
        batch.add_column(sa.Column("variant_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_order_lines_variant_id", "variants", ["variant_id"], ["id"])


def _create_variants_and_payment_methods() -> None:
    op.create_table(
        "variants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("price", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("available", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_variants_item_id", "variants", ["item_id"], unique=True)
    op.create_index("ix_variants_product_id", "variants", ["product_id"], unique=False)
    op.create_table(
        "payment_methods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shopper_id", sa.Integer(), nullable=False),
        sa.Column("method_id", sa.String(length=64), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "CREDIT_CARD",
                "PAYPAL",
                "GIFT_CARD",
                name="paymentkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("brand", sa.String(length=40), nullable=True),
        sa.Column("last_four", sa.String(length=4), nullable=True),
        sa.Column("balance", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.ForeignKeyConstraint(["shopper_id"], ["shoppers.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("method_id"),
    )
    op.create_index(
        "ix_payment_methods_shopper_id", "payment_methods", ["shopper_id"], unique=False
    )


def _create_order_payments_and_changes() -> None:
    op.create_table(
        "order_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("method_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_order_payments_order_id", "order_payments", ["order_id"], unique=False)
    op.create_table(
        "order_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("shopper_id", sa.Integer(), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("chat_session_id", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"]),
        sa.ForeignKeyConstraint(["shopper_id"], ["shoppers.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_order_changes_order_id", "order_changes", ["order_id"], unique=False)
    op.create_index("ix_order_changes_shopper_id", "order_changes", ["shopper_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("order_lines") as batch:
        batch.drop_constraint("fk_order_lines_variant_id", type_="foreignkey")
        batch.drop_column("variant_id")
    with op.batch_alter_table("orders") as batch:
        batch.alter_column(
            "status",
            existing_type=_status(*OLD_STATUSES, *NEW_STATUSES),
            type_=_status(*OLD_STATUSES),
            existing_nullable=False,
        )
        for column in (
            "exchange_price_difference",
            "request_payment_method",
            "exchange_new_item_ids",
            "exchange_item_ids",
            "return_item_ids",
            "cancel_reason",
            "address",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("shoppers") as batch:
        batch.drop_index("ix_shoppers_email")
        batch.drop_column("address")
    for table in ("order_changes", "order_payments", "payment_methods", "variants"):
        op.drop_table(table)
