"""The cabinet's tables (SQLAlchemy 2, typed declarative).

Money is integer kopecks (`*_kop`); times are timezone-aware UTC; dates are plain dates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from domain.types import (
    AccountType,
    AttachmentKind,
    AuditResult,
    Brand,
    CashbackKind,
    Channel,
    ChargeCategory,
    CodePurpose,
    DeliveryMethod,
    DocumentFormat,
    DocumentKind,
    DocumentStatus,
    ForwardingType,
    OrderItemStatus,
    OrderKind,
    OrderStatus,
    OutboxStatus,
    PaymentType,
    Role,
    SimStatus,
    SubscriberStatus,
    TicketAuthor,
    TicketKind,
    TicketStatus,
    TicketTopic,
)
from storage import timesource
from storage.search import fold

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum(cls: type[Any]) -> Enum:
    # Stored as the value strings, without a database-level enum type, so that adding a member
    # needs no migration of a type on PostgreSQL.
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda e: [m.value for m in e],
    )


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend.

    SQLite has no time zone type: SQLAlchemy drops `tzinfo` when it writes (so 15:00+03:00 was
    stored as 15:00) and reads naive values back. This converts to UTC before writing and marks
    what it reads as UTC, so the model's promise holds on SQLite as on PostgreSQL. A naive value
    written is taken to be UTC already. Migrations see it as `DateTime(timezone=True)`.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        """On SQLite, the stored ISO text parsed as UTC in one C call: `datetime.replace` after
        SQLAlchemy's own parsing cost 4 µs a value, most of reading 100,000 payments."""
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)
        slow = super().result_processor(dialect, coltype)

        def process(value: Any) -> datetime | None:
            if isinstance(value, str):
                try:
                    return datetime.fromisoformat(value + "+00:00")
                except ValueError:  # not the text SQLAlchemy writes: its own parsing decides
                    pass
            return slow(value) if slow is not None else self.process_result_value(value, dialect)

        return process


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy's own class-level setting
        datetime: UtcDateTime(),
        dict[str, Any]: JSON,
    }


def _now() -> datetime:
    # Python-side, from the program's one clock, so that a pinned date reaches the database too.
    return timesource.utcnow()


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    inn: Mapped[str] = mapped_column(String(12), unique=True)
    kpp: Mapped[str | None] = mapped_column(String(9))
    ogrn: Mapped[str | None] = mapped_column(String(15))
    legal_address: Mapped[str] = mapped_column(String(500), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    manager_name: Mapped[str | None] = mapped_column(String(200))
    manager_phone: Mapped[str | None] = mapped_column(String(20))
    manager_email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=_now)

    accounts: Mapped[list[Account]] = relationship(back_populates="company")


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    brand: Mapped[Brand] = mapped_column(_enum(Brand))
    type: Mapped[AccountType] = mapped_column(_enum(AccountType), default=AccountType.POSTPAID)
    balance_kop: Mapped[int] = mapped_column(BigInteger, default=0)
    prev_balance_kop: Mapped[int] = mapped_column(BigInteger, default=0)
    credit_limit_kop: Mapped[int | None] = mapped_column(BigInteger)
    low_balance_threshold_kop: Mapped[int | None] = mapped_column(BigInteger)
    low_balance_alerted: Mapped[bool] = mapped_column(Boolean, default=False)
    delivery_method: Mapped[DeliveryMethod] = mapped_column(
        _enum(DeliveryMethod), default=DeliveryMethod.EMAIL
    )
    cashback_kop: Mapped[int] = mapped_column(BigInteger, default=0)
    code_word_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=_now)

    company: Mapped[Company] = relationship(back_populates="accounts")


