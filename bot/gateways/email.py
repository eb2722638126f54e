"""E-mail gateways: the console one by default, SMTP (aiosmtplib) when `SMTP_HOST` is set."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Protocol

import aiosmtplib


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
        # Asynchronous all the way: a slow mail server never holds up the event loop.
        try:
            await aiosmtplib.send(
                msg,
                hostname=self.host,
                port=self.port,
                username=self.user or None,
                password=self.password or None,
                start_tls=self.starttls,
                timeout=30,
            )
        except aiosmtplib.SMTPException as exc:
            # The notifier retries connection errors with a back-off.
            raise ConnectionError(f"SMTP: {exc}") from exc
