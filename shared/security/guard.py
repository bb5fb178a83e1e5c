"""The gate every non-public request passes: token, binding, role, connection, mandate.

It loads the stored rights the decision needs (through the access cache, `toegangscache`:
a revoked right stops working within its bound), asks `access.decide`, and writes every
refusal to the audit log before the caller hears of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from shared.models.audit import Resultaat
from shared.security import audit, tokens
from shared.security.access import (
    BURGERS,
    Beheer,
    Caller,
    Dienstgebruik,
    Mandant,
    Refused,
    decide,
    inwoner,
)
from shared.security.tokens import Identity, InvalidToken
from shared.storage.toegang import (
    AansluitingRepository,
    KoppelingRepository,
    OrganisatieRepository,
    aansluiting_id,
)
from shared.validation.organisatie import is_valid

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


class Guard:
    def __init__(
        self,
        validator: Callable[[], tokens.TokenValidator] = tokens.validator,
        clock: Clock = _now,
        inwoner_validator: Callable[[], tokens.TokenValidator] = tokens.burger_validator,
    ) -> None:
        self.validator = validator
        self.inwoner_validator = inwoner_validator
        self.clock = clock
        self.koppelingen = KoppelingRepository()
        self.organisaties = OrganisatieRepository()
        self.aansluitingen = AansluitingRepository()

    def authenticate(
        self, authorization: str | None, actie: str, *, inwoner: bool = False
    ) -> Identity:
        """The identity a valid token names; a resident's route takes only a token of the
        identity provider for residents, every other route only an organisation's."""
        validator = self.inwoner_validator if inwoner else self.validator
        try:
            return validator().validate(tokens.bearer_token(authorization))
        except InvalidToken as error:
            log.info("token geweigerd: %s", error)
            audit.record(actie, Resultaat.GEWEIGERD, organisatie=None, reden=f"token: {error}")
            raise

    def authorise_inwoner(self, identity: Identity, actie: str) -> Caller:
        try:
            return inwoner(identity)
        except Refused as refusal:
            audit.record(
                actie,
                Resultaat.GEWEIGERD,
                organisatie=BURGERS,
                client_id=identity.client_id,
                reden=refusal.reden,
            )
            raise

    def authorise(
        self,
        toegang: Beheer | Dienstgebruik,
        identity: Identity,
        actie: str,
        gevraagd: str | None = None,
    ) -> Caller:
        moment = self.clock()
        koppeling = self.koppelingen.gecacht(identity.client_id, identity.client_id)
        eigen = koppeling[0].organisatie if koppeling else None
        organisatie = self.organisaties.gecacht(eigen, eigen) if eigen else None
        aansluiting = mandant = None
        if isinstance(toegang, Dienstgebruik) and eigen:
            dienst, code = toegang.doel.dienst, toegang.doel.code
            found = self.aansluitingen.gecacht(eigen, aansluiting_id(eigen, dienst, code))
            aansluiting = found[0] if found else None
            if gevraagd and gevraagd != eigen and is_valid(gevraagd):
                gevonden = self.organisaties.gecacht(gevraagd, gevraagd)
                verbonden = self.aansluitingen.gecacht(
                    gevraagd, aansluiting_id(gevraagd, dienst, code)
                )
                mandant = Mandant(
                    gevonden[0] if gevonden else None, verbonden[0] if verbonden else None
                )
        try:
            return decide(
                toegang,
                identity,
                moment,
                koppeling[0] if koppeling else None,
                organisatie[0] if organisatie else None,
                aansluiting,
                gevraagd,
                mandant,
            )
        except Refused as refusal:
            doel = toegang.doel if isinstance(toegang, Dienstgebruik) else None
            audit.record(
                actie,
                Resultaat.GEWEIGERD,
                organisatie=eigen,
                client_id=identity.client_id,
                namens=gevraagd,
                dienst=doel.dienst if doel else None,
                doel=doel.code if doel else None,
                reden=refusal.reden,
                moment=moment,
            )
            raise
