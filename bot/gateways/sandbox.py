"""When the bot runs beside its sandbox, SMS and e-mails also land in the sandbox's inbox, so a
person trying the bot in the web chat reads the one-time codes on the page.

The sandbox is a program of its own: its inbox is reached over HTTP
(`POST /sandbox/api/inbox`), like the rest of it, never by importing it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import aiohttp

from bot.gateways.email import EmailGateway
from bot.gateways.sms import SmsGateway

log = logging.getLogger(__name__)


async def _post_to_inbox(base_url: str, item: Mapping[str, str | None]) -> None:
    url = base_url.rstrip("/") + "/sandbox/api/inbox"
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as http:
            async with http.post(url, json=item) as resp:
                if resp.status >= 400:
                    log.warning("sandbox inbox answered %s", resp.status)
    except (aiohttp.ClientError, TimeoutError) as exc:
        # The real gateway has already sent it; the web chat only misses a copy.
        log.warning("sandbox inbox unreachable: %s", type(exc).__name__)


class SandboxSms:
    def __init__(self, inner: SmsGateway, base_url: str) -> None:
        self.inner, self.base_url = inner, base_url

    async def send(self, phone: str, text: str) -> None:
        await self.inner.send(phone, text)
        await _post_to_inbox(self.base_url, {"channel": "sms", "to": phone, "text": text})


class SandboxEmail:
    def __init__(self, inner: EmailGateway, base_url: str) -> None:
        self.inner, self.base_url = inner, base_url

    async def send(
        self, to: str, subject: str, text: str, attachments: list[tuple[str, bytes, str]]
    ) -> None:
        await self.inner.send(to, subject, text, attachments)
        item = {"channel": "email", "to": to, "text": text, "subject": subject}
        await _post_to_inbox(self.base_url, item)
