"""The operator's back-office, through its command line: `python -m bot admin …`."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import admin_cli
from bot.config import Settings
from domain import auth
from domain.passwords import verify_password
from domain.types import AuditResult, Brand, Role
from storage.db import make_engine, make_sessionmaker
from storage.models import AuditLog, CabinetUser, Company, Outbox, Session, Subscriber

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
