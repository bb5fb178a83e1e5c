"""Local demo rights for `make run`, granted the way production grants them.

The bootstrap binds the first autorisatiebeheer client; that client then uses the
operator code path (`Autorisatiebeheer`) to create the demo organisations, bind their
local clients and connect GM0363 to the services, so the audit log shows it all.
"""

from __future__ import annotations

from datetime import UTC, datetime

from local.issuer import local_client_id
from shared.errors import Conflict
from shared.models.toegang import AansluitingAanvraag, KoppelingAanvraag, OrganisatieGegevens
from shared.security.access import AUTORISATIEBEHEER, BEHEER, SYSTEEM, Beheer, Caller
from shared.security.beheer import Autorisatiebeheer
from shared.security.bootstrap import bootstrap
from shared.security.diensten import CATALOGUS
from shared.security.tokens import Identity
from shared.storage.toegang import KoppelingRepository, OrganisatieRepository

BUREAU = "IB0001"
GEMEENTE = "GM0363"
GRONDSLAG = "Lokale ontwikkelomgeving: demonstratiegegevens, geen echte grondslag."


def seed() -> None:
    now = datetime.now(UTC)
    admin = local_client_id(BUREAU, [AUTORISATIEBEHEER])
    bootstrap(BUREAU, "Informatiebureau (lokaal)", admin, "lokale autorisatiebeheerder", now)
    beheer = Autorisatiebeheer(
        Caller(Identity(admin, frozenset({AUTORISATIEBEHEER}), admin), BUREAU, BUREAU, Beheer(True))
    )
    if OrganisatieRepository().find(GEMEENTE) is None:
        beheer.zet_organisatie(GEMEENTE, OrganisatieGegevens(naam="Gemeente Amsterdam"), None)
    clients = {
        local_client_id(BUREAU, [BEHEER]): (BUREAU, "lokale beheerder"),
        local_client_id(GEMEENTE, [SYSTEEM]): (GEMEENTE, "lokaal systeem van de gemeente"),
    }
    for client_id, (organisatie, omschrijving) in clients.items():
        if KoppelingRepository().find(client_id) is None:
            aanvraag = KoppelingAanvraag(
                organisatie=organisatie, omschrijving=omschrijving, geldig_van=now
            )
            beheer.koppel(client_id, aanvraag, None)
    for doel in CATALOGUS:
        aansluiting = AansluitingAanvraag(
            dienst=doel.dienst, doel=doel.code, grondslag=GRONDSLAG, geldig_van=now
        )
        try:
            beheer.verleen(GEMEENTE, aansluiting)
        except Conflict:
            continue


if __name__ == "__main__":
    seed()
