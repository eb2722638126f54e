"""Delivers the outbox: Telegram pushes within Telegram's limits, SMS and e-mail by gateways.

Rows are claimed before sending (a claim column with an expiry; `FOR UPDATE SKIP LOCKED` on
PostgreSQL), so two instances never take the same row, and each row is marked sent in its own
commit right after delivery, so a restart does not send it again.
"""

from __future__ import annotations

import asyncio
import html
import logging
import mimetypes
import os
import socket
import time
from datetime import timedelta
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import BufferedInputFile, InputMediaDocument, Message, ReplyParameters
from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.command_menu import set_chat_commands
from bot.gateways.email import EmailGateway
from bot.gateways.sms import SmsGateway
from bot.i18n import I18n
from bot.metrics import Metrics
from bot.push_cards import push_markup as card_markup
from domain import clock
from domain.auth.command_menu import MENU_KEY
from domain.clock import utcnow
from domain.notifications import has_secrets, wipe_secrets
from domain.tickets import desk as tickets
from domain.tickets.desk import STAFF_MARKUP
from domain.tickets.pushes import record_client_post
from domain.types import Channel, OutboxStatus
from keyboards.tickets import push_markup
from storage import outbox_signal
from storage.db import forget_freed_pages
from storage.models import Document, Outbox, TelegramChat

log = logging.getLogger(__name__)

# Requests to Telegram at once (to different chats); the pacer keeps the rate.
MAX_IN_FLIGHT = 8

MAX_ATTEMPTS = 8
CLAIM_FOR = timedelta(seconds=120)
CAPTION_LIMIT = 1024
ALBUM_SIZE = 10  # Telegram's most files in one album


def backoff(attempt: int) -> timedelta:
    """Exponential back-off for network failures: 2, 4, 8 … seconds, at most 10 minutes."""
    return timedelta(seconds=min(600, 2**attempt))


