"""The demo companies anyone can try the bot with, and a large company for benchmarks.

`create_demo` makes the operator's catalogue (MegaFon and Yota tariffs and services) and two
companies: «ООО «Северный ветер»» (5 accounts, 60 employees, users of every access level) and
the smaller «ООО «Волга-Логистик»», so that isolation between companies can be tried. Every
identity (names, numbers, ICCs, INN…) comes from a fixed seed, so the demo is the same on every
machine; the money history is dated relative to `today` (12 months back) and drawn from one
random generator per account and month, seeded with (seed, company, account, month): the same
(seed, today) gives the same demo, and a past month's history stays the same when today moves.
Nothing is dated after "now" (`domain.clock`, which `CABINET_TODAY` pins).

Invariants the rest of the program may rely on:
- an account's `balance_kop` = Σ payments − Σ charges of that account (cashback spent on an
  account is a payment of type CASHBACK); `prev_balance_kop` is the same sum up to the start of
  the current month (Moscow time);
- an account's `cashback_kop` = Σ accruals − Σ spends;
- a subscriber's `month_spent_kop` = Σ of its charges in the current month;
- no subscriber has a service marked incompatible with its tariff.
"""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker
from stdnum import luhn
from stdnum.ru import inn as ru_inn
from stdnum.ru import ogrn as ru_ogrn

from domain.types import (
    AccountType,
    Brand,
    CashbackKind,
    ChargeCategory,
    DeliveryMethod,
    DocumentFormat,
    DocumentKind,
    DocumentStatus,
    ForwardingType,
    OrderItemStatus,
    OrderKind,
    OrderStatus,
    PaymentType,
    Role,
    SimStatus,
    SubscriberStatus,
    TicketAuthor,
    TicketStatus,
    TicketTopic,
)
from storage import timesource
from storage.models import (
    Account,
    Base,
    CabinetUser,
    CashbackTransaction,
    Charge,
    Company,
    Document,
    Forwarding,
    Group,
    Label,
    Order,
    OrderItem,
    Payment,
    Service,
    SimCard,
    Subscriber,
    SubscriberLabel,
    SubscriberService,
    Tariff,
    Ticket,
    TicketMessage,
    UserAccountAccess,
    VatRate,
)
from storage.search import fold

HashPassword = Callable[[str], str]

# Moscow has kept UTC+3 all year since 2014; a fixed offset needs no tz database.
MSK = timezone(timedelta(hours=3), "MSK")
# Another day than the clock's is shown as its noon, as a pinned date is (`domain.clock`).
DEMO_HOUR = 12

VAT_RATES: tuple[tuple[date, int], ...] = ((date(2019, 1, 1), 20), (date(2026, 1, 1), 22))

IDENTITY_SEED = 20260101
# Seeds the money history (one generator per account and month); `python -m bot demo --seed`.
DEMO_SEED = IDENTITY_SEED + 1
HISTORY_MONTHS = 12
CHUNK = 20_000


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class DemoLogin:
    brand: Brand
    login: str
    role: Role
    password: str
    company: str
    full_name: str


@dataclass(frozen=True)
class DemoSim:
    """A reserve SIM card one may type into "replace SIM"."""

    icc: str
    company: str


@dataclass
class DemoInfo:
    # None in the plan returned by `demo_info()`, which does not look at the database.
    company_id: int | None
    second_company_id: int | None
    logins: list[DemoLogin]
    reserve_sims: list[DemoSim] = field(default_factory=list)
    company_name: str = ""
    second_company_name: str = ""
    # False when the demo already existed and nothing was written.
    created: bool = True

    @property
    def company_ids(self) -> tuple[int | None, int | None]:
        return (self.company_id, self.second_company_id)


@dataclass
class LargeInfo:
    company_id: int
    company_name: str
    accounts: int
    subscribers: int
    sim_cards: int
    charges: int
    payments: int
    seconds: float
    login: DemoLogin


# --------------------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class TariffSpec:
    code: str
    name: str
    brand: Brand
    fee_rub: int
    description: str
    account_type: AccountType | None = None
    is_active: bool = True
    # Usage beyond the package is rare on these: no per-call charges in the demo history.
    unlimited: bool = False


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    name: str
    brand: Brand
    fee_rub: int
    description: str
    incompatible: tuple[str, ...] = ()


MF, YOTA = Brand.MEGAFON, Brand.YOTA

# fmt: off
TARIFFS: tuple[TariffSpec, ...] = (
    TariffSpec(
        "mf_biz_start", "Бизнес Старт", MF, 350,
        "300 минут на все номера России, 10 ГБ интернета, 100 SMS",
    ),
    TariffSpec(
        "mf_corp_500", "Корпоративный 500", MF, 550,
        "500 минут на все номера России, 20 ГБ, безлимитные звонки внутри компании",
    ),
    TariffSpec(
        "mf_corp_1000", "Корпоративный 1000", MF, 900,
        "1000 минут на все номера России, 35 ГБ, 500 SMS, звонки внутри компании бесплатно",
    ),
    TariffSpec(
        "mf_biz_unlim", "Бизнес Безлимит", MF, 1500,
        "Безлимитные звонки по России, безлимитный интернет, 1000 SMS",
        unlimited=True,
    ),
    TariffSpec(
        "mf_iot", "Интернет вещей", MF, 120,
        "Для терминалов, касс и датчиков: 1 ГБ, без голосовой связи",
        account_type=AccountType.POSTPAID,
    ),
    TariffSpec(
        "mf_biz_classic", "Бизнес Классика (архивный)", MF, 450,
        "Архивный тариф: 400 минут, 8 ГБ. Перейти на него нельзя",
        is_active=False,
    ),
    TariffSpec(
        "yota_biz_unlim", "Бизнес без границ", YOTA, 1100,
        "Безлимитный интернет и звонки на Yota и МегаФон по России, 800 минут на другие",
        unlimited=True,
    ),
    TariffSpec(
        "yota_biz_base", "Бизнес Базовый", YOTA, 600,
        "800 минут, 30 ГБ, безлимитные мессенджеры",
    ),
    TariffSpec(
        "yota_office", "Интернет для офиса", YOTA, 1400,
        "Безлимитный интернет для модема или роутера, без голосовой связи",
        unlimited=True,
    ),
)

_VOICELESS = ("mf_iot",)
SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec(
        "mf_caller_id", "Определитель номера", MF, 0,
        "Показывает номер звонящего", _VOICELESS,
    ),
    ServiceSpec(
        "mf_anti_caller_id", "Антиопределитель номера", MF, 150,
        "Скрывает ваш номер при исходящих вызовах", _VOICELESS,
    ),
    ServiceSpec(
        "mf_forwarding", "Переадресация вызова", MF, 0,
        "Переадресация на любой российский номер; вызов оплачивается как исходящий",
        _VOICELESS,
    ),
    ServiceSpec(
        "mf_roaming_ru", "Роуминг по России", MF, 0,
        "Звонки и интернет в поездках по России на условиях домашнего региона",
    ),
    ServiceSpec(
        "mf_roaming_world", "Международный роуминг", MF, 0,
        "Связь за границей по тарифам роуминга", ("mf_biz_start", "mf_iot"),
    ),
    ServiceSpec(
        "mf_internet_10", "Мобильный интернет +10 ГБ", MF, 300,
        "Дополнительные 10 ГБ каждый месяц", ("mf_biz_unlim",),
    ),
    ServiceSpec(
        "mf_internet_30", "Мобильный интернет +30 ГБ", MF, 550,
        "Дополнительные 30 ГБ каждый месяц", ("mf_biz_unlim", "mf_iot"),
    ),
    ServiceSpec(
        "mf_call_recording", "Запись разговоров", MF, 250,
        "Запись входящих и исходящих вызовов, хранение 90 дней", ("mf_biz_start", "mf_iot"),
    ),
    ServiceSpec(
        "mf_conference", "Конференц-связь", MF, 90,
        "Разговор с несколькими абонентами одновременно", _VOICELESS,
    ),
    ServiceSpec(
        "mf_geo", "Мобильные сотрудники", MF, 199,
        "Определение местоположения сотрудников с их согласия",
    ),
    ServiceSpec(
        "mf_sms_500", "Пакет SMS 500", MF, 150,
        "500 SMS на номера России", ("mf_biz_unlim", "mf_corp_1000", "mf_iot"),
    ),
    ServiceSpec(
        "yota_caller_id", "Определитель номера", YOTA, 0,
        "Показывает номер звонящего", ("yota_office",),
    ),
    ServiceSpec(
        "yota_roaming_ru", "Роуминг по России", YOTA, 0,
        "Связь в поездках по России без доплат",
    ),
    ServiceSpec(
        "yota_forwarding", "Переадресация вызова", YOTA, 0,
        "Переадресация на любой российский номер", ("yota_office",),
    ),
    ServiceSpec(
        "yota_internet_10", "Интернет +10 ГБ", YOTA, 250,
        "Дополнительные 10 ГБ каждый месяц", ("yota_biz_unlim", "yota_office"),
    ),
    ServiceSpec(
        "yota_messengers", "Безлимитные мессенджеры", YOTA, 100,
        "Мессенджеры не расходуют пакет интернета", ("yota_biz_unlim", "yota_biz_base"),
    ),
)

# fmt: on

_TARIFF_BY_CODE = {t.code: t for t in TARIFFS}
_SERVICE_BY_CODE = {s.code: s for s in SERVICES}


@dataclass(frozen=True)
class Catalogue:
    tariff_ids: dict[str, int]
    service_ids: dict[str, int]


async def ensure_vat_rates(session: AsyncSession) -> None:
    """The dated VAT rates, when the table is empty (the migration seeds them; create_all not)."""
    if await session.scalar(select(func.count()).select_from(VatRate)):
        return
    await session.execute(insert(VatRate), [{"valid_from": d, "percent": p} for d, p in VAT_RATES])


async def ensure_catalogue(session: AsyncSession) -> Catalogue:
    """Add the tariffs and services of the catalogue that are missing (by code)."""
    have_t = {c for (c,) in (await session.execute(select(Tariff.code))).all()}
    missing_t = [
        {
            "code": t.code,
            "name": t.name,
            "brand": t.brand,
            "monthly_fee_kop": t.fee_rub * 100,
            "description": t.description,
            "account_type": t.account_type,
            "is_active": t.is_active,
        }
        for t in TARIFFS
        if t.code not in have_t
    ]
    if missing_t:
        await session.execute(insert(Tariff), missing_t)
    have_s = {c for (c,) in (await session.execute(select(Service.code))).all()}
    missing_s = [
        {
            "code": s.code,
            "name": s.name,
            "brand": s.brand,
            "monthly_fee_kop": s.fee_rub * 100,
            "description": s.description,
            "incompatible_tariffs": ",".join(s.incompatible),
            "is_active": True,
        }
        for s in SERVICES
        if s.code not in have_s
    ]
    if missing_s:
        await session.execute(insert(Service), missing_s)
    tariff_ids = {code: id_ for code, id_ in await session.execute(select(Tariff.code, Tariff.id))}
    service_ids = {
        code: id_ for code, id_ in await session.execute(select(Service.code, Service.id))
    }
    return Catalogue(tariff_ids, service_ids)


