"""The demo once wrote its groups' colour as `gray`, a colour the cabinet does not know (its
palette says `grey`): such a group showed the raw message id `sub-color-gray`. Data only.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE groups SET color = 'grey' WHERE color = 'gray'")


def downgrade() -> None:
    pass  # `grey` is the right spelling under every revision
