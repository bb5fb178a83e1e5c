"""The inputs of a BVV calculation from the source registrations, each with its origin.

Household and income come from the one derivation every service uses
(`shared.bronnen.huishouden`, `shared.bronnen.inkomen`, with their legal readings):

- Leefsituatie: the spouse (Pw art. 3 lid 1, BRP) makes "gehuwd", a child under 18 at the
  same address "met kinderen" (Rv 475ab with Participatiewet art. 3 and 4).
- Woonadres in Nederland: the BRP person's country.
- Inkomen per maand (art. 475dc): the debtor's NET income per month, what he "ontvangt",
  "inclusief vakantiebijslag": the polisadministratie's inkomstenopgaven netted as the
  bureau computes it, plus a twelfth of the holiday pay of the last twelve months (or the
  statutory minimum of 8% when the polis shows none, stated); other one-off payments are
  left out of the month.
- C (art. 475d lid 1): the gross taxable income of the debtor and the spouse: the regular
  monthly wage × 12 plus the one-off payments of the last twelve months. The averaging
  rules of the Besluit beslagvrije voet art. 2 were not available: a warning says so.
- Niet-beslagen inkomen van de echtgenoot (art. 475db onder a): the spouse's net income
  per month from the same sources, when his income raises C.

An input the user gives always wins; the answer names each input's origin, and a figure
whose source has no snapshot in force is named with that source and the date.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic.alias_generators import to_camel

from shared.bronnen import huishoudlezer
from shared.bronnen import inkomen as inkomens
from shared.bronnen.huishouden import persoonsgegevens
from shared.bronnen.raadplegen import Bronnen
from shared.errors import Invalid
from shared.models.bvv import VEREIST_ZONDER_BSN, BerekeningVerzoek, Invoerwaarden
from shared.models.uitleg import Herkomst
from shared.rules.bvv.formule import Leefsituatie
from shared.rules.parameters import in_force

LID_BRONNEN = ("brp-personen", "brp-relaties", "uwv-polis", "uitkeringen")
VAKANTIEBIJSLAG = "vakantiebijslag_minimum"
NUL = Decimal(0)


@dataclass
class Gegevens:
    invoer: Invoerwaarden
    herkomst: list[Herkomst]
    waarschuwingen: list[str] = field(default_factory=list)


class Verzamelaar:
    def __init__(self, bronnen: Bronnen | None = None) -> None:
        self.bronnen = bronnen or Bronnen()

    def verzamel(
        self, verzoek: BerekeningVerzoek, audit: Callable[[Collection[str]], object]
    ) -> Gegevens:
        """`audit` is given every person other than the applicant before his records are
        read (`huishoudlezer.lees`)."""
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
        ontbrekend: dict[str, str] = {}
        if verzoek.bsn is not None:
            ontbrekend = self._from_sources(
                verzoek.bsn, verzoek.peildatum, values, herkomst, waarschuwingen, audit
            )
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
            names = ", ".join(
                to_camel(name) + (f" ({reden})" if (reden := ontbrekend.get(name)) else "")
                for name in missing
            )
            raise Invalid(f"niet af te leiden uit de bronnen, geef op: {names}")
        return Gegevens(Invoerwaarden.model_validate(values), herkomst, waarschuwingen)

    def _from_sources(
        self,
        bsn: str,
        peildatum: date,
        values: dict[str, Any],
        herkomst: list[Herkomst],
        waarschuwingen: list[str],
        audit: Callable[[Collection[str]], object],
    ) -> dict[str, str]:
        """Fills what the sources give; returns the figures they could not give, and why."""
        gelezen = huishoudlezer.lees(
            self.bronnen, bsn, peildatum, LID_BRONNEN, medebewoners=False, audit=audit
        )
        h = gelezen.huishouden
        ontbrekend: dict[str, str] = {}

        def origin(name: str, bron: str, toelichting: str, periode: str | None = None) -> None:
            herkomst.append(
                Herkomst(
                    invoer=to_camel(name),
                    herkomst="bron",
                    bron=bron,
                    periode=periode,
                    toelichting=toelichting,
                )
            )

        def zonder(name: str, *bronnen: str) -> bool:
            missing = [b for b in bronnen if b not in gelezen.bekend]
            if missing and name not in values:
                ontbrekend[name] = (
                    f"geen snapshot van {', '.join(missing)} op {peildatum.isoformat()}"
                )
            return bool(missing)

        persoon = persoonsgegevens(gelezen.personen[bsn])
        if "woonadres_in_nederland" not in values and not zonder(
            "woonadres_in_nederland", "brp-personen"
        ):
            if persoon is None:
                ontbrekend["woonadres_in_nederland"] = "de persoon staat niet in de BRP"
            else:
                values["woonadres_in_nederland"] = persoon["land"] == "NL"
                origin("woonadres_in_nederland", "brp-personen", f"land {persoon['land']}")

        if "leefsituatie" not in values and not zonder(
            "leefsituatie", "brp-personen", "brp-relaties"
        ):
            if h.partner:
                values["leefsituatie"] = (
                    Leefsituatie.GEHUWD_MET_KINDEREN
                    if h.kinderen
                    else Leefsituatie.GEHUWD_ZONDER_KINDEREN
                )
            else:
                values["leefsituatie"] = (
                    Leefsituatie.ALLEENSTAANDE_OUDER if h.kinderen else Leefsituatie.ALLEENSTAANDE
                )
            origin(
                "leefsituatie",
                "brp-personen, brp-relaties",
                "echtgenoot en kinderen onder 18 op hetzelfde adres volgens de BRP op de peildatum",
            )
            waarschuwingen.extend(h.lezingen)

        if zonder("inkomen_maand", "uwv-polis", "uitkeringen") | zonder(
            "belastbaar_jaarinkomen", "uwv-polis", "uitkeringen"
        ):
            return ontbrekend
        eigen = inkomens.afleiden(gelezen.personen[bsn], peildatum)
        partner = (
            inkomens.afleiden(gelezen.personen.get(h.partner, {}), peildatum) if h.partner else None
        )
        maanden = ", ".join(eigen.perioden) or "geen loontijdvak"
        reservering = in_force(peildatum, [VAKANTIEBIJSLAG])[VAKANTIEBIJSLAG]
        if "inkomen_maand" not in values:
            values["inkomen_maand"], lezing = eigen.met_vakantiegeld(reservering)
            origin(
                "inkomen_maand",
                "uwv-polis, uitkeringen",
                f"netto per maand ({maanden}) inclusief vakantiebijslag (Rv 475dc lid 1), "
                "zonder andere eenmalige betalingen",
                max(eigen.perioden, default=None),
            )
            waarschuwingen.extend([*eigen.lezingen, *([lezing] if lezing else [])])
        if "belastbaar_jaarinkomen" not in values:
            values["belastbaar_jaarinkomen"] = eigen.bruto_jaar + (
                partner.bruto_jaar if partner is not None else NUL
            )
            origin(
                "belastbaar_jaarinkomen",
                "uwv-polis, uitkeringen",
                "bruto loon per maand × 12 plus eenmalige betalingen van de laatste twaalf "
                "maanden, schuldenaar" + (" en echtgenoot" if partner else ""),
            )
            waarschuwingen.append(
                "C is het loon van de laatste loontijdvakken × 12 plus de eenmalige betalingen "
                "van het afgelopen jaar (Rv 475d lid 1); de middelingsregels van het Besluit "
                "beslagvrije voet art. 2 zijn niet toegepast"
            )
        if "niet_beslagen_inkomen_partner_maand" not in values:
            partner_netto, partner_lezing = (
                partner.met_vakantiegeld(reservering) if partner is not None else (NUL, None)
            )
            values["niet_beslagen_inkomen_partner_maand"] = partner_netto
            if partner_lezing:
                waarschuwingen.append(f"echtgenoot: {partner_lezing}")
            origin(
                "niet_beslagen_inkomen_partner_maand",
                "uwv-polis, uitkeringen",
                "netto inkomen van de echtgenoot per maand, inclusief vakantiebijslag "
                "(Rv 475db onder a)"
                if partner is not None
                else "geen echtgenoot volgens de BRP: 0,00",
            )
            if partner is not None and partner.netto_maand > 0:
                waarschuwingen.append(
                    "het hele netto inkomen van de echtgenoot is als niet onder beslag liggend "
                    "afgetrokken (Rv 475db onder a); ligt er ook beslag op zijn inkomen, geef "
                    "dan nietBeslagenInkomenPartnerMaand op"
                )
        return ontbrekend
