"""Names searched and compared whatever their case or ё: a folded copy of each group's, label's
and employee's name (`storage.search.fold`), and one group or label per folded name.

Existing rows are folded here in Python (SQLite's `lower()` folds ASCII only). Two groups or
labels of one company whose names differ only in case keep both their names; the later one's
key gets ` #<id>`, so it is still found by its name and the index holds.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.search import fold

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SIZES = {"groups": 120, "labels": 80, "subscribers": 400}
_NAMED = {"groups": "name", "labels": "name", "subscribers": "employee_name"}


def _fill(table: str) -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            f"SELECT id, {'company_id' if table != 'subscribers' else '0'}, "  # noqa: S608
            f"{_NAMED[table]} FROM {table} ORDER BY id"
        )
    ).all()
    taken: set[tuple[int, str]] = set()
    update = sa.text(f"UPDATE {table} SET name_key = :key WHERE id = :id")  # noqa: S608
    for row_id, company_id, name in rows:
        key = fold(name or "")
        if table != "subscribers":
            if (company_id, key) in taken:
                key = f"{key} #{row_id}"
            taken.add((company_id, key))
        conn.execute(update, {"key": key, "id": row_id})


def upgrade() -> None:
    for table, size in _SIZES.items():
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("name_key", sa.String(length=size), nullable=False, server_default="")
            )
        _fill(table)
    for table in ("groups", "labels"):
        with op.batch_alter_table(table) as batch:
            batch.create_index(
                f"ux_{table}_company_name_key", ["company_id", "name_key"], unique=True
            )


def downgrade() -> None:
    for table in ("groups", "labels"):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ux_{table}_company_name_key")
    for table in _SIZES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("name_key")
