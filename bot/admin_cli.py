"""The operator's back-office on the command line: `python -m bot admin …`.

    company create --name NAME --inn INN [--kpp KPP] [--ogrn OGRN] [--address A] [--email E]
    account create --company ID --number NUMBER --brand megafon|yota [--type postpaid|prepaid]
    subscribers import FILE.csv --company ID --account NUMBER
    payments import FILE.csv --company ID     (account;date;amount;type;document;description)
    charges import FILE.csv --company ID      (account;msisdn;date;amount;category;description;id)
    sims import FILE.csv --company ID         (icc;puk1: blank SIMs for «Замена SIM»)
    password issue LOGIN --brand megafon|yota [--role ROLE] [--phone PHONE]
    user block LOGIN [--brand megafon|yota]
    user unblock LOGIN [--brand megafon|yota]
    outbox [--json] [--channel sms|email|telegram] [--limit N]
    tickets list [--status STATUS] [--limit N]
    tickets show TICKET                       (its id or number, T-000123)
    tickets answer TICKET TEXT [--name NAME]  (the answer reaches the client as from the staff chat)
    tickets status TICKET STATUS [--name NAME]

Messages are in the default language of the settings (Russian unless told otherwise); errors name
the setting, the file or the line that is wrong, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TextIO

from bot.i18n import I18n, Translator
from domain.backoffice import admin as backoffice
from domain.backoffice import billing
from domain.clock import fmt_datetime
from domain.db import Db
from domain.errors import DomainError
from domain.money import format_rub
from domain.tickets import desk as tk
from domain.types import AccountType, Brand, Channel, Role, TicketAuthor, TicketStatus
from storage.db import make_engine, make_sessionmaker


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot admin", description="Back-office of the corporate cabinet"
    )
    sub = parser.add_subparsers(dest="area", required=True)
    _company_and_account_args(sub)
    _import_args(sub)
    _user_args(sub)
    _ticket_args(sub)
    return parser


Areas = Any  # what `add_subparsers` returns (argparse has no public name for its type)


def _actions(sub: Areas, area: str, help: str) -> Areas:
    return sub.add_parser(area, help=help).add_subparsers(dest="action", required=True)


def _company_and_account_args(sub: Areas) -> None:
    c = _actions(sub, "company", "companies").add_parser("create", help="create a company")
    c.add_argument("--name", required=True)
    c.add_argument("--inn", required=True)
    c.add_argument("--kpp")
    c.add_argument("--ogrn", help="OGRN (13 digits) or OGRNIP (15 digits)")
    c.add_argument("--address", default="")
    c.add_argument("--email")

    account = _actions(sub, "account", "accounts")
    a = account.add_parser("create", help="create an account of a company")
    a.add_argument("--company", type=int, required=True, help="company id")
    a.add_argument("--number", required=True, help="account number, 6-20 digits")
    a.add_argument("--brand", choices=[b.value for b in Brand], required=True)
    a.add_argument("--type", choices=[t.value for t in AccountType], default="postpaid")


def _import_args(sub: Areas) -> None:
    i = _actions(sub, "subscribers", "numbers").add_parser("import", help="import numbers from CSV")
    i.add_argument("file", type=Path)
    i.add_argument("--company", type=int, required=True)
    i.add_argument("--account", required=True, help="account number")
    for area, what in (
        ("payments", "payments from billing: raise the balances"),
        ("charges", "charges from billing: lower the balances, count the numbers' spending"),
        ("sims", "blank SIM cards handed to the company (its reserve for «Замена SIM»)"),
    ):
        i = _actions(sub, area, what).add_parser(
            "import", help=f"import {area} from CSV (all or nothing)"
        )
        i.add_argument("file", type=Path)
        i.add_argument("--company", type=int, required=True)


def _user_args(sub: Areas) -> None:
    password = _actions(sub, "password", "passwords")
    p = password.add_parser("issue", help="issue a password by SMS (the *990*00# of the bot)")
    p.add_argument("login", help="MegaFon: phone number; Yota: account number")
    p.add_argument("--brand", choices=[b.value for b in Brand], required=True)
    p.add_argument(
        "--role",
        choices=[r.value for r in Role],
        help="create the cabinet user with this level when it does not exist yet",
    )
    p.add_argument("--phone", help="where the SMS goes (Yota users; default: the login)")

    user = _actions(sub, "user", "cabinet users")
    for name in ("block", "unblock"):
        u = user.add_parser(name, help=f"{name} a cabinet user")
        u.add_argument("login")
        u.add_argument("--brand", choices=[b.value for b in Brand])

    o = sub.add_parser("outbox", help="SMS and e-mail sent (newest first)")
    o.add_argument("--json", action="store_true")
    o.add_argument("--channel", choices=[ch.value for ch in Channel])
    o.add_argument("--limit", type=int, default=50)


def _ticket_args(sub: Areas) -> None:
    tickets = _actions(sub, "tickets", "support tickets, when there is no staff chat")
    t = tickets.add_parser("list", help="open tickets, oldest first")
    t.add_argument("--status", choices=[st.value for st in TicketStatus])
    t.add_argument("--limit", type=int, default=50)
    t = tickets.add_parser("show", help="a ticket with its whole conversation")
    t.add_argument("ticket", help="its id or number (T-000123)")
    t = tickets.add_parser("answer", help="answer a ticket: the client gets it in the bot")
    t.add_argument("ticket", help="its id or number (T-000123)")
    t.add_argument("text")
    t.add_argument("--name", default="", help="the staff member's name shown to the client")
    t = tickets.add_parser("status", help="change a ticket's status")
    t.add_argument("ticket", help="its id or number (T-000123)")
    t.add_argument("status", choices=[st.value for st in tk.STAFF_STATUSES])
    t.add_argument("--name", default="")


class Cli:
    def __init__(self, db: Db, _: Translator, out: TextIO) -> None:
        self.db, self._, self.out = db, _, out

    def say(self, key: str, **params: Any) -> None:
        print(self._(key, **params), file=self.out)

    async def company_create(self, args: argparse.Namespace) -> None:
        company = await backoffice.create_company(
            self.db,
            name=args.name,
            inn=args.inn,
            kpp=args.kpp,
            ogrn=args.ogrn,
            address=args.address,
            email=args.email,
        )
        self.say("admin-company-created", id=company.id, name=company.name, inn=company.inn)

    async def account_create(self, args: argparse.Namespace) -> None:
        account = await backoffice.create_account(
            self.db,
            company_id=args.company,
            number=args.number,
            brand=Brand(args.brand),
            type=AccountType(args.type),
        )
        self.say(
            "admin-account-created", id=account.id, number=account.number, brand=account.brand.value
        )

    @staticmethod
    async def _csv(path: Path) -> str:
        try:
            data = await asyncio.to_thread(path.read_bytes)
        except OSError as exc:
            raise DomainError(
                "admin-file-unreadable", file=str(path), error=exc.strerror or ""
            ) from None
        return backoffice.decode_csv(data)

    async def subscribers_import(self, args: argparse.Namespace) -> None:
        result = await backoffice.import_subscribers(
            self.db,
            company_id=args.company,
            account_number=args.account,
            text=await self._csv(args.file),
        )
        self.say("admin-imported", count=result.created, account=result.account_number)

    async def payments_import(self, args: argparse.Namespace) -> None:
        await self._billing(args, billing.import_payments, "admin-payments-imported")

    async def charges_import(self, args: argparse.Namespace) -> None:
        await self._billing(args, billing.import_charges, "admin-charges-imported")

    async def _billing(
        self,
        args: argparse.Namespace,
        load: Callable[..., Awaitable[billing.Loaded]],
        key: str,
    ) -> None:
        loaded = await load(self.db, company_id=args.company, text=await self._csv(args.file))
        self.say(
            key,
            count=loaded.rows,
            total=format_rub(loaded.total_kop),
            accounts=loaded.accounts,
            pushes=loaded.pushes,
        )

    async def sims_import(self, args: argparse.Namespace) -> None:
        count = await backoffice.import_reserve_sims(
            self.db, company_id=args.company, text=await self._csv(args.file)
        )
        self.say("admin-sims-imported", count=count)

    async def password_issue(self, args: argparse.Namespace) -> None:
        issued = await backoffice.issue_password(
            self.db,
            login=args.login,
            brand=Brand(args.brand),
            role=Role(args.role) if args.role else None,
            phone=args.phone,
        )
        self.say(
            "admin-password-sent",
            login=issued.login,
            phone=issued.phone_masked,
            created="yes" if issued.created_user else "no",
        )

    async def user_block(self, args: argparse.Namespace) -> None:
        user = await backoffice.block_user(
            self.db, args.login, Brand(args.brand) if args.brand else None
        )
        self.say("admin-user-blocked", login=user.login)

    async def user_unblock(self, args: argparse.Namespace) -> None:
        user = await backoffice.unblock_user(
            self.db, args.login, Brand(args.brand) if args.brand else None
        )
        self.say("admin-user-unblocked", login=user.login)

    async def outbox(self, args: argparse.Namespace) -> None:
        items = await backoffice.list_outbox(
            self.db,
            channel=Channel(args.channel) if args.channel else None,
            limit=max(1, args.limit),
        )
        rows = [
            {
                "id": it.id,
                "created_at": it.created_at.isoformat(),
                "channel": it.channel.value,
                "recipient": it.recipient,
                "status": it.status,
                "key": it.key,
                "params": it.params,
                "subject": self._(it.subject_key, **it.params) if it.subject_key else None,
                "text": self._(it.key, **it.params),
            }
            for it in items
        ]
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2), file=self.out)
            return
        if not rows:
            self.say("admin-outbox-empty")
            return
        table = [
            (
                "id",
                self._("admin-col-time"),
                self._("admin-col-channel"),
                self._("admin-col-recipient"),
                self._("admin-col-status"),
                self._("admin-col-text"),
            )
        ]
        for it, row in zip(items, rows, strict=True):
            text = " ⏎ ".join(line for line in str(row["text"]).splitlines() if line.strip())
            table.append(
                (
                    str(it.id),
                    fmt_datetime(it.created_at),
                    it.channel.value,
                    it.recipient,
                    self._(f"admin-outbox-status-{it.status}"),
                    text[:100],
                )
            )
        widths = [max(len(r[c]) for r in table) for c in range(len(table[0]) - 1)]
        for r in table:
            cells = [r[c].ljust(widths[c]) for c in range(len(widths))]
            print("  ".join([*cells, r[-1]]), file=self.out)


async def _tickets_list(cli: Cli, args: argparse.Namespace) -> None:
    _ = cli._
    items = await tk.open_tickets(
        cli.db,
        status=TicketStatus(args.status) if args.status else None,
        limit=max(1, args.limit),
    )
    if not items:
        cli.say("admin-tickets-none")
        return
    for it in items:
        text = " ⏎ ".join(line for line in it.last_text.splitlines() if line.strip())
        cli.say(
            "admin-tickets-row",
            id=it.id,
            number=it.number,
            date=fmt_datetime(it.created_at),
            status=_(f"tic-status-{it.status.value}"),
            topic=_(f"tic-topic-{it.topic.value}"),
            company=it.company,
            text=text[:80],
        )


async def _tickets_show(cli: Cli, args: argparse.Namespace) -> None:
    _ = cli._
    card = await tk.staff_card(cli.db, args.ticket)
    cli.say(
        "admin-tickets-card",
        number=card.number,
        topic=_(f"tic-topic-{card.topic.value}"),
        status=_(f"tic-status-{card.status.value}"),
        date=fmt_datetime(card.created_at),
        author=card.author_name or "—",
        phone=card.notify_phone or "—",
    )
    for m in card.messages:
        who = card.author_name if m.author is TicketAuthor.CLIENT else f"[staff] {m.author_name}"
        print(f"\n{fmt_datetime(m.created_at)} {who}:\n{m.text}", file=cli.out)
        for f in m.files:
            print(f"  📎 {f.name} ({f.kind.value}, {f.size} B)", file=cli.out)


async def _tickets_answer(cli: Cli, args: argparse.Namespace) -> None:
    card = await tk.staff_card(cli.db, args.ticket)
    number = await tk.staff_reply(
        cli.db, card.id, staff_name=args.name, staff_telegram_id=None, text=args.text
    )
    cli.say("tic-staff-sent", number=number)


async def _tickets_status(cli: Cli, args: argparse.Namespace) -> None:
    card = await tk.staff_card(cli.db, args.ticket)
    status = TicketStatus(args.status)
    number = await tk.staff_set_status(
        cli.db, card.id, status, staff_name=args.name, staff_telegram_id=None
    )
    cli.say("tic-staff-status-set", number=number, status=cli._(f"tic-status-{status.value}"))


_COMMANDS: dict[tuple[str, str | None], Callable[[Cli, argparse.Namespace], Awaitable[None]]] = {
    ("company", "create"): Cli.company_create,
    ("account", "create"): Cli.account_create,
    ("subscribers", "import"): Cli.subscribers_import,
    ("payments", "import"): Cli.payments_import,
    ("charges", "import"): Cli.charges_import,
    ("sims", "import"): Cli.sims_import,
    ("password", "issue"): Cli.password_issue,
    ("user", "block"): Cli.user_block,
    ("user", "unblock"): Cli.user_unblock,
    ("outbox", None): Cli.outbox,
    ("tickets", "list"): _tickets_list,
    ("tickets", "show"): _tickets_show,
    ("tickets", "answer"): _tickets_answer,
    ("tickets", "status"): _tickets_status,
}


def _error_lines(_: Translator, err: DomainError) -> list[str]:
    lines = [_("admin-error", message=_(err.key, **err.params))]
    if isinstance(err, backoffice.ImportFailed):
        for e in err.errors:
            lines.append(
                _(
                    "admin-line-error",
                    line=e.line,
                    column=e.column or "—",
                    message=_(e.key, **e.params),
                )
            )
    return lines


async def run(
    argv: list[str], settings: Any, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """The command line inside a running event loop (tests call this)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    _ = I18n(settings.default_locale).get(settings.default_locale)
    from storage.migrate import upgrade_to_head

    await upgrade_to_head(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        async with make_sessionmaker(engine)() as db:
            command = _COMMANDS[(args.area, getattr(args, "action", None))]
            try:
                await command(Cli(db, _, out), args)
            except DomainError as exc:
                await db.rollback()
                for line in _error_lines(_, exc):
                    print(line, file=err)
                return 1
            await db.commit()
    finally:
        await engine.dispose()
    return 0


def main(argv: list[str], settings: Any) -> int:
    return asyncio.run(run(argv, settings))
