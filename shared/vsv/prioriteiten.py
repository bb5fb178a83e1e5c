"""The weekly VSV priority report: per Doorstroompunt, every young person it follows with his
priority 1-5 (`rules.vsv.prioriteit`), the facts behind it and the change since last week,
as `terugmeldingen/vsv/{doorstroompunt}/{jaar}-W{week}.prioriteiten.csv` and `.json`, read
through `GET /api/v1/vsv/bestanden`.

Readings:
- The loonperiode is the newest calendar month whose loonaangifte was due (by the end of the
  month after it) on the polisadministratie snapshot's peildatum: a snapshot of 3 March
  reads January, one of 31 March February. An earlier month would be incomplete and show
  working young people as priority 1. The threshold is the one in force in that month
  (EUR 300 in 2023, EUR 580 from January 2024).
- Work is the regular wage of each opgave in dienstbetrekking whose tijdvak the polis places
  in that month, the newest opgave of a relation and tijdvak only (a correction replaces
  what it corrects): loon voor de loonbelasting less the private use of a car (no money
  received); bijzonder-tarief payments such as holiday pay left out (not monthly income).
  Added up over employers and over the tijdvakken of the month (a month can hold two
  four-weekly ones; no conversion, as in `rules.vsv`). A Ziektewet benefit counts as work
  with its full monthly amount, also in a month it runs only part of.
- Not in the priority, stated: the bureau's EUR 580 is used for every Doorstroompunt (one
  that chose a threshold of its own cannot set it here); age has no lower bound and
  enrolment is not read (the Doorstroompunt decides whom it registers); a region's
  gemeenten are the ones it has now, also for an earlier date.
- A benefit counts when it runs on any day of the loonperiode: UWV/SVB (`uitkeringen`, the
  AOW as a pension, so ignored; child benefit is the parent's, so not read) and the
  gemeenten's (`gemeenten-uitkeringen`).
- Without a snapshot of the polisadministratie or of either benefit source in force no
  priority is given (priority 1 would say "no income" where it is unknown): no report is
  written and the run says why.
- Before the report the register is checked again (`shared.vsv.herkeuring`): who moved out
  of the region or left the target group is deregistered and not in it.
- The change since last week is against the priority of the previous report; a report
  made again for the same week keeps the same "previous".
"""

from __future__ import annotations

import json
import logging
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from shared.bronnen.inkomenshistorie import sql_rang_opgave
from shared.bronnen.publicatie import publicaties
from shared.csvbestand import csv_bestand
from shared.models.bronsnapshot import Snapshot
from shared.rechtmatigheid.matching import GEHEUGEN
from shared.rechtmatigheid.verwerking import lokaal
from shared.rules.parameters import MissingParameters
from shared.rules.vsv import Soort, Verhouding, prioriteit
from shared.security import audit
from shared.security.diensten import VSV_VOLGEN
from shared.storage.blobs import BlobStore
from shared.storage.containers import BlobContainers
from shared.storage.documents import ConcurrentChange
from shared.storage.duckdb_sql import begrensd, bestanden
from shared.storage.terugmeldmap import Terugmeldmap
from shared.vsv.herkeuring import herkeur
from shared.vsv.register import Register

logger = logging.getLogger(__name__)
BESTANDEN = Terugmeldmap(
    "vsv",
    {".prioriteiten.csv": "text/csv", ".prioriteiten.json": "application/json"},
    ("bsn",),
)
NODIG = ("uwv-polis", "uitkeringen", "gemeenten-uitkeringen")
KOLOMMEN = (
    "bsn",
    "prioriteit",
    "vorige_prioriteit",
    "verandering",
    "loonperiode",
    "loon",
    "verloonde_uren",
    "werkgevers",
    "uitkeringen",
    "doelgroepregister",
    "reden",
)
SOORT_VAN = {"ZW": Soort.ZIEKTEWET, "AOW": Soort.PENSIOEN}
CENT = Decimal("0.01")


@dataclass
class Feiten:
    """What the sources show of one young person in the loonperiode."""

    loon_cent: int | None = None
    uren: Decimal = Decimal(0)
    werkgevers: int = 0
    uitkeringen: list[tuple[str, str, int | None]] = field(default_factory=list)
    """(who pays, regeling, monthly amount in cents or None)."""
    doelgroepregister: bool = False

    def verhoudingen(self) -> list[Verhouding]:
        gevonden = []
        if self.loon_cent is not None:
            gevonden.append(Verhouding(Soort.LOON, Decimal(self.loon_cent) * CENT))
        for _, regeling, bedrag in self.uitkeringen:
            soort = SOORT_VAN.get(regeling, Soort.UITKERING)
            gevonden.append(Verhouding(soort, Decimal(bedrag or 0) * CENT))
        return gevonden


