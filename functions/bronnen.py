"""Bronnen: source holders deliver their registrations; a complete file becomes a snapshot."""

from __future__ import annotations

import azure.functions as func
import azurefunctions.extensions.bindings.blob as blob

from shared.bronnen import intake as bronintake
from shared.intake.pipeline import BRONNEN, Intake
from shared.security.admission import Broninname
from shared.settings import BLOB_CONNECTION

bp = func.Blueprint()


@bp.blob_trigger(
    arg_name="client",
    path="bronnen/{bron}/{peildatum}/{name}",
    connection=BLOB_CONNECTION,
    source=func.BlobSource.EVENT_GRID,
)
def bron_ontvangen(client: blob.BlobClient) -> None:
    Intake(admission=Broninname()).handle(client, BRONNEN, bronintake.process)
