"""GeoWebNews suite: toponym recognition P/R/F1 and geocoding error.

Recognition: predicted place-name spans against gold mentions of type Literal, Mixed or
Embedded_Literal, exact spans and overlapping spans (one-to-one). Geocoding: every gold
mention with coordinates in its annotator note, any type; accuracy within 161 km, median
error and AUC of the log-error curve, with an unresolved mention at 20,039 km.

The ``spans_*`` metrics score the geocoder alone: it is given the gold spans (both sets
above) and resolves each in its article's context (``predict_geocodes``).

A second geocoding set (``ids_acc_161km``, ``ids_median_error_km``, ``ids_auc_log_error``,
``ids_n``) scores the same mentions (any type) the same way, over every gold mention whose
coordinates come from its explicit ``lat, lon`` note or else from its GeoNames id looked up
in our packaged gazetteer (``Gazetteer.by_geonames_id``). Those ids are only the ones our
packaged GeoNames subset knows (countries and populated places above the population cut;
first- and second-level areas carry ISO 3166-2 ids, so GeoNames ids of states and provinces
are not found), which biases this set toward larger places. Mentions whose id is not in the
gazetteer cannot be scored; their count is in the notes and ``details``.
"""

from __future__ import annotations

from pathlib import Path

from ...lang.gazetteer.gazetteer import load_gazetteer
from ...settings import Settings
from .. import predictors
from ..base import SuiteResult, apply_limit, prediction_notes, require_dir
from ..datasets.geo import load_geo
from ..metrics.geo import (
    accuracy_within,
    auc_log_error,
    gold_coordinates,
    median_error,
    mention_errors,
)
from ..metrics.spans import Tally, exact_tally, overlap_tally


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    require_dir(data_dir, "geo", "GeoWebNews")
    docs, notes = apply_limit(load_geo(data_dir), limit)
    exact = Tally()
    overlap = Tally()
    errors: list[float] = []
    id_errors: list[float] = []
    produced = 0
    geonames_only = 0
    unscorable = 0
    gazetteer = load_gazetteer(settings)

    def lookup(gid: int) -> tuple[float, float] | None:
        place = gazetteer.by_geonames_id(gid)
        return None if place is None else (place.lat, place.lon)
    span_errors: list[float] = []
    span_id_errors: list[float] = []
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
        id_coords, missing = gold_coordinates(
            ((m.start, m.end, m.lat, m.lon, m.geonames_id) for m in doc.mentions), lookup)
        unscorable += missing
        id_errors += mention_errors(id_coords, pred)
        # the geocoder alone: the gold spans are given, each is resolved in the article's context
        placed = predictors.predict_geocodes(doc.text, [(s, e) for s, e, _, _ in id_coords], settings)
        span_id_errors += mention_errors(id_coords, placed)
        explicit = {(s, e) for s, e, _, _ in coords}
        span_errors += mention_errors([c for c in id_coords if (c[0], c[1]) in explicit],
                                      [p for p in placed if (p.start, p.end) in explicit])
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
        "ids_acc_161km": accuracy_within(id_errors),
        "ids_median_error_km": median_error(id_errors),
        "ids_auc_log_error": auc_log_error(id_errors),
        "ids_n": float(len(id_errors)),
        "spans_acc_161km": accuracy_within(span_errors),
        "spans_median_error_km": median_error(span_errors),
        "spans_auc_log_error": auc_log_error(span_errors),
        "spans_ids_acc_161km": accuracy_within(span_id_errors),
        "spans_ids_median_error_km": median_error(span_id_errors),
        "spans_ids_auc_log_error": auc_log_error(span_id_errors),
    }
    notes += prediction_notes("predict_toponyms", "toponym recognition and geocoding", produced, len(docs))
    notes.append(
        f"geocoding scored on {len(errors)} gold mentions with lat/lon; {geonames_only} mentions "
        "with only a GeoNames id are not scored here (see the ids_* set)"
    )
    notes.append(
        f"ids_* geocoding scored on {len(id_errors)} gold mentions (any type) with lat/lon or a "
        f"GeoNames id found in our packaged gazetteer; {unscorable} mentions whose GeoNames id it "
        "does not hold are unscorable and left out. The ids are only those our packaged GeoNames "
        "subset knows (countries and populated places; not states or provinces), which biases "
        "this set toward larger places"
    )
    notes.append(
        "spans_*: the geocoder alone, given the gold spans (predict_geocodes): the same mentions as "
        "acc_161km (explicit lat/lon) and as ids_* (lat/lon or a GeoNames id our gazetteer holds), each "
        "resolved in its article's context; a name the gazetteer cannot place goes to the article's focus")
    details = {
        "gold_locations": int(exact.n_gold),
        "geocoded_mentions": len(errors),
        "geonames_only_mentions": geonames_only,
        "ids_geocoded_mentions": len(id_errors),
        "ids_unscorable_mentions": unscorable,
        "predicted_toponyms": produced,
    }
    return SuiteResult("geo", metrics, len(docs), notes, details)
