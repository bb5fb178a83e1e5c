"""The register of VSV 2.0: which Doorstroompunt follows which young person, from when, and
its history. A Doorstroompunt registers (aanmelden) and deregisters (afmelden) one young
person at a time, by API or a line of its file; the platform then follows him daily and
weekly (`shared.vsv.signalen`, `shared.vsv.prioriteiten`).

A registration is refused, with the reason, for a young person outside the target group on
its date (`rules.vsv.buiten_doelgroep`: the maximum age, a startkwalificatie in DUO), one not
living in the Doorstroompunt's region (BRP, the gemeente on the date), and one another
Doorstroompunt follows.

Readings (stated, not silent):
- One Doorstroompunt follows a young person at a time: the one whose region he lives in
  (WEB art. 9.2.5 gives the task to the gemeente of residence's region). A registration by
  another region stands while he lives there, on the registration's date or today (a date
  in the past cannot take over someone who lives in the other region now); once the BRP
  places him in the registering region only, the registration moves to it and the other
  region's ends with reason VERHUISD (so no young person falls between the desks); the old
  region's history does not name the new one (the audit log does).
- A source that cannot be read on the date (no snapshot of the BRP or of DUO's
  startkwalificaties in force) refuses the registration: "no startkwalificatie" would be a
  guess.
- Registering someone the Doorstroompunt already follows changes nothing and is no error.
- The date may not lie after today: a registration for the future is not a fact yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

from shared.bronnen.raadplegen import Bronnen
from shared.errors import Conflict, NietToegestaan, NotFound
from shared.models.bronnen import BronRecord, BrpPersoon, Startkwalificatie
from shared.models.toegang import DoorstroompuntRegio
from shared.models.vsv import (
    Aanmelding,
    Afmelding,
    Afmeldreden,
    Gebeurtenis,
    Inschrijving,
    Registratie,
)
from shared.rules.parameters import MissingParameters
from shared.rules.vsv import buiten_doelgroep
from shared.security import audit
from shared.security.access import Caller
from shared.security.diensten import VSV_VOLGEN
from shared.storage.containers import VSV_REGISTER
from shared.storage.documents import AlreadyExists, ConcurrentChange, DocumentRepository
from shared.storage.ids import persoon_id
from shared.storage.toegang import OrganisatieRepository

Clock = Callable[[], datetime]
BRONNEN = ("brp-personen", "duo-startkwalificaties")


def _now() -> datetime:
    return datetime.now(UTC)


def registratie_id(bsn: str) -> str:
    """A keyed hash of the BSN under the id key (not the audit pseudonym)."""
    return persoon_id("vsv-registratie", bsn)


def regio_van(doorstroompunt: str) -> DoorstroompuntRegio:
    gevonden = OrganisatieRepository().find(doorstroompunt)
    if gevonden is None or gevonden[0].regio is None:
        raise NietToegestaan(f"van {doorstroompunt} is geen regio-indeling vastgelegd")
    return gevonden[0].regio


def woongemeente(brp: list[BronRecord], dag: date) -> str | None:
    """The gemeente a person lives in on the day by his BRP records (None: not in them,
    abroad, dead)."""
    persoon = next((r for r in brp if isinstance(r, BrpPersoon)), None)
    if persoon is None or persoon.land != "NL" or persoon.gemeentecode is None:
        return None
    if persoon.overlijdensdatum is not None and persoon.overlijdensdatum <= dag:
        return None
    return f"GM{persoon.gemeentecode}"


def gemeenten_van(doorstroompunt: str) -> list[str]:
    """The region's gemeenten; none when it has no region (any more)."""
    gevonden = OrganisatieRepository().find(doorstroompunt)
    return gevonden[0].regio.gemeenten if gevonden and gevonden[0].regio else []


def inschrijving(registratie: Registratie, doorstroompunt: str) -> Inschrijving:
    """What `doorstroompunt` sees of a registration it holds: its own part of the history."""
    return Inschrijving(
        id=registratie.id,
        bsn=registratie.bsn,
        aangemeld_op=registratie.aangemeld_op,
        reden=registratie.reden,
        prioriteit=registratie.prioriteit,
        prioriteit_week=registratie.prioriteit_week,
        geschiedenis=[g for g in registratie.geschiedenis if g.doorstroompunt == doorstroompunt],
    )


