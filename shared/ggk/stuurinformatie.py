"""Monitor- en stuurinformatie per organisation and month, from the track of its GGk traffic:
messages per type, refusals per Fo01 code, retour codes, the time from a heen message to its
retour (median and p90), toewijzingen per product category and provider, declared amounts.
Aggregates only: no BSN, no message content. Which figures the bureau's own products show
is not public; these are the ones the traffic itself answers."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from shared.ggk.berichten import GgkBerichtRepository
from shared.models.ggk import (
    Declaraties,
    Doorlooptijd,
    GgkBerichtDocument,
    Stuurinformatie,
    Telling,
    Toewijzingen,
)

UUR = 3600


def _tellingen(waarden: Iterable[str]) -> list[Telling]:
    return [Telling(sleutel=k, aantal=v) for k, v in sorted(Counter(waarden).items())]


def _in_maand(documenten: Iterable[GgkBerichtDocument], maand: str) -> list[GgkBerichtDocument]:
    return [d for d in documenten if f"{d.ontvangen_op:%Y-%m}" == maand]


def bereken(organisatie: str, maand: str) -> Stuurinformatie:
    repository = GgkBerichtRepository()
    verzonden = _in_maand(
        repository.all(
            "SELECT * FROM c WHERE c.afzender = @organisatie",
            {"@organisatie": organisatie},
            partition=None,
        ),
        maand,
    )
    ontvangen = _in_maand(
        repository.all(
            "SELECT * FROM c WHERE c.postbus = @organisatie AND c.afzender != @organisatie",
            {"@organisatie": organisatie},
            partition=organisatie,
        ),
        maand,
    )
    afgeleverd = [d for d in verzonden if d.status != "afgekeurd"]
    uren = sorted(
        (d.retour_ontvangen_op - d.ontvangen_op).total_seconds() / UUR
        for d in afgeleverd
        if d.soort == "Di01" and d.retour_ontvangen_op is not None
    )
    retours = [d for d in [*afgeleverd, *ontvangen] if d.soort == "Du01"]
    toewijzingen = Counter(
        (categorie, d.ontvanger)
        for d in afgeleverd
        if d.functie in ("WMO301", "JW301") and d.kenmerken
        for categorie in d.kenmerken.categorieen
    )
    declaraties: dict[str, list[int]] = {}
    for d in ontvangen:
        if d.functie in ("WMO323", "JW323") and d.kenmerken and d.kenmerken.bedrag_cent is not None:
            declaraties.setdefault(d.zender, []).append(d.kenmerken.bedrag_cent)
    return Stuurinformatie(
        organisatie=organisatie,
        maand=maand,
        verzonden=_tellingen(d.functie for d in afgeleverd),
        ontvangen=_tellingen(d.functie for d in ontvangen),
        afkeur=_tellingen(d.fout.code for d in verzonden if d.fout is not None),
        retourcodes=_tellingen(c for d in retours if d.kenmerken for c in d.kenmerken.retourcodes),
        doorlooptijd=Doorlooptijd(
            aantal=len(uren),
            mediaan_uren=round(statistics.median(uren), 2) if uren else None,
            p90_uren=round(statistics.quantiles(uren, n=10)[-1], 2) if len(uren) > 1 else None,
        ),
        toewijzingen=[
            Toewijzingen(categorie=c, aanbieder=a, aantal=n)
            for (c, a), n in sorted(toewijzingen.items())
        ],
        declaraties=[
            Declaraties(aanbieder=a, aantal=len(b), bedrag=str(Decimal(sum(b)) / 100))
            for a, b in sorted(declaraties.items())
        ],
    )


def als_csv(informatie: Stuurinformatie) -> str:
    """`onderdeel;sleutel;aantal;waarde`, one row per figure, for a spreadsheet."""
    regels = ["onderdeel;sleutel;aantal;waarde"]
    for onderdeel in ("verzonden", "ontvangen", "afkeur", "retourcodes"):
        regels += [f"{onderdeel};{t.sleutel};{t.aantal};" for t in getattr(informatie, onderdeel)]
    d = informatie.doorlooptijd
    regels.append(f"doorlooptijd;mediaan_uren;{d.aantal};{d.mediaan_uren or ''}")
    regels.append(f"doorlooptijd;p90_uren;{d.aantal};{d.p90_uren or ''}")
    regels += [
        f"toewijzingen;{t.categorie}/{t.aanbieder};{t.aantal};" for t in informatie.toewijzingen
    ]
    regels += [f"declaraties;{t.aanbieder};{t.aantal};{t.bedrag}" for t in informatie.declaraties]
    return "\n".join(regels) + "\n"
