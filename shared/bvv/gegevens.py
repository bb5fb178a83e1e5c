"""The inputs of a BVV calculation from the source registrations, each with its origin.

- Leefsituatie: BRP relations in force on the peildatum: a partner makes "gehuwd", a child
  under 18 "met kinderen" (Rv 475ab with Participatiewet art. 3 and 4; a shared household
  is taken from the BRP relations, as the MvT 34628 §5.1 directs when in doubt).
- Woonadres in Nederland: the BRP person's country.
- C (art. 475d lid 1): the most recent month in the polisadministratie on or before the
  peildatum, wage including holiday pay, times twelve, for the debtor and the partner. The
  averaging rules of the Besluit beslagvrije voet art. 2 were not available: a warning says so.
- Inkomen per maand (art. 475dc): the debtor's wage including holiday pay of that month.
  The polisadministratie holds gross wage; a warning asks for the net income.

An input the user gives always wins; the answer names each input's origin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic.alias_generators import to_camel

from shared.bronnen.raadplegen import Bronnen, Stand
from shared.errors import Invalid
from shared.models.bronnen import BrpPersoon, BrpRelatie, Polisregel
from shared.models.bvv import VEREIST_ZONDER_BSN, BerekeningVerzoek, Invoerwaarden
from shared.models.uitleg import Herkomst
from shared.rules.bvv.formule import Leefsituatie
from shared.rules.leeftijd import leeftijd

BRONNEN = ("brp-personen", "brp-relaties", "uwv-polis")
NUL = Decimal(0)


@dataclass
class Gegevens:
    invoer: Invoerwaarden
    herkomst: list[Herkomst]
    waarschuwingen: list[str] = field(default_factory=list)


def _active(relatie: BrpRelatie, peildatum: date) -> bool:
    return relatie.begindatum <= peildatum and (
        relatie.einddatum is None or peildatum < relatie.einddatum
    )


def _latest_month(stand: Stand, peildatum: date) -> tuple[str | None, Decimal]:
    rows = [
        r
        for r in stand.records
        if isinstance(r, Polisregel) and r.periode <= peildatum.strftime("%Y-%m")
    ]
    if not rows:
        return None, NUL
    month = max(r.periode for r in rows)
    return month, sum(
        (Decimal(r.loon_incl_vakantiegeld_cent) for r in rows if r.periode == month), NUL
    ) / 100


class Verzamelaar:
    def __init__(self, bronnen: Bronnen | None = None) -> None:
        self.bronnen = bronnen or Bronnen()

    def verzamel(self, verzoek: BerekeningVerzoek) -> Gegevens:
        given = verzoek.model_dump(exclude_unset=True, exclude_none=True)
        herkomst: list[Herkomst] = [
            Herkomst(invoer=to_camel(name), herkomst="opgegeven")
            for name in given
            if name not in ("peildatum", "bsn")
        ]
        values: dict[str, Any] = {k: v for k, v in given.items() if k in Invoerwaarden.model_fields}
        values["verzoek_verhoging_woonkosten"] = verzoek.verzoek_verhoging_woonkosten
        if verzoek.inrichting is not None:
            values["inrichting_kosten_maand"] = verzoek.inrichting.kosten_maand
        waarschuwingen: list[str] = []
        if verzoek.bsn is not None:
            self._from_sources(verzoek.bsn, verzoek.peildatum, values, herkomst, waarschuwingen)
        for name in ("niet_beslagen_inkomen_partner_maand", "niet_beslagen_eigen_inkomen_maand"):
            if name not in values:
                values[name] = NUL
                herkomst.append(
                    Herkomst(
                        invoer=to_camel(name),
                        herkomst="aangenomen",
                        toelichting="niet opgegeven en niet in de bronnen: 0,00",
                    )
                )
        missing = [name for name in VEREIST_ZONDER_BSN if name not in values]
        if missing:
            names = ", ".join(to_camel(name) for name in missing)
            raise Invalid(f"niet af te leiden uit de bronnen, geef op: {names}")
        return Gegevens(Invoerwaarden.model_validate(values), herkomst, waarschuwingen)

    def _from_sources(
        self,
        bsn: str,
        peildatum: date,
        values: dict[str, Any],
        herkomst: list[Herkomst],
        waarschuwingen: list[str],
    ) -> None:
        stands = {s.bron: s for s in self.bronnen.persoon(bsn, peildatum, BRONNEN)}
        personen, relaties, polis = (
            stands["brp-personen"],
            stands["brp-relaties"],
            stands["uwv-polis"],
        )

        def origin(
            name: str, stand: Stand, periode: str | None = None, toelichting: str | None = None
        ) -> None:
            snapshot = stand.snapshot.snapshot if stand.snapshot else None
            herkomst.append(
                Herkomst(
                    invoer=to_camel(name),
                    herkomst="bron",
                    bron=stand.bron,
                    snapshot=snapshot,
                    periode=periode,
                    toelichting=toelichting,
                )
            )

        persoon = next((r for r in personen.records if isinstance(r, BrpPersoon)), None)
        if "woonadres_in_nederland" not in values and persoon is not None:
            values["woonadres_in_nederland"] = persoon.land == "NL"
            origin("woonadres_in_nederland", personen)

        active = [
            r for r in relaties.records if isinstance(r, BrpRelatie) and _active(r, peildatum)
        ]
        partner = next((r.relatie_bsn for r in active if r.soort == "partner"), None)
        kinderen = [
            r for r in active if r.soort == "kind" and leeftijd(r.begindatum, peildatum) < 18
        ]
        if "leefsituatie" not in values and relaties.snapshot is not None:
            if partner:
                values["leefsituatie"] = (
                    Leefsituatie.GEHUWD_MET_KINDEREN
                    if kinderen
                    else Leefsituatie.GEHUWD_ZONDER_KINDEREN
                )
            else:
                values["leefsituatie"] = (
                    Leefsituatie.ALLEENSTAANDE_OUDER if kinderen else Leefsituatie.ALLEENSTAANDE
                )
            origin(
                "leefsituatie",
                relaties,
                toelichting="partner en kinderen onder 18 volgens de BRP op de peildatum",
            )

        month, debtor = _latest_month(polis, peildatum)
        if "inkomen_maand" not in values and month is not None:
            values["inkomen_maand"] = debtor
            origin(
                "inkomen_maand",
                polis,
                month,
                "loon inclusief vakantiegeld (bruto) van de laatste maand",
            )
            waarschuwingen.append(
                "inkomenMaand is het brutoloon inclusief vakantiegeld uit de polisadministratie; "
                "geef het netto-inkomen op voor een exacte toets aan 95% van het inkomen (Rv 475dc)"
            )
        if "belastbaar_jaarinkomen" not in values and polis.snapshot is not None:
            partner_income = NUL
            if partner:
                partner_stand = self.bronnen.persoon(partner, peildatum, ["uwv-polis"])[0]
                partner_income = _latest_month(partner_stand, peildatum)[1]
            values["belastbaar_jaarinkomen"] = (debtor + partner_income) * 12
            origin(
                "belastbaar_jaarinkomen",
                polis,
                month,
                "meest recente maand × 12, schuldenaar" + (" en echtgenoot" if partner else ""),
            )
            waarschuwingen.append(
                "C is het loon van de meest recente maand × 12 (Rv 475d lid 1); de "
                "middelingsregels van het Besluit beslagvrije voet art. 2 zijn niet toegepast"
            )