def week_van(dag: date) -> str:
    jaar, week, _ = dag.isocalendar()
    return f"{jaar}-W{week:02d}"


def loonperiode(polis: Snapshot) -> tuple[date, date]:
    """[first day, first day of the next month) of the newest month whose loonaangifte was
    due (by the end of the month after it) on or before the snapshot's peildatum."""
    volgende = (polis.peildatum + timedelta(days=1)).replace(day=1)  # due by the day before
    einde = (volgende - timedelta(days=1)).replace(day=1)
    return (einde - timedelta(days=1)).replace(day=1), einde


def _feiten(
    snapshots: dict[str, Snapshot], bsns: list[str], dag: date, werkmap: Path
) -> dict[str, Feiten]:
    begin, einde = loonperiode(snapshots["uwv-polis"])
    feiten = {bsn: Feiten() for bsn in bsns}
    connection = begrensd(GEHEUGEN, werkmap)
    try:
        connection.register("gevolgd", pa.table({"bsn": pa.array(bsns, pa.string())}))
        p = {"maand": begin.strftime("%Y-%m")}
        polis = bestanden(lokaal(snapshots["uwv-polis"]))
        laatste = (
            f"SELECT *, {sql_rang_opgave()} AS rang "  # noqa: S608 (SQL of ours)
            f"FROM read_parquet({polis}, filename = true, file_row_number = true) "
            "WHERE periode = $maand AND bsn IN (SELECT bsn FROM gevolgd)"
        )  # the kind of income after the choice: a wage opgave corrected to a benefit is no wage
        for bsn, loon, uren, werkgevers in connection.execute(
            "SELECT bsn, sum(loon_lb_cent - prive_auto_cent), sum(verloonde_uren), "  # noqa: S608 (SQL of ours)
            f"count(DISTINCT loonheffingennummer) FROM ({laatste}) "
            "WHERE rang = 1 AND soort_inkomen = 'dienstbetrekking' GROUP BY bsn",
            p,
        ).fetchall():
            feiten[bsn].loon_cent, feiten[bsn].uren, feiten[bsn].werkgevers = loon, uren, werkgevers
        looptijd = "begindatum < $einde AND coalesce(einddatum, DATE '9999-12-31') > $begin"
        m = {"begin": begin, "einde": einde}
        uitkeringen = bestanden(lokaal(snapshots["uitkeringen"]))
        gemeenten = bestanden(lokaal(snapshots["gemeenten-uitkeringen"]))
        for bsn, wie, regeling, bedrag in connection.execute(
            "SELECT bsn, instantie, regeling, bedrag_per_maand_cent "  # noqa: S608 (SQL of ours)
            f"FROM read_parquet({uitkeringen}) WHERE regeling <> 'KINDERBIJSLAG' AND {looptijd} "
            "AND bsn IN (SELECT bsn FROM gevolgd) "
            "UNION ALL SELECT bsn, 'GM' || gemeentecode, regeling, NULL "
            f"FROM read_parquet({gemeenten}) WHERE {looptijd} "
            "AND bsn IN (SELECT bsn FROM gevolgd) ORDER BY ALL",
            m,
        ).fetchall():
            feiten[bsn].uitkeringen.append((wie, regeling, bedrag))
        if "doelgroepregister" in snapshots:
            register = bestanden(lokaal(snapshots["doelgroepregister"]))
            for (bsn,) in connection.execute(
                f"SELECT DISTINCT bsn FROM read_parquet({register}) "  # noqa: S608 (SQL of ours)
                "WHERE begindatum <= $dag AND coalesce(einddatum, DATE '9999-12-31') > $dag "
                "AND bsn IN (SELECT bsn FROM gevolgd)",
                {"dag": dag},
            ).fetchall():
                feiten[bsn].doelgroepregister = True
    finally:
        connection.close()
    return feiten


def _euro(cent: int | None) -> str:
    return "" if cent is None else f"{Decimal(cent) * CENT:.2f}"


def _regel(
    bsn: str, f: Feiten, periode: date, nu: int | None, vorige: int | None, reden: str
) -> dict[str, str]:
    verandering = "NIEUW" if vorige is None else ("GELIJK" if nu == vorige else "GEWIJZIGD")
    return {
        "bsn": bsn,
        "prioriteit": "" if nu is None else str(nu),
        "vorige_prioriteit": "" if vorige is None else str(vorige),
        "verandering": verandering,
        "loonperiode": periode.strftime("%Y-%m"),
        "loon": _euro(f.loon_cent),
        "verloonde_uren": f"{f.uren:.2f}" if f.loon_cent is not None else "",
        "werkgevers": str(f.werkgevers),
        "uitkeringen": ", ".join(f"{wie} {regeling}" for wie, regeling, _ in f.uitkeringen),
        "doelgroepregister": "ja" if f.doelgroepregister else "nee",
        "reden": reden,
    }


