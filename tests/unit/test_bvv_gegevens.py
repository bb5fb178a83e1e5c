"""BVV inputs from the sources, through the one household and income derivation: the
income of 475dc is net and includes holiday pay, the spouse's net income is his
niet-beslagen inkomen (475db a), and a missing snapshot is named with its source and date.
Examples: docs/domein/beslagvrije-voet.md BVV-26 and BVV-27; the derivation:
docs/domein/huishouden-en-inkomen.md."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal as D
from typing import Any

import pytest

from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.raadplegen import Stand
from shared.bvv.gegevens import Verzamelaar
from shared.errors import Invalid
from shared.models.bronsnapshot import Snapshot
from shared.models.bvv import BerekeningVerzoek
from shared.rules.bvv.formule import Leefsituatie

PEIL = date(2026, 6, 15)
IK, PARTNER = "111222333", "123456782"
SNAPSHOT = Snapshot(
    snapshot="s",
    peildatum=date(2026, 5, 31),
    gepubliceerd=datetime(2026, 6, 1, tzinfo=UTC),
    aantal_records=1,
    aantal_personen=1,
    parquet=[],
)


def brp() -> dict[str, Any]:
    return {
        "geboortedatum": "1980-01-01",
        "land": "NL",
        "gemeentecode": "0363",
        "postcode": "1234AB",
        "huisnummer": 1,
        "adres_sinds": "2010-01-01",
    }


def loon(lb: int, ingehouden: int) -> dict[str, Any]:
    return {
        "begindatum": "2025-01-01",
        "periode": "2026-05",
        "loontijdvak": "maand",
        "tijdvak_begin": "2026-05-01",
        "tijdvak_einde": "2026-06-01",
        "loonheffingennummer": "123456789L01",
        "soort_inkomen": "dienstbetrekking",
        "loon_sv_cent": lb,
        "loon_lb_cent": lb,
        "vakantiegeld_cent": 0,
        "eenmalig_cent": 0,
        "ingehouden_lb_cent": ingehouden,
        "ingehouden_lb_bijzonder_cent": 0,
        "zvw_inhouding_cent": 0,
        "wga_premie_cent": 0,
        "prive_auto_cent": 0,
        "vrijgesteld_cent": 0,
        "verloonde_uren": "160.00",
    }


class Bronnen:
    """The sources as the derivation reads them: per person and source, records in force."""

    def __init__(self, data: dict[str, dict[str, list[dict[str, Any]]]], zonder: set[str]):
        self.data, self.zonder = data, zonder

    def persoon(self, bsn: str, peildatum: date, bronnen: Any = None) -> list[Stand]:
        return [
            Stand(
                bron,
                None if bron in self.zonder else SNAPSHOT,
                [
                    BY_CODE[bron].model.model_validate(
                        {**r, "bsn": bsn}, context={"peildatum": peildatum}
                    )
                    for r in self.data.get(bsn, {}).get(bron, [])
                ],
            )
            for bron in bronnen
        ]

    def bewoners(self, adres: Any, peildatum: date) -> list[str]:
        return []


def verzamel(data: dict[str, Any], zonder: frozenset[str] = frozenset()) -> Any:
    verzamelaar = Verzamelaar(Bronnen(data, set(zonder)))  # type: ignore[arg-type]
    return verzamelaar.verzamel(BerekeningVerzoek(peildatum=PEIL, bsn=IK), lambda bsns: None)


def test_the_income_of_475dc_is_the_net_income_with_holiday_pay_not_the_gross() -> None:
    """docs/domein/beslagvrije-voet.md BVV-26. Rv 475dc lid 1: "95% van het maandelijkse
    inkomen inclusief vakantiebijslag"; the polis shows no holiday pay yet, so the statutory
    minimum of 8% is reserved, and said: 2.000,00 × 1,08 = 2.160,00."""
    gegevens = verzamel({IK: {"brp-personen": [brp()], "uwv-polis": [loon(250000, 50000)]}})
    assert gegevens.invoer.inkomen_maand == D("2160.00")
    assert any("8% van het netto loon gereserveerd" in w for w in gegevens.waarschuwingen)
    assert gegevens.invoer.belastbaar_jaarinkomen == D("30000.00")
    assert gegevens.invoer.leefsituatie is Leefsituatie.ALLEENSTAANDE
    assert gegevens.invoer.niet_beslagen_inkomen_partner_maand == D(0)


def test_the_spouses_income_raises_c_and_is_deducted_as_his_niet_beslagen_inkomen() -> None:
    """docs/domein/beslagvrije-voet.md BVV-27. Rv 475d lid 1 (C of both) and 475db onder a
    (the spouse's income not garnished, with holiday pay: 1.100,00 × 1,08 = 1.188,00)."""
    partner = {"soort": "partner", "relatie_bsn": PARTNER, "begindatum": "2000-01-01"}
    gegevens = verzamel(
        {
            IK: {
                "brp-personen": [brp()],
                "brp-relaties": [partner],
                "uwv-polis": [loon(250000, 50000)],
            },
            PARTNER: {"brp-personen": [brp()], "uwv-polis": [loon(120000, 10000)]},
        }
    )
    assert gegevens.invoer.leefsituatie is Leefsituatie.GEHUWD_ZONDER_KINDEREN
    assert gegevens.invoer.belastbaar_jaarinkomen == D("44400.00")
    assert gegevens.invoer.niet_beslagen_inkomen_partner_maand == D("1188.00")
    assert any("ook beslag op zijn inkomen" in w for w in gegevens.waarschuwingen)
    assert any(
        w.startswith("echtgenoot: geen uitbetaald vakantiegeld") for w in gegevens.waarschuwingen
    )
    herkomst = {h.invoer: h for h in gegevens.herkomst}
    assert herkomst["nietBeslagenInkomenPartnerMaand"].herkomst == "bron"


def test_a_source_without_a_snapshot_is_named_with_the_date() -> None:
    """docs/domein/beslagvrije-voet.md BVV-26 and BVV-27 (without a uwv-polis snapshot)."""
    with pytest.raises(Invalid) as refused:
        verzamel({IK: {"brp-personen": [brp()]}}, frozenset({"uwv-polis"}))
    assert "inkomenMaand (geen snapshot van uwv-polis op 2026-06-15)" in str(refused.value)
