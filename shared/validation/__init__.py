"""Identifiers and file/record checks."""