class Prioriteitenrapport:
    def __init__(self, register: Register | None = None) -> None:
        self.register = register or Register()

    def maak(self, dag: date) -> dict[str, int] | str:
        """Per Doorstroompunt the number of young people in its report; or why no report
        could be made."""
        snapshots = {
            b: s for b in (*NODIG, "doelgroepregister") if (s := publicaties().in_force(b, dag))
        }
        zonder = [b for b in NODIG if b not in snapshots]
        if zonder:
            return f"geen prioriteiten: geen stand van {', '.join(zonder)} op {dag.isoformat()}"
        week = week_van(dag)
        begin, _ = loonperiode(snapshots["uwv-polis"])
        gevolgd = herkeur(self.register, list(self.register.gevolgd()), dag)
        with tempfile.TemporaryDirectory(prefix="vsv-prioriteiten-") as werkmap:
            feiten = _feiten(snapshots, [r.bsn for _, r in gevolgd], dag, Path(werkmap))
        per_punt: dict[str, list[dict[str, str]]] = {}
        nieuw: dict[str, int | None] = {}
        for punt, r in gevolgd:
            vorige = r.vorige_prioriteit if r.prioriteit_week == week else r.prioriteit
            try:
                uitkomst = prioriteit(feiten[r.bsn].verhoudingen(), begin)
                nu, reden = int(uitkomst.prioriteit), ""
            except MissingParameters as error:
                nu, reden = None, str(error)
            nieuw[r.bsn] = nu
            per_punt.setdefault(punt, []).append(
                _regel(r.bsn, feiten[r.bsn], begin, nu, vorige, reden)
            )
        for doorstroompunt, regels in per_punt.items():
            actie = "vsv prioriteit bepaald"  # each young person in it: one processing
            audit.verwerkt(doorstroompunt, actie, VSV_VOLGEN, [r["bsn"] for r in regels])
            self._schrijf(
                doorstroompunt, week, dag, snapshots, sorted(regels, key=lambda x: x["bsn"])
            )
        niet_onthouden = [
            r.bsn for punt, r in gevolgd if not self._onthoud(r.bsn, punt, week, nieuw[r.bsn])
        ]
        if niet_onthouden:
            logger.warning("vsv-prioriteiten: %d prioriteiten niet bewaard", len(niet_onthouden))
        return {punt: len(regels) for punt, regels in per_punt.items()}

    def _schrijf(
        self,
        doorstroompunt: str,
        week: str,
        dag: date,
        snapshots: dict[str, Snapshot],
        regels: list[dict[str, str]],
    ) -> None:
        kop: dict[str, Any] = {
            "doorstroompunt": doorstroompunt,
            "week": week,
            "gemaaktOp": dag.isoformat(),
            "bronnen": {b: s.peildatum.isoformat() for b, s in sorted(snapshots.items())},
            "lezingen": (__doc__ or "").split("Readings:", 1)[1].strip(),
        }
        basis = f"{BESTANDEN.map_van(doorstroompunt)}{week}.prioriteiten"
        BlobStore().write_together(
            BlobContainers.TERUGMELDINGEN,
            [
                (f"{basis}.csv", csv_bestand(KOLOMMEN, regels), "text/csv; charset=utf-8"),
                (
                    f"{basis}.json",
                    [
                        json.dumps(
                            {**kop, "jongeren": regels}, ensure_ascii=False, indent=1
                        ).encode()
                    ],
                    "application/json; charset=utf-8",
                ),
            ],
        )

    def _onthoud(self, bsn: str, punt: str, week: str, nu: int | None) -> bool:
        """The priority on the registration, for the daily signals and next week's change;
        written over the version read, again if a registration changed meanwhile, and only
        while the Doorstroompunt reported to still follows him. Whether it was written (or
        needs not be)."""
        for _ in range(3):  # not statutory: attempts under concurrent change
            gevonden = self.register.van(bsn)
            if gevonden is None or gevonden[0].doorstroompunt != punt:
                return True  # deregistered or taken over meanwhile: not his priority there
            r, etag = gevonden
            vorige = r.vorige_prioriteit if r.prioriteit_week == week else r.prioriteit
            bijgewerkt = r.model_copy(
                update={"prioriteit": nu, "prioriteit_week": week, "vorige_prioriteit": vorige}
            )
            try:
                self.register.replace(r.id, bijgewerkt, etag)
                return True
            except ConcurrentChange:
                continue
        return False
