"""The operator's back-office, through its command line: `python -m bot admin …`."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from stdnum import luhn

from bot import admin_cli
from bot.config import Settings
from domain.auth import login as auth
from domain.auth.passwords import verify_password
from domain.money import format_rub
from domain.types import AuditResult, Brand, PaymentType, Role, SimStatus
from storage.db import make_engine, make_sessionmaker
from storage.models import (
    Account,
    AuditLog,
    CabinetUser,
    Company,
    Outbox,
    Payment,
    Session,
    SimCard,
    Subscriber,
    TelegramChat,
)

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


class Admin:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.out = ""
        self.err = ""

    async def __call__(self, *argv: str) -> int:
        out, err = io.StringIO(), io.StringIO()
        code = await admin_cli.run(list(argv), self.settings, out, err)
        self.out, self.err = out.getvalue(), err.getvalue()
        return code


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{tmp_path / 'admin.db'}")  # type: ignore[call-arg]


@pytest.fixture
def admin(settings: Settings) -> Admin:
    return Admin(settings)


@pytest.fixture
async def db(settings: Settings, admin: Admin) -> AsyncIterator[AsyncSession]:
    assert await admin("outbox") == 0  # migrates the fresh database
    engine = make_engine(settings.database_url)
    async with make_sessionmaker(engine)() as s:
        yield s
    await engine.dispose()


async def company_with_account(admin: Admin) -> None:
    assert (
        await admin(
            "company",
            "create",
            "--name",
            "ООО «Ромашка»",
            "--inn",
            "7707083893",
            "--kpp",
            "770701001",
            "--ogrn",
            "1027700132195",
        )
        == 0
    )
    assert "id 1" in admin.out
    assert (
        await admin(
            "account", "create", "--company", "1", "--number", "500100200300", "--brand", "megafon"
        )
        == 0
    )


def csv_file(tmp_path: Path, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / "numbers.csv"
    path.write_bytes(text.encode(encoding))
    return str(path)


async def test_company_account_and_numbers(admin: Admin, db: AsyncSession, tmp_path: Path) -> None:
    await company_with_account(admin)
    assert "Лицевой счёт 500100200300 (megafon) создан" in admin.out
    path = csv_file(
        tmp_path,
        "msisdn;employee_name;email;position;comment\n"
        "+7 916 123-45-67;Иванов Иван Иванович;ivanov@romashka.ru;Директор;\n"
        "8 (926) 1112233;Петрова Анна;;Бухгалтер;на испытательном\n",
        "cp1251",
    )
    assert (
        await admin("subscribers", "import", path, "--company", "1", "--account", "500100200300")
        == 0
    )
    assert "Добавлено номеров: 2" in admin.out
    subs = list(await db.scalars(select(Subscriber).order_by(Subscriber.id)))
    assert [(s.msisdn, s.employee_name) for s in subs] == [
        ("+79161234567", "Иванов Иван Иванович"),
        ("+79261112233", "Петрова Анна"),
    ]
    assert subs[0].email == "ivanov@romashka.ru" and subs[1].comment == "на испытательном"
    company = await db.get(Company, 1)
    assert company is not None and company.kpp == "770701001"


async def test_bad_csv_names_every_bad_line_and_adds_nothing(
    admin: Admin, db: AsyncSession, tmp_path: Path
) -> None:
    await company_with_account(admin)
    path = csv_file(
        tmp_path,
        "msisdn,employee_name\n"
        "+79161234567,Иванов\n"
        "916,Петров\n"
        "+7 916 123-45-67,Дубль\n"
        "+7 495 123-45-67,Городской\n"
        "+79261112233,Лишний,столбец\n",
    )
    assert (
        await admin("subscribers", "import", path, "--company", "1", "--account", "500100200300")
        == 1
    )
    lines = admin.err.splitlines()
    assert lines[0] == "Ошибка: в файле 4 ошибки, ничего не добавлено."
    assert lines[1].startswith("строка 3, столбец msisdn: Не похоже на номер телефона")
    assert lines[2] == "строка 4, столбец msisdn: этот номер уже есть в строке 2."
    assert lines[3].startswith("строка 5, столбец msisdn: Нужен мобильный номер")
    assert lines[4] == "строка 6, столбец —: ожидалось столбцов: 2, в строке: 3."
    assert list(await db.scalars(select(Subscriber))) == []


async def test_bad_files_get_clear_errors(admin: Admin, db: AsyncSession, tmp_path: Path) -> None:
    await company_with_account(admin)
    assert (
        await admin(
            "subscribers",
            "import",
            str(tmp_path / "none.csv"),
            "--company",
            "1",
            "--account",
            "500100200300",
        )
        == 1
    )
    assert "не удаётся прочитать файл" in admin.err and "none.csv" in admin.err
    empty = csv_file(tmp_path, "")
    assert (
        await admin("subscribers", "import", empty, "--company", "1", "--account", "500100200300")
        == 1
    )
    assert "строка 1" in admin.err and "файл пуст" in admin.err
    no_col = csv_file(tmp_path, "phone_number;name\n+79161234567;Иванов\n")
    assert (
        await admin("subscribers", "import", no_col, "--company", "1", "--account", "500100200300")
        == 1
    )
    assert "строка 1, столбец phone_number: неизвестный столбец" in admin.err
    assert "нет столбца msisdn" in admin.err
    ok = csv_file(tmp_path, "msisdn\n+79161234567\n")
    assert await admin("subscribers", "import", ok, "--company", "1", "--account", "999999") == 1
    assert "лицевого счёта 999999 нет" in admin.err
    assert await admin("company", "create", "--name", "Дубль", "--inn", "7707083893") == 1
    assert admin.err.strip() == "Ошибка: компания с ИНН 7707083893 уже есть."
    assert await admin("company", "create", "--name", "Плохой", "--inn", "7707083894") == 1
    assert "контрольное число" in admin.err
    assert (
        await admin(
            "account", "create", "--company", "9", "--number", "500100200399", "--brand", "megafon"
        )
        == 1
    )
    assert "компании с id 9 нет" in admin.err
    assert (
        await admin("account", "create", "--company", "1", "--number", "5001", "--brand", "yota")
        == 1
    )
    assert await admin("password", "issue", "+79161234567", "--brand", "tele2") == 2


async def test_first_password_by_sms_then_block(
    admin: Admin, db: AsyncSession, tmp_path: Path
) -> None:
    await company_with_account(admin)
    path = csv_file(tmp_path, "msisdn;employee_name\n+79161234567;Иванов Иван\n")
    assert (
        await admin("subscribers", "import", path, "--company", "1", "--account", "500100200300")
        == 0
    )
    assert await admin("password", "issue", "89161234567", "--brand", "megafon") == 1
    assert "укажите --role" in admin.err
    assert (
        await admin(
            "password", "issue", "89161234567", "--brand", "megafon", "--role", "coordinator"
        )
        == 0
    )
    assert "+7 916 ***-**-67" in admin.out and "Пользователь кабинета создан" in admin.out
    sms = await db.scalar(select(Outbox).where(Outbox.recipient == "+79161234567"))
    assert sms is not None and sms.payload["key"] == "sms-first-password"
    password = sms.payload["params"]["password"]
    assert password not in admin.out  # the password goes only by SMS
    user = await db.scalar(select(CabinetUser).where(CabinetUser.login == "+79161234567"))
    assert user is not None and user.role == Role.COORDINATOR and user.must_change_password
    assert verify_password(user.password_hash, password)
    # The SMS password logs in, and then the user must set a permanent one.
    p = await auth.login_with_password(db, Brand.MEGAFON, "+79161234567", password, 55, 55)
    assert p.must_change_password
    await db.commit()
    # Outbox as a table and as JSON; the password is masked there (it goes only by SMS).
    assert await admin("outbox") == 0
    assert "sms" in admin.out and "+79161234567" in admin.out
    # The status is Russian like its heading («статус»), not the row's `pending`.
    assert "ждёт отправки" in admin.out and "pending" not in admin.out
    assert "••••••" in admin.out and password not in admin.out
    assert await admin("outbox", "--json", "--channel", "sms") == 0
    rows = json.loads(admin.out)
    assert rows[0]["key"] == "sms-first-password"
    assert rows[0]["text"].startswith("Пароль для входа в кабинет (логин +79161234567)")
    assert await admin("outbox", "--channel", "email") == 0
    assert "Исходящих сообщений нет" in admin.out
    # Blocking ends the session at once.
    assert await admin("user", "block", "+7 916 123-45-67") == 0
    assert "заблокирован" in admin.out
    db.expire_all()
    sess = await db.get(Session, p.session_id)
    assert sess is not None and sess.end_reason == "blocked"
    assert await admin("password", "issue", "+79161234567", "--brand", "megafon") == 1
    assert "заблокирован" in admin.err
    assert await admin("user", "unblock", "+79161234567") == 0
    assert await admin("user", "block", "+79000000000") == 1
    actions = [
        (a.action, a.result)
        for a in await db.scalars(select(AuditLog).where(AuditLog.action.like("admin.%")))
    ]
    assert ("admin.password_issue", AuditResult.OK) in actions
    assert ("admin.user_block", AuditResult.OK) in actions
    assert all(password not in str(a.details) for a in await db.scalars(select(AuditLog)))


async def test_yota_password_goes_to_the_given_phone(admin: Admin, db: AsyncSession) -> None:
    assert (
        await admin(
            "company",
            "create",
            "--name",
            "ИП Петров",
            "--inn",
            "500100732259",
            "--ogrn",
            "304500116000157",
        )
        == 0
    )
    assert (
        await admin(
            "account", "create", "--company", "1", "--number", "400900800700", "--brand", "yota"
        )
        == 0
    )
    assert (
        await admin("password", "issue", "400900800700", "--brand", "yota", "--role", "coordinator")
        == 1
    )
    assert "--phone" in admin.err
    assert (
        await admin(
            "password",
            "issue",
            "400900800700",
            "--brand",
            "yota",
            "--role",
            "coordinator",
            "--phone",
            "+7 999 123-45-67",
        )
        == 0
    )
    sms = await db.scalar(select(Outbox))
    assert sms is not None and sms.recipient == "+79991234567"


# --- billing's input: payments, charges; the SIM reserve ----------------------------------------


async def two_accounts_and_a_coordinator(admin: Admin, db: AsyncSession) -> int:
    """The company of `company_with_account` with a second account, and a coordinator logged in
    from Telegram chat 7001 (who gets the pushes); → the coordinator's id."""
    await company_with_account(admin)
    assert (
        await admin(
            "account", "create", "--company", "1", "--number", "500100200301", "--brand", "megafon"
        )
        == 0
    )
    user = CabinetUser(
        company_id=1, brand=Brand.MEGAFON, login="+79160000001", role=Role.COORDINATOR
    )
    db.add(user)
    await db.flush()
    db.add(TelegramChat(telegram_user_id=7001, chat_id=7001))
    db.add(Session(user_id=user.id, telegram_user_id=7001))
    await db.commit()
    return user.id


