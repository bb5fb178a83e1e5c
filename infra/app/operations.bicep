// Operations: the action group of the operators on duty, an availability test of the
// public status route, alerts (availability, 5xx rate, quarantaine, stuck deliveries,
// Cosmos DB throttling, the persons' emmers of the source documents past half their limit, a
// failed source intake) and the workbook of production figures.
@description('Azure region.')
param location string
@description('Resource tags.')
param tags object
@description('Token that makes names unique.')
param resourceToken string
@description('E-mail address of the operators on duty.')
param operatorEmail string
@description('Resource id of Application Insights.')
param applicationInsightsId string
@description('Resource id of the Cosmos DB account.')
param cosmosAccountId string
@description('URL of the public status route.')
param statusUrl string
@description('Availability norm in percent over a day (the bureau commits to 99.0).')
@minValue(90)
@maxValue(100)
param availabilityNorm int = 99

@description('Log alerts on the telemetry the code sends (shared/telemetrie.py events and requests).')
var logAlerts = [
  {
    name: 'http-5xx'
    severity: 1
    description: 'More than 1% of the API requests answered 5xx in 15 minutes.'
    query: 'requests | summarize total = count(), failed = countif(toint(resultCode) >= 500) | where total >= 20 and 100.0 * failed / total > 1'
  }
  {
    name: 'quarantaine'
    severity: 2
    description: 'A delivered file was moved to quarantaine (unreadable, or failed three times).'
    query: 'customEvents | where name == "bestand in quarantaine"'
  }
  {
    name: 'aanleveringen-vastgelopen'
    severity: 2
    description: 'Deliveries not finished an hour after their last change.'
    query: 'customEvents | where name == "aanleveringen vastgelopen" | where toint(customDimensions.aantal) > 0'
  }
  {
    name: 'broninname-mislukt'
    severity: 1
    description: 'A source registration\'s file was refused or quarantined: services work on the previous snapshot.'
    query: 'customEvents | where (name == "aanlevering afgerond" and customDimensions.status == "afgewezen") or name == "bestand in quarantaine" | where customDimensions.dienst == "bronnen"'
  }
  {
    name: 'beschikbaarheid-onder-norm'
    severity: 1
    description: 'The status route\'s availability over the last day is below the norm.'
    query: 'availabilityResults | where timestamp > ago(1d) | summarize availability = 100.0 * avg(toint(success)) | where availability < ${availabilityNorm}'
  }
]

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-ibnext-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'ibnext'
    enabled: true
    emailReceivers: [ { name: 'dienstdoende', emailAddress: operatorEmail, useCommonAlertSchema: true } ]
  }
}

resource statusTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: 'webtest-status-${resourceToken}'
  location: location
  tags: union(tags, { 'hidden-link:${applicationInsightsId}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: 'webtest-status-${resourceToken}'
    Name: 'IB-Next status'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [ { Id: 'emea-nl-ams-azr' }, { Id: 'emea-gb-db3-azr' }, { Id: 'emea-fr-pra-edge' }, { Id: 'emea-se-sto-edge' } ]
    Request: { RequestUrl: statusUrl, HttpVerb: 'GET', ParseDependentRequests: false }
    ValidationRules: { ExpectedHttpStatusCode: 200, SSLCheck: true, SSLCertRemainingLifetimeCheck: 14 }
  }
}

resource outage 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-storing-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    description: 'The status route fails from two or more locations: an outage, tell the organisations (POST /api/v1/storingen).'
    severity: 0
    enabled: true
    scopes: [ statusTest.id, applicationInsightsId ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: statusTest.id
      componentId: applicationInsightsId
      failedLocationCount: 2
    }
    actions: [ { actionGroupId: actionGroup.id } ]
  }
}

resource throttling 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-cosmos-throttling-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    description: 'Cosmos DB answers 429 (throttled) more than 100 times in 15 minutes.'
    severity: 2
    enabled: true
    scopes: [ cosmosAccountId ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'throttled'
          criterionType: 'StaticThresholdCriterion'
          metricName: 'TotalRequests'
          dimensions: [ { name: 'StatusCode', operator: 'Include', values: [ '429' ] } ]
          operator: 'GreaterThan'
          threshold: 100
          timeAggregation: 'Count'
        }
      ]
    }
    actions: [ { actionGroupId: actionGroup.id } ]
  }
}

// The persons' emmers of the source documents (shared/storage/emmers.py) are filled evenly
// by a keyed hash: the container's data over 64 is what each holds. Alert at 10 GiB each,
// half a logical partition's limit. A metric, not the account's partition statistics: those
// name the partition keys, and other containers are keyed by BSN.
var emmers = 64
var emmerAlertBytes = emmers * 10 * 1024 * 1024 * 1024

resource emmersFilling 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-bronfeiten-emmers-halfvol-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    description: 'The source documents (bronfeitenperemmer) hold more than 640 GiB: each of its 64 persons\' emmers about 10 GiB, half the 20 GB a logical partition may hold (shared/storage/emmers.py).'
    severity: 2
    enabled: true
    scopes: [ cosmosAccountId ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'bronfeiten'
          criterionType: 'StaticThresholdCriterion'
          metricName: 'DataUsage'
          dimensions: [ { name: 'CollectionName', operator: 'Include', values: [ 'bronfeitenperemmer' ] } ]
          operator: 'GreaterThan'
          threshold: emmerAlertBytes
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: [ { actionGroupId: actionGroup.id } ]
  }
}

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for alert in logAlerts: {
    name: 'alert-${alert.name}-${resourceToken}'
    location: location
    tags: tags
    properties: {
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [ applicationInsightsId ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
          }
        ]
      }
      actions: { actionGroups: [ actionGroup.id ] }
    }
  }
]

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, 'ib-next-productiecijfers')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'IB-Next productiecijfers'
    category: 'workbook'
    sourceId: applicationInsightsId
    serializedData: loadTextContent('workbook.json')
  }
}
