"""The law's amounts as operated data: parameter sets proposed, checked and approved by two
operators, stored in Cosmos DB, and read by every service from their ingangsdatum on."""
