"""The monthly inkomstenverrekening per household (OIB-P1, D1, D2, D3, D6 of income-services.md
§1.9, now from polis opgaven), the n vrijlating's six months and age 27 counted from the
sources, holiday pay as chosen, opgaven without a net, and the month marks of art. 58 lid 4."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from shared.inkomstenverrekening.levering import verrekening
from shared.inkomstenverrekening.maanden import Keuze, huishouden, opgaveregel
from shared.rules.oib import Vakantiegeld, Vrijlating

AANSPRAAK = Keuze(Vakantiegeld.AANSPRAAK, vrijlating_arbeid=True)
ONTVANGER, PARTNER = "999990019", "999990020"


def opgave(periode: str, netto_cent: int, **velden: Any) -> dict[str, Any]:
    """A monthly opgave of `netto_cent` net (no withholdings) over `periode`."""
    jaar, maand = map(int, periode.split("-"))
    rij = {
        "ontvanger": ONTVANGER,
        "bsn": ONTVANGER,
        "rol": "aanvrager",
        "uitkering_begin": date(2026, 1, 1),
        "uitkering_einde": None,
        "geboortedatum": date(1991, 1, 1),
        "begindatum": date(2025, 6, 1),
        "einddatum": None,
        "periode": periode,
        "loontijdvak": "maand",
        "tijdvak_begin": date(jaar, maand, 1),
        "tijdvak_einde": date(jaar + maand // 12, maand % 12 + 1, 1),
        "loonheffingennummer": "123456789L01",
        "soort_inkomen": "dienstbetrekking",
        "uitkeringsinstantie": None,
        "loon_lb_cent": netto_cent,
        "vakantiegeld_cent": 0,
        "eenmalig_cent": 0,
        "ingehouden_lb_cent": 0,
        "ingehouden_lb_bijzonder_cent": 0,
        "zvw_inhouding_cent": 0,
        "wga_premie_cent": 0,
        "prive_auto_cent": 0,
        "vrijgesteld_cent": 0,
    }
    return {**rij, **velden}


def maand(rijen: list[dict[str, Any]], welke: str, keuze: Keuze = AANSPRAAK) -> Any:
    return next(m for m in huishouden(rijen, keuze)[1] if m.maand == welke)


def test_oib_d1_the_net_of_an_opgave_as_delivered() -> None:
    regel = opgaveregel(opgave("2026-03", 115_000, ingehouden_lb_cent=1_235, wga_premie_cent=552))
    assert (regel.loon_lb, regel.netto_normaal, regel.reden) == (
        Decimal("1150.00"),
        Decimal("1132.13"),
        None,
    )


def test_oib_d2_d3_the_vrijlating_runs_six_months_from_the_benefits_start() -> None:
    rijen = [opgave(f"2026-{m:02d}", 85_000) for m in range(1, 9)]
    derde = maand(rijen, "2026-03")
    assert (derde.personen[0].vakantiegeld, derde.personen[0].vrijlating) == (
        Decimal("68.00"),
        Decimal("212.50"),
    )
    assert derde.te_verrekenen == Decimal("705.50")  # OIB-D2
    assert maand(rijen, "2026-06").personen[0].vrijlating == Decimal("212.50")  # sixth month
    zevende = maand(rijen, "2026-07")
    assert (zevende.personen[0].vrijlating_soort, zevende.te_verrekenen) == (
        Vrijlating.GEEN,
        Decimal("918.00"),  # OIB-D3
    )


def test_months_without_work_do_not_use_up_the_six() -> None:
    perioden = ("2025-07", "2025-08", "2025-09", "2026-02", "2026-03", "2026-04")
    rijen = [opgave(p, 85_000, uitkering_begin=date(2025, 7, 1)) for p in perioden]
    assert maand(rijen, "2026-04").personen[0].vrijlating == Decimal("212.50")


def test_a_month_whose_parameters_are_not_known_is_named_not_computed() -> None:
    m = maand([opgave("2026-08", 85_000)], "2026-08")
    assert m.te_verrekenen is None
    assert "vrijlating_arbeid_maximum" in (m.reden or "")


def test_the_vrijlating_from_age_27_not_before_art_31_lid_5() -> None:
    jarig = opgave("2026-03", 85_000, geboortedatum=date(1999, 3, 1))  # 27 on 1 March
    net_niet = opgave("2026-03", 85_000, geboortedatum=date(1999, 3, 2))
    assert maand([jarig], "2026-03").te_verrekenen == Decimal("705.50")
    assert maand([net_niet], "2026-03").te_verrekenen == Decimal("918.00")  # OIB-D4


def test_months_below_27_do_not_use_up_the_six() -> None:
    perioden = [f"2025-{m:02d}" for m in range(7, 13)] + [f"2026-0{m}" for m in range(1, 7)]
    rijen = [
        opgave(p, 85_000, uitkering_begin=date(2025, 7, 1), geboortedatum=date(1999, 1, 1))
        for p in perioden
    ]
    juni = maand(rijen, "2026-06").personen[0]  # 27 since January: its sixth month
    assert (juni.vrijlating, juni.vrijlating_soort) == (Decimal("212.50"), Vrijlating.ARBEID)


def test_a_month_the_benefit_runs_only_part_of_is_named_not_computed() -> None:
    rijen = [opgave(p, 85_000, uitkering_begin=date(2026, 1, 25)) for p in ("2026-01", "2026-02")]
    januari, februari = huishouden(rijen, AANSPRAAK)[1]
    assert januari.te_verrekenen is None
    assert "een deel van de maand" in (januari.reden or "")
    assert februari.te_verrekenen == Decimal("705.50")
    laatste = opgave("2026-03", 85_000, uitkering_einde=date(2026, 3, 31))
    assert maand([laatste], "2026-03").te_verrekenen is None  # ends before the last day
    heel = opgave("2026-03", 85_000, uitkering_einde=date(2026, 4, 1))
    assert maand([heel], "2026-03").te_verrekenen == Decimal("705.50")


def test_without_the_colleges_judgement_no_vrijlating() -> None:
    keuze = Keuze(Vakantiegeld.AANSPRAAK, vrijlating_arbeid=False)
    assert maand([opgave("2026-03", 85_000)], "2026-03", keuze).te_verrekenen == Decimal("918.00")


def test_oib_d6_a_benefit_in_the_polis_is_former_work() -> None:
    ww = opgave("2026-03", 90_000, soort_inkomen="uitkering", uitkeringsinstantie="UWV")
    m = maand([ww], "2026-03")
    assert (m.personen[0].vroegere_arbeid, m.personen[0].vakantiegeld, m.te_verrekenen) == (
        Decimal("900.00"),
        Decimal("51.23"),
        Decimal("951.23"),
    )


def test_oib_p1_four_weekly_pay_counts_its_monthly_equivalent() -> None:
    vier = opgave(
        "2026-03",
        130_000,
        loontijdvak="vier_weken",
        tijdvak_begin=date(2026, 3, 2),
        tijdvak_einde=date(2026, 3, 30),
    )
    keuze = Keuze(Vakantiegeld.UITBETAALD, vrijlating_arbeid=False)
    assert maand([vier], "2026-03", keuze).personen[0].arbeid == Decimal("1408.33")


def test_paid_holiday_pay_counts_in_its_month_when_the_gemeente_chose_so() -> None:
    keuze = Keuze(Vakantiegeld.UITBETAALD, vrijlating_arbeid=False)
    mei = opgave(
        "2026-05",
        85_000,
        vakantiegeld_cent=40_000,
        ingehouden_lb_cent=15_000,
        ingehouden_lb_bijzonder_cent=15_000,
    )
    m = maand([mei], "2026-05", keuze)
    # earned June 2025 - May 2026; the benefit runs from January: 5/12 of 250.00
    assert (m.personen[0].vakantiegeld, m.te_verrekenen) == (Decimal("104.17"), Decimal("954.17"))
    eerder = opgave(
        "2026-05",
        85_000,
        uitkering_begin=date(2025, 6, 1),
        vakantiegeld_cent=40_000,
        ingehouden_lb_cent=15_000,
        ingehouden_lb_bijzonder_cent=15_000,
    )
    assert maand([eerder], "2026-05", keuze).personen[0].vakantiegeld == Decimal("250.00")
    assert maand([mei], "2026-05").personen[0].vakantiegeld == Decimal("68.00")  # never both


def test_the_partners_income_counts_with_his_own_vrijlating() -> None:
    partner = opgave("2026-03", 40_000, bsn=PARTNER, rol="partner", geboortedatum=date(2001, 1, 1))
    m = maand([opgave("2026-03", 85_000), partner], "2026-03")
    assert [(p.rol, p.vrijlating) for p in m.personen] == [
        ("aanvrager", Decimal("212.50")),
        ("partner", Decimal("0")),  # 25: art. 31 lid 5
    ]
    assert m.te_verrekenen == Decimal("705.50") + Decimal("432.00")


def test_an_opgave_without_a_computable_net_is_listed_and_its_month_not_computed() -> None:
    fout = opgave("2026-03", 10_000, ingehouden_lb_cent=20_000)
    regels, maanden = huishouden([fout, opgave("2026-04", 85_000)], AANSPRAAK)
    assert regels[0].netto_normaal is None
    assert regels[0].reden == "de inhoudingen op het normale loon zijn hoger dan dat loon"
    assert (maanden[0].te_verrekenen, maanden[0].reden) == (
        None,
        "een inkomstenopgave van de maand heeft geen te berekenen netto",
    )
    assert maanden[1].te_verrekenen is not None


def test_a_month_beyond_a_known_bracket_is_named_not_estimated() -> None:
    m = maand([opgave("2026-03", 150_000)], "2026-03")
    assert m.te_verrekenen is None
    assert "art. 11" in (m.reden or "")


@pytest.mark.parametrize(
    ("maand_", "soort"),
    [
        ("2026-12", "LOPEND"),
        ("2026-11", "VERREKENEN"),
        ("2026-06", "VERREKENEN"),  # six months before December
        ("2026-05", "HERZIEN"),  # seven
    ],
)
def test_each_month_is_marked_as_art_58_lid_4_lets_it_be_settled(maand_: str, soort: str) -> None:
    assert verrekening(maand_, "2026-12") == soort


def test_from_2027_art_34a_counts_its_twelve_months_from_the_first_month_of_work() -> None:
    """The period's end (its thirteenth month, 2028) lies beyond the known parameter sets (none
    from 2027-07-01): that boundary is tested in test_oib (maanden_2027_gebruikt 11 and 12)."""
    keuze = Keuze(Vakantiegeld.UITBETAALD, vrijlating_arbeid=True)
    perioden = ("2027-01", "2027-02", "2027-06")
    rijen = [opgave(p, 85_000, uitkering_begin=date(2026, 10, 1)) for p in perioden]
    for periode in perioden:  # months without work in between do not end it
        m = maand(rijen, periode, keuze).personen[0]
        assert (m.vrijlating, m.vrijlating_soort) == (Decimal("127.50"), Vrijlating.ARBEID_2027)
    later = opgave("2027-07", 85_000, uitkering_begin=date(2026, 10, 1))
    assert "2027-07-01" in (maand([*rijen, later], "2027-07", keuze).reden or "")
