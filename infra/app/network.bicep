// Optional network isolation: a VNet with a subnet for the function app's outbound traffic
// (delegated to Flex Consumption) and one for the private endpoints.
@description('Name of the virtual network.')
param name string
@description('Azure region.')
param location string
@description('Resource tags.')
param tags object

resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [ '10.20.0.0/16' ] }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: '10.20.1.0/24'
          delegations: [ { name: 'flex', properties: { serviceName: 'Microsoft.App/environments' } } ]
        }
      }
      {
        name: 'private-endpoints'
        properties: { addressPrefix: '10.20.2.0/24', privateEndpointNetworkPolicies: 'Disabled' }
      }
    ]
  }
}

output vnetId string = vnet.id
output appSubnetId string = vnet.properties.subnets[0].id
output privateEndpointSubnetId string = vnet.properties.subnets[1].id
