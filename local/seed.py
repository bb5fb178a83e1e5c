"""Local demo rights for `make run`, granted the way production grants them.

The bootstrap binds the first autorisatiebeheer client; that client then uses the
operator code path (`Autorisatiebeheer`) to create the demo organisations (GM0363,
GM0344 and a waterschap), bind their local clients and the operators' (beheer, inzage),
and connect each organisation to every service, so the audit log shows it all.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from local.issuer import local_client_id
from shared.errors import Conflict
from shared.models.toegang import AansluitingAanvraag, KoppelingAanvraag, OrganisatieGegevens
from shared.security.access import AUTORISATIEBEHEER, BEHEER, INZAGE, SYSTEEM, WIJZIGEN, Caller
from shared.security.beheer import Autorisatiebeheer
from shared.security.bootstrap import bootstrap
from shared.security.diensten import CATALOGUS
from shared.security.tokens import Identity
from shared.storage.toegang import KoppelingRepository, OrganisatieRepository

BUREAU = "IB0001"
GEMEENTE = "GM0363"
ORGANISATIES = {
    GEMEENTE: "Gemeente Amsterdam",
    "GM0344": "Gemeente Utrecht",
    "WS0155": "Waterschap (lokaal; waterschapscodes zijn niet geverifieerd)",
}
"""The local organisations, each connected to every service of the catalogue."""
GRONDSLAG = "Lokale ontwikkelomgeving: demonstratiegegevens, geen echte grondslag."


def seed() -> None:
    now = datetime.now(UTC)
    admin = local_client_id(BUREAU, [AUTORISATIEBEHEER])
    bootstrap(BUREAU, "Informatiebureau (lokaal)", admin, "lokale autorisatiebeheerder", now)
    beheer = Autorisatiebeheer(
        Caller(Identity(admin, frozenset({AUTORISATIEBEHEER}), admin), BUREAU, BUREAU, WIJZIGEN)
    )
    for code, naam in ORGANISATIES.items():
        if OrganisatieRepository().find(code) is None:
            beheer.zet_organisatie(code, OrganisatieGegevens(naam=naam), None)
    clients = {
        local_client_id(BUREAU, [BEHEER]): (BUREAU, "lokale beheerder"),
        local_client_id(BUREAU, [INZAGE]): (BUREAU, "lokale medewerker inzageverzoeken"),
    }
    for code in ORGANISATIES:
        clients[local_client_id(code, [SYSTEEM])] = (code, f"lokaal systeem van {code}")
    for client_id, (organisatie, omschrijving) in clients.items():
        if KoppelingRepository().find(client_id) is None:
            aanvraag = KoppelingAanvraag(
                organisatie=organisatie, omschrijving=omschrijving, geldig_van=now
            )
            beheer.koppel(client_id, aanvraag, None)
    for code in ORGANISATIES:
        for doel in CATALOGUS:
            aansluiting = AansluitingAanvraag(
                dienst=doel.dienst, doel=doel.code, grondslag=GRONDSLAG, geldig_van=now
            )
            with contextlib.suppress(Conflict):
                beheer.verleen(code, aansluiting)


if __name__ == "__main__":
    seed()