# --------------------------------------------------------------------------- identities


def make_inn(first_nine: str) -> str:
    """A company INN (10 digits) with its check digit."""
    number = first_nine + ru_inn.calc_company_check_digit(first_nine)
    return str(ru_inn.validate(number))


def make_ogrn(first_twelve: str) -> str:
    """A company OGRN (13 digits) with its check digit."""
    number = first_twelve + ru_ogrn.calc_check_digit(first_twelve + "0")
    return str(ru_ogrn.validate(number))


def make_icc(first_eighteen: str) -> str:
    """A 19-digit ICCID with its Luhn check digit."""
    return first_eighteen + str(luhn.calc_check_digit(first_eighteen))


# fmt: off
_MALE = (
    "Александр", "Алексей", "Андрей", "Антон", "Артём", "Борис", "Вадим", "Виктор",
    "Владимир", "Вячеслав", "Георгий", "Григорий", "Денис", "Дмитрий", "Евгений", "Егор",
    "Иван", "Игорь", "Илья", "Кирилл", "Константин", "Максим", "Михаил", "Никита", "Николай",
    "Олег", "Павел", "Роман", "Руслан", "Сергей", "Станислав", "Степан", "Тимур", "Фёдор",
    "Юрий", "Ярослав",
)
_FEMALE = (
    "Александра", "Алина", "Анастасия", "Анна", "Валентина", "Вера", "Виктория", "Галина",
    "Дарья", "Евгения", "Екатерина", "Елена", "Елизавета", "Ирина", "Кристина", "Ксения",
    "Лариса", "Любовь", "Людмила", "Марина", "Мария", "Надежда", "Наталья", "Нина", "Оксана",
    "Ольга", "Полина", "Светлана", "София", "Татьяна", "Ульяна", "Юлия",
)
_PATRONYMICS = (
    ("Александрович", "Александровна"), ("Алексеевич", "Алексеевна"),
    ("Андреевич", "Андреевна"), ("Борисович", "Борисовна"), ("Васильевич", "Васильевна"),
    ("Викторович", "Викторовна"), ("Владимирович", "Владимировна"),
    ("Геннадьевич", "Геннадьевна"), ("Дмитриевич", "Дмитриевна"),
    ("Евгеньевич", "Евгеньевна"), ("Иванович", "Ивановна"), ("Игоревич", "Игоревна"),
    ("Ильич", "Ильинична"), ("Константинович", "Константиновна"),
    ("Михайлович", "Михайловна"), ("Николаевич", "Николаевна"), ("Олегович", "Олеговна"),
    ("Павлович", "Павловна"), ("Петрович", "Петровна"), ("Романович", "Романовна"),
    ("Сергеевич", "Сергеевна"), ("Юрьевич", "Юрьевна"), ("Анатольевич", "Анатольевна"),
)
_SURNAMES = (
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
    "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов",
    "Воробьёв", "Сергеев", "Кудрявцев", "Фролов", "Александров", "Дмитриев", "Королёв",
    "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв",
    "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров",
    "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов",
    "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов",
    "Тихонов", "Калинин", "Щербаков", "Быков", "Лазарев", "Громов", "Вишневский",
    "Островский", "Покровский", "Ковальчук", "Шевченко", "Бондаренко", "Черных", "Гордеев",
)

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        (
            "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
            "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
            "yu", "ya",
        ),
        strict=True,
    )
)

# fmt: on


def translit(text: str) -> str:
    return "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())


def _female_surname(surname: str) -> str:
    if surname.endswith("ский"):
        return surname[:-4] + "ская"
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname  # Ковальчук, Шевченко, Черных do not change


