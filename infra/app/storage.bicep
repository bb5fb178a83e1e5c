// Blob Storage for files in and out: identity-based access only (no shared keys).
param name string
param location string
param tags object

@description('Blob containers of the design: deliveries, feedback, source snapshots, quarantine.')
var containers = [
  'aanleveringen'
  'terugmeldingen'
  'bronnen'
  'quarantaine'
  'bronsnapshots'
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
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in containers: {
    parent: blobService
    name: container
    properties: { publicAccess: 'None' }
  }
]

output blobServiceUri string = account.properties.primaryEndpoints.blob
