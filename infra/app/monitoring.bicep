// Log Analytics and workspace-based Application Insights; ingestion with Entra ID only
// (local auth off), so the app's identity publishes its telemetry.
@description('Name of the Log Analytics workspace.')
param logAnalyticsName string
@description('Name of the Application Insights resource.')
param applicationInsightsName string
@description('Azure region.')
param location string
@description('Resource tags.')
param tags object
@description('Principal id of the function app\'s managed identity.')
param principalId string
@description('Days the workspace keeps data: a year of monthly production figures and a month (operational data, no personal data).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 400

// Built-in role "Monitoring Metrics Publisher" (Entra ID ingestion).
var metricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource publish 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, principalId, metricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', metricsPublisher)
  }
}

output applicationInsightsId string = applicationInsights.id
output applicationInsightsName string = applicationInsights.name
output connectionString string = applicationInsights.properties.ConnectionString
output workspaceId string = workspace.id
