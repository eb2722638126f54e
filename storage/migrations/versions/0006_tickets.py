"""Support tickets: topic, waiting/closing times, rating, attachment kind, staff chat posts.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUS_OLD = ("new", "in_progress", "answered", "closed")
_STATUS_NEW = ("new", "in_progress", "waiting", "answered", "closed")
_TOPICS = ("billing", "documents", "sim", "tariffs", "quality", "other", "remote_service")


def _status(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name="ticketstatus", native_enum=False, length=32)


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.alter_column("status", existing_type=_status(_STATUS_OLD), type_=_status(_STATUS_NEW))
        batch.add_column(
            sa.Column(
                "topic_code",
                sa.Enum(*_TOPICS, name="tickettopic", native_enum=False, length=32),
                server_default="other",
                nullable=False,
            )
        )
        batch.add_column(sa.Column("waiting_since", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("rating", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("rating_comment", sa.String(length=1000), nullable=True))
    # The application for remote service has its own topic.
    op.execute("UPDATE tickets SET topic_code = 'remote_service' WHERE kind = 'remote_service'")
    with op.batch_alter_table("ticket_attachments") as batch:
        batch.add_column(
            sa.Column(
                "kind",
                sa.Enum("photo", "document", name="attachmentkind", native_enum=False, length=32),
                server_default="document",
                nullable=False,
            )
        )
    op.create_table(
        "ticket_staff_posts",
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_ticket_staff_posts_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("chat_id", "message_id", name=op.f("pk_ticket_staff_posts")),
    )
    op.create_index(
        op.f("ix_ticket_staff_posts_ticket_id"), "ticket_staff_posts", ["ticket_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_ticket_staff_posts_ticket_id"), table_name="ticket_staff_posts")
    op.drop_table("ticket_staff_posts")
    with op.batch_alter_table("ticket_attachments") as batch:
        batch.drop_column("kind")
    op.execute("UPDATE tickets SET status = 'in_progress' WHERE status = 'waiting'")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("rating_comment")
        batch.drop_column("rating")
        batch.drop_column("closed_at")
        batch.drop_column("reminded_at")
        batch.drop_column("waiting_since")
        batch.drop_column("topic_code")
        batch.alter_column("status", existing_type=_status(_STATUS_NEW), type_=_status(_STATUS_OLD))
