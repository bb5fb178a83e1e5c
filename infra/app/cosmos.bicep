// Cosmos DB (NoSQL) holding the platform's state: Entra ID access only (local auth off).
param name string
param location string
param tags object
param databaseName string = 'ibnext'

@description('Containers and partition keys; the code declares the same in shared/storage/containers.py.')
var containers = [
  { name: 'aanleveringen', partitionKey: '/organisatie' }
  { name: 'organisaties', partitionKey: '/organisatie' }
  { name: 'aansluitingen', partitionKey: '/organisatie' }
  { name: 'koppelingen', partitionKey: '/clientId' }
  { name: 'audit', partitionKey: '/organisatie' }
  { name: 'bronfeiten', partitionKey: '/bsn', defaultTtl: 34560000 }
  { name: 'bronsnapshots', partitionKey: '/bron' }
  { name: 'bvvberekeningen', partitionKey: '/organisatie', defaultTtl: 63072000 }
  { name: 'signalen', partitionKey: '/organisatie', defaultTtl: 63072000 }
  { name: 'signaalindex', partitionKey: '/organisatie', defaultTtl: 63072000 }
  { name: 'kwijtscheldingsbeleid', partitionKey: '/organisatie' }
  { name: 'kwijtscheldingen', partitionKey: '/organisatie', defaultTtl: 63072000 }
  { name: 'storingen', partitionKey: '/partitie' }
  { name: 'storingabonnementen', partitionKey: '/organisatie' }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [ { locationName: location, failoverPriority: 0, isZoneRedundant: false } ]
    capabilities: [ { name: 'EnableServerless' } ]
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: { resource: { id: databaseName } }
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
      }
    }
  }
]

output endpoint string = account.properties.documentEndpoint
output databaseName string = databaseName
