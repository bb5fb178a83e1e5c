"""The audit log for operators: by organisation and time range (no personal data shown)."""

from __future__ import annotations

import azure.functions as func
from pydantic import AwareDatetime, Field, model_validator

from functions._http import endpoint, json_response
from shared.models.audit import ONBEKEND, AuditLijst
from shared.models.base import ApiModel, samenhang
from shared.security.access import BURGERS, LEZEN, Caller
from shared.security.admission import BRONNEN_ORGANISATIE
from shared.storage.audit import AuditLog
from shared.storage.vervolg import Vervolg
from shared.validation.organisatie import CODE

bp = func.Blueprint()


class AuditQuery(ApiModel):
    organisatie: str = Field(pattern=f"^({CODE}|{ONBEKEND}|{BRONNEN_ORGANISATIE}|{BURGERS})$")
    van: AwareDatetime
    tot: AwareDatetime
    pagina_grootte: int = Field(default=100, ge=1, le=1000)
    vervolg: Vervolg | None = None

    @model_validator(mode="after")
    def _range(self) -> AuditQuery:
        if self.tot <= self.van:
            raise samenhang("tot moet na van liggen")
        return self


@endpoint(
    bp,
    route="v1/audit",
    method="GET",
    summary="Auditregels van één organisatie in een periode [van, tot), oudste eerst.",
    tag="Beheer",
    access=LEZEN,
    response_model=AuditLijst,
    problems=(400,),
)
def audit_lijst(req: func.HttpRequest, caller: Caller, query: AuditQuery) -> func.HttpResponse:
    regels, volgende = AuditLog().of_organisation(
        query.organisatie,
        query.van,
        query.tot,
        page_size=query.pagina_grootte,
        continuation=query.vervolg,
    )
    return json_response(AuditLijst(regels=regels, volgende=volgende))
