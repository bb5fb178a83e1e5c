"""The catalogue: which services exist, for which purposes, and who may use them.

A connection (aansluiting) names one service and one purpose from this catalogue, with
the legal basis the granting operator cites; routes and file triggers declare the same
pair, so a right is always for a purpose.

Each purpose says which kinds of organisation may be connected to it at all (`soorten`:
a debt-collection agency has no business with fraud signals) and whether an agency may
use it on a gemeente's behalf under a mandate (`via_mandaat`: setting a gemeente's own
policy never is). `autorisatiebeheer` refuses a connection or a mandate the catalogue does
not allow, and every request is checked against it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.validation.organisatie import Soort

GEMEENTEN = frozenset({Soort.GEMEENTE})
BELASTINGHEFFERS = frozenset({Soort.GEMEENTE, Soort.WATERSCHAP})
"""Gemeenten and waterschappen levy local taxes and decide on their remission."""
BELASTINGHEFFERS_EN_AGENTSCHAPPEN = BELASTINGHEFFERS | {Soort.GEMANDATEERDE}
"""... and the agencies they mandate (belastingsamenwerkingen, debt relief)."""
ORGANISATIES = frozenset(Soort) - {Soort.BUREAU}
"""Every organisation that uses the platform; the bureau's operators have their own roles."""


@dataclass(frozen=True)
class Doel:
    dienst: str
    code: str
    omschrijving: str
    soorten: frozenset[Soort]
    """The kinds of organisation that may be connected to this service for this purpose."""
    via_mandaat: bool
    """Whether a mandated agency may use it on behalf of the gemeente that mandated it."""


AANLEVERINGEN_VOLGEN = Doel(
    "aanleveringen",
    "volgen",
    "De eigen aanleveringen volgen: status, aantallen, afkeuringen.",
    ORGANISATIES,
    via_mandaat=True,
)
PROEFAANLEVERING_TESTEN = Doel(
    "proefaanlevering",
    "testen",
    "Het aanleverkanaal en het bestandsformaat testen.",
    ORGANISATIES,
    via_mandaat=True,
)

BVV_BEREKENEN = Doel(
    "beslagvrije-voet",
    "berekenen",
    "De beslagvrije voet van een schuldenaar vaststellen bij beslag of verrekening (Rv 475c-fa).",
    BELASTINGHEFFERS_EN_AGENTSCHAPPEN,
    via_mandaat=True,
)

RECHTMATIGHEID_CONTROLEREN = Doel(
    "rechtmatigheid",
    "controleren",
    "De rechtmatigheid van bijstand controleren met samenloopsignalen (Pw art. 17 en 64).",
    GEMEENTEN,
    via_mandaat=False,
)

KWIJTSCHELDING_TOETSEN = Doel(
    "kwijtschelding",
    "toetsen",
    "Kwijtschelding van gemeentelijke en waterschapsbelastingen toetsen "
    "(Invorderingswet 1990 art. 26; URI art. 10-17, 27 en 28).",
    BELASTINGHEFFERS_EN_AGENTSCHAPPEN,
    via_mandaat=True,
)
KWIJTSCHELDING_BELEID = Doel(
    "kwijtschelding",
    "beleid",
    "Het eigen kwijtscheldingsbeleid vastleggen, zoals de verordening het kiest (RKBM art. 2-4).",
    BELASTINGHEFFERS,
    via_mandaat=False,
)

INKOMENSTOESLAG_TOETSEN = Doel(
    "individuele-inkomenstoeslag",
    "toetsen",
    "De individuele inkomenstoeslag toetsen: langdurig laag inkomen, vermogen en leeftijd "
    "(Participatiewet art. 36).",
    GEMEENTEN,
    via_mandaat=False,
)

INKOMENSTOESLAG_BELEID = Doel(
    "individuele-inkomenstoeslag",
    "beleid",
    "De eigen verordening individuele inkomenstoeslag vastleggen (Participatiewet art. 8 "
    "lid 1 onder b).",
    GEMEENTEN,
    via_mandaat=False,
)

MINIMATOETS_TOETSEN = Doel(
    "inkomens-en-vermogenstoets",
    "toetsen",
    "Het inkomen en vermogen toetsen voor categoriale bijzondere bijstand en andere "
    "minimaregelingen (Participatiewet art. 35 lid 3 en 4), aan de normen van de gemeente.",
    GEMEENTEN,
    via_mandaat=False,
)

MINIMATOETS_BELEID = Doel(
    "inkomens-en-vermogenstoets",
    "beleid",
    "De eigen normen van de inkomens- en vermogenstoets vastleggen (toetspercentage, "
    "vermogensgrens).",
    GEMEENTEN,
    via_mandaat=False,
)

INKOMSTENVERREKENING_VERREKENEN = Doel(
    "inkomstenverrekening",
    "verrekenen",
    "Het inkomen uit de polisadministratie verrekenen met de algemene bijstand (Participatiewet "
    "art. 31-32, 53a lid 1 en 58 lid 4), voor de ontvangers van de rechtmatigheidsaanlevering.",
    GEMEENTEN,
    via_mandaat=False,
)

