"""Drive the real Dispatcher the way a person uses the bot.

The bot talks to an in-process sandbox over HTTP, so every request it makes passes Telegram's
rules (text length, captions, callback data, HTML). A user's action creates an update in the
sandbox; the tester feeds it through the Dispatcher and waits until it is handled, so after each
step the chat is exactly what the user would see.
"""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.storage.base import StorageKey
from aiogram.types import Update
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.app import build_bot, build_dispatcher, set_commands
from bot.config import Settings
from bot.gateways.email import ConsoleEmail
from bot.gateways.sandbox import SandboxEmail, SandboxSms
from bot.gateways.sms import ConsoleSms
from bot.i18n import LOCALES_DIR, I18n
from bot.jobs import run_all_once
from bot.notifier import Notifier
from bot.wiring import configure
from domain import clock
from domain.auth import login as auth
from sandbox.server import start_sandbox
from sandbox.state import Sandbox, SandboxUser
from storage.models import Outbox


def forged(data: CallbackData, field: str, raw: str) -> str:
    """`data` packed, with one field's text replaced by `raw`: a value no button carries (a
    made-up enum value, or "" where the action needs one), as a modified client could send."""
    parts = data.pack().split(data.__separator__)
    parts[1 + list(type(data).model_fields).index(field)] = raw
    return data.__separator__.join(parts)


@dataclass
class Shown:
    """One message as the user sees it."""

    raw: dict[str, Any]

    @property
    def message_id(self) -> int:
        return int(self.raw["message_id"])

    @property
    def text(self) -> str:
        return str(self.raw.get("text") or self.raw.get("caption") or "")

    @property
    def html(self) -> str:
        return str(self.raw.get("html") or "")

    @property
    def from_bot(self) -> bool:
        return bool(self.raw.get("from_bot"))

    @property
    def buttons(self) -> list[str]:
        markup = self.raw.get("reply_markup") or {}
        rows = markup.get("inline_keyboard") or []
        return [b["text"] for row in rows for b in row]

    @property
    def callback_data(self) -> dict[str, str]:
        markup = self.raw.get("reply_markup") or {}
        rows = markup.get("inline_keyboard") or []
        return {b["text"]: b.get("callback_data", "") for row in rows for b in row}

    @property
    def document(self) -> dict[str, Any] | None:
        doc = self.raw.get("document")
        return doc if isinstance(doc, dict) else None

    def __contains__(self, needle: str) -> bool:
        return needle in self.text


