"""Checks that the Bicep under infra/ and the code agree; each returns the problems it finds.

No Bicep compiler runs here: these checks read the Bicep as text, in the fixed layout the
files use (one container, setting or subscription per line), and compare it with what the
code declares. The tests run them on the real files (no problems) and on files with one
thing removed or added on one side (that problem named).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from shared.settings import SETTINGS, Waar
from shared.storage.containers import COSMOS_CONTAINERS, BlobContainers
from tests import indexed

ROOT = Path(__file__).resolve().parents[1]
INFRA = ROOT / "infra"

PLATFORM_SETTINGS = {
    "AzureWebJobsStorage__credential",
    "AzureWebJobsStorage__clientId",
    "AzureWebJobsStorage__blobServiceUri",
    "AzureWebJobsStorage__queueServiceUri",
    "BlobStorage__queueServiceUri",
    "BlobStorage__credential",
    "BlobStorage__clientId",
    "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
}
"""Read by the Functions host and its extensions, not by our code."""
IDENTIFIER_NOT_SECRET = {"APPLICATIONINSIGHTS_CONNECTION_STRING"}
"""Named a connection string, but only locates the resource: with local auth off
(DisableLocalAuth, checked) ingestion needs the identity's Entra ID token."""
SECRET_PATTERNS = re.compile(
    r"AccountKey=|SharedAccessSignature|listKeys\(|listConnectionStrings|primaryMasterKey|"
    r"primaryKey|connectionString|Password=|SharedAccessKey",
    re.IGNORECASE,
)


def read(relative: str) -> str:
    return (INFRA / relative).read_text(encoding="utf-8")


def block(text: str, start: str) -> str:
    """The lines of the list or object opened on the line holding `start`."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if start in line:
            indent = len(line) - len(line.lstrip())
            inside = []
            for following in lines[i + 1 :]:
                closing = following.strip() in ("]", "}")
                if closing and len(following) - len(following.lstrip()) <= indent:
                    break
                inside.append(following)
            return "\n".join(inside)
    return ""


def app_settings(function_bicep: str) -> dict[str, str]:
    """Name → value expression of the function app's `appsettings`."""
    properties = function_bicep.split("name: 'appsettings'", 1)[1].split("\nresource ", 1)[0]
    return dict(re.findall(r"^\s{4}(\w+): (.+)$", properties, flags=re.MULTILINE))


def check_settings(function_bicep: str, monitoring_bicep: str) -> list[str]:
    declared = app_settings(function_bicep)
    problems = [
        f"setting {name} is read by the code but not set by infra/app/function.bicep"
        for name, waar in SETTINGS.items()
        if waar is Waar.AZURE and name not in declared
    ]
    problems += [
        f"setting {name} is for the local emulators only but infra sets it"
        for name, waar in SETTINGS.items()
        if waar is Waar.LOKAAL and name in declared
    ]
    problems += [
        f"setting {name} is set by infra but read by neither the code nor the platform"
        for name in declared
        if name not in SETTINGS and name not in PLATFORM_SETTINGS
    ]
    for name, value in declared.items():
        if name in IDENTIFIER_NOT_SECRET:
            continue
        if SECRET_PATTERNS.search(value) or SECRET_PATTERNS.search(name):
            problems.append(f"setting {name} holds a key or connection string: {value}")
    if "@Microsoft.KeyVault(" not in declared.get("AUDIT_HASH_KEY", ""):
        problems.append("setting AUDIT_HASH_KEY is not a Key Vault reference")
    if "DisableLocalAuth: true" not in monitoring_bicep:
        problems.append("Application Insights accepts its key: its connection string is a secret")
    return problems


def cosmos_containers(cosmos_bicep: str) -> dict[str, tuple[str, int | None, tuple[str, ...]]]:
    found = {}
    for line in block(cosmos_bicep, "var containers = [").splitlines():
        name = re.search(r"name: '([^']+)'", line)
        if name is None:
            continue
        key = re.search(r"partitionKey: '([^']+)'", line)
        ttl = re.search(r"defaultTtl: (-?\d+)", line)
        excluded = re.search(r"excludedPaths: \[([^\]]*)\]", line)
        found[name.group(1)] = (
            key.group(1) if key else "",
            int(ttl.group(1)) if ttl else None,
            tuple(re.findall(r"'([^']+)'", excluded.group(1))) if excluded else (),
        )
    return found


def on_one_side_only(kind: str, declared: Iterable[str], used: Iterable[str]) -> list[str]:
    declared, used = list(declared), list(used)
    return [
        f"{kind} {n} is used by the code but not declared" for n in used if n not in declared
    ] + [f"{kind} {n} is declared but not used by the code" for n in declared if n not in used]


def check_cosmos(cosmos_bicep: str) -> list[str]:
    declared = cosmos_containers(cosmos_bicep)
    code = {
        c.name: (c.partition_key, c.default_ttl_seconds, c.excluded_paths)
        for c in COSMOS_CONTAINERS
    }
    problems = on_one_side_only("Cosmos container", declared, used=code)
    problems += [
        f"Cosmos container {n}: infra {declared[n]} differs from the code {code[n]}"
        for n in code
        if n in declared and declared[n] != code[n]
    ]
    if "disableLocalAuth: true" not in cosmos_bicep:
        problems.append("Cosmos DB accepts keys (disableLocalAuth is not true)")
    return problems


