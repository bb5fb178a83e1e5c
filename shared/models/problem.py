"""Problem details (RFC 9457) as the NL GOV API Design Rules and Haal Centraal use them."""

from __future__ import annotations

from pydantic import Field

from shared.models.base import ApiModel

MEDIA_TYPE = "application/problem+json"


class InvalidParam(ApiModel):
    name: str = Field(description="The parameter or field, e.g. `body.bsn` or `query.peildatum`.")
    code: str = Field(description="A stable code for the kind of error, e.g. `required`.")
    reason: str = Field(description="What is wrong, in words a user understands.")


class Problem(ApiModel):
    type: str = Field(default="about:blank", description="A URI that identifies the kind.")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = Field(default=None, description="The correlation id of the request.")
    invalid_params: list[InvalidParam] | None = None
