"""The command line: `python -m bot [run|sandbox|demo|demo-large|admin …]`."""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import gc
import json
import logging
import sys
import time
from typing import Any

from bot.config import Settings, SettingsError, load_settings

log = logging.getLogger("bot")

# The web chat's "Сотрудник поддержки" (STAFF in sandbox/web/app.js): a member of the staff
# chat from the start, so that the status buttons work before it has written anything.
WEB_STAFF_ID = 990000001
# `demo-large`: the benchmarks' company, smaller on request (`--subscribers 100`).
LARGE_SIZES = {"accounts": 50, "subscribers": 10_000, "charges": 1_000_000, "payments": 100_000}


def _clock_seconds() -> float:
    """The program's clock for the sandbox's message dates (it imports nothing of ours)."""
    from domain.clock import utcnow

    return utcnow().timestamp()


def _open_staff_chat(sandbox: Any, chat_id: int) -> None:
    sandbox.open_chat(chat_id, "Чат сотрудников")  # offered by the web chat
    sandbox.set_member(chat_id, WEB_STAFF_ID, "creator")


def _settings_or_exit(**overrides: object) -> Settings:
    try:
        return load_settings(**overrides)
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        raise SystemExit(2) from None


def _wire(settings: Settings, *, delivering: bool = False) -> None:
    """Every command runs the same program: wired here, before anything else happens.
    `delivering`: the bot itself, which must also have its SMS and e-mail gateways."""
    from bot.wiring import configure

    try:
        if delivering:
            settings.check_delivery()
        configure(settings)
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        raise SystemExit(2) from None


def _logins_table(logins: Any) -> str:
    rows = [("brand", "login", "role", "password", "company")]
    for d in logins:
        rows.append((str(d.brand), d.login, str(d.role), d.password, d.company))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )


def _logins_json(info: Any) -> str:
    return json.dumps(
        [
            {
                "brand": str(d.brand),
                "login": d.login,
                "role": str(d.role),
                "password": d.password,
                "company": d.company,
                "full_name": d.full_name,
            }
            for d in info.logins
        ],
        ensure_ascii=False,
        indent=2,
    )


async def _prepare_database(settings: Settings) -> None:
    from storage.migrate import upgrade_to_head

    await upgrade_to_head(settings.database_url)


async def _ensure_demo(settings: Settings, seed: int | None = None) -> Any:
    """Create the demo companies unless they exist; either way, return their logins."""
    from domain.auth.passwords import hash_password
    from storage.db import make_engine, make_sessionmaker
    from storage.demo import DEMO_SEED, create_demo

    engine = make_engine(settings.database_url)
    try:
        return await create_demo(
            make_sessionmaker(engine), hash_password, seed=DEMO_SEED if seed is None else seed
        )
    finally:
        await engine.dispose()


def _web_demo_logins(settings: Settings) -> list[dict[str, str]]:
    """The MegaFon demo logins (their logins are phone numbers) for the sandbox's web chat:
    its "share contact" picker and user switcher offer them."""
    from bot.i18n import I18n
    from domain.types import Brand
    from storage.demo import demo_info

    _ = I18n(settings.default_locale).get(None)
    return [
        {
            "phone": d.login,
            "label": _(f"role-{d.role.value}").capitalize(),
            "role": str(d.role.value),
            "name": d.full_name,
            "company": d.company,
            "password": d.password,
        }
        for d in demo_info().logins
        if d.brand is Brand.MEGAFON
    ]


async def _start_sandbox(settings: Settings) -> tuple[Any, str]:
    """The sandbox beside the bot, its web chat's address printed first; → (runner, its URL)."""
    from sandbox.server import start_sandbox
    from sandbox.state import Sandbox

    sandbox = Sandbox(settings.sandbox_token, clock=_clock_seconds)
    if settings.support_chat_id is not None:
        _open_staff_chat(sandbox, settings.support_chat_id)
    runner, port = await start_sandbox(
        settings.sandbox_host,
        settings.sandbox_port,
        sandbox,
        demo_logins=_web_demo_logins(settings),
    )
    base = f"http://{settings.sandbox_host}:{port}"
    print(
        f"Web chat with the bot: {base}/  (open it in a browser)\n"
        f"Sandbox (local Telegram) at {base}\n"
        f"  user side: {base}/sandbox/api/",
        flush=True,
    )
    return runner, base


async def cmd_run(settings: Settings) -> None:
    from bot.app import build_app, set_commands
    from bot.web import serve_polling, serve_webhook

    try:
        settings.check_delivery()
        settings.check_webhook()
        settings.operator_requisites()
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        raise SystemExit(2) from None
    started = time.perf_counter()
    sandbox_runner = sandbox_url = None
    if settings.uses_sandbox and not settings.telegram_api_url:
        sandbox_runner, sandbox_url = await _start_sandbox(settings)
    try:
        await _prepare_database(settings)
        # The demo companies are for the sandbox: a real bot's database holds only what the
        # operator loads (`python -m bot demo` still makes them on purpose).
        info = await _ensure_demo(settings) if settings.uses_sandbox else None
    except BaseException:
        if sandbox_runner is not None:
            await sandbox_runner.cleanup()
        raise
    if info is not None:
        print("Demo logins:\n" + _logins_table(info.logins), flush=True)
    app = build_app(settings, sandbox_url=sandbox_url)
    try:
        await set_commands(app.bot, app.i18n)
        app.scheduler.start()
        # Pushes written by this process go out at once, not at the next tick.
        app.notifier.listen(asyncio.get_running_loop())
        me = await app.bot.get_me()

        def ready() -> None:
            mode = "webhook" if settings.webhook_url else "long polling"
            print(
                f"Bot @{me.username} is running ({mode}, ready in "
                f"{time.perf_counter() - started:.2f} s). Ctrl+C stops it.",
                flush=True,
            )
            # matplotlib, fpdf2 and the xlsx writer load on their first use (docs/startup.md).
            _settle_memory()

        await (serve_webhook(app, ready) if settings.webhook_url else serve_polling(app, ready))
    finally:
        await app.close()
        if sandbox_runner is not None:
            await sandbox_runner.cleanup()


