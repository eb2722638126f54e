"""Support tickets in the sandbox: how long from the client's «📨 Отправить» to the post in the
staff chat, and from a staff reply there to the push in the client's chat.

The bot runs as `make run` runs it — polling the sandbox over HTTP, the scheduler started with
the default settings (the notifier ticks every `SCHEDULER_TICK_SECONDS`, 2 s by default; ≤ 1
message a second to one chat) — on a fresh SQLite database with the demo company. The client
and the staff act through the sandbox's user side in the same process; a wait polls the chats
every 5 ms.

    python benchmarks/bench_tickets.py [ROUNDS] [--tick-only]

`--tick-only` leaves out what `python -m bot run` adds to the tick: delivering the rows this
process has just committed at once (`Notifier.listen`); it shows the tick's share.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from bot.app import build_app
from bot.config import Settings
from domain.auth import login as auth
from domain.auth.passwords import hash_password
from sandbox.server import start_sandbox
from sandbox.state import Sandbox, SandboxUser
from storage.db import make_engine, make_sessionmaker
from storage.demo import create_demo
from storage.migrate import upgrade_to_head
from storage.models import CabinetUser

STAFF_CHAT = -1001000000001
STAFF = 990000001
CLIENT = 261110001
LOGIN = "+79261110001"  # the demo's coordinator of a union of accounts


async def wait_for(check: Callable[[], bool], timeout: float = 15.0) -> float:
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("nothing came")
        await asyncio.sleep(0.005)
    return time.perf_counter()


def bot_texts(sandbox: Sandbox, chat_id: int) -> list[str]:
    return [m["text"] for m in sandbox.chat(chat_id) if m["from_bot"]]


async def step(sandbox: Sandbox, action: Callable[[], object], chat_id: int = CLIENT) -> None:
    """Do something as the client and wait for the bot's answer to change the chat."""
    before = sandbox.version
    action()
    await wait_for(lambda: sandbox.version > before and not sandbox.updates)
    # The bot's answer follows the update; give it until the chat changes again.
    await wait_for(
        lambda: any(m["version"] > before and m["from_bot"] for m in sandbox.chat(chat_id))
    )


async def press(sandbox: Sandbox, text: str) -> None:
    await step(sandbox, lambda: sandbox.press_button(CLIENT, text))


async def one_round(sandbox: Sandbox, n: int) -> tuple[float, float]:
    """A ticket from the menu to «Отправить», then a staff reply; → the two latencies."""
    await step(sandbox, lambda: sandbox.send_text(CLIENT, "/menu"))
    for text in ("💬 Обращения", "➕ Создать обращение", "Счета и оплата"):
        await press(sandbox, text)
    question = f"Вопрос номер {n} по счёту"
    await step(sandbox, lambda: sandbox.send_text(CLIENT, question))
    for text in ("Без файлов", "Мой номер"):
        await press(sandbox, text)
    posts = len(sandbox.chat(STAFF_CHAT))
    start = time.perf_counter()
    sandbox.press_button(CLIENT, "📨 Отправить")
    end = await wait_for(lambda: len(sandbox.chat(STAFF_CHAT)) > posts)
    to_staff = end - start
    post = sandbox.chat(STAFF_CHAT)[posts]
    assert question in post["text"], post["text"]

    await asyncio.sleep(1.1)  # Telegram's one message a second to a chat
    answer = f"Ответ номер {n}"
    start = time.perf_counter()
    sandbox.reply_to(STAFF, STAFF_CHAT, post["message_id"], answer)
    end = await wait_for(lambda: any(answer in t for t in bot_texts(sandbox, CLIENT)))
    await asyncio.sleep(1.1)
    return to_staff, end - start


async def main(rounds: int) -> None:
    logging.basicConfig(level=logging.WARNING)
    tmp = Path(tempfile.mkdtemp())
    url = f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
    await upgrade_to_head(url)
    engine = make_engine(url)
    session_maker = make_sessionmaker(engine)
    await create_demo(session_maker, hash_password)
    async with session_maker() as db:
        user_id = await db.scalar(select(CabinetUser.id).where(CabinetUser.login == LOGIN))
        assert user_id is not None
        await auth.open_session(db, user_id, CLIENT, CLIENT)
        await db.commit()
    await engine.dispose()

    sandbox = Sandbox()
    sandbox.add_user(SandboxUser(id=CLIENT, first_name="Клиент"))
    sandbox.add_user(SandboxUser(id=STAFF, first_name="Сотрудник"))
    sandbox.open_chat(STAFF_CHAT, "Чат сотрудников")
    sandbox.set_member(STAFF_CHAT, STAFF, "member")
    runner, port = await start_sandbox("127.0.0.1", 0, sandbox)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_api_url=f"http://127.0.0.1:{port}",
        database_url=url,
        sandbox_token=sandbox.token,
        support_chat_id=STAFF_CHAT,
    )
    app = build_app(settings)
    app.scheduler.start()
    if "--tick-only" not in sys.argv:
        app.notifier.listen(asyncio.get_running_loop())  # as `python -m bot run` does
    polling = asyncio.create_task(
        app.dp.start_polling(app.bot, handle_signals=False, close_bot_session=False)
    )
    to_staff: list[float] = []
    to_client: list[float] = []
    try:
        for n in range(rounds):
            staff_s, client_s = await one_round(sandbox, n)
            to_staff.append(staff_s)
            to_client.append(client_s)
    finally:
        with contextlib.suppress(RuntimeError):
            await app.dp.stop_polling()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(polling, 5)
        await app.close()
        await runner.cleanup()

    tick = settings.scheduler_tick_seconds
    how = "tick only" if "--tick-only" in sys.argv else "tick + delivery right after the commit"
    print(f"support tickets, {rounds} rounds, notifier tick {tick:g} s (the default), {how}")
    for name, values in (
        ("«Отправить» → post in the staff chat", to_staff),
        ("staff reply → push in the client's chat", to_client),
    ):
        ordered = sorted(values)
        p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
        print(
            f"  {name}: median {statistics.median(values):.2f} s, p95 {p95:.2f} s, "
            f"max {max(values):.2f} s (goal < 2 s)"
        )


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    asyncio.run(main(int(numbers[0]) if numbers else 10))
