// IB-Next infrastructure: the data plane the foundation needs (Storage, Cosmos DB).
// The function app, identity, monitoring and operations follow with the infrastructure issue.
targetScope = 'resourceGroup'

@description('Short environment name, used in resource names (e.g. dev, tst, prd).')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region of all resources.')
param location string = resourceGroup().location

var suffix = uniqueString(resourceGroup().id, environmentName)
var tags = { 'azd-env-name': environmentName, application: 'ib-next' }

module storage 'app/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'stibnext${suffix}'
    location: location
    tags: tags
  }
}

module cosmos 'app/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    name: 'cosmos-ibnext-${suffix}'
    location: location
    tags: tags
  }
}

output BLOB_SERVICE_URI string = storage.outputs.blobServiceUri
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = cosmos.outputs.databaseName
