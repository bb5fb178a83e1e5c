"""The one entry point: builds the FunctionApp and registers every service's blueprint.

Importing this module reads no setting; configuration is read at first use.
"""

import azure.functions as func

from functions import (
    aanleveringen,
    audit,
    beheer,
    beslagvrije_voet,
    bronnen,
    inzage,
    kwijtschelding,
    openapi,
    proefaanlevering,
    rechtmatigheid,
    status,
)
from shared import log

log.install()

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

SERVICES = (
    status,
    openapi,
    aanleveringen,
    proefaanlevering,
    bronnen,
    inzage,
    beslagvrije_voet,
    rechtmatigheid,
    kwijtschelding,
    beheer,
    audit,
)
for service in SERVICES:
    app.register_functions(service.bp)
