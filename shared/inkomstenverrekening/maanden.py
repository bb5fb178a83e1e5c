"""Per recipient and month: the income from the polisadministratie as it counts against the
algemene bijstand, a pure function of the opgaven of the recipient and the partner.

Readings, on top of those of `shared.bronnen.inkomen` (the net of an opgave) and
`shared.bronnen.inkomenshistorie` (which month an opgave counts in, four-weekly pay as its
monthly equivalent, one-off payments accrued over the twelve months up to their payment):

- The net per opgave is split as the bureau delivers it: the regular wage (normaal tarief)
  and the payments taxed at the bijzonder tarief, holiday pay apart. The polis gives the
  Zvw contribution and the WGA premium withheld in one amount: both are taken from the
  regular wage. An opgave whose withholdings exceed what they are withheld on has no net
  that can be computed: it is listed with the reason and its months are not computed.
- Income from work is the wage of a dienstbetrekking; a benefit paid through the polis
  (UWV, SVB) is income from former work (Regeling art. 12). The polis says nothing of the
  heffingskorting: art. 13 of the Regeling is never applied.
- Holiday pay counts as the gemeente chose (`Vakantiegeld`): the monthly aanspraak of the
  Regeling over the regular net, or the net holiday pay in the month it is paid; never both.
- The vrijlating of art. 31 lid 2 n is applied when the gemeente's policy says its college
  judges it to contribute to arbeidsinschakeling; its six months are counted from the
  benefit's begindatum as the months with income from work before the month (the polis is
  the only record the service has of them). From 2027 art. 34a lid 1 a: one "aaneengesloten
  periode van maximaal twaalf maanden", from the first month with income from work in which
  the article is in force and the benefit runs, counted in calendar months whether or not
  there was work; a new period after a new dienstverband (lid 2 and 3) is the college's
  decision and not applied here. The vrijlatingen r and y depend on facts only
  the gemeente holds (full care of a child, a medical limitation): not applied here.
- A month counts only when it lies in the benefit (art. 32 lid 1 b); a month the benefit runs
  only part of is named, not computed (which part of its income is over the benefit's part
  the gemeente decides); a month without an opgave of the household is not delivered.
- Age and the pensioengerechtigde leeftijd are taken on the first day of the month (bijstand
  is set per calendar month, art. 45 lid 1): in the month of a 27th birthday after the 1st
  the vrijlating n does not yet apply. A month in which n could not apply (below 27) does not
  use up its six months.
- Paid holiday pay (`UITBETAALD`) counts for the twelfths of the year it was earned over
  (the payment month and the eleven before, art. 32 lid 2) that lie in the benefit.
- The vrijlating is taken over the regular net from work; one-off payments from work
  (accrued, `eenmalig`) count without it. Each partner in the population is taken to
  receive bijstand with the recipient: a partner without a right of his own (art. 32 lid 3
  and 4) cannot be told from the data and is the gemeente's to correct.
- Every amount is rounded half up to the cent per person and kind before the rules apply.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from shared.bronnen.inkomen import eenmalig, maand_index
from shared.bronnen.inkomenshistorie import maandgrenzen, maandnetto, toegerekend
from shared.rules import oib
from shared.rules.afronding import op_centen
from shared.rules.iit import pensioengerechtigd
from shared.rules.leeftijd import leeftijd
from shared.rules.parameters import MissingParameters, in_force

NUL = Decimal(0)
DIENSTBETREKKING = "dienstbetrekking"


@dataclass(frozen=True)
class Opgaveregel:
    """One opgave as delivered: the bureau's indicative net, normaal and bijzonder apart."""

    ontvanger: str
    bsn: str
    rol: str
    loonheffingennummer: str
    soort_inkomen: str
    uitkeringsinstantie: str | None
    loontijdvak: str
    tijdvak_begin: date
    tijdvak_einde: date
    periode: str
    loon_lb: Decimal
    netto_normaal: Decimal | None
    vakantiegeld_bruto: Decimal
    vakantiegeld_netto: Decimal | None
    bijzonder_bruto: Decimal
    bijzonder_netto: Decimal | None
    reden: str | None
    """Why no net can be computed (then the nets are None)."""


def _cent(value: int) -> Decimal:
    return Decimal(value) / 100