def check_storage(storage_bicep: str) -> list[str]:
    declared = {
        name: int(days)
        for name, days in re.findall(
            r"\{ name: '([^']+)', retentionDays: (\d+) \}",
            block(storage_bicep, "var containers = ["),
        )
    }
    code = dict(BlobContainers.RETENTIE_DAGEN)
    problems = on_one_side_only("blob container", declared, used=BlobContainers.ALL)
    problems += [
        f"blob container {n}: retention {declared[n]} days in infra, {code[n]} in the code"
        for n in code
        if n in declared and declared[n] != code[n]
    ]
    if "allowSharedKeyAccess: false" not in storage_bicep:
        problems.append("Storage accepts shared keys (allowSharedKeyAccess is not false)")
    return problems


def blob_triggers() -> dict[str, str]:
    """Function name → the Event Grid subject prefix its trigger path means."""
    triggers: dict[str, str] = {}
    for function in indexed.functions():
        for binding in function.get_bindings():
            if binding.type == "blobTrigger":
                container, _, rest = str(getattr(binding, "path", "")).partition("/")
                literal = rest.split("{", 1)[0]
                triggers[str(function.get_function_name())] = (
                    f"/blobServices/default/containers/{container}/blobs/{literal}"
                )
    return triggers


def check_event_grid(eventgrid_bicep: str, triggers: dict[str, str]) -> list[str]:
    declared = dict(
        re.findall(
            r"\{ function: '([^']+)', prefix: '([^']+)' \}",
            block(eventgrid_bicep, "var subscriptions = ["),
        )
    )
    problems = [
        f"blob trigger {f} has no Event Grid subscription" for f in triggers if f not in declared
    ]
    problems += [
        f"Event Grid subscription {f} has no blob-triggered function"
        for f in declared
        if f not in triggers
    ]
    problems += [
        f"Event Grid subscription {f} filters on {declared[f]}, the trigger reads {triggers[f]}"
        for f in triggers
        if f in declared and declared[f] != triggers[f]
    ]
    if "'Microsoft.Storage.BlobCreated'" not in eventgrid_bicep:
        problems.append("the Event Grid subscriptions do not filter on BlobCreated")
    return problems


def public_paths() -> set[str]:
    import function_app  # noqa: F401  (registers the routes)
    from functions._http import ENDPOINTS
    from shared.security.access import Publiek

    return {f"/api/{e.route}" for e in ENDPOINTS if isinstance(e.access, Publiek)}


def resident_paths() -> set[str]:
    import function_app  # noqa: F401  (registers the routes)
    from functions._http import ENDPOINTS
    from shared.security.access import Inwoner

    return {f"/api/{e.route}" for e in ENDPOINTS if isinstance(e.access, Inwoner)}


def check_authentication(
    function_bicep: str, public: set[str], residents: set[str] | None = None
) -> list[str]:
    """Exactly the public routes, and the residents' (whose tokens the app validates against
    the identity provider for residents), pass App Service authentication."""
    problems = []
    for var, routes, kind in (
        ("publicPaths", public, "public"),
        ("residentPaths", resident_paths() if residents is None else residents, "resident's"),
    ):
        declared = set(re.findall(r"'(/api/[^']+)'", block(function_bicep, f"var {var} = [")))
        problems += [
            f"{kind} route {p} is not excluded from App Service authentication"
            for p in routes - declared
        ]
        problems += [
            f"{p} is excluded from App Service authentication but not a {kind} route"
            for p in declared - routes
        ]
    if "residentPaths" not in re.findall(r"excludedPaths: concat\(([^)]*)\)", function_bicep)[0]:
        problems.append("the residents' routes are not among the excluded paths")
    if "requireAuthentication: true" not in function_bicep:
        problems.append("App Service authentication does not require a token")
    return problems


def events_in_code(sources: Iterable[Path]) -> set[str]:
    names: set[str] = set()
    for path in sources:
        names |= set(re.findall(r'gebeurtenis\(\s*"([^"]+)"', path.read_text(encoding="utf-8")))
    return names


def events_in_queries(operations_bicep: str, workbook: str) -> set[str]:
    queries = operations_bicep + " ".join(
        item["content"].get("query", "") for item in json.loads(workbook)["items"]
    )
    found = set(re.findall(r'name == \\?"([^"\\]+)\\?"', queries))
    for group in re.findall(r"name in \(([^)]*)\)", queries):
        found |= set(re.findall(r'"([^"]+)"', group))
    return found


def check_events(operations_bicep: str, workbook: str, emitted: set[str]) -> list[str]:
    return [
        f"alert or workbook counts the event '{e}', which the code never sends"
        for e in sorted(events_in_queries(operations_bicep, workbook) - emitted)
    ]


