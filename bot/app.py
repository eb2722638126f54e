"""Builds the running program from `Settings`: Bot, Dispatcher, storage, scheduler, notifier.

Nothing here runs at import time, so tests can build as many Dispatchers as they like.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.types import ErrorEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.command_menu import menu
from bot.config import Settings
from bot.gateways.email import ConsoleEmail, EmailGateway, SmtpEmail
from bot.gateways.sms import ConsoleSms, HttpSms, SmsGateway
from bot.i18n import I18n
from bot.jobs import JobsInHand, register_jobs
from bot.logs import LogContextMiddleware
from bot.metrics import Metrics, RetryAfterCounter, UpdateMetricsMiddleware
from bot.middlewares.asked import AskedMiddleware, QuestionRecorder
from bot.middlewares.commands import CommandsFirstMiddleware
from bot.middlewares.db import DbSessionMiddleware
from bot.middlewares.throttling import ThrottlingMiddleware
from bot.middlewares.user import PrincipalCache, UserMiddleware
from bot.notifier import CLAIM_FOR, Notifier, Pacer
from bot.ratelimit import RedisBuckets, RedisPacer
from domain import claims
from handlers import build_routers
from storage.db import make_engine, make_sessionmaker
from storage.fsm import SqlAlchemyStorage

log = logging.getLogger(__name__)

COMMANDS = ("start", "menu", "balance", "cancel", "help", "language")


def build_bot(settings: Settings) -> Bot:
    session = None
    if settings.api_url:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.api_url))
    bot = Bot(
        token=settings.token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )
    # Notes what an update sends: the question of a step that waits for text (`handlers.typed`).
    bot.session.middleware(QuestionRecorder())
    return bot


def build_storage(
    settings: Settings, session_maker: async_sessionmaker[AsyncSession]
) -> tuple[BaseStorage, BaseEventIsolation]:
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage

        storage = RedisStorage.from_url(settings.redis_url)
        return storage, RedisEventIsolation(storage.redis)
    # One process owns an SQLite file, so FSM reads may come from memory (written through).
    cache = settings.database_url.startswith("sqlite")
    return SqlAlchemyStorage(session_maker, cache=cache), SimpleEventIsolation()


def build_gateways(settings: Settings) -> tuple[SmsGateway, EmailGateway]:
    """The real gateways when configured; the console ones only for the sandbox or on purpose."""
    settings.check_delivery()
    sms: SmsGateway = ConsoleSms()
    if not settings.sms_on_console and settings.sms_gateway_url:
        token = (
            settings.sms_gateway_token.get_secret_value() if settings.sms_gateway_token else None
        )
        sms = HttpSms(settings.sms_gateway_url, token, settings.sms_sender)
    email: EmailGateway = ConsoleEmail()
    if not settings.email_on_console and settings.smtp_host:
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        email = SmtpEmail(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_user,
            password,
            settings.smtp_from,
            settings.smtp_starttls,
        )
    return sms, email


async def on_error(event: ErrorEvent, **data: Any) -> bool:
    """Log the failure with its update id and tell the user, in their language."""
    update = event.update
    log.error("update %s failed", update.update_id, exc_info=event.exception)
    i18n: I18n | None = data.get("i18n")
    _ = data.get("_") or (i18n.get(None) if i18n else None)
    text = _("error-generic") if _ else "⚠️ Что-то пошло не так. Ничего не потеряно."
    bot: Bot = data["bot"]
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text[:200], show_alert=True)
        elif update.message is not None:
            await bot.send_message(update.message.chat.id, text)
    except Exception:
        log.exception("could not report the error of update %s", update.update_id)
    return True


def build_dispatcher(
    settings: Settings,
    session_maker: async_sessionmaker[AsyncSession],
    i18n: I18n,
    *,
    storage: BaseStorage | None = None,
    events_isolation: BaseEventIsolation | None = None,
    throttle: bool = True,
    metrics: Metrics | None = None,
) -> Dispatcher:
    if storage is None:
        storage, events_isolation = build_storage(settings, session_maker)
    dp = Dispatcher(
        storage=storage,
        events_isolation=events_isolation or SimpleEventIsolation(),
        settings=settings,
    )
    # Outermost, so that every line logged for an update names it and its user.
    dp.update.outer_middleware(LogContextMiddleware())
    if metrics is not None:
        dp.update.outer_middleware(UpdateMetricsMiddleware(metrics))
    if throttle:
        notice = i18n.get(None)("throttled")
        redis = getattr(storage, "redis", None)  # RedisStorage's: the instances share it
        shared = RedisBuckets(redis) if redis is not None else None
        dp.update.outer_middleware(
            ThrottlingMiddleware(settings.throttle_per_second, notice=notice, shared=shared)
        )
    dp.update.outer_middleware(DbSessionMiddleware(session_maker))
    seconds = settings.principal_cache_seconds
    cache = PrincipalCache(seconds) if seconds else None
    ttl = timedelta(days=settings.session_ttl_days)
    dp.update.outer_middleware(UserMiddleware(i18n, ttl, cache))
    # Inside the update's transaction: keeps the question of a text step (`handlers.typed`).
    dp.update.outer_middleware(AskedMiddleware())
    # /cancel, /help, /language, /start and /menu are handled in every state already.
    dp.message.outer_middleware(
        CommandsFirstMiddleware(COMMANDS, keep_state=("cancel", "help", "language"))
    )
    dp.errors.register(on_error)
    dp.include_routers(*build_routers(i18n))
    return dp


async def set_commands(bot: Bot, i18n: I18n) -> None:
    """The menu of a chat where nobody is logged in; a login sets its chat's own
    (`bot.command_menu`)."""
    for lang in ("ru", "en"):
        await bot.set_my_commands(menu(i18n.get(lang), None), language_code=lang)
    await bot.set_my_commands(menu(i18n.get("ru"), None))


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    session_maker: async_sessionmaker[AsyncSession]
    i18n: I18n
    bot: Bot
    dp: Dispatcher
    notifier: Notifier
    scheduler: AsyncIOScheduler
    metrics: Metrics = field(default_factory=Metrics)
    extras: dict[str, Any] = field(default_factory=dict)
    jobs: JobsInHand | None = None

    async def close(self) -> None:
        """Stop the jobs, give back the outbox rows this instance had claimed (another one
        sends them at once instead of after the claim's expiry), close the pools."""
        self.notifier.stop_listening()
        if self.scheduler.running:
            # No new run starts; those under way end (bounded) instead of being cancelled.
            self.scheduler.pause()
            if self.jobs is not None:
                left = await self.jobs.drain(self.settings.shutdown_grace_seconds)
                if left:
                    log.warning("stopping: %s scheduled jobs were cut short", left)
            self.scheduler.shutdown(wait=False)
        try:
            await self.notifier.release_claims()
        except Exception:
            log.exception("could not release the outbox claims; they expire by themselves")
        await self.dp.storage.close()
        await self.bot.session.close()
        await self.engine.dispose()


def shared_pacer(settings: Settings, dp: Dispatcher) -> Pacer | None:
    """With Redis, the notifier's pace is one for every instance (bot.ratelimit)."""
    redis = getattr(dp.storage, "redis", None)
    if redis is None:
        return None
    return RedisPacer(redis, settings.notifier_rate, settings.notifier_per_chat_interval)


def build_app(
    settings: Settings, *, engine: AsyncEngine | None = None, sandbox_url: str | None = None
) -> App:
    """The program; `sandbox_url`: the sandbox beside it, whose inbox gets copies of SMS/e-mail.

    The caller has wired the process first (`bot.wiring.configure`)."""
    engine = engine or make_engine(settings.database_url)
    session_maker = make_sessionmaker(engine)
    i18n = I18n(settings.default_locale)
    bot = build_bot(settings)
    metrics = Metrics()
    bot.session.middleware(RetryAfterCounter(metrics))
    dp = build_dispatcher(settings, session_maker, i18n, metrics=metrics)
    sms, email = build_gateways(settings)
    if sandbox_url is not None:
        from bot.gateways.sandbox import SandboxEmail, SandboxSms

        sms, email = SandboxSms(sms, sandbox_url), SandboxEmail(email, sandbox_url)
    notifier = Notifier(
        bot,
        session_maker,
        i18n,
        sms,
        email,
        rate=settings.notifier_rate,
        per_chat=settings.notifier_per_chat_interval,
        metrics=metrics,
        pacer=shared_pacer(settings, dp),
        claim_for=claims.timeout(CLAIM_FOR),
    )
    scheduler = AsyncIOScheduler(timezone=settings.timezone)
    register_jobs(scheduler, session_maker, notifier, settings.scheduler_tick_seconds)
    return App(
        settings,
        engine,
        session_maker,
        i18n,
        bot,
        dp,
        notifier,
        scheduler,
        metrics,
        jobs=JobsInHand(scheduler),
    )