def opgaveregel(o: dict[str, Any]) -> Opgaveregel:
    normaal = (
        o["loon_lb_cent"]
        - o["prive_auto_cent"]
        - o["vrijgesteld_cent"]
        - (o["ingehouden_lb_cent"] - o["ingehouden_lb_bijzonder_cent"])
        - o["zvw_inhouding_cent"]
        - o["wga_premie_cent"]
    )
    vt_bruto, vt_netto, bijzonder_bruto, bijzonder_netto = eenmalig(o)
    reden = None
    if normaal < 0:
        reden = "de inhoudingen op het normale loon zijn hoger dan dat loon"
    elif o["ingehouden_lb_bijzonder_cent"] > o["vakantiegeld_cent"] + o["eenmalig_cent"]:
        reden = "de loonheffing tegen het bijzonder tarief is hoger dan de bijzondere beloningen"
    return Opgaveregel(
        ontvanger=o["ontvanger"],
        bsn=o["bsn"],
        rol=o["rol"],
        loonheffingennummer=o["loonheffingennummer"],
        soort_inkomen=o["soort_inkomen"],
        uitkeringsinstantie=o["uitkeringsinstantie"],
        loontijdvak=o["loontijdvak"],
        tijdvak_begin=o["tijdvak_begin"],
        tijdvak_einde=o["tijdvak_einde"],
        periode=o["periode"],
        loon_lb=_cent(o["loon_lb_cent"]),
        netto_normaal=None if reden else _cent(normaal),
        vakantiegeld_bruto=vt_bruto,
        vakantiegeld_netto=None if reden else op_centen(vt_netto),
        bijzonder_bruto=bijzonder_bruto,
        bijzonder_netto=None if reden else op_centen(bijzonder_netto),
        reden=reden,
    )


@dataclass(frozen=True)
class Persoonsmaand:
    bsn: str
    rol: str
    arbeid: Decimal
    vroegere_arbeid: Decimal
    eenmalig: Decimal
    """One-off payments other than holiday pay, accrued to the month."""
    vakantiegeld: Decimal
    vrijlating: Decimal
    vrijlating_soort: oib.Vrijlating
    inkomen: Decimal


@dataclass(frozen=True)
class Maandregel:
    ontvanger: str
    maand: str
    personen: tuple[Persoonsmaand, ...]
    te_verrekenen: Decimal | None
    """The household's income of the month as it counts against the bijstand."""
    reden: str | None = None
    """Why the month is not computed."""

    def vingerafdruk(self) -> str:
        """A digest of every field (the dataclass repr names them all, in order)."""
        return hashlib.sha256(repr(self).encode()).hexdigest()


@dataclass(frozen=True)
class Keuze:
    vakantiegeld: oib.Vakantiegeld
    vrijlating_arbeid: bool


class NietTeBerekenen(Exception):
    """A month whose income cannot be computed, with the reason (as are a bracket of the
    Regeling or a parameter not known for the month)."""


def _uitkeringsmaanden(rij: dict[str, Any]) -> tuple[int, int]:
    """The first and last month (as `maand_index`) the benefit runs in; its einddatum is
    exclusive."""
    einde = rij["uitkering_einde"]
    laatste = maand_index(f"{einde - timedelta(days=1):%Y-%m}" if einde else "9999-12")
    return maand_index(f"{rij['uitkering_begin']:%Y-%m}"), laatste


def vergeet_parameters() -> None:
    """Forget the per-month parameter answers: a run starts with the sets approved now."""
    _34a_geldt.cache_clear()
    _n_minimumleeftijd.cache_clear()


@cache
def _34a_geldt(maand: str) -> bool:
    return oib.art_34a_geldt(date.fromisoformat(f"{maand}-01"))


@cache
def _n_minimumleeftijd(maand: str) -> Decimal | None:
    try:
        p = in_force(date.fromisoformat(f"{maand}-01"), ["vrijlating_minimumleeftijd"])
    except MissingParameters:
        return None  # not in force (from 2027: art. 34a)
    return p["vrijlating_minimumleeftijd"].value


def _n_kon(geboortedatum: date, maand: str) -> bool:
    """Whether art. 31 lid 2 n could leave income out in the month: from 27 (lid 5) or at the
    pensioengerechtigde leeftijd; a month in which it could not does not use up its six."""
    dag = date.fromisoformat(f"{maand}-01")
    minimum = _n_minimumleeftijd(maand)
    if minimum is None:
        return False
    return leeftijd(geboortedatum, dag) >= minimum or pensioengerechtigd(geboortedatum, dag)


def _deels(rij: dict[str, Any], maand: str) -> bool:
    """Whether the benefit runs only part of the month."""
    begin, einde = maandgrenzen(maand)
    eind = rij["uitkering_einde"]
    return rij["uitkering_begin"] > begin or (eind is not None and eind < einde)


