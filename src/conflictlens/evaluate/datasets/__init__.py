"""Loaders for the evaluation datasets in ``../shared/data`` (one module per dataset).

Each loader reads the files as published, returns typed gold records with character offsets
into the text it also returns, and sorts documents by name so ``--limit`` is deterministic.
"""