class Register(DocumentRepository[Registratie]):
    def __init__(self, bronnen: Bronnen | None = None, clock: Clock = _now) -> None:
        super().__init__(VSV_REGISTER, Registratie)
        self.bronnen = bronnen or Bronnen()
        self.clock = clock

    def van(self, bsn: str) -> tuple[Registratie, str] | None:
        return self.get(bsn, registratie_id(bsn))

    def _gemeente(self, bsn: str, dag: date) -> str | None:
        """His gemeente in the BRP in force on the day (None: not known, abroad, dead)."""
        [brp] = self.bronnen.persoon(bsn, dag, ["brp-personen"])
        return woongemeente(brp.records, dag)

    def _toets(
        self, bsn: str, datum: date, regio: DoorstroompuntRegio
    ) -> tuple[str, None] | tuple[None, str]:
        """(his gemeente, None), or (None, why he cannot be registered in the region on the
        date). Residence is checked first and answered alone: of someone who does not live in
        its region a Doorstroompunt learns nothing more (not where he lives, not his
        diploma)."""
        brp, duo = self.bronnen.persoon(bsn, datum, BRONNEN)
        zonder = [s.bron for s in (brp, duo) if s.snapshot is None]
        if zonder:
            return None, f"geen stand van {', '.join(zonder)} op {datum.isoformat()}"
        gemeente = woongemeente(brp.records, datum)
        persoon = next((r for r in brp.records if isinstance(r, BrpPersoon)), None)
        if persoon is None or gemeente not in regio.gemeenten:
            return None, f"woont op {datum.isoformat()} niet in de regio {regio.naam}"
        startkwalificatie = any(
            isinstance(r, Startkwalificatie) and r.behaald_op <= datum for r in duo.records
        )
        try:
            reden = buiten_doelgroep(persoon.geboortedatum, startkwalificatie, datum)
        except MissingParameters as error:
            reden = str(error)
        return (None, reden) if reden is not None else (gemeente, None)

    def aanmelden(self, caller: Caller, verzoek: Aanmelding) -> tuple[Inschrijving, bool]:
        """(the registration, whether it is new). Raises `NietToegestaan` with the reason a
        young person cannot be registered."""
        doorstroompunt = caller.namens
        audit.access(caller, "vsv aanmelden", VSV_VOLGEN, verzoek.bsn)
        moment = self.clock()
        if verzoek.datum > moment.date():
            raise NietToegestaan(f"de datum {verzoek.datum.isoformat()} ligt na vandaag")
        regio = regio_van(doorstroompunt)
        gemeente, reden = self._toets(verzoek.bsn, verzoek.datum, regio)
        if reden is not None:
            raise NietToegestaan(f"niet aan te melden: {reden}")
        gevonden = self.van(verzoek.bsn)
        registratie, etag = gevonden or (
            Registratie(
                id=registratie_id(verzoek.bsn),
                bsn=verzoek.bsn,
                doorstroompunt=None,
                aangemeld_op=verzoek.datum,
                reden=verzoek.reden,
            ),
            None,
        )
        if registratie.doorstroompunt == doorstroompunt:
            return inschrijving(registratie, doorstroompunt), False
        door = caller.identity.client_id
        if registratie.doorstroompunt is not None:
            ander = registratie.doorstroompunt
            vandaag = self._gemeente(verzoek.bsn, moment.date())
            if {gemeente, vandaag} & set(gemeenten_van(ander)):
                raise NietToegestaan(
                    "niet aan te melden: een andere Doorstroompunt volgt deze jongere al en hij "
                    "woont ook in die regio (de regio van het woonadres beslist)"
                )
            registratie = registratie.afgemeld(
                verzoek.datum, Afmeldreden.VERHUISD, "platform", moment
            )
            overgenomen = f"overgenomen door {doorstroompunt}"
            audit.verwerkt(ander, "vsv overgedragen", VSV_VOLGEN, [verzoek.bsn], overgenomen)
        registratie.geschiedenis.append(
            Gebeurtenis(
                actie="AANGEMELD",
                doorstroompunt=doorstroompunt,
                datum=verzoek.datum,
                reden=verzoek.reden,
                door=door,
                moment=moment,
            )
        )
        registratie = registratie.model_copy(
            update={
                "doorstroompunt": doorstroompunt,
                "aangemeld_op": verzoek.datum,
                "reden": verzoek.reden,
                "prioriteit": None,
                "prioriteit_week": None,
                "vorige_prioriteit": None,
            }
        )
        self._bewaar(registratie, etag)
        return inschrijving(registratie, doorstroompunt), True

    def _bewaar(self, registratie: Registratie, etag: str | None) -> None:
        """Only over the version read: two Doorstroompunten registering the same young
        person at once cannot both succeed."""
        try:
            if etag is None:
                self.create(registratie)
            else:
                self.replace(registratie.id, registratie, etag)
        except (AlreadyExists, ConcurrentChange):
            raise Conflict("gelijktijdig gewijzigd: probeer het opnieuw") from None

    def afmelden(self, caller: Caller, registratie_id_: str, verzoek: Afmelding) -> Inschrijving:
        doorstroompunt = caller.namens
        gevonden = next(
            self.all(
                "SELECT * FROM c WHERE c.id = @id AND c.doorstroompunt = @dp",
                {"@id": registratie_id_, "@dp": doorstroompunt},
                partition=None,
            ),
            None,
        )
        if gevonden is None:
            audit.access(caller, "vsv afmelden: niet gevonden", VSV_VOLGEN)
            raise NotFound(f"{doorstroompunt} volgt geen jongere met id {registratie_id_}")
        audit.access(caller, "vsv afmelden", VSV_VOLGEN, gevonden.bsn)
        moment = self.clock()
        if verzoek.datum > moment.date():
            raise NietToegestaan(f"de datum {verzoek.datum.isoformat()} ligt na vandaag")
        huidig = self.van(gevonden.bsn)
        if huidig is None or huidig[0].doorstroompunt != doorstroompunt:
            raise Conflict("gelijktijdig gewijzigd: probeer het opnieuw")
        registratie, etag = huidig
        afgemeld = registratie.afgemeld(
            verzoek.datum, verzoek.reden, caller.identity.client_id, moment
        )
        self._bewaar(afgemeld, etag)
        return inschrijving(afgemeld, doorstroompunt)

    def gevolgd(self) -> Iterator[tuple[str, Registratie]]:
        """(Doorstroompunt, registration) of every young person followed now."""
        for r in self.all("SELECT * FROM c WHERE IS_STRING(c.doorstroompunt)", {}, partition=None):
            if r.doorstroompunt is not None:
                yield r.doorstroompunt, r

    def door_het_platform_afmelden(
        self, bsn: str, punt: str, reden: Afmeldreden, dag: date
    ) -> None:
        """Deregister by the platform, over the version read (again if it changed meanwhile);
        nothing when `punt` no longer follows him."""
        for _ in range(3):  # not statutory: attempts under concurrent change
            gevonden = self.van(bsn)
            if gevonden is None or gevonden[0].doorstroompunt != punt:
                return
            r, etag = gevonden
            try:
                self.replace(r.id, r.afgemeld(dag, reden, "platform", self.clock()), etag)
            except ConcurrentChange:
                continue
            audit.verwerkt(punt, "vsv afgemeld door het platform", VSV_VOLGEN, [bsn], reden)
            return

    def volgers(self) -> Iterator[tuple[str, str, int | None]]:
        """(BSN, Doorstroompunt, priority) of every young person followed now: only these
        fields (the daily run reads the whole register). The SDK's page size: on the local
        emulator larger pages were slower (bench.vsv), in Cosmos DB it is the RU per page."""
        items = self.container.query_items(
            "SELECT c.bsn, c.doorstroompunt, c.prioriteit FROM c WHERE IS_STRING(c.doorstroompunt)",
            enable_cross_partition_query=True,
        )
        for item in items:
            yield item["bsn"], item["doorstroompunt"], item.get("prioriteit")

    def pagina(
        self, caller: Caller, vervolg: str | None, page_size: int = 500
    ) -> tuple[list[Inschrijving], str | None]:
        doorstroompunt = caller.namens
        gevonden, volgende = self.query(
            "SELECT * FROM c WHERE c.doorstroompunt = @dp ORDER BY c.id",
            {"@dp": doorstroompunt},
            partition=None,
            page_size=page_size,
            continuation=vervolg,
        )
        audit.gelezen(caller, "vsv register lezen", VSV_VOLGEN, [r.bsn for r in gevonden])
        return [inschrijving(r, doorstroompunt) for r in gevonden], volgende
