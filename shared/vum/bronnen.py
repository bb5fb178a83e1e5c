"""The VUM bronnen as data: which systems the exchange asks, for which domains, and how.

A bron is registered by autorisatiebeheer (`Autorisatiebeheer.zet_vum_bron`, audited) under
its OIN: its base URL, the domains it serves, how it proves who it is (the SHA-256 of the
certificate its server must present, on top of the usual verification), whether it lives in a
private network, its time limit and its maximum number of results. Like every right it has a
period; a bron whose period ended is not asked.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, field_validator

from shared.models.base import ApiModel
from shared.models.toegang import Periode
from shared.storage import toegangscache
from shared.storage.containers import VUM_BRONNEN
from shared.storage.toegang import Rechten
from shared.storingen.adressen import AdresGeweigerd, controleer_url
from shared.validation.organisatie import OIN

DomeinPad = Literal["vacatures", "werkzoekendeProfielen"]
_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_POORT = r"(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})"
BASIS_URL = rf"^https://{_LABEL}(\.{_LABEL})*(:{_POORT})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?$"
"""https, a host name or IPv4 address, a port, a path: no query, fragment or user (the address
itself is checked again at every call, `shared.storingen.adressen`)."""
PARTITIE = "vum"
MAXIMUM_AANTAL_RESULTATEN = 100
"""Per selectievraag, unless the registration says otherwise (the contract: "standaard 100")."""
TIJDSLIMIET_MS = 5000
"""Per call to a bron, unless the registration says otherwise (a platform choice: a counter
clerk waits for the answer; the slowest bron decides how long)."""


class VumBronGegevens(Periode):
    """What autorisatiebeheer sends to register a bron or change it."""

    naam: str = Field(min_length=1, max_length=200)
    basis_url: str = Field(
        min_length=9,
        max_length=500,
        pattern=BASIS_URL,
        description="https URL to which the contract's paths are added "
        "(`{basisUrl}/vacatures/matches`).",
    )
    domeinen: list[DomeinPad] = Field(
        min_length=1, max_length=2, json_schema_extra={"uniqueItems": True}
    )
    verwerker_oin: str | None = Field(
        default=None,
        pattern=OIN,
        description="OIN of the bron's verwerker (X-VUM-viaParty); absent: the bron itself.",
    )
    certificaat_vingerafdruk: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{64}$",
        description="SHA-256 (hex) of the server certificate the bron must present.",
    )
    prive_netwerk: bool = Field(
        default=False,
        description="The bron is in a private network (e.g. Diginetwerk): its address may be a "
        "private one. Loopback, link-local and metadata addresses stay refused.",
    )
    maximum_aantal_resultaten: int = Field(default=MAXIMUM_AANTAL_RESULTATEN, ge=1, le=1000)
    tijdslimiet_ms: int = Field(default=TIJDSLIMIET_MS, ge=100, le=30000)

    @field_validator("basis_url")
    @classmethod
    def _https(cls, waarde: str) -> str:
        try:
            controleer_url(waarde)
        except AdresGeweigerd as geweigerd:
            raise ValueError(geweigerd.reden) from None
        if "?" in waarde:
            raise ValueError("een basis-URL heeft geen query")
        return waarde.rstrip("/")

    @field_validator("domeinen")
    @classmethod
    def _elk_eens(cls, waarde: list[DomeinPad]) -> list[DomeinPad]:
        if len(set(waarde)) != len(waarde):
            raise ValueError("een domein staat meer dan eens in domeinen")
        return waarde


class VumBron(VumBronGegevens):
    LEEG_TOEGESTAAN = True

    id: Annotated[str, Field(pattern=OIN, description="The bron's OIN.")]
    partitie: Literal["vum"] = "vum"
    verleend_door: str
    gewijzigd_op: AwareDatetime

    @property
    def oin(self) -> str:
        return self.id

    @property
    def via(self) -> str:
        return self.verwerker_oin or self.id


class VumBronLijst(ApiModel):
    bronnen: list[VumBron]


class VumBronRepository(Rechten[VumBron]):
    """A store of rights like the others: a write empties this instance's access cache, and
    the exchange reads the bronnen through it (another instance sees a change within the
    cache's bound)."""

    def __init__(self) -> None:
        super().__init__(VUM_BRONNEN, VumBron)

    def find(self, oin: str) -> tuple[VumBron, str] | None:
        return self.get(PARTITIE, oin)

    def alle(self) -> list[VumBron]:
        gevonden = self.all(
            "SELECT * FROM c WHERE c.partitie = @p", {"@p": PARTITIE}, partition=PARTITIE
        )
        return sorted(gevonden, key=lambda bron: bron.id)

    def actief(self, domein: str, moment: datetime) -> list[VumBron]:
        """The bronnen to ask for `domein` now, in OIN order."""
        alle = toegangscache.lees((VUM_BRONNEN.name, PARTITIE, "*"), self.alle) or []
        return [b for b in alle if domein in b.domeinen and b.is_actief(moment)]
