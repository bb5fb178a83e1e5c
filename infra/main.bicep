// IB-Next on Azure: one resource group with the function app (Flex Consumption), its
// user-assigned identity, Storage, Cosmos DB, Key Vault, monitoring and operations.
// Deploy with `azd up` (azure.yaml); every data-plane access uses the identity, no keys.
// Storage, Cosmos DB and Key Vault are closed to the public network: the app reaches them
// through its VNet integration and their private endpoints. The deployment itself needs no
// data-plane access from outside: azd creates the resources, role assignments and the Key
// Vault secret through Azure Resource Manager, and pushes the code package to the app's
// publish endpoint, from where the app writes it to its deployment container over the VNet.
targetScope = 'subscription'

@minLength(2)
@maxLength(16)
@description('Name of the azd environment (e.g. ontw, test, prod); part of every resource name.')
param environmentName string

@minLength(1)
@description('Azure region of all resources.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Memory per instance of the function app, in MB.')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

@description('Most instances the function app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Cosmos DB capacity: serverless (pay per request) or provisioned autoscale throughput.')
@allowed([ 'serverless', 'autoscale' ])
param cosmosCapacity string = 'serverless'

@description('Autoscale maximum RU/s of the database, when cosmosCapacity is autoscale.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 4000

@description('Issuer of the tokens the API accepts (Entra ID v2.0 of this tenant by default).')
param authIssuer string = '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'

@description('Application (client) ID of the API registration in Entra ID; App Service authentication checks it.')
param apiClientId string

@description('Application ID URI of the API: the audience of its tokens.')
param apiAudience string = 'api://ib-next'

@description('Issuer of residents\' tokens: the identity provider for residents (DigiD at eIDAS level substantial or high, through the broker the bureau contracts).')
param burgerIssuer string

@description('Audience of residents\' tokens.')
param burgerAudience string = 'api://ib-next-inwoners'

@description('Version shown by /api/v1/status.')
param appVersion string = '0.0.0'

@description('The bureau\'s OIN (20 digits): the VUM exchange names itself by it in X-VUM-toParty and X-VUM-fromParty.')
param vumOin string

@description('E-mail address of the operators on duty, for the action group.')
param operatorEmail string

@description('Create the Event Grid subscriptions of the blob triggers. Their webhook needs the blobs_extension key, which exists only once the code is deployed: azd runs a second provision after deploy (azure.yaml).')
param blobTriggerSubscriptions bool = false

@description('Private endpoints for Storage, Cosmos DB and Key Vault, and VNet integration of the function app; false opens the three to the public network (for a short-lived test environment only).')
param vnetEnabled bool = true

@description('Comma-separated public address ranges (CIDR) of the organisations\' networks from which they upload files with the SAS the API issues; empty: storage takes no public traffic at all.')
param uploadIpRanges string = ''

@description('Zone-redundant function plan: the platform keeps at least two always-ready instances per function group, spread over the zones (the region must offer it).')
param zoneRedundant bool = true

@secure()
@minLength(32)
@description('Key of the BSN hash in the audit log, kept in Key Vault. Generated once by the preprovision hook (azure.yaml) and kept in the azd environment: a new key would make earlier audit hashes unmatchable.')
param auditHashKey string

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, application: 'ib-next' }
var functionAppName = 'func-ibnext-${resourceToken}'
var allowedIpRanges = empty(uploadIpRanges) ? [] : split(uploadIpRanges, ',')

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-ibnext-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: { name: 'id-ibnext-${resourceToken}', location: location, tags: tags }
}

module network 'app/network.bicep' = if (vnetEnabled) {
  name: 'network'
  scope: rg
  params: { name: 'vnet-ibnext-${resourceToken}', location: location, tags: tags }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stibnext${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
    principalId: identity.outputs.principalId
    publicNetworkAccess: vnetEnabled && empty(allowedIpRanges) ? 'Disabled' : 'Enabled'
    networkDefaultAction: vnetEnabled ? 'Deny' : 'Allow'
    allowedIpRanges: allowedIpRanges
  }
}

module cosmos 'app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: 'cosmos-ibnext-${resourceToken}'
    location: location
    tags: tags
    capacity: cosmosCapacity
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    principalId: identity.outputs.principalId
    publicNetworkAccess: vnetEnabled ? 'Disabled' : 'Enabled'
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-ibnext-${resourceToken}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    auditHashKey: auditHashKey
    publicNetworkAccess: vnetEnabled ? 'Disabled' : 'Enabled'
    networkDefaultAction: vnetEnabled ? 'Deny' : 'Allow'
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-ibnext-${resourceToken}'
    applicationInsightsName: 'appi-ibnext-${resourceToken}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
  }
}

module privateEndpoints 'app/private-endpoints.bicep' = if (vnetEnabled) {
  name: 'private-endpoints'
  scope: rg
  params: {
    location: location
    tags: tags
    vnetId: vnetEnabled ? network.outputs.vnetId : ''
    subnetId: vnetEnabled ? network.outputs.privateEndpointSubnetId : ''
    storageAccountId: storage.outputs.id
    cosmosAccountId: cosmos.outputs.id
    keyVaultId: keyVault.outputs.id
  }
}

module function 'app/function.bicep' = {
  name: 'function'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-ibnext-${resourceToken}'
    location: location
    tags: tags
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentContainerUrl: '${storage.outputs.blobServiceUri}app-package'
    blobServiceUri: storage.outputs.blobServiceUri
    queueServiceUri: storage.outputs.queueServiceUri
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabase: cosmos.outputs.databaseName
    auditHashKeySecretUri: keyVault.outputs.auditHashKeySecretUri
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    authIssuer: authIssuer
    apiClientId: apiClientId
    apiAudience: apiAudience
    burgerIssuer: burgerIssuer
    burgerAudience: burgerAudience
    appVersion: appVersion
    vumOin: vumOin
    subnetId: vnetEnabled ? network.outputs.appSubnetId : ''
    zoneRedundant: zoneRedundant
  }
}

module eventGrid 'app/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    name: 'evgt-ibnext-${resourceToken}'
    location: location
    tags: tags
    storageAccountId: storage.outputs.id
    functionAppName: function.outputs.name
    createSubscriptions: blobTriggerSubscriptions
  }
}

module operations 'app/operations.bicep' = {
  name: 'operations'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    operatorEmail: operatorEmail
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    cosmosAccountId: cosmos.outputs.id
    statusUrl: 'https://${function.outputs.defaultHostName}/api/v1/status'
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = function.outputs.name
output SERVICE_API_NAME string = function.outputs.name
output SERVICE_API_URI string = 'https://${function.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output BLOB_SERVICE_URI string = storage.outputs.blobServiceUri
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = cosmos.outputs.databaseName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