async def balances(db: AsyncSession) -> dict[str, int]:
    db.expire_all()
    return {a.number: a.balance_kop for a in await db.scalars(select(Account))}


async def test_payments_raise_the_balances_once_however_often_the_file_is_loaded(
    admin: Admin, db: AsyncSession, tmp_path: Path
) -> None:
    await two_accounts_and_a_coordinator(admin, db)
    path = csv_file(
        tmp_path,
        "Лицевой счёт;Дата;Сумма;Тип;Номер документа;Назначение\n"
        "500100200300;01.06.2026;10 000,00;безнал;ПП-101;Оплата по счёту 300\n"
        "500100200300;2026-06-10 09:30;1 234,56;card;К-7;\n"
        "500100200301;05.06.2026;5000;bank_transfer;ПП-102;\n",
        "cp1251",
    )
    assert await admin("payments", "import", path, "--company", "1") == 0
    total = format_rub(16_234_56)
    assert admin.out.strip() == f"Загружено платежей: 3 на {total} по 2 лицевым счетам."
    assert await balances(db) == {"500100200300": 11_234_56, "500100200301": 5_000_00}
    rows = list(await db.scalars(select(Payment).order_by(Payment.paid_at)))
    assert [(p.document_number, p.type, p.amount_kop) for p in rows] == [
        ("ПП-101", PaymentType.BANK_TRANSFER, 10_000_00),
        ("ПП-102", PaymentType.BANK_TRANSFER, 5_000_00),
        ("К-7", PaymentType.CARD, 1_234_56),
    ]
    # 09:30 in Moscow is 06:30 UTC.
    assert (rows[2].paid_at.hour, rows[2].paid_at.minute) == (6, 30)
    # The same file again: every line is named, nothing is added twice.
    assert await admin("payments", "import", path, "--company", "1") == 1
    assert admin.err.count("уже загружен раньше") == 3
    assert await balances(db) == {"500100200300": 11_234_56, "500100200301": 5_000_00}
    audit = await db.scalar(select(AuditLog).where(AuditLog.action == "admin.payments_import"))
    assert audit is not None and audit.details == {"rows": 3, "total_kop": 16_234_56}


