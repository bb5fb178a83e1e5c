"""Calculating, storing and recalculating beslagvrije voeten, per organisation, audited."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from datetime import UTC, date, datetime

from shared import settings
from shared.bvv.gegevens import Verzamelaar
from shared.errors import Invalid
from shared.models.bvv import (
    Berekening,
    BerekeningDocument,
    BerekeningVerzoek,
    HerberekeningResultaat,
    Invoerwaarden,
    Onderdeel,
    Uitkomst,
)
from shared.models.parametersets import BerekeningenVoorvertoning, verschillen_van
from shared.models.uitleg import GebruiktParameter
from shared.rules.bvv import formule
from shared.rules.parameters import (
    MissingParameters,
    Parametersets,
    herzieningen,
    volgende_herziening,
)
from shared.security import audit
from shared.security.access import Caller
from shared.security.diensten import BVV_BEREKENEN
from shared.security.pseudonym import bsn_hash
from shared.storage.containers import BVV_BEREKENINGEN
from shared.storage.documents import ConcurrentChange, DocumentRepository
from shared.telemetrie import gebeurtenis

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def twaalf_maanden_na(peildatum: date) -> date:
    """A calculation is valid twelve months (Rv 475d lid 3); 29 February becomes 28 February.

    >>> twaalf_maanden_na(date(2028, 2, 29))
    datetime.date(2029, 2, 28)
    """
    try:
        return peildatum.replace(year=peildatum.year + 1)
    except ValueError:
        return peildatum.replace(year=peildatum.year + 1, day=28)


def _uitkomst(
    invoer: Invoerwaarden,
    peildatum: date,
    moment: datetime,
    extra: list[str],
    sets: Parametersets | None = None,
) -> Uitkomst:
    result = formule.bereken(
        formule.Invoer(
            peildatum=peildatum,
            leefsituatie=invoer.leefsituatie,
            woonadres_in_nederland=invoer.woonadres_in_nederland,
            belastbaar_jaarinkomen=invoer.belastbaar_jaarinkomen,
            inkomen_maand=invoer.inkomen_maand,
            niet_beslagen_inkomen_partner_maand=invoer.niet_beslagen_inkomen_partner_maand,
            niet_beslagen_eigen_inkomen_maand=invoer.niet_beslagen_eigen_inkomen_maand,
            woonkosten_maand=invoer.woonkosten_maand,
            verzoek_verhoging_woonkosten=invoer.verzoek_verhoging_woonkosten,
            inrichting_kosten_maand=invoer.inrichting_kosten_maand,
            woonland_buiten_nederland=invoer.woonland_buiten_nederland,
        ),
        sets=sets,
    )
    return Uitkomst(
        peildatum=peildatum,
        berekend_op=moment,
        beslagvrije_voet=result.beslagvrije_voet,
        aflossingscapaciteit=result.aflossingscapaciteit,
        onderdelen=[
            Onderdeel(code=o.code, omschrijving=o.omschrijving, bedrag=o.bedrag, artikel=o.artikel)
            for o in result.onderdelen
        ],
        parameters=[GebruiktParameter.van(w) for w in result.parameters],
        waarschuwingen=[*extra, *result.waarschuwingen],
    )


class BerekeningRepository(DocumentRepository[BerekeningDocument]):
    def __init__(self) -> None:
        super().__init__(BVV_BEREKENINGEN, BerekeningDocument)


class Berekeningen:
    def __init__(self, clock: Clock = _now, verzamelaar: Verzamelaar | None = None) -> None:
        self.clock = clock
        self.verzamelaar = verzamelaar or Verzamelaar()
        self.repository = BerekeningRepository()

    def _audit(self, caller: Caller, actie: str, bsn: str | None) -> None:
        audit.access(caller, actie, BVV_BEREKENEN, bsn)

    def bereken(self, caller: Caller, verzoek: BerekeningVerzoek) -> Berekening:
        """Gather what is missing from the sources, calculate, store; the read is audited."""
        self._audit(caller, "beslagvrije voet berekenen", verzoek.bsn)
        huishouden: list[str] = []

        def voor_het_lezen(bsns: Collection[str]) -> None:
            huishouden.extend(bsns)
            audit.personen(caller, "beslagvrije voet berekenen: huishouden", BVV_BEREKENEN, bsns)

        gegevens = self.verzamelaar.verzamel(verzoek, voor_het_lezen)
        if gegevens.invoer.woonland_buiten_nederland and gegevens.invoer.woonadres_in_nederland:
            raise Invalid(
                "woonlandBuitenNederland is opgegeven, maar de BRP vermeldt een woonadres in "
                "Nederland; geef woonadresInNederland: false op als dat adres niet klopt"
            )
        moment = self.clock()
        uitkomst = _uitkomst(gegevens.invoer, verzoek.peildatum, moment, gegevens.waarschuwingen)
        berekening = BerekeningDocument(
            **uitkomst.model_dump(),
            id=str(uuid.uuid4()),
            organisatie=caller.namens,
            geldig_tot=twaalf_maanden_na(verzoek.peildatum),
            invoer=gegevens.invoer,
            bronnen=gegevens.herkomst,
            bsn_hash=bsn_hash(verzoek.bsn, settings.audit_hash_key()) if verzoek.bsn else None,
            huishouden_hashes=[bsn_hash(b, settings.audit_hash_key()) for b in huishouden],
        )
        self.repository.create(berekening)
        gebeurtenis("berekening", dienst="beslagvrije-voet", organisatie=caller.namens)
        return berekening.openbaar()

    def lees(self, caller: Caller, berekening_id: str) -> Berekening | None:
        """A stored calculation of the caller's own organisation (None for any other)."""
        found = self.repository.get(caller.namens, berekening_id)
        if found is None:
            return None
        if not audit.gehashte_personen(
            caller, "beslagvrije voet lezen", BVV_BEREKENEN, found[0].personen
        ):  # figures as given, of nobody named: the read is on record all the same
            audit.access(caller, "beslagvrije voet lezen", BVV_BEREKENEN)
        return found[0].openbaar()

    def _getroffen(
        self, peildatum: date, sets: Parametersets | None, moment: datetime
    ) -> Iterator[tuple[BerekeningDocument, Uitkomst | str]]:
        """Every calculation the set in force on `peildatum` applies to, with its outcome
        under `sets` (the approved sets when None), or why none can be computed: those still
        valid on the date and made before it (recalculated on the date: new amounts take
        effect), and those made on a date the set covers (recalculated on their own date: the
        set was corrected)."""
        for berekening in self.repository.all(
            "SELECT * FROM c WHERE c.geldigTot > @peildatum AND c.peildatum < @einde",
            {
                "@peildatum": peildatum.isoformat(),
                "@einde": volgende_herziening(peildatum).isoformat(),
            },
            partition=None,
        ):
            op = max(berekening.peildatum, peildatum)
            try:
                yield berekening, _uitkomst(berekening.invoer, op, moment, [], sets)
            except MissingParameters as missing:
                yield berekening, str(missing)
            except ArithmeticError as error:  # a set with a zero where the formula divides
                yield berekening, f"niet te berekenen met de bedragen op {op} ({error!r})"

    def herbereken(self, peildatum: date) -> HerberekeningResultaat:
        """Recalculate every calculation the set in force on `peildatum` applies to, and then
        those of every later change date up to today, in order: a correction of an earlier
        period must not leave a calculation with that period's outcome while a later set is in
        force. The counts are over all these passes.

        A changed outcome replaces the current one, the previous goes to the history, and the
        calculation is marked so its organisation can be told. When the amounts for a date
        are not known, nothing changes and the result says why.
        """
        bekeken = gewijzigd = niet_mogelijk = 0
        reden = None
        moment = self.clock()
        later = herzieningen(volgende_herziening(peildatum), moment.date())
        for datum in [peildatum, *later]:
            getroffen = list(self._getroffen(datum, None, moment))
            verwerkt: dict[str, list[str]] = defaultdict(list)
            for berekening, _ in getroffen:
                verwerkt[berekening.organisatie].extend(berekening.personen)
            for organisatie, personen in verwerkt.items():  # on record before anything changes
                audit.verwerkt_gehasht(
                    organisatie, "beslagvrije voet herberekend", BVV_BEREKENEN, personen
                )
            for berekening, nieuw in getroffen:
                bekeken += 1
                if isinstance(nieuw, str):
                    niet_mogelijk += 1
                    reden = nieuw
                elif nieuw.beslagvrije_voet != berekening.beslagvrije_voet and self._replace(
                    berekening, nieuw
                ):
                    gewijzigd += 1
        return HerberekeningResultaat(
            peildatum=peildatum,
            bekeken=bekeken,
            gewijzigd=gewijzigd,
            niet_mogelijk=niet_mogelijk,
            reden_niet_mogelijk=reden,
        )

    def voorvertoning(self, peildatum: date, sets: Parametersets) -> BerekeningenVoorvertoning:
        """What `herbereken` would change with `sets`, stored nowhere: how many calculations,
        and by how much their beslagvrije voet moves."""
        bekeken = niet_mogelijk = 0
        reden = None
        verschillen = []
        for berekening, nieuw in self._getroffen(peildatum, sets, self.clock()):
            bekeken += 1
            if isinstance(nieuw, str):
                niet_mogelijk += 1
                reden = nieuw
            elif nieuw.beslagvrije_voet != berekening.beslagvrije_voet:
                verschillen.append(nieuw.beslagvrije_voet - berekening.beslagvrije_voet)
        return BerekeningenVoorvertoning(
            bekeken=bekeken,
            gewijzigd=verschillen_van(verschillen),
            niet_mogelijk=niet_mogelijk,
            reden_niet_mogelijk=reden,
        )

    def _replace(self, berekening: BerekeningDocument, nieuw: Uitkomst) -> bool:
        found = self.repository.get(berekening.organisatie, berekening.id)
        if found is None:
            return False
        current, etag = found
        vorige = Uitkomst.model_validate(current.model_dump(include=set(Uitkomst.model_fields)))
        updated = current.model_copy(
            update={
                **{name: getattr(nieuw, name) for name in Uitkomst.model_fields},
                "geschiedenis": [*current.geschiedenis, vorige],
                "gewijzigd_door_herberekening": True,
            }
        )
        try:
            self.repository.replace(current.id, updated, etag)
        except ConcurrentChange:
            return False
        return True
