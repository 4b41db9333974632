"""Rates per 1,000 people and peer positions (planwatch.performance.stats)."""

from __future__ import annotations

import math

import pytest

from planwatch.performance.stats import peer_positions, rate_per_1000


def test_rate_per_1000():
    assert rate_per_1000(1234, 617000) == pytest.approx(2.0)
    assert rate_per_1000(5, 0) is None
    assert rate_per_1000(5, None) is None


def test_peer_positions_put_the_highest_first_and_share_ties():
    values = {"Beds": 50.0, "Cambs": 70.0, "Herts": 50.0, "Kent": 40.0}
    assert peer_positions(values) == {"Cambs": 1, "Beds": 2, "Herts": 2, "Kent": 4}
    assert peer_positions(values, polarity="higher") == peer_positions(values)


def test_peer_positions_put_the_lowest_first_when_lower_is_better():
    values = {"Beds": 50.0, "Cambs": 70.0, "Herts": 50.0, "Kent": 40.0}
    assert peer_positions(values, polarity="lower") == {
        "Kent": 1,
        "Beds": 2,
        "Herts": 2,
        "Cambs": 4,
    }


def test_peers_without_data_are_left_out():
    assert peer_positions({"Beds": None, "Cambs": 3.0, "Herts": math.nan}) == {"Cambs": 1}
