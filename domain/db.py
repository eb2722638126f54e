"""The database session as handlers see it: a unit of work per update.

Handlers receive it from the database middleware and pass it to use cases; they never build
queries themselves.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

Db = AsyncSession

__all__ = ["Db"]
