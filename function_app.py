"""The one entry point: builds the FunctionApp and registers every service's blueprint.

Importing this module reads no setting; configuration is read at first use.
"""

import azure.functions as func

from functions import aanleveringen, audit, beheer, bronnen, openapi, proefaanlevering, status
from shared import log

log.install()

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

for service in (status, openapi, aanleveringen, proefaanlevering, bronnen, beheer, audit):
    app.register_functions(service.bp)
