"""Who may do what: the access each route declares, and the decision for one request.

The decision is a pure function of the caller's identity, the stored rights and the
moment of the request; `shared.security.guard` loads the rights and calls it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from stdnum.nl import bsn

from shared.models.toegang import Aansluiting, Koppeling, Organisatie, binnen_de_regio
from shared.security.diensten import (
    CATALOGUS,
    Doel,
    waarom_niet_aan_te_sluiten,
    waarom_niet_namens,
)
from shared.security.tokens import Identity
from shared.validation.organisatie import Soort, soort_of

SYSTEEM = "systeem"
"""App role of an organisation's system that uses the services."""
BEHEER = "beheer"
"""App role of the bureau's operators: read-only on what is operational, no personal data."""
AUTORISATIEBEHEER = "autorisatiebeheer"
"""App role of the only operators who grant and revoke connections and bindings."""
INZAGE = "inzage"
"""App role of the operators who answer a resident's request to see what is held on them."""
HERBEREKENING = "herberekening"
"""App role of the operators who start a recalculation across all organisations."""
PARAMETERBEHEER = "parameterbeheer"
"""App role of the operators who propose the law's amounts per period (parameter sets)."""
PARAMETERVASTSTELLING = "parametervaststelling"
"""App role of the operators who approve a proposed parameter set: never their own."""


BURGER = "burger"
"""Role of a resident, in a token of the identity provider for residents."""
BETROUWBAARHEID = frozenset(
    {"http://eidas.europa.eu/LoA/substantial", "http://eidas.europa.eu/LoA/high"}
)
"""The assurance levels a resident's login must have to see his own data. A reading of the
platform: uses of data on debts, benefits and detention ask for eIDAS substantial or high
(DigiD Substantieel or Hoog), the levels of Uitvoeringsverordening (EU) 2015/1502 that the Wet
digitale overheid applies; DigiD Basis and Midden are eIDAS low (vng.nl, "DigiD Laag")."""
BURGERS = "burgers"
"""The audit partition of residents' own reads (no organisation acts)."""


@dataclass(frozen=True)
class Publiek:
    """No token needed; the route shows no data of anyone."""


@dataclass(frozen=True)
class Beheer:
    """An operator of the bureau holding one of `rollen`."""

    rollen: frozenset[str] = frozenset({BEHEER, AUTORISATIEBEHEER})
    persoonsgegevens: bool = False
    """True when the route shows personal data: it must write an audit entry."""


LEZEN = Beheer()
"""Operational data, no personal data: beheer and autorisatiebeheer."""
WIJZIGEN = Beheer(rollen=frozenset({AUTORISATIEBEHEER}))
"""Granting, changing and revoking rights."""
MELDEN = Beheer(rollen=frozenset({BEHEER}))
"""Operational notices (storingen): the operators on duty."""
HERBEREKENEN = Beheer(rollen=frozenset({HERBEREKENING}))
"""A write across all organisations' calculations (a job; audited)."""
HERBEREKENING_VOLGEN = Beheer(rollen=frozenset({BEHEER, AUTORISATIEBEHEER, HERBEREKENING}))
"""Following such a job: counts only."""
PARAMETERSETS_LEZEN = Beheer(
    rollen=frozenset({BEHEER, AUTORISATIEBEHEER, PARAMETERBEHEER, PARAMETERVASTSTELLING})
)
"""The law's amounts, proposed and approved: no personal data."""
PARAMETERSETS_VOORSTELLEN = Beheer(rollen=frozenset({PARAMETERBEHEER}))
PARAMETERSETS_VASTSTELLEN = Beheer(rollen=frozenset({PARAMETERVASTSTELLING}))
INZAGE_VERZOEK = Beheer(rollen=frozenset({INZAGE}), persoonsgegevens=True)
"""What is held on one person, for that person's own request (inzage)."""


@dataclass(frozen=True)
class Dienstgebruik:
    """An organisation's system using a service for a purpose it is connected for."""

    doel: Doel
    persoonsgegevens: bool = False
    """True when the route reads or writes personal data: it must write an audit entry."""


@dataclass(frozen=True)
class Inwoner:
    """A resident, about himself only: his BSN is the token's subject."""

    persoonsgegevens: bool = True
    """The route shows his personal data: it must write an audit entry."""


INWONER = Inwoner()

Toegang = Publiek | Beheer | Dienstgebruik | Inwoner


class Refused(Exception):
    """Not allowed: `reden` is for the audit log, never for the caller."""

    def __init__(self, reden: str) -> None:
        self.reden = reden
        super().__init__(reden)


@dataclass(frozen=True)
class Mandant:
    """What is stored of the organisation a mandated caller acts for: a mandate holds only
    while the mandant itself is connected for the purpose (its right is what it mandates),
    and a Doorstroompunt's only for a gemeente of its region."""

    organisatie: Organisatie | None
    aansluiting: Aansluiting | None


