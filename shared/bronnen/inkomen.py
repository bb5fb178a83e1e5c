"""What a person earns per month on a reference date, from the polisadministratie and the
benefits of UWV and SVB: the one income derivation BVV and kwijtschelding share.

The readings:

- **Netto** per inkomstenopgave as the Regeling Participatiewet, IOAW en IOAZ (amendment on
  netto-inkomen, Stcrt. 2025) and the bureau's OIB compute it: the wage taxable for
  loonbelasting/premie volksverzekeringen, minus the loonheffing withheld, the Zvw
  contribution withheld, the WGA/WHK premium withheld, the private-use value of a car and
  the exempt advantages of Pw art. 31 lid 2 c and p (both are part of the taxable wage but
  no money received). Gross (`bruto`) stays available for rules that ask for it.
- **Which months count**: per income relation its latest loontijdvak in or before the
  reference month; a later opgave of the same tijdvak is a correction and replaces the
  earlier one. A relation that ended on or before the reference date does not count (the
  services ask what the person can expect to receive: URI art. 13 "te verwachten", Rv
  475dc "ontvangt"); nor does one without an opgave in the reference month or the
  `polis_recentheid_maanden` months before it (the bureau's choice, see that parameter).
- **Regular and one-off**: a four-weekly tijdvak counts 13/12 per month
  (`vier_weken_per_maand`). Holiday pay and other one-off payments (bijzonder tarief) are
  not part of the regular monthly income and are never multiplied by twelve: those paid
  in the twelve months up to the reference month are given apart, once, for a yearly
  figure. Where a rule counts holiday pay in the month (Rv 475dc "inclusief
  vakantiebijslag", Leidraad 26.2.11), `met_vakantiegeld` adds a twelfth of the holiday
  pay of those months, or, when the polis shows none, the percentage the rule names of the
  regular net of the relations that carry a right to it, and says so.
- **No double counting**: a UWV or SVB benefit is paid through the loonaangifte and so is
  in the polis; a benefit of the `uitkeringen` source counts only when no counted polis
  relation of the same instantie pays a benefit. Counted from `uitkeringen` it is the
  amount as delivered (gross) and a reading says so. Kinderbijslag is no income here.

Pure over records as plain dicts (`shared.bronnen.huishouden.Records`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from shared.bronnen.huishouden import Records
from shared.rules.parameters import Waarde, in_force
from shared.rules.periode import op

INKOMEN_BRONNEN = ("uwv-polis", "uitkeringen")
NUL = Decimal(0)
GEEN_INKOMEN = ("KINDERBIJSLAG",)

LEZING_UITKERING_BRUTO = (
    "{regeling} van {instantie} staat niet in de polisadministratie: het bedrag zoals "
    "{instantie} het levert (bruto) telt mee"
)


def _cent(value: int) -> Decimal:
    return Decimal(value) / 100


def maand_index(periode: str) -> int:
    year, month = periode.split("-")
    return int(year) * 12 + int(month) - 1


@dataclass(frozen=True)
class Verhouding:
    """One income relation as counted: its latest tijdvak, per month."""

    loonheffingennummer: str
    soort: str
    instantie: str | None
    periode: str
    netto_maand: Decimal
    bruto_maand: Decimal


@dataclass(frozen=True)
class Inkomen:
    peildatum: date
    verhoudingen: tuple[Verhouding, ...] = ()
    uitkeringen_maand: Decimal = NUL
    """Benefits of the `uitkeringen` source not also in the polis (as delivered: gross)."""
    vakantiegeld_netto_jaar: Decimal = NUL
    vakantiegeld_bruto_jaar: Decimal = NUL
    eenmalig_netto_jaar: Decimal = NUL
    eenmalig_bruto_jaar: Decimal = NUL
    """Other one-off payments (year-end bonus and the like) of the last twelve months."""
    lezingen: tuple[str, ...] = ()

    @property
    def netto_maand(self) -> Decimal:
        return sum((v.netto_maand for v in self.verhoudingen), NUL) + self.uitkeringen_maand

    @property
    def bruto_maand(self) -> Decimal:
        return sum((v.bruto_maand for v in self.verhoudingen), NUL) + self.uitkeringen_maand

    @property
    def bruto_jaar(self) -> Decimal:
        return self.bruto_maand * 12 + self.vakantiegeld_bruto_jaar + self.eenmalig_bruto_jaar

    def met_vakantiegeld(self, reservering: Waarde) -> tuple[Decimal, str | None]:
        """The regular net per month plus holiday pay: a twelfth of what was paid in the
        last twelve months, or else `reservering` of the regular net of the polis relations
        (each carries a right to holiday pay), with the reading that says so."""
        if self.vakantiegeld_netto_jaar > 0:
            return self.netto_maand + self.vakantiegeld_netto_jaar / 12, None
        polis = sum((v.netto_maand for v in self.verhoudingen), NUL)
        if polis == 0:
            return self.netto_maand, None
        lezing = (
            f"geen uitbetaald vakantiegeld in de polisadministratie in de laatste twaalf "
            f"maanden: {reservering.value * 100:.0f}% van het netto loon gereserveerd "
            f"({reservering.artikel})"
        )
        return self.netto_maand + polis * reservering.value, lezing

    @property
    def perioden(self) -> list[str]:
        return sorted({v.periode for v in self.verhoudingen})


def netto(opgave: dict[str, Any]) -> Decimal:
    """The regular net of one inkomstenopgave (its one-off payments left out)."""
    cents = (
        opgave["loon_lb_cent"]
        - opgave["prive_auto_cent"]
        - opgave["vrijgesteld_cent"]
        - (opgave["ingehouden_lb_cent"] - opgave["ingehouden_lb_bijzonder_cent"])
        - opgave["zvw_inhouding_cent"]
        - opgave["wga_premie_cent"]
    )
    return max(NUL, _cent(cents))


def eenmalig(opgave: dict[str, Any]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Holiday pay and other one-off payments of an opgave, gross and net (the loonheffing
    on the bijzonder tarief shared in proportion)."""
    vakantiegeld, overig = opgave["vakantiegeld_cent"], opgave["eenmalig_cent"]
    totaal = vakantiegeld + overig
    if totaal == 0:
        return NUL, NUL, NUL, NUL
    heffing = Decimal(opgave["ingehouden_lb_bijzonder_cent"])
    op_vakantiegeld = heffing * vakantiegeld / totaal
    return (
        _cent(vakantiegeld),
        (vakantiegeld - op_vakantiegeld) / 100,
        _cent(overig),
        (overig - (heffing - op_vakantiegeld)) / 100,
    )


