"""Wlz–Wmo samenloop: the Wlz-registertoets on one BSN, and the daily Wlz-signalen.

A gemeente need not provide Wmo support to a resident who has a claim to Wlz care. The
registertoets reads the CIZ Wlz-register (`ciz-wlz-indicaties`, updated daily) on one BSN.
The signalen hold every resident with an active Wmo toewijzing that passed the GGk (from its
WMO301 messages) against the register each day; a resident with a Wlz-indicatie is one
signal to the gemeente, once per indicatie. Only the Wmo 2015: a JW301 is never recorded
(the Jeugdwet has no basis for this).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from lxml import etree

from shared.bronnen.raadplegen import Bronnen
from shared.errors import NietToegestaan
from shared.models.bronnen import WlzIndicatie
from shared.models.wlz import (
    Indicatie,
    RegistertoetsUitkomst,
    WlzSignaal,
    WmoToewijzing,
)
from shared.rules.periode import op
from shared.security import audit
from shared.security.access import Caller
from shared.security.diensten import WLZ_SAMENLOOP
from shared.storage.containers import WLZ_SIGNALEN, WMO_TOEWIJZINGEN
from shared.storage.documents import AlreadyExists, DocumentRepository
from shared.storage.ids import persoon_id

BRON = "ciz-wlz-indicaties"
VERWIJDERD = "13"
"""RedenWijziging 13: the toewijzing is removed (CS335)."""
Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def _kinderen(element: etree._Element) -> list[etree._Element]:
    """The child elements (no comments or instructions, which have no name)."""
    return [e for e in element if isinstance(e.tag, str)]


def _tekst(element: etree._Element, naam: str) -> str | None:
    gevonden = next((e for e in _kinderen(element) if etree.QName(e).localname == naam), None)
    return gevonden.text.strip() if gevonden is not None and gevonden.text else None


def toewijzingen_van(
    root: etree._Element,
) -> tuple[str, list[tuple[int, date, date | None, bool]]] | None:
    """(BSN, each product) of a WMO301 (as the GGk parsed it); None for any other message."""
    if not etree.QName(root).namespace.endswith("/iwmo/3_2/wmo301/schema"):
        return None
    client = next(e for e in _kinderen(root) if etree.QName(e).localname == "Client")
    bsn = _tekst(client, "Bsn") or ""
    producten = next(
        e for e in _kinderen(client) if etree.QName(e).localname == "ToegewezenProducten"
    )
    return bsn, [
        (
            int(_tekst(p, "ToewijzingNummer") or 0),
            date.fromisoformat(_tekst(p, "Ingangsdatum") or ""),
            date.fromisoformat(e) if (e := _tekst(p, "Einddatum")) else None,
            _tekst(p, "RedenWijziging") == VERWIJDERD,
        )
        for p in _kinderen(producten)
    ]


class Toewijzingen(DocumentRepository[WmoToewijzing]):
    def __init__(self) -> None:
        super().__init__(WMO_TOEWIJZINGEN, WmoToewijzing)

    def neem_op(self, gemeente: str, bericht: etree._Element, moment: datetime) -> None:
        """Each product of a delivered WMO301, one document per ToewijzingNummer: the
        newest message about a number is the current one (IV013)."""
        gevonden = toewijzingen_van(bericht)
        if gevonden is None:
            return
        bsn, producten = gevonden
        audit.verwerkt(gemeente, "wmo-toewijzing opgenomen", WLZ_SAMENLOOP, [bsn])
        for nummer, ingang, einde, verwijderd in producten:
            self.upsert(
                WmoToewijzing(
                    id=persoon_id("wmo-toewijzing", gemeente, bsn, str(nummer)),
                    gemeente=gemeente,
                    bsn=bsn,
                    nummer=nummer,
                    ingangsdatum=ingang,
                    einddatum=einde,
                    verwijderd=verwijderd,
                    bijgewerkt_op=moment,
                )
            )

    def actief(self, dag: date) -> dict[tuple[str, str], str]:
        """(gemeente, BSN) of every resident with a product active on the day: the id of
        the resident (a keyed hash), for the signals."""
        actief = {}
        for t in self.all("SELECT * FROM c", {}, partition=None):
            if not t.verwijderd and op(t.ingangsdatum, t.einddatum, dag):
                actief[(t.gemeente, t.bsn)] = persoon_id("wlz-persoon", t.gemeente, t.bsn)
        return actief


def indicatie_op(bsn: str, peildatum: date) -> tuple[WlzIndicatie | None, date | None]:
    """The indicatie in force on the date in the register's snapshot in force, and the
    snapshot's date."""
    [stand] = Bronnen().persoon(bsn, peildatum, [BRON])
    records = [r for r in stand.records if isinstance(r, WlzIndicatie)]
    in_force = [r for r in records if op(r.begindatum, r.einddatum, peildatum)]
    snapshot = stand.snapshot.peildatum if stand.snapshot else None
    return (max(in_force, key=lambda r: r.begindatum) if in_force else None), snapshot


def registertoets(caller: Caller, bsn: str, peildatum: date) -> RegistertoetsUitkomst:
    audit.access(caller, "wlz-registertoets", WLZ_SAMENLOOP, bsn)
    indicatie, snapshot = indicatie_op(bsn, peildatum)
    if snapshot is None:  # "no indicatie" would be a guess: the register is not there
        raise NietToegestaan(f"er is geen Wlz-register (CIZ) in gebruik op {peildatum.isoformat()}")
    return RegistertoetsUitkomst(
        peildatum=peildatum,
        wlz_indicatie=Indicatie(
            begindatum=indicatie.begindatum,
            einddatum=indicatie.einddatum,
            zorgprofiel=indicatie.zorgprofiel,
        )
        if indicatie
        else None,
        register_peildatum=snapshot,
    )


class Signalen(DocumentRepository[WlzSignaal]):
    def __init__(self, clock: Clock = _now) -> None:
        super().__init__(WLZ_SIGNALEN, WlzSignaal)
        self.clock = clock

    def signaleer(self, peildatum: date) -> tuple[int, int]:
        """(residents held against the register, new signals). A resident signalled for an
        indicatie is not signalled for it again."""
        actief = Toewijzingen().actief(peildatum)
        # each one's register read: a processing for his gemeente
        audit.verwerkt_per_organisatie("wlz dagelijks vergeleken", WLZ_SAMENLOOP, actief)
        bekeken = nieuw = 0
        for (gemeente, bsn), persoon in actief.items():
            bekeken += 1
            indicatie, _ = indicatie_op(bsn, peildatum)
            if indicatie is None:
                continue
            signaal = WlzSignaal(
                id=persoon_id("wlz-signaal", persoon, indicatie.begindatum.isoformat()),
                gemeente=gemeente,
                bsn=bsn,
                indicatie_begindatum=indicatie.begindatum,
                zorgprofiel=indicatie.zorgprofiel,
                gesignaleerd_op=self.clock(),
            )
            try:
                self.create(signaal)
            except AlreadyExists:
                continue
            audit.verwerkt(gemeente, "wlz-signaal gemaakt", WLZ_SAMENLOOP, [bsn])
            nieuw += 1
        return bekeken, nieuw

    def van(self, caller: Caller) -> list[WlzSignaal]:
        gevonden = list(
            self.all(
                "SELECT * FROM c WHERE c.gemeente = @gemeente",
                {"@gemeente": caller.namens},
                partition=caller.namens,
            )
        )
        audit.gelezen(caller, "wlz-signalen lezen", WLZ_SAMENLOOP, [s.bsn for s in gevonden])
        return gevonden
