"""The printable mededeling follows the model's sections in order, in words a debtor reads."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from shared.bvv.berekeningen import _uitkomst, twaalf_maanden_na
from shared.bvv.pdf import basisberekening
from shared.models.bvv import Berekening as BerekeningModel
from shared.models.bvv import BerekeningVerzoek, Invoerwaarden
from shared.models.uitleg import Herkomst
from shared.rules.bvv.formule import Leefsituatie
from tests import pdftekst

PEILDATUM = date(2026, 6, 15)
KOPPEN = [
    # the model's own opening (Regeling beslagvrije voet, bijlage 2, Stcrt. 2022, 34869)
    "Overzicht van uw beslagvrije voet",
    "Dit overzicht gaat over",
    # what Rv 475i lid 2 and 3 require the mededeling to contain, in that order
    "Welke gegevens wij hebben gebruikt",
    "Hoe wij uw beslagvrije voet hebben berekend",
    "Controleer uw gegevens en meld wijzigingen binnen vier weken",
    "Zo vraagt u om een hogere beslagvrije voet",
    "Bijlage: bedragen uit wet- en regelgeving",
]
WARNING_FROM_GATHERING = (
    "inkomenMaand is het brutoloon inclusief vakantiegeld uit de polisadministratie; geef het "
    "netto-inkomen op voor een exacte toets aan 95% van het inkomen (Rv 475dc)"
)


def berekening(**invoer: object) -> BerekeningModel:
    values: dict[str, object] = {
        "leefsituatie": Leefsituatie.GEHUWD_MET_KINDEREN,
        "woonadres_in_nederland": True,
        "belastbaar_jaarinkomen": Decimal("43200.00"),
        "inkomen_maand": Decimal("3600.00"),
        "niet_beslagen_inkomen_partner_maand": Decimal("250.00"),
        "niet_beslagen_eigen_inkomen_maand": Decimal("0"),
        **invoer,
    }
    gebruikt = Invoerwaarden.model_validate(values)
    herkomst = [
        Herkomst(invoer="woonadresInNederland", herkomst="bron", bron="brp-personen"),
        Herkomst(
            invoer="leefsituatie",
            herkomst="bron",
            bron="brp-personen, brp-relaties",
            snapshot="2026-05-31",
        ),
        Herkomst(
            invoer="inkomenMaand", herkomst="bron", bron="uwv-polis, uitkeringen", periode="2026-05"
        ),
        Herkomst(invoer="belastbaarJaarinkomen", herkomst="bron", bron="uwv-polis"),
        Herkomst(invoer="nietBeslagenInkomenPartnerMaand", herkomst="opgegeven"),
        Herkomst(
            invoer="nietBeslagenEigenInkomenMaand",
            herkomst="aangenomen",
            toelichting="niet opgegeven en niet in de bronnen: 0,00",
        ),
    ]
    moment = datetime(2026, 6, 15, 10, 30, tzinfo=UTC)
    uitkomst = _uitkomst(gebruikt, PEILDATUM, moment, [WARNING_FROM_GATHERING])
    return BerekeningModel(
        **uitkomst.model_dump(),
        id="3f1c2a9e-5b7d-4e21-9c3a-1d2e3f4a5b6c",
        organisatie="GM0363",
        geldig_tot=twaalf_maanden_na(PEILDATUM),
        invoer=gebruikt,
        bronnen=herkomst,
    )


def flat(pdf: bytes) -> str:
    """The text on one line, so that wrapped cells read as written."""
    return re.sub(r"\s+", " ", pdftekst.text(pdf))


@pytest.fixture(scope="module")
def gewoon() -> tuple[BerekeningModel, bytes]:
    found = berekening()
    return found, basisberekening(found)


def test_the_sections_follow_the_model_in_order(gewoon: tuple[BerekeningModel, bytes]) -> None:
    lines = pdftekst.lines(gewoon[1])
    positions = [lines.index(kop) for kop in KOPPEN]
    assert positions == sorted(positions)


def test_no_field_name_of_the_api_or_of_a_parameter(gewoon: tuple[BerekeningModel, bytes]) -> None:
    text = pdftekst.text(gewoon[1])
    assert re.findall(r"\b[a-z]+[A-Z][A-Za-z]*\b", text) == []  # camelCase
    assert re.findall(r"\b[a-z0-9]+_[a-z0-9_]+\b", text) == []  # snake_case
    wire = {f.alias or name for name, f in BerekeningVerzoek.model_fields.items()}
    assert not {name for name in wire if len(name) > 12 and name in text}
    assert "uw inkomen per maand is het brutoloon" in text.lower()


def test_the_amount_and_how_long_it_holds_come_first(
    gewoon: tuple[BerekeningModel, bytes],
) -> None:
    found, pdf = gewoon
    text = flat(pdf)
    amount = f"€ {found.beslagvrije_voet:,.2f}".replace(",", "_").replace(".", ",")
    amount = amount.replace("_", ".") + " per maand"
    assert text.index(amount) < text.index("Dit overzicht gaat over")
    assert "Geldig van 15 juni 2026 tot 15 juni 2027" in text


def test_each_input_says_where_it_came_from_in_words(
    gewoon: tuple[BerekeningModel, bytes],
) -> None:
    text = flat(gewoon[1])
    gegevens = text[text.index("Welke gegevens") : text.index("Hoe wij uw")]
    assert "Polisadministratie van UWV en uitkeringen van UWV en SVB; over mei 2026" in gegevens
    assert "Basisregistratie Personen (BRP) en relaties in de BRP" in gegevens
    assert "stand van 31 mei 2026" in gegevens
    assert "Opgegeven bij de aanvraag van deze berekening" in gegevens
    assert "aangenomen" in gegevens
    assert "gehuwd of samenwonend, met kinderen" in gegevens


def test_each_component_is_shown_with_its_article_and_amount(
    gewoon: tuple[BerekeningModel, bytes],
) -> None:
    found, pdf = gewoon
    text = flat(pdf)
    berekend = text[text.index("Hoe wij uw") : text.index("Controleer uw gegevens en meld")]
    for onderdeel in found.onderdelen:
        assert re.sub(r"\s+", " ", onderdeel.artikel) in berekend
    assert "Voor het wonen: de huurtoeslag die u door uw inkomen niet krijgt" in berekend
    assert "- € 250,00" in berekend  # the spouse's free income, deducted


def test_reporting_within_four_weeks_and_the_ways_to_a_higher_amount(
    gewoon: tuple[BerekeningModel, bytes],
) -> None:
    text = flat(gewoon[1])
    melden = text[text.index("Controleer uw gegevens en meld") : text.index("Zo vraagt u")]
    assert "Rv art. 475i lid 3" in melden
    assert "Rv art. 475g lid 1" in melden
    hoger = text[text.index("Zo vraagt u") : text.index("Bijlage: bedragen")]
    for route in ("475da lid 5", "475da lid 6", "475da lid 7", "475e lid 1", "475fa"):
        assert f"Rv art. {route}" in hoger
    assert "€ 1.026,22 per maand" in hoger  # 1,10 × 932,93, from the parameters in force
    assert "€ 55.682,78" in hoger
    assert "€ 71.089,09" in hoger
    assert "18 maanden" in hoger


def test_the_annex_gives_each_parameter_its_value_date_and_source(
    gewoon: tuple[BerekeningModel, bytes],
) -> None:
    found, pdf = gewoon
    text = flat(pdf)
    bijlage = text[text.index("Bijlage: bedragen") :]
    assert "€ 2.002,13 per maand" in bijlage  # norm gehuwden
    assert "13,73%" in bijlage  # zorg percentage 0.13730
    assert "€ 2.119,00 per jaar" in bijlage  # standaardpremie
    assert "Stcrt. 2025, 40022" in bijlage
    assert bijlage.count("1 januari 2026") >= len(found.parameters)


def test_the_readings_and_the_lid_4_amount_reach_the_debtor() -> None:
    pdf = basisberekening(
        berekening(
            woonadres_in_nederland=False,
            woonkosten_maand=Decimal("1300"),
            verzoek_verhoging_woonkosten=True,
        )
    )
    text = flat(pdf)
    let_op = text[
        text.index("Let op bij deze berekening") : text.index("Controleer uw gegevens en")
    ]
    assert "Rv art. 475da lid 5, tweede zin gelezen als" in let_op
    assert "Rv art. 475da lid 5 gelezen als" in let_op
    assert "zonder woonlandfactor" in let_op
    assert "Zonder woonadres in Nederland: 47,5% van de bijstandsnorm voor gehuwden" in text


def test_an_inrichting_is_named_as_such() -> None:
    found = berekening(inrichting_kosten_maand=Decimal("2100.00"))
    text = flat(basisberekening(found))
    assert "De prijs van uw verzorging of verpleging in de inrichting" in text
    assert "Prijs van verzorging of verpleging in een inrichting, per maand € 2.100,00" in text
