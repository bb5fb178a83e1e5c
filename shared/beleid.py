"""Each organisation's policy for a service, as its verordening chooses: read for every toets,
changed with care.

Only the organisation's own system (connected for the service's `beleid` purpose) and
`autorisatiebeheer` write it. A change needs If-Match with the ETag last read (428 without,
412 when stale), must lie within the law (the service's check: 422) and is audited.

No change without its audit entry: the entry is written first, and only then the policy
(the audit log and the policy are different containers, so there is no transaction
across them). An entry whose change did not follow (a concurrent change: 412) is followed
by a refusal entry saying so. The entry holds the policy's SHA-256 and a summary of at
most `TEKST_MAX` characters, never an unbounded body.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from shared.errors import NietToegestaan, NotFound, PreconditionFailed, PreconditionRequired
from shared.models.audit import Resultaat
from shared.models.base import ApiModel
from shared.security import audit
from shared.security.access import Caller
from shared.storage.containers import CosmosContainer
from shared.storage.documents import AlreadyExists, ConcurrentChange, DocumentRepository

B = TypeVar("B", bound=ApiModel)
D = TypeVar("D", bound=ApiModel)
V = TypeVar("V", bound=ApiModel)


class Beleidsregister(DocumentRepository[D], Generic[B, D]):
    """The policies `B` of one service, stored as documents `D`: the policy's fields plus
    `id` and `organisatie` (both the organisation's code), `gewijzigd_door` and
    `gewijzigd_op`."""

    def __init__(
        self,
        container: CosmosContainer,
        document: type[D],
        dienst: str,
        naam: str,
        waarom_ongeldig: Callable[[B], str | None],
    ) -> None:
        super().__init__(container, document)
        self.dienst = dienst
        self.naam = naam
        """What the audit calls it: `{naam} vastgesteld`."""
        self.waarom_ongeldig = waarom_ongeldig
        """Why a policy lies outside what the law lets the verordening choose, or None."""

    def eigen(self, organisatie: str) -> tuple[D, str] | None:
        """The organisation's own policy and its ETag; None when it set none."""
        return self.get(organisatie, organisatie)

    def alle(self) -> list[D]:
        """Every organisation's own policy."""
        return list(self.all("SELECT * FROM c", {}, partition=None))

    def zet(self, caller: Caller, organisatie: str, beleid: B, etag: str | None) -> str:
        """Store the organisation's policy; its new ETag."""
        reden = self.waarom_ongeldig(beleid)
        if reden is not None:
            raise NietToegestaan(reden)
        moment = datetime.now(UTC)
        velden: dict[str, Any] = {
            **beleid.model_dump(),
            "id": organisatie,
            "organisatie": organisatie,
            "gewijzigd_door": caller.identity.client_id,
            "gewijzigd_op": moment,
        }
        document = self.model.model_validate(velden)
        found = self.eigen(organisatie)
        if found is not None and etag is None:
            raise PreconditionRequired("wijzigen kan alleen met If-Match (de laatst gelezen ETag)")
        if found is None and etag is not None:
            raise PreconditionFailed("deze organisatie heeft nog geen eigen beleid vastgelegd")
        if found is not None and etag != found[1]:
            raise PreconditionFailed("het beleid is intussen gewijzigd; lees het opnieuw")

        def vastleggen(resultaat: Resultaat, reden: str) -> None:
            audit.record(
                f"{self.naam} vastgesteld",
                resultaat,
                organisatie=caller.organisatie,
                client_id=caller.identity.client_id,
                namens=organisatie,
                dienst=self.dienst,
                reden=reden,
                moment=moment,
            )

        samenvatting = beleid_samenvatting(beleid)
        vastleggen(Resultaat.TOEGESTAAN, samenvatting)  # first: no entry, no change
        try:
            return self.replace(organisatie, document, etag) if etag else self.create(document)
        except (ConcurrentChange, AlreadyExists) as error:
            vastleggen(Resultaat.GEWEIGERD, f"niet gewijzigd (gelijktijdig): {samenvatting}")
            raise PreconditionFailed(
                "het beleid is intussen gewijzigd; lees het opnieuw"
            ) from error


class VerplichtBeleidsregister(Beleidsregister[B, D], Generic[B, D, V]):
    """A register of policies the law gives no default for: without one, there is nothing
    to test with. `V` is the policy as read back: its fields plus `organisatie` and
    `gewijzigd_op`."""

    def __init__(
        self,
        container: CosmosContainer,
        document: type[D],
        beleid: type[B],
        vastgesteld: type[V],
        dienst: str,
        naam: str,
        geen: str,
    ) -> None:
        super().__init__(container, document, dienst, naam, lambda _: None)
        self.beleid = beleid
        self.vastgesteld = vastgesteld
        self.geen = geen
        """What a caller without a policy is told (a NotFound)."""

    def van(self, organisatie: str) -> tuple[V, str]:
        """The organisation's policy and its ETag; NotFound when it set none."""
        found = self.eigen(organisatie)
        if found is None:
            raise NotFound(self.geen)
        document, etag = found
        velden = document.model_dump(include={*self.beleid.model_fields, "gewijzigd_op"})
        return self.vastgesteld.model_validate({**velden, "organisatie": organisatie}), etag

    def vastleggen(
        self, caller: Caller, organisatie: str, beleid: B, etag: str | None
    ) -> tuple[V, str]:
        nieuw = self.zet(caller, organisatie, beleid, etag)
        return self.van(organisatie)[0], nieuw


def beleid_samenvatting(beleid: ApiModel) -> str:
    """What the audit log keeps of a policy: its SHA-256 (to match it with the stored
    document) and its JSON, which `audit.record` cuts to `TEKST_MAX` characters."""
    body = beleid.model_dump_json(by_alias=True)
    return f"sha256 {hashlib.sha256(body.encode()).hexdigest()} {body}"
