"""Significance tests of a change from one year to the next (planwatch.performance.stats):
of a count, of a proportion, and how the result is worded for a measure's polarity.

scipy only checks the numbers here; the code under test is pure Python.
"""

from __future__ import annotations

import math
import random

import pytest

from planwatch.performance.stats import TestResult, count_change_test, proportion_change_test

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
