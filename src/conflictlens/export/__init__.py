"""Exports of a stored database. JSON follows the contract in docs/export.md; CSV uses
ACLED's column names, one row per reported event (export/acled.py)."""

from .acled import export_acled_csv
from .json import build_export, export_json
from .parquet import export_parquet

__all__ = ["build_export", "export_acled_csv", "export_json", "export_parquet"]
FORMATS = {"json": export_json, "acled-csv": export_acled_csv, "parquet": export_parquet}
