"""The processing log (Logboek Dataverwerkingen) and what a resident sees of it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AwareDatetime, Field, field_serializer, model_validator

from shared.models.audit import utc_text
from shared.models.base import ApiModel
from shared.storage.vervolg import Vervolg


def emmer_van(betrokkene: str) -> str:
    """The partition of a data subject's lines: one of 256."""
    return betrokkene[:2]


class Verwerking(ApiModel):
    """One line of the processing log: one processing of one data subject's data, in the
    fields of the Logboek Dataverwerkingen (trace and operation ids of W3C Trace Context,
    `dpl.core.processing_activity_id`, `dpl.core.data_subject_id`). No user identity: who
    acted is in the audit entry the line names (`audit_id`)."""

    id: str
    betrokkene: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description="The data subject as a keyed hash of the BSN (the audit log's pseudonym).",
    )
    emmer: str = Field(
        description="The partition key: the first two hex digits of `betrokkene`. A subject's "
        "lines are one partition's query; a batch run writes the lines of its persons in "
        "transactional batches per emmer instead of one request per person."
    )
    trace_id: str = Field(pattern=r"^[0-9a-f]{32}$")
    operation_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    parent_operation_id: str | None = Field(default=None, pattern=r"^[0-9a-f]{16}$")
    naam: str = Field(description="The operation, e.g. `beslagvrije voet berekenen`.")
    activiteit: str = Field(description="The processing activity's id in the register.")
    status: Literal["OK", "ERROR"]
    start_tijd: AwareDatetime
    eind_tijd: AwareDatetime
    ontvanger: str = Field(description="The organisation the data were processed for.")
    audit_id: str = Field(description="The audit entry that names who acted.")
    ttl: int = Field(gt=0, description="Seconds Cosmos keeps the line: the activity's term.")

    @model_validator(mode="before")
    @classmethod
    def _emmer(cls, data: Any) -> Any:
        if isinstance(data, dict) and "emmer" not in data and "betrokkene" in data:
            return {**data, "emmer": emmer_van(str(data["betrokkene"]))}
        return data

    @model_validator(mode="after")
    def _emmer_van_betrokkene(self) -> Verwerking:
        if self.emmer != emmer_van(self.betrokkene):
            raise ValueError("emmer hoort bij een andere betrokkene")
        return self

    @field_serializer("start_tijd", "eind_tijd")
    def _fixed_width(self, moment: AwareDatetime) -> str:
        return utc_text(moment)


class Gebruik(ApiModel):
    """One use of the resident's data, in the fields of a data tracker: when, which
    organisation, what for, on which basis, from which sources."""

    tijdstip: AwareDatetime
    organisatie: str = Field(description="The organisation the data were used for (its code).")
    organisatie_naam: str | None = None
    handeling: str = Field(description="What was done, in plain Dutch.")
    grondslag: str
    bronnen: list[str] = Field(description="The source registrations the processing reads.")
    systeem: str = Field(description="The information system: the platform and its service.")


class GebruikLijst(ApiModel):
    gebruik: list[Gebruik] = Field(
        description="Newest first. A page can hold fewer than `paginaGrootte`, even none (what "
        "is past its term or withheld is left out): follow `volgende` until it is absent."
    )
    volgende: str | None = Field(default=None, description="`vervolg` of the next page.")
    bewaartermijn: str = Field(
        description="How far back the list reaches: each use is kept as long as its activity "
        "says, then removed."
    )


class GebruikQuery(ApiModel):
    pagina_grootte: int = Field(default=50, ge=1, le=200)
    vervolg: Vervolg | None = None


class Vertrouwelijkheid(ApiModel):
    """Withhold a processing activity from residents while a legal ground applies."""

    grond: str = Field(
        min_length=1,
        max_length=1000,
        description="The legal ground, e.g. UAVG art. 41 lid 1 onder d (a running criminal "
        "investigation), and why it applies.",
    )


class VertrouwelijkeActiviteit(Vertrouwelijkheid):
    id: str = Field(description="The activity's code.")
    vastgesteld_door: str
    vastgesteld_op: AwareDatetime


class ActiviteitInRegister(ApiModel):
    code: str
    id: str
    dienst: str
    doel: str
    naam: str
    grondslag: str
    bronnen: list[str]
    bewaartermijn_dagen: int
    bewaartermijn_bron: str
    vertrouwelijk: str | None = Field(default=None, description="The ground, while withheld.")


class Activiteitenregister(ApiModel):
    activiteiten: list[ActiviteitInRegister]