def check_role_assignments(texts: dict[str, str]) -> list[str]:
    problems = []
    for name, text in texts.items():
        for resource in re.split(r"\nresource ", text)[1:]:
            if "roleAssignments@" in resource.split("\n", 1)[0] and "name: guid(" not in resource:
                problems.append(f"{name}: a role assignment without a deterministic guid() name")
    return problems


def check_parameters(texts: dict[str, str]) -> list[str]:
    problems = []
    for name, text in texts.items():
        lines = text.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("param "):
                decorators = []
                j = i - 1
                while j >= 0 and lines[j].startswith("@"):
                    decorators.append(lines[j])
                    j -= 1
                if not any(d.startswith("@description(") for d in decorators):
                    problems.append(f"{name}: {line.split()[1]} has no @description")
    return problems


COSMOS_DATA_CONTRIBUTOR = "00000000-0000-0000-0000-000000000002"
"""The built-in "Cosmos DB Built-in Data Contributor": may also replace, upsert and delete."""
AUDIT_ACTIONS = {
    "Microsoft.DocumentDB/databaseAccounts/readMetadata",
    "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/create",
    "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/read",
    "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/executeQuery",
}
"""All the app's identity may do in the audit container: add an entry, read and query."""
STORAGE_BLOB_DELEGATOR = "db58b8e5-c6ad-4a2a-8342-4190687cbf4a"
"""Built-in role that lets the app get the user-delegation key behind an upload SAS."""


def resources(text: str, kind: str) -> dict[str, str]:
    """Symbolic name → body of each resource whose type contains `kind`."""
    found = {}
    for resource in re.split(r"\nresource ", text)[1:]:
        header, _, body = resource.partition("\n")
        if kind in header:
            found[header.split()[0]] = body
    return found


def _property(body: str, name: str) -> str:
    match = re.search(rf"^\s+{name}: (.+)$", body, flags=re.MULTILINE)
    return match.group(1).strip() if match else ""


def _actions(cosmos_bicep: str, definition: str) -> set[str]:
    expression = re.search(r"dataActions: (\[[^\]]*\]|\w+)", definition)
    if expression is None:
        return set()
    listed = expression.group(1)
    if not listed.startswith("["):
        listed = block(cosmos_bicep, f"var {listed} = [")
    return set(re.findall(r"'([^']+)'", listed))


def check_cosmos_roles(cosmos_bicep: str) -> list[str]:
    """Data Contributor only per container and never on audit; audit only append and read."""
    from shared.storage.containers import AUDIT

    problems = []
    audit = re.search(r"^var auditContainer = '([^']+)'", cosmos_bicep, flags=re.MULTILINE)
    if audit is None or audit.group(1) != AUDIT.name:
        problems.append(f"cosmos.bicep: auditContainer is not the code's {AUDIT.name!r}")
    definitions = resources(cosmos_bicep, "sqlRoleDefinitions@")
    on_audit = False
    for name, body in resources(cosmos_bicep, "sqlRoleAssignments@").items():
        role, scope = _property(body, "roleDefinitionId"), _property(body, "scope")
        if "dataContributor" in role or COSMOS_DATA_CONTRIBUTOR in role:
            if "/colls/${container.name}" not in scope:
                problems.append(f"{name}: Data Contributor on {scope}, wider than one container")
            elif "if (container.name != auditContainer)" not in body:
                problems.append(f"{name}: Data Contributor also on the audit container")
            continue
        definition = definitions.get(role.removesuffix(".id"))
        if definition is None:
            problems.append(f"{name}: role {role} is neither Data Contributor nor defined here")
            continue
        actions = _actions(cosmos_bicep, definition)
        if scope == "auditScope":
            on_audit = True
            problems += [
                f"{name}: the audit role allows {action}"
                for action in sorted(actions - AUDIT_ACTIONS)
            ]
        elif actions != {"Microsoft.DocumentDB/databaseAccounts/readMetadata"}:
            problems.append(f"{name}: {sorted(actions)} on {scope}, more than reading metadata")
    if not on_audit:
        problems.append("the audit container has no append-only role of its own")
    return problems


def check_role_principals(texts: dict[str, str]) -> list[str]:
    """Every role in infra/ goes to the app's identity; storage lets it issue upload SAS."""
    problems = []
    for name, text in texts.items():
        assignments = {
            **resources(text, "Microsoft.Authorization/roleAssignments@"),
            **resources(text, "sqlRoleAssignments@"),
        }
        for resource, body in assignments.items():
            if _property(body, "principalId") != "principalId":
                problems.append(f"{name}: {resource} is granted to another principal")
        if name == "main.bicep":
            problems += [
                f"main.bicep: a module grants roles to {passed}"
                for passed in re.findall(r"^\s+principalId: (.+)$", text, flags=re.MULTILINE)
                if passed.strip() != "identity.outputs.principalId"
            ]
    storage = texts.get("storage.bicep", "")
    if STORAGE_BLOB_DELEGATOR not in block(storage, "var roles = ["):
        problems.append("storage.bicep: the app's identity cannot issue user-delegation SAS")
    return problems