INKOMSTENVERREKENING_BELEID = Doel(
    "inkomstenverrekening",
    "beleid",
    "De eigen keuzes voor de inkomstenverrekening vastleggen (vakantiegeld, de vrijlating "
    "van art. 31 lid 2 onder n).",
    GEMEENTEN,
    via_mandaat=False,
)

PROACTIEF_SIGNALEREN = Doel(
    "proactieve-dienstverlening",
    "signaleren",
    "Inwoners vinden die waarschijnlijk recht hebben op een regeling van de gemeente die zij "
    "nog niet krijgen, om hen te benaderen (de grondslag van de aansluiting; wetsvoorstel Wet "
    "proactieve dienstverlening SZW, Kamerstuk 36 799).",
    GEMEENTEN,
    via_mandaat=False,
)

VSV_VOLGEN = Doel(
    "vsv",
    "volgen",
    "Jongeren zonder startkwalificatie in de regio volgen en wie uit beeld raakt bereiken: "
    "aan- en afmelden, dagelijkse inkomenssignalen en het wekelijkse prioriteitenrapport "
    "(WEB art. 9.2.4 en 9.2.5; Regeling regionaal programma en Doorstroompuntfunctie "
    "2026-2029).",
    frozenset({Soort.DOORSTROOMPUNT}),
    via_mandaat=False,
)

VSV_AANMELDSUGGESTIES = Doel(
    "vsv",
    "aanmeldsuggesties",
    "Voor het eigen leerplicht- en RMC-werk: inwoners die deze maand 18 worden zonder "
    "startkwalificatie, niet ingeschreven in het onderwijs en door geen Doorstroompunt "
    "gevolgd, om ze bij de Doorstroompunt van de regio aan te laten melden (WEB art. 9.2.5).",
    GEMEENTEN,
    via_mandaat=False,
)

STORINGEN_VOLGEN = Doel(
    "storingen",
    "volgen",
    "Bericht krijgen van storingen en gepland onderhoud van het platform.",
    ORGANISATIES,
    via_mandaat=False,
)

GGK_BERICHTENVERKEER = Doel(
    "ggk",
    "berichtenverkeer",
    "Wmo- en Jeugdwetberichten tussen gemeenten en zorgaanbieders (via VECOZO) versturen en "
    "ontvangen via het Gemeentelijk Gegevensknooppunt (Wbsrz, Stb. 2023, 285).",
    frozenset({Soort.GEMEENTE, Soort.SCHAKELPUNT}),
    via_mandaat=False,
)

WLZ_SAMENLOOP = Doel(
    "wlz",
    "samenloop",
    "Wlz-registertoets en Wlz-signalen: geen Wmo-voorziening naast een Wlz-indicatie "
    "(Wmo 2015; niet onder de Jeugdwet).",
    GEMEENTEN,
    via_mandaat=False,
)

INZAGEVERZOEK = Doel(
    "inzage",
    "inzageverzoek",
    "Een bewoner laten zien wat over hem is vastgelegd (AVG art. 15); operators, geen aansluiting.",
    frozenset(),
    via_mandaat=False,
)

CATALOGUS: tuple[Doel, ...] = (
    AANLEVERINGEN_VOLGEN,
    PROEFAANLEVERING_TESTEN,
    BVV_BEREKENEN,
    RECHTMATIGHEID_CONTROLEREN,
    KWIJTSCHELDING_TOETSEN,
    KWIJTSCHELDING_BELEID,
    INKOMENSTOESLAG_TOETSEN,
    INKOMENSTOESLAG_BELEID,
    MINIMATOETS_TOETSEN,
    MINIMATOETS_BELEID,
    INKOMSTENVERREKENING_VERREKENEN,
    INKOMSTENVERREKENING_BELEID,
    PROACTIEF_SIGNALEREN,
    VSV_VOLGEN,
    VSV_AANMELDSUGGESTIES,
    STORINGEN_VOLGEN,
    GGK_BERICHTENVERKEER,
    WLZ_SAMENLOOP,
)


def zoek(dienst: str, doel: str) -> Doel | None:
    return next((d for d in CATALOGUS if d.dienst == dienst and d.code == doel), None)


def bestaat(dienst: str, doel: str) -> bool:
    return zoek(dienst, doel) is not None


def waarom_niet_aan_te_sluiten(soort: Soort, dienst: str, doel: str) -> str | None:
    """Why an organisation of `soort` may not be connected for this purpose, or None."""
    gevonden = zoek(dienst, doel)
    if gevonden is None:
        return f"dienst {dienst} kent geen doel {doel}"
    if soort not in gevonden.soorten:
        return f"een {soort} wordt niet aangesloten op {dienst} voor {doel}"
    return None


def waarom_niet_te_mandateren(dienst: str, doel: str) -> str | None:
    """Why a mandate may not cover this purpose, or None."""
    gevonden = zoek(dienst, doel)
    if gevonden is None:
        return f"dienst {dienst} kent geen doel {doel}"
    if not gevonden.via_mandaat or Soort.GEMANDATEERDE not in gevonden.soorten:
        return f"{dienst} voor {doel} gaat niet via een mandaat"
    return None
