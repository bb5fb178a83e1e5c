"""Which sources exist, who holds them, and the model of each one's records.

A source holder delivers at `bronnen/{bron}/{peildatum}/{bestand}`; `bron` is a code below.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.models import bronnen as m


@dataclass(frozen=True)
class Bron:
    code: str
    houder: str
    model: type[m.BronRecord]
    omschrijving: str
    adresindex: bool = False
    """Its snapshots also feed the address index (`bronadressenperemmer`): who is registered at each
    address shared by two or more persons. Its model has the BRP address columns (postcode,
    huisnummer, huisletter, huisnummertoevoeging), read with `huishouden.sql_adressleutel`."""
    een_per_persoon: bool = False
    """At most one record per BSN (a person has one registration): a second record of the same
    person is rejected with its line, and so the file (`intake.gecontroleerd`)."""

    @property
    def kolommen(self) -> tuple[str, ...]:
        return tuple(self.model.model_fields)


CATALOGUS: tuple[Bron, ...] = (
    Bron(
        "brp-personen",
        "RvIG",
        m.BrpPersoon,
        "Personen en hun adres (BRP)",
        adresindex=True,
        een_per_persoon=True,
    ),
    Bron("brp-relaties", "RvIG", m.BrpRelatie, "Partners en kinderen (BRP)"),
    Bron("uwv-polis", "UWV", m.Polisregel, "Inkomstenverhoudingen per maand (polisadministratie)"),
    Bron("uitkeringen", "UWV/SVB", m.Uitkering, "Uitkeringen van UWV en SVB"),
    Bron("duo-studiefinanciering", "DUO", m.Studiefinanciering, "Studiefinanciering"),
    Bron("duo-inschrijvingen", "DUO", m.Inschrijving, "Inschrijvingen in het onderwijs (CRIHO)"),
    Bron("duo-startkwalificaties", "DUO", m.Startkwalificatie, "Behaalde startkwalificaties"),
    Bron("doelgroepregister", "UWV", m.Doelgroepregistratie, "Landelijk Doelgroepenregister"),
    Bron("dji-detenties", "DJI", m.Detentie, "Detenties, ook in het buitenland"),
    Bron("cjib-voortvluchtigen", "CJIB", m.Voortvluchtig, "Voortvluchtige veroordeelden"),
    Bron("ciz-wlz-indicaties", "CIZ", m.WlzIndicatie, "Wlz-indicaties (Wlz-register, dagelijks)"),
    Bron("bd-rekeningen", "Belastingdienst", m.Rekening, "Bank- en spaarrekeningen op 31-12"),
    Bron("bd-inkomen", "Belastingdienst", m.Inkomen, "Box 1, heffingskortingen en box 3"),
    Bron("bd-toeslagen", "Belastingdienst/Toeslagen", m.Toeslag, "Toeslagen per maand"),
    Bron("rdw-voertuigen", "RDW", m.Voertuig, "Voertuigen en hun houder"),
    Bron(
        "gemeenten-uitkeringen",
        "Gemeenten",
        m.UitkeringAndereGemeente,
        "Bijstandsuitkeringen van gemeenten",
    ),
)

BY_CODE = {bron.code: bron for bron in CATALOGUS}

[ADRESBRON] = [bron for bron in CATALOGUS if bron.adresindex]
"""The one source of the address index: `Bronnen.bewoners` reads its snapshot in force."""
