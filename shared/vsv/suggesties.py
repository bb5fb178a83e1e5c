"""Suggestions to register, for a gemeente's own leerplicht/RMC work: its residents who turn
18 in a month without a startkwalificatie and whom no Doorstroompunt follows, so that no young
person falls between the leerplicht (to 18) and the Doorstroompunt.

Readings:
- The sources are those in force on the month's last day, or today while the month runs
  (BRP: residents of the gemeente, in the Netherlands, alive; DUO: startkwalificaties
  obtained by then). Who is enrolled in education then (DUO) is at school, not a young
  person to register: left out. Without a snapshot of the enrolments nobody is left out
  for it, and each suggestion says enrolment is unknown (`ingeschreven` null).
- The suggestion is for the gemeente to pass on to its Doorstroompunt, which registers;
  that a resident is missing from it may mean he is followed: the gemeente's leerplicht/RMC
  staff work with the Doorstroompunt of their region.
- "Turns 18 in the month" by `rules.leeftijd` (someone born on 29 February turns 18 on
  1 March in a common year), 18 being `doorstroompunt_aanmeldleeftijd`: the kwalificatieplicht
  ends and the Doorstroompunt's task begins.
- Without a snapshot of the BRP or of DUO's startkwalificaties the answer would be a guess:
  refused, with the source named.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from shared.bronnen.publicatie import publicaties
from shared.errors import NietToegestaan
from shared.models.vsv import Aanmeldsuggestie, Aanmeldsuggesties
from shared.rechtmatigheid.matching import GEHEUGEN
from shared.rechtmatigheid.verwerking import lokaal
from shared.rules.leeftijd import leeftijd
from shared.rules.parameters import in_force
from shared.security import audit
from shared.security.access import Caller
from shared.security.diensten import VSV_AANMELDSUGGESTIES
from shared.storage.duckdb_sql import begrensd, bestanden
from shared.vsv.register import Register


def _maand(tekst: str) -> tuple[date, date]:
    """(first day, first day of the next month)."""
    begin = date.fromisoformat(f"{tekst}-01")
    return begin, (begin + timedelta(days=32)).replace(day=1)


def wordt_in(geboren: date, jaren: int, begin: date, einde: date) -> bool:
    """Whether someone born on `geboren` reaches `jaren` on a day from `begin` to `einde`.

    >>> wordt_in(date(2008, 2, 29), 18, date(2026, 3, 1), date(2026, 3, 31))
    True
    """
    return leeftijd(geboren, begin - timedelta(days=1)) < jaren <= leeftijd(geboren, einde)


def suggesties(caller: Caller, maand: str, vandaag: date | None = None) -> Aanmeldsuggesties:
    begin, volgende = _maand(maand)
    einde = volgende - timedelta(days=1)
    peildatum = min(einde, vandaag or datetime.now(UTC).date())
    if peildatum < begin:
        raise NietToegestaan(f"de maand {maand} is nog niet begonnen")
    brp = publicaties().in_force("brp-personen", peildatum)
    duo = publicaties().in_force("duo-startkwalificaties", peildatum)
    inschrijvingen = publicaties().in_force("duo-inschrijvingen", peildatum)
    if brp is None or duo is None:
        zonder = [b for b, s in (("brp-personen", brp), ("duo-startkwalificaties", duo)) if not s]
        raise NietToegestaan(f"geen stand van {', '.join(zonder)} op {peildatum.isoformat()}")
    naam = "doorstroompunt_aanmeldleeftijd"
    aanmeldleeftijd = int(in_force(peildatum, [naam])[naam].value)
    ingeschreven = (
        f"SELECT bsn FROM read_parquet({bestanden(lokaal(inschrijvingen))}) "  # noqa: S608 (SQL of ours)
        "WHERE begindatum <= $peil AND coalesce(einddatum, DATE '9999-12-31') > $peil"
        if inschrijvingen
        else "SELECT NULL::VARCHAR AS bsn WHERE false"
    )
    query = f"""
        WITH ingeschreven AS ({ingeschreven}),
        gekwalificeerd AS (
            SELECT bsn FROM read_parquet({bestanden(lokaal(duo))}) WHERE behaald_op <= $peil)
        SELECT p.bsn, p.geboortedatum,
               p.bsn IN (SELECT bsn FROM ingeschreven) OR p.bsn IN (SELECT bsn FROM gekwalificeerd)
        FROM read_parquet({bestanden(lokaal(brp))}) p
        WHERE p.gemeentecode = $code AND p.land = 'NL'
          AND coalesce(p.overlijdensdatum, DATE '9999-12-31') > $peil
          AND p.geboortedatum BETWEEN $vroegst AND $laatst
        ORDER BY p.bsn
    """  # noqa: S608 (SQL of ours; the paths quoted)
    parameters = {
        "code": caller.namens.removeprefix("GM"),
        "peil": peildatum,
        "vroegst": begin.replace(year=begin.year - aanmeldleeftijd) - timedelta(days=1),
        "laatst": volgende.replace(year=volgende.year - aanmeldleeftijd),
    }
    with tempfile.TemporaryDirectory(prefix="vsv-suggesties-") as werkmap:
        connection = begrensd(GEHEUGEN, Path(werkmap))  # the whole BRP is read
        try:
            rijen = connection.execute(query, parameters).fetchall()
        finally:
            connection.close()
    register = Register()
    kandidaten = [(b, g, weg) for b, g, weg in rijen if wordt_in(g, aanmeldleeftijd, begin, einde)]
    gevonden = [
        Aanmeldsuggestie(
            bsn=bsn, geboortedatum=geboren, ingeschreven=None if inschrijvingen is None else False
        )
        for bsn, geboren, op_school_of_gekwalificeerd in kandidaten
        if not op_school_of_gekwalificeerd
        and ((r := register.van(bsn)) is None or r[0].doorstroompunt is None)
    ]
    bsns = [s.bsn for s in gevonden]
    getoetst = sorted({b for b, _, _ in kandidaten} - set(bsns))
    # every resident who turns 18 had his education and register consulted, delivered or not
    audit.personen(caller, "vsv aanmeldsuggesties getoetst", VSV_AANMELDSUGGESTIES, getoetst)
    audit.gelezen(caller, "vsv aanmeldsuggesties lezen", VSV_AANMELDSUGGESTIES, bsns)
    return Aanmeldsuggesties(maand=maand, peildatum=peildatum, suggesties=gevonden)
