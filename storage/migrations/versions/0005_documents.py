"""Documents made in the background: claim, reason of a failure, the number a document is of.

Revision ID: 0005
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0005"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("subscriber_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("reason", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("claimed_by", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("made_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(
            "fk_documents_subscriber_id_subscribers", "subscribers", ["subscriber_id"], ["id"]
        )
        batch.create_index("ix_documents_status_claimed", ["status", "claimed_at"])
        batch.create_index("ix_documents_order", ["order_id"])


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_order")
        batch.drop_index("ix_documents_status_claimed")
        batch.drop_constraint("fk_documents_subscriber_id_subscribers", type_="foreignkey")
        batch.drop_column("made_at")
        batch.drop_column("claimed_at")
        batch.drop_column("claimed_by")
        batch.drop_column("reason")
        batch.drop_column("subscriber_id")
