"""Proefaanlevering: an organisation tests its file channel (see shared.intake.proefaanlevering)."""

from __future__ import annotations

import azure.functions as func
import azurefunctions.extensions.bindings.blob as blob

from shared.intake import proefaanlevering
from shared.intake.pipeline import Intake
from shared.security.admission import Aansluitingstoets
from shared.security.diensten import PROEFAANLEVERING_TESTEN
from shared.settings import BLOB_CONNECTION

bp = func.Blueprint()


@bp.blob_trigger(
    arg_name="client",
    path=f"aanleveringen/{proefaanlevering.DIENST}/{{organisatie}}/{{name}}",
    connection=BLOB_CONNECTION,
    source=func.BlobSource.EVENT_GRID,
)
def proefaanlevering_ontvangen(client: blob.BlobClient) -> None:
    intake = Intake(admission=Aansluitingstoets(PROEFAANLEVERING_TESTEN))
    intake.handle(client, proefaanlevering.DIENST, proefaanlevering.process)
