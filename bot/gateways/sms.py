"""SMS gateways: the console one by default, an HTTP one when `SMS_GATEWAY_URL` is set."""

from __future__ import annotations

import logging
from typing import Protocol

import aiohttp

log = logging.getLogger("sms")


class SmsGateway(Protocol):
    async def send(self, phone: str, text: str) -> None: ...


class ConsoleSms:
    """Prints the SMS, so that a tester can read one-time codes (they are also in the outbox)."""

    async def send(self, phone: str, text: str) -> None:
        print(f"[SMS → {phone}] {text}", flush=True)


class HttpSms:
    """A generic JSON-over-HTTP SMS provider: POST {to, from, text} with a bearer token."""

    def __init__(self, url: str, token: str | None, sender: str) -> None:
        self.url, self.token, self.sender = url, token, sender

    async def send(self, phone: str, text: str) -> None:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15)) as http:
            async with http.post(
                self.url, json={"to": phone, "from": self.sender, "text": text}, headers=headers
            ) as resp:
                if resp.status >= 400:
                    raise RuntimeError(f"SMS gateway answered {resp.status}")
        log.info("sms sent to %s", phone[:-4] + "****")
