"""Synthetic GGk traffic: whole iWmo/iJw message flows between gemeenten and care providers,
interleaved as a day's traffic, with some envelopes invalid on purpose.

Flows (each message schema-valid and in the order its standard has it):
- Jeugdwet toewijzing: JW301 → JW302, JW305 → JW306, JW307 → JW308, JW323 → JW325;
- Jeugdwet VOT: JW315 → JW316, JW319 → JW320, then the toewijzing JW301 → JW302;
- Jeugdwet VOW: JW317 → JW318, JW319 → JW320;
- Wmo toewijzing: WMO301, WMO305, WMO307, WMO323; Wmo VOT: WMO315, WMO319, WMO301; Wmo VOW:
  WMO317, WMO319. The iWmo retours and WMO325 have no schema in the project (the GGk refuses
  them), so the Wmo flows carry none.

Every `Zending` says what the GGk must do with it: deliver it (`verwacht` None) or refuse it
with the Fo01 of one check (`verwacht` the key in `shared/ggk/foutcodes.yaml`). Invalid
envelopes make flows of their own: a Bsn that fails the elfproef (CS002), a message sent
twice with one referentienummer (the second refused, CC08), a referentienummer that is no
UUID (IB009), a message missing a required element (schema), a message type the sender may
not send (IB234), an iWmo retour (no schema).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from lxml import etree

from synth import ggk
from synth.ggk import Client, Prestatie

ONGELDIG = ("elfproef", "dubbel", "geen_uuid", "schema", "functie", "geen_schema")
"""The kinds of invalid envelope, by turns."""
VERWACHT = {
    "elfproef": "regel",
    "dubbel": "referentie_niet_uniek",
    "geen_uuid": "geen_uuid",
    "schema": "bericht_schema",
    "functie": "functie_organisatie",
    "geen_schema": "bericht_schema",
}
FOUTE_BSN = "123456789"
"""Nine digits that fail the elfproef."""
VECOZO = "VECOZO"


@dataclass(frozen=True)
class Zending:
    """One envelope as its sender's system posts it."""

    organisatie: str
    """The platform organisation that posts it: `GM` + CBS code, or VECOZO for a provider."""
    functie: str
    referentienummer: str
    envelop: bytes
    verwacht: str | None = None
    """None: delivered; otherwise the check (foutcodes key) that refuses it."""
    heen: str | None = None
    """For a retour: the referentienummer of the heen message it answers."""


class _Stroom:
    """The messages of one flow between one gemeente, one provider and one client."""

    def __init__(
        self, teller: Callable[[], int], gemeente: str, agb: str, client: Client, dag: date
    ) -> None:
        self.teller = teller
        self.gemeente = gemeente
        self.agb = agb
        self.client = client
        self.dag = dag
        self.zendingen: list[Zending] = []

    def identificatie(self, prefix: str) -> str:
        return f"{prefix}{self.teller():08d}"

    def heen(self, functie: str, bericht: bytes) -> tuple[bytes, str]:
        gemeente_zendt = functie[-3:] in ("301", "319", "325")
        zender, ontvanger = (
            (self.gemeente, self.agb) if gemeente_zendt else (self.agb, self.gemeente)
        )
        referentie = str(uuid.uuid4())
        envelop = ggk.envelop(functie, zender, ontvanger, referentie, bericht, moment=_moment(self))
        organisatie = f"GM{self.gemeente}" if gemeente_zendt else VECOZO
        self.zendingen.append(Zending(organisatie, functie, referentie, envelop))
        return bericht, referentie

    def retour(self, heen: bytes, heen_referentie: str) -> None:
        bericht = ggk.retour(heen, self.identificatie("R"), self.dag)
        self._retour(bericht, heen_referentie)

    def _retour(self, bericht: bytes, heen_referentie: str) -> None:
        functie = _functie_van(bericht)
        heen_functie = next(h for h, r in ggk.RETOUR_VAN.items() if r == functie[-3:])
        gemeente_zendt = heen_functie in ("305", "307", "315", "317")
        zender, ontvanger = (
            (self.gemeente, self.agb) if gemeente_zendt else (self.agb, self.gemeente)
        )
        referentie = str(uuid.uuid4())
        envelop = ggk.envelop(
            functie,
            zender,
            ontvanger,
            referentie,
            bericht,
            retour=True,
            crossrefnummer=heen_referentie,
            moment=_moment(self),
        )
        organisatie = f"GM{self.gemeente}" if gemeente_zendt else VECOZO
        self.zendingen.append(
            Zending(organisatie, functie, referentie, envelop, heen=heen_referentie)
        )


