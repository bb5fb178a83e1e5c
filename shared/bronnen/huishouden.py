"""Who is in a person's household on a reference date, from the BRP (and DUO for the
exceptions): the one derivation BVV, kwijtschelding and the signal rules share.

The readings, each next to the rule that follows it:

- **Adres** (BRP): postcode + huisnummer + huisletter + huisnummertoevoeging. "12-1" and
  "12-2" are two homes. The BRP address is taken as the hoofdverblijf (Pw art. 3 lid 3 and
  19a lid 1 speak of "hoofdverblijf in dezelfde woning"; the BRP is the register of it).
- **Partner** (Pw art. 3): a marriage or registered partnership in the BRP, in force on the
  date, makes the spouse the partner. The sources cannot show "duurzaam gescheiden leven"
  (lid 2 b): a spouse at another address stays the partner and a reading says so. Nor can
  they show a gezamenlijke huishouding of two unmarried persons (lid 2 a, 3, 4): that needs
  facts (zorg voor elkaar, a joint child, a cohabitation contract) that no source holds, so
  an unmarried co-resident is never taken as partner; he counts as a medebewoner.
- **Kinderen** (Pw art. 4 lid 1 b): a child of the person or the partner (BRP relation in
  force) who is under 18 on the date by his own birth date (not the relation's start) and
  lives at the same address. A child relation alone is not enough.
- **Kostendelende medebewoners** (Pw art. 19a lid 1): persons of 27 or older (parameter
  `kostendeler_minimumleeftijd`) registered at the same address on the date, not the
  partner (lid 1 a), alive. Of the exceptions the sources show lid 1 d: a person with
  studiefinanciering or an enrolment in education in force (DUO); whether his age lets
  him qualify for that finance (d 1° and 2°) is left to the organisation. The commercial
  rent and board exceptions (lid 1 b and c) need a written contract no source holds: they
  are not applied, and a reading says so whenever a kostendeler is counted.

Pure: the records come in as plain dicts per source (as `Bronnen.persoon` and
`Bronnen.bulk` give them), so one code serves a single lookup and a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from shared.rules.leeftijd import leeftijd
from shared.rules.parameters import in_force
from shared.rules.periode import op, sql_op

HUISHOUDEN_BRONNEN = ("brp-personen", "brp-relaties")
"""What is read of the person and of each relation (partner, children)."""
MEDEBEWONER_BRONNEN = ("brp-personen", "duo-studiefinanciering", "duo-inschrijvingen")
"""What is read of each other person at the address."""

Records = dict[str, list[dict[str, Any]]]
"""What the sources hold on one person: per source code, its records as dicts."""

LEZING_PARTNER = (
    "partner: alleen een huwelijk of geregistreerd partnerschap in de BRP (Participatiewet "
    "art. 3 lid 1); een gezamenlijke huishouding van ongehuwden (art. 3 lid 2 a, 3 en 4) "
    "blijkt niet uit de bronnen en is niet aangenomen"
)
LEZING_PARTNER_ELDERS = (
    "de echtgenoot staat op een ander adres ingeschreven; of hij duurzaam gescheiden leeft "
    "(Participatiewet art. 3 lid 2 onder b) blijkt niet uit de bronnen: hij telt als partner"
)
LEZING_KOSTENDELER = (
    "kostendelende medebewoners: personen van {leeftijd} jaar of ouder op hetzelfde adres "
    "(Participatiewet art. 19a lid 1); uitgezonderd wie studiefinanciering of een inschrijving "
    "in het onderwijs heeft (lid 1 onder d); een commerciële huur- of kostgangersovereenkomst "
    "(lid 1 onder b en c) staat in geen bron: geef die op als hij er is"
)

LEZING_STUDENT = (
    "{aantal} medebewoner(s) van {leeftijd} jaar of ouder met studiefinanciering of een "
    "inschrijving in het onderwijs niet als kostendeler geteld (Participatiewet art. 19a lid 1 "
    "onder d); "
    "of hun leeftijd recht op die studiefinanciering geeft, beoordeelt de organisatie"
)


@dataclass(frozen=True, order=True)
class Adres:
    postcode: str
    huisnummer: int
    huisletter: str = ""
    toevoeging: str = ""

    @classmethod
    def van(cls, persoon: Mapping[str, Any]) -> Adres | None:
        """The address of a `brp-personen` record; None for a person living abroad."""
        if persoon.get("postcode") is None or persoon.get("huisnummer") is None:
            return None
        return cls(
            postcode=str(persoon["postcode"]).replace(" ", "").upper(),
            huisnummer=int(persoon["huisnummer"]),
            huisletter=(persoon.get("huisletter") or "").upper(),
            toevoeging=(persoon.get("huisnummertoevoeging") or "").upper(),
        )

    @property
    def sleutel(self) -> str:
        """One text per home, the same in Python and in the SQL of `sql_adressleutel`.

        >>> Adres("1234AB", 12, "", "1").sleutel == Adres("1234AB", 12, "", "2").sleutel
        False
        """
        return f"{self.postcode}|{self.huisnummer}|{self.huisletter}|{self.toevoeging}"


def sql_adressleutel(alias: str) -> str:
    """`Adres.sleutel` of a `brp_personen` row in DuckDB SQL."""
    return (
        f"(upper(replace({alias}.postcode, ' ', '')) || '|' || {alias}.huisnummer::VARCHAR || '|' "
        f"|| upper(coalesce({alias}.huisletter, '')) || '|' "
        f"|| upper(coalesce({alias}.huisnummertoevoeging, '')))"
    )


def sql_woont_er(alias: str, peildatum: str) -> str:
    """Only the date part of `_op_adres` in DuckDB SQL, not the address: the `brp_personen` row
    `alias` is registered at its own address, and alive, on the date. The caller compares the
    address itself (`sql_adressleutel`)."""
    return (
        f"(coalesce({alias}.adres_sinds, DATE '0001-01-01') <= {peildatum} "
        f"AND coalesce({alias}.overlijdensdatum, DATE '9999-12-31') > {peildatum})"
    )


def sql_studerend(bsn: str, peildatum: str) -> str:
    """`studerend` in DuckDB SQL, over the views `duo_studiefinanciering` and
    `duo_inschrijvingen` (Pw art. 19a lid 1 d)."""
    bestaat = [
        f"EXISTS (SELECT 1 FROM {view} d WHERE d.bsn = {bsn} "  # noqa: S608 (SQL of ours, no input)
        f"AND {sql_op('d.begindatum', 'd.einddatum', peildatum)})"
        for view in ("duo_studiefinanciering", "duo_inschrijvingen")
    ]
    return "(" + " OR ".join(bestaat) + ")"


class Leefsituatie(StrEnum):
    """Pw art. 4: alleenstaande, alleenstaande ouder (a child under 18 at the address) or
    gehuwden (a spouse or partner, art. 3)."""

    ALLEENSTAANDE = "ALLEENSTAANDE"
    ALLEENSTAANDE_OUDER = "ALLEENSTAANDE_OUDER"
    GEHUWD = "GEHUWD"


@dataclass(frozen=True)
class Huishouden:
    peildatum: date
    bsn: str
    adres: Adres | None
    partner: str | None = None
    kinderen: tuple[str, ...] = ()
    kostendelers: tuple[str, ...] = ()
    lezingen: tuple[str, ...] = ()

    @property
    def leefsituatie(self) -> Leefsituatie:
        if self.partner is not None:
            return Leefsituatie.GEHUWD
        return Leefsituatie.ALLEENSTAANDE_OUDER if self.kinderen else Leefsituatie.ALLEENSTAANDE

    @property
    def leden(self) -> tuple[str, ...]:
        """The person and the partner: whose income and assets count together."""
        return (self.bsn,) if self.partner is None else (self.bsn, self.partner)


def persoonsgegevens(records: Records) -> dict[str, Any] | None:
    return next(iter(records.get("brp-personen", [])), None)


def adres_van(records: Records) -> Adres | None:
    """The person's address in the BRP; None when he has none (abroad, or not in the BRP)."""
    return Adres.van(persoonsgegevens(records) or {})


