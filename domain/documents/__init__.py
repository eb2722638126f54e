"""Accounting documents: their data and their renderers."""
