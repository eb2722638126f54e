"""Domain errors. Each carries a message key (looked up in the locale files) and parameters;
handlers turn them into Russian (or English) text, the domain never writes user text itself."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    key = "error-generic"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(self.key)


class NotFound(DomainError):
    key = "error-not-found"


class AccessDenied(DomainError):
    """Beyond the user's level, or an object of another company."""

    key = "error-access-denied"


class ValidationFailed(DomainError):
    key = "error-invalid"


class RateLimited(DomainError):
    key = "error-rate-limited"


class Conflict(DomainError):
    key = "error-conflict"
