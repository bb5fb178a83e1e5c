"""The register of processing activities (verwerkingsactiviteiten), kept as data.

Every processing of personal data on the platform belongs to one activity: a service used
for one purpose (the catalogue's `Doel`), or the operators' answer to an access request.
An activity states, for the resident and the supervisor, what is done in plain Dutch, on
which legal basis, with which source registrations, and how long its processing-log lines
are kept. Per the Logboek Dataverwerkingen, a relevant change to an activity gets a new
identifier (the version at the end of `id`), and confidentiality is set per activity, never
per line: a confidential activity (with its legal ground) is withheld from the resident's
usage view, and each withholding is itself on record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from shared.bronnen.catalogus import CATALOGUS as BRONCATALOGUS
from shared.security import diensten
from shared.security.diensten import Doel

TWEE_JAAR = timedelta(days=2 * 365)
TERMIJN_UITKOMST = (
    "Beleid van het platform: zo lang als de uitkomsten van de dienst worden bewaard (twee "
    "jaar, shared/storage/containers.py); er is geen wettelijke termijn voor dit logboek."
)
TERMIJN_VUM = (
    "Beleid van het platform: het logboek van de VUM-uitwisselingen (wie vroeg, welke bronnen "
    "antwoordden, hoeveel, hoe snel; nooit de gegevens zelf) wordt twee jaar bewaard "
    "(shared/storage/containers.py VUM_UITWISSELINGEN)."
)
BERICHTEN = timedelta(days=400)
TERMIJN_BERICHTEN = (
    "Beleid van het platform: zo lang als de berichten zelf (400 dagen, "
    "shared/storage/containers.py GGK_BERICHTEN)."
)


@dataclass(frozen=True)
class Verwerkingsactiviteit:
    code: str
    """`{dienst}.{doel}.{versie}`: the activity in a path."""
    id: str
    """A URN with the activity's version: a relevant change gets a new one."""
    doel: Doel
    naam: str
    """What is done, in plain Dutch, as the resident reads it."""
    grondslag: str
    bronnen: tuple[str, ...]
    """The source registrations the activity reads (codes of `shared.bronnen.catalogus`)."""
    bewaartermijn: timedelta
    bewaartermijn_bron: str
    vertrouwelijk: str | None = None
    """The legal ground for withholding it from the resident (his usage view, his letter);
    None: shown. Set by operators while a ground applies (`shared.verwerkingen.vertrouwelijk`)."""


def _activiteit(
    doel: Doel,
    naam: str,
    grondslag: str,
    bronnen: tuple[str, ...] = (),
    bewaartermijn: timedelta = TWEE_JAAR,
    bewaartermijn_bron: str = TERMIJN_UITKOMST,
    versie: int = 1,
) -> Verwerkingsactiviteit:
    return Verwerkingsactiviteit(
        code=f"{doel.dienst}.{doel.code}.{versie}",
        id=f"urn:ibnext:verwerkingsactiviteit:{doel.dienst}:{doel.code}:{versie}",
        doel=doel,
        naam=naam,
        grondslag=grondslag,
        bronnen=bronnen,
        bewaartermijn=bewaartermijn,
        bewaartermijn_bron=bewaartermijn_bron,
    )


