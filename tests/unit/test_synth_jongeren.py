"""The synthetic young people exercise every VSV priority and transition: read as the weekly
report reads the sources, the target group holds priorities 1 to 5, Ziektewet counted as
work, and jobs that begin and end in the last month (what the daily signals report)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from shared.rules.periode import op
from shared.rules.vsv import Prioriteit, buiten_doelgroep, prioriteit
from shared.vsv.prioriteiten import Feiten
from synth.world import Persoon, Wereld

PEIL = date(2026, 10, 31)
LOONPERIODE = date(2026, 9, 1)
"""The report on a polis snapshot of October reads September."""


def _feiten(p: Persoon) -> Feiten:
    feiten = Feiten()
    werk = [
        r for r in p.records.get("uwv-polis", [])
        if r["soort_inkomen"] == "dienstbetrekking" and r["periode"] == "2026-09"
    ]  # fmt: skip
    if werk:
        feiten.loon_cent = sum(int(str(r["loon_lb_cent"])) for r in werk)
    for r in p.records.get("uitkeringen", []):
        if r["regeling"] != "KINDERBIJSLAG" and op(r["begindatum"], r["einddatum"], LOONPERIODE):  # type: ignore[arg-type]
            feiten.uitkeringen.append(
                ("UWV", str(r["regeling"]), int(str(r["bedrag_per_maand_cent"])))
            )
    for r in p.records.get("gemeenten-uitkeringen", []):
        if op(r["begindatum"], r["einddatum"], LOONPERIODE):  # type: ignore[arg-type]
            feiten.uitkeringen.append((f"GM{r['gemeentecode']}", "PW", None))
    return feiten


def test_the_young_people_hold_every_priority_and_transition() -> None:
    jongeren = [h.leden[0] for h in Wereld(5, PEIL).jongeren(600)]
    doelgroep = [
        p for p in jongeren
        if buiten_doelgroep(p.geboortedatum, "duo-startkwalificaties" in p.records, PEIL) is None
    ]  # fmt: skip
    assert 0 < len(doelgroep) < len(jongeren)  # some have a startkwalificatie or are too old
    prioriteiten = Counter(
        prioriteit(_feiten(p).verhoudingen(), LOONPERIODE).prioriteit for p in doelgroep
    )
    assert set(prioriteiten) == set(Prioriteit)
    ziektewet = [
        p for p in doelgroep if any(r["regeling"] == "ZW" for r in p.records.get("uitkeringen", []))
    ]
    assert ziektewet
    assert {prioriteit(_feiten(p).verhoudingen(), LOONPERIODE).prioriteit for p in ziektewet} == {
        Prioriteit.WERK
    }
    opgaven = [r for p in doelgroep for r in p.records.get("uwv-polis", [])]
    assert any(r["begindatum"] == date(2026, 10, 1) for r in opgaven)  # a job begins
    assert any(r["einddatum"] is not None for r in opgaven)  # a job ends
