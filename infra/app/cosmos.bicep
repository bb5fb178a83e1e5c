// Cosmos DB (NoSQL) holding the platform's state: Entra ID access only (local auth off),
// reached through its private endpoint, serverless or autoscale, every container with its
// partition key, TTL and indexing policy, and the data-plane roles of the app's identity:
// Data Contributor on each container but audit, on audit a custom role that can only add
// entries and read them (no replace, upsert or delete), and metadata reads on the account.
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
@description('Public network access: Disabled (the app reaches the account through its private endpoint); Enabled only for an environment deployed without network isolation.')
@allowed([ 'Enabled', 'Disabled' ])
param publicNetworkAccess string = 'Disabled'

@description('Containers, partition keys, TTL (seconds) and paths left out of the index (as index path objects); the code declares the same in shared/storage/containers.py.')
var containers = [
  { name: 'aanleveringen', partitionKey: '/organisatie' }
  { name: 'organisaties', partitionKey: '/organisatie' }
  { name: 'aansluitingen', partitionKey: '/organisatie' }
  { name: 'koppelingen', partitionKey: '/clientId' }
  { name: 'audit', partitionKey: '/organisatie', defaultTtl: -1 }
  { name: 'bronfeitenperemmer', partitionKey: '/emmer', defaultTtl: 34560000, excludedPaths: [ { path: '/records/*' } ] }
  { name: 'bronfeiten', partitionKey: '/bsn', defaultTtl: 34560000, excludedPaths: [ { path: '/records/*' } ] }
  { name: 'bronadressenperemmer', partitionKey: '/emmer', defaultTtl: 34560000, excludedPaths: [ { path: '/bewoners/*' } ] }
  { name: 'bronadressen', partitionKey: '/adres', defaultTtl: 34560000, excludedPaths: [ { path: '/bewoners/*' } ] }
  { name: 'bronsnapshots', partitionKey: '/bron', excludedPaths: [ { path: '/snapshots/*' } ] }
  { name: 'bvvberekeningen', partitionKey: '/organisatie', defaultTtl: 63072000 }
  { name: 'signalen', partitionKey: '/organisatie', defaultTtl: 63072000, excludedPaths: [ { path: '/bewijs/*' } ] }
  { name: 'signaalindex', partitionKey: '/organisatie', defaultTtl: 63072000, excludedPaths: [ { path: '/hashes/*' } ] }
  { name: 'kwijtscheldingsbeleid', partitionKey: '/organisatie' }
  { name: 'inkomenstoeslagbeleid', partitionKey: '/organisatie' }
  { name: 'minimabeleid', partitionKey: '/organisatie' }
  { name: 'inkomstenverrekeningbeleid', partitionKey: '/organisatie' }
  { name: 'kwijtscheldingen', partitionKey: '/organisatie', defaultTtl: 63072000, excludedPaths: [ { path: '/toetsingen/*' } ] }
  { name: 'uploads', partitionKey: '/organisatie', defaultTtl: 7776000 }
  { name: 'storingen', partitionKey: '/partitie' }
  { name: 'storingabonnementen', partitionKey: '/organisatie' }
  { name: 'parametersets', partitionKey: '/regeling' }
  { name: 'ggkberichten', partitionKey: '/postbus', defaultTtl: 34560000 }
  { name: 'ggkreferenties', partitionKey: '/zender', defaultTtl: 34560000 }
  { name: 'wmotoewijzingen', partitionKey: '/gemeente', defaultTtl: 34560000 }
  { name: 'wlzsignalen', partitionKey: '/gemeente', defaultTtl: 63072000 }
  { name: 'vsvregister', partitionKey: '/bsn', defaultTtl: 63072000 }
  { name: 'vsvsignalen', partitionKey: '/doorstroompunt', defaultTtl: 63072000 }
  { name: 'vumbronnen', partitionKey: '/partitie' }
  { name: 'vumuitwisselingen', partitionKey: '/organisatie', defaultTtl: 63072000 }
  { name: 'verwerkingen', partitionKey: '/emmer', defaultTtl: -1 }
  { name: 'inzageverzoeken', partitionKey: '/id', defaultTtl: 63072000 }
  { name: 'inzageantwoorden', partitionKey: '/verzoek', defaultTtl: 63072000 }
  { name: 'vertrouwelijk', partitionKey: '/id' }
]

// Built-in data-plane role "Cosmos DB Built-in Data Contributor".
var dataContributor = '00000000-0000-0000-0000-000000000002'

@description('The append-only audit log (shared/storage/containers.py AUDIT): no Data Contributor here.')
var auditContainer = 'audit'
var auditScope = '${account.id}/dbs/${databaseName}/colls/${auditContainer}'

@description('All the app may do in the audit container: add an entry, read one, query them.')
var auditActions = [
  'Microsoft.DocumentDB/databaseAccounts/readMetadata'
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/create'
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/read'
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/executeQuery'
]

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
    // checkov:skip=CKV_AZURE_99:access is restricted by publicNetworkAccess Disabled (CKV_AZURE_101) and the private endpoint; IP or VNet-filter rules would only add a public path
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
          excludedPaths: concat([ { path: '/"_etag"/?' } ], container.?excludedPaths ?? [])
        }
      }
    }
  }
]

// Reading the account's and database's metadata (the SDK's first call, the status check's
// database read); no data.
resource metadataReader 'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions@2024-05-15' = {
  parent: account
  name: guid(account.id, 'ibnext-metadata-reader')
  properties: {
    roleName: 'IB-Next metadata reader'
    type: 'CustomRole'
    assignableScopes: [ account.id ]
    permissions: [ { dataActions: [ 'Microsoft.DocumentDB/databaseAccounts/readMetadata' ] } ]
  }
}

resource auditAppender 'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions@2024-05-15' = {
  parent: account
  name: guid(account.id, 'ibnext-audit-appender')
  properties: {
    roleName: 'IB-Next audit appender'
    type: 'CustomRole'
    assignableScopes: [ auditScope ]
    permissions: [ { dataActions: auditActions } ]
  }
}

resource metadataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: account
  name: guid(account.id, principalId, metadataReader.id)
  properties: {
    principalId: principalId
    roleDefinitionId: metadataReader.id
    scope: account.id
  }
}

resource auditRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: account
  name: guid(account.id, principalId, auditAppender.id)
  properties: {
    principalId: principalId
    roleDefinitionId: auditAppender.id
    scope: auditScope
  }
  dependsOn: [ sqlContainers ]
}

// Data Contributor per container, never on the account or database: a new container gets
// its role from its line in `containers`, and audit never does.
resource dataRoles 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = [
  for container in containers: if (container.name != auditContainer) {
    parent: account
    name: guid(account.id, principalId, dataContributor, container.name)
    properties: {
      principalId: principalId
      roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributor}'
      scope: '${account.id}/dbs/${databaseName}/colls/${container.name}'
    }
    dependsOn: [ sqlContainers ]
  }
]

output id string = account.id
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
