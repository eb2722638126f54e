"""Updates per second through our whole stack, beside a bare aiogram Dispatcher.

Both bots answer through the same recording session (no network), so the figure is what the
Dispatcher, the middlewares, the database session, the FSM and the handler cost. 50 Telegram
users, each logged in as the union coordinator of a company of 50 accounts, send in turn:

- "/menu" (the main menu);
- "/balance" (the quick balance of the 50 accounts);
- a press of «›» on the payments list filtered by a year, bank transfers and 1,000–50,000 ₽;
- a typed answer inside a dialog: "1000-50000" to «Сумма» of the payments' filters.

Each is measured in rounds of one update per user (the dialog's state is set again between
rounds, untimed), beside the bare aiogram echo measured the same way in the same run.

    python benchmarks/bench_updates.py [N]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.base import BaseSession
from aiogram.fsm.storage.base import StorageKey
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import CallbackQuery, Chat, Message, Update, User
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


def make_press(i: int, user_id: int, data: str) -> Update:
    user = User(id=user_id, is_bot=False, first_name="Bench")
    message = Message(
        message_id=i,
        date=datetime.now(UTC),
        chat=Chat(id=user_id, type="private"),
        from_user=User(id=1, is_bot=True, first_name="Bot"),
        text="…",
    )
    return Update(
        update_id=i,
        callback_query=CallbackQuery(
            id=str(i), from_user=user, chat_instance="bench", message=message, data=data
        ),
    )


Prepare = Callable[[list[int]], Awaitable[None]]


async def run(
    dp: Dispatcher,
    bot: Bot,
    n: int,
    make: Callable[[int, int], Update],
    users: int = 50,
    prepare: Prepare | None = None,
) -> float:
    """Updates per second, in rounds of one update per user; `prepare` (untimed) before each."""
    ids = [1000 + u for u in range(users)]
    for i in range(users):  # warm-up
        if prepare is not None and i == 0:
            await prepare(ids)
        await dp.feed_update(bot, make(i, ids[i]))
    timed, done, serial = 0.0, 0, 10_000
    while done < n:
        if prepare is not None:
            await prepare(ids)
        batch = [make(serial + k, uid) for k, uid in enumerate(ids)]
        serial += len(ids)
        start = time.perf_counter()
        await asyncio.gather(*(dp.feed_update(bot, u) for u in batch))
        timed += time.perf_counter() - start
        done += len(batch)
    return done / timed


async def _world(url: str) -> tuple[Any, int, list[int]]:
    """A company of 50 accounts (`create_large`, small counts); its coordinator's id and the
    accounts' ids; 50 Telegram users logged in as that coordinator."""
    from domain.auth.login import open_session
    from storage.demo import create_large
    from storage.models import Account

    await upgrade_to_head(url)
    engine = make_engine(url)
    sm = make_sessionmaker(engine)
    info = await create_large(
        sm, lambda p: "x" + p, accounts=50, subscribers=500, charges=20_000, payments=20_000
    )
    async with sm() as db:
        user_id = await db.scalar(
            select(CabinetUser.id).where(CabinetUser.login == info.login.login)
        )
        assert user_id is not None
        account_ids = list(
            await db.scalars(select(Account.id).where(Account.company_id == info.company_id))
        )
        for u in range(50):
            await open_session(db, user_id, 1000 + u, 1000 + u)
        await db.commit()
    return engine, user_id, account_ids


def _filtered(account_ids: list[int]) -> dict[str, Any]:
    from domain.accounts.payments import OpType, PaymentFilter, parse_amount_range
    from domain.clock import today_local

    today = today_local()
    flt = PaymentFilter(
        account_ids=frozenset(account_ids),
        date_from=today.replace(year=today.year - 1),
        date_to=today,
    ).toggle_type(OpType.BANK_TRANSFER)
    flt = PaymentFilter.from_data(
        {**flt.to_data(), "amount": parse_amount_range("1000-50000").to_data()}
    )
    return flt.to_data()


async def main(n: int) -> None:
    from bot.wiring import configure
    from handlers.accounts.payments import PayData, PayInput
    from keyboards.accounts import PayAction, PayCb

    tmp = Path(tempfile.mkdtemp())
    url = f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
    configure(settings)
    engine, _user_id, account_ids = await _world(url)
    sm = make_sessionmaker(engine)
    ours = build_dispatcher(settings, sm, I18n("ru"), throttle=False)
    bot = Bot("1:bench", session=RecordingSession())
    pay = {PayData.KEY: {"flt": _filtered(account_ids), "origin": 0}}

    async def in_payments(ids: list[int]) -> None:
        for uid in ids:
            key = StorageKey(bot_id=bot.id, chat_id=uid, user_id=uid)
            await ours.storage.set_data(key, pay)
            await ours.storage.set_state(key, None)

    async def asked_amount(ids: list[int]) -> None:
        await in_payments(ids)
        for uid in ids:
            key = StorageKey(bot_id=bot.id, chat_id=uid, user_id=uid)
            await ours.storage.set_state(key, PayInput.amount.state)

    bare = Dispatcher()
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    bare.include_router(router)

    page = PayCb(action=PayAction.LIST, page=1).pack()
    cases: list[tuple[str, Callable[[int, int], Update], Prepare | None]] = [
        ("/menu", lambda i, u: make_update(i, u, "/menu"), None),
        ("/balance, 50 accounts", lambda i, u: make_update(i, u, "/balance"), None),
        ("payments page «›», 3 filters", lambda i, u: make_press(i, u, page), in_payments),
        ("typed amount in a dialog", lambda i, u: make_update(i, u, "1000-50000"), asked_amount),
    ]
    bare_rate = await run(bare, bot, n, lambda i, u: make_update(i, u, "hello"))
    print(f"{'bare aiogram echo':32} {bare_rate:8.0f} updates/s")
    for title, make, prepare in cases:
        rate = await run(ours, bot, n, make, prepare=prepare)
        print(f"{title:32} {rate:8.0f} updates/s  {rate / bare_rate:5.2f} of the echo (goal ≥ 0.7)")
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
