"""Pydantic models: requests, responses, file records and stored documents."""