class _Names:
    """Unique Russian full names (Фамилия Имя Отчество) from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def person(self, female: bool | None = None) -> tuple[str, str, str]:
        """(full name, first name, surname) — the parts for an e-mail address."""
        while True:
            is_female = self._rng.random() < 0.45 if female is None else female
            surname = self._rng.choice(_SURNAMES)
            patronymic = self._rng.choice(_PATRONYMICS)[1 if is_female else 0]
            if is_female:
                first, surname = self._rng.choice(_FEMALE), _female_surname(surname)
            else:
                first = self._rng.choice(_MALE)
            full = f"{surname} {first} {patronymic}"
            if full not in self._used:
                self._used.add(full)
                return full, first, surname


class _Numbers:
    """Unique E.164 mobile numbers in the given ranges."""

    def __init__(self, rng: random.Random, taken: set[str]) -> None:
        self._rng = rng
        self._taken = taken

    def take(self, code: str) -> str:
        while True:
            number = f"+7{code}{self._rng.randrange(10**7):07d}"
            if number not in self._taken:
                self._taken.add(number)
                return number

    def release(self, number: str) -> None:
        self._taken.discard(number)

    def claim(self, number: str) -> str:
        if number in self._taken:
            raise ValueError(f"number {number} used twice in the demo plan")
        self._taken.add(number)
        return number


# --------------------------------------------------------------------------- plan


@dataclass
class AccountPlan:
    key: str
    number: str
    brand: Brand
    type: AccountType = AccountType.POSTPAID
    credit_limit_rub: int | None = None
    low_balance_rub: int | None = None
    delivery: DeliveryMethod = DeliveryMethod.EMAIL
    # transfer | transfer_in_debt | mixed | card_prepaid
    payments: str = "transfer"
    cashback: bool = False


@dataclass
class PersonPlan:
    full_name: str
    position: str
    group: str | None
    account: str
    msisdn: str
    tariff: str
    services: list[str]
    labels: list[str]
    icc: str
    email: str | None = None
    status: SubscriberStatus = SubscriberStatus.ACTIVE
    comment: str = ""
    spending_limit_rub: int | None = None
    traveller: bool = False


@dataclass
class UserPlan:
    role: Role
    brand: Brand
    login: str
    password: str
    person: int  # index into people: the employee behind the cabinet user
    email: str
    accounts: list[str] = field(default_factory=list)  # keys; empty = the whole company


@dataclass
class CompanyPlan:
    name: str
    inn: str
    kpp: str
    ogrn: str
    address: str
    email: str
    manager: tuple[str, str, str]
    accounts: list[AccountPlan]
    groups: list[tuple[str, str, str]]
    labels: list[str]
    people: list[PersonPlan]
    users: list[UserPlan]
    reserve_iccs: list[str]
    retired_iccs: list[str]


@dataclass(frozen=True)
class _Role:
    """One line of a staff roster: how many people hold a position and what they get."""

    position: str
    count: int
    group: str | None
    account: str
    tariff: str
    services: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    female: bool | None = None
    email: bool = True
    traveller: bool = False
    limit_rub: int | None = None


NORTH_NAME = "ООО «Северный ветер»"
NORTH_DOMAIN = "severnyveter.example"
VOLGA_NAME = "ООО «Волга-Логистик»"
VOLGA_DOMAIN = "volga-logistic.example"

# The phones of the cabinet users are easy to type: they are the MegaFon logins.
NORTH_LOGIN_NUMBERS = {
    Role.UNION_COORDINATOR: "+79261110001",
    Role.COORDINATOR: "+79261110002",
    Role.ASSISTANT: "+79261110003",
    Role.NUMBER_MANAGER: "+79261110004",
    Role.VIEWER: "+79261110005",
}
NORTH_YOTA_ACCOUNT = "8102045761"
VOLGA_LOGIN_NUMBER = "+79202220001"

DEMO_PASSWORDS = {
    "north_union": "Demo-2026!union",
    "north_coord": "Demo-2026!coord",
    "north_assistant": "Demo-2026!assist",
    "north_manager": "Demo-2026!manage",
    "north_viewer": "Demo-2026!viewer",
    "north_yota": "Demo-2026!yota",
    "volga_coord": "Demo-2026!volga",
}

# fmt: off
_NORTH_ROSTER: tuple[_Role, ...] = (
    # Management, on the main MegaFon account.
    _Role("Генеральный директор", 1, "Руководство", "mf1", "mf_biz_unlim",
          ("mf_caller_id", "mf_roaming_ru", "mf_roaming_world", "mf_conference"), ("VIP",),
          female=False, traveller=True),
    _Role("Финансовый директор", 1, "Руководство", "mf1", "mf_biz_unlim",
          ("mf_caller_id", "mf_roaming_ru", "mf_roaming_world"), ("VIP",), female=True),
    _Role("Коммерческий директор", 1, "Руководство", "mf1", "mf_biz_unlim",
          ("mf_caller_id", "mf_roaming_ru", "mf_roaming_world", "mf_call_recording"),
          ("VIP", "Командировка"), traveller=True),
    _Role("Директор по персоналу", 1, "Руководство", "mf1", "mf_corp_1000",
          ("mf_caller_id", "mf_roaming_ru"), ("VIP",), female=True),
    _Role("Главный бухгалтер", 1, "Бухгалтерия", "mf1", "mf_corp_500",
          ("mf_caller_id",), female=True),
    _Role("Бухгалтер", 3, "Бухгалтерия", "mf1", "mf_biz_start", ("mf_caller_id",)),
    _Role("Экономист", 1, "Бухгалтерия", "mf1", "mf_biz_start",
          ("mf_caller_id", "mf_internet_10")),
    _Role("Руководитель ИТ-отдела", 1, "ИТ", "mf1", "mf_biz_unlim",
          ("mf_caller_id", "mf_forwarding", "mf_roaming_ru"), female=False),
    _Role("Системный администратор", 2, "ИТ", "mf1", "mf_corp_500",
          ("mf_caller_id", "mf_forwarding", "mf_internet_30"), ("Удалённая работа",)),
    _Role("Программист 1С", 1, "ИТ", "mf1", "mf_corp_500",
          ("mf_caller_id", "mf_internet_10"), ("Удалённая работа",)),
    _Role("Офис-менеджер", 1, None, "mf1", "mf_corp_500",
          ("mf_caller_id", "mf_forwarding"), female=True),
    _Role("Секретарь-референт", 1, None, "mf1", "mf_biz_start",
          ("mf_caller_id", "mf_forwarding"), female=True),
    _Role("Юрисконсульт", 1, None, "mf1", "mf_corp_500", ("mf_caller_id",)),
    _Role("Специалист по кадрам", 2, None, "mf1", "mf_biz_start", ("mf_caller_id",),
          ("Новый сотрудник",)),
    _Role("Маркетолог", 2, None, "mf1", "mf_corp_500",
          ("mf_caller_id", "mf_internet_10", "mf_sms_500")),
    _Role("Инженер по охране труда", 1, None, "mf1", "mf_biz_start", ("mf_caller_id",)),
    _Role("Курьер", 2, None, "mf1", "mf_biz_start", ("mf_caller_id",), ("Служебный",),
          email=False, limit_rub=1000),
    # Sales, on the account with a credit limit.
    _Role("Руководитель отдела продаж", 1, "Продажи", "mf2", "mf_corp_1000",
          ("mf_caller_id", "mf_roaming_ru", "mf_call_recording", "mf_conference"),
          ("VIP", "Командировка"), traveller=True),
    _Role("Менеджер по работе с ключевыми клиентами", 2, "Продажи", "mf2", "mf_corp_1000",
          ("mf_caller_id", "mf_roaming_ru", "mf_call_recording"), ("VIP",), traveller=True,
          limit_rub=4000),
    _Role("Менеджер по продажам", 10, "Продажи", "mf2", "mf_corp_1000",
          ("mf_caller_id", "mf_roaming_ru", "mf_call_recording"), ("Командировка",),
          traveller=True, limit_rub=3000),
    _Role("Менеджер по закупкам", 2, None, "mf2", "mf_corp_500",
          ("mf_caller_id", "mf_roaming_ru")),
    # Warehouse and logistics office, on the third MegaFon account.
    _Role("Заведующий складом", 1, "Склад", "mf3", "mf_corp_500",
          ("mf_caller_id", "mf_forwarding"), female=False),
    _Role("Кладовщик", 5, "Склад", "mf3", "mf_biz_start", ("mf_caller_id",),
          email=False, limit_rub=800),
    _Role("Комплектовщик", 3, "Склад", "mf3", "mf_biz_start", (), ("Служебный",),
          email=False),
    _Role("Начальник отдела логистики", 1, "Логистика", "mf3", "mf_corp_1000",
          ("mf_caller_id", "mf_roaming_ru", "mf_geo"), ("Командировка",), traveller=True),
    _Role("Логист", 2, "Логистика", "mf3", "mf_corp_500",
          ("mf_caller_id", "mf_roaming_ru", "mf_geo")),
    # Drivers on Yota (postpaid), the support desk on a prepaid Yota account.
    _Role("Водитель-экспедитор", 6, "Логистика", "yota1", "yota_biz_unlim",
          ("yota_caller_id", "yota_roaming_ru"), ("Служебный",), female=False, email=False,
          traveller=True, limit_rub=1500),
    _Role("Специалист службы поддержки", 4, None, "yota2", "yota_biz_base",
          ("yota_caller_id", "yota_forwarding", "yota_internet_10")),
)

_NORTH_GROUPS = [
    ("Руководство", "👔", "purple"),
    ("Продажи", "💼", "green"),
    ("Бухгалтерия", "📊", "blue"),
    ("Склад", "📦", "orange"),
    ("Логистика", "🚚", "yellow"),
    ("ИТ", "💻", "grey"),
]
_NORTH_LABELS = ["VIP", "Командировка", "Служебный", "Новый сотрудник", "Удалённая работа"]

_VOLGA_ROSTER: tuple[_Role, ...] = (
    _Role("Директор", 1, None, "mf1", "mf_corp_1000",
          ("mf_caller_id", "mf_roaming_ru", "mf_roaming_world"), ("VIP",), female=False),
    _Role("Диспетчер", 2, "Диспетчерская", "mf1", "mf_corp_500",
          ("mf_caller_id", "mf_forwarding")),
    _Role("Водитель", 5, "Водители", "mf1", "mf_biz_start", ("mf_roaming_ru",),
          ("Служебный",), female=False, email=False, traveller=True, limit_rub=1200),
)
# fmt: on


def _people(
    roster: Sequence[_Role],
    names: _Names,
    numbers: _Numbers,
    rng: random.Random,
    domain: str,
    codes: dict[str, str],
    icc_prefix: str,
    iccs: set[str],
) -> list[PersonPlan]:
    people: list[PersonPlan] = []
    for role in roster:
        for _ in range(role.count):
            full, first, surname = names.person(role.female)
            brand_code = codes[role.account]
            people.append(
                PersonPlan(
                    full_name=full,
                    position=role.position,
                    group=role.group,
                    account=role.account,
                    msisdn=numbers.take(rng.choice(brand_code.split(","))),
                    tariff=role.tariff,
                    services=list(role.services),
                    labels=list(role.labels),
                    icc=_new_icc(rng, icc_prefix, iccs),
                    email=(
                        f"{translit(first)[0]}.{translit(surname)}@{domain}" if role.email else None
                    ),
                    spending_limit_rub=role.limit_rub,
                    traveller=role.traveller,
                )
            )
    return people


def _new_icc(rng: random.Random, prefix: str, taken: set[str]) -> str:
    while True:
        body = prefix + "".join(str(rng.randrange(10)) for _ in range(18 - len(prefix)))
        icc = make_icc(body)
        if icc not in taken:
            taken.add(icc)
            return icc


def _dedupe_emails(people: list[PersonPlan]) -> None:
    seen: dict[str, int] = {}
    for p in people:
        if p.email is None:
            continue
        n = seen.get(p.email, 0)
        seen[p.email] = n + 1
        if n:
            local, domain = p.email.split("@")
            p.email = f"{local}{n + 1}@{domain}"


def _find(people: list[PersonPlan], position: str, nth: int = 0) -> int:
    return [i for i, p in enumerate(people) if p.position == position][nth]


@dataclass
class _Draw:
    """The one seeded generator the demo's identities come from, and what it has handed out."""

    rng: random.Random
    names: _Names
    numbers: _Numbers
    iccs: set[str] = field(default_factory=set)
    # Demo ICCs are 8970102 0…; the large company's are 8970102 1…, so they never meet.
    icc_prefix: str = "89701020"

    def people(
        self, roster: Sequence[_Role], domain: str, codes: dict[str, str]
    ) -> list[PersonPlan]:
        people = _people(
            roster, self.names, self.numbers, self.rng, domain, codes, self.icc_prefix, self.iccs
        )
        _dedupe_emails(people)
        return people

    def iccs_of(self, n: int) -> list[str]:
        return [_new_icc(self.rng, self.icc_prefix, self.iccs) for _ in range(n)]


def demo_plans() -> tuple[CompanyPlan, CompanyPlan]:
    """Both demo companies, as data: the same on every call and every machine."""
    rng = random.Random(IDENTITY_SEED)
    draw = _Draw(rng, _Names(rng), _Numbers(rng, set()))
    for n in (*NORTH_LOGIN_NUMBERS.values(), VOLGA_LOGIN_NUMBER):
        draw.numbers.claim(n)
    north = _north_plan(draw)
    return north, _volga_plan(draw)


def _north_accounts() -> list[AccountPlan]:
    return [
        AccountPlan("mf1", "300115473001", MF, delivery=DeliveryMethod.EDO, cashback=True),
        AccountPlan(
            "mf2",
            "300115473002",
            MF,
            credit_limit_rub=80_000,
            payments="transfer_in_debt",
            cashback=True,
        ),
        AccountPlan("mf3", "300115473003", MF, payments="mixed", low_balance_rub=3_000),
        AccountPlan("yota1", NORTH_YOTA_ACCOUNT, YOTA),
        AccountPlan(
            "yota2",
            "8102045762",
            YOTA,
            type=AccountType.PREPAID,
            payments="card_prepaid",
            low_balance_rub=1_000,
        ),
    ]


# The employee behind each cabinet user of «Северный ветер»: (position, nth holder).
_NORTH_USER_PEOPLE: dict[str, tuple[str, int]] = {
    "north_union": ("Финансовый директор", 0),
    "north_coord": ("Руководитель отдела продаж", 0),
    "north_assistant": ("Офис-менеджер", 0),
    "north_manager": ("Менеджер по продажам", 0),
    "north_viewer": ("Кладовщик", 0),
    "north_yota": ("Начальник отдела логистики", 0),
}
# (password key, role, brand, the accounts' keys — empty for the whole company)
_NORTH_USERS: tuple[tuple[str, Role, Brand, tuple[str, ...]], ...] = (
    ("north_union", Role.UNION_COORDINATOR, MF, ()),
    ("north_coord", Role.COORDINATOR, MF, ("mf2",)),
    ("north_assistant", Role.ASSISTANT, MF, ("mf1",)),
    ("north_manager", Role.NUMBER_MANAGER, MF, ()),
    ("north_viewer", Role.VIEWER, MF, ()),
    ("north_yota", Role.COORDINATOR, YOTA, ("yota1",)),
)


def _north_people(draw: _Draw) -> list[PersonPlan]:
    """The 60 employees; the cabinet users' numbers are the easy ones, a few are blocked."""
    codes = {"mf1": "926,925", "mf2": "926,929", "mf3": "925,929", "yota1": "999", "yota2": "999"}
    people = draw.people(_NORTH_ROSTER, NORTH_DOMAIN, codes)
    assert len(people) == 60, len(people)
    for key, role, brand, _ in _NORTH_USERS:
        if brand is MF:
            idx = _find(people, *_NORTH_USER_PEOPLE[key])
            draw.numbers.release(people[idx].msisdn)
            people[idx].msisdn = NORTH_LOGIN_NUMBERS[role]
    # A few numbers are blocked, each for a reason a coordinator recognises.
    for position, nth, comment in (
        ("Водитель-экспедитор", 5, "Телефон утерян, заблокирован до замены SIM"),
        ("Комплектовщик", 2, "Сотрудник в длительном отпуске"),
        ("Курьер", 1, "Добровольная блокировка"),
    ):
        p = people[_find(people, position, nth)]
        p.status, p.comment = SubscriberStatus.BLOCKED, comment
    people[
        _find(people, "Специалист по кадрам", 1)
    ].comment = "Испытательный срок до конца квартала"
    people[_find(people, "Генеральный директор")].comment = "Не беспокоить по выходным"
    return people


