"""One Settings class for the whole program, read from the environment and `.env`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        env_ignore_empty=True,
        env_nested_delimiter="__",
    )

    bot_token: SecretStr | None = None
    telegram_api_url: str | None = None
    database_url: str = f"sqlite+aiosqlite:///{ROOT / 'data' / 'cabinet.db'}"
    redis_url: str | None = None
    webhook_url: str | None = None
    webhook_host: str = "0.0.0.0"
    webhook_port: int = Field(default=8081, ge=1, le=65535)
    # Telegram sends it in X-Telegram-Bot-Api-Secret-Token with every update; required with
    # WEBHOOK_URL (1-256 characters: letters, digits, _ and -).
    webhook_secret: SecretStr | None = None
    # Where /healthz, /readyz and /metrics are served in long-polling mode (0: nowhere). In
    # webhook mode they are served beside the webhook, on WEBHOOK_HOST:WEBHOOK_PORT.
    health_port: int = Field(default=0, ge=0, le=65535)
    # Seconds a stopping instance waits for the updates in hand before it closes its pools.
    shutdown_grace_seconds: float = Field(default=10.0, ge=0)
    # Seconds after which another instance takes over the rows a killed instance had claimed
    # (orders, documents, pushes; the locks of the short jobs). Empty: each job's own (orders
    # 10 min, documents 5 min, pushes 2 min, the short jobs 1 min).
    claim_timeout_seconds: float | None = Field(default=None, gt=0)
    support_chat_id: int | None = None
    # Telegram user ids of the support staff, comma-separated: with the chat's administrators,
    # the only members of the staff chat who may answer tickets and set their status.
    support_staff_ids: str = ""

    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str = "cabinet@example.org"
    smtp_starttls: bool = True

    # "console" prints SMS and e-mails to the log: for development only. Without BOT_TOKEN (the
    # sandbox) the console is the default; with one, a real gateway must be configured.
    sms_gateway: Literal["http", "console"] | None = None
    email_gateway: Literal["smtp", "console"] | None = None
    sms_gateway_url: str | None = None
    sms_gateway_token: SecretStr | None = None
    sms_sender: str = "B2B-CABINET"

    timezone: str = "Europe/Moscow"
    default_locale: str = "ru"

    sandbox_host: str = "127.0.0.1"
    sandbox_port: int = Field(default=8080, ge=1, le=65535)
    sandbox_token: str = "123456:SANDBOX-TOKEN"

    notifier_rate: float = Field(default=25.0, gt=0)
    notifier_per_chat_interval: float = Field(default=1.0, ge=0)
    scheduler_tick_seconds: float = Field(default=2.0, gt=0)
    throttle_per_second: float = Field(default=5.0, gt=0)
    session_ttl_days: int = Field(default=30, ge=1)
    # Seconds a user's identity is remembered between updates (0 turns it off). Changes made in
    # this process are seen at once; changes made by another process within this time.
    principal_cache_seconds: float = Field(default=5.0, ge=0)
    font_path: str | None = None
    log_level: str = "INFO"
    # `json`: one JSON object a line (time, level, logger, message, update_id, user_id).
    log_format: Literal["text", "json"] = "text"
    # The operators' requisites printed on invoices: a TOML file (`demo` for the demo's, whose
    # documents are marked «ОБРАЗЕЦ»), or one setting per field: OPERATOR_MEGAFON__INN=…
    operator_requisites_file: str | None = None
    operator_megafon: dict[str, str] = Field(default_factory=dict)
    operator_yota: dict[str, str] = Field(default_factory=dict)
    # Pins the date the whole program sees (tests, demos, support): 2027-03-01 or 2027-03-01T00:30.
    cabinet_today: str | None = None

    @field_validator("database_url")
    @classmethod
    def _db_url(cls, v: str) -> str:
        if v.split("://", 1)[0] not in {
            "sqlite+aiosqlite",
            "postgresql+asyncpg",
        }:
            raise ValueError("use sqlite+aiosqlite:///path or postgresql+asyncpg://…")
        return v

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, v: SecretStr | None) -> SecretStr | None:
        if v is not None and not _SECRET.fullmatch(v.get_secret_value()):
            raise ValueError("1-256 characters: letters A-Z a-z, digits, _ and -")
        return v

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, v: str | None) -> str | None:
        if v is not None and urlsplit(v).scheme not in {"https", "http"}:
            raise ValueError("an https:// address Telegram can reach")
        return v

    def check_webhook(self) -> None:
        """Webhook mode needs its secret: without it anyone could post updates to the bot.

        Raises SettingsError naming the missing setting."""
        if self.webhook_url and self.webhook_secret is None:
            raise SettingsError(
                "Setting WEBHOOK_SECRET is missing: with WEBHOOK_URL set, Telegram must sign "
                "every update (generate one: python -c 'import secrets; "
                "print(secrets.token_urlsafe(32))')"
            )

    @property
    def webhook_path(self) -> str:
        """The path of WEBHOOK_URL: where the bot's web server takes updates."""
        return urlsplit(self.webhook_url or "").path or "/"

    @field_validator("support_staff_ids")
    @classmethod
    def _staff_ids(cls, v: str) -> str:
        parts = [p.strip() for p in v.replace(";", ",").split(",") if p.strip()]
        if not all(p.lstrip("-").isdigit() for p in parts):
            raise ValueError(f"expected Telegram user ids separated by commas, got {v!r}")
        return ",".join(parts)

    @property
    def staff_ids(self) -> frozenset[int]:
        return frozenset(int(p) for p in self.support_staff_ids.split(",") if p)

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(v)
        except Exception as exc:
            raise ValueError(f"unknown time zone {v!r}") from exc
        return v

    @field_validator("default_locale")
    @classmethod
    def _locale(cls, v: str) -> str:
        if v not in {"ru", "en"}:
            raise ValueError("ru or en")
        return v

    @field_validator("log_level")
    @classmethod
    def _level(cls, v: str) -> str:
        if v.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("DEBUG, INFO, WARNING or ERROR")
        return v.upper()

    @field_validator("cabinet_today")
    @classmethod
    def _today(cls, v: str | None) -> str | None:
        if v is not None:
            from domain.clock import parse_pin

            parse_pin(v)
        return v

    def operator_requisites(self) -> dict[Any, Any] | None:
        """The configured requisites, checked (BIK, account keys…); None: the demo's.

        Raises SettingsError naming the setting when one is wrong or, with a real bot, when none
        are configured.
        """
        from domain.documents import operators
        from domain.types import Brand

        try:
            if self.operator_requisites_file == "demo":
                return operators.demo_requisites()
            if self.operator_requisites_file:
                return operators.load_requisites_file(self.operator_requisites_file)
            given = {Brand.MEGAFON: self.operator_megafon, Brand.YOTA: self.operator_yota}
            if any(given.values()):
                return {
                    brand: operators.requisites_of(
                        brand, values, where="Setting OPERATOR_{brand}__{field}"
                    )
                    for brand, values in given.items()
                }
        except operators.RequisitesError as exc:
            message = str(exc).replace("OPERATOR_megafon", "OPERATOR_MEGAFON")
            message = message.replace("OPERATOR_yota", "OPERATOR_YOTA")
            if message.startswith("Setting "):
                head, _, rest = message.partition(" ")[2].partition(" ")
                message = f"Setting {head.upper()} {rest}"
            else:
                message = f"Setting OPERATOR_REQUISITES_FILE: {message}"
            raise SettingsError(message) from None
        if not self.uses_sandbox:
            raise SettingsError(
                "Setting OPERATOR_REQUISITES_FILE is missing: with BOT_TOKEN set, invoices need "
                "the operator's requisites (or OPERATOR_REQUISITES_FILE=demo: marked «ОБРАЗЕЦ»)"
            )
        return None

    @property
    def sms_on_console(self) -> bool:
        if self.sms_gateway == "console":
            return True
        return self.sms_gateway is None and not self.sms_gateway_url and self.uses_sandbox

    @property
    def email_on_console(self) -> bool:
        if self.email_gateway == "console":
            return True
        return self.email_gateway is None and not self.smtp_host and self.uses_sandbox

    def check_delivery(self) -> None:
        """With a real bot, codes must reach real phones: refuse to start on the console ones.

        Raises SettingsError whose message is one line naming the missing setting.
        """
        if not self.sms_on_console and not self.sms_gateway_url:
            raise SettingsError(
                "Setting SMS_GATEWAY_URL is missing: with BOT_TOKEN set, one-time codes need an "
                "SMS gateway (or SMS_GATEWAY=console on purpose, for development)"
            )
        if not self.email_on_console and not self.smtp_host:
            raise SettingsError(
                "Setting SMTP_HOST is missing: with BOT_TOKEN set, e-mails need an SMTP server "
                "(or EMAIL_GATEWAY=console on purpose, for development)"
            )

    @property
    def uses_sandbox(self) -> bool:
        return self.bot_token is None

    @property
    def token(self) -> str:
        return self.bot_token.get_secret_value() if self.bot_token else self.sandbox_token

    @property
    def api_url(self) -> str | None:
        if self.telegram_api_url:
            return self.telegram_api_url
        if self.uses_sandbox:
            return f"http://{self.sandbox_host}:{self.sandbox_port}"
        return None


class SettingsError(Exception):
    """A setting has a wrong value; the message is one line naming it."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]).upper() if err["loc"] else "?"
        raise SettingsError(f"Setting {name} is wrong: {err['msg']}") from None
