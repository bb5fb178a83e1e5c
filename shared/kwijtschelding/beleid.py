"""Each organisation's kwijtschelding policy: read for every toets, changed with care.

Only two writers: the organisation's own system connected for `kwijtschelding/beleid`
and `autorisatiebeheer`. A change needs If-Match with the ETag last read (428 without,
412 when stale), must lie within the law (RKBM art. 2 and 4) and is audited. An
organisation that set nothing is tested with the law's defaults.

No change without its audit entry: the entry is written first, and only then the policy
(the audit log and the policy are different containers, so there is no transaction
across them). An entry whose change did not follow (a concurrent change: 412) is followed
by a refusal entry saying so. The entry holds the policy's SHA-256 and a summary of at
most `TEKST_MAX` characters, never an unbounded body.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from shared.errors import NietToegestaan, PreconditionFailed, PreconditionRequired
from shared.models.audit import Resultaat
from shared.models.kwijtschelding import BeleidDocument, KwijtscheldingBeleid, VastgesteldBeleid
from shared.rules.kwijtschelding.toets import GRENZEN, OngeldigBeleid, controleer
from shared.rules.parameters import in_force
from shared.security import audit
from shared.security.access import Caller
from shared.storage.containers import KWIJTSCHELDINGSBELEID
from shared.storage.documents import AlreadyExists, ConcurrentChange, DocumentRepository


class BeleidRepository(DocumentRepository[BeleidDocument]):
    def __init__(self) -> None:
        super().__init__(KWIJTSCHELDINGSBELEID, BeleidDocument)

    def van(self, organisatie: str) -> tuple[VastgesteldBeleid, str | None]:
        """The organisation's policy (the default when it set none) and its ETag."""
        found = self.get(organisatie, organisatie)
        if found is None:
            return VastgesteldBeleid(organisatie=organisatie, standaard=True), None
        document, etag = found
        fields = document.model_dump(include=set(KwijtscheldingBeleid.model_fields))
        return (
            VastgesteldBeleid(
                **fields,
                organisatie=organisatie,
                standaard=False,
                gewijzigd_op=document.gewijzigd_op,
            ),
            etag,
        )

    def alle(self) -> list[BeleidDocument]:
        """Every organisation's own policy (the organisations without one have the default)."""
        return list(self.all("SELECT * FROM c", {}, partition=None))

    def zet(
        self, caller: Caller, organisatie: str, beleid: KwijtscheldingBeleid, etag: str | None
    ) -> tuple[VastgesteldBeleid, str]:
        try:
            controleer(beleid.regel(), in_force(datetime.now(UTC).date(), GRENZEN))
        except OngeldigBeleid as error:
            raise NietToegestaan(str(error)) from error
        moment = datetime.now(UTC)
        document = BeleidDocument(
            **beleid.model_dump(),
            id=organisatie,
            organisatie=organisatie,
            gewijzigd_door=caller.identity.client_id,
            gewijzigd_op=moment,
        )
        found = self.get(organisatie, organisatie)
        if found is not None and etag is None:
            raise PreconditionRequired("wijzigen kan alleen met If-Match (de laatst gelezen ETag)")
        if found is None and etag is not None:
            raise PreconditionFailed("deze organisatie heeft nog geen eigen beleid vastgelegd")
        if found is not None and etag != found[1]:
            raise PreconditionFailed("het beleid is intussen gewijzigd; lees het opnieuw")

        def vastleggen(resultaat: Resultaat, reden: str) -> None:
            audit.record(
                "kwijtscheldingsbeleid vastgesteld",
                resultaat,
                organisatie=caller.organisatie,
                client_id=caller.identity.client_id,
                namens=organisatie,
                dienst="kwijtschelding",
                reden=reden,
                moment=moment,
            )

        samenvatting = beleid_samenvatting(beleid)
        vastleggen(Resultaat.TOEGESTAAN, samenvatting)  # first: no entry, no change
        try:
            new_etag = self.replace(organisatie, document, etag) if etag else self.create(document)
        except (ConcurrentChange, AlreadyExists) as error:
            vastleggen(Resultaat.GEWEIGERD, f"niet gewijzigd (gelijktijdig): {samenvatting}")
            raise PreconditionFailed(
                "het beleid is intussen gewijzigd; lees het opnieuw"
            ) from error
        return self.van(organisatie)[0], new_etag


def beleid_samenvatting(beleid: KwijtscheldingBeleid) -> str:
    """What the audit log keeps of a policy: its SHA-256 (to match it with the stored
    document) and its JSON, which `audit.record` cuts to `TEKST_MAX` characters."""
    body = beleid.model_dump_json(by_alias=True)
    return f"sha256 {hashlib.sha256(body.encode()).hexdigest()} {body}"
