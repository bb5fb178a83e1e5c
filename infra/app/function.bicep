// The function app on Flex Consumption (Linux, Python 3.11) with its user-assigned identity,
// identity-based settings only, and App Service authentication (Entra ID) in front of the
// HTTP routes, in addition to the token validation in the code. The plan is zone-redundant:
// the platform then keeps at least two always-ready instances of each function group spread
// over the region's zones (Flex Consumption has no numberOfWorkers or health check setting;
// /api/v1/status is probed by the availability test in operations.bicep).
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
@description('Issuer of residents\' tokens: the identity provider for residents (DigiD through the broker the bureau contracts).')
param burgerIssuer string
@description('Audience of residents\' tokens: this API as the identity provider for residents knows it.')
param burgerAudience string
@description('Version shown by /api/v1/status.')
param appVersion string
@description('The bureau\'s OIN, as the VUM exchange names itself.')
param vumOin string
@description('Subnet for VNet integration; empty for none.')
param subnetId string = ''
@description('Spread the instances over the region\'s availability zones (the region must offer it for Flex Consumption; fixed when the plan is created). The platform then keeps at least two always-ready instances per function group, billed as such.')
param zoneRedundant bool = true

var publicPaths = [
  '/api/v1/status'
  '/api/v1/openapi.json'
  '/api/v1/storingen'
]
@description('Routes for residents: their tokens come from the identity provider for residents (BURGER_ISSUER), not Entra ID, so the platform authentication lets them through to the app, which validates them itself (shared/security/tokens.py burger_validator), as it validates every token.')
var residentPaths = [
  '/api/v1/inzage/gebruik'
]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true, zoneRedundant: zoneRedundant }
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
  // checkov:skip=CKV_AZURE_222:the API is the platform's public interface for the organisations' systems; App Service authentication (Entra ID) and the token checks in the code guard every route but the public ones
  // checkov:skip=CKV_AZURE_17:clients authenticate with Entra ID access tokens (client credentials), not TLS client certificates
  // checkov:skip=CKV_AZURE_212:Flex Consumption has no numberOfWorkers; with zoneRedundant the platform keeps at least two always-ready instances per function group across zones
  // checkov:skip=CKV_AZURE_213:Flex Consumption has no App Service health check; the availability test of /api/v1/status in operations.bicep (four locations, alert on two) watches the app
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    siteConfig: { minTlsVersion: '1.2', ftpsState: 'Disabled', http20Enabled: true }
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

// Checkov reads its checks of the web config (name 'web': logging, tracing, error pages,
// .NET version, Azure Files) into every config resource; they do not apply to these two.
// Besides, Linux Flex Consumption has no IIS logging or tracing (requests and failures go to
// Application Insights), no .NET Framework and no Azure Files content share.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  // checkov:skip=CKV_AZURE_63:not a web config; requests are logged to Application Insights
  // checkov:skip=CKV_AZURE_65:not a web config; no IIS detailed error pages on Linux
  // checkov:skip=CKV_AZURE_66:not a web config; no IIS failed request tracing on Linux
  // checkov:skip=CKV_AZURE_80:not a web config; a Python app has no .NET Framework version
  // checkov:skip=CKV_AZURE_88:not a web config; Flex Consumption deploys from a blob container, without an Azure Files share
  // checkov:skip=CKV_AZURE_222:not a web config; public network access is a property of the site (skipped there with its reason)
  parent: site
  name: 'appsettings'
  // checkov:skip=CKV_AZURE_13:App Service authentication is configured in authsettingsV2 below, not in the app settings
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
    BURGER_ISSUER: burgerIssuer
    BURGER_AUDIENCE: burgerAudience
    AUDIT_HASH_KEY: '@Microsoft.KeyVault(SecretUri=${auditHashKeySecretUri})'
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    APP_VERSION: appVersion
    VUM_OIN: vumOin
    // Processes for the source intake (shared/processen.py): each worker holds about 320 MB
    // (bench.bronnen), so with 2,048 MB or less the intake stays in the function's own process (1).
    WERKPROCESSEN: instanceMemoryMB >= 4096 ? '2' : '1'
  }
}

resource authentication 'Microsoft.Web/sites/config@2024-04-01' = {
  // checkov:skip=CKV_AZURE_63:not a web config; requests are logged to Application Insights
  // checkov:skip=CKV_AZURE_65:not a web config; no IIS detailed error pages on Linux
  // checkov:skip=CKV_AZURE_66:not a web config; no IIS failed request tracing on Linux
  // checkov:skip=CKV_AZURE_80:not a web config; a Python app has no .NET Framework version
  // checkov:skip=CKV_AZURE_88:not a web config; Flex Consumption deploys from a blob container, without an Azure Files share
  // checkov:skip=CKV_AZURE_222:not a web config; public network access is a property of the site (skipped there with its reason)
  parent: site
  name: 'authsettingsV2'
  // checkov:skip=CKV_AZURE_13:authentication is on (platform.enabled, requireAuthentication); the check reads the v1 authsettings shape (properties.enabled)
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      // Public routes, and the Event Grid webhook of the blob triggers (it carries its own key).
      excludedPaths: concat(publicPaths, residentPaths, [ '/runtime/webhooks/blobs' ])
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
