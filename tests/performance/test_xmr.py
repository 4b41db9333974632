"""XmR charts (planwatch.performance.stats.xmr): limits, screening of large moving ranges,
the signals (outside the limits, shift, trend, two of three), their direction and
variation by polarity, and series breaks.

Expected means and limits are worked by hand in each test, not computed with the
module's helpers.
"""

from __future__ import annotations

import math

import pytest

from planwatch.performance.stats import xmr


def flagged(points):
    return {i: point.signals for i, point in enumerate(points) if point.signals}


def alternating(n=40):
    """10, 12, 10, 12, ...: mean 11, every moving range 2."""
    return [10.0 if i % 2 == 0 else 12.0 for i in range(n)]


def test_a_flat_series_has_no_signals_and_limits_on_the_mean():
    points = xmr([5.0] * 10)
    assert [(p.mean, p.lower, p.upper) for p in points] == [(5.0, 5.0, 5.0)] * 10
    assert flagged(points) == {}
    assert {p.variation for p in points} == {"common"}
    assert {p.direction for p in points} == {None}


def test_an_empty_series_gives_no_points():
    assert xmr([]) == []


def test_one_spike_is_outside_the_limits():
    values = alternating(20)
    values[9] = 30.0
    # mean = (10 x 10 + 12 x 9 + 30) / 20 = 11.9. Moving ranges: 17 of 2 and two of 20,
    # MR-bar 74/19 = 3.89; 20 >= 3.267 x 3.89 = 12.7 is screened, so MR-bar = 34/17 = 2.
    points = xmr(values)
    for point in points:
        assert point.mean == pytest.approx(11.9)
        assert point.upper == pytest.approx(11.9 + 2.66 * 2)
        assert point.lower == pytest.approx(11.9 - 2.66 * 2)
    assert flagged(points) == {9: ["outside-limits"]}
    assert points[9].direction == "higher"
    assert points[9].value == 30.0


def test_screening_a_large_moving_range_narrows_the_limits():
    values = alternating()
    values[5], values[14] = 42.0, -20.0  # +30 and -30: the mean stays 11
    values[25], values[32] = 19.0, 3.0  # +7 and -7, each 9 from its neighbours
    # Moving ranges: four of 32 (around 42 and -20), four of 9 and 31 of 2: 226 in all,
    # MR-bar 226/39 = 5.795. Screening drops the 32s (>= 3.267 x 5.795 = 18.9): MR-bar 98/35.
    screened = xmr(values)
    assert screened[0].mean == 11.0
    assert screened[0].upper == pytest.approx(11 + 2.66 * 98 / 35)  # 18.448
    assert screened[0].lower == pytest.approx(11 - 2.66 * 98 / 35)  # 3.552
    assert flagged(screened) == {i: ["outside-limits"] for i in (5, 14, 25, 32)}

    unscreened = xmr(values, screen_outliers=False)
    assert unscreened[0].upper == pytest.approx(11 + 2.66 * 226 / 39)  # 26.414
    assert unscreened[0].lower == pytest.approx(11 - 2.66 * 226 / 39)  # -4.414
    assert flagged(unscreened) == {i: ["outside-limits"] for i in (5, 14)}


def test_seven_points_above_the_mean_are_a_shift():
    values = [9, 11, 9, 11, 9] + [11] * 7 + [9, 11, 9, 11, 9]
    # mean = 175/17 = 10.29; MR-bar = 20/16 = 1.25, so 9 and 11 are well inside the limits.
    points = xmr(values)
    assert points[0].mean == pytest.approx(175 / 17)
    assert points[0].upper == pytest.approx(175 / 17 + 2.66 * 1.25)
    assert flagged(points) == {i: ["shift"] for i in range(5, 12)}
    assert {points[i].direction for i in range(5, 12)} == {"higher"}


def test_six_points_above_the_mean_are_not_a_shift():
    values = [9, 11, 9, 11, 9] + [11] * 6 + [9, 11, 9, 11, 9]
    assert flagged(xmr(values)) == {}


def test_a_point_exactly_on_the_mean_breaks_a_run():
    values = [9, 11, 9, 11, 9] + [11, 11, 11, 10.25, 11, 11, 11] + [9, 11, 9, 11, 9]
    # mean = (164 + 10.25) / 17 = 10.25 exactly, so the middle point is on neither side.
    points = xmr(values)
    assert points[8].mean == 10.25
    assert flagged(points) == {}

    values[8] = 10.5  # now above the mean (174.5/17 = 10.26): seven in a row
    assert flagged(xmr(values)) == {i: ["shift"] for i in range(5, 12)}


TREND = [10, 12, 10, 12, 10] + [9, 9.5, 10, 10.5, 11, 11.5, 12] + [10, 12, 10, 12]


def test_seven_points_rising_are_a_trend():
    # mean = 171.5/16 = 10.72; MR-bar = (8 x 2 + 1 + 6 x 0.5) / 15 = 20/15: no other signal.
    points = xmr(TREND, polarity="higher")
    assert points[0].mean == pytest.approx(171.5 / 16)
    assert points[0].upper == pytest.approx(171.5 / 16 + 2.66 * 20 / 15)
    assert flagged(points) == {i: ["trend"] for i in range(5, 12)}
    # The rising run is improvement even where it is still below the mean (9 < 10.72).
    assert {points[i].variation for i in range(5, 12)} == {"improvement"}


def test_six_points_rising_are_not_a_trend():
    values = [10, 12, 10, 12, 10] + [9.5, 10, 10.5, 11, 11.5, 12] + [10, 12, 10, 12]
    assert flagged(xmr(values)) == {}