def _levend(persoon: Mapping[str, Any], peildatum: date) -> bool:
    overleden = persoon.get("overlijdensdatum")
    return overleden is None or overleden > peildatum


def relaties(records: Records, soort: str, peildatum: date) -> list[str]:
    """The BSNs of the person's BRP relations of one kind in force on the date."""
    return [
        r["relatie_bsn"]
        for r in records.get("brp-relaties", [])
        if r["soort"] == soort and op(r["begindatum"], r["einddatum"], peildatum)
    ]


def partner_van(records: Records, peildatum: date) -> str | None:
    """The spouse or registered partner in force on the date (Pw art. 3 lid 1)."""
    return next(iter(relaties(records, "partner", peildatum)), None)


def volwassenen_op_adres(
    personen: Mapping[str, Records], adres: Adres | None, peildatum: date, vanaf: int
) -> int:
    """How many of `personen` live at the address on the date, `vanaf` years or older."""
    return sum(
        1
        for records in personen.values()
        if (gegevens := persoonsgegevens(records)) is not None
        and _op_adres(gegevens, adres, peildatum)
        and leeftijd(gegevens["geboortedatum"], peildatum) >= vanaf
    )


def _op_adres(persoon: Mapping[str, Any] | None, adres: Adres | None, peildatum: date) -> bool:
    if persoon is None or adres is None or Adres.van(persoon) != adres:
        return False
    sinds = persoon.get("adres_sinds")
    return (sinds is None or sinds <= peildatum) and _levend(persoon, peildatum)


