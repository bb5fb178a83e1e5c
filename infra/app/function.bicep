// The function app on Flex Consumption (Linux, Python 3.11) with its user-assigned identity,
// identity-based settings only, and App Service authentication (Entra ID) in front of the
// HTTP routes, in addition to the token validation in the code.
@description('Name of the function app.')
param name string
@description('Name of the Flex Consumption plan.')
param planName string
@description('Azure region.')
param location string
@description('Resource tags.')
param tags object
@description('Memory per instance, in MB.')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048
@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40
@description('Resource id of the user-assigned managed identity.')
param identityId string
@description('Client id of that identity.')
param identityClientId string
@description('Blob container URL of the deployment package.')
param deploymentContainerUrl string
@description('Blob endpoint of the storage account.')
param blobServiceUri string
@description('Queue endpoint of the storage account.')
param queueServiceUri string
@description('Cosmos DB account endpoint.')
param cosmosEndpoint string
@description('Cosmos DB database name.')
param cosmosDatabase string
@description('Key Vault URI of the audit hash key secret.')
param auditHashKeySecretUri string
@description('Application Insights connection string (an identifier: ingestion needs Entra ID).')
param applicationInsightsConnectionString string
@description('Issuer of the tokens the API accepts.')
param authIssuer string
@description('Application (client) ID of the API registration.')
param apiClientId string
@description('Application ID URI of the API (the token audience).')
param apiAudience string
@description('Version shown by /api/v1/status.')
param appVersion string
@description('Subnet for VNet integration; empty for none.')
param subnetId string = ''

var publicPaths = [
  '/api/v1/status'
  '/api/v1/openapi.json'
  '/api/v1/storingen'
]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    siteConfig: { minTlsVersion: '1.2', ftpsState: 'Disabled' }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: { name: 'python', version: '3.11' }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: blobServiceUri
    AzureWebJobsStorage__queueServiceUri: queueServiceUri
    BlobStorage__blobServiceUri: blobServiceUri
    BlobStorage__queueServiceUri: queueServiceUri
    BlobStorage__credential: 'managedidentity'
    BlobStorage__clientId: identityClientId
    COSMOS_ENDPOINT: cosmosEndpoint
    COSMOS_DATABASE: cosmosDatabase
    AZURE_CLIENT_ID: identityClientId
    AUTH_ISSUER: authIssuer
    AUTH_AUDIENCE: apiAudience
    AUDIT_HASH_KEY: '@Microsoft.KeyVault(SecretUri=${auditHashKeySecretUri})'
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    APP_VERSION: appVersion
  }
}

resource authentication 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      // Public routes, and the Event Grid webhook of the blob triggers (it carries its own key).
      excludedPaths: concat(publicPaths, [ '/runtime/webhooks/blobs' ])
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: { clientId: apiClientId, openIdIssuer: authIssuer }
        validation: { allowedAudiences: [ apiAudience, apiClientId ] }
      }
    }
    login: { tokenStore: { enabled: false } }
  }
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