def _persoon(
    opgaven: list[dict[str, Any]],
    regels: dict[int, Opgaveregel],
    maand: str,
    keuze: Keuze,
) -> Persoonsmaand:
    eerste = opgaven[0]
    begin = date.fromisoformat(f"{maand}-01")
    van_maand = [o for o in opgaven if o["periode"] == maand]
    if any(regels[id(o)].reden for o in van_maand):
        raise NietTeBerekenen("een inkomstenopgave van de maand heeft geen te berekenen netto")
    if eerste["geboortedatum"] is None:
        raise NietTeBerekenen(f"de geboortedatum van de {eerste['rol']} staat niet in de BRP")
    if _deels(eerste, maand):
        raise NietTeBerekenen(
            "de uitkering loopt een deel van de maand: welk deel van het inkomen over die "
            "periode gaat (art. 32 lid 1 b), rekent de gemeente zelf toe"
        )
    factor = in_force(begin, ["vier_weken_per_maand"])["vier_weken_per_maand"].value
    per_relatie: dict[tuple[str, str, date], list[dict[str, Any]]] = defaultdict(list)
    for o in van_maand:
        per_relatie[(o["soort_inkomen"], o["loonheffingennummer"], o["begindatum"])].append(o)
    arbeid = vroeger = NUL
    for (soort, _, _), tijdvakken in per_relatie.items():
        if soort == DIENSTBETREKKING:
            arbeid += maandnetto(tijdvakken, factor)
        else:
            vroeger += maandnetto(tijdvakken, factor)
    index = maand_index(maand)
    eerste_maand, laatste_maand = _uitkeringsmaanden(eerste)
    gewerkt = {
        o["periode"]
        for o in opgaven
        if o["soort_inkomen"] == DIENSTBETREKKING
        and eerste_maand <= maand_index(o["periode"]) < index
        and (regels[id(o)].netto_normaal or NUL) > 0
    }
    sinds_34a = [m for m in sorted(gewerkt) if _34a_geldt(m)] if _34a_geldt(maand) else []
    geboren = eerste["geboortedatum"]
    situatie = oib.Situatie(
        leeftijd=leeftijd(geboren, begin),
        pensioengerechtigd=pensioengerechtigd(geboren, begin),
        college_akkoord=keuze.vrijlating_arbeid,
        maanden_arbeid_gebruikt=sum(1 for m in gewerkt if _n_kon(geboren, m)),
        maanden_2027_gebruikt=index - maand_index(sinds_34a[0]) if sinds_34a else 0,
    )
    verdiend_in_uitkering = sum(
        1 for j in range(index - 11, index + 1) if eerste_maand <= j <= laatste_maand
    )
    betaald = sum((regels[id(o)].vakantiegeld_netto or NUL for o in van_maand), NUL)
    inkomen = oib.Inkomen(
        arbeid=op_centen(arbeid),
        vroegere_arbeid=op_centen(vroeger),
        overig=op_centen(toegerekend(opgaven, maand, 3)),
        vakantiegeld_uitbetaald=op_centen(betaald * verdiend_in_uitkering / 12),
    )
    telt = oib.in_aanmerking(maand, inkomen, situatie, keuze.vakantiegeld)
    return Persoonsmaand(
        bsn=eerste["bsn"],
        rol=eerste["rol"],
        arbeid=inkomen.arbeid,
        vroegere_arbeid=inkomen.vroegere_arbeid,
        eenmalig=inkomen.overig,
        vakantiegeld=telt.vakantiegeld,
        vrijlating=telt.vrijlating,
        vrijlating_soort=telt.vrijlating_soort,
        inkomen=telt.inkomen,
    )


def huishouden(
    rijen: Iterable[dict[str, Any]], keuze: Keuze
) -> tuple[list[Opgaveregel], list[Maandregel]]:
    """Every opgave of one recipient's household, and every month they fall in."""
    per_persoon: dict[str, list[dict[str, Any]]] = defaultdict(list)
    regels: dict[int, Opgaveregel] = {}
    for rij in rijen:
        per_persoon[rij["bsn"]].append(rij)
        regels[id(rij)] = opgaveregel(rij)
    maanden = sorted({o["periode"] for opgaven in per_persoon.values() for o in opgaven})
    uitkomst = []
    for maand in maanden:
        ontvanger = next(iter(regels.values())).ontvanger
        try:
            personen = tuple(
                _persoon(opgaven, regels, maand, keuze)
                for opgaven in per_persoon.values()
                if any(o["periode"] == maand for o in opgaven)
            )
        except (NietTeBerekenen, oib.OnbekendeSchijf, MissingParameters) as error:
            uitkomst.append(Maandregel(ontvanger, maand, (), None, str(error)))
            continue
        totaal = sum((p.inkomen for p in personen), NUL)
        uitkomst.append(Maandregel(ontvanger, maand, personen, totaal))
    return list(regels.values()), uitkomst
