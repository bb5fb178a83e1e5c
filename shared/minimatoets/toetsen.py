"""One household tested in real time against the gemeente's norms: the household and its
income on the peildatum from the sources, a running minima benefit first.

Who is read: the applicant and the partner (their gemeente benefits, and only when none of
those is a minima benefit, their income), the children and the other persons at the address
(to count the adults), each audited before his records are read."""

from __future__ import annotations

from decimal import Decimal

from shared.bronnen import huishoudlezer
from shared.bronnen import inkomen as inkomens
from shared.bronnen.huishouden import persoonsgegevens, volwassenen_op_adres
from shared.bronnen.huishoudlezer import records
from shared.bronnen.raadplegen import Bronnen
from shared.errors import NietToegestaan, NotFound
from shared.minimatoets.beleid import MinimaBeleidRegister
from shared.models.minimatoets import (
    BelemmeringUit,
    MinimaBeleid,
    MinimatoetsUitkomst,
    MinimatoetsVerzoek,
)
from shared.models.uitleg import GebruiktParameter
from shared.rules.iit import pensioengerechtigd
from shared.rules.minimatoets import MINIMA_UITKERINGEN, Huishouden, toets
from shared.rules.parameters import in_force
from shared.rules.periode import op
from shared.security import audit
from shared.security.access import Caller
from shared.security.diensten import MINIMATOETS_TOETSEN
from shared.telemetrie import gebeurtenis

INKOMEN_BRONNEN = ("uwv-polis", "uitkeringen")
ACTIE = "inkomens- en vermogenstoets"
NUL = Decimal(0)


class Minimatoetsen:
    def __init__(self, bronnen: Bronnen | None = None) -> None:
        self.bronnen = bronnen or Bronnen()

    def toets(self, caller: Caller, verzoek: MinimatoetsVerzoek) -> MinimatoetsUitkomst:
        try:
            beleid, _ = MinimaBeleidRegister().van(caller.namens)
        except NotFound as error:
            raise NietToegestaan(error.detail) from None
        peildatum = verzoek.peildatum
        audit.access(caller, ACTIE, audit.doel_van(caller, MINIMATOETS_TOETSEN), verzoek.bsn)
        gelezen = huishoudlezer.lees(
            self.bronnen,
            verzoek.bsn,
            peildatum,
            ("gemeenten-uitkeringen",),
            medebewoners=True,
            audit=lambda bsns: audit.personen(
                caller, f"{ACTIE}: huishouden", audit.doel_van(caller, MINIMATOETS_TOETSEN), bsns
            ),
        )
        if persoonsgegevens(gelezen.personen[verzoek.bsn]) is None:
            raise NietToegestaan(f"de persoon staat niet in de BRP op {peildatum}")
        h = gelezen.huishouden
        leden = [gelezen.personen.get(bsn, {}) for bsn in h.leden]
        lopend = [
            r["regeling"]
            for lid in leden
            for r in lid.get("gemeenten-uitkeringen", [])
            if r["regeling"] in MINIMA_UITKERINGEN
            and op(r["begindatum"], r["einddatum"], peildatum)
        ]
        p = in_force(peildatum, ["meerderjarigheid", "vakantiebijslag_minimum"])
        lezingen = list(h.lezingen)
        netto = None
        if not lopend:  # only now is the income read: a minima benefit needs none
            leden = [
                {**lid, **records(self.bronnen.persoon(bsn, peildatum, INKOMEN_BRONNEN))[0]}
                for bsn, lid in zip(h.leden, leden, strict=True)
            ]
            per_lid = [
                inkomens.afleiden(lid, peildatum).met_vakantiegeld(p["vakantiebijslag_minimum"])
                for lid in leden
            ]
            netto = sum((bedrag for bedrag, _ in per_lid), NUL)
            lezingen += [lezing for _, lezing in per_lid if lezing]
        if gelezen.bewoners_onbekend:
            lezingen.append(
                f"wie er verder op het adres wonen is niet bekend: {gelezen.bewoners_onbekend}"
            )
        geboren = [persoon["geboortedatum"] for lid in leden if (persoon := persoonsgegevens(lid))]
        gegevens = Huishouden(
            leefsituatie=h.leefsituatie,
            # art. 22: one of the spouses with the AOW age (AOW art. 7a), by age
            pensioengerechtigd=any(pensioengerechtigd(g, peildatum) for g in geboren),
            volwassenen=volwassenen_op_adres(
                gelezen.personen, h.adres, peildatum, int(p["meerderjarigheid"].value)
            ),
            minima_uitkering=lopend[0] if lopend else None,
            netto_inkomen=netto,
            bezittingen=verzoek.vermogen.bezittingen if verzoek.vermogen else None,
            schulden=verzoek.vermogen.schulden if verzoek.vermogen else None,
        )
        result = toets(peildatum, gegevens, beleid.regel())
        gebeurtenis(
            "toetsing",
            dienst=MINIMATOETS_TOETSEN.dienst,
            organisatie=caller.namens,
            uitkomst=result.uitkomst.value,
            aantal=1,
        )
        return MinimatoetsUitkomst(
            peildatum=peildatum,
            organisatie=caller.namens,
            leefsituatie=h.leefsituatie,
            uitkomst=result.uitkomst,
            belemmeringen=[
                BelemmeringUit(soort=b.soort, toelichting=b.toelichting)
                for b in result.belemmeringen
            ],
            minima_uitkering=gegevens.minima_uitkering,
            inkomensnorm=result.inkomensnorm,
            toetspercentage=result.toetspercentage,
            toetsbedrag=result.toetsbedrag,
            netto_inkomen=result.netto_inkomen,
            overschrijding=result.overschrijding,
            overschrijding_procent_toetsbedrag=result.overschrijding_procent_toetsbedrag,
            inkomen_procent_norm=result.inkomen_procent_norm,
            netto_vermogen=result.netto_vermogen,
            vermogensgrens=result.vermogensgrens,
            beleid=MinimaBeleid.model_validate(
                beleid.model_dump(include=set(MinimaBeleid.model_fields))
            ),
            parameters=[GebruiktParameter.van(w) for w in result.parameters],
            lezingen=list(dict.fromkeys(lezingen)),
        )
