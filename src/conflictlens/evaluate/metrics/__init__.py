"""Scoring functions: pure, no I/O, one module per kind of metric.

``spans`` (character spans), ``classification`` (labels), ``geo`` (distances),
``templates`` (MUC-4), ``attribution`` (PolNeAR), ``events`` (WikiEvents), ``heads``
(head words), ``matching`` (one-to-one assignment).
"""