HUISHOUDEN = ("brp-personen", "brp-relaties")
INKOMEN = ("uwv-polis", "uitkeringen")
ALLE = tuple(b.code for b in BRONCATALOGUS)
PROACTIEF = (*HUISHOUDEN, *INKOMEN, "gemeenten-uitkeringen", "bd-rekeningen", "rdw-voertuigen")
REGISTER: tuple[Verwerkingsactiviteit, ...] = (
    _activiteit(
        diensten.AANLEVERINGEN_VOLGEN,
        "Een bestand van een organisatie verwerken en de uitkomst teruggeven",
        "De grondslag van de dienst waarvoor het bestand is aangeleverd.",
    ),
    _activiteit(
        diensten.PROEFAANLEVERING_TESTEN,
        "Een testbestand van een organisatie controleren",
        "De aansluiting van de organisatie op het platform (testen van het aanleverkanaal).",
    ),
    _activiteit(
        diensten.BVV_BEREKENEN,
        "De beslagvrije voet berekenen: het deel van uw inkomen dat niet in beslag genomen of "
        "verrekend mag worden",
        "Wetboek van Burgerlijke Rechtsvordering art. 475c tot en met 475fa.",
        (*HUISHOUDEN, *INKOMEN),
    ),
    _activiteit(
        diensten.RECHTMATIGHEID_CONTROLEREN,
        "Controleren of uw bijstand klopt: heeft u ook inkomen, een uitkering of bent u "
        "gedetineerd",
        "Participatiewet art. 17 en 64.",
        ALLE,
    ),
    _activiteit(
        diensten.KWIJTSCHELDING_TOETSEN,
        "Toetsen of u kwijtschelding krijgt van gemeentelijke of waterschapsbelastingen",
        "Invorderingswet 1990 art. 26; Uitvoeringsregeling Invorderingswet 1990 art. 10-17, "
        "27 en 28.",
        (
            *HUISHOUDEN,
            *INKOMEN,
            "bd-rekeningen",
            "rdw-voertuigen",
            "duo-studiefinanciering",
            "duo-inschrijvingen",
        ),
    ),
    _activiteit(
        diensten.KWIJTSCHELDING_BELEID,
        "Het kwijtscheldingsbeleid van de gemeente vastleggen (geen persoonsgegevens)",
        "De verordening van de gemeente.",
    ),
    _activiteit(
        diensten.INKOMENSTOESLAG_TOETSEN,
        "Toetsen of u een individuele inkomenstoeslag kunt krijgen",
        "Participatiewet art. 36.",
        (*HUISHOUDEN, *INKOMEN, "gemeenten-uitkeringen"),
    ),
    _activiteit(
        diensten.INKOMENSTOESLAG_BELEID,
        "De verordening individuele inkomenstoeslag vastleggen (geen persoonsgegevens)",
        "Participatiewet art. 8 lid 1 onder b.",
    ),
    _activiteit(
        diensten.MINIMATOETS_TOETSEN,
        "Uw inkomen en vermogen toetsen voor een minimaregeling van de gemeente",
        "Participatiewet art. 35 lid 3 en 4.",
        (*HUISHOUDEN, *INKOMEN),
    ),
    _activiteit(
        diensten.MINIMATOETS_BELEID,
        "De normen van de inkomens- en vermogenstoets vastleggen (geen persoonsgegevens)",
        "De regeling van de gemeente.",
    ),
    _activiteit(
        diensten.INKOMSTENVERREKENING_VERREKENEN,
        "Uw inkomen verrekenen met uw bijstand",
        "Participatiewet art. 31, 32, 53a lid 1 en 58 lid 4.",
        ("uwv-polis",),
    ),
    _activiteit(
        diensten.INKOMSTENVERREKENING_BELEID,
        "De keuzes van de gemeente voor de inkomstenverrekening vastleggen (geen persoonsgegevens)",
        "Participatiewet art. 31 lid 2 onder n.",
    ),
    _activiteit(
        diensten.PROACTIEF_SIGNALEREN,
        "Nagaan of u recht heeft op een regeling van de gemeente die u nog niet krijgt, om u "
        "daarover te benaderen",
        "De grondslag van de aansluiting van de gemeente (wetsvoorstel Wet proactieve "
        "dienstverlening SZW, Kamerstuk 36 799).",
        PROACTIEF,
    ),
    _activiteit(
        diensten.VSV_VOLGEN,
        "U volgen en begeleiden als jongere zonder startkwalificatie (Doorstroompunt)",
        "Wet educatie en beroepsonderwijs art. 9.2.4 en 9.2.5.",
        (
            "brp-personen",
            "duo-startkwalificaties",
            *INKOMEN,
            "gemeenten-uitkeringen",
            "doelgroepregister",
        ),
    ),
    _activiteit(
        diensten.VSV_AANMELDSUGGESTIES,
        "Nagaan of u als jongere van 18 zonder startkwalificatie hulp kunt krijgen van het "
        "Doorstroompunt",
        "Wet educatie en beroepsonderwijs art. 9.2.5.",
        ("brp-personen", "duo-startkwalificaties", "duo-inschrijvingen"),
    ),
    _activiteit(
        diensten.STORINGEN_VOLGEN,
        "Organisaties berichten over storingen (geen persoonsgegevens)",
        "De aansluiting van de organisatie op het platform.",
    ),
    _activiteit(
        diensten.GGK_BERICHTENVERKEER,
        "Berichten over uw Wmo-ondersteuning of jeugdhulp doorgeven tussen gemeente en "
        "zorgaanbieder",
        "Wet beveiliging en stroomlijning gegevensverkeer (Wbsrz, Stb. 2023, 285).",
        bewaartermijn=BERICHTEN,
        bewaartermijn_bron=TERMIJN_BERICHTEN,
    ),
    _activiteit(
        diensten.WLZ_SAMENLOOP,
        "Nagaan of u naast een Wlz-indicatie ook Wmo-ondersteuning van de gemeente krijgt",
        "Wet maatschappelijke ondersteuning 2015 (geen Wmo-voorziening naast een Wlz-indicatie).",
        ("ciz-wlz-indicaties",),
    ),
    _activiteit(
        diensten.VUM_VACATURES,
        "Vacatures zoeken voor werkzoekenden die een gemeente of UWV naar werk bemiddelt "
        "(de vraag bevat geen persoonsgegevens)",
        "Wet structuur uitvoeringsorganisatie werk en inkomen (samenwerking van UWV en gemeenten "
        "bij de bemiddeling naar werk); de grondslag van de aansluiting.",
        bewaartermijn_bron=TERMIJN_VUM,
    ),
    _activiteit(
        diensten.VUM_WERKZOEKENDE_PROFIELEN,
        "Uw profiel als werkzoekende (zonder naam, BSN of contactgegevens in de zoekresultaten) "
        "laten vinden door bemiddelaars van gemeenten en UWV",
        "Wet structuur uitvoeringsorganisatie werk en inkomen (samenwerking van UWV en gemeenten "
        "bij de bemiddeling naar werk); de grondslag van de aansluiting.",
        bewaartermijn_bron=TERMIJN_VUM,
    ),
    _activiteit(
        diensten.INZAGEVERZOEK,
        "Uw verzoek om inzage in uw gegevens behandelen",
        "Algemene verordening gegevensbescherming art. 15.",
        ALLE,
    ),
)

_PER_DOEL = {(a.doel.dienst, a.doel.code): a for a in REGISTER}


def van(dienst: str, doel: str) -> Verwerkingsactiviteit | None:
    """The activity of a service's purpose, or None."""
    return _PER_DOEL.get((dienst, doel))


_PER_ID = {a.id: a for a in REGISTER}


def met_id(activiteit_id: str) -> Verwerkingsactiviteit | None:
    """The activity a processing-log line names (the register keeps every version)."""
    return _PER_ID.get(activiteit_id)


_PER_CODE = {a.code: a for a in REGISTER}


def met_code(code: str) -> Verwerkingsactiviteit | None:
    return _PER_CODE.get(code)
