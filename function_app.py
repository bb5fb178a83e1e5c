"""The one entry point: builds the FunctionApp and registers every service's blueprint.

Importing this module reads one setting (is Application Insights configured?); the rest
is read at first use.
"""

import azure.functions as func

from functions import (
    aanleveringen,
    audit,
    beheer,
    beslagvrije_voet,
    bewaking,
    bronnen,
    inzage,
    kwijtschelding,
    openapi,
    proefaanlevering,
    rechtmatigheid,
    status,
    storingen,
)
from shared import log, telemetrie

log.install()
telemetrie.configure()

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
    storingen,
    bewaking,
)
for service in SERVICES:
    app.register_functions(service.bp)
