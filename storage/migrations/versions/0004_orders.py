"""Orders core: idempotency key, order-level failure reason, reminder and cancel marks,
per-number parameters and completion time, and an index for the overlap check.

Revision ID: 0004
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Batch mode: SQLite cannot add a unique constraint to an existing table otherwise.
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("request_key", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("failed_reason", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_unique_constraint(
            "uq_orders_company_request_key", ["company_id", "request_key"]
        )
    with op.batch_alter_table("order_items") as batch:
        batch.add_column(sa.Column("params", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("done_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index(
            op.f("ix_order_items_subscriber_id"), ["subscriber_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("order_items") as batch:
        batch.drop_index(op.f("ix_order_items_subscriber_id"))
        batch.drop_column("done_at")
        batch.drop_column("params")
    with op.batch_alter_table("orders") as batch:
        batch.drop_constraint("uq_orders_company_request_key", type_="unique")
        batch.drop_column("cancelled_at")
        batch.drop_column("reminded_at")
        batch.drop_column("failed_reason")
        batch.drop_column("request_key")
