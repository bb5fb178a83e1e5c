"""The catalogue: which services exist, for which purposes, and who may use them.

A connection (aansluiting) names one service and one purpose from this catalogue, with
the legal basis the granting operator cites; routes and file triggers declare the same
pair, so a right is always for a purpose.

Each purpose says which kinds of organisation may use it for themselves (`soorten`: a
debt-collection agency has no business with fraud signals) and which kind may act for which
other kind under a mandate (`mandaten`: a gemeente mandates an agency to compute the
beslagvrije voet; setting a gemeente's own policy never goes by mandate). `autorisatiebeheer`
refuses a connection or a mandate the catalogue does not allow, and every request is checked
against it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.validation.organisatie import Soort

GEMEENTEN = frozenset({Soort.GEMEENTE})
BELASTINGHEFFERS = frozenset({Soort.GEMEENTE, Soort.WATERSCHAP})
"""Gemeenten and waterschappen levy local taxes and decide on their remission."""
BELASTINGHEFFERS_EN_AGENTSCHAPPEN = BELASTINGHEFFERS | {Soort.GEMANDATEERDE}
"""... and the agencies they mandate (belastingsamenwerkingen, debt relief)."""

Mandaatrelaties = frozenset[tuple[Soort, Soort]]
"""(the kind that mandates, the kind that acts for it)."""
AGENTSCHAP: Mandaatrelaties = frozenset(
    {(Soort.GEMEENTE, Soort.GEMANDATEERDE), (Soort.WATERSCHAP, Soort.GEMANDATEERDE)}
)
"""A gemeente or waterschap mandates an agency: debt relief, a belastingsamenwerking."""
REGIO: Mandaatrelaties = frozenset({(Soort.DOORSTROOMPUNT, Soort.GEMEENTE)})
"""The contactgemeente that runs a Doorstroompunt mandates a gemeente of its region to do the
Doorstroompunt's work for it (Awb art. 10:3 and 10:4: a mandate to a body that is not under
the contactgemeente needs that body's consent); only a gemeente of the region, which the
platform checks on every request against the region in force."""
GEEN: Mandaatrelaties = frozenset()
ORGANISATIES = frozenset(Soort) - {Soort.BUREAU}
"""Every organisation that uses the platform; the bureau's operators have their own roles."""


@dataclass(frozen=True)
class Doel:
    dienst: str
    code: str
    omschrijving: str
    soorten: frozenset[Soort]
    """The kinds of organisation that may be connected to this service for this purpose."""
    mandaten: Mandaatrelaties
    """Who may act for whom under a mandate; empty: nobody acts for another."""

    @property
    def via_mandaat(self) -> bool:
        return bool(self.mandaten)

    @property
    def gemandateerden(self) -> frozenset[Soort]:
        """The kinds that may be connected to act for another under a mandate."""
        return frozenset(gemandateerde for _, gemandateerde in self.mandaten)


AANLEVERINGEN_VOLGEN = Doel(
    "aanleveringen",
    "volgen",
    "De eigen aanleveringen volgen: status, aantallen, afkeuringen.",
    ORGANISATIES,
    mandaten=AGENTSCHAP | REGIO,
)
PROEFAANLEVERING_TESTEN = Doel(
    "proefaanlevering",
    "testen",
    "Het aanleverkanaal en het bestandsformaat testen.",
    ORGANISATIES,
    mandaten=AGENTSCHAP | REGIO,
)

BVV_BEREKENEN = Doel(
    "beslagvrije-voet",
    "berekenen",
    "De beslagvrije voet van een schuldenaar vaststellen bij beslag of verrekening (Rv 475c-fa).",
    BELASTINGHEFFERS_EN_AGENTSCHAPPEN,
    mandaten=AGENTSCHAP,
)