class Tariff(Base):
    __tablename__ = "tariffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    brand: Mapped[Brand] = mapped_column(_enum(Brand))
    monthly_fee_kop: Mapped[int] = mapped_column(BigInteger, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    account_type: Mapped[AccountType | None] = mapped_column(_enum(AccountType))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Service(Base):
    __tablename__ = "services"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    brand: Mapped[Brand] = mapped_column(_enum(Brand))
    monthly_fee_kop: Mapped[int] = mapped_column(BigInteger, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    # Tariff codes with which the service cannot be used, comma-separated.
    incompatible_tariffs: Mapped[str] = mapped_column(String(500), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Group(Base):
    __tablename__ = "groups"
    __table_args__ = (
        UniqueConstraint("company_id", "name"),
        # One group per name whatever its case or ё (`storage.search.fold`).
        Index("ux_groups_company_name_key", "company_id", "name_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    name_key: Mapped[str] = mapped_column(String(120), default="", server_default="")

    @validates("name")
    def _fold_name(self, _key: str, value: str) -> str:
        self.name_key = fold(value)
        return value

    icon: Mapped[str] = mapped_column(String(8), default="👥")
    color: Mapped[str] = mapped_column(String(16), default="blue")


class Label(Base):
    __tablename__ = "labels"
    __table_args__ = (
        UniqueConstraint("company_id", "name"),
        # One label per name whatever its case or ё (`storage.search.fold`).
        Index("ux_labels_company_name_key", "company_id", "name_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    name_key: Mapped[str] = mapped_column(String(80), default="", server_default="")

    @validates("name")
    def _fold_name(self, _key: str, value: str) -> str:
        self.name_key = fold(value)
        return value


class Subscriber(Base):
    __tablename__ = "subscribers"
    __table_args__ = (
        # The numbers list and its search: one company's numbers in number order, read from
        # the index alone (no table row per number when 10,000 names are searched).
        Index(
            "ix_subscribers_company_msisdn",
            "company_id",
            "msisdn",
            "status",
            "employee_name",
            "group_id",
            "account_id",
        ),
        Index("ix_subscribers_company_group", "company_id", "group_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    msisdn: Mapped[str] = mapped_column(String(16), unique=True)  # E.164
    employee_name: Mapped[str] = mapped_column(String(200), default="")
    # The name as a search compares it (`storage.search.fold`), written with the name.
    name_key: Mapped[str] = mapped_column(String(400), default="", server_default="")
    photo_file_id: Mapped[str | None] = mapped_column(String(200))
    comment: Mapped[str] = mapped_column(String(500), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    position: Mapped[str | None] = mapped_column(String(120))
    tariff_id: Mapped[int | None] = mapped_column(ForeignKey("tariffs.id"))
    status: Mapped[SubscriberStatus] = mapped_column(
        _enum(SubscriberStatus), default=SubscriberStatus.ACTIVE
    )
    spending_limit_kop: Mapped[int | None] = mapped_column(BigInteger)
    month_spent_kop: Mapped[int] = mapped_column(BigInteger, default=0)
    limit_alerted: Mapped[bool] = mapped_column(Boolean, default=False)
    # The last share of the limit pushed about this month: 0, 80 or 100 (percent).
    limit_alert_percent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Whether reaching 100 % of the limit bars outgoing charges, and whether they are barred now.
    limit_blocks: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    outgoing_barred: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    block_reason: Mapped[str | None] = mapped_column(String(200))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=_now)

    labels: Mapped[list[Label]] = relationship(secondary="subscriber_labels")

    @validates("employee_name")
    def _fold_name(self, _key: str, value: str) -> str:
        self.name_key = fold(value or "")
        return value


class SubscriberLabel(Base):
    __tablename__ = "subscriber_labels"

    subscriber_id: Mapped[int] = mapped_column(
        ForeignKey("subscribers.id", ondelete="CASCADE"), primary_key=True
    )
    label_id: Mapped[int] = mapped_column(
        ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class SimCard(Base):
    __tablename__ = "sim_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    icc: Mapped[str] = mapped_column(String(20), unique=True)
    puk1_hash: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[SimStatus] = mapped_column(_enum(SimStatus), default=SimStatus.RESERVE)
    subscriber_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id"), index=True)
    personal: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=_now)


class SubscriberService(Base):
    __tablename__ = "subscriber_services"
    __table_args__ = (UniqueConstraint("subscriber_id", "service_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(
        ForeignKey("subscribers.id", ondelete="CASCADE"), index=True
    )
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (
        # Covering the payments list's filters and totals (type, amount), so that counting a
        # year of a large company's payments never reads the table rows.
        Index("ix_payments_account_paid", "account_id", "paid_at", "type", "amount_kop"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    paid_at: Mapped[datetime]
    amount_kop: Mapped[int] = mapped_column(BigInteger)
    type: Mapped[PaymentType] = mapped_column(_enum(PaymentType))
    document_number: Mapped[str] = mapped_column(String(40), default="")
    description: Mapped[str] = mapped_column(String(300), default="")


class Charge(Base):
    __tablename__ = "charges"
    __table_args__ = (
        # Covering the spending statistics (per category, per number) and the charges totals:
        # a year of a million charges is summed from the index alone.
        Index(
            "ix_charges_account_charged",
            "account_id",
            "charged_at",
            "category",
            "subscriber_id",
            "amount_kop",
        ),
        Index("ix_charges_subscriber_charged", "subscriber_id", "charged_at"),
        # Billing's id of the charge: loaded once per account (NULLs do not collide).
        Index("ux_charges_account_external", "account_id", "external_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    subscriber_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id"))
    charged_at: Mapped[datetime]
    amount_kop: Mapped[int] = mapped_column(BigInteger)
    category: Mapped[ChargeCategory] = mapped_column(_enum(ChargeCategory))
    description: Mapped[str] = mapped_column(String(300), default="")
    external_id: Mapped[str | None] = mapped_column(String(64))


class CashbackTransaction(Base):
    __tablename__ = "cashback_transactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=_now)
    amount_kop: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[CashbackKind] = mapped_column(_enum(CashbackKind))
    description: Mapped[str] = mapped_column(String(300), default="")


class VatRate(Base):
    """VAT is dated: the rate in force on a document's date applies."""

    __tablename__ = "vat_rates"

    id: Mapped[int] = mapped_column(primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    percent: Mapped[int] = mapped_column(Integer)


class CabinetUser(Base):
    __tablename__ = "cabinet_users"
    __table_args__ = (UniqueConstraint("brand", "login"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    brand: Mapped[Brand] = mapped_column(_enum(Brand))
    # MegaFon: the phone number in E.164; Yota: the account number.
    login: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(16))  # where SMS codes go
    email: Mapped[str | None] = mapped_column(String(254))
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[Role] = mapped_column(_enum(Role))
    # For NUMBER_MANAGER and VIEWER: the own number.
    subscriber_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id"))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    secret_question: Mapped[str | None] = mapped_column(String(200))
    secret_answer_hash: Mapped[str | None] = mapped_column(String(200))
    is_blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_until: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=_now)


class UserAccountAccess(Base):
    """Accounts an account coordinator or an assistant works with."""

    __tablename__ = "user_account_access"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("cabinet_users.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )


class TelegramChat(Base):
    """A Telegram user as the bot knows it, whatever cabinet logins it holds."""

    __tablename__ = "telegram_chats"

    telegram_user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    locale: Mapped[str | None] = mapped_column(String(8))
    blocked_bot: Mapped[bool] = mapped_column(Boolean, default=False)
    current_session_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=_now)


class Session(Base):
    """A Telegram account bound to a cabinet user until logout or expiry."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("cabinet_users.id"), index=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    last_seen_at: Mapped[datetime] = mapped_column(default=_now)
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(40))
    # When the current password was last confirmed in this session (profile → password): the
    # new one is accepted only shortly after, whatever the dialog's state says.
    password_verified_at: Mapped[datetime | None]


class OneTimeCode(Base):
    __tablename__ = "one_time_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[CodePurpose] = mapped_column(_enum(CodePurpose))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("cabinet_users.id"), index=True)
    subscriber_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id"))
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    target: Mapped[str] = mapped_column(String(254))  # phone or e-mail it went to
    code_hash: Mapped[str] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class LoginFailure(Base):
    """One failed code or password attempt, counted for lockouts."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("cabinet_users.id"), index=True)
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    at: Mapped[datetime] = mapped_column(default=_now)


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_status_claimed", "status", "claimed_at"),
        Index("ix_documents_order", "order_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    kind: Mapped[DocumentKind] = mapped_column(_enum(DocumentKind))
    format: Mapped[DocumentFormat] = mapped_column(_enum(DocumentFormat))
    number: Mapped[str] = mapped_column(String(40))
    doc_date: Mapped[date] = mapped_column(Date)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    amount_kop: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[DocumentStatus] = mapped_column(
        _enum(DocumentStatus), default=DocumentStatus.QUEUED
    )
    file_name: Mapped[str | None] = mapped_column(String(200))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    # A document of one number (what a view-only user of that number may see).
    subscriber_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id"))
    # Why it failed, in the user's words (a message id of documents.ftl).
    reason: Mapped[str | None] = mapped_column(String(300))
    # The background job's claim: a restart leaves it stale, and another run takes it again.
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None]
    made_at: Mapped[datetime | None]


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_status_effective", "status", "effective_date"),
        # "Apply" pressed twice, or an answer the network dropped and the user repeated:
        # the same key names the same order.
        UniqueConstraint("company_id", "request_key", name="uq_orders_company_request_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("cabinet_users.id"))
    kind: Mapped[OrderKind] = mapped_column(_enum(OrderKind))
    status: Mapped[OrderStatus] = mapped_column(_enum(OrderStatus), default=OrderStatus.NEW)
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    effective_date: Mapped[date | None] = mapped_column(Date)
    notify_channel: Mapped[Channel | None] = mapped_column(_enum(Channel))
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=_now)
    completed_at: Mapped[datetime | None]
    request_key: Mapped[str | None] = mapped_column(String(64))
    # Why the order as a whole failed (a locale key), when no number got as far as the network.
    failed_reason: Mapped[str | None] = mapped_column(String(300))
    # The day-before reminder was written to the outbox.
    reminded_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]

    items: Mapped[list[OrderItem]] = relationship(back_populates="order")


class OrderItem(Base):
    __tablename__ = "order_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    # Indexed: the overlap check looks up a number's open orders.
    subscriber_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    status: Mapped[OrderItemStatus] = mapped_column(
        _enum(OrderItemStatus), default=OrderItemStatus.PENDING
    )
    reason: Mapped[str | None] = mapped_column(String(300))
    # What this number's part of the order needs beyond the order's params (a forwarding target).
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    done_at: Mapped[datetime | None]

    order: Mapped[Order] = relationship(back_populates="items")


class Forwarding(Base):
    __tablename__ = "forwardings"
    __table_args__ = (UniqueConstraint("subscriber_id", "type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(
        ForeignKey("subscribers.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[ForwardingType] = mapped_column(_enum(ForwardingType))
    target_msisdn: Mapped[str] = mapped_column(String(16))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A remote-service application comes from a company that has no access yet.
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"), index=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[TicketKind] = mapped_column(_enum(TicketKind), default=TicketKind.SUPPORT)
    topic: Mapped[str] = mapped_column(String(200))
    status: Mapped[TicketStatus] = mapped_column(_enum(TicketStatus), default=TicketStatus.NEW)
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("cabinet_users.id"))
    author_telegram_user_id: Mapped[int | None] = mapped_column(BigInteger)
    notify_phone: Mapped[str | None] = mapped_column(String(16))
    staff_message_id: Mapped[int | None] = mapped_column(BigInteger)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now)
    topic_code: Mapped[TicketTopic] = mapped_column(
        _enum(TicketTopic), default=TicketTopic.OTHER, server_default=TicketTopic.OTHER.value
    )
    # Since when the ticket waits for the client, and when the client was reminded.
    waiting_since: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    rating: Mapped[int | None] = mapped_column(Integer)
    rating_comment: Mapped[str | None] = mapped_column(String(1000))


class TicketStaffPost(Base):
    """A message the bot posted in the staff chat about a ticket: a reply to it answers it."""

    __tablename__ = "ticket_staff_posts"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)


class TicketClientPost(Base):
    """A push the bot sent a client about a ticket: a reply to it («Ответить») is added to it."""

    __tablename__ = "ticket_client_posts"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)


class TicketMessage(Base):
    __tablename__ = "ticket_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    author: Mapped[TicketAuthor] = mapped_column(_enum(TicketAuthor))
    author_name: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=_now)


class TicketAttachment(Base):
    __tablename__ = "ticket_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("ticket_messages.id", ondelete="CASCADE"), index=True
    )
    telegram_file_id: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(String(200), default="")
    mime_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[AttachmentKind] = mapped_column(
        _enum(AttachmentKind),
        default=AttachmentKind.DOCUMENT,
        server_default=AttachmentKind.DOCUMENT.value,
    )


class Outbox(Base):
    """Every push, SMS and e-mail, written with the change that causes it."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "channel", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    recipient: Mapped[str] = mapped_column(String(254))  # chat id, phone or e-mail
    subject: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[OutboxStatus] = mapped_column(_enum(OutboxStatus), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=_now)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    sent_at: Mapped[datetime | None]


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=_now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("cabinet_users.id"))
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"), index=True)
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(40))
    result: Mapped[AuditResult] = mapped_column(_enum(AuditResult), default=AuditResult.OK)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class FsmRecord(Base):
    """aiogram FSM state and data, kept in the database so that dialogs survive a restart."""

    __tablename__ = "fsm_records"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)
