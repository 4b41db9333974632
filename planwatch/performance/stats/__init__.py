"""Statistics for performance measures, in pure Python (no Django, no numpy or scipy).

- significance: has a count or a proportion changed between two periods?
- spc: XmR charts and special-cause variation, as in NHS England's Making Data Count.
- peers: rates per 1,000 population and positions among a Most Similar Group.
"""

from __future__ import annotations

from planwatch.performance.stats.peers import peer_positions, rate_per_1000
from planwatch.performance.stats.significance import (
    TestResult,
    count_change_test,
    proportion_change_test,
)
from planwatch.performance.stats.spc import SpcPoint, xmr

__all__ = [
    "SpcPoint",
    "TestResult",
    "count_change_test",
    "peer_positions",
    "proportion_change_test",
    "rate_per_1000",
    "xmr",
]
