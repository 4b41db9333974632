"""Is a change between two periods real? Exact and z tests in pure Python (no scipy, no Django).

Cambridgeshire's reports only say demand "increased significantly" when a test says so, and
otherwise that it "remained comparable". These functions give that verdict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Change = Literal["significant increase", "significant decrease", "comparable"]
Polarity = Literal["higher", "lower", "neither"]
Judgement = Literal["improving", "deteriorating", "no significant change"]

POLARITIES = ("higher", "lower", "neither")
ALPHA = 0.05

# Tail terms below this fraction of the running sum cannot change a float result.
_NEGLIGIBLE = 1e-17
_LOG_SQRT_2PI = 0.5 * math.log(2 * math.pi)


def check_polarity(polarity: str) -> None:
    """Raise ValueError unless polarity is "higher", "lower" or "neither"."""
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be one of {POLARITIES}, not {polarity!r}")


@dataclass(frozen=True)
class TestResult:
    """The outcome of a two-sided test of change.

    statistic: the test's own statistic (see each test); p_value: two-sided; significant:
    p_value < alpha; change: "significant increase", "significant decrease" or "comparable".
    """

    __test__ = False  # not a pytest test class, despite the name

    statistic: float
    p_value: float
    significant: bool
    change: Change

    def judgement(self, polarity: Polarity) -> Judgement | Change:
        """Say what the change means for a measure where *polarity* values are better.

        "higher" or "lower": "improving", "deteriorating" or "no significant change".
        "neither": the change phrase itself when significant, else "no significant change".
        """
        check_polarity(polarity)
        if not self.significant:
            return "no significant change"
        if polarity == "neither":
            return self.change
        went_up = self.change == "significant increase"
        return "improving" if went_up == (polarity == "higher") else "deteriorating"


def _result(statistic: float, p_value: float, direction: float, alpha: float) -> TestResult:
    significant = p_value < alpha and direction != 0
    change: Change = "comparable"
    if significant:
        change = "significant increase" if direction > 0 else "significant decrease"
    return TestResult(statistic, p_value, significant, change)


def _stirling_error(n: int) -> float:
    """log(n!) - log(sqrt(2 pi n) (n/e)^n), by its asymptotic series when n is large."""
    if n <= 15:
        return math.lgamma(n + 1) - (n + 0.5) * math.log(n) + n - _LOG_SQRT_2PI
    n2 = n * n
    return (1 / 12 - (1 / 360 - (1 / 1260 - 1 / (1680 * n2)) / n2) / n2) / n


def _deviance(x: int, mean: float) -> float:
    """x log(x / mean) + mean - x, without the cancellation of computing it that way."""
    return x * math.log1p((x - mean) / mean) - (x - mean)


def _log_binomial_half_pmf(k: int, n: int) -> float:
    """log P(X = k) for X ~ Binomial(n, 1/2), with 0 < k < n.

    Loader's saddle-point form (as R's dbinom uses): differencing three lgamma values near
    n log n would lose about 1e-9 of relative accuracy once n reaches a few hundred thousand.
    """
    half = n / 2
    return (
        _stirling_error(n)
        - _stirling_error(k)
        - _stirling_error(n - k)
        - _deviance(k, half)
        - _deviance(n - k, half)
        + 0.5 * math.log(n / (k * (n - k)))
        - _LOG_SQRT_2PI
    )


def _log_binomial_half_lower_tail(k: int, n: int) -> float:
    """log P(X <= k) for X ~ Binomial(n, 1/2), with k < n / 2."""
    if k == 0:
        return -n * math.log(2)
    # Sum pmf(j) / pmf(k) downwards from j = k; the ratios only shrink, so nothing overflows
    # and the loop stops once further terms are negligible (a few thousand steps at most).
    total, term = 1.0, 1.0
    for j in range(k, 0, -1):
        term *= j / (n - j + 1)
        total += term
        if term < total * _NEGLIGIBLE:
            break
    return _log_binomial_half_pmf(k, n) + math.log(total)


def count_change_test(this: int, last: int, *, alpha: float = ALPHA) -> TestResult:
    """Exact test that two periods' counts (e.g. crimes this year and last) share one rate.

    Conditional on the total n = this + last, no change means this ~ Binomial(n, 1/2) (the
    exact test for two Poisson counts over equal exposure). The p-value is twice the smaller
    tail, capped at 1, as scipy.stats.binomtest(this, n, 0.5).pvalue gives; n = 0 gives 1.
    statistic is this / n, the share of the total falling in this period (0.5 when n = 0).
    """
    if this < 0 or last < 0:
        raise ValueError("counts cannot be negative")
    n = this + last
    if n == 0:
        return _result(0.5, 1.0, 0, alpha)
    smaller = min(this, last)
    if 2 * smaller == n:
        p_value = 1.0
    else:
        p_value = min(1.0, 2 * math.exp(_log_binomial_half_lower_tail(smaller, n)))
    return _result(this / n, p_value, this - last, alpha)


def proportion_change_test(
    x1: int, n1: int, x2: int, n2: int, *, alpha: float = ALPHA
) -> TestResult:
    """Two-sided two-proportion z-test with pooled variance (statsmodels' proportions_ztest).

    x1 of n1 is this period, x2 of n2 the period compared with; statistic is
    z = (x1/n1 - x2/n2) / sqrt(p(1 - p)(1/n1 + 1/n2)) with p = (x1 + x2) / (n1 + n2), so a
    positive z is an increase. With no variance (n = 0, or p of 0 or 1) z = 0 and p = 1.
    """
    for x, n in ((x1, n1), (x2, n2)):
        if n < 0 or not 0 <= x <= n:
            raise ValueError("need 0 <= successes <= trials")
    if n1 == 0 or n2 == 0:
        return _result(0.0, 1.0, 0, alpha)
    pooled = (x1 + x2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if variance <= 0:
        return _result(0.0, 1.0, 0, alpha)
    z = (x1 / n1 - x2 / n2) / math.sqrt(variance)
    return _result(z, math.erfc(abs(z) / math.sqrt(2)), z, alpha)