async def test_bad_payment_lines_are_all_named_and_nothing_is_added(
    admin: Admin, db: AsyncSession, tmp_path: Path
) -> None:
    await two_accounts_and_a_coordinator(admin, db)
    assert await admin("company", "create", "--name", "ООО «Другая»", "--inn", "7736207543") == 0
    assert (
        await admin(
            "account", "create", "--company", "2", "--number", "500100200999", "--brand", "megafon"
        )
        == 0
    )
    path = csv_file(
        tmp_path,
        "account,date,amount,type,document\n"
        "500100200300,01.06.2026,100,bank_transfer,A-1\n"
        "999999999,01.06.2026,100,bank_transfer,A-2\n"
        "500100200999,01.06.2026,100,bank_transfer,A-3\n"
        "500100200300,01.01.2027,100,bank_transfer,A-4\n"
        "500100200300,01.06.2026,0,bank_transfer,A-5\n"
        "500100200300,01.06.2026,-50,card,A-6\n"
        "500100200300,01.06.2026,100,crypto,A-7\n"
        "500100200300,01.06.2026,100,card,A-1\n"
        "500100200300,31.02.2026,-50,adjustment,A-8\n",
    )
    assert await admin("payments", "import", path, "--company", "1") == 1
    lines = admin.err.splitlines()
    assert lines[0] == "Ошибка: в файле 8 ошибок, ничего не добавлено."
    assert lines[1] == "строка 3, столбец account: лицевого счёта 999999999 нет."
    assert lines[2] == (
        "строка 4, столбец account: лицевой счёт 500100200999 принадлежит другой компании."
    )
    assert lines[3] == "строка 5, столбец date: дата «01.01.2027» ещё не наступила."
    assert lines[4].startswith("строка 6, столбец amount: сумма «0» не подходит")
    assert lines[5].startswith("строка 7, столбец amount: сумма «-50» не подходит")
    assert lines[6].startswith("строка 8, столбец type: такого значения нет; допустимы:")
    assert lines[7] == "строка 9, столбец document: этот документ уже есть в строке 2."
    assert lines[8].startswith("строка 10, столбец date: не похоже на дату «31.02.2026»")
    assert list(await db.scalars(select(Payment))) == []
    assert set((await balances(db)).values()) == {0}