def _moment(stroom: _Stroom) -> datetime:
    return datetime.combine(stroom.dag, datetime.min.time(), UTC) + timedelta(hours=9)


def _functie_van(bericht: bytes) -> str:
    return str(etree.QName(etree.fromstring(bericht)).namespace).split("/")[-2].upper()


def _toewijzing(s: _Stroom, domein: str, retouren: bool) -> None:
    t = s.heen(
        f"{domein}301",
        ggk.toewijzing(f"{domein}301", s.gemeente, s.agb, s.client, s.identificatie("T"), s.dag),
    )
    if retouren:
        s.retour(*t)
    start = s.heen(
        f"{domein}305",
        ggk.start_levering(
            f"{domein}305", s.agb, s.gemeente, s.client, s.identificatie("S"), s.dag
        ),
    )
    if retouren:
        s.retour(*start)
    stop = s.heen(
        f"{domein}307",
        ggk.stop_levering(
            f"{domein}307", s.agb, s.gemeente, s.client, s.identificatie("P"), s.dag, s.dag
        ),
    )
    if retouren:
        s.retour(*stop)
    categorie = ggk.standaard_categorie(f"{domein}323")
    eerste = s.dag.replace(day=1)
    prestaties = [Prestatie(s.client, f"P{s.teller()}", categorie, eerste, s.dag, 10, 5_250)]
    nummer = f"D{s.teller()}"
    identificatie = s.identificatie("D")
    s.heen(
        f"{domein}323",
        ggk.declaratie(f"{domein}323", s.agb, s.gemeente, identificatie, s.dag, nummer, prestaties),
    )
    if retouren:  # the declaratie-antwoord is a message of its own, not a Du01 retour
        s.heen(
            "JW325",
            ggk.declaratie_antwoord(
                s.gemeente,
                s.agb,
                s.identificatie("A"),
                s.dag,
                identificatie,
                s.dag,
                nummer,
                prestaties,
            ),
        )


def _verzoek(s: _Stroom, domein: str, soort: str, retouren: bool) -> None:
    referentie = f"V{s.teller()}"
    if soort == "315":
        verzoek = ggk.verzoek_om_toewijzing(
            f"{domein}315", s.agb, s.gemeente, s.client, s.identificatie("V"), s.dag, referentie
        )
    else:
        verzoek = ggk.verzoek_om_wijziging(
            f"{domein}317", s.agb, s.gemeente, s.client, s.identificatie("W"), s.dag, referentie
        )
    heen = s.heen(f"{domein}{soort}", verzoek)
    if retouren:
        s.retour(*heen)
    antwoord = s.heen(
        f"{domein}319",
        ggk.antwoord(f"{domein}319", s.gemeente, s.agb, s.identificatie("A"), s.dag, referentie),
    )
    if retouren:
        s.retour(*antwoord)
    if soort == "315":
        toewijzing = s.heen(
            f"{domein}301",
            ggk.toewijzing(
                f"{domein}301", s.gemeente, s.agb, s.client, s.identificatie("T"), s.dag
            ),
        )
        if retouren:
            s.retour(*toewijzing)