class ChatUser:
    def __init__(self, tester: BotTester, user_id: int, chat_id: int | None = None) -> None:
        self.tester = tester
        self.id = user_id
        self.chat_id = chat_id if chat_id is not None else user_id

    @property
    def sandbox(self) -> Sandbox:
        return self.tester.sandbox

    # --- what the user does
    async def send(self, text: str) -> list[Shown]:
        before = self._bot_ids()
        self.sandbox.send_text(self.id, text, chat_id=self._chat_arg())
        await self.tester.feed()
        return self._new_since(before)

    async def press(self, button_text: str) -> list[Shown]:
        before = self._bot_ids()
        self.sandbox.press_button(self.id, button_text, chat_id=self._chat_arg())
        await self.tester.feed()
        return self._new_since(before)

    async def press_data(self, message_id: int, data: str) -> None:
        """Press a button with callback data of one's own making (a forged or stale button).

        A modified client can send any callback data with any message, so this skips the
        sandbox's check that the message really has such a button.
        """
        chat = self.sandbox._existing_chat(self.id, self._chat_arg())
        self.sandbox._callback_query(self.id, chat, chat.messages[message_id], data)
        await self.tester.feed()

    async def press_unavailable(self, *datas: str) -> None:
        """Press each forged button under the last message: each is answered «Эта кнопка
        недоступна» as an alert and leaves the last message as it was."""
        shown = self.last.text
        for data in datas:
            alerts = len(self.alerts)
            await self.press_data(self.last.message_id, data)
            assert len(self.alerts) == alerts + 1, data
            assert "недоступна" in (self.alerts[-1]["text"] or ""), (data, self.alerts[-1])
            assert self.last.text == shown, data

    async def share_contact(self, phone: str, *, own: bool = True) -> list[Shown]:
        before = self._bot_ids()
        self.sandbox.share_contact(self.id, phone, contact_user_id=self.id if own else self.id + 1)
        await self.tester.feed()
        return self._new_since(before)

    async def send_document(
        self,
        name: str,
        content: bytes,
        mime: str = "application/octet-stream",
        *,
        caption: str | None = None,
        reply_to: int | None = None,
    ) -> list[Shown]:
        before = self._bot_ids()
        self.sandbox.send_document(
            self.id, name, content, mime, caption, chat_id=self._chat_arg(), reply_to=reply_to
        )
        await self.tester.feed()
        return self._new_since(before)

    async def send_photo(
        self, content: bytes, caption: str | None = None, *, reply_to: int | None = None
    ) -> list[Shown]:
        before = self._bot_ids()
        self.sandbox.send_photo(
            self.id, content, caption=caption, chat_id=self._chat_arg(), reply_to=reply_to
        )
        await self.tester.feed()
        return self._new_since(before)

    async def reply(self, message_id: int, text: str) -> list[Shown]:
        """A text message replying to one in the chat (how staff answer in the staff chat)."""
        before = self._bot_ids()
        self.sandbox.reply_to(self.id, self.chat_id, message_id, text)
        await self.tester.feed()
        return self._new_since(before)

    async def send_sticker(self) -> list[Shown]:
        before = self._bot_ids()
        self.sandbox.send_sticker(self.id, chat_id=self._chat_arg())
        await self.tester.feed()
        return self._new_since(before)

    # --- what the bot keeps of the chat's dialog
    def _fsm_key(self) -> StorageKey:
        return StorageKey(bot_id=self.tester.bot.id, chat_id=self.chat_id, user_id=self.id)

    async def dialog(self) -> tuple[str | None, dict[str, Any]]:
        """The chat's dialog step (FSM state) and what the dialog keeps (FSM data)."""
        storage = self.tester.dp.storage
        key = self._fsm_key()
        return await storage.get_state(key), await storage.get_data(key)

    async def put_at_step(self, step: str, data: dict[str, Any]) -> None:
        """The chat's dialog put at `step` with `data`, as a dialog would leave it."""
        storage = self.tester.dp.storage
        await storage.set_state(self._fsm_key(), step)
        await storage.set_data(self._fsm_key(), data)

    # --- what the user sees
    @property
    def messages(self) -> list[Shown]:
        return [Shown(m) for m in self.sandbox.chat(self.chat_id)]

    @property
    def bot_messages(self) -> list[Shown]:
        return [m for m in self.messages if m.from_bot]

    @property
    def last(self) -> Shown:
        msgs = self.bot_messages
        assert msgs, "the bot has sent nothing to this chat"
        return msgs[-1]

    @property
    def alerts(self) -> list[dict[str, Any]]:
        return self.sandbox.callback_answers(self.chat_id)

    @property
    def reply_keyboard(self) -> list[str]:
        kb = self.sandbox.reply_keyboard(self.chat_id) or {}
        return [b["text"] for row in kb.get("keyboard") or [] for b in row]

    def file(self, shown: Shown) -> bytes:
        assert shown.document is not None, "that message has no document"
        return self.sandbox.file_bytes(shown.document["file_id"])

    def _chat_arg(self) -> int | None:
        return None if self.chat_id == self.id else self.chat_id

    def _bot_ids(self) -> set[int]:
        return {m.message_id for m in self.bot_messages}

    def _new_since(self, before: set[int]) -> list[Shown]:
        return [m for m in self.bot_messages if m.message_id not in before]


