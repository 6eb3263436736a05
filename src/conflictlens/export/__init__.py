"""Exports of a stored database. JSON follows the contract in docs/export.md."""

from .json import build_export, export_json

__all__ = ["build_export", "export_json"]
