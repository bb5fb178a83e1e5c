"""VUM, the Bemiddelaar side: the bureau's published contracts served under `/api/vum/v3`.

A bemiddelaar built against `VUM-Bemiddelaar-{Vacatures,WerkzoekendeProfielen}.yaml` changes
only its base URL: the same paths, bodies, `X-VUM-*` and `API-Version` headers and error body
(`{code, message, details}`, also for the answers the platform adds: 403 when the party is not
connected for the domain or its headers name another party, 404 for an unknown vumID). On top,
the platform's own token, connection and audit, as on every service route.

The exchange itself is `shared.vum.uitwisseling`; the bronnen are registered by autorisatiebeheer
(`functions.vumbronnen`).
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

import azure.functions as func

from functions._http import ApiError, ContractOperatie, endpoint
from shared import correlation, settings
from shared.errors import Forbidden, NotFound
from shared.models.audit import Resultaat
from shared.models.problem import InvalidParam
from shared.security import audit
from shared.security.access import Caller, Dienstgebruik
from shared.storage.toegang import OrganisatieRepository
from shared.validation.organisatie import soort_of
from shared.vum import contract, logboek, partijen, uitwisseling, vumid
from shared.vum.bronnen import VumBronRepository
from shared.vum.contract import Domein

bp = func.Blueprint()

TAG = "VUM"
BASIS = "vum/v3"
MAX_VRAAG = 64 * 1024
"""The largest selectievraag taken: the contract's largest is a few KB."""


def vum_fout(
    req: func.HttpRequest,
    status: HTTPStatus,
    detail: str | None,
    invalid_params: list[InvalidParam] | None,
    headers: dict[str, str] | None,
) -> func.HttpResponse:
    """An answer other than success as the contract's `Error`, with its headers."""
    details = "; ".join(f"{p.name}: {p.reason}" for p in invalid_params or [])
    fout: dict[str, Any] = {"code": str(status.value), "message": (detail or status.phrase)[:500]}
    if details:
        fout["details"] = details[:2000]
    return func.HttpResponse(
        json.dumps(fout, ensure_ascii=False),
        status_code=status.value,
        mimetype="application/json",
        headers={**_antwoordkoppen(req), **(headers or {})},
    )


def _antwoordkoppen(req: func.HttpRequest) -> dict[str, str]:
    """Bemiddelaar <- VUM (the contracts' README): toParty the asking party, fromParty the
    bureau, viaParty the asking verwerker."""
    koppen = {
        "X-VUM-berichtVersie": contract.VERSIE,
        "API-Version": contract.VERSIE,
        "Cache-Control": "no-store",
    }
    for kop, naar in (("X-VUM-fromParty", "X-VUM-toParty"), ("X-VUM-viaParty", "X-VUM-viaParty")):
        waarde = req.headers.get(kop)
        if waarde:
            koppen[naar] = waarde[:100]
    with contextlib.suppress(settings.MissingSetting, settings.UnsafeSetting):
        koppen["X-VUM-fromParty"] = settings.vum_oin()  # else the error that follows says so
    if correlation.current():
        koppen[correlation.HEADER] = correlation.current() or ""
    return koppen


def _partijen(
    req: func.HttpRequest, caller: Caller, actie: str, doel: str
) -> uitwisseling.Partijen:
    """The parties the headers name, checked against the contract and the caller."""
    ontbreekt = [
        InvalidParam(name=f"header.{kop}", code="ontbreekt", reason="verplicht")
        for kop in (
            "X-VUM-berichtVersie",
            "X-VUM-fromParty",
            "X-VUM-toParty",
            "X-VUM-viaParty",
            "API-Version",
        )
        if req.headers.get(kop) is None  # present but empty is a string the contract allows
    ]
    ontbreekt += [
        InvalidParam(name=f"header.{kop}", code="enum", reason=f"alleen {contract.VERSIE}")
        for kop in ("X-VUM-berichtVersie", "API-Version")
        if req.headers.get(kop) is not None and req.headers.get(kop) != contract.VERSIE
    ]
    if ontbreekt:
        raise ApiError(HTTPStatus.BAD_REQUEST, "De VUM-headers zijn niet geldig.", ontbreekt)
    eigen = OrganisatieRepository().gecacht(caller.organisatie, caller.organisatie)
    reden = partijen.waarom_niet(
        req.headers["X-VUM-toParty"],
        req.headers["X-VUM-fromParty"],
        settings.vum_oin(),
        eigen[0].oin if eigen else None,
    )
    if reden:
        audit.record(
            actie,
            Resultaat.GEWEIGERD,
            organisatie=caller.organisatie,
            client_id=caller.identity.client_id,
            dienst="vum",
            doel=doel,
            reden=reden,
        )
        raise Forbidden(reden)
    return uitwisseling.Partijen(req.headers["X-VUM-fromParty"], req.headers["X-VUM-viaParty"])


def _suwi(caller: Caller) -> bool:
    soort = soort_of(caller.organisatie)
    return soort is not None and partijen.neemt_deel_aan_suwi(soort)


