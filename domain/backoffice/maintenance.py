"""Housekeeping the scheduler runs."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete

from domain import clock
from domain.db import Db
from storage.models import OneTimeCode


async def cleanup_expired_codes(db: Db) -> int:
    """Forget one-time codes a day after they expired (the day keeps lockout counts honest)."""
    result = await db.execute(
        delete(OneTimeCode).where(OneTimeCode.expires_at < clock.utcnow() - timedelta(days=1))
    )
    return int(getattr(result, "rowcount", 0) or 0)