def test_a_falling_trend_is_a_concern_when_higher_is_better():
    falling = [22 - v for v in TREND]
    points = xmr(falling, polarity="higher")
    assert flagged(points) == {i: ["trend"] for i in range(5, 12)}
    assert {points[i].direction for i in range(5, 12)} == {"lower"}
    assert {points[i].variation for i in range(5, 12)} == {"concern"}
    assert points[5].variation == "concern"
    assert xmr(falling, polarity="lower")[5].variation == "improvement"


def test_two_of_three_near_the_upper_limit_flags_the_two():
    values = alternating()
    values[20] = values[22] = 16.0  # 12, 16, 12, 16, 12
    # mean = 452/40 = 11.3; moving ranges four of 4 and 35 of 2: MR-bar 86/39 = 2.205.
    near_upper = 11.3 + (2 / 3) * 2.66 * 86 / 39  # 15.21
    upper = 11.3 + 2.66 * 86 / 39  # 17.17
    assert near_upper < 16 < upper
    points = xmr(values)
    assert points[0].upper == pytest.approx(upper)
    assert flagged(points) == {20: ["two-of-three"], 22: ["two-of-three"]}


def test_two_of_three_needs_all_three_on_the_same_side_of_the_mean():
    values = alternating()
    values[19] = values[21] = 16.0  # 16, 10, 16: the middle point is below the mean
    # mean = 448/40 = 11.2; MR-bar = (4 x 6 + 35 x 2) / 39 = 94/39.
    assert 11.2 + (2 / 3) * 2.66 * 94 / 39 < 16 < 11.2 + 2.66 * 94 / 39
    assert flagged(xmr(values)) == {}


def test_a_point_outside_the_limits_does_not_count_towards_two_of_three():
    values = alternating()
    values[20], values[22] = 18.0, 16.0  # 12, 18, 12, 16, 12
    # mean = 454/40 = 11.35; MR-bar = (2 x 6 + 2 x 4 + 35 x 2) / 39 = 90/39 = 2.308.
    assert 18 > 11.35 + 2.66 * 90 / 39  # 17.49: outside
    assert 11.35 + (2 / 3) * 2.66 * 90 / 39 < 16  # 15.44: near the limit
    assert flagged(xmr(values)) == {20: ["outside-limits"]}


def test_two_of_three_near_the_lower_limit_is_a_concern_when_higher_is_better():
    values = alternating()
    values[20] = values[22] = 16.0
    mirrored = [22 - v for v in values]  # 10, 6, 10, 6, 10 around a mean of 10.7
    points = xmr(mirrored, polarity="higher")
    assert flagged(points) == {20: ["two-of-three"], 22: ["two-of-three"]}
    assert (points[20].direction, points[20].variation) == ("lower", "concern")
    assert points[21].variation == "common"


@pytest.mark.parametrize(
    ("polarity", "variation"),
    [("higher", "improvement"), ("lower", "concern"), ("neither", "neither")],
)
def test_a_high_spike_is_classed_by_polarity(polarity, variation):
    values = alternating(20)
    values[9] = 30.0
    points = xmr(values, polarity=polarity)
    assert points[9].variation == variation
    assert {p.variation for i, p in enumerate(points) if i != 9} == {"common"}


def test_a_trend_decides_the_direction_over_a_shift():
    values = [14, 12] * 3 + [11, 11.25, 11.5, 11.75, 12, 12.25, 12.5] + [12, 14, 12, 14, 12, 14]
    # mean = 238.25/19 = 12.54: points 5 to 13 are all below it, 6 to 12 rise.
    points = xmr(values, polarity="higher")
    assert points[0].mean == pytest.approx(238.25 / 19)
    assert flagged(points) == {
        5: ["shift"],
        **{i: ["shift", "trend"] for i in range(6, 13)},
        13: ["shift"],
    }
    assert {points[i].variation for i in range(6, 13)} == {"improvement"}
    assert points[5].variation == points[13].variation == "concern"


def test_a_series_break_starts_a_new_baseline():
    values = [10, 12] * 4 + [20, 22] * 4
    assert all("shift" in p.signals for p in xmr(values))  # one baseline: two long runs

    points = xmr(values, break_at=[8])
    # Each segment: mean 11 (then 21), seven moving ranges of 2; the jump 12 -> 20 is neither's.
    assert [(p.mean, p.lower, p.upper) for p in points[:8]] == [
        (11, pytest.approx(11 - 5.32), pytest.approx(11 + 5.32))
    ] * 8
    assert [(p.mean, p.lower, p.upper) for p in points[8:]] == [
        (21, pytest.approx(21 - 5.32), pytest.approx(21 + 5.32))
    ] * 8
    assert flagged(points) == {}


def test_runs_do_not_cross_a_series_break():
    before = [10, 12, 10, 12, 10, 11.5, 11.5, 11.5, 11.5]  # mean 100/9 = 11.11: last 4 above
    after = [21.5, 21.5, 21.5, 20, 22, 20, 22, 20, 22]  # mean 190.5/9 = 21.17: first 3 above
    points = xmr(before + after, break_at=[9])
    assert points[0].mean == pytest.approx(100 / 9)
    assert points[9].mean == pytest.approx(190.5 / 9)
    assert flagged(points) == {}


def test_a_one_point_segment_has_its_limits_on_its_value():
    points = xmr([10, 12, 10, 50], break_at=[3])
    assert (points[3].mean, points[3].lower, points[3].upper) == (50, 50, 50)
    assert flagged(points) == {}


@pytest.mark.parametrize("kwargs", [{"polarity": "up"}, {"break_at": [5]}, {"break_at": [-1]}])
def test_xmr_rejects_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        xmr([1, 2, 3, 4, 5], **kwargs)


def test_xmr_rejects_missing_values():
    with pytest.raises(ValueError):
        xmr([1, 2, math.nan])
