// Blob Storage for files in and out, and the function app's own storage: identity-based
// access only (shared keys off), lifecycle rules that delete personal data at the end of
// its retention, and the data roles of the app's identity.
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
@description('Public network access; Disabled when private endpoints are used.')
@allowed([ 'Enabled', 'Disabled' ])
param publicNetworkAccess string = 'Enabled'

@description('Blob containers of the design and the days after the last change that their blobs are deleted; the code declares the same in shared/storage/containers.py (BlobContainers.RETENTIE_DAGEN).')
var containers = [
  { name: 'aanleveringen', retentionDays: 90 }
  { name: 'terugmeldingen', retentionDays: 730 }
  { name: 'bronnen', retentionDays: 400 }
  { name: 'quarantaine', retentionDays: 90 }
  { name: 'bronsnapshots', retentionDays: 400 }
]

// Built-in roles: Storage Blob Data Owner (AzureWebJobsStorage, deployment, blob triggers),
// Storage Queue Data Contributor (blob trigger bookkeeping).
var roles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      defaultAction: publicNetworkAccess == 'Enabled' ? 'Allow' : 'Deny'
      bypass: 'AzureServices'
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