def afleiden(records: Records, peildatum: date) -> Inkomen:
    """The income of one person on the date (see the module's readings)."""
    p = in_force(peildatum, ["vier_weken_per_maand", "polis_recentheid_maanden"])
    factor = p["vier_weken_per_maand"].value
    recent = int(p["polis_recentheid_maanden"].value)
    maand = f"{peildatum:%Y-%m}"
    per_relatie: dict[tuple[str, date], dict[date, dict[str, Any]]] = defaultdict(dict)
    jaar = [NUL, NUL, NUL, NUL]
    for opgave in records.get("uwv-polis", []):
        if opgave["periode"] > maand:
            continue
        # a later opgave of the same tijdvak is its correction
        relatie = per_relatie[(opgave["loonheffingennummer"], opgave["begindatum"])]
        relatie[opgave["tijdvak_begin"]] = opgave
    for tijdvakken in per_relatie.values():
        for opgave in tijdvakken.values():
            if maand_index(maand) - maand_index(opgave["periode"]) < 12:
                jaar = [a + b for a, b in zip(jaar, eenmalig(opgave), strict=True)]
    verhoudingen = []
    for (nummer, _begin), tijdvakken in sorted(per_relatie.items()):
        laatste = tijdvakken[max(tijdvakken)]
        if not op(None, laatste["einddatum"], peildatum):  # ended on or before the date
            continue
        if maand_index(maand) - maand_index(laatste["periode"]) > recent:
            continue
        per_maand = factor if laatste["loontijdvak"] == "vier_weken" else Decimal(1)
        verhoudingen.append(
            Verhouding(
                loonheffingennummer=nummer,
                soort=laatste["soort_inkomen"],
                instantie=laatste["uitkeringsinstantie"],
                periode=laatste["periode"],
                netto_maand=netto(laatste) * per_maand,
                bruto_maand=_cent(laatste["loon_lb_cent"]) * per_maand,
            )
        )
    uitkeringen, lezingen = _uitkeringen(records, peildatum, verhoudingen)
    vakantiegeld_bruto, vakantiegeld_netto, eenmalig_bruto, eenmalig_netto = jaar
    return Inkomen(
        peildatum=peildatum,
        verhoudingen=tuple(verhoudingen),
        uitkeringen_maand=uitkeringen,
        vakantiegeld_netto_jaar=max(NUL, vakantiegeld_netto),
        vakantiegeld_bruto_jaar=vakantiegeld_bruto,
        eenmalig_netto_jaar=max(NUL, eenmalig_netto),
        eenmalig_bruto_jaar=eenmalig_bruto,
        lezingen=tuple(lezingen),
    )


def _uitkeringen(
    records: Records, peildatum: date, verhoudingen: Iterable[Verhouding]
) -> tuple[Decimal, list[str]]:
    in_polis = {v.instantie for v in verhoudingen if v.soort == "uitkering"}
    total, lezingen = NUL, []
    for r in records.get("uitkeringen", []):
        if r["regeling"] in GEEN_INKOMEN or not op(r["begindatum"], r["einddatum"], peildatum):
            continue
        if r["instantie"] in in_polis:
            continue
        total += _cent(r["bedrag_per_maand_cent"])
        lezingen.append(
            LEZING_UITKERING_BRUTO.format(regeling=r["regeling"], instantie=r["instantie"])
        )
    return total, lezingen
