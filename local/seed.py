"""Local demo rights for `make run`, granted the way production grants them.

The bootstrap binds the first autorisatiebeheer client; that client then uses the
operator code path (`Autorisatiebeheer`) to create the demo organisations (GM0363,
GM0344 and a waterschap), bind their local clients and the operators' (beheer, inzage),
and connect each organisation to every service, so the audit log shows it all.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from decimal import Decimal

from local.issuer import local_client_id
from shared.bronnen.huishouden import Leefsituatie
from shared.errors import Conflict
from shared.inkomenstoeslag.beleid import InkomenstoeslagBeleidRegister
from shared.inkomstenverrekening.beleid import InkomstenverrekeningBeleidRegister
from shared.kwijtschelding.beleid import BeleidRepository
from shared.minimatoets.beleid import MinimaBeleidRegister
from shared.models.inkomenstoeslag import InkomenstoeslagBeleid
from shared.models.inkomstenverrekening import InkomstenverrekeningBeleid
from shared.models.kwijtschelding import KwijtscheldingBeleid
from shared.models.minimatoets import MinimaBeleid
from shared.models.toegang import (
    AansluitingAanvraag,
    DoorstroompuntRegio,
    KoppelingAanvraag,
    Mandaat,
    MandaatDienst,
    OrganisatieGegevens,
)
from shared.rules.iit import Aggregatie
from shared.rules.oib import Vakantiegeld
from shared.security.access import (
    AUTORISATIEBEHEER,
    BEHEER,
    HERBEREKENING,
    INZAGE,
    PARAMETERBEHEER,
    PARAMETERVASTSTELLING,
    SYSTEEM,
    WIJZIGEN,
    Caller,
)
from shared.security.beheer import Autorisatiebeheer
from shared.security.bootstrap import bind_operator, bootstrap
from shared.security.diensten import CATALOGUS
from shared.security.tokens import Identity
from shared.storage.toegang import KoppelingRepository, OrganisatieRepository
from shared.validation.organisatie import soort_of
from shared.vum.bronnen import VumBronGegevens, VumBronRepository

BUREAU = "IB0001"
GEMEENTE = "GM0363"
BELASTINGSAMENWERKING = "MA00000001"
"""Collects local taxes for GM0363, GM0344 and WS0155 (mandated by each)."""
DOORSTROOMPUNT = "DP99"
"""No real region has this number (there are 39 or 40): a made-up region for local use. It
mandates the gemeenten of its region to do its work."""
KWIJTSCHELDINGSBELEID = {
    GEMEENTE: KwijtscheldingBeleid(kosten_van_bestaan_percentage=Decimal(100)),
    "GM0344": KwijtscheldingBeleid(),
}
"""100% of the norm for GM0363, the default 90% for GM0344; no extra buffer, the URI car limit."""
INKOMENSTOESLAGBELEID = {
    GEMEENTE: InkomenstoeslagBeleid(
        percentage=110,
        aggregatie=Aggregatie.GEMIDDELD,
        referteperiode_maanden=36,
        met_vakantietoeslag=False,
        vermogenstoets=True,
        bedragen={
            Leefsituatie.ALLEENSTAANDE: Decimal(601),
            Leefsituatie.ALLEENSTAANDE_OUDER: Decimal(701),
            Leefsituatie.GEHUWD: Decimal(801),
        },
    )
}
"""A verordening individuele inkomenstoeslag for GM0363 only (a made-up one in the shape of
Alphen aan den Rijn's 2026 rules); GM0344 has none, so its toets answers 422."""
MINIMABELEID = {GEMEENTE: MinimaBeleid(toetspercentage=130, vermogenstoets=False)}
"""The inkomens- en vermogenstoets norms of GM0363 (130%); GM0344 has none."""
INKOMSTENVERREKENINGBELEID = {
    GEMEENTE: InkomstenverrekeningBeleid(
        vakantiegeld=Vakantiegeld.AANSPRAAK, vrijlating_arbeid=True
    )
}
"""GM0363 receives the inkomstenverrekening with its rechtmatigheid deliveries; GM0344 not."""
ORGANISATIES = {
    DOORSTROOMPUNT: "Doorstroompunt (lokaal)",  # first: the gemeenten it mandates are checked
    GEMEENTE: "Gemeente Amsterdam",
    "GM0344": "Gemeente Utrecht",
    "WS0155": "Waterschap (lokaal; waterschapscodes zijn niet geverifieerd)",
    BELASTINGSAMENWERKING: "Belastingsamenwerking (lokaal)",
    "VECOZO": "VECOZO, het schakelpunt naar de zorgaanbieders (lokaal)",
}
"""The local organisations, each connected to every service the catalogue allows its kind,
and mandated by the others as far as the catalogue allows."""
GRONDSLAG = "Lokale ontwikkelomgeving: demonstratiegegevens, geen echte grondslag."


def lokale_oin(code: str) -> str:
    """A made-up OIN for a local organisation (`00000099` is no real OIN prefix in use here):
    the VUM exchange checks X-VUM-fromParty against it.

    >>> lokale_oin("GM0363")
    '00000099000000000363'
    """
    cijfers = "".join(c for c in code if c.isdigit())[-8:]
    return f"00000099{cijfers:0>12}"


REGIO = DoorstroompuntRegio(
    naam="Lokale regio",
    contactgemeente=GEMEENTE,
    gemeenten=[GEMEENTE, "GM0344"],
    bron="Lokale ontwikkelomgeving: geen echte regio-indeling.",
)
"""The local Doorstroompunt's region: the two local gemeenten."""


def _mandaten(code: str, now: datetime) -> list[Mandaat]:
    """The mandates of the other local organisations to `code`, as far as the catalogue
    allows: a Doorstroompunt mandates only the gemeenten of its region."""
    soort, mandaten = soort_of(code), []
    for mandant in ORGANISATIES:
        diensten = [
            MandaatDienst(dienst=doel.dienst, doel=doel.code)
            for doel in CATALOGUS
            if (soort_of(mandant), soort) in doel.mandaten
        ]
        if diensten and (mandant != DOORSTROOMPUNT or code in REGIO.gemeenten):
            mandaten.append(Mandaat(gemeente=mandant, geldig_van=now, diensten=diensten))
    return mandaten


def seed() -> None:
    now = datetime.now(UTC)
    admin = local_client_id(BUREAU, [AUTORISATIEBEHEER])
    bootstrap(BUREAU, "Informatiebureau (lokaal)", admin, "lokale autorisatiebeheerder", now)
    beheer = Autorisatiebeheer(
        Caller(Identity(admin, frozenset({AUTORISATIEBEHEER}), admin), BUREAU, BUREAU, WIJZIGEN)
    )
    for code, naam in ORGANISATIES.items():
        if OrganisatieRepository().find(code) is None:
            gegevens = OrganisatieGegevens(
                naam=naam,
                mandaten=_mandaten(code, now),
                regio=REGIO if code == DOORSTROOMPUNT else None,
                oin=lokale_oin(code),
            )
            beheer.zet_organisatie(code, gegevens, None)
    operators = {
        local_client_id(BUREAU, [BEHEER]): "lokale beheerder",
        local_client_id(BUREAU, [INZAGE]): "lokale medewerker inzageverzoeken",
        local_client_id(BUREAU, [HERBEREKENING]): "lokale operator herberekeningen",
        local_client_id(BUREAU, [PARAMETERBEHEER]): "lokale operator parameterbeheer",
        local_client_id(BUREAU, [PARAMETERVASTSTELLING]): "lokale operator parametervaststelling",
    }
    for client_id, omschrijving in operators.items():
        bind_operator(BUREAU, client_id, omschrijving, now, now)
    clients = {
        local_client_id(code, [SYSTEEM]): (code, f"lokaal systeem van {code}")
        for code in ORGANISATIES
    }
    for client_id, (organisatie, omschrijving) in clients.items():
        if KoppelingRepository().find(client_id) is None:
            aanvraag = KoppelingAanvraag(
                organisatie=organisatie, omschrijving=omschrijving, geldig_van=now
            )
            beheer.koppel(client_id, aanvraag, None)
    for code in ORGANISATIES:
        for doel in CATALOGUS:
            if soort_of(code) not in doel.soorten | doel.gemandateerden:
                continue
            aansluiting = AansluitingAanvraag(
                dienst=doel.dienst, doel=doel.code, grondslag=GRONDSLAG, geldig_van=now
            )
            with contextlib.suppress(Conflict):
                beheer.verleen(code, aansluiting)
    policies = BeleidRepository()
    for code, beleid in KWIJTSCHELDINGSBELEID.items():
        if policies.van(code)[1] is None:
            policies.zet(beheer.caller, code, beleid, None)
    verordeningen, normen = InkomenstoeslagBeleidRegister(), MinimaBeleidRegister()
    for code, verordening in INKOMENSTOESLAGBELEID.items():
        if verordeningen.eigen(code) is None:
            verordeningen.zet(beheer.caller, code, verordening, None)
    for code, norm in MINIMABELEID.items():
        if normen.eigen(code) is None:
            normen.zet(beheer.caller, code, norm, None)
    keuzes = InkomstenverrekeningBeleidRegister()
    for code, keuze in INKOMSTENVERREKENINGBELEID.items():
        if keuzes.eigen(code) is None:
            keuzes.zet(beheer.caller, code, keuze, None)


def registreer_vum_bron(oin: str, naam: str, url: str) -> None:
    """Register a local reference bron (`local.vumbron`) for both VUM domains."""
    admin = local_client_id(BUREAU, [AUTORISATIEBEHEER])
    beheer = Autorisatiebeheer(
        Caller(Identity(admin, frozenset({AUTORISATIEBEHEER}), admin), BUREAU, BUREAU, WIJZIGEN)
    )
    gegevens = VumBronGegevens(
        naam=naam,
        basis_url=url,
        domeinen=["vacatures", "werkzoekendeProfielen"],
        geldig_van=datetime.now(UTC),
    )
    huidig = VumBronRepository().find(oin)
    beheer.zet_vum_bron(oin, gegevens, huidig[1] if huidig else None)


if __name__ == "__main__":
    seed()
