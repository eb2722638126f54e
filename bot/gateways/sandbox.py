"""When the bot runs beside its sandbox, SMS and e-mails also land in the sandbox's inbox, so a
person trying the bot in the web chat reads the one-time codes on the page."""

from __future__ import annotations

from bot.gateways.email import EmailGateway
from bot.gateways.sms import SmsGateway
from bot.sandbox.state import Sandbox


class SandboxSms:
    def __init__(self, inner: SmsGateway, sandbox: Sandbox) -> None:
        self.inner, self.sandbox = inner, sandbox

    async def send(self, phone: str, text: str) -> None:
        await self.inner.send(phone, text)
        self.sandbox.deliver("sms", phone, text)


class SandboxEmail:
    def __init__(self, inner: EmailGateway, sandbox: Sandbox) -> None:
        self.inner, self.sandbox = inner, sandbox

    async def send(
        self, to: str, subject: str, text: str, attachments: list[tuple[str, bytes, str]]
    ) -> None:
        await self.inner.send(to, subject, text, attachments)
        self.sandbox.deliver("email", to, text, subject=subject)
