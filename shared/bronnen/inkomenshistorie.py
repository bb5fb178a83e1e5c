"""What a household earned in each month of a period, from the polisadministratie and the
benefits: the monthly view of the one income derivation (`shared.bronnen.inkomen`), for
services that look back over months (the individuele inkomenstoeslag).

Readings, on top of those of `shared.bronnen.inkomen` (the net of an opgave, a later opgave
of a tijdvak as its correction, no double counting of a benefit that is in the polis):

- A month's income is the net of the loontijdvakken whose `periode` is that month (Pw
  art. 32 lid 1 b: income counts in the period it is earned over). A relation paid four
  weekly counts its monthly equivalent in every month it was paid in: the average of its
  tijdvakken in that month times 13/12, so a month holding two four-weekly tijdvakken
  does not count double.
- Holiday pay counts apart, as accrued (art. 32 lid 2: in the period it was earned over): a
  month earns a twelfth of the net holiday pay paid in it or the eleven months after it,
  so the months after the last payment have none known yet. Other one-off payments (a
  year-end payment, a bonus) count in the income the same way.
- Part of a month with a benefit counts the whole month's amount; a benefit outside the
  polis counts as its source delivers it (gross). The art. 31 lid 2 exemptions are not
  subtracted: the income is the net the polis shows.
- A gemeente's bijstand (PW) that ran in the month tops the income up to the norm (Pw art.
  19 lid 2: the bijstand is the difference between the income and the norm). The source
  carries no amount; the toets applies it with the month's norm. Another gemeente benefit
  (IOAW, IOAZ, BBZ, AIO) has no amount in any source: its months are not known.
- A month without any opgave, benefit or bijstand of the household is not known: the
  sources cannot tell "no income" from "no data".
- The household of a month is the person and the partner of that month (BRP relations on
  its first day). A partner other than the one read for the peildatum makes the month
  incomplete: his income was not read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from shared.bronnen.huishouden import Records, partner_van
from shared.bronnen.inkomen import GEEN_INKOMEN, eenmalig, maand_index, netto
from shared.rules.parameters import in_force
from shared.rules.periode import overlappen

NUL = Decimal(0)
BIJSTAND = ("PW",)
"""The gemeenten-uitkeringen regelingen whose benefit tops the income up to the bijstandsnorm."""


@dataclass(frozen=True)
class Maandinkomen:
    """The household's income of one month."""

    maand: str
    """YYYY-MM."""
    netto: Decimal | None
    """Regular net income (None: not known)."""
    vakantiegeld: Decimal
    """Net holiday pay accrued in the month."""
    gehuwd: bool
    """A partner was part of the household."""
    partner_pensioengerechtigd: bool = False
    """The partner had reached the AOW age (the norm of art. 22 c)."""
    bijstand: bool = False
    """A gemeente's bijstand ran in the month: it tops the income up to the norm."""
    reden: str | None = None
    """Why the income is not known."""


