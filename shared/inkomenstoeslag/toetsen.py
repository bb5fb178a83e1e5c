"""One application tested in real time: the gemeente's verordening, the household of the
peildatum and its income per month of the referteperiode from the sources.

Who is read: the applicant and the partner of the peildatum (their income and benefits),
the children (for the leefsituatie), each other person audited before his records are
read. The leefsituatie of the peildatum decides the amount and the vermogensgrens: a partner
makes GEHUWD, a child under 18 at the address ALLEENSTAANDE_OUDER."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from shared.bronnen import huishoudlezer, inkomenshistorie
from shared.bronnen.huishouden import HUISHOUDEN_BRONNEN, persoonsgegevens
from shared.bronnen.inkomenshistorie import Maandinkomen
from shared.bronnen.raadplegen import Bronnen
from shared.errors import NietToegestaan, NotFound
from shared.inkomenstoeslag.beleid import InkomenstoeslagBeleidRegister
from shared.models.inkomenstoeslag import (
    InkomenstoeslagBeleid,
    InkomenstoeslagUitkomst,
    InkomenstoeslagVerzoek,
    MaandUit,
    VermogenUit,
)
from shared.models.uitleg import GebruiktParameter
from shared.rules.iit import Vermogen, maanden_voor, pensioengerechtigd, toets
from shared.rules.parameters import MissingParameters
from shared.security import audit
from shared.security.access import Caller
from shared.security.diensten import INKOMENSTOESLAG_TOETSEN
from shared.telemetrie import gebeurtenis

INKOMEN_BRONNEN = ("uwv-polis", "uitkeringen", "gemeenten-uitkeringen")
ACTIE = "individuele inkomenstoeslag toetsen"


def _gepensioneerd(geboortedatum: date, maand: str) -> bool:
    """Whether the partner had the AOW age on the first of the month (art. 22 c); a month
    whose AOW age is not in the parameters has no norm either."""
    try:
        return pensioengerechtigd(geboortedatum, date.fromisoformat(f"{maand}-01"))
    except MissingParameters:
        return False


class Inkomenstoeslagtoetsen:
    def __init__(self, bronnen: Bronnen | None = None) -> None:
        self.bronnen = bronnen or Bronnen()

    def toets(self, caller: Caller, verzoek: InkomenstoeslagVerzoek) -> InkomenstoeslagUitkomst:
        try:
            beleid, _ = InkomenstoeslagBeleidRegister().van(caller.namens)
        except NotFound as error:
            raise NietToegestaan(error.detail) from None
        audit.access(caller, ACTIE, audit.doel_van(caller, INKOMENSTOESLAG_TOETSEN), verzoek.bsn)
        gelezen = huishoudlezer.lees(
            self.bronnen,
            verzoek.bsn,
            verzoek.peildatum,
            INKOMEN_BRONNEN,
            medebewoners=False,
            audit=lambda bsns: audit.personen(
                caller,
                f"{ACTIE}: huishouden",
                audit.doel_van(caller, INKOMENSTOESLAG_TOETSEN),
                bsns,
            ),
        )
        persoon = persoonsgegevens(gelezen.personen[verzoek.bsn])
        zonder = [b for b in (*HUISHOUDEN_BRONNEN, *INKOMEN_BRONNEN) if b not in gelezen.bekend]
        if persoon is None:
            raise NietToegestaan(
                f"de persoon staat niet in de BRP op {verzoek.peildatum}"
                + (f" (geen stand van {', '.join(zonder)})" if zonder else "")
            )
        h = gelezen.huishouden
        leefsituatie = h.leefsituatie
        maanden = maanden_voor(verzoek.peildatum, beleid.referteperiode_maanden)
        ontbrekend = [b for b in INKOMEN_BRONNEN if b not in gelezen.bekend]
        inkomens = (
            [
                Maandinkomen(
                    m,
                    None,
                    Decimal(0),
                    h.partner is not None,
                    reden=f"geen stand van {', '.join(ontbrekend)} op {verzoek.peildatum}",
                )
                for m in maanden
            ]
            if ontbrekend
            else inkomenshistorie.per_maand(
                verzoek.bsn, h.partner, gelezen.personen, maanden, verzoek.peildatum
            )
        )
        if h.partner is not None and (partner := persoonsgegevens(gelezen.personen[h.partner])):
            inkomens = [
                replace(
                    m, partner_pensioengerechtigd=_gepensioneerd(partner["geboortedatum"], m.maand)
                )
                if m.gehuwd
                else m
                for m in inkomens
            ]
        vermogen = (
            Vermogen(verzoek.vermogen.bezittingen, verzoek.vermogen.schulden)
            if verzoek.vermogen is not None
            else None
        )
        result = toets(
            verzoek.peildatum,
            persoon["geboortedatum"],
            leefsituatie,
            inkomens,
            beleid.regel(),
            vermogen=vermogen,
            vorige_toeslag=verzoek.vorige_toeslag,
        )
        gebeurtenis(
            "toetsing",
            dienst=INKOMENSTOESLAG_TOETSEN.dienst,
            organisatie=caller.namens,
            uitkomst=result.uitkomst.value,
            aantal=1,
        )
        return InkomenstoeslagUitkomst(
            peildatum=verzoek.peildatum,
            organisatie=caller.namens,
            leefsituatie=leefsituatie,
            uitkomst=result.uitkomst,
            redenen=result.redenen,
            bedrag=result.bedrag,
            gemiddeld_procentueel=result.gemiddeld_procentueel,
            maanden=[MaandUit.model_validate(m.__dict__) for m in result.maanden],
            vermogen=None
            if result.vermogen is None
            else VermogenUit.model_validate(result.vermogen.__dict__),
            beleid=InkomenstoeslagBeleid.model_validate(
                beleid.model_dump(include=set(InkomenstoeslagBeleid.model_fields))
            ),
            parameters=[GebruiktParameter.van(w) for w in result.parameters],
            lezingen=[*result.lezingen, *h.lezingen],
        )
