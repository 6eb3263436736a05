"""Adapters from conflictlens records to the shapes the evaluation datasets score."""
