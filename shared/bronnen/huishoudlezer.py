"""A household's records in real time: the sources of the applicant, the partner, the
children and, where a service needs them, everyone else at the address (address index),
one query per person (`Bronnen.persoon`).
The derivation itself is `shared.bronnen.huishouden` (pure); this only reads.

Every person other than the applicant is handed to `audit` before his records are read
(the partner once the applicant's relations name him, the children, the co-residents
once the address index names them): the caller writes one audit entry per person, so a
partner's data is never read unaudited (the applicant is audited by the service itself).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date

from shared.bronnen import huishouden
from shared.bronnen.huishouden import HUISHOUDEN_BRONNEN, MEDEBEWONER_BRONNEN, Records
from shared.bronnen.raadplegen import Bronnen, GeenAdresindex, Stand


def records(stands: list[Stand]) -> tuple[Records, set[str]]:
    """A person's records as dicts, and the sources that had a snapshot in force."""
    return (
        {s.bron: [r.model_dump() for r in s.records] for s in stands},
        {s.bron for s in stands if s.snapshot is not None},
    )


@dataclass(frozen=True)
class Gelezen:
    huishouden: huishouden.Huishouden
    personen: dict[str, Records]
    bekend: set[str]
    """The sources with a snapshot in force on the date (read for the applicant)."""
    bewoners_onbekend: str | None = None
    """Why the other persons at the address could not be read (no address index)."""


def lees(
    bronnen: Bronnen,
    bsn: str,
    peildatum: date,
    lid_bronnen: Iterable[str],
    *,
    medebewoners: bool,
    audit: Callable[[Collection[str]], object],
) -> Gelezen:
    """The household of `bsn`: `lid_bronnen` of the applicant and the partner, the BRP of
    the children, and with `medebewoners` the other persons at the address."""
    lid_bronnen = tuple(dict.fromkeys((*HUISHOUDEN_BRONNEN, *lid_bronnen)))
    personen: dict[str, Records] = {}
    personen[bsn], bekend = records(bronnen.persoon(bsn, peildatum, lid_bronnen))
    partner = huishouden.partner_van(personen[bsn], peildatum)
    if partner is not None:
        audit([partner])
        personen[partner] = records(bronnen.persoon(partner, peildatum, lid_bronnen))[0]
    kinderen = {
        kind
        for ouder in list(personen.values())
        for kind in huishouden.relaties(ouder, "kind", peildatum)
    }
    nieuwe_kinderen = sorted(kinderen - personen.keys())
    if nieuwe_kinderen:
        audit(nieuwe_kinderen)
    for kind in nieuwe_kinderen:
        personen[kind] = records(bronnen.persoon(kind, peildatum, HUISHOUDEN_BRONNEN))[0]
    bewoners: list[str] = []
    onbekend = None
    adres = huishouden.adres_van(personen[bsn])
    if medebewoners and adres is not None:
        try:
            bewoners = bronnen.bewoners(adres, peildatum)
        except GeenAdresindex as error:
            onbekend = str(error)
        nieuwe_bewoners = sorted(set(bewoners) - personen.keys())
        if nieuwe_bewoners:
            audit(nieuwe_bewoners)
        for bewoner in nieuwe_bewoners:
            personen[bewoner] = records(bronnen.persoon(bewoner, peildatum, MEDEBEWONER_BRONNEN))[0]
    h = huishouden.afleiden(bsn, peildatum, personen, bewoners)
    return Gelezen(h, personen, bekend, onbekend)