async def test_charges_lower_the_balance_count_spending_and_push_alerts_and_limits(
    admin: Admin, db: AsyncSession, tmp_path: Path
) -> None:
    await two_accounts_and_a_coordinator(admin, db)
    numbers = csv_file(tmp_path, "msisdn;employee_name\n+79161234567;Иванов Иван\n")
    assert (
        await admin("subscribers", "import", numbers, "--company", "1", "--account", "500100200300")
        == 0
    )
    sub = await db.scalar(select(Subscriber))
    account = await db.scalar(select(Account).where(Account.number == "500100200300"))
    assert sub is not None and account is not None
    sub.spending_limit_kop, sub.limit_blocks = 1_000_00, True
    account.low_balance_threshold_kop = 0
    sub_id = sub.id
    await db.commit()

    first = tmp_path / "charges-1.csv"
    first.write_text(
        "account;msisdn;date;amount;category;description\n"
        "500100200300;+7 916 123-45-67;14.06.2026 18:00;850,00;звонки;Исходящие\n"
        "500100200300;;01.06.2026;500;абонентская плата;Июнь\n"
        "500100200300;+7 916 000-00-00;14.06.2026;10;sms;\n",
        encoding="utf-8",
    )
    assert await admin("charges", "import", str(first), "--company", "1") == 1
    assert "строка 4, столбец msisdn: номера +79160000000 нет на этом лицевом счёте." in admin.err
    first.write_text("\n".join(first.read_text().splitlines()[:3]) + "\n", encoding="utf-8")
    assert await admin("charges", "import", str(first), "--company", "1") == 0
    total = format_rub(1_350_00)
    assert admin.out.startswith(f"Загружено начислений: 2 на {total} по 1 лицевому счёту.")
    assert "Уведомлений: 2" in admin.out  # below the threshold; 80 % of the limit
    assert (await balances(db))["500100200300"] == -1_350_00
    db.expire_all()
    sub = await db.get(Subscriber, sub_id)
    assert sub is not None and sub.month_spent_kop == 850_00 and sub.limit_alert_percent == 80
    pushes = sorted(r.payload["key"] for r in await db.scalars(select(Outbox)))
    assert pushes == ["acc-alert-low-balance", "sub-push-limit-80"]
    assert {r.recipient for r in await db.scalars(select(Outbox))} == {"7001"}

    # Past the limit, which bars outgoing calls: the number is barred …
    second = tmp_path / "charges-2.csv"
    second.write_text(
        "account,msisdn,date,amount,category\n500100200300,+79161234567,15.06.2026,200,calls\n",
        encoding="utf-8",
    )
    assert await admin("charges", "import", str(second), "--company", "1") == 0
    db.expire_all()
    sub = await db.get(Subscriber, sub_id)
    assert sub is not None and sub.outgoing_barred and sub.month_spent_kop == 1_050_00
    # … so billing has no outgoing calls, SMS or roaming of it to load; its monthly fee it has.
    third = tmp_path / "charges-3.csv"
    third.write_text(
        "account,msisdn,date,amount,category\n"
        "500100200300,+79161234567,15.06.2026,3,sms\n"
        "500100200300,+79161234567,15.06.2026,300,subscription\n",
        encoding="utf-8",
    )
    assert await admin("charges", "import", str(third), "--company", "1") == 1
    assert "строка 2, столбец msisdn: у номера +79161234567 исходящие запрещены" in admin.err
    third.write_text(
        "account,msisdn,date,amount,category\n"
        "500100200300,+79161234567,15.06.2026,300,subscription\n",
        encoding="utf-8",
    )
    assert await admin("charges", "import", str(third), "--company", "1") == 0
    assert (await balances(db))["500100200300"] == -1_850_00  # 1 350 + 200 + 300