RECHTMATIGHEID_CONTROLEREN = Doel(
    "rechtmatigheid",
    "controleren",
    "De rechtmatigheid van bijstand controleren met samenloopsignalen (Pw art. 17 en 64).",
    GEMEENTEN,
    mandaten=GEEN,
)

KWIJTSCHELDING_TOETSEN = Doel(
    "kwijtschelding",
    "toetsen",
    "Kwijtschelding van gemeentelijke en waterschapsbelastingen toetsen "
    "(Invorderingswet 1990 art. 26; URI art. 10-17, 27 en 28).",
    BELASTINGHEFFERS_EN_AGENTSCHAPPEN,
    mandaten=AGENTSCHAP,
)
KWIJTSCHELDING_BELEID = Doel(
    "kwijtschelding",
    "beleid",
    "Het eigen kwijtscheldingsbeleid vastleggen, zoals de verordening het kiest (RKBM art. 2-4).",
    BELASTINGHEFFERS,
    mandaten=GEEN,
)

INKOMENSTOESLAG_TOETSEN = Doel(
    "individuele-inkomenstoeslag",
    "toetsen",
    "De individuele inkomenstoeslag toetsen: langdurig laag inkomen, vermogen en leeftijd "
    "(Participatiewet art. 36).",
    GEMEENTEN,
    mandaten=GEEN,
)

INKOMENSTOESLAG_BELEID = Doel(
    "individuele-inkomenstoeslag",
    "beleid",
    "De eigen verordening individuele inkomenstoeslag vastleggen (Participatiewet art. 8 "
    "lid 1 onder b).",
    GEMEENTEN,
    mandaten=GEEN,
)

MINIMATOETS_TOETSEN = Doel(
    "inkomens-en-vermogenstoets",
    "toetsen",
    "Het inkomen en vermogen toetsen voor categoriale bijzondere bijstand en andere "
    "minimaregelingen (Participatiewet art. 35 lid 3 en 4), aan de normen van de gemeente.",
    GEMEENTEN,
    mandaten=GEEN,
)

MINIMATOETS_BELEID = Doel(
    "inkomens-en-vermogenstoets",
    "beleid",
    "De eigen normen van de inkomens- en vermogenstoets vastleggen (toetspercentage, "
    "vermogensgrens).",
    GEMEENTEN,
    mandaten=GEEN,
)

INKOMSTENVERREKENING_VERREKENEN = Doel(
    "inkomstenverrekening",
    "verrekenen",
    "Het inkomen uit de polisadministratie verrekenen met de algemene bijstand (Participatiewet "
    "art. 31-32, 53a lid 1 en 58 lid 4), voor de ontvangers van de rechtmatigheidsaanlevering.",
    GEMEENTEN,
    mandaten=GEEN,
)

INKOMSTENVERREKENING_BELEID = Doel(
    "inkomstenverrekening",
    "beleid",
    "De eigen keuzes voor de inkomstenverrekening vastleggen (vakantiegeld, de vrijlating "
    "van art. 31 lid 2 onder n).",
    GEMEENTEN,
    mandaten=GEEN,
)

PROACTIEF_SIGNALEREN = Doel(
    "proactieve-dienstverlening",
    "signaleren",
    "Inwoners vinden die waarschijnlijk recht hebben op een regeling van de gemeente die zij "
    "nog niet krijgen, om hen te benaderen (de grondslag van de aansluiting; wetsvoorstel Wet "
    "proactieve dienstverlening SZW, Kamerstuk 36 799).",
    GEMEENTEN,
    mandaten=GEEN,
)

VSV_VOLGEN = Doel(
    "vsv",
    "volgen",
    "Jongeren zonder startkwalificatie in de regio volgen en wie uit beeld raakt bereiken: "
    "aan- en afmelden, dagelijkse inkomenssignalen en het wekelijkse prioriteitenrapport "
    "(WEB art. 9.2.4 en 9.2.5; Regeling regionaal programma en Doorstroompuntfunctie "
    "2026-2029).",
    frozenset({Soort.DOORSTROOMPUNT}),
    mandaten=REGIO,
)

