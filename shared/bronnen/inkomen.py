"""What a person earns per month on a reference date, from the polisadministratie and the
benefits of UWV and SVB: the one income derivation BVV and kwijtschelding share.

The readings:

- **Netto** per inkomstenopgave as the Regeling Participatiewet, IOAW en IOAZ (amendment on
  netto-inkomen, Stcrt. 2025) and the bureau's OIB compute it: the wage taxable for
  loonbelasting/premie volksverzekeringen, minus the loonheffing withheld, the Zvw
  contribution withheld, the WGA/WHK premium withheld, the private-use value of a car and
  the exempt advantages of Pw art. 31 lid 2 c and p (both are part of the taxable wage but
  no money received). Gross (`bruto`) stays available for rules that ask for it.
- **Which months count**: per income relation its latest loontijdvak on or before the
  reference month. A relation whose `einddatum` lies before the reference month does not
  count; nor does one without an opgave in the reference month or the
  `polis_recentheid_maanden` months before it (the bureau's choice, see that parameter).
- **Regular and one-off**: a four-weekly tijdvak counts 13/12 per month
  (`vier_weken_per_maand`). Holiday pay and other one-off payments (bijzonder tarief) are
  not part of the monthly income and are never multiplied by twelve: those paid in the
  twelve months up to the reference month are given apart, once, for a yearly figure.
- **No double counting**: a UWV or SVB benefit is paid through the loonaangifte and so is
  in the polis; a benefit of the `uitkeringen` source counts only when no counted polis
  relation of the same instantie pays a benefit. Counted from `uitkeringen` it is the
  amount as delivered (gross) and a reading says so. Kinderbijslag is no income here.

Pure over records as plain dicts (`shared.bronnen.huishouden.Records`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from shared.bronnen.huishouden import Records
from shared.rules.parameters import Waarde, in_force
from shared.rules.periode import op

PARAMETERS = Path(__file__).parents[1] / "rules" / "huishouden" / "parameters"
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
    eenmalig_netto_jaar: Decimal = NUL
    eenmalig_bruto_jaar: Decimal = NUL
    lezingen: tuple[str, ...] = ()
    parameters: tuple[Waarde, ...] = field(default=())

    @property
    def netto_maand(self) -> Decimal:
        return sum((v.netto_maand for v in self.verhoudingen), NUL) + self.uitkeringen_maand

    @property
    def bruto_maand(self) -> Decimal:
        return sum((v.bruto_maand for v in self.verhoudingen), NUL) + self.uitkeringen_maand

    @property
    def bruto_jaar(self) -> Decimal:
        return self.bruto_maand * 12 + self.eenmalig_bruto_jaar

    @property
    def perioden(self) -> list[str]:
        return sorted({v.periode for v in self.verhoudingen})

    def plus(self, other: Inkomen) -> Inkomen:
        """A household's income: two persons' added up."""
        return Inkomen(
            peildatum=self.peildatum,
            verhoudingen=self.verhoudingen + other.verhoudingen,
            uitkeringen_maand=self.uitkeringen_maand + other.uitkeringen_maand,
            eenmalig_netto_jaar=self.eenmalig_netto_jaar + other.eenmalig_netto_jaar,
            eenmalig_bruto_jaar=self.eenmalig_bruto_jaar + other.eenmalig_bruto_jaar,
            lezingen=tuple(dict.fromkeys(self.lezingen + other.lezingen)),
            parameters=self.parameters,
        )


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


def _per_maand(opgave: dict[str, Any], factor: Decimal) -> Decimal:
    return factor if opgave["loontijdvak"] == "vier_weken" else Decimal(1)


def afleiden(records: Records, peildatum: date) -> Inkomen:
    """The income of one person on the date (see the module's readings)."""
    p = in_force(PARAMETERS, peildatum, ["vier_weken_per_maand", "polis_recentheid_maanden"])
    factor = p["vier_weken_per_maand"].value
    recent = int(p["polis_recentheid_maanden"].value)
    maand = f"{peildatum:%Y-%m}"
    eerste_dag = peildatum.replace(day=1)
    per_relatie: dict[tuple[str, date], list[dict[str, Any]]] = defaultdict(list)
    eenmalig_bruto = eenmalig_netto = NUL
    for opgave in records.get("uwv-polis", []):
        if opgave["periode"] > maand:
            continue
        per_relatie[(opgave["loonheffingennummer"], opgave["begindatum"])].append(opgave)
        if maand_index(maand) - maand_index(opgave["periode"]) < 12:
            eenmalig = opgave["vakantiegeld_cent"] + opgave["eenmalig_cent"]
            eenmalig_bruto += _cent(eenmalig)
            eenmalig_netto += _cent(eenmalig - opgave["ingehouden_lb_bijzonder_cent"])
    verhoudingen = []
    for (nummer, _begin), opgaven in sorted(per_relatie.items()):
        laatste = max(o["periode"] for o in opgaven)
        einde = opgaven[0]["einddatum"]
        if einde is not None and einde <= eerste_dag:
            continue
        if maand_index(maand) - maand_index(laatste) > recent:
            continue
        tijdvak = [o for o in opgaven if o["periode"] == laatste]
        verhoudingen.append(
            Verhouding(
                loonheffingennummer=nummer,
                soort=tijdvak[0]["soort_inkomen"],
                instantie=tijdvak[0]["uitkeringsinstantie"],
                periode=laatste,
                netto_maand=sum((netto(o) * _per_maand(o, factor) for o in tijdvak), NUL),
                bruto_maand=sum(
                    (_cent(o["loon_lb_cent"]) * _per_maand(o, factor) for o in tijdvak), NUL
                ),
            )
        )
    uitkeringen, lezingen = _uitkeringen(records, peildatum, verhoudingen)
    return Inkomen(
        peildatum=peildatum,
        verhoudingen=tuple(verhoudingen),
        uitkeringen_maand=uitkeringen,
        eenmalig_netto_jaar=max(NUL, eenmalig_netto),
        eenmalig_bruto_jaar=eenmalig_bruto,
        lezingen=tuple(lezingen),
        parameters=tuple(p.values()),
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