class Pacer:
    """At most `rate` sends a second overall, and one per `per_chat` seconds to one chat.

    A sender reserves its slot before it sleeps (no await between reading and writing the
    schedule), so concurrent senders never share a slot. `pause` (Telegram's RetryAfter) holds
    every sender, also one that reserved a slot before the pause.
    """

    def __init__(self, rate: float, per_chat: float) -> None:
        self.interval = 1.0 / rate
        self.per_chat = per_chat
        self._next_global = 0.0
        self._paused_until = 0.0
        self._chat_next: dict[str, float] = {}

    def chat_wait(self, chat: str, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        return max(0.0, self._chat_next.get(chat, 0.0) - now)

    def sent(self, chat: str) -> None:
        """A request to `chat` has just been answered: its next slot is `per_chat` from now."""
        self._chat_next[chat] = max(
            self._chat_next.get(chat, 0.0), time.monotonic() + self.per_chat
        )

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    async def acquire(self, chat: str) -> None:
        while True:
            now = time.monotonic()
            slot = max(now, self._next_global, self._chat_next.get(chat, 0.0), self._paused_until)
            self._next_global = slot + self.interval
            self._chat_next[chat] = slot + self.per_chat
            if slot > now:
                await asyncio.sleep(slot - now)
            if time.monotonic() >= self._paused_until:
                break
        if len(self._chat_next) > 50_000:
            now = time.monotonic()
            self._chat_next = {k: v for k, v in self._chat_next.items() if v > now}


class Notifier:
    def __init__(
        self,
        bot: Bot,
        session_maker: async_sessionmaker[AsyncSession],
        i18n: I18n,
        sms: SmsGateway,
        email: EmailGateway,
        *,
        rate: float = 25.0,
        per_chat: float = 1.0,
        worker_id: str | None = None,
        metrics: Metrics | None = None,
        pacer: Pacer | None = None,
        claim_for: timedelta = CLAIM_FOR,
    ) -> None:
        self.bot = bot
        self.session_maker = session_maker
        self.i18n = i18n
        self.sms = sms
        self.email = email
        # With several instances: `bot.ratelimit.RedisPacer`, one pace for them all.
        self.pacer = pacer or Pacer(rate, per_chat)
        # How long a claim holds: an instance killed mid-way leaves its rows to the others
        # once it has passed.
        self.claim_for = claim_for
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
        self.sent = 0
        self.metrics = metrics
        self._lock = asyncio.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kicked = False
        self._tasks: set[asyncio.Task[int]] = set()

    # --- delivering at once what this process has just written ---------------------------------

    def listen(self, loop: asyncio.AbstractEventLoop) -> None:
        """Deliver right after a commit in this process that wrote outbox rows, not only on the
        scheduler's tick (`storage.outbox_signal`)."""
        self._loop = loop
        outbox_signal.subscribe(self.kick)

    def stop_listening(self) -> None:
        outbox_signal.unsubscribe(self.kick)
        self._loop = None

    def kick(self) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        loop.call_soon_threadsafe(self._start_run)

    def _start_run(self) -> None:
        if self._lock.locked():
            self._kicked = True  # the run under way may have missed the new rows: run again
            return
        task = asyncio.get_running_loop().create_task(self._run_logged())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run_logged(self) -> int:
        """A run started by a kick: nobody awaits it, so its failure is logged here (the
        scheduler's tick tries again), never left as a task exception nobody retrieved."""
        try:
            return await self.run_once()
        except Exception:
            log.exception("notifier: a delivery run failed; the next tick tries again")
            return 0

    def _count(self, outcome: str) -> None:
        if self.metrics is not None:
            self.metrics.pushes.labels(outcome).inc()

    async def release_claims(self) -> int:
        """Give back the rows this instance claimed and has not delivered (a graceful stop)."""
        async with self.session_maker() as db:
            result = await db.execute(
                update(Outbox)
                .where(Outbox.claimed_by == self.worker_id, Outbox.status == OutboxStatus.PENDING)
                .values(claimed_by=None, claimed_until=None)
            )
            await db.commit()
        return int(getattr(result, "rowcount", 0) or 0)

    async def run_once(self, limit: int = 200) -> int:
        """Deliver what is due now; returns how many rows were sent. Never runs twice at once.

        Rows to one chat go one after another, in order; different chats go concurrently (at
        most `MAX_IN_FLIGHT` requests at once), all within the pacer's limits, so the time a
        request and its database writes take does not lower the rate.
        """
        if self._lock.locked():
            return 0
        async with self._lock:
            rows = await self._claim(limit)
            lanes: dict[str, list[int]] = {}
            for row_id, chat in rows:
                lanes.setdefault(chat if chat is not None else f"#{row_id}", []).append(row_id)
            in_flight = asyncio.Semaphore(MAX_IN_FLIGHT)

            async def lane(chat: str, ids: list[int]) -> int:
                sent = 0
                for row_id in ids:
                    # A chat that must wait for its one-a-second slot holds no slot meanwhile.
                    wait = self.pacer.chat_wait(chat)
                    if wait > 0:
                        await asyncio.sleep(wait)
                    async with in_flight:
                        if await self._deliver(row_id):
                            sent += 1
                return sent

            sent = sum(await asyncio.gather(*(lane(c, ids) for c, ids in lanes.items())))
            self.sent += sent
        if self._kicked:
            self._kicked = False
            self._start_run()
        return sent

    async def _claim(self, limit: int) -> list[tuple[int, str | None]]:
        now = utcnow()
        async with self.session_maker() as db:
            due = (
                select(Outbox.id)
                .where(
                    Outbox.status == OutboxStatus.PENDING,
                    Outbox.next_attempt_at <= now,
                    or_(Outbox.claimed_until.is_(None), Outbox.claimed_until < now),
                )
                .order_by(Outbox.id)
                .limit(limit)
            )
            if db.get_bind().dialect.name == "postgresql":
                due = due.with_for_update(skip_locked=True)
            ids = list(await db.scalars(due))
            if not ids:
                return []
            # The claim itself is conditional, so a row another instance took in between is
            # not taken again.
            await db.execute(
                update(Outbox)
                .where(
                    Outbox.id.in_(ids),
                    or_(Outbox.claimed_until.is_(None), Outbox.claimed_until < now),
                )
                .values(claimed_by=self.worker_id, claimed_until=now + self.claim_for)
            )
            await db.commit()
            mine = await db.execute(
                select(Outbox.id, Outbox.channel, Outbox.recipient)
                .where(and_(Outbox.id.in_(ids), Outbox.claimed_by == self.worker_id))
                .order_by(Outbox.id)
            )
            return [(i, r if ch == Channel.TELEGRAM else None) for i, ch, r in mine]

    async def _deliver(self, row_id: int) -> bool:
        async with self.session_maker() as db:
            # On PostgreSQL the row stays locked until its outcome is committed: a claim that
            # expires meanwhile cannot be taken by another instance (its claim skips locked rows),
            # and one taken before is seen here (`claimed_by`), so a push is never sent twice.
            locked = db.get_bind().dialect.name == "postgresql"
            row = await db.get(Outbox, row_id, with_for_update=locked)
            if (
                row is None
                or row.status != OutboxStatus.PENDING
                or row.claimed_by != self.worker_id
            ):
                return False
            try:
                if row.channel == Channel.TELEGRAM:
                    delivered = await self._send_telegram(db, row)
                elif row.channel == Channel.SMS:
                    await self.sms.send(row.recipient, await self._sms_text(row))
                    delivered = True
                else:
                    await self._send_email(db, row)
                    delivered = True
            except (TelegramNetworkError, TelegramServerError, OSError, RuntimeError) as exc:
                row.attempts += 1
                row.error = type(exc).__name__ + ": " + str(exc)[:400]
                row.claimed_by = None
                row.claimed_until = None
                wiped = row.attempts >= MAX_ATTEMPTS and has_secrets(row.payload)
                if row.attempts >= MAX_ATTEMPTS:
                    row.status = OutboxStatus.FAILED
                    row.payload = wipe_secrets(row.payload)
                else:
                    row.next_attempt_at = clock.utcnow() + backoff(row.attempts)
                await db.commit()
                self._count("failed" if row.status == OutboxStatus.FAILED else "retried")
                if wiped:
                    await forget_freed_pages(db)
                log.warning("outbox %s: %s; attempt %s", row_id, row.error, row.attempts)
                return False
            if delivered:
                row.status = OutboxStatus.SENT
                row.sent_at = clock.utcnow()
            wiped = row.status != OutboxStatus.PENDING and has_secrets(row.payload)
            if wiped:
                # Accepted by the gateway (or given up): the code or password is not kept.
                row.payload = wipe_secrets(row.payload)
            row.claimed_by = None
            row.claimed_until = None
            await db.commit()
            if delivered or row.status == OutboxStatus.FAILED:
                self._count("sent" if delivered else "failed")
            if wiped:  # … not even in the database's files
                await forget_freed_pages(db)
            return delivered

    def _params(self, row: Outbox, locale: str | None) -> dict[str, Any]:
        """The row's params; those named in `translate` are message ids rendered first (a
        ticket's topic and status in the recipient's language)."""
        payload: dict[str, Any] = row.payload or {}
        params = dict(payload.get("params", {}))
        _ = self.i18n.get(locale)
        for name in payload.get("translate") or ():
            if isinstance(params.get(name), str):
                params[name] = _(params[name])
        return params

    async def _sms_text(self, row: Outbox) -> str:
        """An SMS whose params carry a deep-link `payload` also gets its `link`, the
        t.me address that opens this bot with /start <payload> (the bot's name from getMe)."""
        payload: dict[str, Any] = row.payload or {}
        key = payload.get("key", row.text)
        params = self._params(row, None)
        if isinstance(params.get("payload"), str):
            me = await self.bot.me()  # asked once, then kept by aiogram
            params["link"] = f"https://t.me/{me.username}?start={params['payload']}"
        return self.i18n.get(None)(key, **params)

    def _render(self, row: Outbox, locale: str | None) -> str:
        payload: dict[str, Any] = row.payload or {}
        key = payload.get("key", row.text)
        return self.i18n.get(locale)(key, **self._params(row, locale))

    async def _send_telegram(self, db: AsyncSession, row: Outbox) -> bool:
        chat_id = int(row.recipient)
        chat = await db.scalar(select(TelegramChat).where(TelegramChat.chat_id == chat_id))
        if chat is not None and chat.blocked_bot:
            row.status = OutboxStatus.SKIPPED
            row.error = "blocked by the user"
            return False
        locale = chat.locale if chat else None
        payload: dict[str, Any] = dict(row.payload or {})
        # A push may carry parts sent after its text: the pieces of a text too long for one
        # message, then files (a ticket's attachments); each part sent is counted in the row at
        # once, so a restart in between sends only the parts left.
        texts: list[str] = [str(t) for t in payload.get("texts") or []]
        files: list[dict[str, Any]] = list(payload.get("files") or [])
        done = int(payload.get("parts_done", 0))
        while done <= len(texts) + len(files):
            await self.pacer.acquire(row.recipient)
            try:
                if done == 0:
                    sent = await self._send_text_part(db, row, chat_id, locale)
                elif done <= len(texts):
                    sent = await self._send_piece(row, chat_id, locale, done, texts)
                else:
                    file = files[done - 1 - len(texts)]
                    sent = await self._send_file_part(row, chat_id, locale, file)
            except TelegramRetryAfter as exc:
                # Telegram says exactly how long to wait: every sender of this bot waits (the
                # pacer holds them all), then this message is sent again.
                log.warning("flood control: waiting %s s", exc.retry_after)
                self.pacer.pause(exc.retry_after)
                continue
            except (TelegramForbiddenError, TelegramBadRequest) as exc:
                if isinstance(exc, TelegramForbiddenError) or chat_is_gone(exc.message):
                    await self._chat_gone(db, row, chat, exc.message)
                    return False
                row.status = OutboxStatus.FAILED
                row.error = exc.message[:500]
                return False
            finally:
                # The next message to this chat leaves a full interval after this one was
                # answered, so Telegram never sees two closer than that, whatever the network.
                self.pacer.sent(row.recipient)
            ticket_id = payload.get("ticket_id")
            if ticket_id and sent is not None and payload.get("markup") == STAFF_MARKUP:
                await tickets.record_staff_post(db, int(ticket_id), chat_id, sent.message_id)
            elif ticket_id and sent is not None:
                # A push to the client: «Ответить» on it writes to this ticket.
                await record_client_post(db, int(ticket_id), chat_id, sent.message_id)
            done += 1
            if texts or files:
                payload["parts_done"] = done
                row.payload = dict(payload)
                await db.commit()
        return True

    async def _chat_gone(
        self, db: AsyncSession, row: Outbox, chat: TelegramChat | None, why: str
    ) -> None:
        """The chat is gone for good (blocked, deleted, deactivated): it is marked, this row
        and every other push waiting for it are skipped, and nothing is retried. A message
        from the user later unmarks it (domain.auth.preferences)."""
        chat_id = int(row.recipient)
        if chat is None and chat_id > 0:
            chat = TelegramChat(telegram_user_id=chat_id, chat_id=chat_id)
            db.add(chat)
        if chat is not None:
            chat.blocked_bot = True
        reason = f"chat is gone: {why}"[:500]
        row.status = OutboxStatus.SKIPPED
        row.error = reason
        others = await db.execute(
            update(Outbox)
            .where(
                Outbox.channel == Channel.TELEGRAM,
                Outbox.recipient == row.recipient,
                Outbox.status == OutboxStatus.PENDING,
                Outbox.id != row.id,
            )
            .values(status=OutboxStatus.SKIPPED, error=reason, claimed_by=None, claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        skipped = int(getattr(others, "rowcount", 0) or 0)
        log.info("chat %s is gone (%s): %s waiting pushes skipped", chat_id, why, skipped)
        if self.metrics is not None:
            self.metrics.pushes.labels("gone").inc(1 + skipped)

    async def _send_text_part(
        self, db: AsyncSession, row: Outbox, chat_id: int, locale: str | None
    ) -> Message | None:
        """The push itself: its text, with the stored documents it carries (one file, albums or
        a zip) or a keyboard (a ticket's buttons, or a button to the card the row names)."""
        payload: dict[str, Any] = row.payload or {}
        _ = self.i18n.get(locale)
        if MENU_KEY in payload:
            # Not a message: the chat's command menu, for the level now logged in there.
            await set_chat_commands(self.bot, chat_id, _, payload[MENU_KEY] or None)
            return None
        text = self._render(row, locale)
        markup = push_markup(payload.get("markup"), _, payload) or card_markup(_, payload)
        edit = payload.get("edit_markup")
        if edit:
            # Not a new message: the buttons of one already sent (a ticket's first post in the
            # staff chat shows its status there).
            try:
                await self.bot.edit_message_reply_markup(
                    chat_id=chat_id, message_id=int(edit), reply_markup=markup
                )
            except TelegramBadRequest as exc:
                if "not modified" not in exc.message:
                    raise
            return None
        stored = await self._files(db, row)
        if stored is not None:
            await self._send_files(chat_id, stored, text)
            return None
        document_id = payload.get("document_id")
        if document_id:
            doc = await db.get(Document, document_id)
            if doc is None or doc.content is None:
                raise TelegramBadRequest(method=None, message="document is gone")  # type: ignore[arg-type]
            return await self.bot.send_document(
                chat_id,
                BufferedInputFile(doc.content, filename=doc.file_name or "document"),
                caption=text[:CAPTION_LIMIT],
                reply_markup=markup,
            )
        reply = payload.get("reply_to")
        # A thread in the staff chat; if that message is gone, the post simply stands alone.
        parameters = (
            ReplyParameters(message_id=int(reply), allow_sending_without_reply=True)
            if reply
            else None
        )
        return await self.bot.send_message(
            chat_id, text, reply_markup=markup, reply_parameters=parameters
        )

    async def _send_piece(
        self, row: Outbox, chat_id: int, locale: str | None, n: int, texts: list[str]
    ) -> Message:
        """Piece `n` of a long text, under the heading the row names (`text_key`)."""
        payload: dict[str, Any] = row.payload or {}
        _ = self.i18n.get(locale)
        params = {**self._params(row, locale), "text": texts[n - 1], "part": n, "parts": len(texts)}
        return await self.bot.send_message(chat_id, _(str(payload.get("text_key")), **params))

    async def _send_file_part(
        self, row: Outbox, chat_id: int, locale: str | None, file: dict[str, Any]
    ) -> Message:
        payload: dict[str, Any] = row.payload or {}
        _ = self.i18n.get(locale)
        caption_key = payload.get("file_caption")
        params = {**self._params(row, locale), "name": html.escape(str(file.get("name", "")))}
        caption = _(caption_key, **params)[:CAPTION_LIMIT] if caption_key else None
        if file.get("kind") == "photo":
            return await self.bot.send_photo(chat_id, file["file_id"], caption=caption)
        return await self.bot.send_document(chat_id, file["file_id"], caption=caption)

    async def _files(self, db: AsyncSession, row: Outbox) -> list[tuple[str, bytes]] | None:
        """The stored documents a row carries (`document_ids`), zipped when it names a zip."""
        payload: dict[str, Any] = row.payload or {}
        ids = payload.get("document_ids")
        if not ids:
            return None
        files: list[tuple[str, bytes]] = []
        for doc_id in ids:
            doc = await db.get(Document, doc_id)
            if doc is not None and doc.content is not None:
                files.append((doc.file_name or f"document-{doc.id}", doc.content))
        zip_name = payload.get("zip_name")
        if zip_name and files:
            from domain.documents.archive import zip_files

            return [(str(zip_name), await asyncio.to_thread(zip_files, files))]
        return files

    async def _send_files(self, chat_id: int, files: list[tuple[str, bytes]], text: str) -> None:
        """One file with the caption, or albums of up to ten with the caption on the last."""
        if not files:
            raise TelegramBadRequest(method=None, message="document is gone")  # type: ignore[arg-type]
        if len(files) == 1:
            name, content = files[0]
            await self.bot.send_document(
                chat_id, BufferedInputFile(content, filename=name), caption=text[:CAPTION_LIMIT]
            )
            return
        for start in range(0, len(files), ALBUM_SIZE):
            chunk = files[start : start + ALBUM_SIZE]
            last = start + ALBUM_SIZE >= len(files)
            if len(chunk) == 1:
                name, content = chunk[0]
                await self.bot.send_document(
                    chat_id,
                    BufferedInputFile(content, filename=name),
                    caption=text[:CAPTION_LIMIT] if last else None,
                )
                continue
            await self.bot.send_media_group(
                chat_id,
                [
                    InputMediaDocument(
                        media=BufferedInputFile(content, filename=name),
                        caption=text[:CAPTION_LIMIT] if last and i == len(chunk) - 1 else None,
                    )
                    for i, (name, content) in enumerate(chunk)
                ],
            )

    async def _send_email(self, db: AsyncSession, row: Outbox) -> None:
        payload: dict[str, Any] = row.payload or {}
        _ = self.i18n.get(None)
        subject_key = payload.get("subject_key")
        subject = _(subject_key, **payload.get("params", {})) if subject_key else _("email-subject")
        attachments = [
            (name, content, mime_type(name)) for name, content in await self._files(db, row) or []
        ]
        await self.email.send(row.recipient, subject, self._render(row, None), attachments)


# What Telegram answers when a chat will never take a message again (its error texts).
GONE_MARKS = (
    "chat not found",
    "user not found",
    "bot was blocked",
    "user is deactivated",
    "bot was kicked",
    "group chat was deactivated",
    "chat was deleted",
)


def chat_is_gone(message: str) -> bool:
    lowered = message.lower()
    return any(mark in lowered for mark in GONE_MARKS)


def mime_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
