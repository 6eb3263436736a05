"""GeoWebNews suite: toponym recognition P/R/F1 and geocoding error.

Recognition: predicted place-name spans against gold mentions of type Literal, Mixed or
Embedded_Literal, exact spans and overlapping spans (one-to-one). Geocoding: every gold
mention with coordinates in its annotator note, any type; accuracy within 161 km, median
error and AUC of the log-error curve, with an unresolved mention at 20,039 km.
"""

from __future__ import annotations

from pathlib import Path

from ...settings import Settings
from .. import predictors
from ..base import SuiteResult, apply_limit, prediction_notes, require_dir
from ..datasets.geo import load_geo
from ..metrics.geo import accuracy_within, auc_log_error, median_error, mention_errors
from ..metrics.spans import Tally, exact_tally, overlap_tally


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    require_dir(data_dir, "geo", "GeoWebNews")
    docs, notes = apply_limit(load_geo(data_dir), limit)
    exact = Tally()
    overlap = Tally()
    errors: list[float] = []
    produced = 0
    geonames_only = 0
    for doc in docs:
        pred = predictors.predict_toponyms(doc.text, settings)
        produced += len(pred)
        gold_spans = [((m.start, m.end),) for m in doc.mentions if m.is_location]
        pred_spans = [((p.start, p.end),) for p in pred]
        exact = exact + exact_tally(gold_spans, pred_spans)
        overlap = overlap + overlap_tally(gold_spans, pred_spans)
        coords = [(m.start, m.end, m.lat, m.lon) for m in doc.mentions if m.lat is not None and m.lon is not None]
        geonames_only += sum(1 for m in doc.mentions if m.lat is None and m.geonames_id)
        errors += mention_errors(coords, pred)
    ex, ov = exact.prf(), overlap.prf()
    metrics = {
        "toponym_p_exact": ex.precision,
        "toponym_r_exact": ex.recall,
        "toponym_f1_exact": ex.f1,
        "toponym_p_overlap": ov.precision,
        "toponym_r_overlap": ov.recall,
        "toponym_f1_overlap": ov.f1,
        "acc_161km": accuracy_within(errors),
        "median_error_km": median_error(errors),
        "auc_log_error": auc_log_error(errors),
    }
    notes += prediction_notes("predict_toponyms", "toponym recognition and geocoding", produced, len(docs))
    notes.append(
        f"geocoding scored on {len(errors)} gold mentions with lat/lon; {geonames_only} mentions "
        "with only a GeoNames id are not scored (no GeoNames table is shipped)"
    )
    details = {
        "gold_locations": int(exact.n_gold),
        "geocoded_mentions": len(errors),
        "geonames_only_mentions": geonames_only,
        "predicted_toponyms": produced,
    }
    return SuiteResult("geo", metrics, len(docs), notes, details)
