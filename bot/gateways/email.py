"""E-mail gateways: the console one by default, SMTP (stdlib smtplib) when `SMTP_HOST` is set."""

from __future__ import annotations

import asyncio
import smtplib
from email.message import EmailMessage
from typing import Protocol


class Attachment(Protocol):
    file_name: str
    content: bytes
    mime_type: str


class EmailGateway(Protocol):
    async def send(
        self, to: str, subject: str, text: str, attachments: list[tuple[str, bytes, str]]
    ) -> None: ...


class ConsoleEmail:
    async def send(
        self, to: str, subject: str, text: str, attachments: list[tuple[str, bytes, str]]
    ) -> None:
        names = ", ".join(name for name, _, _ in attachments)
        print(f"[E-mail → {to}] {subject}: {text}" + (f" [{names}]" if names else ""), flush=True)


class SmtpEmail:
    def __init__(
        self,
        host: str,
        port: int,
        user: str | None,
        password: str | None,
        sender: str,
        starttls: bool,
    ) -> None:
        self.host, self.port, self.user, self.password = host, port, user, password
        self.sender, self.starttls = sender, starttls

    def _send_sync(self, msg: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user and self.password:
                smtp.login(self.user, self.password)
            smtp.send_message(msg)

    async def send(
        self, to: str, subject: str, text: str, attachments: list[tuple[str, bytes, str]]
    ) -> None:
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = self.sender, to, subject
        msg.set_content(text)
        for name, content, mime in attachments:
            maintype, _, subtype = mime.partition("/")
            msg.add_attachment(
                content, maintype=maintype, subtype=subtype or "octet-stream", filename=name
            )
        await asyncio.to_thread(self._send_sync, msg)
