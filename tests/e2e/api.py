"""The platform's HTTP API as a test drives it: real tokens from the local issuer."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from azure.cosmos import CosmosClient
from azure.storage.blob import BlobClient, BlobServiceClient

from local.issuer import local_client_id
from local.runtime import Platform
from local.seed import BUREAU
from shared.security.access import AUTORISATIEBEHEER, BEHEER, SYSTEEM
from shared.storage.containers import UPLOADS
from shared.storage.documents import to_document
from tests import uploads
from tests.e2e.http import Answer, send, wait_for


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


@dataclass
class Api:
    platform: Platform

    def token(self, organisatie: str, roles: tuple[str, ...] = (SYSTEEM,)) -> str:
        client_id = local_client_id(organisatie, list(roles))
        return self.platform.local_issuer.mint(client_id, list(roles))

    @property
    def admin(self) -> str:
        return self.token(BUREAU, (AUTORISATIEBEHEER,))

    @property
    def operator(self) -> str:
        return self.token(BUREAU, (BEHEER,))

    def call(
        self,
        method: str,
        path: str,
        token: str | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        all_headers = dict(headers or {})
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        data = None
        if isinstance(body, bytes):  # XML, as it is
            data = body
            all_headers.setdefault("Content-Type", "application/xml")
        elif body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        return send(method, f"{self.platform.url}{path}", all_headers, data)

    def expect(self, answer: Answer, status: int) -> Any:
        assert answer.status == status, (answer.status, answer.body)
        return answer.json() if answer.body else None

    def organisation(
        self,
        code: str,
        mandaten: list[dict[str, Any]] | None = None,
        regio: dict[str, Any] | None = None,
        oin: str | None = None,
    ) -> None:
        body = {"naam": f"Organisatie {code}", "mandaten": mandaten or [], "regio": regio}
        if oin is not None:
            body["oin"] = oin
        self.expect(self.call("PUT", f"/api/v1/organisaties/{code}", self.admin, body), 201)

    def bind_operator(
        self, roles: tuple[str, ...], since: datetime, until: datetime | None = None
    ) -> str:
        """An operator client of the bureau: bound by an administrator, never through the API."""
        client_id = local_client_id(BUREAU, list(roles))
        self.platform.bind_operator(BUREAU, client_id, since, until)
        return client_id

    def bind(
        self,
        organisatie: str,
        roles: tuple[str, ...] = (SYSTEEM,),
        until: datetime | None = None,
        since: datetime | None = None,
    ) -> str:
        client_id = local_client_id(organisatie, list(roles))
        body: dict[str, Any] = {
            "organisatie": organisatie,
            "omschrijving": "testsysteem",
            "geldigVan": iso(since or datetime.now(UTC) - timedelta(hours=2)),
        }
        if until is not None:
            body["geldigTot"] = iso(until)
        self.expect(self.call("PUT", f"/api/v1/koppelingen/{client_id}", self.admin, body), 201)
        return client_id

    def connect(
        self,
        organisatie: str,
        dienst: str,
        doel: str,
        until: datetime | None = None,
        since: datetime | None = None,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "dienst": dienst,
            "doel": doel,
            "grondslag": "testgrondslag",
            "geldigVan": iso(since or datetime.now(UTC) - timedelta(hours=2)),
        }
        if until is not None:
            body["geldigTot"] = iso(until)
        path = f"/api/v1/organisaties/{organisatie}/aansluitingen"
        created: dict[str, Any] = self.expect(self.call("POST", path, self.admin, body), 201)
        return created

    def upload_grant(
        self,
        organisatie: str,
        name: str,
        dienst: str = "proefaanlevering",
        namens: str | None = None,
    ) -> dict[str, Any]:
        """An upload grant from the API, as `organisatie`'s system (for `namens` if given)."""
        query = f"?organisatie={namens}" if namens else ""
        answer = self.call(
            "POST",
            f"/api/v1/aanleveringen/uploads{query}",
            self.token(organisatie),
            {"dienst": dienst, "bestandsnaam": name},
        )
        grant: dict[str, Any] = self.expect(answer, 201)
        return grant

    def drop(
        self,
        organisatie: str,
        content: bytes,
        name: str | None = None,
        dienst: str = "proefaanlevering",
    ) -> str:
        """Through the file channel: a grant from the API, then the file with its SAS URL."""
        name = name or f"{uuid.uuid4().hex}.csv"
        grant = self.upload_grant(organisatie, name, dienst)
        BlobClient.from_blob_url(grant["uploadUrl"]).upload_blob(content, overwrite=True)
        return name

    def drop_under_stored_grant(
        self,
        organisatie: str,
        content: bytes,
        name: str | None = None,
        dienst: str = "proefaanlevering",
    ) -> str:
        """A grant stored as the API stores one, then the file: for an organisation the API
        would refuse a grant, to show that the intake's own checks refuse its file too."""
        name = name or f"{uuid.uuid4().hex}.csv"
        settings = self.platform.settings
        cosmos = CosmosClient(
            settings["COSMOS_ENDPOINT"], settings["COSMOS_KEY"], connection_verify=False
        )
        cosmos.get_database_client(settings["COSMOS_DATABASE"]).get_container_client(
            UPLOADS.name
        ).create_item(to_document(uploads.grant(organisatie, dienst, name)))
        self.drop_without_grant(organisatie, content, name, dienst)
        return name

    def drop_without_grant(
        self,
        organisatie: str,
        content: bytes,
        name: str | None = None,
        dienst: str = "proefaanlevering",
    ) -> str:
        """Straight into Azurite with the account key, as nobody outside the platform can."""
        name = name or f"{uuid.uuid4().hex}.csv"
        service = BlobServiceClient.from_connection_string(self.platform.settings["BlobStorage"])
        path = f"{dienst}/{organisatie}/{name}"
        service.get_blob_client("aanleveringen", path).upload_blob(content, overwrite=True)
        return name

    def deliver_source(self, bron: str, peildatum: str, content: bytes) -> None:
        service = BlobServiceClient.from_connection_string(self.platform.settings["BlobStorage"])
        path = f"{bron}/{peildatum}/{uuid.uuid4().hex}.csv"
        service.get_blob_client("bronnen", path).upload_blob(content, overwrite=True)

    def wait_until_in_force(self, bron: str, bsn: str, peildatum: str) -> None:
        """Until an operator's inzage shows a snapshot of `bron` holding a record on `bsn`."""
        from local.seed import BUREAU
        from shared.security.access import INZAGE

        token = self.token(BUREAU, (INZAGE,))

        def holds() -> bool:
            answer = self.call(
                "POST", "/api/v1/inzage/bronnen", token, {"bsn": bsn, "peildatum": peildatum}
            )
            stands = {s["bron"]: s for s in self.expect(answer, 200)["bronnen"]}
            return bool(stands[bron]["records"])

        wait_for(holds, what=f"{bron} in force with {bsn}")

    def deliveries(self, organisatie: str, token: str | None = None) -> list[dict[str, Any]]:
        answer = self.call("GET", "/api/v1/aanleveringen", token or self.token(organisatie))
        found: list[dict[str, Any]] = self.expect(answer, 200)["aanleveringen"]
        return found

    def wait_until_finished(self, organisatie: str, name: str) -> dict[str, Any]:
        def finished() -> dict[str, Any] | None:
            for delivery in self.deliveries(organisatie):
                if delivery["bestandsnaam"] == name and delivery["status"] in (
                    "verwerkt",
                    "afgewezen",
                ):
                    return delivery
            return None

        found: dict[str, Any] = wait_for(finished, what=f"delivery {name} finished")
        return found