def _north_users(people: list[PersonPlan]) -> list[UserPlan]:
    users = []
    for key, role, brand, accounts in _NORTH_USERS:
        idx = _find(people, *_NORTH_USER_PEOPLE[key])
        login = NORTH_LOGIN_NUMBERS[role] if brand is MF else NORTH_YOTA_ACCOUNT
        email = people[idx].email or f"info@{NORTH_DOMAIN}"
        if role is Role.VIEWER:
            email = f"sklad@{NORTH_DOMAIN}"
        users.append(UserPlan(role, brand, login, DEMO_PASSWORDS[key], idx, email, list(accounts)))
    return users


def _north_plan(draw: _Draw) -> CompanyPlan:
    people = _north_people(draw)
    return CompanyPlan(
        name=NORTH_NAME,
        inn=make_inn("770341258"),
        kpp="770301001",
        ogrn=make_ogrn("115774612345"),
        address="123022, г. Москва, ул. Большая Декабрьская, д. 3, стр. 1, офис 405",
        email=f"info@{NORTH_DOMAIN}",
        manager=("Кузнецова Анна Сергеевна", "+79261234500", "a.kuznetsova@megafon.example"),
        accounts=_north_accounts(),
        groups=_NORTH_GROUPS,
        labels=_NORTH_LABELS,
        people=people,
        users=_north_users(people),
        reserve_iccs=draw.iccs_of(10),
        retired_iccs=draw.iccs_of(2),
    )


def _volga_plan(draw: _Draw) -> CompanyPlan:
    volga_people = draw.people(_VOLGA_ROSTER, VOLGA_DOMAIN, {"mf1": "920,930"})
    director = _find(volga_people, "Директор")
    draw.numbers.release(volga_people[director].msisdn)
    volga_people[director].msisdn = VOLGA_LOGIN_NUMBER
    return CompanyPlan(
        name=VOLGA_NAME,
        inn=make_inn("526071934"),
        kpp="526001001",
        ogrn=make_ogrn("118527500871"),
        address="603005, г. Нижний Новгород, ул. Ульянова, д. 10А, офис 12",
        email=f"office@{VOLGA_DOMAIN}",
        manager=("Соловьёв Дмитрий Игоревич", "+79202345600", "d.solovyev@megafon.example"),
        accounts=[AccountPlan("mf1", "300522810001", MF)],
        groups=[("Водители", "🚛", "orange"), ("Диспетчерская", "🎧", "blue")],
        labels=["VIP", "Служебный"],
        people=volga_people,
        users=[
            UserPlan(
                Role.COORDINATOR,
                MF,
                VOLGA_LOGIN_NUMBER,
                DEMO_PASSWORDS["volga_coord"],
                director,
                volga_people[director].email or f"office@{VOLGA_DOMAIN}",
                ["mf1"],
            ),
        ],
        reserve_iccs=draw.iccs_of(3),
        retired_iccs=[],
    )


def _logins(plan: CompanyPlan) -> list[DemoLogin]:
    return [
        DemoLogin(u.brand, u.login, u.role, u.password, plan.name, plan.people[u.person].full_name)
        for u in plan.users
    ]


def _info(
    north: CompanyPlan, volga: CompanyPlan, ids: tuple[int | None, int | None], created: bool
) -> DemoInfo:
    return DemoInfo(
        company_id=ids[0],
        second_company_id=ids[1],
        logins=_logins(north) + _logins(volga),
        reserve_sims=[DemoSim(icc, north.name) for icc in north.reserve_iccs]
        + [DemoSim(icc, volga.name) for icc in volga.reserve_iccs],
        company_name=north.name,
        second_company_name=volga.name,
        created=created,
    )


def demo_info() -> DemoInfo:
    """The demo's logins and reserve SIMs, without touching the database (ids are None)."""
    north, volga = demo_plans()
    return _info(north, volga, (None, None), created=False)


# --------------------------------------------------------------------------- history


_MONTHS_RU = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
_CITIES = (
    "Казань",
    "Санкт-Петербург",
    "Екатеринбург",
    "Новосибирск",
    "Краснодар",
    "Сочи",
    "Нижний Новгород",
    "Самара",
    "Ростов-на-Дону",
    "Калининград",
)
_COUNTRIES = ("Беларусь", "Казахстан", "Турция", "ОАЭ", "Армения", "Узбекистан")


def add_months(d: date, n: int) -> date:
    """The first day of the month n months from d's month."""
    index = d.year * 12 + d.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def _days_in_month(first: date) -> int:
    return (add_months(first, 1) - first).days


def _at(day: date, hour: int, minute: int, second: int = 0) -> datetime:
    """A Moscow wall-clock moment, as UTC."""
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=MSK).astimezone(UTC)


def _random_moment(rng: random.Random, day: date, start: int = 8, end: int = 21) -> datetime:
    return _at(day, rng.randrange(start, end), rng.randrange(60), rng.randrange(60))


def vat_percent_on(day: date) -> int:
    return max((d, p) for d, p in VAT_RATES if d <= day)[1]


def _rub(kop: int) -> str:
    rub, k = divmod(kop, 100)
    return f"{rub:,}".replace(",", "\u00a0") + f",{k:02d}"


def _ceil_to(kop: int, step_rub: int) -> int:
    step = step_rub * 100
    return max(step, math.ceil(kop / step) * step)


@dataclass
class _History:
    charges: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)
    cashback: list[dict[str, Any]] = field(default_factory=list)


def _month_rng(seed: int, company: str, account: str, month: date, what: str) -> random.Random:
    """The generator of one account's `what` (charges, payments…) in one month."""
    return random.Random(f"{seed}/{company}/{account}/{month:%Y-%m}/{what}")


@dataclass(frozen=True)
class _Now:
    """The demo's "now": usage and payments on days before `today`, nothing after `moment`."""

    today: date
    moment: datetime

    def past_day(self, day: date) -> bool:
        return day < self.today

    def reached(self, when: datetime) -> bool:
        return when <= self.moment


_AddCharge = Callable[[datetime, int, ChargeCategory, str], None]


def _subscriber_charges(
    rng_of: Callable[[date], random.Random],
    person: PersonPlan,
    sub_id: int,
    account_id: int,
    months: list[date],
    now: _Now,
    out: list[dict[str, Any]],
) -> None:
    tariff = _TARIFF_BY_CODE[person.tariff]
    paid = [_SERVICE_BY_CODE[c] for c in person.services if _SERVICE_BY_CODE[c].fee_rub]

    def add(when: datetime, kop: int, category: ChargeCategory, text: str) -> None:
        if not now.reached(when):
            return
        out.append(
            {
                "account_id": account_id,
                "subscriber_id": sub_id,
                "charged_at": when,
                "amount_kop": kop,
                "category": category,
                "description": text,
            }
        )

    def add_usage(when: datetime, kop: int, category: ChargeCategory, text: str) -> None:
        if now.past_day(when.astimezone(MSK).date()):
            add(when, kop, category, text)

    for first in months:
        rng = rng_of(first)
        add(
            _at(first, 0, 5),
            tariff.fee_rub * 100,
            ChargeCategory.SUBSCRIPTION,
            f"Абонентская плата: тариф «{tariff.name}»",
        )
        if paid:
            add(
                _at(first, 0, 10),
                sum(s.fee_rub for s in paid) * 100,
                ChargeCategory.SERVICES,
                "Абонентская плата за услуги: " + ", ".join(s.name for s in paid),
            )
        if first == months[-1] and person.status is SubscriberStatus.BLOCKED:
            continue
        _month_usage(rng, first, person, tariff.unlimited, add_usage)


def _month_usage(
    rng: random.Random, first: date, person: PersonPlan, unlimited: bool, add_usage: _AddCharge
) -> None:
    """One month's usage beyond the tariff. It happens on days already past (in the current
    month: before today): days are drawn over the whole month and `add_usage` drops the future
    ones, so that the draws, and with them the month's history, do not depend on today."""
    last_day = _days_in_month(first)

    def moment() -> datetime:
        return _random_moment(rng, first.replace(day=rng.randint(1, last_day)))

    if not unlimited and rng.random() < 0.85:
        add_usage(
            moment(),
            rng.randint(40, 650) * 100 + rng.randrange(100),
            ChargeCategory.CALLS,
            "Исходящие вызовы сверх пакета",
        )
    if not unlimited and rng.random() < 0.4:
        add_usage(
            moment(),
            rng.randint(50, 350) * 100,
            ChargeCategory.INTERNET,
            "Мобильный интернет сверх пакета",
        )
    if rng.random() < 0.3:
        add_usage(
            moment(),
            rng.randint(3, 90) * 100 + rng.randrange(100),
            ChargeCategory.SMS,
            "SMS на номера других операторов",
        )
    if rng.random() < (0.3 if person.traveller else 0.05):
        if "mf_roaming_world" in person.services and rng.random() < 0.4:
            place = "Международный роуминг: " + rng.choice(_COUNTRIES)
            kop = rng.randint(800, 6000) * 100
        else:
            place = "Связь в поездке по России: " + rng.choice(_CITIES)
            kop = rng.randint(150, 1500) * 100
        add_usage(moment(), kop, ChargeCategory.ROAMING, place)


@dataclass
class _Payer:
    """Writes one account's payments; `rng` is the generator of the month being paid."""

    plan: AccountPlan
    account_id: int
    now: _Now
    hist: _History
    rng: random.Random

    def pay(self, when: datetime, kop: int, kind: PaymentType, doc: str, text: str) -> None:
        if not self.now.reached(when):
            return
        self.hist.payments.append(
            {
                "account_id": self.account_id,
                "paid_at": when,
                "amount_kop": kop,
                "type": kind,
                "document_number": doc,
                "description": text,
            }
        )

    def transfer(self, day: date, kop: int) -> None:
        bill_date = day.replace(day=1)  # the bill for the previous month, issued on the 1st
        rate = vat_percent_on(day)
        vat = kop * rate // (100 + rate)
        self.pay(
            _random_moment(self.rng, day, 10, 18),
            kop,
            PaymentType.BANK_TRANSFER,
            str(self.rng.randrange(1000, 10**6)),
            f"Оплата по счёту № {self.plan.number}-{bill_date:%m%y} от {bill_date:%d.%m.%Y} "
            f"за услуги связи. В т.ч. НДС ({rate}%) {_rub(vat)} руб.",
        )

    def card(self, day: date, kop: int) -> None:
        self.pay(
            _random_moment(self.rng, day),
            kop,
            PaymentType.CARD,
            f"{self.rng.randrange(10**11, 10**12)}",
            f"Оплата банковской картой •••• {self.rng.randrange(1000, 10000)}",
        )


