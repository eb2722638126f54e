"""Limits that several instances share through Redis (with one instance they live in memory).

- The notifier's pace (`RedisPacer`): Telegram allows a bot ~30 messages a second in all and
  one a second to one chat, whatever the number of processes sending them. Each send reserves
  its slot in a schedule kept in Redis — the global "next free moment" and one per chat, moved
  on by one interval per reservation (GCRA: a token bucket whose bucket holds one token) — in
  one Lua script, so two instances never get the same slot; a moment is taken only once it
  has come, so the schedule bounds the real sends, not just the planned ones. Redis' own clock
  (`TIME`) is the clock, so the machines' clocks need not agree. A 429's `retry_after` pauses
  every instance.
- The throttle (`RedisBuckets`): a token bucket per Telegram user (rate, burst), in a Redis hash,
  so a flood spread over instances by the load balancer is still one user's flood.

Keys expire by themselves: nothing is left behind for users or chats gone quiet.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from bot.notifier import Pacer

log = logging.getLogger(__name__)

# KEYS: the next free moment overall, this chat's, the pause; ARGV: interval, per-chat interval.
# Takes the moment only when it has come (→ "0"); else says how long to wait (→ seconds) and
# takes nothing. The next moment overall is one interval after the moment this one was due,
# not after it came (when it came up to a quarter interval late): a sender woken a few
# milliseconds late (the sleep, the round trip to Redis) no longer pushes the whole schedule
# back — that held three instances at 22 a second for a rate of 30 — and two sends are still
# never closer than three quarters of an interval.
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local interval = tonumber(ARGV[1])
local overall = tonumber(redis.call('GET', KEYS[1]) or '0')
local free = math.max(overall,
  tonumber(redis.call('GET', KEYS[2]) or '0'), tonumber(redis.call('GET', KEYS[3]) or '0'))
if free > now then return tostring(free - now) end
local due = math.max(overall, now - interval / 4)
redis.call('SET', KEYS[1], tostring(due + interval), 'PX', 60000)
redis.call('SET', KEYS[2], tostring(now + tonumber(ARGV[2])), 'PX', 60000)
return "0"
"""

# KEYS[1]: a chat's next slot or the pause; ARGV[1]: seconds from now it must be at least.
_PUSH_BACK = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local at = math.max(now + tonumber(ARGV[1]), tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], tostring(at), 'PX', math.ceil((at - now) * 1000) + 60000)
return tostring(at - now)
"""

# A token bucket: KEYS[1] a hash {tokens, at}; ARGV: rate a second, burst. → 1 allowed, 0 not.
_BUCKET = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens') or ARGV[2])
local at = tonumber(redis.call('HGET', KEYS[1], 'at') or tostring(now))
tokens = math.min(burst, tokens + (now - at) * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return allowed
"""


class RedisPacer(Pacer):
    """The Pacer's contract (`acquire`, `sent`, `pause`, `chat_wait`), shared by every instance
    that uses the same Redis and `prefix`."""

    def __init__(
        self, redis: Any, rate: float, per_chat: float, prefix: str = "cabinet:pace"
    ) -> None:
        super().__init__(rate, per_chat)
        self.redis = redis
        self.prefix = prefix
        self._background: set[asyncio.Future[Any]] = set()
        self._reserve = redis.register_script(_RESERVE)
        self._push_back = redis.register_script(_PUSH_BACK)

    def _keys(self, chat: str) -> list[str]:
        return [f"{self.prefix}:all", f"{self.prefix}:chat:{chat}", f"{self.prefix}:pause"]

    async def acquire(self, chat: str) -> None:
        while True:
            wait = float(
                await self._reserve(keys=self._keys(chat), args=[self.interval, self.per_chat])
            )
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    def sent(self, chat: str) -> None:
        super().sent(chat)  # this instance's own lanes wait without asking Redis
        self._spawn(self._push_back(keys=[self._keys(chat)[1]], args=[self.per_chat]))

    def pause(self, seconds: float) -> None:
        super().pause(seconds)
        self._spawn(self._push_back(keys=[f"{self.prefix}:pause"], args=[seconds]))

    def _spawn(self, call: Any) -> None:
        task = asyncio.ensure_future(call)
        self._background.add(task)
        task.add_done_callback(self._settled)

    def _settled(self, task: asyncio.Future[Any]) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # The slot was reserved already; only the push back after the answer is lost.
            log.warning("pace: Redis did not take a push back (%s)", task.exception())

    async def settle(self) -> None:
        """Wait for the push backs still under way (before closing the Redis client)."""
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)


class RedisBuckets:
    """Token buckets in Redis, one per key: `allow(key, rate, burst)`."""

    def __init__(self, redis: Any, prefix: str = "cabinet:throttle") -> None:
        self.redis = redis
        self.prefix = prefix
        self._bucket = redis.register_script(_BUCKET)

    async def allow(self, key: int | str, rate: float, burst: int) -> bool:
        return bool(await self._bucket(keys=[f"{self.prefix}:{key}"], args=[rate, burst]))
