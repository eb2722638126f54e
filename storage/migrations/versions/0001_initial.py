"""Initial schema: every table of storage/models.py, and the dated VAT rates.

Revision ID: 0001
Revises:
Create Date: 2026-11-24 13:58:45.068639+00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("inn", sa.String(length=12), nullable=False),
        sa.Column("kpp", sa.String(length=9), nullable=True),
        sa.Column("ogrn", sa.String(length=15), nullable=True),
        sa.Column("legal_address", sa.String(length=500), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("manager_name", sa.String(length=200), nullable=True),
        sa.Column("manager_phone", sa.String(length=20), nullable=True),
        sa.Column("manager_email", sa.String(length=254), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_companies")),
        sa.UniqueConstraint("inn", name=op.f("uq_companies_inn")),
    )
    op.create_table(
        "fsm_records",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=200), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_fsm_records")),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum("telegram", "sms", "email", name="channel", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "sent",
                "failed",
                "skipped",
                name="outboxstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column(
            "next_attempt_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index(
        "ix_outbox_due", "outbox", ["status", "channel", "next_attempt_at"], unique=False
    )

    op.create_table(
        "services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column(
            "brand",
            sa.Enum("megafon", "yota", name="brand", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("monthly_fee_kop", sa.BigInteger(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("incompatible_tariffs", sa.String(length=500), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_services")),
        sa.UniqueConstraint("code", name=op.f("uq_services_code")),
    )
    op.create_table(
        "tariffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column(
            "brand",
            sa.Enum("megafon", "yota", name="brand", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("monthly_fee_kop", sa.BigInteger(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "account_type",
            sa.Enum("postpaid", "prepaid", name="accounttype", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tariffs")),
        sa.UniqueConstraint("code", name=op.f("uq_tariffs_code")),
    )
    op.create_table(
        "telegram_chats",
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=True),
        sa.Column("blocked_bot", sa.Boolean(), nullable=False),
        sa.Column("current_session_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("telegram_user_id", name=op.f("pk_telegram_chats")),
    )
    vat_rates = op.create_table(
        "vat_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vat_rates")),
        sa.UniqueConstraint("valid_from", name=op.f("uq_vat_rates_valid_from")),
    )
    # VAT is dated: a document takes the rate in force on its date (22 % since 2026-01-01).
    op.bulk_insert(
        vat_rates,
        [
            {"valid_from": date(2019, 1, 1), "percent": 20},
            {"valid_from": date(2026, 1, 1), "percent": 22},
        ],
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column(
            "brand",
            sa.Enum("megafon", "yota", name="brand", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "type",
            sa.Enum("postpaid", "prepaid", name="accounttype", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("balance_kop", sa.BigInteger(), nullable=False),
        sa.Column("prev_balance_kop", sa.BigInteger(), nullable=False),
        sa.Column("credit_limit_kop", sa.BigInteger(), nullable=True),
        sa.Column("low_balance_threshold_kop", sa.BigInteger(), nullable=True),
        sa.Column("low_balance_alerted", sa.Boolean(), nullable=False),
        sa.Column(
            "delivery_method",
            sa.Enum("email", "edo", name="deliverymethod", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("cashback_kop", sa.BigInteger(), nullable=False),
        sa.Column("code_word_hash", sa.String(length=200), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_accounts_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("number", name=op.f("uq_accounts_number")),
    )
    op.create_index(op.f("ix_accounts_company_id"), "accounts", ["company_id"], unique=False)

    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("icon", sa.String(length=8), nullable=False),
        sa.Column("color", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_groups_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groups")),
        sa.UniqueConstraint("company_id", "name", name=op.f("uq_groups_company_id")),
    )
    op.create_index(op.f("ix_groups_company_id"), "groups", ["company_id"], unique=False)

    op.create_table(
        "labels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_labels_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_labels")),
        sa.UniqueConstraint("company_id", "name", name=op.f("uq_labels_company_id")),
    )
    op.create_index(op.f("ix_labels_company_id"), "labels", ["company_id"], unique=False)

    op.create_table(
        "cashback_transactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("amount_kop", sa.BigInteger(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("accrual", "spend", name="cashbackkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_cashback_transactions_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cashback_transactions")),
    )
    op.create_index(
        op.f("ix_cashback_transactions_account_id"),
        "cashback_transactions",
        ["account_id"],
        unique=False,
    )

    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("amount_kop", sa.BigInteger(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "bank_transfer",
                "card",
                "cashback",
                "adjustment",
                name="paymenttype",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("document_number", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_payments_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    op.create_index(
        "ix_payments_account_paid",
        "payments",
        ["account_id", "paid_at", "type", "amount_kop"],
        unique=False,
    )

    op.create_table(
        "subscribers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("msisdn", sa.String(length=16), nullable=False),
        sa.Column("employee_name", sa.String(length=200), nullable=False),
        sa.Column("photo_file_id", sa.String(length=200), nullable=True),
        sa.Column("comment", sa.String(length=500), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("position", sa.String(length=120), nullable=True),
        sa.Column("tariff_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "blocked",
                "pending",
                "removed",
                name="subscriberstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("spending_limit_kop", sa.BigInteger(), nullable=True),
        sa.Column("month_spent_kop", sa.BigInteger(), nullable=False),
        sa.Column("limit_alerted", sa.Boolean(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_subscribers_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_subscribers_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_subscribers_group_id_groups"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tariff_id"], ["tariffs.id"], name=op.f("fk_subscribers_tariff_id_tariffs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscribers")),
        sa.UniqueConstraint("msisdn", name=op.f("uq_subscribers_msisdn")),
    )
    op.create_index(op.f("ix_subscribers_account_id"), "subscribers", ["account_id"], unique=False)
    op.create_index(op.f("ix_subscribers_company_id"), "subscribers", ["company_id"], unique=False)

    op.create_table(
        "cabinet_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column(
            "brand",
            sa.Enum("megafon", "yota", name="brand", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("login", sa.String(length=32), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "union_coordinator",
                "coordinator",
                "assistant",
                "number_manager",
                "viewer",
                name="role",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("subscriber_id", sa.Integer(), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("secret_question", sa.String(length=200), nullable=True),
        sa.Column("secret_answer_hash", sa.String(length=200), nullable=True),
        sa.Column("is_blocked", sa.Boolean(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_cabinet_users_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_cabinet_users_subscriber_id_subscribers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cabinet_users")),
        sa.UniqueConstraint("brand", "login", name=op.f("uq_cabinet_users_brand")),
    )
    op.create_index(
        op.f("ix_cabinet_users_company_id"), "cabinet_users", ["company_id"], unique=False
    )

    op.create_table(
        "charges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=True),
        sa.Column("charged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("amount_kop", sa.BigInteger(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "calls",
                "sms",
                "internet",
                "roaming",
                "subscription",
                "services",
                name="chargecategory",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_charges_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"], ["subscribers.id"], name=op.f("fk_charges_subscriber_id_subscribers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_charges")),
    )
    op.create_index(
        "ix_charges_account_charged",
        "charges",
        ["account_id", "charged_at", "category", "subscriber_id", "amount_kop"],
        unique=False,
    )
    op.create_index(
        "ix_charges_subscriber_charged", "charges", ["subscriber_id", "charged_at"], unique=False
    )

    op.create_table(
        "forwardings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "unconditional",
                "busy",
                "no_answer",
                "unreachable",
                name="forwardingtype",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("target_msisdn", sa.String(length=16), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_forwardings_subscriber_id_subscribers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forwardings")),
        sa.UniqueConstraint("subscriber_id", "type", name=op.f("uq_forwardings_subscriber_id")),
    )
    op.create_index(
        op.f("ix_forwardings_subscriber_id"), "forwardings", ["subscriber_id"], unique=False
    )

    op.create_table(
        "sim_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("icc", sa.String(length=20), nullable=False),
        sa.Column("puk1_hash", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum("in_use", "reserve", "retired", name="simstatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("subscriber_id", sa.Integer(), nullable=True),
        sa.Column("personal", sa.Boolean(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_sim_cards_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_sim_cards_subscriber_id_subscribers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sim_cards")),
        sa.UniqueConstraint("icc", name=op.f("uq_sim_cards_icc")),
    )
    op.create_index(op.f("ix_sim_cards_company_id"), "sim_cards", ["company_id"], unique=False)
    op.create_index(
        op.f("ix_sim_cards_subscriber_id"), "sim_cards", ["subscriber_id"], unique=False
    )

    op.create_table(
        "subscriber_labels",
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["label_id"],
            ["labels.id"],
            name=op.f("fk_subscriber_labels_label_id_labels"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_subscriber_labels_subscriber_id_subscribers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("subscriber_id", "label_id", name=op.f("pk_subscriber_labels")),
    )
    op.create_index(
        op.f("ix_subscriber_labels_label_id"), "subscriber_labels", ["label_id"], unique=False
    )

    op.create_table(
        "subscriber_services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_subscriber_services_service_id_services")
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_subscriber_services_subscriber_id_subscribers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriber_services")),
        sa.UniqueConstraint(
            "subscriber_id", "service_id", name=op.f("uq_subscriber_services_subscriber_id")
        ),
    )
    op.create_index(
        op.f("ix_subscriber_services_subscriber_id"),
        "subscriber_services",
        ["subscriber_id"],
        unique=False,
    )

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=True),
        sa.Column("object_id", sa.String(length=40), nullable=True),
        sa.Column(
            "result",
            sa.Enum("ok", "denied", "failed", name="auditresult", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_audit_log_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["cabinet_users.id"], name=op.f("fk_audit_log_user_id_cabinet_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_company_id"), "audit_log", ["company_id"], unique=False)

    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["cabinet_users.id"], name=op.f("fk_login_failures_user_id_cabinet_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index(
        op.f("ix_login_failures_telegram_user_id"),
        "login_failures",
        ["telegram_user_id"],
        unique=False,
    )
    op.create_index(op.f("ix_login_failures_user_id"), "login_failures", ["user_id"], unique=False)

    op.create_table(
        "one_time_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "purpose",
            sa.Enum(
                "login",
                "recovery",
                "email_change",
                "subscriber_confirm",
                name="codepurpose",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("subscriber_id", sa.Integer(), nullable=True),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=True),
        sa.Column("target", sa.String(length=254), nullable=False),
        sa.Column("code_hash", sa.String(length=200), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_one_time_codes_subscriber_id_subscribers"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["cabinet_users.id"], name=op.f("fk_one_time_codes_user_id_cabinet_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_one_time_codes")),
    )
    op.create_index(
        op.f("ix_one_time_codes_telegram_user_id"),
        "one_time_codes",
        ["telegram_user_id"],
        unique=False,
    )
    op.create_index(op.f("ix_one_time_codes_user_id"), "one_time_codes", ["user_id"], unique=False)

    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "change_tariff",
                "service_on",
                "service_off",
                "replace_sim",
                "attach_sim",
                "block",
                "unblock",
                "forwarding",
                "documents",
                "reconciliation",
                name="orderkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "scheduled",
                "in_progress",
                "completed",
                "partial",
                "failed",
                "cancelled",
                name="orderstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column(
            "notify_channel",
            sa.Enum("telegram", "sms", "email", name="channel", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_orders_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["cabinet_users.id"],
            name=op.f("fk_orders_created_by_user_id_cabinet_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
    )
    op.create_index(op.f("ix_orders_company_id"), "orders", ["company_id"], unique=False)
    op.create_index(
        "ix_orders_status_effective", "orders", ["status", "effective_date"], unique=False
    )

    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "last_seen_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["cabinet_users.id"], name=op.f("fk_sessions_user_id_cabinet_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
    )
    op.create_index(
        op.f("ix_sessions_telegram_user_id"), "sessions", ["telegram_user_id"], unique=False
    )
    op.create_index(op.f("ix_sessions_user_id"), "sessions", ["user_id"], unique=False)

    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("support", "remote_service", name="ticketkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "in_progress",
                "answered",
                "closed",
                name="ticketstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("author_user_id", sa.Integer(), nullable=True),
        sa.Column("author_telegram_user_id", sa.BigInteger(), nullable=True),
        sa.Column("notify_phone", sa.String(length=16), nullable=True),
        sa.Column("staff_message_id", sa.BigInteger(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["author_user_id"],
            ["cabinet_users.id"],
            name=op.f("fk_tickets_author_user_id_cabinet_users"),
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_tickets_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
        sa.UniqueConstraint("number", name=op.f("uq_tickets_number")),
    )
    op.create_index(op.f("ix_tickets_company_id"), "tickets", ["company_id"], unique=False)

    op.create_table(
        "user_account_access",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_user_account_access_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["cabinet_users.id"],
            name=op.f("fk_user_account_access_user_id_cabinet_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "account_id", name=op.f("pk_user_account_access")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "invoice",
                "invoice_detailed",
                "vat_invoice",
                "reconciliation",
                "prepayment_invoice",
                name="documentkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "format",
            sa.Enum("pdf", "html", name="documentformat", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("doc_date", sa.Date(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("amount_kop", sa.BigInteger(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "queued", "ready", "failed", name="documentstatus", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_documents_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_documents_company_id_companies")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_documents_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index(op.f("ix_documents_account_id"), "documents", ["account_id"], unique=False)
    op.create_index(op.f("ix_documents_company_id"), "documents", ["company_id"], unique=False)

    op.create_table(
        "order_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending", "done", "failed", name="orderitemstatus", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_order_items_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_order_items_order_id_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_order_items_subscriber_id_subscribers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_items")),
    )
    op.create_index(op.f("ix_order_items_order_id"), "order_items", ["order_id"], unique=False)

    op.create_table(
        "ticket_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column(
            "author",
            sa.Enum("client", "staff", name="ticketauthor", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_ticket_messages_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_messages")),
    )
    op.create_index(
        op.f("ix_ticket_messages_ticket_id"), "ticket_messages", ["ticket_id"], unique=False
    )

    op.create_table(
        "ticket_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("telegram_file_id", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["ticket_messages.id"],
            name=op.f("fk_ticket_attachments_message_id_ticket_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_attachments")),
    )
    op.create_index(
        op.f("ix_ticket_attachments_message_id"), "ticket_attachments", ["message_id"], unique=False
    )


def downgrade() -> None:
    op.drop_table("ticket_attachments")
    op.drop_table("ticket_messages")
    op.drop_table("order_items")
    op.drop_table("documents")
    op.drop_table("user_account_access")
    op.drop_table("tickets")
    op.drop_table("sessions")
    op.drop_table("orders")
    op.drop_table("one_time_codes")
    op.drop_table("login_failures")
    op.drop_table("audit_log")
    op.drop_table("subscriber_services")
    op.drop_table("subscriber_labels")
    op.drop_table("sim_cards")
    op.drop_table("forwardings")
    op.drop_table("charges")
    op.drop_table("cabinet_users")
    op.drop_table("subscribers")
    op.drop_table("payments")
    op.drop_table("cashback_transactions")
    op.drop_table("labels")
    op.drop_table("groups")
    op.drop_table("accounts")
    op.drop_table("vat_rates")
    op.drop_table("telegram_chats")
    op.drop_table("tariffs")
    op.drop_table("services")
    op.drop_table("outbox")
    op.drop_table("fsm_records")
    op.drop_table("companies")
