"""Exports of a stored database. JSON follows the contract in docs/export.md."""

from .json import export_json, build_export

__all__ = ["build_export", "export_json"]
