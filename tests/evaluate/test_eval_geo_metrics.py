"""Great-circle distance, acc@161, median and AUC of log error, by hand."""

import math

import pytest

from conflictlens.evaluate.metrics.geo import (
    EARTH_RADIUS_KM,
    UNRESOLVED_KM,
    accuracy_within,
    auc_log_error,
    gold_coordinates,
    great_circle_km,
    median_error,
    mention_errors,
)
from conflictlens.evaluate.records import PredToponym

ONE_DEGREE_KM = math.pi * EARTH_RADIUS_KM / 180  # about 111.195 km


def test_great_circle():
    assert great_circle_km(10, 20, 10, 20) == 0.0
    assert great_circle_km(0, 0, 1, 0) == pytest.approx(ONE_DEGREE_KM)
    assert great_circle_km(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_KM)
    assert great_circle_km(0, 0, 90, 0) == pytest.approx(math.pi * EARTH_RADIUS_KM / 2)


def test_accuracy_within_161_is_inclusive():
    assert accuracy_within([0, 160, 161, 162]) == pytest.approx(0.75)
    assert accuracy_within([]) == 0.0


def test_median():
    assert median_error([5, 1, 3]) == 3
    assert median_error([1, 2, 3, 10]) == 2.5
    assert median_error([]) == UNRESOLVED_KM


def test_auc_of_log_error():
    assert auc_log_error([0, 0]) == 0.0  # perfect
    assert auc_log_error([UNRESOLVED_KM] * 3) == pytest.approx(1.0)  # all unresolved
    # sorted logs [0, L]: trapezoid L/2 over L * 1 -> 0.5
    assert auc_log_error([UNRESOLVED_KM, 0]) == pytest.approx(0.5)
    # sorted logs [0, 0, L]: area 0 + L/2 over L * 2 -> 0.25
    assert auc_log_error([0, UNRESOLVED_KM, 0]) == pytest.approx(0.25)
    assert auc_log_error([]) == 1.0


def test_mention_errors_prefers_exact_span_then_overlap():
    gold = [
        (10, 20, 0.0, 0.0),  # exact prediction 1 degree north, wider one at 0 km
        (30, 40, 0.0, 0.0),  # nothing predicted -> unresolved
        (50, 60, 0.0, 0.0),  # overlapping prediction without coordinates -> unresolved
        (70, 80, 0.0, 0.0),  # overlapping prediction 1 degree east
    ]
    pred = [
        PredToponym(10, 20, 1.0, 0.0),
        PredToponym(5, 25, 0.0, 0.0),
        PredToponym(55, 65),
        PredToponym(75, 85, 0.0, 1.0),
    ]
    errors = mention_errors(gold, pred)
    assert errors == pytest.approx([ONE_DEGREE_KM, UNRESOLVED_KM, UNRESOLVED_KM, ONE_DEGREE_KM])


def test_gold_coordinates_from_lat_lon_or_a_looked_up_geonames_id():
    # invented ids; a dict stands in for the gazetteer
    known = {111: (0.0, 0.0), 222: (10.0, 10.0)}
    asked: list[int] = []

    def lookup(gid):
        asked.append(gid)
        return known.get(gid)

    mentions = [
        (0, 5, 1.0, 0.0, "999"),  # explicit lat/lon wins over the (unknown) id
        (10, 15, None, None, "111"),  # id found
        (20, 25, None, None, " 222 "),  # id found (whitespace in the note)
        (30, 35, None, None, "333"),  # id not in the gazetteer -> unscorable
        (40, 45, None, None, None),  # neither -> not a geocoding mention at all
        (50, 55, None, None, "abc"),  # not a numeric id -> ignored
    ]
    coords, unscorable = gold_coordinates(mentions, lookup)
    assert coords == [(0, 5, 1.0, 0.0), (10, 15, 0.0, 0.0), (20, 25, 10.0, 10.0)]
    assert unscorable == 1
    assert asked == [111, 222, 333]  # explicit coordinates never consult the lookup

    pred = [
        PredToponym(0, 5, 0.0, 0.0),  # 1 degree off
        PredToponym(12, 20, 0.0, 0.0),  # overlaps 10-15 -> exact
        PredToponym(30, 35, 5.0, 5.0),  # the unscorable mention: not counted anywhere
    ]
    errors = mention_errors(coords, pred)  # 20-25 has no prediction -> unresolved
    assert errors == pytest.approx([ONE_DEGREE_KM, 0.0, UNRESOLVED_KM])
    assert accuracy_within(errors) == pytest.approx(2 / 3)
    assert median_error(errors) == pytest.approx(ONE_DEGREE_KM)
