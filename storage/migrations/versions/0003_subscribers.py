"""Subscribers: the spending limit's pushed share and barring, the block reason, list indexes.

Revision ID: 0003
Revises: 0004 (0001 on its own branch; chained after the orders core once merged)
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("subscribers") as batch:
        batch.add_column(
            sa.Column("limit_alert_percent", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("limit_blocks", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("outgoing_barred", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("block_reason", sa.String(length=200), nullable=True))
    op.create_index(
        "ix_subscribers_company_msisdn",
        "subscribers",
        ["company_id", "msisdn", "status", "employee_name", "group_id", "account_id"],
        unique=False,
    )
    op.create_index(
        "ix_subscribers_company_group", "subscribers", ["company_id", "group_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_subscribers_company_group", table_name="subscribers")
    op.drop_index("ix_subscribers_company_msisdn", table_name="subscribers")
    with op.batch_alter_table("subscribers") as batch:
        batch.drop_column("block_reason")
        batch.drop_column("outgoing_barred")
        batch.drop_column("limit_blocks")
        batch.drop_column("limit_alert_percent")