async def test_reserve_sims_are_checked_and_added_once(
    admin: Admin, db: AsyncSession, tmp_path: Path
) -> None:
    await company_with_account(admin)
    good = [f"89701010{n:010d}" for n in (1, 2)]
    good = [icc + luhn.calc_check_digit(icc) for icc in good]
    bad_luhn = good[0][:-1] + str((int(good[0][-1]) + 1) % 10)
    path = csv_file(
        tmp_path,
        f"ICCID;PUK1\n{good[0]};12345678\n{good[1]};\n{bad_luhn};\n123;\n{good[0]};\n",
    )
    assert await admin("sims", "import", path, "--company", "1") == 1
    assert admin.err.splitlines()[0] == "Ошибка: в файле 3 ошибки, ничего не добавлено."
    assert "строка 6, столбец icc: этот номер уже есть в строке 2." in admin.err
    assert list(await db.scalars(select(SimCard))) == []
    path = csv_file(tmp_path, f"icc;puk1\n{good[0]};12345678\n{good[1]};\n")
    assert await admin("sims", "import", path, "--company", "1") == 0
    assert admin.out.strip() == "В резерв компании добавлено SIM-карт: 2."
    sims = list(await db.scalars(select(SimCard).order_by(SimCard.icc)))
    assert [(s.icc, s.status, s.company_id) for s in sims] == [
        (good[0], SimStatus.RESERVE, 1),
        (good[1], SimStatus.RESERVE, 1),
    ]
    assert sims[0].puk1_hash and "12345678" not in sims[0].puk1_hash and sims[1].puk1_hash is None
    assert await admin("sims", "import", path, "--company", "1") == 1
    assert admin.err.count("уже есть в системе") == 2


async def test_charges_with_billing_ids_load_once(
    admin: Admin, db: AsyncSession, tmp_path: Path
) -> None:
    await two_accounts_and_a_coordinator(admin, db)
    path = tmp_path / "charges.csv"
    path.write_text(
        "account;date;amount;category;id\n"
        "500100200300;01.06.2026;500;subscription;B-1\n"
        "500100200301;01.06.2026;500;subscription;B-1\n"  # the same id on another account
        "500100200300;02.06.2026;10;sms;\n",
        encoding="utf-8",
    )
    assert await admin("charges", "import", str(path), "--company", "1") == 0
    assert await balances(db) == {"500100200300": -510_00, "500100200301": -500_00}
    # The same file again: the charges with an id are named, nothing is added.
    assert await admin("charges", "import", str(path), "--company", "1") == 1
    assert admin.err.count("уже загружено раньше") == 2
    assert "строка 2, столбец id: начисление B-1 уже загружено раньше." in admin.err
    assert await balances(db) == {"500100200300": -510_00, "500100200301": -500_00}
    twice = tmp_path / "twice.csv"
    twice.write_text(
        "account;date;amount;category;id\n"
        "500100200300;03.06.2026;5;sms;B-2\n"
        "500100200300;03.06.2026;5;sms;B-2\n",
        encoding="utf-8",
    )
    assert await admin("charges", "import", str(twice), "--company", "1") == 1
    assert "строка 3, столбец id: начисление с этим id уже есть в строке 2." in admin.err
