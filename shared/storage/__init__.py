"""Cosmos DB and Blob Storage behind small repository classes."""
