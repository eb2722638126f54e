"""The pushes a client got about a ticket: a reply to one with Telegram's «Ответить» is a
message to that ticket (`handlers/ticket_push_reply.py`).

The notifier records each push it delivered (`record_client_post`); `ticket_of_push` only says
which ticket a message of a chat was about. Whether the one who replies may write to it is
`desk.client_reply`'s scope check, as for any other reply.
"""

from __future__ import annotations

from domain.access.checks import Principal
from domain.db import Db
from domain.tickets import desk
from storage.models import Ticket, TicketClientPost


async def record_client_post(db: Db, ticket_id: int, chat_id: int, message_id: int) -> None:
    """The notifier has pushed to the client's chat about the ticket (called right after)."""
    if await db.get(TicketClientPost, (chat_id, message_id)) is None:
        db.add(TicketClientPost(chat_id=chat_id, message_id=message_id, ticket_id=ticket_id))
        await db.flush()


async def ticket_of_push(db: Db, chat_id: int, message_id: int) -> int | None:
    post = await db.get(TicketClientPost, (chat_id, message_id))
    return post.ticket_id if post is not None else None


async def reply_to_push(
    db: Db,
    principal: Principal | None,
    chat_id: int,
    message_id: int,
    text: str,
    *,
    staff_chat_id: int | None,
) -> str | None:
    """The client answered a push about a ticket with «Ответить»: the text joins that ticket
    (scope checked and audited by `client_reply`). Returns the ticket's number; None when the
    message replied to was no push about a ticket."""
    ticket_id = await ticket_of_push(db, chat_id, message_id)
    if ticket_id is None:
        return None
    await desk.client_reply(
        db, principal, ticket_id, text=text, files=(), staff_chat_id=staff_chat_id
    )
    ticket = await db.get(Ticket, ticket_id)
    return ticket.number if ticket is not None else None
