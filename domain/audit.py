"""The audit log: who did what and when, and whether it was allowed — never the secret."""

from __future__ import annotations

from typing import Any

from domain.db import Db
from domain.principal import Principal
from domain.types import AuditResult
from storage.models import AuditLog, Session

# Detail keys that could hold a secret are dropped, whoever passes them.
_SECRET_WORDS = ("password", "code", "answer", "secret", "token", "passport")


def _clean(details: dict[str, Any] | None) -> dict[str, Any]:
    if not details:
        return {}
    return {
        k: v
        for k, v in details.items()
        if not any(word in k.lower() for word in _SECRET_WORDS) or k.lower() == "code_kind"
    }


async def audit(
    db: Db,
    principal: Principal | None,
    action: str,
    *,
    object_type: str | None = None,
    object_id: int | str | None = None,
    result: AuditResult = AuditResult.OK,
    details: dict[str, Any] | None = None,
    telegram_user_id: int | None = None,
    user_id: int | None = None,
    company_id: int | None = None,
) -> None:
    """Write one audit row. Without a principal, name the Telegram user and/or the cabinet user
    the action concerns (a failed login, a back-office command)."""
    tg = telegram_user_id
    if principal is not None and tg is None:
        sess = await db.get(Session, principal.session_id)
        tg = sess.telegram_user_id if sess is not None else None
    db.add(
        AuditLog(
            user_id=principal.user_id if principal else user_id,
            telegram_user_id=tg,
            company_id=principal.company_id if principal else company_id,
            action=action[:60],
            object_type=object_type,
            object_id=None if object_id is None else str(object_id)[:40],
            result=result,
            details=_clean(details),
        )
    )
    await db.flush()