def studerend(records: Records, peildatum: date) -> bool:
    """Studiefinanciering or an enrolment in education in force (Pw art. 19a lid 1 d)."""
    return any(
        op(r["begindatum"], r["einddatum"], peildatum)
        for bron in ("duo-studiefinanciering", "duo-inschrijvingen")
        for r in records.get(bron, [])
    )


def afleiden(
    bsn: str,
    peildatum: date,
    personen: Mapping[str, Records],
    bewoners: Iterable[str] = (),
) -> Huishouden:
    """The household of `bsn` on the date.

    `personen` holds the records of the person, of every relation (partner, children) and
    of every other person at the address; `bewoners` are the BSNs registered at the
    person's address (from the address index: `Bronnen.bewoners`).
    """
    p = in_force(peildatum, ["kostendeler_minimumleeftijd", "meerderjarigheid"])
    eigen = personen.get(bsn, {})
    adres = adres_van(eigen)
    partner = partner_van(eigen, peildatum)
    lezingen = [LEZING_PARTNER]
    if partner is not None:
        partner_gegevens = persoonsgegevens(personen.get(partner, {}))
        if partner_gegevens is not None and Adres.van(partner_gegevens) != adres:
            lezingen.append(LEZING_PARTNER_ELDERS)
    ouders = [eigen] + ([personen.get(partner, {})] if partner else [])
    meerderjarig = int(p["meerderjarigheid"].value)
    kinderen = sorted(
        {
            kind
            for ouder in ouders
            for kind in relaties(ouder, "kind", peildatum)
            if (gegevens := persoonsgegevens(personen.get(kind, {}))) is not None
            and leeftijd(gegevens["geboortedatum"], peildatum) < meerderjarig
            and _op_adres(gegevens, adres, peildatum)
        }
    )
    grens = int(p["kostendeler_minimumleeftijd"].value)
    volwassenen = {
        ander
        for ander in bewoners
        if ander not in (bsn, partner)
        and (gegevens := persoonsgegevens(personen.get(ander, {}))) is not None
        and _op_adres(gegevens, adres, peildatum)
        and leeftijd(gegevens["geboortedatum"], peildatum) >= grens
    }
    studenten = {ander for ander in volwassenen if studerend(personen.get(ander, {}), peildatum)}
    kostendelers = sorted(volwassenen - studenten)
    if volwassenen:
        lezingen.append(LEZING_KOSTENDELER.format(leeftijd=grens))
    if studenten:
        lezingen.append(LEZING_STUDENT.format(aantal=len(studenten), leeftijd=grens))
    return Huishouden(
        peildatum=peildatum,
        bsn=bsn,
        adres=adres,
        partner=partner,
        kinderen=tuple(kinderen),
        kostendelers=tuple(kostendelers),
        lezingen=tuple(lezingen),
    )