def maandgrenzen(maand: str) -> tuple[date, date]:
    """The month as a half-open period: its first day and the first day of the next."""
    index = maand_index(maand) + 1
    return date.fromisoformat(f"{maand}-01"), date(index // 12, index % 12 + 1, 1)


def sql_rang_opgave(alias: str = "", *per: str) -> str:
    """`_opgaven` in DuckDB SQL: a window that is 1 for the latest opgave of its relation and
    tijdvak (a later one is its correction), over polis rows read with `filename` and
    `file_row_number` (the part file and the row in it: the order of the delivery). `per`:
    columns that partition further, as when a person is read for more than one gemeente."""
    a = f"{alias}." if alias else ""
    relatie = (f"{a}{k}" for k in ("bsn", "loonheffingennummer", "begindatum", "tijdvak_begin"))
    return (
        f"row_number() OVER (PARTITION BY {', '.join([*per, *relatie])} "
        f"ORDER BY {a}filename DESC, {a}file_row_number DESC)"
    )


def _opgaven(records: Records) -> list[dict[str, Any]]:
    """Every tijdvak once, its latest opgave (a later one is its correction)."""
    laatste: dict[tuple[str, date, date], dict[str, Any]] = {}
    for opgave in records.get("uwv-polis", []):
        laatste[(opgave["loonheffingennummer"], opgave["begindatum"], opgave["tijdvak_begin"])] = (
            opgave
        )
    return list(laatste.values())


@dataclass(frozen=True)
class _Persoon:
    """One person's month."""

    netto: Decimal
    vakantiegeld: Decimal
    bekend: bool
    bijstand: bool
    zonder_bedrag: tuple[str, ...]
    """Gemeente benefits other than bijstand that ran: their amount is in no source."""


def toegerekend(opgaven: list[dict[str, Any]], maand: str, deel: int) -> Decimal:
    """A twelfth of the one-off payments (`deel` of `eenmalig`: 1 holiday pay, 3 the rest,
    net) paid in the month or the eleven after it: what the month earned of them."""
    index = maand_index(maand)
    betaald = (eenmalig(o)[deel] for o in opgaven if 0 <= maand_index(o["periode"]) - index < 12)
    return max(NUL, sum(betaald, NUL) / 12)


def maandnetto(tijdvakken: list[dict[str, Any]], factor: Decimal) -> Decimal:
    """The regular net one relation earned in a month from its tijdvakken of that month: their
    sum, or for four-weekly pay their average times `factor` (13/12)."""
    som = sum((netto(o) for o in tijdvakken), NUL)
    if tijdvakken and tijdvakken[0]["loontijdvak"] == "vier_weken":
        return som / len(tijdvakken) * factor
    return som


def _persoon(records: Records, maand: str, factor: Decimal) -> _Persoon:
    opgaven = _opgaven(records)
    per_relatie: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for opgave in opgaven:
        if opgave["periode"] == maand:
            per_relatie[opgave["loonheffingennummer"]].append(opgave)
    netto_maand = toegerekend(opgaven, maand, 3)
    for tijdvakken in per_relatie.values():
        netto_maand += maandnetto(tijdvakken, factor)
    begin, einde = maandgrenzen(maand)
    in_polis = {o["uitkeringsinstantie"] for tv in per_relatie.values() for o in tv}
    uitkeringen = [
        u
        for u in records.get("uitkeringen", [])
        if u["regeling"] not in GEEN_INKOMEN
        and overlappen(u["begindatum"], u["einddatum"], begin, einde)
    ]
    netto_maand += sum(
        (
            Decimal(u["bedrag_per_maand_cent"]) / 100
            for u in uitkeringen
            if u["instantie"] not in in_polis
        ),
        NUL,
    )
    gemeentelijk = [
        u["regeling"]
        for u in records.get("gemeenten-uitkeringen", [])
        if overlappen(u["begindatum"], u["einddatum"], begin, einde)
    ]
    bijstand = any(r in BIJSTAND for r in gemeentelijk)
    return _Persoon(
        netto=netto_maand,
        vakantiegeld=toegerekend(opgaven, maand, 1),
        bekend=bool(per_relatie or uitkeringen or gemeentelijk),
        bijstand=bijstand,
        zonder_bedrag=tuple(sorted({r for r in gemeentelijk if r not in BIJSTAND})),
    )


def per_maand(
    bsn: str,
    partner: str | None,
    personen: Mapping[str, Records],
    maanden: Sequence[str],
    peildatum: date,
) -> list[Maandinkomen]:
    """The household's figures for each month; `partner` is the partner read for the
    peildatum (None: none), `personen` the records read of both."""
    factor = in_force(peildatum, ["vier_weken_per_maand"])["vier_weken_per_maand"].value
    eigen = personen.get(bsn, {})
    uit = []
    for maand in maanden:
        partner_toen = partner_van(eigen, date.fromisoformat(f"{maand}-01"))
        if partner_toen is not None and partner_toen != partner:
            uit.append(
                Maandinkomen(maand, None, NUL, True, reden="een andere partner in deze maand")
            )
            continue
        leden = [bsn] if partner_toen is None else [bsn, partner_toen]
        cijfers = [_persoon(personen.get(lid, {}), maand, factor) for lid in leden]
        zonder_bedrag = sorted({r for c in cijfers for r in c.zonder_bedrag})
        bekend = any(c.bekend for c in cijfers) and not zonder_bedrag
        reden = (
            f"een {', '.join(zonder_bedrag)}-uitkering van de gemeente, zonder bedrag in de bronnen"
            if zonder_bedrag
            else None
            if bekend
            else "geen inkomen, uitkering of bijstand in de bronnen over deze maand"
        )
        uit.append(
            Maandinkomen(
                maand,
                sum((c.netto for c in cijfers), NUL) if bekend else None,
                sum((c.vakantiegeld for c in cijfers), NUL),
                gehuwd=partner_toen is not None,
                bijstand=any(c.bijstand for c in cijfers),
                reden=reden,
            )
        )
    return uit
