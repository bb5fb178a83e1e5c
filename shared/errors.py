"""Outcomes other than success that any service can meet, independent of HTTP.

The HTTP layer maps each to its status (404, 410, 409, 428, 412, 400, 403); a blob trigger
maps them to a rejected delivery.
"""

from __future__ import annotations

from shared.models.problem import InvalidParam


class DomainError(Exception):
    """Base: `detail` is safe to show to the caller, and so is `invalid_params`, each field
    or parameter that is wrong with why."""

    def __init__(self, detail: str, invalid_params: list[InvalidParam] | None = None) -> None:
        self.detail = detail
        self.invalid_params = invalid_params
        super().__init__(detail)


class NotFound(DomainError):
    pass


class Gone(DomainError):
    """It existed, but is no longer kept (its retention ended)."""


class Conflict(DomainError):
    """It exists already, or its state does not allow this."""


class PreconditionRequired(DomainError):
    """A change needs the version the caller last read (If-Match)."""


class PreconditionFailed(DomainError):
    """The version the caller last read is no longer current."""


class Invalid(DomainError):
    pass


class NietToegestaan(DomainError):
    """Well formed, but the law in force on the date does not allow it (a value above a
    dated statutory maximum): 422, not 400, since no schema can say it."""


class Forbidden(DomainError):
    pass