@dataclass(frozen=True)
class Caller:
    identity: Identity
    organisatie: str
    """The caller's own organisation (from the binding of its client id)."""
    namens: str
    """Whose data the request reads and writes: the caller's own, or a mandating gemeente's."""
    toegang: Toegang
    mandaatdiensten: frozenset[str] | None = None
    """Acting for a gemeente: the services of which its mandate covers a purpose (a delivery
    of any other service, its name, counts and reasons, stays out of sight); None when the
    caller acts for its own organisation."""


def decide(
    toegang: Beheer | Dienstgebruik,
    identity: Identity,
    moment: datetime,
    koppeling: Koppeling | None,
    organisatie: Organisatie | None,
    aansluiting: Aansluiting | None,
    gevraagd: str | None,
    mandant: Mandant | None = None,
) -> Caller:
    """Allow the request (the Caller it acts as) or raise `Refused` with the reason.
    `mandant`: what is stored of the organisation `gevraagd` names, when not the caller's."""
    if koppeling is None or not koppeling.is_actief(moment):
        raise Refused("de client is niet (meer) aan een organisatie gekoppeld")
    if organisatie is None or organisatie.id != koppeling.organisatie:
        raise Refused("de gekoppelde organisatie bestaat niet")
    if isinstance(toegang, Beheer):
        return _beheer(toegang, identity, organisatie)
    return _dienstgebruik(toegang, identity, moment, organisatie, aansluiting, gevraagd, mandant)


def _beheer(toegang: Beheer, identity: Identity, organisatie: Organisatie) -> Caller:
    if organisatie.soort is not Soort.BUREAU:
        raise Refused("beheer is voorbehouden aan het bureau")
    if not identity.roles & toegang.rollen:
        raise Refused(f"rol {' of '.join(sorted(toegang.rollen))} ontbreekt")
    return Caller(identity, organisatie.id, organisatie.id, toegang)


def _dienstgebruik(
    toegang: Dienstgebruik,
    identity: Identity,
    moment: datetime,
    organisatie: Organisatie,
    aansluiting: Aansluiting | None,
    gevraagd: str | None,
    mandant: Mandant | None,
) -> Caller:
    if SYSTEEM not in identity.roles:
        raise Refused(f"rol {SYSTEEM} ontbreekt")
    doel = toegang.doel
    if aansluiting is None or not aansluiting.is_actief(moment):
        raise Refused(f"geen actieve aansluiting op {doel.dienst} voor {doel.code}")
    if (aansluiting.organisatie, aansluiting.dienst, aansluiting.doel) != (
        organisatie.id,
        doel.dienst,
        doel.code,
    ):
        raise Refused("de aansluiting hoort niet bij deze organisatie, dienst en doel")
    reden = waarom_niet_aan_te_sluiten(organisatie.soort, doel.dienst, doel.code)
    if reden:
        raise Refused(reden)
    namens = gevraagd or organisatie.id
    if namens == organisatie.id:
        if organisatie.soort not in doel.soorten:
            raise Refused(
                f"een {organisatie.soort} gebruikt {doel.dienst} ({doel.code}) alleen namens "
                "wie haar mandateerde"
            )
        return Caller(identity, organisatie.id, namens, toegang)
    if waarom_niet_namens(doel, soort_of(namens), organisatie.soort) or not (
        organisatie.mandaat_voor(namens, doel, moment)
    ):
        raise Refused(f"geen actief mandaat van {namens} voor {doel.dienst} ({doel.code})")
    mandant = mandant or Mandant(None, None)
    if mandant.aansluiting is None or not (
        mandant.aansluiting.is_actief(moment)
        and (mandant.aansluiting.organisatie, mandant.aansluiting.dienst, mandant.aansluiting.doel)
        == (namens, doel.dienst, doel.code)
    ):
        raise Refused(f"{namens} is niet (meer) aangesloten op {doel.dienst} voor {doel.code}")
    if not binnen_de_regio(namens, mandant.organisatie, organisatie.id):
        raise Refused(f"{organisatie.id} hoort niet (meer) bij de regio van {namens}")
    gedekt = frozenset(d.dienst for d in CATALOGUS if organisatie.mandaat_voor(namens, d, moment))
    return Caller(identity, organisatie.id, namens, toegang, gedekt)


def inwoner(identity: Identity) -> Caller:
    """Allow a resident's request about himself (the Caller it acts as), or raise `Refused`."""
    if BURGER not in identity.roles:
        raise Refused(f"rol {BURGER} ontbreekt")
    if identity.betrouwbaarheid not in BETROUWBAARHEID:
        raise Refused("de inlog heeft niet het betrouwbaarheidsniveau substantieel of hoog")
    if not bsn.is_valid(identity.subject):
        raise Refused("het subject van het token is geen BSN")
    return Caller(identity, BURGERS, BURGERS, INWONER)
