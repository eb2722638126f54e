"""Pushes, SMS and e-mail go through the outbox.

A notification is a row written in the same transaction as the change that causes it. It holds
a message key and its parameters, not text: the notifier renders it in the recipient's language
when it delivers, within Telegram's limits.

One-time codes and issued passwords travel as the parameters `code` and `password`. They are in
clear only while the row waits for its gateway: the notifier wipes them (`wipe_secrets`) as soon
as the gateway accepts the message, or gives up on it, and the back-office never shows them.
"""

from __future__ import annotations

from typing import Any, TypedDict, Unpack

from sqlalchemy import select

from domain.db import Db
from domain.types import Channel
from storage.models import Outbox, Session, TelegramChat

# Parameters that are secrets, and what is shown (and kept) instead of them.
SECRET_PARAMS = frozenset({"code", "password"})
MASK = "••••••"


def _secret_names(payload: dict[str, Any]) -> set[str]:
    # The usual ones, and those a row names itself (`notify_chat(..., secret=("password",))`).
    return set(SECRET_PARAMS) | {str(n) for n in payload.get("secret") or ()}


def wipe_secrets(payload: dict[str, Any] | None) -> dict[str, Any]:
    """The payload with every secret parameter replaced by the mask (a new dict)."""
    payload = dict(payload or {})
    params = dict(payload.get("params") or {})
    for name in _secret_names(payload) & params.keys():
        params[name] = MASK
    payload["params"] = params
    return payload


def has_secrets(payload: dict[str, Any] | None) -> bool:
    params = (payload or {}).get("params") or {}
    return any(params.get(name) not in (None, MASK) for name in _secret_names(payload or {}))


def _row(
    channel: Channel, recipient: str, key: str, params: dict[str, Any], **extra: Any
) -> Outbox:
    payload: dict[str, Any] = {"key": key, "params": params}
    payload.update({k: v for k, v in extra.items() if v is not None})
    return Outbox(channel=channel, recipient=recipient, text=key, payload=payload)


class PushAttachments(TypedDict, total=False):
    """What a push may carry beside its text (see `notify_chat`)."""

    document_id: int | None
    document_ids: list[int] | None
    zip_name: str | None
    card: tuple[str, int] | None
    secret: tuple[str, ...]
    extra: dict[str, Any] | None


async def notify_chat(
    db: Db,
    chat_id: int,
    key: str,
    params: dict[str, Any] | None = None,
    *,
    document_id: int | None = None,
    document_ids: list[int] | None = None,
    zip_name: str | None = None,
    card: tuple[str, int] | None = None,
    secret: tuple[str, ...] = (),
    extra: dict[str, Any] | None = None,
) -> None:
    """A push to one Telegram chat. `document_id` attaches a stored `Document` as a file;
    `document_ids` several (an album, or one zip named `zip_name`); `card` = (what, id), e.g.
    ("order", 42), adds a button that opens that object's card (the notifier builds it, see
    `bot/push_cards.py`); `secret` names params the notifier blanks once it is delivered;
    `extra` goes into the payload as it is (files to send after the text, a keyboard, message
    ids among the params to translate: see `bot.notifier`)."""
    db.add(
        _row(
            Channel.TELEGRAM,
            str(chat_id),
            key,
            params or {},
            document_id=document_id,
            document_ids=document_ids,
            zip_name=zip_name,
            card=None if card is None else {"type": card[0], "id": card[1]},
            secret=list(secret) or None,
            **(extra or {}),
        )
    )


async def notify_user(
    db: Db,
    user_id: int,
    key: str,
    params: dict[str, Any] | None = None,
    **attachments: Unpack[PushAttachments],
) -> int:
    """A push to every Telegram chat where the cabinet user is logged in; returns how many.
    `attachments` are `notify_chat`'s."""
    chats = await db.scalars(
        select(TelegramChat.chat_id)
        .join(Session, Session.telegram_user_id == TelegramChat.telegram_user_id)
        .where(Session.user_id == user_id, Session.ended_at.is_(None))
        .distinct()
    )
    n = 0
    for chat_id in chats:
        await notify_chat(db, chat_id, key, params, **attachments)
        n += 1
    return n


async def send_sms(
    db: Db,
    phone: str,
    key: str,
    params: dict[str, Any] | None = None,
    *,
    secret: tuple[str, ...] = (),
) -> None:
    db.add(_row(Channel.SMS, phone, key, params or {}, secret=list(secret) or None))


async def send_email(
    db: Db,
    email: str,
    key: str,
    params: dict[str, Any] | None = None,
    *,
    subject_key: str | None = None,
    document_ids: list[int] | None = None,
    zip_name: str | None = None,
) -> None:
    db.add(
        _row(
            Channel.EMAIL,
            email,
            key,
            params or {},
            subject_key=subject_key,
            document_ids=document_ids,
            zip_name=zip_name,
        )
    )
