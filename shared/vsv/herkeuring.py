"""The register checked again, weekly, before the priority report: a young person who no longer
lives in the region of the Doorstroompunt that follows him (BRP) or has left the target group
(the maximum age, a startkwalificatie in DUO) is deregistered by the platform, VERHUISD or
BUITEN_DOELGROEP, so a Doorstroompunt follows nobody it has no task for (a registration made
with a date in the past included).

Without a snapshot of the BRP or of DUO's startkwalificaties in force nobody is deregistered:
"no longer there" would be a guess.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pyarrow as pa

from shared.bronnen.publicatie import publicaties
from shared.models.vsv import Afmeldreden, Registratie
from shared.rechtmatigheid.matching import GEHEUGEN
from shared.rechtmatigheid.verwerking import lokaal
from shared.rules.parameters import MissingParameters
from shared.rules.vsv import buiten_doelgroep
from shared.storage.duckdb_sql import begrensd, bestanden
from shared.vsv.register import Register, gemeenten_van


def _stand(bsns: list[str], dag: date, werkmap: Path) -> dict[str, tuple[str | None, date, bool]]:
    """Per BSN found in the BRP: (his gemeente, or None abroad or dead; birth date; whether
    he has a startkwalificatie), as in force on the day."""
    brp = publicaties().in_force("brp-personen", dag)
    duo = publicaties().in_force("duo-startkwalificaties", dag)
    if brp is None or duo is None:
        return {}
    connection = begrensd(GEHEUGEN, werkmap)
    try:
        connection.register("gevolgd", pa.table({"bsn": pa.array(bsns, pa.string())}))
        rijen = connection.execute(
            f"""
            SELECT p.bsn,
                   CASE WHEN p.land = 'NL'
                         AND coalesce(p.overlijdensdatum, DATE '9999-12-31') > $dag
                        THEN 'GM' || p.gemeentecode END,
                   p.geboortedatum,
                   p.bsn IN (SELECT bsn FROM read_parquet({bestanden(lokaal(duo))})
                             WHERE behaald_op <= $dag)
            FROM read_parquet({bestanden(lokaal(brp))}) p
            WHERE p.bsn IN (SELECT bsn FROM gevolgd)
            """,  # noqa: S608 (SQL of ours; the paths quoted)
            {"dag": dag},
        ).fetchall()
    finally:
        connection.close()
    return {bsn: (gemeente, geboren, sk) for bsn, gemeente, geboren, sk in rijen}


def herkeur(
    register: Register, gevolgd: list[tuple[str, Registratie]], dag: date
) -> list[tuple[str, Registratie]]:
    """Those of `gevolgd` still followed after the check; the others are deregistered."""
    with tempfile.TemporaryDirectory(prefix="vsv-herkeuring-") as werkmap:
        stand = _stand([r.bsn for _, r in gevolgd], dag, Path(werkmap))
    if not stand:
        return gevolgd
    regios: dict[str, list[str]] = {}
    blijven = []
    for punt, r in gevolgd:
        if r.bsn not in stand:  # not in the BRP snapshot: nothing to conclude
            blijven.append((punt, r))
            continue
        gemeente, geboren, startkwalificatie = stand[r.bsn]
        if punt not in regios:
            regios[punt] = gemeenten_van(punt)
        try:
            buiten = buiten_doelgroep(geboren, startkwalificatie, dag)
        except MissingParameters:
            buiten = None  # the target group unknown on the day: he stays
        if gemeente not in regios[punt]:
            reden = Afmeldreden.VERHUISD
        elif buiten is not None:
            reden = Afmeldreden.BUITEN_DOELGROEP
        else:
            blijven.append((punt, r))
            continue
        register.door_het_platform_afmelden(r.bsn, punt, reden, dag)
    return blijven
