"""Times come from the program's clock: no database-side now() defaults; and
`sessions.password_verified_at`, the domain's proof that the old password was given.

Every created/updated time is now set by the program (`domain.clock.utcnow`, which
`CABINET_TODAY` can pin), so the database no longer fills these columns with its own clock.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column) pairs that had `server_default=now()` in 0001.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("companies", "created_at"),
    ("fsm_records", "updated_at"),
    ("outbox", "next_attempt_at"),
    ("outbox", "created_at"),
    ("telegram_chats", "created_at"),
    ("accounts", "created_at"),
    ("cashback_transactions", "at"),
    ("subscribers", "created_at"),
    ("cabinet_users", "created_at"),
    ("forwardings", "created_at"),
    ("sim_cards", "created_at"),
    ("audit_log", "at"),
    ("login_failures", "at"),
    ("one_time_codes", "created_at"),
    ("orders", "created_at"),
    ("sessions", "created_at"),
    ("sessions", "last_seen_at"),
    ("tickets", "created_at"),
    ("tickets", "updated_at"),
    ("documents", "created_at"),
    ("ticket_messages", "created_at"),
)


def _by_table() -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    for table, column in COLUMNS:
        tables.setdefault(table, []).append(column)
    return tables


def upgrade() -> None:
    op.add_column(
        "sessions", sa.Column("password_verified_at", sa.DateTime(timezone=True), nullable=True)
    )
    for table, columns in _by_table().items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.alter_column(
                    column,
                    existing_type=sa.DateTime(timezone=True),
                    existing_nullable=False,
                    server_default=None,
                )


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("password_verified_at")
    for table, columns in _by_table().items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.alter_column(
                    column,
                    existing_type=sa.DateTime(timezone=True),
                    existing_nullable=False,
                    server_default=sa.func.now(),
                )
