"""infra/ and the code agree, and the check fails when they drift (one side changed only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import infra_checks as checks

MODULES = {
    p.name: p.read_text(encoding="utf-8")
    for p in [checks.INFRA / "main.bicep", *sorted((checks.INFRA / "app").glob("*.bicep"))]
}
CODE = [
    *sorted((checks.ROOT / "shared").rglob("*.py")),
    *sorted((checks.ROOT / "functions").rglob("*.py")),
]


def function() -> str:
    return checks.read("app/function.bicep")


def test_every_setting_the_code_reads_is_set_by_infra_and_none_holds_a_key() -> None:
    assert checks.check_settings(function(), checks.read("app/monitoring.bicep")) == []


def test_every_cosmos_container_is_declared_with_its_partition_key_ttl_and_index() -> None:
    assert checks.check_cosmos(checks.read("app/cosmos.bicep")) == []


def test_every_blob_container_is_declared_with_its_retention() -> None:
    assert checks.check_storage(checks.read("app/storage.bicep")) == []


def test_every_blob_trigger_has_an_event_grid_subscription_on_its_path() -> None:
    triggers = checks.blob_triggers()
    assert len(triggers) == 11
    assert checks.check_event_grid(checks.read("app/eventgrid.bicep"), triggers) == []


def test_only_the_public_routes_pass_app_service_authentication_unauthenticated() -> None:
    assert checks.check_authentication(function(), checks.public_paths()) == []


def test_alerts_and_workbook_count_only_events_the_code_sends() -> None:
    emitted = checks.events_in_code(CODE)
    assert {"aanlevering afgerond", "bestand in quarantaine", "signalen geleverd"} <= emitted
    operations, workbook = checks.read("app/operations.bicep"), checks.read("app/workbook.json")
    assert checks.check_events(operations, workbook, emitted) == []


def test_role_assignments_have_deterministic_names_and_parameters_descriptions() -> None:
    assert checks.check_role_assignments(MODULES) == []
    assert checks.check_parameters(MODULES) == []


def test_the_code_reads_only_declared_settings() -> None:
    import re

    from shared.settings import SETTINGS

    text = (checks.ROOT / "shared" / "settings.py").read_text()
    read = set(re.findall(r'_(?:get|require)\("([A-Za-z_]+)"\)', text))
    assert read <= set(SETTINGS)
    outside = [p for p in CODE if "os.environ" in p.read_text() and p.name != "settings.py"]
    assert outside == []


def test_every_module_main_uses_exists_and_every_parameter_is_supplied() -> None:
    import json
    import re

    main = MODULES["main.bicep"]
    for module in re.findall(r"module \w+ '(app/[^']+)'", main):
        assert (checks.INFRA / module).exists(), module
    supplied = set(json.loads(checks.read("main.parameters.json"))["parameters"])
    params = dict(re.findall(r"^param (\w+) \w+( =)?", main, flags=re.MULTILINE))
    required = {name for name, default in params.items() if not default}
    assert required <= supplied
    assert supplied <= set(params)


# Drift: each check names what is missing when one side changes.


def without_line(text: str, fragment: str) -> str:
    lines = text.splitlines()
    kept = [line for line in lines if fragment not in line]
    assert len(kept) == len(lines) - 1, f"expected one line with {fragment!r}"
    return "\n".join(kept)


def test_a_container_removed_from_infra_is_reported() -> None:
    drifted = without_line(checks.read("app/cosmos.bicep"), "name: 'signaalindex'")
    assert checks.check_cosmos(drifted) == [
        "Cosmos container signaalindex is used by the code but not declared"
    ]


def test_a_container_declared_only_in_infra_is_reported() -> None:
    storingen = "  { name: 'storingen', partitionKey: '/partitie' }"
    text = checks.read("app/cosmos.bicep").replace(
        storingen, f"{storingen}\n  {{ name: 'oud', partitionKey: '/id' }}"
    )
    assert checks.check_cosmos(text) == [
        "Cosmos container oud is declared but not used by the code"
    ]


def test_a_changed_partition_key_or_ttl_is_reported() -> None:
    text = checks.read("app/cosmos.bicep").replace(
        "{ name: 'audit', partitionKey: '/organisatie', defaultTtl: -1 }",
        "{ name: 'audit', partitionKey: '/id', defaultTtl: -1 }",
    )
    [problem] = checks.check_cosmos(text)
    assert problem.startswith("Cosmos container audit: infra ('/id'")


def test_a_setting_removed_from_infra_is_reported() -> None:
    drifted = without_line(function(), "COSMOS_ENDPOINT:")
    assert checks.check_settings(drifted, checks.read("app/monitoring.bicep")) == [
        "setting COSMOS_ENDPOINT is read by the code but not set by infra/app/function.bicep"
    ]


def test_a_key_in_an_app_setting_is_reported() -> None:
    key = "listKeys(cosmosId, '2024-05-15').primaryMasterKey"
    text = function().replace(
        "    APP_VERSION: appVersion", f"    APP_VERSION: appVersion\n    COSMOS_KEY: {key}"
    )
    problems = checks.check_settings(text, checks.read("app/monitoring.bicep"))
    assert "setting COSMOS_KEY is for the local emulators only but infra sets it" in problems
    assert any(p.startswith("setting COSMOS_KEY holds a key") for p in problems)


def test_an_audit_key_as_plain_value_is_reported() -> None:
    text = function().replace(
        "'@Microsoft.KeyVault(SecretUri=${auditHashKeySecretUri})'", "auditHashKey"
    )
    assert checks.check_settings(text, checks.read("app/monitoring.bicep")) == [
        "setting AUDIT_HASH_KEY is not a Key Vault reference"
    ]


def test_a_subscription_removed_from_infra_is_reported() -> None:
    drifted = without_line(
        checks.read("app/eventgrid.bicep"), "function: 'kwijtschelding_ontvangen'"
    )
    assert checks.check_event_grid(drifted, checks.blob_triggers()) == [
        "blob trigger kwijtschelding_ontvangen has no Event Grid subscription"
    ]


def test_a_trigger_without_subscription_is_reported() -> None:
    triggers = {
        **checks.blob_triggers(),
        "nieuw_ontvangen": "/blobServices/default/containers/aanleveringen/blobs/nieuw/",
    }
    assert checks.check_event_grid(checks.read("app/eventgrid.bicep"), triggers) == [
        "blob trigger nieuw_ontvangen has no Event Grid subscription"
    ]


def test_a_blob_container_or_retention_drift_is_reported() -> None:
    drifted = without_line(checks.read("app/storage.bicep"), "{ name: 'quarantaine', retentionDays")
    assert checks.check_storage(drifted) == [
        "blob container quarantaine is used by the code but not declared"
    ]
    changed = checks.read("app/storage.bicep").replace(
        "{ name: 'bronnen', retentionDays: 400 }", "{ name: 'bronnen', retentionDays: 30 }"
    )
    assert checks.check_storage(changed) == [
        "blob container bronnen: retention 30 days in infra, 400 in the code"
    ]


def test_a_public_route_missing_from_the_exclusions_is_reported() -> None:
    drifted = without_line(function(), "'/api/v1/storingen'")
    assert checks.check_authentication(drifted, checks.public_paths()) == [
        "public route /api/v1/storingen is not excluded from App Service authentication"
    ]


def test_a_residents_route_missing_from_the_exclusions_is_reported() -> None:
    """A resident's token is not Entra's: App Service authentication would refuse it before
    the app validates it against the identity provider for residents."""
    drifted = without_line(function(), "'/api/v1/inzage/gebruik'")
    assert checks.check_authentication(drifted, checks.public_paths()) == [
        "resident's route /api/v1/inzage/gebruik is not excluded from App Service authentication"
    ]


def test_an_alert_on_an_event_the_code_no_longer_sends_is_reported() -> None:
    emitted = checks.events_in_code(CODE) - {"bestand in quarantaine"}
    problems = checks.check_events(
        checks.read("app/operations.bicep"), checks.read("app/workbook.json"), emitted
    )
    assert problems == [
        "alert or workbook counts the event 'bestand in quarantaine', which the code never sends"
    ]


@pytest.mark.parametrize("module", ["app/storage.bicep", "app/keyvault.bicep"])
def test_a_role_assignment_with_a_random_name_is_reported(module: str) -> None:
    text = checks.read(module).replace("name: guid(", "name: newGuid(", 1)
    assert checks.check_role_assignments({module: text}) == [
        f"{module}: a role assignment without a deterministic guid() name"
    ]


def test_a_parameter_without_description_is_reported(tmp_path: Path) -> None:
    text = checks.read("app/identity.bicep").replace("@description('Name of the identity.')\n", "")
    assert checks.check_parameters({"identity.bicep": text}) == [
        "identity.bicep: name has no @description"
    ]


# Least privilege (issue 13 §2, §3): the roles of the app's identity, and nobody else's.


def cosmos() -> str:
    return checks.read("app/cosmos.bicep")


def test_cosmos_data_contributor_is_per_container_and_audit_is_append_only() -> None:
    assert checks.check_cosmos_roles(cosmos()) == []


def test_every_role_goes_to_the_app_identity_which_may_issue_upload_sas() -> None:
    assert checks.check_role_principals(MODULES) == []


def test_data_contributor_on_the_whole_account_is_reported() -> None:
    scope = "scope: '${account.id}/dbs/${databaseName}/colls/${container.name}'"
    assert scope in cosmos()
    assert checks.check_cosmos_roles(cosmos().replace(scope, "scope: account.id")) == [
        "dataRoles: Data Contributor on account.id, wider than one container"
    ]


def test_data_contributor_on_the_audit_container_is_reported() -> None:
    text = cosmos().replace("if (container.name != auditContainer) ", "")
    assert checks.check_cosmos_roles(text) == [
        "dataRoles: Data Contributor also on the audit container"
    ]


@pytest.mark.parametrize("action", ["items/replace", "items/upsert", "items/delete", "*"])
def test_an_audit_role_that_can_rewrite_entries_is_reported(action: str) -> None:
    full = f"Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/{action}"
    text = cosmos().replace("var auditActions = [", f"var auditActions = [\n  '{full}'")
    assert checks.check_cosmos_roles(text) == [f"auditRole: the audit role allows {full}"]


def test_the_audit_container_must_be_the_codes() -> None:
    text = cosmos().replace("var auditContainer = 'audit'", "var auditContainer = 'auditlog'")
    assert checks.check_cosmos_roles(text) == [
        "cosmos.bicep: auditContainer is not the code's 'audit'"
    ]


def test_the_account_wide_role_of_before_is_reported() -> None:
    """The infra before issue 13: Data Contributor on the whole account, no audit role."""
    before = """// Built-in data-plane role "Cosmos DB Built-in Data Contributor".
var dataContributor = '00000000-0000-0000-0000-000000000002'

resource dataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: account
  name: guid(account.id, principalId, dataContributor)
  properties: {
    principalId: principalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributor}'
    scope: account.id
  }
}
"""
    assert checks.check_cosmos_roles(before) == [
        "cosmos.bicep: auditContainer is not the code's 'audit'",
        "dataRole: Data Contributor on account.id, wider than one container",
        "the audit container has no append-only role of its own",
    ]


def test_a_storage_role_for_an_organisation_is_reported() -> None:
    storage = checks.read("app/storage.bicep")
    organisation = """
resource gemeente 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, gemeentePrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: account
  properties: {
    principalId: gemeentePrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'x')
  }
}
"""
    problems = checks.check_role_principals({"storage.bicep": storage + organisation})
    assert problems == ["storage.bicep: gemeente is granted to another principal"]


def test_storage_without_the_blob_delegator_role_is_reported() -> None:
    storage = checks.read("app/storage.bicep")
    text = without_line(storage, f"'{checks.STORAGE_BLOB_DELEGATOR}'")
    assert checks.check_role_principals({"storage.bicep": text}) == [
        "storage.bicep: the app's identity cannot issue user-delegation SAS"
    ]
