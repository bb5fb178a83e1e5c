// Event Grid: a system topic on the storage account and one subscription per blob-triggered
// function, filtered on BlobCreated and the function's container path. The subscriptions
// are created once the code is deployed (their webhook needs the blobs_extension key).
@description('Name of the system topic.')
param name string
@description('Azure region.')
param location string
@description('Resource tags.')
param tags object
@description('Resource id of the storage account.')
param storageAccountId string
@description('Name of the function app.')
param functionAppName string
@description('Create the subscriptions (after the first code deployment).')
param createSubscriptions bool

@description('Blob-triggered functions and the path prefix each handles; the code declares the same with @blob_trigger(path=...).')
var subscriptions = [
  { function: 'proefaanlevering_ontvangen', prefix: '/blobServices/default/containers/aanleveringen/blobs/proefaanlevering/' }
  { function: 'rechtmatigheid_ontvangen', prefix: '/blobServices/default/containers/aanleveringen/blobs/rechtmatigheid/' }
  { function: 'kwijtschelding_ontvangen', prefix: '/blobServices/default/containers/aanleveringen/blobs/kwijtschelding/' }
  { function: 'ggk_ontvangen', prefix: '/blobServices/default/containers/aanleveringen/blobs/ggk/' }
  { function: 'minimatoets_ontvangen', prefix: '/blobServices/default/containers/aanleveringen/blobs/inkomens-en-vermogenstoets/' }
  { function: 'proactief_ontvangen', prefix: '/blobServices/default/containers/aanleveringen/blobs/proactieve-dienstverlening/' }
  { function: 'vsv_ontvangen', prefix: '/blobServices/default/containers/aanleveringen/blobs/vsv/' }
  { function: 'bron_ontvangen', prefix: '/blobServices/default/containers/bronnen/blobs/' }
  { function: 'storing_verdelen', prefix: '/blobServices/default/containers/storingberichten/blobs/meldingen/' }
  { function: 'storing_bezorgen', prefix: '/blobServices/default/containers/storingberichten/blobs/bezorgingen/' }
  { function: 'herberekening_uitvoeren', prefix: '/blobServices/default/containers/taken/blobs/herberekeningen/opdrachten/' }
]

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource blobSubscriptions 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2024-06-01-preview' = [
  for subscription in subscriptions: if (createSubscriptions) {
    parent: topic
    name: replace(subscription.function, '_', '-')
    properties: {
      destination: {
        endpointType: 'WebHook'
        properties: {
          endpointUrl: 'https://${site.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${subscription.function}&code=${listKeys('${site.id}/host/default', '2024-04-01').systemKeys.blobs_extension}'
        }
      }
      filter: {
        includedEventTypes: [ 'Microsoft.Storage.BlobCreated' ]
        subjectBeginsWith: subscription.prefix
      }
      eventDeliverySchema: 'EventGridSchema'
      retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 }
    }
  }
]