VSV_AANMELDSUGGESTIES = Doel(
    "vsv",
    "aanmeldsuggesties",
    "Voor het eigen leerplicht- en RMC-werk: inwoners die deze maand 18 worden zonder "
    "startkwalificatie, niet ingeschreven in het onderwijs en door geen Doorstroompunt "
    "gevolgd, om ze bij de Doorstroompunt van de regio aan te laten melden (WEB art. 9.2.5).",
    GEMEENTEN,
    mandaten=GEEN,
)

STORINGEN_VOLGEN = Doel(
    "storingen",
    "volgen",
    "Bericht krijgen van storingen en gepland onderhoud van het platform.",
    ORGANISATIES,
    mandaten=GEEN,
)

GGK_BERICHTENVERKEER = Doel(
    "ggk",
    "berichtenverkeer",
    "Wmo- en Jeugdwetberichten tussen gemeenten en zorgaanbieders (via VECOZO) versturen en "
    "ontvangen via het Gemeentelijk Gegevensknooppunt (Wbsrz, Stb. 2023, 285).",
    frozenset({Soort.GEMEENTE, Soort.SCHAKELPUNT}),
    mandaten=GEEN,
)

WLZ_SAMENLOOP = Doel(
    "wlz",
    "samenloop",
    "Wlz-registertoets en Wlz-signalen: geen Wmo-voorziening naast een Wlz-indicatie "
    "(Wmo 2015; niet onder de Jeugdwet).",
    GEMEENTEN,
    mandaten=GEEN,
)

VUM_BEMIDDELAARS = frozenset({Soort.GEMEENTE, Soort.UWV})
"""Who asks the VUM exchange for matches: the matching applications of gemeenten and UWV."""
VUM_VACATURES = Doel(
    "vum",
    "vacatures",
    "Vacatures zoeken en inzien bij de aangesloten bronnen, om werkzoekenden naar werk te "
    "bemiddelen (VUM, Verbeteren Uitwisseling Matchingsgegevens; de grondslag noemt de "
    "aansluiting).",
    VUM_BEMIDDELAARS,
    mandaten=GEEN,
)
VUM_WERKZOEKENDE_PROFIELEN = Doel(
    "vum",
    "werkzoekende-profielen",
    "Profielen van werkzoekenden zoeken en inzien bij de aangesloten bronnen, om hen naar werk "
    "te bemiddelen (VUM; de grondslag noemt de aansluiting).",
    VUM_BEMIDDELAARS,
    mandaten=GEEN,
)

INZAGEVERZOEK = Doel(
    "inzage",
    "inzageverzoek",
    "Een bewoner laten zien wat over hem is vastgelegd (AVG art. 15); operators, geen aansluiting.",
    frozenset(),
    mandaten=GEEN,
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
    VUM_VACATURES,
    VUM_WERKZOEKENDE_PROFIELEN,
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
    if soort not in gevonden.soorten | gevonden.gemandateerden:
        return f"een {soort} wordt niet aangesloten op {dienst} voor {doel}"
    return None


def waarom_niet_te_mandateren(dienst: str, doel: str) -> str | None:
    """Why a mandate may not cover this purpose, or None."""
    gevonden = zoek(dienst, doel)
    if gevonden is None:
        return f"dienst {dienst} kent geen doel {doel}"
    if not gevonden.via_mandaat:
        return f"{dienst} voor {doel} gaat niet via een mandaat"
    return None


def waarom_niet_namens(doel: Doel, mandant: Soort | None, gemandateerde: Soort) -> str | None:
    """Why an organisation of kind `gemandateerde` may not act for one of kind `mandant`
    on this purpose, or None."""
    if (mandant, gemandateerde) in doel.mandaten:
        return None
    return f"een {gemandateerde} handelt niet namens een {mandant} voor {doel.dienst} ({doel.code})"