# The demo made once per test process and day: (its database, its newest moment, what
# `create_demo` returned); None where it could not be made so (see `_demo_copy`).
_DEMO_COPIES: dict[date, tuple[Path, datetime, Any] | None] = {}
# The copy is made this long before the pinned moment, so that none of its rows (stamped by the
# clock as they are written) is later than the moment any test starts at.
_DEMO_LEAD = timedelta(seconds=10)


async def _demo_copy(day: date) -> tuple[Path, datetime, Any] | None:
    if day in _DEMO_COPIES:
        return _DEMO_COPIES[day]
    _DEMO_COPIES[day] = None
    pinned = os.environ.get(clock.ENV_VAR, "").strip()
    if not pinned:
        return None
    start = clock.parse_pin(pinned)
    begin = start - _DEMO_LEAD
    if clock.to_local(begin).date() != day or clock.to_local(start).date() != day:
        return None
    from domain.auth.passwords import hash_password
    from storage.db import make_engine, make_sessionmaker
    from storage.demo import create_demo
    from storage.models import Base

    path = Path(tempfile.mkdtemp(prefix="demo-copy-")) / f"demo-{day}.db"
    engine = make_engine(f"sqlite+aiosqlite:///{path}")
    resume = clock.utcnow()
    clock.pin(begin)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        info = await create_demo(make_sessionmaker(engine), hash_password)
        newest = clock.utcnow()
    finally:
        clock.pin(resume)
        await engine.dispose()
    if newest < start:
        _DEMO_COPIES[day] = (path, newest, info)
    return _DEMO_COPIES[day]


def _backup(source: Path, target: Path) -> None:
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _restore_if_empty(copy: Path, target: Path) -> bool:
    """Copy the demo into `target` if it has tables and not a row in any of them."""
    con = sqlite3.connect(target)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            if con.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
                return False
    finally:
        con.close()
    if not tables:
        return False
    _backup(copy, target)
    return True


def message_ids() -> tuple[frozenset[str], frozenset[str]]:
    """Every Fluent message id of the bot, and the prefixes that several ids share."""
    ids: set[str] = set()
    for path in LOCALES_DIR.glob("*/*.ftl"):
        ids.update(re.findall(r"^([a-z][a-z0-9-]*)\s*=", path.read_text("utf-8"), re.M))
    prefixes = Counter(i.split("-")[0] for i in ids if "-" in i)
    return frozenset(ids), frozenset(p for p, n in prefixes.items() if n >= 2)


