"""A job whose work ends in pushes runs the notifier at once when it did something."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.jobs import PERIODIC, PUSHING_JOBS, run_domain_job


async def test_the_notifier_runs_right_after_a_job_that_did_work(
    session_maker: async_sessionmaker[AsyncSession],
) -> None:
    kicked: list[int] = []

    async def kick() -> int:
        kicked.append(1)
        return 0

    async def did_work(db: AsyncSession) -> int:
        return 3

    async def idle(db: AsyncSession) -> int:
        return 0

    assert await run_domain_job(session_maker, "w", did_work, kick) == 3
    assert await run_domain_job(session_maker, "i", idle, kick) == 0
    assert kicked == [1]
    assert "execute_orders" in PUSHING_JOBS
    assert any(name == "execute_orders" and period <= 3 for name, _, period in PERIODIC)
