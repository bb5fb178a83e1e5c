// The function app's user-assigned managed identity: every data-plane role is granted to it.
@description('Name of the identity.')
param name string
@description('Azure region.')
param location string
@description('Resource tags.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
