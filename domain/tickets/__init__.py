"""Support tickets: the client's side and the staff's side of a ticket (`desk`) and the files
attached to it (`attachments`).
"""

from __future__ import annotations

from domain.tickets.desk import (
    client_reply as client_reply,
)
from domain.tickets.desk import (
    close_ticket as close_ticket,
)
from domain.tickets.desk import (
    comment_rating as comment_rating,
)
from domain.tickets.desk import (
    create_ticket as create_ticket,
)
from domain.tickets.desk import (
    default_notify_phone as default_notify_phone,
)
from domain.tickets.desk import (
    deny_staff as deny_staff,
)
from domain.tickets.desk import (
    ensure_can_create as ensure_can_create,
)
from domain.tickets.desk import (
    ensure_can_reply as ensure_can_reply,
)
from domain.tickets.desk import (
    list_tickets as list_tickets,
)
from domain.tickets.desk import (
    open_tickets as open_tickets,
)
from domain.tickets.desk import (
    rate_ticket as rate_ticket,
)
from domain.tickets.desk import (
    record_staff_post as record_staff_post,
)
from domain.tickets.desk import (
    remind_and_autoclose as remind_and_autoclose,
)
from domain.tickets.desk import (
    reopen_ticket as reopen_ticket,
)
from domain.tickets.desk import (
    staff_card as staff_card,
)
from domain.tickets.desk import (
    staff_reply as staff_reply,
)
from domain.tickets.desk import (
    staff_set_status as staff_set_status,
)
from domain.tickets.desk import (
    ticket_card as ticket_card,
)
from domain.tickets.desk import (
    ticket_files as ticket_files,
)
from domain.tickets.desk import (
    ticket_for_post as ticket_for_post,
)
