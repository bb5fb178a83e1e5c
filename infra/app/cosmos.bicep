// Cosmos DB (NoSQL) holding the platform's state: Entra ID access only (local auth off),
// serverless or autoscale, every container with its partition key, TTL and indexing
// policy, and the data-plane role of the app's identity.
@description('Name of the Cosmos DB account.')
param name string
@description('Azure region.')
param location string
@description('Resource tags.')
param tags object
@description('Name of the database.')
param databaseName string = 'ibnext'
@description('serverless: pay per request; autoscale: provisioned throughput shared by the containers.')
@allowed([ 'serverless', 'autoscale' ])
param capacity string = 'serverless'
@description('Autoscale maximum RU/s of the database (capacity autoscale only).')
@minValue(1000)
param autoscaleMaxThroughput int = 4000
@description('Principal id of the function app\'s managed identity.')
param principalId string
@description('Public network access; Disabled when private endpoints are used.')
@allowed([ 'Enabled', 'Disabled' ])
param publicNetworkAccess string = 'Enabled'

@description('Containers, partition keys, TTL (seconds) and paths left out of the index; the code declares the same in shared/storage/containers.py.')
var containers = [
  { name: 'aanleveringen', partitionKey: '/organisatie' }
  { name: 'organisaties', partitionKey: '/organisatie' }
  { name: 'aansluitingen', partitionKey: '/organisatie' }
  { name: 'koppelingen', partitionKey: '/clientId' }
  { name: 'audit', partitionKey: '/organisatie' }
  { name: 'bronfeiten', partitionKey: '/bsn', defaultTtl: 34560000, excludedPaths: [ '/records/*' ] }
  { name: 'bronadressen', partitionKey: '/adres', defaultTtl: 34560000, excludedPaths: [ '/bewoners/*' ] }
  { name: 'bronsnapshots', partitionKey: '/bron', excludedPaths: [ '/snapshots/*' ] }
  { name: 'bvvberekeningen', partitionKey: '/organisatie', defaultTtl: 63072000 }
  { name: 'signalen', partitionKey: '/organisatie', defaultTtl: 63072000, excludedPaths: [ '/bewijs/*' ] }
  { name: 'signaalindex', partitionKey: '/organisatie', defaultTtl: 63072000, excludedPaths: [ '/hashes/*' ] }
  { name: 'kwijtscheldingsbeleid', partitionKey: '/organisatie' }
  { name: 'kwijtscheldingen', partitionKey: '/organisatie', defaultTtl: 63072000, excludedPaths: [ '/uitkomst/*' ] }
  { name: 'storingen', partitionKey: '/partitie' }
  { name: 'storingabonnementen', partitionKey: '/organisatie' }
]

// Built-in data-plane role "Cosmos DB Built-in Data Contributor".
var dataContributor = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    publicNetworkAccess: publicNetworkAccess
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [ { locationName: location, failoverPriority: 0, isZoneRedundant: false } ]
    capabilities: capacity == 'serverless' ? [ { name: 'EnableServerless' } ] : []
    backupPolicy: { type: 'Continuous', continuousModeProperties: { tier: 'Continuous7Days' } }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
    options: capacity == 'autoscale' ? { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } } : {}
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for container in containers: {
    parent: database
    name: container.name
    properties: {
      resource: {
        id: container.name
        partitionKey: { paths: [ container.partitionKey ], kind: 'Hash' }
        defaultTtl: container.?defaultTtl
        indexingPolicy: {
          indexingMode: 'consistent'
          automatic: true
          includedPaths: [ { path: '/*' } ]
          excludedPaths: concat([ { path: '/"_etag"/?' } ], map(container.?excludedPaths ?? [], path => { path: path }))
        }
      }
    }
  }
]

resource dataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: account
  name: guid(account.id, principalId, dataContributor)
  properties: {
    principalId: principalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributor}'
    scope: account.id
  }
}

output id string = account.id
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
