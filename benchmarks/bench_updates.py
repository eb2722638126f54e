"""Updates per second through our whole stack, beside a bare aiogram Dispatcher.

Both bots answer through the same recording session (no network), so the figure is what the
Dispatcher, the middlewares, the database session, the FSM and the handler cost. Ours handles
"/menu" for a logged-in coordinator of the demo company (the main menu); the bare one echoes.

    python benchmarks/bench_updates.py [N]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import Chat, Message, Update, User
from sqlalchemy import select

from bot.app import build_dispatcher
from bot.config import Settings
from bot.i18n import I18n
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade_to_head
from storage.models import CabinetUser


class RecordingSession(BaseSession):
    """Answers every request at once with a plausible message, as aiogram's tests do."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        self.calls += 1
        chat_id = int(getattr(method, "chat_id", 1) or 1)
        result: Any = Message(
            message_id=self.calls,
            date=datetime.now(UTC),
            chat=Chat(id=chat_id, type="private"),
            text=getattr(method, "text", None) or "ok",
        )
        return result  # type: ignore[no-any-return]

    async def stream_content(self, *args: Any, **kwargs: Any) -> Any:  # pragma: no cover
        raise NotImplementedError

    async def close(self) -> None:
        return None


def make_update(i: int, user_id: int, text: str) -> Update:
    user = User(id=user_id, is_bot=False, first_name="Bench")
    return Update(
        update_id=i,
        message=Message(
            message_id=i,
            date=datetime.now(UTC),
            chat=Chat(id=user_id, type="private"),
            from_user=user,
            text=text,
        ),
    )


async def run(dp: Dispatcher, bot: Bot, n: int, text: str, users: int = 50) -> float:
    # Warm up, then measure; users interleave as they would in real traffic.
    for i in range(20):
        await dp.feed_update(bot, make_update(i, 1000 + i % users, text))
    start = time.perf_counter()
    await asyncio.gather(
        *(dp.feed_update(bot, make_update(100 + i, 1000 + i % users, text)) for i in range(n))
    )
    return n / (time.perf_counter() - start)


async def main(n: int) -> None:
    tmp = Path(tempfile.mkdtemp())
    url = f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
    await upgrade_to_head(url)
    engine = make_engine(url)
    sm = make_sessionmaker(engine)
    from domain.auth.login import open_session
    from storage.demo import create_demo

    info = await create_demo(sm, lambda p: "x" + p)
    coordinator = next(d for d in info.logins if str(d.role) == "union_coordinator")
    async with sm() as db:
        user_id = await db.scalar(
            select(CabinetUser.id).where(CabinetUser.login == coordinator.login)
        )
        assert user_id is not None
        for u in range(50):
            await open_session(db, user_id, 1000 + u, 1000 + u)
        await db.commit()

    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
    ours = build_dispatcher(settings, sm, I18n("ru"), throttle=False)
    bot = Bot("1:bench", session=RecordingSession())

    bare = Dispatcher()
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    bare.include_router(router)

    bare_rate = await run(bare, bot, n, "hello")
    our_rate = await run(ours, bot, n, "/menu")
    print(f"bare aiogram echo:        {bare_rate:8.0f} updates/s")
    print(f"ours (/menu, full stack): {our_rate:8.0f} updates/s")
    print(f"ratio ours / bare:        {our_rate / bare_rate:8.2f}  (goal ≥ 0.5)")
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