def _settle_memory() -> None:
    """End of start-up: collect once, then move everything loaded so far (modules, aiogram's
    models, the texts) out of the collector's sight, so that later collections only walk what
    updates create. `main` switches collection off for the start-up itself: importing aiogram
    and our modules makes hundreds of thousands of objects, and the collector walked them all
    again and again, a third of our start-up time (docs/startup.md)."""
    gc.collect()
    gc.freeze()
    gc.enable()
    _return_freed_memory()


def _return_freed_memory() -> None:
    """Hand the heap's free pages back to the system (glibc's `malloc_trim`): start-up frees
    much (the demo's argon2 hashes take 64 MiB each) that glibc would otherwise keep resident
    in an idle bot. Elsewhere than glibc: nothing."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


async def cmd_sandbox(settings: Settings) -> None:
    from sandbox.server import run_forever
    from sandbox.state import Sandbox

    sandbox = Sandbox(settings.sandbox_token, clock=_clock_seconds)
    if settings.support_chat_id is not None:
        _open_staff_chat(sandbox, settings.support_chat_id)
    base = f"http://{settings.sandbox_host}:{settings.sandbox_port}"
    print(f"Web chat: {base}/  (open it in a browser)\nSandbox at {base}", flush=True)
    await run_forever(
        settings.sandbox_host,
        settings.sandbox_port,
        settings.sandbox_token,
        sandbox,
        demo_logins=_web_demo_logins(settings),
    )


async def cmd_demo(settings: Settings, as_json: bool, seed: int | None) -> None:
    await _prepare_database(settings)
    info = await _ensure_demo(settings, seed)
    print(_logins_json(info) if as_json else _logins_table(info.logins))


async def cmd_demo_large(settings: Settings, sizes: dict[str, int]) -> None:
    from domain.auth.passwords import hash_password
    from storage.db import make_engine, make_sessionmaker
    from storage.demo import create_large

    await _prepare_database(settings)
    # It takes minutes at full size: say so before the wait, not only after it.
    print(
        f"Creating the large demo company: {sizes['accounts']:,} accounts, "
        f"{sizes['subscribers']:,} numbers, {sizes['charges']:,} charges, "
        f"{sizes['payments']:,} payments (a few minutes at full size)…",
        flush=True,
    )
    engine = make_engine(settings.database_url)
    try:
        info = await create_large(
            make_sessionmaker(engine),
            hash_password,
            accounts=sizes["accounts"],
            subscribers=sizes["subscribers"],
            charges=sizes["charges"],
            payments=sizes["payments"],
        )
    finally:
        await engine.dispose()
    print(_large_summary(info))


def _large_summary(info: Any) -> str:
    """What `demo-large` made, in words, and its login as the demo's table shows logins."""
    return (
        f"Created «{info.company_name}» (company id {info.company_id}) in {info.seconds:.0f} s: "
        f"{info.accounts:,} accounts, {info.subscribers:,} numbers, {info.sim_cards:,} SIM cards, "
        f"{info.charges:,} charges, {info.payments:,} payments.\nLogin:\n"
        + _logins_table([info.login])
    )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] == "run":
        gc.disable()  # until the bot is ready: see _settle_memory
    parser = argparse.ArgumentParser(prog="python -m bot", description="Corporate cabinet bot")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    sub.add_parser("sandbox", help="run only the local Telegram sandbox")
    sub.add_parser("migrate", help="bring the database to the newest migration, then exit")
    demo = sub.add_parser("demo", help="create the demo companies and print the logins")
    demo.add_argument("--json", action="store_true")
    demo.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="make the demo as on this day (the same as CABINET_TODAY=YYYY-MM-DD)",
    )
    demo.add_argument("--seed", type=int, help="another seed gives another money history")
    large = sub.add_parser("demo-large", help="create the large company for benchmarks")
    for flag, default in LARGE_SIZES.items():
        large.add_argument(f"--{flag}", type=int, default=default, help=f"default {default:,}")
    sub.add_parser("admin", help="the operator's back-office (python -m bot admin --help)")
    if argv and argv[0] == "admin":
        settings = _settings_or_exit()
        _wire(settings)
        from bot.admin_cli import main as admin_main

        return int(admin_main(argv[1:], settings))
    args = parser.parse_args(argv)
    overrides = {"cabinet_today": args.today} if getattr(args, "today", None) else {}
    settings = _settings_or_exit(**overrides)
    command = args.command or "run"
    _wire(settings, delivering=command == "run")
    from bot.logs import setup_logging

    setup_logging(settings.log_level, settings.log_format)
    try:
        if command == "run":
            asyncio.run(cmd_run(settings))
        elif command == "migrate":
            asyncio.run(_prepare_database(settings))
        elif command == "sandbox":
            asyncio.run(cmd_sandbox(settings))
        elif command == "demo":
            asyncio.run(cmd_demo(settings, args.json, args.seed))
        elif command == "demo-large":
            sizes = {name: getattr(args, name) for name in LARGE_SIZES}
            asyncio.run(cmd_demo_large(settings, sizes))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
