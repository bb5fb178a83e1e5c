// Blob Storage for files in and out, and the function app's own storage: identity-based
// access only (shared keys off), closed to the public network (the app and its deployment
// reach it through the private endpoints; organisations upload with the short-lived
// user-delegation SAS the API issues, from the address ranges in allowedIpRanges only),
// lifecycle rules that delete personal data at the end of its retention, and the roles of
// the app's identity, the only principal with any role here.
@description('Name of the storage account.')
param name string
@description('Azure region.')
param location string
@description('Resource tags.')
param tags object
@description('Container holding the deployment package of the Flex Consumption app.')
param deploymentContainerName string
@description('Principal id of the function app\'s managed identity.')
param principalId string
@description('Public network access: Disabled (private endpoints only); Enabled when organisations upload from allowedIpRanges, or for an environment without network isolation.')
@allowed([ 'Enabled', 'Disabled' ])
param publicNetworkAccess string = 'Disabled'
@description('What the firewall does with traffic from other public addresses than allowedIpRanges: Deny; Allow only for an environment without network isolation.')
@allowed([ 'Deny', 'Allow' ])
param networkDefaultAction string = 'Deny'
@description('Public address ranges (CIDR) of the organisations\' networks that may upload with a SAS; empty: none.')
param allowedIpRanges array = []

@description('Blob containers of the design and the days after the last change that their blobs are deleted; the code declares the same in shared/storage/containers.py (BlobContainers.RETENTIE_DAGEN).')
var containers = [
  { name: 'aanleveringen', retentionDays: 90 }
  { name: 'terugmeldingen', retentionDays: 730 }
  { name: 'bronnen', retentionDays: 400 }
  { name: 'quarantaine', retentionDays: 90 }
  { name: 'bronsnapshots', retentionDays: 400 }
  { name: 'storingberichten', retentionDays: 7 }
  { name: 'taken', retentionDays: 400 }
  { name: 'ggkberichten', retentionDays: 90 }
]

// Built-in roles of the app's identity, at the account: Storage Blob Data Owner
// (AzureWebJobsStorage and the containers the host makes itself, deployment, blob
// triggers, the design's containers), Storage Queue Data Contributor (blob trigger
// bookkeeping), Storage Blob Delegator (the user-delegation key behind the upload SAS the
// API issues). No organisation gets a role: it writes one blob with a SAS, nothing more.
var roles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  // checkov:skip=CKV_AZURE_206:zone-redundant (ZRS) like the function plan; a geo copy in the paired region (outside the Netherlands) is a data-residency decision of the bureau, and Cosmos DB is single-region, so a geo copy of the files alone gives no failover
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      defaultAction: networkDefaultAction
      bypass: 'AzureServices'
      ipRules: [for range in allowedIpRanges: { value: range, action: 'Allow' }]
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in concat(containers, [ { name: deploymentContainerName, retentionDays: 0 } ]): {
    parent: blobService
    name: container.name
    properties: { publicAccess: 'None' }
  }
]

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        for container in containers: {
          name: 'bewaartermijn-${container.name}'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: [ 'blockBlob' ], prefixMatch: [ '${container.name}/' ] }
            actions: {
              baseBlob: { delete: { daysAfterModificationGreaterThan: container.retentionDays } }
              snapshot: { delete: { daysAfterCreationGreaterThan: container.retentionDays } }
              version: { delete: { daysAfterCreationGreaterThan: container.retentionDays } }
            }
          }
        }
      ]
    }
  }
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in roles: {
    name: guid(account.id, principalId, role)
    scope: account
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

output id string = account.id
output name string = account.name
output blobServiceUri string = account.properties.primaryEndpoints.blob
output queueServiceUri string = account.properties.primaryEndpoints.queue
