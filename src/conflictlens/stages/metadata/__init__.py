"""The metadata stage."""
