"""Records of the source registrations, one model per source file.

Every source file is UTF-8 CSV with `;`, a header naming exactly the fields of its model,
records sorted by BSN (ascending; one person's records together), and a closing line
`#aantal;<number of records>` so that a truncated file is recognised. Amounts are whole
euro cents (`…_cent`), dates ISO 8601 (`2026-10-31`), periods `YYYY-MM`, an empty field
is "unknown / not applicable". See `shared/bronnen/catalogus.py` for the file of each source.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from shared.validation import identifiers

Bsn = Annotated[
    str,
    AfterValidator(identifiers.check_bsn),
    Field(
        json_schema_extra={"pattern": "^[0-9]{9}$", "format": "bsn"},
        description="Burgerservicenummer: nine digits passing the elfproef (format `bsn`).",
    ),
]
Iban = Annotated[str, AfterValidator(identifiers.check_iban)]
Kenteken = Annotated[str, AfterValidator(identifiers.check_kenteken)]
Postcode = Annotated[str, AfterValidator(identifiers.check_postcode)]
Cent = Annotated[int, Field(ge=0)]
Periode = Annotated[str, Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
Land = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]


class BronRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    bsn: Bsn

    @classmethod
    def from_row(cls, row: dict[str, str], peildatum: date) -> Self:
        """A record from a CSV row (an empty field is None), validated as of the peildatum."""
        values = {name: (value if value != "" else None) for name, value in row.items()}
        return cls.model_validate(values, context={"peildatum": peildatum})


def _gemeente_on_peildatum(value: str | None, info: ValidationInfo) -> str | None:
    if value is None:
        return None
    peildatum = (info.context or {}).get("peildatum")
    if not isinstance(peildatum, date):
        raise ValueError("gemeentecode kan niet worden gecontroleerd zonder peildatum")
    return identifiers.check_gemeentecode(value, peildatum)


Gemeentecode = Annotated[str, AfterValidator(_gemeente_on_peildatum)]


class Looptijd(BronRecord):
    begindatum: date
    einddatum: date | None = None

    @model_validator(mode="after")
    def _einde_na_begin(self) -> Looptijd:
        if self.einddatum is not None and self.einddatum < self.begindatum:
            raise ValueError("einddatum ligt voor begindatum")
        return self


class BrpPersoon(BronRecord):
    """BRP: a person, their address in the Netherlands or the country they live in."""

    geboortedatum: date
    overlijdensdatum: date | None = None
    land: Land
    gemeentecode: Gemeentecode | None = None
    postcode: Postcode | None = None
    huisnummer: int | None = Field(default=None, ge=1)
    huisletter: str | None = Field(default=None, pattern=r"^[A-Za-z]$")
    huisnummertoevoeging: str | None = Field(default=None, pattern=r"^[A-Za-z0-9]{1,4}$")
    adres_sinds: date | None = None

    @model_validator(mode="after")
    def _adres_past_bij_land(self) -> BrpPersoon:
        in_nl = (self.gemeentecode, self.postcode, self.huisnummer)
        if self.land == "NL" and None in in_nl:
            raise ValueError("in Nederland zijn gemeentecode, postcode en huisnummer verplicht")
        rest = (self.huisletter, self.huisnummertoevoeging)
        if self.land != "NL" and any(part is not None for part in (*in_nl, *rest)):
            raise ValueError("buiten Nederland horen gemeentecode, postcode en huisnummer leeg")
        return self


class BrpRelatie(Looptijd):
    """BRP: a marriage/registered partnership, or a child of the person."""

    soort: Literal["partner", "kind"]
    relatie_bsn: Bsn


class Polisregel(Looptijd):
    """UWV polisadministratie: one inkomstenopgave, i.e. one income relation (its
    `begindatum`..`einddatum`, end exclusive) in one loontijdvak.

    `periode` is the month the loontijdvak (`tijdvak_begin`..`tijdvak_einde`) falls in. The
    wage fields follow the loonaangifte: `loon_lb_cent` is the regular wage taxable for
    loonbelasting/premie volksverzekeringen (tabel voor normaal loon, including the
    private-use value of a car and exempt advantages, which are not money received);
    `vakantiegeld_cent` and `eenmalig_cent` the
    one-off payments of the tijdvak taxed at the bijzonder tarief (holiday pay; year-end
    bonus and the like); the `ingehouden_…` and premium fields what was withheld.
    """

    periode: Periode
    loontijdvak: Literal["maand", "vier_weken"]
    tijdvak_begin: date
    tijdvak_einde: date
    """The loontijdvak the opgave is about, half-open; a later opgave of the same relation
    and tijdvak (later in the file: a delivery lists a person's opgaven in the order they were
    made) is its correction and replaces it."""
    loonheffingennummer: str = Field(pattern=r"^[0-9]{9}L[0-9]{2}$")
    soort_inkomen: Literal["dienstbetrekking", "uitkering"]
    uitkeringsinstantie: Literal["UWV", "SVB"] | None = None
    loon_sv_cent: Cent
    loon_lb_cent: Cent
    vakantiegeld_cent: Cent
    eenmalig_cent: Cent
    ingehouden_lb_cent: Cent
    ingehouden_lb_bijzonder_cent: Cent
    zvw_inhouding_cent: Cent
    wga_premie_cent: Cent
    prive_auto_cent: Cent
    vrijgesteld_cent: Cent
    """Net advantage exempt under Participatiewet art. 31 lid 2 c or p, included in loon_lb."""
    verloonde_uren: Decimal = Field(ge=0, max_digits=6, decimal_places=2)

    @model_validator(mode="after")
    def _instantie_bij_uitkering(self) -> Polisregel:
        if (self.soort_inkomen == "uitkering") != (self.uitkeringsinstantie is not None):
            raise ValueError("uitkeringsinstantie hoort bij een uitkering, en alleen daarbij")
        if self.ingehouden_lb_bijzonder_cent > self.ingehouden_lb_cent:
            raise ValueError("ingehouden_lb_bijzonder_cent is meer dan ingehouden_lb_cent")
        if self.tijdvak_einde <= self.tijdvak_begin:
            raise ValueError("tijdvak_einde ligt niet na tijdvak_begin")
        return self


class Uitkering(Looptijd):
    """A benefit from UWV or SVB."""

    instantie: Literal["UWV", "SVB"]
    regeling: Literal["WW", "ZW", "WIA", "WAJONG", "AOW", "ANW", "KINDERBIJSLAG"]
    bedrag_per_maand_cent: Cent


class Studiefinanciering(Looptijd):
    """DUO: a period of study finance."""

    soort: Literal["basisbeurs", "aanvullende_beurs", "lening", "studentenreisproduct"]


class Inschrijving(Looptijd):
    """DUO: enrolment in education; HBO and WO come from CRIHO (higher education)."""

    onderwijssoort: Literal["VO", "MBO", "HBO", "WO"]
    brin: str = Field(pattern=r"^[0-9A-Z]{4}$")


class Startkwalificatie(BronRecord):
    """DUO: a startkwalificatie obtained."""

    behaald_op: date


class Doelgroepregistratie(Looptijd):
    """Landelijk Doelgroepenregister (banenafspraak)."""


class Detentie(Looptijd):
    """DJI: a period of detention, in the Netherlands or abroad."""

    land: Land


class WlzIndicatie(Looptijd):
    """CIZ: an indicatie for care under the Wet langdurige zorg (the Wlz-register, updated
    daily), with its zorgprofiel when the register gives it."""

    zorgprofiel: str | None = None


class Voortvluchtig(BronRecord):
    """CJIB: a convicted person who evades their sentence."""

    sinds: date


class Rekening(BronRecord):
    """Belastingdienst: a bank or savings account with balance and interest on 31 December."""

    iban: Iban
    soort: Literal["betaalrekening", "spaarrekening", "beleggingsrekening"]
    peildatum: date
    saldo_cent: int
    rente_cent: int


class Inkomen(BronRecord):
    """Belastingdienst: box 1 income, heffingskortingen and the box 3 base of a year."""

    jaar: int = Field(ge=2000, le=2100)
    box1_cent: int
    heffingskortingen_cent: Cent
    box3_grondslag_cent: Cent


class Toeslag(BronRecord):
    """Belastingdienst/Toeslagen: a benefit paid in a month."""

    toeslag: Literal["zorgtoeslag", "huurtoeslag", "kindgebonden_budget"]
    periode: Periode
    bedrag_cent: Cent


class Voertuig(BronRecord):
    """RDW: a vehicle held by the person."""

    kenteken: Kenteken
    merk: str = Field(min_length=1, max_length=50)
    catalogusprijs_cent: Cent
    datum_eerste_toelating: date
    tenaamstelling_sinds: date


class UitkeringAndereGemeente(Looptijd):
    """A social-assistance benefit paid by a gemeente."""

    gemeentecode: Gemeentecode
    regeling: Literal["PW", "IOAW", "IOAZ", "BBZ", "AIO"]
