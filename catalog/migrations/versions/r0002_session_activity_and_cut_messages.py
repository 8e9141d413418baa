"""Sessions note when they were last active (anonymous ones expire); messages cut to the
stored limit note their original length.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite cannot add a column whose default is not a constant: copy the table instead.
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("chat_sessions", recreate="always" if sqlite else "auto") as batch:
        batch.add_column(
            sa.Column("last_active_at", sa.DateTime(), server_default=sa.func.now(), nullable=False)
        )
    op.execute("UPDATE chat_sessions SET last_active_at = created_at")
    with op.batch_alter_table("chat_messages") as batch:
        batch.add_column(sa.Column("original_length", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chat_messages") as batch:
        batch.drop_column("original_length")
    with op.batch_alter_table("chat_sessions") as batch:
        batch.drop_column("last_active_at")