def _account_payments(
    rng_of: Callable[[date], random.Random],
    plan: AccountPlan,
    account_id: int,
    monthly: list[int],
    months: list[date],
    now: _Now,
    hist: _History,
) -> None:
    """Payments for one account: `monthly[k]` are its charges in `months[k]`. Nothing is paid
    in the future: in the current month only days before today count."""
    payer = _Payer(plan, account_id, now, hist, rng_of(months[0]))
    last = len(months) - 1  # the current month, not over yet
    for k, first in enumerate(months):
        payer.rng = rng = rng_of(first)
        if plan.payments == "card_prepaid":
            # Prepaid: topped up by card on the 1st with what the month will cost, and a bit.
            expected = monthly[k] if k < last else monthly[k - 1]
            if now.past_day(first):
                payer.card(first, _ceil_to(expected, 500) + 50_000)
            continue
        # Postpaid: a month's bill is paid in the next month; the first month pays ahead.
        due = _ceil_to(monthly[k - 1] if k else monthly[0], 100)
        if plan.payments == "transfer_in_debt" and k == last - 1:
            continue  # one bill left unpaid: the account lives on its credit limit
        if plan.payments == "mixed" and (first.year * 12 + first.month) % 4 == 2:
            half = _ceil_to(due // 2, 100)
            for day, kop in (
                (first.replace(day=rng.randint(3, 9)), half),
                (first.replace(day=rng.randint(18, 26)), _ceil_to(due - half, 100)),
            ):
                if now.past_day(day):
                    payer.card(day, kop)
            continue
        day = first.replace(day=rng.randint(8, 15))
        if now.past_day(day):
            payer.transfer(day, due)


def _account_cashback(
    rng_of: Callable[[date], random.Random],
    account_id: int,
    monthly: list[int],
    months: list[date],
    now: _Now,
    hist: _History,
) -> None:
    accrued = 0
    full = len(months) - 1
    for k in range(1, full + 1):
        prev = months[k - 1]
        kop = monthly[k - 1] * 2 // 100  # 2 % of the previous month's charges
        accrued_at = _at(months[k].replace(day=5), 9, 0)
        if kop <= 0 or not now.reached(accrued_at):
            continue  # accrued on the 5th: not yet, early in the month
        accrued += kop
        hist.cashback.append(
            {
                "account_id": account_id,
                "at": accrued_at,
                "amount_kop": kop,
                "kind": CashbackKind.ACCRUAL,
                "description": f"Кешбэк 2 % за {_MONTHS_RU[prev.month - 1]} {prev.year}",
            }
        )
        when = _at(months[k].replace(day=20), 12, 30)
        if k == full - 2 and accrued >= 100_000 and now.reached(when):
            spend = accrued // 100_000 * 100_000
            accrued -= spend
            hist.cashback.append(
                {
                    "account_id": account_id,
                    "at": when,
                    "amount_kop": spend,
                    "kind": CashbackKind.SPEND,
                    "description": "Кешбэк зачислен на лицевой счёт",
                }
            )
            hist.payments.append(
                {
                    "account_id": account_id,
                    "paid_at": when,
                    "amount_kop": spend,
                    "type": PaymentType.CASHBACK,
                    "document_number": f"CB-{rng_of(months[k]).randrange(100000, 1000000)}",
                    "description": "Оплата услуг связи накопленным кешбэком",
                }
            )


# --------------------------------------------------------------------------- writing


async def _bulk(conn: AsyncConnection, table: Table, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        await conn.execute(insert(table), rows[start : start + CHUNK])


def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


async def _write_company(
    session: AsyncSession,
    plan: CompanyPlan,
    catalogue: Catalogue,
    hash_password: HashPassword,
    now: _Now,
    seed: int,
) -> int:
    company = Company(
        name=plan.name,
        inn=plan.inn,
        kpp=plan.kpp,
        ogrn=plan.ogrn,
        legal_address=plan.address,
        email=plan.email,
        manager_name=plan.manager[0],
        manager_phone=plan.manager[1],
        manager_email=plan.manager[2],
    )
    session.add(company)
    await session.flush()
    accounts, groups, labels = await _write_roster(session, company.id, plan)
    subscribers = await _write_subscribers(session, company.id, plan, catalogue, accounts, groups)
    conn = await session.connection()
    months = [add_months(now.today, k - HISTORY_MONTHS) for k in range(HISTORY_MONTHS + 1)]
    await _write_services_and_labels(conn, plan, catalogue, subscribers, labels, months, seed)
    await _write_sims(conn, company.id, plan, subscribers)
    # Money: charges first (per subscriber), then payments that follow the bills.
    hist = _money_history(plan, accounts, subscribers, months, now, seed)
    await _bulk(conn, _table(Charge), hist.charges)
    await _bulk(conn, _table(Payment), hist.payments)
    await _bulk(conn, _table(CashbackTransaction), hist.cashback)
    _settle(accounts.values(), subscribers, hist, _at(months[-1], 0, 0))
    users = await _write_users(session, company.id, plan, subscribers, accounts, hash_password, now)
    await _write_tickets(session, company.id, users, now)
    return company.id


async def _write_roster(
    session: AsyncSession, company_id: int, plan: CompanyPlan
) -> tuple[dict[str, Account], dict[str, Group], dict[str, Label]]:
    """The accounts (by their plan's key), groups and labels of a company."""
    accounts = {
        a.key: Account(
            company_id=company_id,
            number=a.number,
            brand=a.brand,
            type=a.type,
            credit_limit_kop=a.credit_limit_rub * 100 if a.credit_limit_rub else None,
            low_balance_threshold_kop=a.low_balance_rub * 100 if a.low_balance_rub else None,
            delivery_method=a.delivery,
        )
        for a in plan.accounts
    }
    groups = {
        name: Group(company_id=company_id, name=name, icon=icon, color=color)
        for name, icon, color in plan.groups
    }
    labels = {name: Label(company_id=company_id, name=name) for name in plan.labels}
    session.add_all([*accounts.values(), *groups.values(), *labels.values()])
    await session.flush()
    return accounts, groups, labels


async def _write_subscribers(
    session: AsyncSession,
    company_id: int,
    plan: CompanyPlan,
    catalogue: Catalogue,
    accounts: dict[str, Account],
    groups: dict[str, Group],
) -> list[Subscriber]:
    subscribers = [
        Subscriber(
            company_id=company_id,
            account_id=accounts[p.account].id,
            msisdn=p.msisdn,
            employee_name=p.full_name,
            comment=p.comment,
            email=p.email,
            position=p.position,
            tariff_id=catalogue.tariff_ids[p.tariff],
            status=p.status,
            spending_limit_kop=p.spending_limit_rub * 100 if p.spending_limit_rub else None,
            group_id=groups[p.group].id if p.group else None,
        )
        for p in plan.people
    ]
    session.add_all(subscribers)
    await session.flush()
    return subscribers


async def _write_services_and_labels(
    conn: AsyncConnection,
    plan: CompanyPlan,
    catalogue: Catalogue,
    subscribers: list[Subscriber],
    labels: dict[str, Label],
    months: list[date],
    seed: int,
) -> None:
    """Each subscriber's services (switched on in a month drawn per number and service) and
    labels."""
    pairs = list(zip(subscribers, plan.people, strict=True))
    await _bulk(
        conn,
        _table(SubscriberService),
        [
            {
                "subscriber_id": s.id,
                "service_id": catalogue.service_ids[code],
                "start_date": months[
                    random.Random(f"{seed}/{plan.inn}/{p.msisdn}/{code}").randrange(len(months) - 1)
                ],
            }
            for s, p in pairs
            for code in p.services
        ],
    )
    await _bulk(
        conn,
        _table(SubscriberLabel),
        [
            {"subscriber_id": s.id, "label_id": labels[name].id}
            for s, p in pairs
            for name in p.labels
        ],
    )


async def _write_sims(
    conn: AsyncConnection, company_id: int, plan: CompanyPlan, subscribers: list[Subscriber]
) -> None:
    """The SIM cards in use, then the reserve, then the retired ones."""
    cards: list[tuple[str, SimStatus, int | None]] = [
        (p.icc, SimStatus.IN_USE, s.id) for s, p in zip(subscribers, plan.people, strict=True)
    ]
    cards += [(icc, SimStatus.RESERVE, None) for icc in plan.reserve_iccs]
    cards += [(icc, SimStatus.RETIRED, None) for icc in plan.retired_iccs]
    sims = [
        {
            "company_id": company_id,
            "icc": icc,
            "status": status,
            "subscriber_id": sub_id,
            "personal": False,
        }
        for icc, status, sub_id in cards
    ]
    await _bulk(conn, _table(SimCard), sims)


def _money_history(
    plan: CompanyPlan,
    accounts: dict[str, Account],
    subscribers: list[Subscriber],
    months: list[date],
    now: _Now,
    seed: int,
) -> _History:
    """A company's charges (per subscriber), then the payments and cashback that follow them."""
    hist = _History()
    number_of = {a.key: a.number for a in plan.accounts}
    generators: dict[tuple[str, date, str], random.Random] = {}

    def rng_of(account: str, what: str) -> Callable[[date], random.Random]:
        # One generator per account and month (and kind of history), made on first use.
        def get(month: date) -> random.Random:
            key = (account, month, what)
            if key not in generators:
                generators[key] = _month_rng(seed, plan.inn, number_of[account], month, what)
            return generators[key]

        return get

    for s, p in zip(subscribers, plan.people, strict=True):
        _subscriber_charges(
            rng_of(p.account, "charges"), p, s.id, s.account_id, months, now, hist.charges
        )
    index = {m: k for k, m in enumerate(months)}
    monthly: dict[int, list[int]] = defaultdict(lambda: [0] * len(months))
    for c in hist.charges:
        local = c["charged_at"].astimezone(MSK).date().replace(day=1)
        monthly[c["account_id"]][index[local]] += c["amount_kop"]
    for a in plan.accounts:
        acc = accounts[a.key]
        pay_rng = rng_of(a.key, "payments")
        _account_payments(pay_rng, a, acc.id, monthly[acc.id], months, now, hist)
        if a.cashback:
            _account_cashback(rng_of(a.key, "cashback"), acc.id, monthly[acc.id], months, now, hist)
    return hist


def _settle(
    accounts: Iterable[Account],
    subscribers: list[Subscriber],
    hist: _History,
    start_of_month: datetime,
) -> None:
    """The invariants of the module's docstring: balances, cashback and the month's spending
    are the sums of the history written."""
    for acc in accounts:
        paid = [x for x in hist.payments if x["account_id"] == acc.id]
        charged = [x for x in hist.charges if x["account_id"] == acc.id]
        acc.balance_kop = sum(x["amount_kop"] for x in paid) - sum(x["amount_kop"] for x in charged)
        acc.prev_balance_kop = sum(
            x["amount_kop"] for x in paid if x["paid_at"] < start_of_month
        ) - sum(x["amount_kop"] for x in charged if x["charged_at"] < start_of_month)
        cb = [x for x in hist.cashback if x["account_id"] == acc.id]
        acc.cashback_kop = sum(
            x["amount_kop"] if x["kind"] is CashbackKind.ACCRUAL else -x["amount_kop"] for x in cb
        )
        acc.low_balance_alerted = (
            acc.low_balance_threshold_kop is not None
            and acc.balance_kop < acc.low_balance_threshold_kop
        )
    spent: dict[int, int] = defaultdict(int)
    for c in hist.charges:
        if c["charged_at"] >= start_of_month:
            spent[c["subscriber_id"]] += c["amount_kop"]
    for s in subscribers:
        s.month_spent_kop = spent[s.id]
        s.limit_alerted = s.spending_limit_kop is not None and spent[s.id] >= s.spending_limit_kop


async def _write_users(
    session: AsyncSession,
    company_id: int,
    plan: CompanyPlan,
    subscribers: list[Subscriber],
    accounts: dict[str, Account],
    hash_password: HashPassword,
    now: _Now,
) -> list[CabinetUser]:
    """The cabinet users (each an employee of the plan) and the accounts each may reach."""
    users = [
        CabinetUser(
            company_id=company_id,
            brand=u.brand,
            login=u.login,
            phone=plan.people[u.person].msisdn,
            email=u.email,
            full_name=plan.people[u.person].full_name,
            role=u.role,
            subscriber_id=(
                subscribers[u.person].id if u.role in (Role.NUMBER_MANAGER, Role.VIEWER) else None
            ),
            password_hash=hash_password(u.password),
            must_change_password=False,
            password_changed_at=now.moment,
            created_at=now.moment,
        )
        for u in plan.users
    ]
    session.add_all(users)
    await session.flush()
    access = [
        {"user_id": user.id, "account_id": accounts[key].id}
        for user, u in zip(users, plan.users, strict=True)
        for key in u.accounts
    ]
    await _bulk(await session.connection(), _table(UserAccountAccess), access)
    await session.flush()
    return users


# (author's role, topic, status, days ago, the client's text, the staff answer, rating)
_TICKETS: tuple[tuple[Role, TicketTopic, TicketStatus, int, str, str, int | None], ...] = (
    (
        Role.UNION_COORDINATOR,
        TicketTopic.QUALITY,
        TicketStatus.CLOSED,
        12,
        "В офисе на Тверской, 7 с понедельника пропадает мобильный интернет на 3-м этаже.",
        "Базовую станцию рядом с офисом настроили заново, скорость восстановлена.",
        5,
    ),
    (
        Role.UNION_COORDINATOR,
        TicketTopic.BILLING,
        TicketStatus.ANSWERED,
        3,
        "В счёте за прошлый месяц абонентская плата по двум номерам списана дважды.",
        "Проверили: двойное списание — ошибка. Разницу вернём на лицевой счёт до конца недели.",
        None,
    ),
    (
        Role.COORDINATOR,
        TicketTopic.DOCUMENTS,
        TicketStatus.IN_PROGRESS,
        2,
        "Не пришёл счёт-фактура за сентябрь по ЭДО. Пришлите, пожалуйста, повторно.",
        "",
        None,
    ),
    (
        Role.VIEWER,
        TicketTopic.SIM,
        TicketStatus.WAITING,
        1,
        "SIM-карта перестала регистрироваться в сети после замены телефона.",
        "Пришлите, пожалуйста, ICC с обратной стороны SIM-карты (19–20 цифр).",
        None,
    ),
    (
        Role.ASSISTANT,
        TicketTopic.TARIFFS,
        TicketStatus.NEW,
        0,
        "Какой тариф подойдёт сотрудникам, которые много ездят по России?",
        "",
        None,
    ),
)


async def _write_tickets(
    session: AsyncSession, company_id: int, users: list[CabinetUser], now: _Now
) -> None:
    """A handful of tickets in every status, so that the section has something to show."""
    by_role = {u.role: u for u in reversed(users)}
    for role, topic, status, days, text, answer, rating in _TICKETS:
        author = by_role.get(role)
        if author is None:
            continue
        # Today's ticket was written this morning, or a moment ago when "now" is earlier; its
        # answer two hours later at most, never after now.
        at = _no_later(_at(now.today - timedelta(days=days), 10, 15), now.moment, hours=3)
        ticket = Ticket(
            company_id=company_id,
            number=f"demo-{company_id}-{days}-{topic.value}"[:20],
            topic=topic.value,
            topic_code=topic,
            status=status,
            author_user_id=author.id,
            notify_phone=author.phone,
            created_at=at,
            updated_at=at,
            waiting_since=at + timedelta(hours=2) if status is TicketStatus.WAITING else None,
            closed_at=at + timedelta(days=1) if status is TicketStatus.CLOSED else None,
            rating=rating,
            rating_comment="Быстро разобрались, спасибо!" if rating else None,
        )
        session.add(ticket)
        await session.flush()
        ticket.number = f"T-{ticket.id:06d}"
        session.add(
            TicketMessage(
                ticket_id=ticket.id,
                author=TicketAuthor.CLIENT,
                author_name=author.full_name,
                text=text,
                created_at=at,
            )
        )
        if answer:
            session.add(
                TicketMessage(
                    ticket_id=ticket.id,
                    author=TicketAuthor.STAFF,
                    author_name="Екатерина",
                    text=answer,
                    created_at=at + timedelta(hours=2),
                )
            )
    await session.flush()


def _no_later(at: datetime, moment: datetime, *, hours: int) -> datetime:
    """`at`, or `hours` before `moment` when `at` would leave no room for what follows it."""
    return min(at, moment - timedelta(hours=hours))


def demo_now(today: date | None = None) -> _Now:
    """The clock's now; for another day than the clock's, noon (Moscow time) of that day."""
    moment = timesource.utcnow()
    if today is None or today == timesource.today_local():
        return _Now(timesource.today_local(), moment)
    return _Now(today, _at(today, DEMO_HOUR, 0))


async def demo_exists(session_maker: async_sessionmaker[AsyncSession]) -> bool:
    north, _ = demo_plans()
    async with session_maker() as session:
        found = await session.scalar(select(Company.id).where(Company.inn == north.inn))
        return found is not None


async def create_demo(
    session_maker: async_sessionmaker[AsyncSession],
    hash_password: HashPassword,
    *,
    today: date | None = None,
    seed: int = DEMO_SEED,
) -> DemoInfo:
    """Create the catalogue and both demo companies in one transaction.

    The demo is the same for the same (seed, today); `today` defaults to the clock's
    (`CABINET_TODAY`). If the demo company exists already, nothing is written and the returned
    info has `created=False` (with the ids of the companies found).
    """
    now = demo_now(today)
    north, volga = demo_plans()
    async with session_maker() as session, session.begin():
        found = await session.execute(
            select(Company.inn, Company.id).where(Company.inn.in_([north.inn, volga.inn]))
        )
        ids = {inn: id_ for inn, id_ in found}
        if north.inn in ids:
            return _info(north, volga, (ids[north.inn], ids.get(volga.inn)), created=False)
        await ensure_vat_rates(session)
        catalogue = await ensure_catalogue(session)
        north_id = await _write_company(session, north, catalogue, hash_password, now, seed)
        volga_id = await _write_company(session, volga, catalogue, hash_password, now, seed)
        await _subscriber_extras(session, north_id)
        await _subscriber_extras(session, volga_id)
        await _demo_orders(session, north_id, catalogue, now)
        await _demo_document_order(session, north_id, now.today)
    return _info(north, volga, (north_id, volga_id), created=True)


# (kind, status, params, date of taking effect, [(subscriber id, reason of a failure)])
_OrderSpec = tuple[OrderKind, OrderStatus, dict[str, Any], date, list[tuple[int, str | None]]]


async def _demo_orders(
    session: AsyncSession, company_id: int, catalogue: Catalogue, now: _Now
) -> None:
    """«Заказы и заявки» of the demo company, consistent with its numbers: a tariff change
    done last month, a service switched on with one number refused, a tariff change scheduled
    for the 1st of next month, and a cancelled one."""
    creator = await session.scalar(
        select(CabinetUser.id).where(
            CabinetUser.company_id == company_id, CabinetUser.role == Role.UNION_COORDINATOR
        )
    )
    specs = await _demo_order_specs(session, company_id, catalogue, now.today)
    for n, spec in enumerate(specs):
        if spec[4]:
            await _write_demo_order(session, company_id, creator, n, spec, now)
    await session.flush()


async def _active_megafon_numbers(
    session: AsyncSession, company_id: int
) -> tuple[list[Any], dict[int, set[int]]]:
    """The company's active MegaFon numbers (id, tariff) by number, and each one's services."""
    rows = list(
        await session.execute(
            select(Subscriber.id, Subscriber.tariff_id, Subscriber.status)
            .join(Account, Account.id == Subscriber.account_id)
            .where(Subscriber.company_id == company_id, Account.brand == Brand.MEGAFON)
            .order_by(Subscriber.msisdn)
        )
    )
    services_of: dict[int, set[int]] = defaultdict(set)
    for sub_id, service_id in await session.execute(
        select(SubscriberService.subscriber_id, SubscriberService.service_id)
    ):
        services_of[sub_id].add(service_id)
    return [r for r in rows if r.status is SubscriberStatus.ACTIVE], services_of


async def _demo_order_specs(
    session: AsyncSession, company_id: int, catalogue: Catalogue, today: date
) -> list[_OrderSpec]:
    active, services_of = await _active_megafon_numbers(session, company_id)
    t, s = catalogue.tariff_ids, catalogue.service_ids
    on_corp = [r.id for r in active if r.tariff_id == t["mf_corp_500"]][:3]
    with_10gb = [r.id for r in active if s["mf_internet_10"] in services_of[r.id]][:2]
    unlim = [r.id for r in active if r.tariff_id == t["mf_biz_unlim"]][:1]
    blocking = {s["mf_internet_10"], s["mf_internet_30"], s["mf_sms_500"]}
    # The scheduled one takes numbers from the end of the list, so that trying the dialog on
    # the first numbers does not meet it.
    to_unlim = [
        r.id
        for r in reversed(active)
        if r.tariff_id != t["mf_biz_unlim"] and not services_of[r.id] & blocking
    ][:4]
    next_first = add_months(today.replace(day=1), 1)

    def tariff(code: str) -> dict[str, Any]:
        return {"tariff_id": t[code], "tariff_name": _TARIFF_BY_CODE[code].name}

    return [
        (
            OrderKind.CHANGE_TARIFF,
            OrderStatus.COMPLETED,
            tariff("mf_corp_500"),
            today - timedelta(days=20),
            [(i, None) for i in on_corp],
        ),
        (
            OrderKind.SERVICE_ON,
            OrderStatus.PARTIAL if unlim else OrderStatus.COMPLETED,
            {"service_id": s["mf_internet_10"], "service_name": "Мобильный интернет +10 ГБ"},
            today - timedelta(days=9),
            [(i, None) for i in with_10gb] + [(i, "network-reason-tariff-conflict") for i in unlim],
        ),
        (
            OrderKind.CHANGE_TARIFF,
            OrderStatus.SCHEDULED,
            tariff("mf_biz_unlim"),
            next_first,
            [(i, None) for i in to_unlim],
        ),
        (
            OrderKind.SERVICE_OFF,
            OrderStatus.CANCELLED,
            {"service_id": s["mf_geo"], "service_name": "Мобильные сотрудники"},
            next_first,
            [(i, None) for i in to_unlim[:1]],
        ),
    ]


async def _write_demo_order(
    session: AsyncSession,
    company_id: int,
    creator: int | None,
    n: int,
    spec: _OrderSpec,
    now: _Now,
) -> None:
    kind, status, params, effective, items = spec
    finished = status in (OrderStatus.COMPLETED, OrderStatus.PARTIAL)
    if finished:
        placed = _at(effective - timedelta(days=3 - n % 2), 10 + n, 15)
    else:
        # Placed in the last days for a coming date: never later than a while ago.
        placed = _no_later(
            _at(now.today - timedelta(days=2 - n % 2), 10 + n, 15), now.moment, hours=3
        )
    order = Order(
        company_id=company_id,
        created_by_user_id=creator,
        kind=kind,
        status=status,
        params=params,
        effective_date=effective,
        created_at=placed,
        completed_at=_at(effective, 0, 5) if finished else None,
        cancelled_at=placed + timedelta(hours=2) if status is OrderStatus.CANCELLED else None,
        request_key=f"demo-{n}",
    )
    session.add(order)
    await session.flush()
    for sub_id, reason in items:
        item_status = (
            OrderItemStatus.PENDING
            if not finished
            else OrderItemStatus.FAILED
            if reason
            else OrderItemStatus.DONE
        )
        session.add(
            OrderItem(order_id=order.id, subscriber_id=sub_id, status=item_status, reason=reason)
        )


async def _subscriber_extras(session: AsyncSession, company_id: int) -> None:
    """What the subscribers section shows beyond the roster: why the blocked numbers are
    blocked, the limits' pushed share, a limit that bars outgoing charges, and forwarding rules
    (one number with unconditional forwarding, so that its other rule shows as suspended)."""
    subs = list(
        await session.scalars(
            select(Subscriber).where(Subscriber.company_id == company_id).order_by(Subscriber.id)
        )
    )
    for s in subs:
        if s.status is SubscriberStatus.BLOCKED:
            s.block_reason = s.comment or "Блокировка по заявке координатора"
        if s.spending_limit_kop:
            share = s.month_spent_kop * 100 / s.spending_limit_kop
            s.limit_alert_percent = 100 if share >= 100 else 80 if share >= 80 else 0
    limited = [s for s in subs if s.spending_limit_kop and s.status is SubscriberStatus.ACTIVE]
    if limited:
        limited[0].limit_blocks = True
        limited[0].outgoing_barred = limited[0].limit_alert_percent >= 100
    active = [s for s in subs if s.status is SubscriberStatus.ACTIVE]
    office = "+74951234567"
    plan = [
        (6, ForwardingType.BUSY, office),
        (6, ForwardingType.NO_ANSWER, office),
        (9, ForwardingType.UNCONDITIONAL, "+79161112233"),
        (9, ForwardingType.UNREACHABLE, office),
    ]
    for k, kind, target in plan:
        if k < len(active):
            session.add(Forwarding(subscriber_id=active[k].id, type=kind, target_msisdn=target))
    await session.flush()


async def _demo_document_order(session: AsyncSession, company_id: int, today: date) -> None:
    """Last month's invoices and VAT invoices of two accounts, as the operator sends them each
    month: queued, so the running bot's `make_documents` job makes them and the history shows
    them. Ordered by nobody in the cabinet, so nobody is pushed about them."""
    accounts = list(
        await session.execute(
            select(Account.id, Account.number)
            .where(Account.company_id == company_id, Account.brand == Brand.MEGAFON)
            .order_by(Account.number)
            .limit(2)
        )
    )
    if not accounts:
        return
    last = today.replace(day=1) - timedelta(days=1)
    first = last.replace(day=1)
    params = {
        "account_ids": [a for a, _ in accounts],
        "first": first.isoformat(),
        "last": last.isoformat(),
        "kinds": [DocumentKind.INVOICE.value, DocumentKind.VAT_INVOICE.value],
        "format": DocumentFormat.PDF.value,
        "notify": "no",
        "zip_email": False,
        "protect": False,
    }
    order = Order(
        company_id=company_id,
        created_by_user_id=None,
        kind=OrderKind.DOCUMENTS,
        status=OrderStatus.NEW,
        params=params,
        effective_date=today,
        request_key="demo-documents",
    )
    session.add(order)
    await session.flush()
    for account_id, number in accounts:
        session.add(OrderItem(order_id=order.id, account_id=account_id))
        _queue_documents(session, company_id, account_id, number, order.id, first, last)
    await session.flush()


def _queue_documents(
    session: AsyncSession,
    company_id: int,
    account_id: int,
    number: str,
    order_id: int,
    first: date,
    last: date,
) -> None:
    """An account's invoice and VAT invoice for [first, last], queued, numbered as the
    documents module numbers them (`domain.documents.accounting`)."""
    for kind, doc_no, stem in (
        (DocumentKind.INVOICE, f"{number}/{first:%m%y}", "schet"),
        (DocumentKind.VAT_INVOICE, f"СФ-{number}/{first:%m%y}", "schet-faktura"),
    ):
        safe = doc_no.replace("СФ-", "SF-").replace("/", "-")
        session.add(
            Document(
                company_id=company_id,
                account_id=account_id,
                order_id=order_id,
                kind=kind,
                format=DocumentFormat.PDF,
                number=doc_no,
                doc_date=last,
                period_start=first,
                period_end=last,
                status=DocumentStatus.QUEUED,
                file_name=f"{stem}_{safe}.pdf",
            )
        )


# --------------------------------------------------------------------------- large company

LARGE_PASSWORD = "Bench-2026!large"
LARGE_GROUPS = (
    *_NORTH_GROUPS,
    ("Дирекция", "🏢", "red"),
    ("Филиалы", "🗺", "blue"),
    ("Сервис", "🛠", "grey"),
)
_CATEGORY_WEIGHTS = (
    (ChargeCategory.CALLS, 40, 500, 45_000),
    (ChargeCategory.INTERNET, 25, 1_000, 35_000),
    (ChargeCategory.SMS, 15, 100, 5_000),
    (ChargeCategory.SUBSCRIPTION, 12, 35_000, 150_000),
    (ChargeCategory.SERVICES, 6, 9_000, 55_000),
    (ChargeCategory.ROAMING, 2, 15_000, 350_000),
)
_CHARGE_TEXT = {
    ChargeCategory.CALLS: "Исходящие вызовы",
    ChargeCategory.INTERNET: "Мобильный интернет",
    ChargeCategory.SMS: "SMS",
    ChargeCategory.SUBSCRIPTION: "Абонентская плата",
    ChargeCategory.SERVICES: "Плата за услуги",
    ChargeCategory.ROAMING: "Связь в роуминге",
}


@dataclass
class _Large:
    """The large company being written: its generator, connection and the ids made so far."""

    seed: int
    rng: random.Random
    conn: AsyncConnection
    company_id: int
    brands: list[Brand] = field(default_factory=list)
    account_ids: list[int] = field(default_factory=list)
    sub_account: list[int] = field(default_factory=list)  # a subscriber's index → its account
    sub_ids: list[int] = field(default_factory=list)


@dataclass
class _Ledger:
    """Sums per account (and the current month's per subscriber index) of what was written."""

    charged: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    charged_before: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    spent: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    paid: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    paid_before: dict[int, int] = field(default_factory=lambda: defaultdict(int))


@dataclass(frozen=True)
class _Span:
    """The history's span: from `start_ts` for `seconds`; `month_ts` starts the current month."""

    start_ts: float
    seconds: int
    month_ts: float


async def create_large(
    session_maker: async_sessionmaker[AsyncSession],
    hash_password: HashPassword,
    *,
    accounts: int = 50,
    subscribers: int = 10_000,
    charges: int = 1_000_000,
    payments: int = 100_000,
    seed: int = 1,
    today: date | None = None,
) -> LargeInfo:
    """A large company for benchmarks: exactly the counts asked for, in bulk inserts.

    Numbers (+7 93x…), account numbers, ICCs and the INN are derived from `seed`, so companies
    with different seeds (1…38) live side by side; the same seed twice is refused. Balances keep
    the demo's invariant (Σ payments − Σ charges). One union coordinator can log in.
    """
    _check_large(accounts, subscribers, charges, payments, seed)
    started = time.perf_counter()
    today = today or timesource.today_local()
    rng = random.Random(seed)
    async with session_maker() as session, session.begin():
        company, catalogue = await _large_company(session, seed, rng)
        big = _Large(seed, rng, await session.connection(), company.id)
        await _large_accounts(big, accounts)
        first_msisdn, first_name = await _large_subscribers(big, catalogue, subscribers)
        reserve = await _large_sims(big, subscribers)
        span = _history_span(today)
        ledger = _Ledger()
        await _large_charges(big, span, ledger, charges)
        await _large_payments(big, span, ledger, payments)
        await _large_balances(big, ledger)
        session.add(
            CabinetUser(
                company_id=big.company_id,
                brand=MF,
                login=first_msisdn,
                phone=first_msisdn,
                email=f"coordinator@transregion{seed}.example",
                full_name=first_name,
                role=Role.UNION_COORDINATOR,
                password_hash=hash_password(LARGE_PASSWORD),
                password_changed_at=timesource.utcnow(),
            )
        )
        await session.flush()
    login = DemoLogin(
        MF, first_msisdn, Role.UNION_COORDINATOR, LARGE_PASSWORD, company.name, first_name
    )
    return LargeInfo(
        company_id=big.company_id,
        company_name=company.name,
        accounts=accounts,
        subscribers=subscribers,
        sim_cards=subscribers + reserve,
        charges=charges,
        payments=payments,
        seconds=round(time.perf_counter() - started, 2),
        login=login,
    )


def _check_large(accounts: int, subscribers: int, charges: int, payments: int, seed: int) -> None:
    if not 1 <= seed <= 38:
        raise ValueError("seed must be within 1…38 (it picks the number range)")
    if accounts < 1 or subscribers < accounts or charges < 0 or payments < 0:
        raise ValueError("need accounts ≥ 1, subscribers ≥ accounts, charges and payments ≥ 0")
    if subscribers > 999_000:
        raise ValueError("at most 999 000 subscribers per company")


async def _large_company(
    session: AsyncSession, seed: int, rng: random.Random
) -> tuple[Company, Catalogue]:
    """The company of `seed` (refused if it exists already) and the operator's catalogue."""
    inn = make_inn(f"7727{seed:05d}")
    if await session.scalar(select(Company.id).where(Company.inn == inn)) is not None:
        raise ValueError(f"the large company for seed {seed} exists already (INN {inn})")
    await ensure_vat_rates(session)
    catalogue = await ensure_catalogue(session)
    company = Company(
        name=f"АО «Трансрегион-{seed}»" if seed != 1 else "АО «Трансрегион»",
        inn=inn,
        kpp="772701001",
        ogrn=make_ogrn(f"10277{seed:02d}00{rng.randrange(10**3):03d}"),
        legal_address="117105, г. Москва, Варшавское ш., д. 9, стр. 1",
        email=f"it@transregion{seed}.example",
        manager_name="Орлова Екатерина Викторовна",
        manager_phone="+79261230000",
        manager_email="e.orlova@megafon.example",
    )
    session.add(company)
    await session.flush()
    return company, catalogue


async def _ids(
    conn: AsyncConnection, column: Any, company_column: Any, company_id: int
) -> list[int]:
    """The ids just written for a company, in the order they were given."""
    query = select(column).where(company_column == company_id).order_by(column)
    return list((await conn.execute(query)).scalars())


async def _large_accounts(big: _Large, accounts: int) -> None:
    """The accounts (every tenth a Yota one)."""
    big.brands = [YOTA if i % 10 == 9 else MF for i in range(accounts)]
    await _bulk(
        big.conn,
        _table(Account),
        [
            {
                "company_id": big.company_id,
                "number": f"39{big.seed:02d}{i:08d}",
                "brand": big.brands[i],
                "type": AccountType.POSTPAID,
                "balance_kop": 0,
                "prev_balance_kop": 0,
                "credit_limit_kop": 100_000_00 if i % 5 == 0 else None,
                "low_balance_threshold_kop": None,
                "low_balance_alerted": False,
                "delivery_method": DeliveryMethod.EDO if i % 3 == 0 else DeliveryMethod.EMAIL,
                "cashback_kop": 0,
            }
            for i in range(accounts)
        ],
    )
    big.account_ids = await _ids(big.conn, Account.id, Account.company_id, big.company_id)


async def _large_groups(big: _Large) -> list[int]:
    group_rows = [
        {"company_id": big.company_id, "name": g, "name_key": fold(g), "icon": icon, "color": color}
        for g, icon, color in LARGE_GROUPS
    ]
    await _bulk(big.conn, _table(Group), group_rows)
    return list(
        (
            await big.conn.execute(select(Group.id).where(Group.company_id == big.company_id))
        ).scalars()
    )


async def _large_subscribers(
    big: _Large, catalogue: Catalogue, subscribers: int
) -> tuple[str, str]:
    """Groups, labels and the subscribers spread over the accounts; the first one's number and
    name (the user who logs in)."""
    cid, accounts = big.company_id, len(big.account_ids)
    group_ids = await _large_groups(big)
    await _bulk(
        big.conn,
        _table(Label),
        [{"company_id": cid, "name": n, "name_key": fold(n)} for n in _NORTH_LABELS],
    )
    label_ids = list(
        (await big.conn.execute(select(Label.id).where(Label.company_id == cid))).scalars()
    )
    ids = catalogue.tariff_ids
    tariffs = {
        MF: [ids[t.code] for t in TARIFFS if t.brand is MF and t.is_active and t.code != "mf_iot"],
        YOTA: [ids[t.code] for t in TARIFFS if t.brand is YOTA and t.code != "yota_office"],
    }
    names, rng = _Names(big.rng), big.rng
    big.sub_account = [big.account_ids[i % accounts] for i in range(subscribers)]
    sub_rows: list[dict[str, Any]] = []
    for i in range(subscribers):
        full, _, _ = names.person() if i < 20_000 else (f"Сотрудник {i + 1}", "", "")
        sub_rows.append(
            {
                "company_id": cid,
                "account_id": big.sub_account[i],
                "msisdn": f"+79{360_000_000 + big.seed * 1_000_000 + i:09d}",
                "employee_name": full,
                "name_key": fold(full),
                "comment": "",
                "position": None,
                "tariff_id": rng.choice(tariffs[big.brands[i % accounts]]),
                "status": SubscriberStatus.BLOCKED if i % 97 == 96 else SubscriberStatus.ACTIVE,
                "spending_limit_kop": 300_000 if i % 10 == 0 else None,
                "month_spent_kop": 0,
                "limit_alerted": False,
                "group_id": rng.choice(group_ids) if rng.random() < 0.7 else None,
            }
        )
    await _bulk(big.conn, _table(Subscriber), sub_rows)
    big.sub_ids = await _ids(big.conn, Subscriber.id, Subscriber.company_id, cid)
    await _bulk(
        big.conn,
        _table(SubscriberLabel),
        [{"subscriber_id": sid, "label_id": rng.choice(label_ids)} for sid in big.sub_ids[::10]],
    )
    return sub_rows[0]["msisdn"], sub_rows[0]["employee_name"]


async def _large_sims(big: _Large, subscribers: int) -> int:
    """A SIM card in use per subscriber and a reserve of 1 % (at least 10): the reserve's size."""
    reserve = max(10, subscribers // 100)
    sims = [
        {
            "company_id": big.company_id,
            "icc": make_icc(f"89701021{big.seed:02d}{i:08d}"),
            "status": SimStatus.IN_USE if i < subscribers else SimStatus.RESERVE,
            "subscriber_id": big.sub_ids[i] if i < subscribers else None,
            "personal": False,
        }
        for i in range(subscribers + reserve)
    ]
    await _bulk(big.conn, _table(SimCard), sims)
    return reserve


def _history_span(today: date) -> _Span:
    """The last 12 months up to now."""
    now = timesource.utcnow()
    start = _at(add_months(today, -HISTORY_MONTHS), 0, 0)
    seconds = max(1, int((min(now, _at(today, 23, 59)) - start).total_seconds()))
    return _Span(start.timestamp(), seconds, _at(add_months(today, 0), 0, 0).timestamp())


async def _large_charges(big: _Large, span: _Span, ledger: _Ledger, charges: int) -> None:
    """Charges spread over the span, in chunks."""
    cats = [c for c, *_ in _CATEGORY_WEIGHTS]
    weights = [w for _, w, _, _ in _CATEGORY_WEIGHTS]
    bounds = {c: (lo, hi) for c, _, lo, hi in _CATEGORY_WEIGHTS}
    table = _table(Charge)
    randrange, choices, randint = big.rng.randrange, big.rng.choices, big.rng.randint
    subscribers = len(big.sub_ids)
    done = 0
    while done < charges:
        n = min(CHUNK, charges - done)
        rows = []
        for cat in choices(cats, weights, k=n):
            idx = randrange(subscribers)
            acc = big.sub_account[idx]
            ts = span.start_ts + randrange(span.seconds)
            lo, hi = bounds[cat]
            kop = randint(lo, hi)
            ledger.charged[acc] += kop
            if ts < span.month_ts:
                ledger.charged_before[acc] += kop
            else:
                ledger.spent[idx] += kop
            rows.append(
                {
                    "account_id": acc,
                    "subscriber_id": big.sub_ids[idx],
                    "charged_at": datetime.fromtimestamp(ts, UTC),
                    "amount_kop": kop,
                    "category": cat,
                    "description": _CHARGE_TEXT[cat],
                }
            )
        await big.conn.execute(insert(table), rows)
        done += n


async def _large_payments(big: _Large, span: _Span, ledger: _Ledger, payments: int) -> None:
    """Each account pays, over the year, about what it was charged."""
    accounts = len(big.account_ids)
    per_account = max(1, payments // accounts)
    table = _table(Payment)
    done = 0
    while done < payments:
        n = min(CHUNK, payments - done)
        rows = []
        for j in range(done, done + n):
            acc = big.account_ids[j % accounts]
            mean = ledger.charged[acc] / per_account if ledger.charged[acc] else 100_000
            kop = max(100, int(mean * (0.8 + 0.4 * big.rng.random())))
            ts = span.start_ts + big.rng.randrange(span.seconds)
            ledger.paid[acc] += kop
            if ts < span.month_ts:
                ledger.paid_before[acc] += kop
            bank = j % 4 != 3
            rows.append(
                {
                    "account_id": acc,
                    "paid_at": datetime.fromtimestamp(ts, UTC),
                    "amount_kop": kop,
                    "type": PaymentType.BANK_TRANSFER if bank else PaymentType.CARD,
                    "document_number": str(100_000 + j),
                    "description": "Оплата услуг связи по счёту"
                    if bank
                    else "Оплата банковской картой",
                }
            )
        await big.conn.execute(insert(table), rows)
        done += n


async def _large_balances(big: _Large, ledger: _Ledger) -> None:
    """Balances, the month's spending and the limits reached, from the ledger."""
    accounts = _table(Account)
    for acc in big.account_ids:
        await big.conn.execute(
            update(accounts)
            .where(accounts.c.id == acc)
            .values(
                balance_kop=ledger.paid[acc] - ledger.charged[acc],
                prev_balance_kop=ledger.paid_before[acc] - ledger.charged_before[acc],
            )
        )
    sub_table = _table(Subscriber)
    spent_rows = [{"sid": big.sub_ids[i], "kop": kop} for i, kop in ledger.spent.items()]
    for start_i in range(0, len(spent_rows), CHUNK):
        await big.conn.execute(
            update(sub_table)
            .where(sub_table.c.id == bindparam("sid"))
            .values(month_spent_kop=bindparam("kop")),
            spent_rows[start_i : start_i + CHUNK],
        )
    await big.conn.execute(
        update(sub_table)
        .where(
            sub_table.c.company_id == big.company_id,
            sub_table.c.spending_limit_kop.is_not(None),
            sub_table.c.month_spent_kop >= sub_table.c.spending_limit_kop,
        )
        .values(limit_alerted=True)
    )