class BotTester:
    def __init__(
        self, engine: AsyncEngine, session_maker: async_sessionmaker[AsyncSession], **settings: Any
    ) -> None:
        self.engine = engine
        self.session_maker = session_maker
        # Message dates from the program's clock: on the pinned day, like everything else.
        self.sandbox = Sandbox(clock=lambda: clock.utcnow().timestamp())
        self.sandbox.forbidden_words, self.sandbox.forbidden_prefixes = message_ids()
        self._expected_refusals: list[str] = []
        self._settings_overrides = settings
        self._runner: Any = None
        self._tasks: set[asyncio.Task[Any]] = set()

    async def start(self) -> BotTester:
        self._runner, port = await start_sandbox("127.0.0.1", 0, self.sandbox)
        self.settings = Settings(
            _env_file=None,
            telegram_api_url=f"http://127.0.0.1:{port}",
            database_url=self.engine.url.render_as_string(hide_password=False),
            sandbox_token=self.sandbox.token,
            # The test's clock stays as the test set it.
            **{"cabinet_today": None, **self._settings_overrides},
        )
        configure(self.settings)
        self.i18n = I18n("ru")
        self.bot: Bot = build_bot(self.settings)
        self.dp = build_dispatcher(self.settings, self.session_maker, self.i18n, throttle=False)
        self.notifier = Notifier(
            self.bot,
            self.session_maker,
            self.i18n,
            # Copies land in the sandbox's inbox, as beside `make run`: tests read the SMS
            # and e-mails as delivered there (`sandbox.inbox`).
            SandboxSms(ConsoleSms(), f"http://127.0.0.1:{port}"),
            SandboxEmail(ConsoleEmail(), f"http://127.0.0.1:{port}"),
            rate=1000.0,
            per_chat=0.0,
        )
        await set_commands(self.bot, self.i18n)
        return self

    def expect_refusal(self, description: str) -> None:
        """This test means the bot to meet a Bad Request whose text contains `description`
        (and to handle it): it is not a fault at the end of the test."""
        self._expected_refusals.append(description)

    def faults(self) -> list[str]:
        """What Telegram refused and the test did not expect, and what a reader could not
        read: each fails the test at its end (see `close`)."""
        refused = [
            f"{r['method']} refused: {r['description']} {r['params']}"
            for r in self.sandbox.refusals
            if not any(e in r["description"] for e in self._expected_refusals)
        ]
        return refused + list(self.sandbox.unreadable)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await self.dp.storage.close()
        await self.bot.session.close()
        if self._runner is not None:
            await self._runner.cleanup()
        faults = self.faults()
        assert not faults, "what Telegram refused or a reader could not read:\n" + "\n".join(faults)

    async def feed(self) -> None:
        """Handle every pending update, as polling would, and wait until each is done."""
        for _ in range(10):
            updates = self.sandbox.take_updates()
            if not updates:
                return
            for raw in updates:
                update = Update.model_validate(raw, context={"bot": self.bot})
                await self.dp.feed_update(self.bot, update)

    async def user(
        self,
        user_id: int,
        *,
        first_name: str = "Тест",
        language_code: str = "ru",
        chat_id: int | None = None,
    ) -> ChatUser:
        self.sandbox.add_user(
            SandboxUser(id=user_id, first_name=first_name, language_code=language_code)
        )
        return ChatUser(self, user_id, chat_id)

    async def login(self, telegram_id: int, cabinet_user_id: int) -> None:
        """Bind a session directly, as a finished login would; a user who logged in has
        written to the bot, so their private chat exists and pushes reach it."""
        self.sandbox.open_chat(telegram_id)
        async with self.session_maker() as db:
            await auth.open_session(db, cabinet_user_id, telegram_id, telegram_id)
            await db.commit()

    async def load_demo(self) -> Any:
        """The demo companies, as `python -m bot demo` makes them for the clock's day.

        Made once per test process and day (`_demo_copy`) and copied into this test's empty
        SQLite database with SQLite's backup API: the very same rows, where making them took
        half of each dialog test's time. Anything else (not SQLite, a database with rows, a
        clock moved off the pinned moment) makes the demo afresh, as before."""
        from domain.auth.passwords import hash_password
        from storage.demo import create_demo

        path = self._sqlite_path()
        copy = await _demo_copy(clock.today_local()) if path is not None else None
        if path is not None and copy is not None and clock.utcnow() >= copy[1]:
            if await asyncio.to_thread(_restore_if_empty, copy[0], path):
                return copy[2]
        return await create_demo(self.session_maker, hash_password)

    def _sqlite_path(self) -> Path | None:
        url = self.engine.url
        if not url.drivername.startswith("sqlite") or not url.database:
            return None
        return Path(url.database)

    async def run_jobs(self) -> None:
        await run_all_once(self.session_maker, self.notifier)

    async def outbox(self, channel: str | None = None) -> list[Outbox]:
        async with self.session_maker() as db:
            q = select(Outbox).order_by(Outbox.id)
            if channel:
                q = q.where(Outbox.channel == channel)
            return list(await db.scalars(q))

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """For work the bot does in the background (exports, documents)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            if loop.time() > deadline:
                raise AssertionError("the bot did not get there in time")
            await asyncio.sleep(0.02)
            await self.feed()
