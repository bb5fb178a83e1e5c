"""Dated rule parameters, grouped per regeling into sets that are in force from a date.

The code keeps one YAML file per parameter, each value with its effective date and its
source, as OpenFisca keeps them: what a set must contain, and the initial sets. A value of
`null` records that a new value took effect on that date but is not known. From then on
the amounts are operated data: operators propose and approve a set per regeling and date
(`shared.parametersets`), and the rules read the approved sets. A calculation for a date
whose set is missing, or lacks an amount, is refused, naming what is missing, instead of
using a stale value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml


class MissingParameters(Exception):
    """The parameters (or rule text) needed for the reference date are not known."""

    def __init__(self, peildatum: date, missing: list[tuple[str, str]]) -> None:
        self.peildatum = peildatum
        self.missing = missing
        names = ", ".join(name for name, _ in missing)
        super().__init__(f"onbekend op {peildatum.isoformat()}: {names}")


@dataclass(frozen=True)
class Waarde:
    naam: str
    value: Decimal
    ingang: date
    source: str
    artikel: str
    unit: str | None = None


@dataclass(frozen=True)
class Parameter:
    naam: str
    description: str
    artikel: str
    values: tuple[tuple[date, Decimal | None, str], ...]
    unit: str | None = None

    def on(self, peildatum: date) -> Waarde | tuple[str, str]:
        """The value in force on the date, or (name, why it is not known)."""
        in_force = [v for v in self.values if v[0] <= peildatum]
        if not in_force:
            return self.naam, f"geen waarde vóór {self.values[0][0].isoformat()}"
        ingang, value, source = in_force[-1]
        if value is None:
            return self.naam, source
        return Waarde(self.naam, value, ingang, source, self.artikel, self.unit)


def _getal(tekst: str) -> Decimal:
    """A decimal, or a fraction the law names as one ("2/3": twee derde), as a Decimal of the
    context's 28 digits: exact enough that no amount in cents rounds otherwise.

    >>> _getal("0.95"), _getal("2/3") * 3
    (Decimal('0.95'), Decimal('2.000000000000000000000000000'))
    """
    teller, deel, noemer = tekst.partition("/")
    return Decimal(teller) / Decimal(noemer) if deel else Decimal(teller)


def _load(path: Path) -> Parameter:
    content: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    values = tuple(
        sorted(
            (
                ingang if isinstance(ingang, date) else date.fromisoformat(str(ingang)),
                _getal(str(entry["value"])) if entry["value"] is not None else None,
                str(entry["source"]),
            )
            for ingang, entry in content["values"].items()
        )
    )
    return Parameter(
        path.stem, content["description"], content["artikel"], values, content.get("unit")
    )


@cache
def parameters(folder: Path) -> dict[str, Parameter]:
    return {path.stem: _load(path) for path in sorted(folder.glob("*.yaml"))}


RULES = Path(__file__).parent


@dataclass(frozen=True)
class Regeling:
    """A body of law whose amounts change together: its parameters are proposed, approved
    and put in force as one set per effective date."""

    naam: str
    map: Path
    """The parameters as the code knows them: what a set must contain, with each one's
    description, unit and article, and the values the initial sets are made of."""
    omschrijving: str


BESLAGVRIJE_VOET = Regeling(
    "beslagvrije-voet",
    RULES / "bvv" / "parameters",
    "Rv art. 475d-475e: de maxima, de formule en de huur- en zorgtoeslagbedragen erin",
)
KWIJTSCHELDING = Regeling(
    "kwijtschelding",
    RULES / "kwijtschelding" / "parameters",
    "Invorderingswet 1990 art. 26, URI en RKBM: kosten van bestaan, grenzen, vrijstellingen",
)
PARTICIPATIEWET = Regeling(
    "participatiewet",
    RULES / "participatiewet" / "parameters",
    "Participatiewet: bijstandsnormen, vermogensgrenzen, huishouden en inkomen",
)
DOORSTROOMPUNT = Regeling(
    "doorstroompunt",
    RULES / "doorstroompunt" / "parameters",
    "WEB hoofdstuk 9 en de prioritering van het Inlichtingenbureau: wie een Doorstroompunt "
    "volgt en vanaf welk loon een werkende jongere minder voorrang heeft",
)
REGELINGEN: dict[str, Regeling] = {
    r.naam: r for r in (BESLAGVRIJE_VOET, KWIJTSCHELDING, PARTICIPATIEWET, DOORSTROOMPUNT)
}

HERZIENINGEN = ((1, 1), (7, 1))  # when sets change: 1 January and 1 July
"""(month, day) on which the amounts of every regeling change: Rv art. 475da lid 8 ("met
ingang van 1 januari en 1 juli van ieder jaar gewijzigd"), the half-yearly indexation of the
bijstandsnormen (Participatiewet art. 38), which the kwijtschelding norms follow (URI art.
16). A set is in force from its ingangsdatum until the next of these dates: after it, a new
set must be approved, and until then the services refuse instead of using old amounts."""
EERSTE_INGANG = date(2021, 1, 1)  # not statutory: the first date the platform serves
"""The first date the platform serves (the Wet vereenvoudiging beslagvrije voet took effect
on 1 January 2021): the initial sets begin here."""


def herziening(peildatum: date) -> date:
    """The last date on or before `peildatum` on which the amounts change.

    >>> herziening(date(2026, 12, 3)), herziening(date(2027, 1, 1))
    (datetime.date(2026, 7, 1), datetime.date(2027, 1, 1))
    """
    return max(
        date(peildatum.year, maand, dag)
        for maand, dag in HERZIENINGEN
        if date(peildatum.year, maand, dag) <= peildatum
    )


def volgende_herziening(ingangsdatum: date) -> date:
    """The first change date after `ingangsdatum`: where a set of that date stops.

    >>> volgende_herziening(date(2026, 7, 1)), volgende_herziening(date(2022, 9, 17))
    (datetime.date(2027, 1, 1), datetime.date(2023, 1, 1))
    """
    return min(
        d
        for jaar in (ingangsdatum.year, ingangsdatum.year + 1)
        for maand, dag in HERZIENINGEN
        if (d := date(jaar, maand, dag)) > ingangsdatum
    )


def herzieningen(van: date, tot: date) -> list[date]:
    """Every change date from `van` up to and including `tot`."""
    return [
        d
        for jaar in range(van.year, tot.year + 1)
        for maand, dag in HERZIENINGEN
        if van <= (d := date(jaar, maand, dag)) <= tot
    ]


@cache
def regeling_van(naam: str) -> Regeling | None:
    """The regeling that declares the parameter (names are unique across regelingen)."""
    return next((r for r in REGELINGEN.values() if naam in parameters(r.map)), None)


SET_PAD = "parametersets/"
"""A missing set is named by where an operator proposes it: `parametersets/{regeling}/{datum}`."""


@dataclass(frozen=True)
class Parameterset:
    """The amounts of one regeling from one date on, as approved."""

    regeling: str
    ingangsdatum: date
    waarden: dict[str, Waarde]
    onbekend: dict[str, str] = field(default_factory=dict)
    """Parameters the set does not hold, with why (an initial set: what the code did not
    know on that date). A proposed set holds every parameter; it is refused otherwise."""

    def waarde(self, naam: str) -> Waarde | tuple[str, str]:
        if naam in self.waarden:
            return self.waarden[naam]
        waarom = self.onbekend.get(naam) or (
            f"ontbreekt in de parameterset {self.regeling} per {self.ingangsdatum.isoformat()}"
        )
        return naam, waarom


@dataclass(frozen=True)
class Parametersets:
    """The approved sets of every regeling, oldest first: what the services compute with."""

    sets: dict[str, tuple[Parameterset, ...]]

    def op(self, regeling: str, peildatum: date) -> Parameterset | tuple[str, str]:
        """The set in force on the date, or (the set's path in the API, why there is none)."""
        begin = herziening(peildatum)
        in_force = [s for s in self.sets.get(regeling, ()) if begin <= s.ingangsdatum <= peildatum]
        if not in_force:
            return (
                f"{SET_PAD}{regeling}/{begin.isoformat()}",
                f"geen vastgestelde parameterset {regeling} per {begin.isoformat()}",
            )
        return in_force[-1]

    def in_force(self, peildatum: date, names: Iterable[str]) -> dict[str, Waarde]:
        """Each named parameter on the date, from the set of its regeling in force then;
        `MissingParameters` names every one not known (or the set that is missing)."""
        found: dict[str, Waarde] = {}
        missing: list[tuple[str, str]] = []
        for naam in names:
            regeling = regeling_van(naam)
            if regeling is None:
                raise KeyError(f"geen regeling kent parameter {naam}")
            s = self.op(regeling.naam, peildatum)
            result = s.waarde(naam) if isinstance(s, Parameterset) else s
            if isinstance(result, Waarde):
                found[naam] = result
            elif result not in missing:
                missing.append(result)
        if missing:
            raise MissingParameters(peildatum, missing)
        return found

    def ingangsdata(self, regeling: Regeling) -> list[date]:
        return [s.ingangsdatum for s in self.sets.get(regeling.naam, ())]


def momentopname(regeling: Regeling, ingangsdatum: date) -> Parameterset:
    """The code's values on one date as a set: a value from its own file, with its source;
    what the code does not know on that date is listed as unknown, with why."""
    waarden: dict[str, Waarde] = {}
    onbekend: dict[str, str] = {}
    for naam, parameter in parameters(regeling.map).items():
        result = parameter.on(ingangsdatum)
        if isinstance(result, Waarde):
            waarden[naam] = replace(result, ingang=ingangsdatum)
        else:
            onbekend[naam] = result[1]
    return Parameterset(regeling.naam, ingangsdatum, waarden, onbekend)


def initiele_sets(regeling: Regeling) -> tuple[Parameterset, ...]:
    """The sets the code holds: one on every change date from `EERSTE_INGANG` up to the last
    date any of its values names, and on each date between on which a value changes."""
    data = {ingang for p in parameters(regeling.map).values() for ingang, _, _ in p.values}
    laatste = max(data)
    ingangen = {d for d in data if d >= EERSTE_INGANG} | set(herzieningen(EERSTE_INGANG, laatste))
    return tuple(momentopname(regeling, d) for d in sorted(ingangen))


@cache
def uit_code() -> Parametersets:
    """The initial sets: what provisioning loads into the store, and what the rules use where
    no store is installed (their unit tests, the benchmarks)."""
    return Parametersets({r.naam: initiele_sets(r) for r in REGELINGEN.values()})


_bron: Callable[[], Parametersets] = uit_code


def gebruik(bron: Callable[[], Parametersets]) -> None:
    """Install where the approved sets come from. The function app installs the store
    (`shared.parametersets`) once, at its composition root; the rules never know a store."""
    global _bron
    _bron = bron


def vastgesteld() -> Parametersets:
    """The approved sets, from the installed source."""
    return _bron()


def in_force(
    peildatum: date, names: Iterable[str], sets: Parametersets | None = None
) -> dict[str, Waarde]:
    """Each named parameter on the date, from `sets` or else the approved sets."""
    return (sets or _bron()).in_force(peildatum, names)


def namen(regeling: Regeling) -> list[str]:
    """Every parameter a set of the regeling holds."""
    return list(parameters(regeling.map))
