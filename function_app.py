"""The one entry point: builds the FunctionApp and registers every service's blueprint.

Importing this module reads one setting (is Application Insights configured?); the rest
is read at first use. The rules read the law's amounts from the approved parameter sets in
the store, installed here.
"""

import azure.functions as func

from functions import (
    aanleveringen,
    audit,
    beheer,
    beslagvrije_voet,
    bewaking,
    bronnen,
    ggk,
    inkomenstoeslag,
    inkomstenverrekening,
    inzage,
    kwijtschelding,
    minimatoets,
    openapi,
    parametersets,
    proactief,
    proefaanlevering,
    rechtmatigheid,
    status,
    storingen,
    verwerkingsactiviteiten,
    vsv,
    vum,
    vumbronnen,
    wlz,
)
from shared import log, telemetrie
from shared.parametersets.opslag import vastgestelde_sets
from shared.rules import parameters

log.install()
telemetrie.configure()
parameters.gebruik(vastgestelde_sets)

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

SERVICES = (
    status,
    openapi,
    aanleveringen,
    proefaanlevering,
    bronnen,
    inzage,
    verwerkingsactiviteiten,
    beslagvrije_voet,
    rechtmatigheid,
    kwijtschelding,
    inkomenstoeslag,
    minimatoets,
    inkomstenverrekening,
    proactief,
    beheer,
    parametersets,
    audit,
    storingen,
    bewaking,
    ggk,
    wlz,
    vsv,
    vum,
    vumbronnen,
)
for service in SERVICES:
    app.register_functions(service.bp)
