"""Billing's own id of a charge, so that a charges file loaded twice adds nothing twice.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("charges") as batch:
        batch.add_column(sa.Column("external_id", sa.String(length=64), nullable=True))
        # NULLs are distinct in a unique index (SQLite and PostgreSQL): charges without an id
        # (the demo's, older loads) do not collide.
        batch.create_index(
            "ux_charges_account_external", ["account_id", "external_id"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("charges") as batch:
        batch.drop_index("ux_charges_account_external")
        batch.drop_column("external_id")
