"""The beslagvrije-voet API: a request, and a stored, explained calculation."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import (
    AfterValidator,
    AwareDatetime,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from shared.models.base import ApiModel, samenhang, zonder_bsn_verplicht
from shared.models.bedrag import Bedrag
from shared.models.bronnen import Bsn
from shared.models.uitleg import GebruiktParameter, Herkomst
from shared.rules.bvv.formule import Leefsituatie

_ISO_3166_1 = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
    GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
    KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
    MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
    TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
    ZW
"""
LANDCODES = frozenset(_ISO_3166_1.split())
"""ISO 3166-1 alpha-2, the 249 assigned codes (as listed in tzdata's iso3166.tab, public domain,
current as of ISO/TC 46 N1108 of 2023-04-05)."""


def check_woonland(code: str) -> str:
    """A country other than the Netherlands, as an ISO 3166-1 alpha-2 code.

    >>> check_woonland("BE")
    'BE'
    >>> check_woonland("NL")
    Traceback (most recent call last):
    ValueError: NL is geen land buiten Nederland
    """
    if code not in LANDCODES:
        raise ValueError("geen landcode volgens ISO 3166-1 alpha-2 (twee hoofdletters, zoals BE)")
    if code == "NL":
        raise ValueError("NL is geen land buiten Nederland")
    return code


Woonland = Annotated[
    str,
    AfterValidator(check_woonland),
    WithJsonSchema({"type": "string", "enum": sorted(LANDCODES - {"NL"}), "examples": ["BE"]}),
]

VEREIST_ZONDER_BSN = (
    "leefsituatie",
    "woonadres_in_nederland",
    "belastbaar_jaarinkomen",
    "inkomen_maand",
)


class Inrichting(ApiModel):
    kosten_maand: Bedrag


class BerekeningVerzoek(ApiModel):
    peildatum: date
    model_config = ConfigDict(
        json_schema_extra=zonder_bsn_verplicht(*((naam,) for naam in VEREIST_ZONDER_BSN))
    )

    bsn: Bsn | None = Field(
        default=None, description="Optional: gather every input not given from the sources."
    )
    leefsituatie: Leefsituatie | None = None
    woonadres_in_nederland: bool | None = None
    belastbaar_jaarinkomen: Bedrag | None = Field(default=None, description="C: debtor + partner.")
    inkomen_maand: Bedrag | None = Field(
        default=None,
        description="The debtor's net income per month including holiday pay, what he "
        "receives (Rv 475dc); with a bsn, the polisadministratie's net plus a twelfth of the "
        "holiday pay of the last twelve months (8% reserved when none was paid).",
    )
    niet_beslagen_inkomen_partner_maand: Bedrag | None = None
    niet_beslagen_eigen_inkomen_maand: Bedrag | None = None
    woonkosten_maand: Bedrag | None = None
    verzoek_verhoging_woonkosten: bool = False
    inrichting: Inrichting | None = None
    woonland_buiten_nederland: Woonland | None = Field(
        default=None,
        description=(
            "Het land (ISO 3166-1 alpha-2) van een vaste woon- of verblijfplaats buiten "
            "Nederland, zonder woonadres in Nederland: de beslagvrije voet wordt dan "
            "vermenigvuldigd met de woonlandfactor van dat land (Rv 475da lid 4, tweede zin). "
            "Is die factor niet bekend, dan volgt 422 met de ontbrekende factor."
        ),
    )

    @model_validator(mode="after")
    def _zonder_bsn_alles_opgeven(self) -> BerekeningVerzoek:
        if self.bsn is None:
            missing = [name for name in VEREIST_ZONDER_BSN if getattr(self, name) is None]
            if missing:
                raise samenhang(f"zonder bsn zijn verplicht: {', '.join(missing)}")
        if self.verzoek_verhoging_woonkosten and self.woonkosten_maand is None:
            raise samenhang("een verzoek om verhoging voor woonkosten vraagt woonkostenMaand")
        if self.woonland_buiten_nederland is not None and self.woonadres_in_nederland:
            raise samenhang(
                "woonlandBuitenNederland hoort bij een geëxecuteerde zonder woonadres in "
                "Nederland, niet bij woonadresInNederland: true"
            )
        return self


class Onderdeel(ApiModel):
    code: str
    omschrijving: str
    bedrag: Bedrag
    artikel: str


class Invoerwaarden(ApiModel):
    """The inputs the calculation used (after gathering), kept for recalculation."""

    leefsituatie: Leefsituatie
    woonadres_in_nederland: bool
    belastbaar_jaarinkomen: Bedrag
    inkomen_maand: Bedrag
    niet_beslagen_inkomen_partner_maand: Bedrag
    niet_beslagen_eigen_inkomen_maand: Bedrag
    woonkosten_maand: Bedrag | None = None
    verzoek_verhoging_woonkosten: bool = False
    inrichting_kosten_maand: Bedrag | None = None
    woonland_buiten_nederland: str | None = None


class Uitkomst(ApiModel):
    peildatum: date
    berekend_op: AwareDatetime
    beslagvrije_voet: Bedrag
    aflossingscapaciteit: Bedrag
    onderdelen: list[Onderdeel]
    parameters: list[GebruiktParameter]
    waarschuwingen: list[str]


class Berekening(Uitkomst):
    id: str
    organisatie: str
    geldig_tot: date = Field(description="Twelve months after the peildatum (Rv 475d lid 3).")
    invoer: Invoerwaarden
    bronnen: list[Herkomst]
    geschiedenis: list[Uitkomst] = Field(
        default_factory=list, description="Earlier outcomes, before a recalculation changed them."
    )
    gewijzigd_door_herberekening: bool = False


class BerekeningDocument(Berekening):
    """A calculation as stored: with the person as the audit log's keyed hash, so the
    calculations on one person can be found for an inzage request. The hash is the audit
    log's pseudonym and never leaves the platform: the API answers `Berekening`."""

    bsn_hash: str | None = Field(default=None, description="Keyed hash, never the BSN itself.")
    huishouden_hashes: list[str] = Field(
        default_factory=list,
        description="Keyed hashes of the others whose records the figures were derived from "
        "(partner, children, co-residents): a read of the calculation is a read of their data.",
    )

    @property
    def personen(self) -> list[str]:
        """The keyed hashes of everyone whose data the calculation holds."""
        return [*([self.bsn_hash] if self.bsn_hash else []), *self.huishouden_hashes]

    def openbaar(self) -> Berekening:
        return self.als(Berekening)


class HerberekeningVerzoek(ApiModel):
    peildatum: date = Field(description="The date new amounts take effect (1 January or 1 July).")


class HerberekeningResultaat(ApiModel):
    peildatum: date
    bekeken: int
    gewijzigd: int
    niet_mogelijk: int
    reden_niet_mogelijk: str | None = None