def _vraag(req: func.HttpRequest, domein: Domein) -> dict[str, Any]:
    inhoud = req.get_body() or b""
    if len(inhoud) > MAX_VRAAG:
        raise ApiError(HTTPStatus.BAD_REQUEST, f"Ten hoogste {MAX_VRAAG} bytes per zoekvraag.")
    try:
        vraag = json.loads(inhoud)
    except ValueError:
        raise ApiError(HTTPStatus.BAD_REQUEST, "De body is geen JSON.") from None
    afwijkingen = contract.vraag_afwijkingen(domein, vraag)
    if afwijkingen:
        raise ApiError(
            HTTPStatus.BAD_REQUEST,
            "De zoekvraag volgt het Bemiddelaar-contract niet.",
            [
                InvalidParam(name=f"body.{a.plek}".rstrip("."), code="contract", reason=a.reden)
                for a in afwijkingen
            ],
        )
    resultaat: dict[str, Any] = vraag
    return resultaat


def _json(inhoud: dict[str, Any], req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(
        json.dumps(inhoud, ensure_ascii=False),
        status_code=HTTPStatus.OK.value,
        mimetype="application/json",
        headers=_antwoordkoppen(req),
    )


def _vastleggen(
    caller: Caller,
    domein: Domein,
    soort: logboek.Soort,
    uitwisseling_id: str,
    gevraagd: uitwisseling.Partijen,
    begin: float,
    moment: datetime,
    verslagen: list[uitwisseling.Verslag],
) -> None:
    duur = round((time.monotonic() - begin) * 1000)
    logboek.schrijf(
        id=uitwisseling_id,
        organisatie=caller.organisatie,
        client_id=caller.identity.client_id,
        dienst=domein.doel.dienst,
        doel=domein.doel.code,
        soort=soort,
        van=gevraagd.van,
        via=gevraagd.via,
        moment=moment,
        duur_ms=duur,
        verslagen=verslagen,
    )
    audit.access(caller, f"vum {soort} {domein.pad}", domein.doel)


def zoek(domein: Domein, req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    begin, moment = time.monotonic(), datetime.now(UTC)
    gevraagd = _partijen(req, caller, f"vum zoekvraag {domein.pad}", domein.doel.code)
    vraag = _vraag(req, domein)
    bronnen = VumBronRepository().actief(domein.pad, moment)
    resultaat = uitwisseling.zoek(domein, vraag, gevraagd, _suwi(caller), bronnen)
    _vastleggen(
        caller,
        domein,
        "zoekvraag",
        resultaat.vraag_id,
        gevraagd,
        begin,
        moment,
        resultaat.verslagen,
    )
    return _json(resultaat.als_json(), req)


def detail(domein: Domein, req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    begin, moment = time.monotonic(), datetime.now(UTC)
    gevraagd = _partijen(req, caller, f"vum detail {domein.pad}", domein.doel.code)
    verwijzing = vumid.lees(domein.pad, gevraagd.van, req.route_params["vumID"])
    if verwijzing is None:
        raise NotFound("dit vumID gaf de uitwisselingsvoorziening niet aan u")
    bron = next(
        (b for b in VumBronRepository().actief(domein.pad, moment) if b.oin == verwijzing.bron),
        None,
    )
    if bron is None:
        raise NotFound("de bron van dit vumID is niet (meer) aangesloten")
    gevonden = uitwisseling.detail(domein, verwijzing, gevraagd, _suwi(caller), bron)
    record = gevonden.record
    if record is not None and record.get(domein.bron_id, verwijzing.bron_id) != verwijzing.bron_id:
        record = None  # the bron answered with another record than the one asked for
        verslag = uitwisseling.Verslag(
            bron.oin, "mislukt", "de bron gaf een ander record", 0, False, gevonden.verslag.duur_ms
        )
        gevonden = uitwisseling.Detail(verslag, None)
    _vastleggen(
        caller, domein, "detail", str(uuid.uuid4()), gevraagd, begin, moment, [gevonden.verslag]
    )
    if record is None:
        if gevonden.verslag.afloop == "niet-gevonden":
            raise NotFound("de bron kent dit record niet (meer)")
        raise ApiError(
            HTTPStatus.SERVICE_UNAVAILABLE,
            f"De bron gaf geen bruikbaar antwoord: {gevonden.verslag.reden}",
        )
    return _json({"bronID": bron.oin, domein.detail: record}, req)


def _operatie(domein: Domein, pad: str, methode: str) -> ContractOperatie:
    return ContractOperatie(
        f"VUM-Bemiddelaar-{domein.bestand}", domein.bemiddelaar_contract(), pad, methode
    )


def _registreer(domein: Domein) -> None:
    toegang = Dienstgebruik(domein.doel, persoonsgegevens=True)

    def zoeken(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
        return zoek(domein, req, caller)

    def inzien(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
        return detail(domein, req, caller)

    zoeken.__name__ = f"vum_{domein.pad}_matches"
    inzien.__name__ = f"vum_{domein.pad}_detail"
    endpoint(
        bp,
        route=f"{BASIS}/{domein.pad}/matches",
        method="POST",
        summary=f"Zoekvraag naar {domein.pad} bij alle aangesloten bronnen (VUM).",
        tag=TAG,
        access=toegang,
        response_model=None,
        problems=(400,),
        contract=_operatie(domein, f"/{domein.pad}/matches", "post"),
        foutvorm=vum_fout,
    )(zoeken)
    endpoint(
        bp,
        route=f"{BASIS}/{domein.pad}/{{vumID}}",
        method="GET",
        summary=f"Het volledige record bij een vumID, van de bron die het gaf (VUM, {domein.pad}).",
        tag=TAG,
        access=toegang,
        response_model=None,
        problems=(404, 503),
        contract=_operatie(domein, f"/{domein.pad}/{{vumID}}", "get"),
        foutvorm=vum_fout,
    )(inzien)


for _domein in contract.DOMEINEN.values():
    _registreer(_domein)
