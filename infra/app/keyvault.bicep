// Key Vault for the audit hash key: RBAC authorization, purge protection, closed to the
// public network, read by the app's identity through a Key Vault reference in its settings
// (over the VNet integration and the vault's private endpoint). The deployment writes the
// secret through Azure Resource Manager (the control plane), which the firewall does not
// stop; nobody reads or writes it from outside the VNet.
@description('Name of the key vault.')
param name string
@description('Azure region.')
param location string
@description('Resource tags.')
param tags object
@description('Principal id of the function app\'s managed identity.')
param principalId string
@secure()
@description('Key of the BSN hash in the audit log.')
param auditHashKey string
@description('Public network access: Disabled (private endpoint only); Enabled only for an environment without network isolation.')
@allowed([ 'Enabled', 'Disabled' ])
param publicNetworkAccess string = 'Disabled'
@description('What the firewall does with traffic from public addresses: Deny; Allow only for an environment without network isolation.')
@allowed([ 'Deny', 'Allow' ])
param networkDefaultAction string = 'Deny'

// Built-in role "Key Vault Secrets User".
var secretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: publicNetworkAccess
    networkAcls: { defaultAction: networkDefaultAction, bypass: 'AzureServices' }
  }
}

resource hashKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'audit-hash-key'
  // checkov:skip=CKV_AZURE_41:the audit hash key must not expire: an expired secret breaks the app's Key Vault reference, and a new key would make earlier audit hashes unmatchable
  properties: { value: auditHashKey, contentType: 'text/plain' }
}

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, secretsUser)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUser)
  }
}

output id string = vault.id
output auditHashKeySecretUri string = hashKey.properties.secretUri
