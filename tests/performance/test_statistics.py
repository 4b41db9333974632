"""Significance tests, XmR charts and peer positions (planwatch.performance.stats).

scipy only checks the numbers here; the code under test is pure Python. Expected SPC means
and limits are worked by hand in each test, not computed with the module's helpers.
"""

from __future__ import annotations

import math
import random

import pytest

from planwatch.performance.stats import (
    TestResult,
    count_change_test,
    peer_positions,
    proportion_change_test,
    rate_per_1000,
    xmr,
)

# --- year-on-year change of a count -------------------------------------------------------


def test_count_test_matches_scipy_binomtest_for_every_pair_up_to_60():
    from scipy import stats as scipy_stats

    mismatches = []
    for this in range(61):
        for last in range(61):
            n = this + last
            expected = scipy_stats.binomtest(this, n, 0.5).pvalue if n else 1.0
            got = count_change_test(this, last).p_value
            if got != pytest.approx(expected, rel=1e-9, abs=0):
                mismatches.append((this, last, got, expected))
    assert mismatches == []


@pytest.mark.parametrize(
    ("this", "last"),
    [(5000, 5200), (5200, 5000), (4000, 5000), (20000, 21000), (150000, 151000), (300000, 299000)],
)
def test_count_test_matches_scipy_binomtest_for_large_counts(this, last):
    from scipy import stats as scipy_stats

    expected = scipy_stats.binomtest(this, this + last, 0.5).pvalue
    assert count_change_test(this, last).p_value == pytest.approx(expected, rel=1e-9, abs=0)


def test_no_events_in_either_year_is_comparable_with_p_value_one():
    result = count_change_test(0, 0)
    assert (result.p_value, result.significant, result.change) == (1.0, False, "comparable")


def test_equal_counts_have_p_value_one():
    assert count_change_test(123456, 123456).p_value == 1.0


@pytest.mark.parametrize(
    ("this", "last", "change"),
    [(80, 50, "significant increase"), (50, 80, "significant decrease"), (55, 50, "comparable")],
)
def test_count_test_names_the_direction_only_when_significant(this, last, change):
    result = count_change_test(this, last)
    assert result.change == change
    assert result.significant == (change != "comparable")
    assert result.statistic == this / (this + last)


def test_alpha_sets_the_significance_level():
    # 5000 against 5200 gives p = 0.0488
    assert count_change_test(5000, 5200).significant
    assert not count_change_test(5000, 5200, alpha=0.01).significant


def test_count_test_rejects_negative_counts():
    with pytest.raises(ValueError):
        count_change_test(-1, 5)


# --- proportions --------------------------------------------------------------------------


def _proportion_cases(count, seed=20240401):
    """Pairs of samples of one underlying rate (the z values that matter) and some far apart."""
    rng = random.Random(seed)
    for i in range(count):
        n1, n2 = rng.randint(1, 5000), rng.randint(1, 5000)
        if i % 4 == 0:
            yield rng.randint(0, n1), n1, rng.randint(0, n2), n2
            continue
        rate = rng.uniform(0.01, 0.99)

        def draw(n, rate=rate):
            spread = 1.5 * math.sqrt(n * rate * (1 - rate))
            return min(n, max(0, round(n * rate + rng.gauss(0, spread))))

        yield draw(n1), n1, draw(n2), n2


def test_proportion_test_matches_a_pooled_z_test_computed_with_scipy_norm():
    from scipy.stats import norm

    p_values = []
    for x1, n1, x2, n2 in _proportion_cases(800):
        pooled = (x1 + x2) / (n1 + n2)
        if pooled in (0, 1):
            continue
        z = (x1 / n1 - x2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        expected = 2 * norm.sf(abs(z))
        result = proportion_change_test(x1, n1, x2, n2)
        assert result.statistic == pytest.approx(z, rel=1e-12, abs=1e-12)
        # abs: p-values of the far-apart pairs underflow to (almost) nothing.
        assert result.p_value == pytest.approx(expected, rel=1e-9, abs=1e-300)
        assert result.significant == (expected < 0.05)
        p_values.append(expected)
    assert len(p_values) > 700
    assert sum(0.001 < p < 0.5 for p in p_values) > 200


@pytest.mark.parametrize(
    ("x1", "n1", "x2", "n2"), [(0, 10, 0, 20), (10, 10, 20, 20), (0, 0, 5, 10), (3, 10, 0, 0)]
)
def test_proportions_without_variance_are_comparable(x1, n1, x2, n2):
    result = proportion_change_test(x1, n1, x2, n2)
    assert (result.statistic, result.p_value, result.change) == (0.0, 1.0, "comparable")


def test_a_higher_proportion_this_period_is_a_significant_increase():
    # 60% of 500 against 50% of 500: pooled 0.55, z = 0.1 / sqrt(0.55 * 0.45 * 0.004) = 3.178
    result = proportion_change_test(300, 500, 250, 500)
    assert result.statistic == pytest.approx(3.1782086, rel=1e-7)
    assert result.change == "significant increase"
    assert proportion_change_test(250, 500, 300, 500).change == "significant decrease"


def test_proportion_test_rejects_impossible_counts():
    with pytest.raises(ValueError):
        proportion_change_test(11, 10, 5, 10)


# --- wording ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "polarity", "judgement"),
    [
        ("significant increase", "higher", "improving"),
        ("significant increase", "lower", "deteriorating"),
        ("significant increase", "neither", "significant increase"),
        ("significant decrease", "higher", "deteriorating"),
        ("significant decrease", "lower", "improving"),
        ("significant decrease", "neither", "significant decrease"),
        ("comparable", "higher", "no significant change"),
        ("comparable", "lower", "no significant change"),
        ("comparable", "neither", "no significant change"),
    ],
)
def test_judgement_reads_the_change_through_the_measures_polarity(change, polarity, judgement):
    significant = change != "comparable"
    result = TestResult(1.0, 0.01 if significant else 0.5, significant, change)
    assert result.judgement(polarity) == judgement


def test_judgement_rejects_an_unknown_polarity():
    with pytest.raises(ValueError):
        count_change_test(1, 2).judgement("up")


def test_fewer_crimes_is_improving():
    assert count_change_test(400, 500).judgement("lower") == "improving"


# --- SPC ----------------------------------------------------------------------------------


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


# --- peers --------------------------------------------------------------------------------


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
