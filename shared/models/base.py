"""The base of every API and document model: camelCase on the wire, snake_case in Python."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar, cast, get_args, get_origin

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    FutureDate,
    NaiveDatetime,
    PastDate,
    model_validator,
)
from pydantic.alias_generators import to_camel
from pydantic.config import JsonDict, JsonValue
from pydantic_core import PydanticCustomError

from shared.validation.organisatie import ANY_ORGANISATION

SAMENHANG = "samenhang"
"""The error type of a rule between fields (an end after its start, one of two fields):
JSON Schema cannot say it, so the OpenAPI document names it in the model's description,
and a refusal for it says `samenhang` as its code."""


TEMPOREEL = (date, datetime, AwareDatetime, NaiveDatetime, FutureDate, PastDate)


def _is_temporeel(annotation: Any) -> bool:
    if annotation in TEMPOREEL:
        return True
    if get_origin(annotation) is not None and get_origin(annotation) is not list:
        return any(_is_temporeel(a) for a in get_args(annotation))
    return False


def samenhang(reden: str) -> PydanticCustomError:
    return PydanticCustomError(SAMENHANG, reden.replace("{", "(").replace("}", ")"))


Openbaar = TypeVar("Openbaar", bound="ApiModel")


class ApiModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        frozen=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _datum_is_tekst(cls, data: Any) -> Any:
        """A date or moment is an ISO text, as the document says, never a number of seconds
        (which pydantic would otherwise take as a Unix time)."""
        if isinstance(data, dict):
            for naam, alias in _temporele_velden(cls):
                waarde = data.get(alias, data.get(naam))
                if isinstance(waarde, int | float) and not isinstance(waarde, bool):
                    raise PydanticCustomError("date_type", f"{alias}: een datum is een ISO-tekst")
        return data

    def als(self, model: type[Openbaar]) -> Openbaar:
        """This document as a model it extends (what it shows outside the platform): that
        model's fields only, taken as they are, for they were validated with this document
        (validating them again cost a batch a tenth of its time). So the answer is the
        document as stored: an amount is not parsed back from its wire text on the way out."""
        if not issubclass(type(self), model):
            raise TypeError(f"{type(self).__name__} does not extend {model.__name__}")
        velden = model.model_fields
        getoond = model.model_construct(
            _fields_set=self.model_fields_set & set(velden),
            **{naam: getattr(self, naam) for naam in velden},
        )
        return cast(Openbaar, getoond)  # the pydantic plugin types it as the bound


@cache
def _temporele_velden(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(name, alias) of the model's date and moment fields: found once per model, as every
    validation asks (a batch validates hundreds of thousands of nested models)."""
    return tuple(
        (naam, veld.alias or naam)
        for naam, veld in model.model_fields.items()
        if _is_temporeel(veld.annotation)
    )


def zonder_bsn_verplicht(*groepen: tuple[str, ...]) -> JsonDict:
    """The JSON Schema of "without a bsn, these are required": a `bsn`, or every group
    given (a group of several names: one of them), each as a field not null."""

    def gegeven(naam: str) -> JsonDict:
        veld = to_camel(naam)
        return {"required": [veld], "properties": {veld: {"not": {"type": "null"}}}}

    zonder: list[JsonValue] = [
        gegeven(groep[0]) if len(groep) == 1 else {"anyOf": [gegeven(n) for n in groep]}
        for groep in groepen
    ]
    return {"anyOf": [gegeven("bsn"), {"allOf": zonder}]}


class NamensQuery(ApiModel):
    """`?organisatie=`: for whom the caller acts. Its own organisation by default; another
    only under a mandate of that organisation that covers the route's purpose."""

    organisatie: str | None = Field(
        default=None,
        pattern=ANY_ORGANISATION,
        description="Only under a mandate: the organisation acted for (a gemeente or "
        "waterschap for an agency, a Doorstroompunt for a gemeente of its region). Default: "
        "your own.",
    )
