"""The catalogue: which services exist and for which purposes an organisation may use them.

A connection (aansluiting) names one service and one purpose from this catalogue, with
the legal basis the granting operator cites; routes and file triggers declare the same
pair, so a right is always for a purpose.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Doel:
    dienst: str
    code: str
    omschrijving: str


AANLEVERINGEN_VOLGEN = Doel(
    "aanleveringen", "volgen", "De eigen aanleveringen volgen: status, aantallen, afkeuringen."
)
PROEFAANLEVERING_TESTEN = Doel(
    "proefaanlevering", "testen", "Het aanleverkanaal en het bestandsformaat testen."
)

BVV_BEREKENEN = Doel(
    "beslagvrije-voet",
    "berekenen",
    "De beslagvrije voet van een schuldenaar vaststellen bij beslag of verrekening (Rv 475c-fa).",
)

RECHTMATIGHEID_CONTROLEREN = Doel(
    "rechtmatigheid",
    "controleren",
    "De rechtmatigheid van bijstand controleren met samenloopsignalen (Pw art. 17 en 64).",
)

KWIJTSCHELDING_TOETSEN = Doel(
    "kwijtschelding",
    "toetsen",
    "Kwijtschelding van gemeentelijke en waterschapsbelastingen toetsen "
    "(Invorderingswet 1990 art. 26; URI art. 10-17, 27 en 28).",
)
KWIJTSCHELDING_BELEID = Doel(
    "kwijtschelding",
    "beleid",
    "Het eigen kwijtscheldingsbeleid vastleggen, zoals de verordening het kiest (RKBM art. 2-4).",
)

STORINGEN_VOLGEN = Doel(
    "storingen",
    "volgen",
    "Bericht krijgen van storingen en gepland onderhoud van het platform.",
)

INZAGEVERZOEK = Doel(
    "inzage",
    "inzageverzoek",
    "Een bewoner laten zien wat over hem is vastgelegd (AVG art. 15); operators, geen aansluiting.",
)

CATALOGUS: tuple[Doel, ...] = (
    AANLEVERINGEN_VOLGEN,
    PROEFAANLEVERING_TESTEN,
    BVV_BEREKENEN,
    RECHTMATIGHEID_CONTROLEREN,
    KWIJTSCHELDING_TOETSEN,
    KWIJTSCHELDING_BELEID,
    STORINGEN_VOLGEN,
)


def bestaat(dienst: str, doel: str) -> bool:
    return any(d.dienst == dienst and d.code == doel for d in CATALOGUS)
