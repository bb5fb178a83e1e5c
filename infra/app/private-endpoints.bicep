// Private endpoints (and their private DNS zones) for Storage (blob, queue), Cosmos DB and
// Key Vault, when the environment is network-isolated.
@description('Azure region.')
param location string
@description('Resource tags.')
param tags object
@description('Resource id of the virtual network.')
param vnetId string
@description('Subnet of the private endpoints.')
param subnetId string
@description('Resource id of the storage account.')
param storageAccountId string
@description('Resource id of the Cosmos DB account.')
param cosmosAccountId string
@description('Resource id of the key vault.')
param keyVaultId string

var endpoints = [
  { name: 'blob', resourceId: storageAccountId, groupId: 'blob', zone: 'privatelink.blob.${environment().suffixes.storage}' }
  { name: 'queue', resourceId: storageAccountId, groupId: 'queue', zone: 'privatelink.queue.${environment().suffixes.storage}' }
  { name: 'cosmos', resourceId: cosmosAccountId, groupId: 'Sql', zone: 'privatelink.documents.azure.com' }
  { name: 'vault', resourceId: keyVaultId, groupId: 'vault', zone: 'privatelink.vaultcore.azure.net' }
]

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for endpoint in endpoints: {
    name: endpoint.zone
    location: 'global'
    tags: tags
  }
]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (endpoint, i) in endpoints: {
    parent: zones[i]
    name: 'link-${endpoint.name}'
    location: 'global'
    properties: { virtualNetwork: { id: vnetId }, registrationEnabled: false }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-01-01' = [
  for endpoint in endpoints: {
    name: 'pe-${endpoint.name}-${uniqueString(endpoint.resourceId)}'
    location: location
    tags: tags
    properties: {
      subnet: { id: subnetId }
      privateLinkServiceConnections: [
        {
          name: endpoint.name
          properties: { privateLinkServiceId: endpoint.resourceId, groupIds: [ endpoint.groupId ] }
        }
      ]
    }
  }
]

resource dnsGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-01-01' = [
  for (endpoint, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [ { name: endpoint.name, properties: { privateDnsZoneId: zones[i].id } } ]
    }
  }
]