STROMEN: dict[str, Callable[[_Stroom], None]] = {
    "jw-toewijzing": lambda s: _toewijzing(s, "JW", retouren=True),
    "jw-vot": lambda s: _verzoek(s, "JW", "315", retouren=True),
    "jw-vow": lambda s: _verzoek(s, "JW", "317", retouren=True),
    "wmo-toewijzing": lambda s: _toewijzing(s, "WMO", retouren=False),
    "wmo-vot": lambda s: _verzoek(s, "WMO", "315", retouren=False),
    "wmo-vow": lambda s: _verzoek(s, "WMO", "317", retouren=False),
}


def _ongeldig(s: _Stroom, soort: str) -> None:
    """One envelope that the GGk must refuse, and the check that refuses it."""
    bericht = ggk.toewijzing("JW301", s.gemeente, s.agb, s.client, s.identificatie("X"), s.dag)
    zender, ontvanger, functie = s.gemeente, s.agb, "JW301"
    referentie = str(uuid.uuid4())
    organisatie = f"GM{s.gemeente}"
    retour, cross = False, None
    if soort == "elfproef":
        bericht = bericht.replace(s.client.bsn.encode(), FOUTE_BSN.encode())
    elif soort == "dubbel":  # a message sent twice: the second is refused
        envelop = ggk.envelop(functie, zender, ontvanger, referentie, bericht)
        s.zendingen.append(Zending(organisatie, functie, referentie, envelop))
        s.zendingen.append(Zending(organisatie, functie, referentie, envelop, VERWACHT[soort]))
        return
    elif soort == "geen_uuid":
        referentie = f"REF-{s.teller()}"
    elif soort == "schema":
        bericht = bericht.replace(b"<m:Toewijzingstijd>09:00:00</m:Toewijzingstijd>", b"")
    elif soort == "functie":  # a gemeente sending a start levering
        functie = "JW305"
        bericht = ggk.start_levering(
            functie, s.gemeente, s.agb, s.client, s.identificatie("S"), s.dag
        )
    elif soort == "geen_schema":  # an iWmo retour: a provider's WMO302
        heen = ggk.toewijzing("WMO301", s.gemeente, s.agb, s.client, "H1", s.dag)
        bericht = ggk.retour(heen, s.identificatie("R"), s.dag)
        functie, zender, ontvanger = "WMO302", s.agb, s.gemeente
        organisatie, retour, cross = VECOZO, True, str(uuid.uuid4())
    envelop = ggk.envelop(
        functie, zender, ontvanger, referentie, bericht, retour=retour, crossrefnummer=cross
    )
    s.zendingen.append(Zending(organisatie, functie, referentie, envelop, VERWACHT[soort]))


def verkeer(
    gemeenten: Sequence[str],
    aanbieders: Sequence[str],
    clienten: Sequence[Client],
    stromen: int,
    *,
    dag: date = date(2026, 11, 2),
    ongeldig_per: int = 10,
    seed: int = 0,
) -> list[Zending]:
    """`stromen` flows, each of a random gemeente (CBS code), provider (AGB code) and client,
    one in `ongeldig_per` an invalid envelope (0: none); interleaved as a day's traffic in
    which every retour comes after the message it answers."""
    rng = random.Random(seed)
    teller = iter(range(1, 10**9))
    soorten = list(STROMEN)
    gepland: list[tuple[float, int, Zending]] = []
    for nummer in range(stromen):
        stroom = _Stroom(
            lambda: next(teller),
            rng.choice(gemeenten),
            rng.choice(aanbieders),
            rng.choice(clienten),
            dag,
        )
        if ongeldig_per and nummer % ongeldig_per == ongeldig_per - 1:
            _ongeldig(stroom, ONGELDIG[(nummer // ongeldig_per) % len(ONGELDIG)])
        else:
            STROMEN[soorten[rng.randrange(len(soorten))]](stroom)
        begin = rng.random() * stromen
        for stap, zending in enumerate(stroom.zendingen):
            gepland.append((begin + stap, len(gepland), zending))
    return [zending for _, _, zending in sorted(gepland, key=lambda g: (g[0], g[1]))]
