"""The forward plan: expected papers matched to meetings, gaps flagged, and what is due next."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from planwatch.governance.forward_plan import Expected, Sitting, due_next, forward_plan
from planwatch.governance.models import Access, PaperKind
from planwatch.governance.months import Month, months_from
from planwatch.governance.selectors import forward_plan_for
from tests.governance import builders

PANEL, BCB, JAC = 1, 2, 3
DELIVERY = Expected(PANEL, "delivery_monitoring", "Delivery", months=frozenset({9, 11, 3}))
ANNUAL = Expected(PANEL, "annual", "Annual Report", months=frozenset({6}))
PERFORMANCE = Expected(BCB, "performance", "Performance", every_meeting=True)
# September 2026 to August 2027.
YEAR = months_from(Month(2026, 9), 12)


def _rows(plan) -> list[tuple[str, str, dt.date | None]]:
    return [
        (paper.month.label, paper.expected.title, paper.meeting and paper.meeting.day)
        for paper in plan.papers
    ]


def test_each_expected_month_gets_the_bodys_meeting_in_that_month_or_is_flagged():
    sittings = [
        Sitting(PANEL, dt.date(2026, 9, 8)),
        Sitting(PANEL, dt.date(2026, 11, 17)),
        Sitting(PANEL, dt.date(2027, 2, 2)),
        Sitting(BCB, dt.date(2027, 3, 1)),  # another body's meeting does not count
    ]

    plan = forward_plan([DELIVERY, ANNUAL], sittings, YEAR)

    assert _rows(plan) == [
        ("September 2026", "Delivery", dt.date(2026, 9, 8)),
        ("November 2026", "Delivery", dt.date(2026, 11, 17)),
        ("March 2027", "Delivery", None),
        ("June 2027", "Annual Report", None),
    ]
    assert [paper.month.label for paper in plan.missing] == ["March 2027", "June 2027"]
    assert plan.gaps == 2


def test_a_cancelled_meeting_leaves_the_paper_without_a_meeting_and_says_why():
    cancelled = Sitting(PANEL, dt.date(2026, 9, 8), cancelled=True)

    plan = forward_plan([DELIVERY], [cancelled], YEAR[:1])

    [paper] = plan.papers
    assert paper.missing
    assert paper.cancelled is cancelled


def test_of_two_meetings_in_a_month_the_one_with_the_paper_on_its_agenda_is_chosen():
    first = Sitting(PANEL, dt.date(2026, 9, 1))
    second = Sitting(PANEL, dt.date(2026, 9, 22), paper_kinds=frozenset({"delivery_monitoring"}))
    cancelled_first = Sitting(PANEL, dt.date(2026, 9, 1), cancelled=True)

    assert forward_plan([DELIVERY], [first, second], YEAR).papers[0].meeting is second
    assert forward_plan([DELIVERY], [second, first], YEAR).papers[0].on_agenda
    plain = Sitting(PANEL, dt.date(2026, 9, 22))
    assert forward_plan([DELIVERY], [plain, first], YEAR).papers[0].meeting is first
    assert forward_plan([DELIVERY], [cancelled_first, plain], YEAR).papers[0].meeting is plain


def test_a_paper_for_every_meeting_goes_to_each_meeting_held_in_the_window():
    held = [Sitting(BCB, dt.date(2026, 10, 6)), Sitting(BCB, dt.date(2027, 1, 5))]
    outside = [Sitting(BCB, dt.date(2026, 8, 4)), Sitting(BCB, dt.date(2027, 9, 7))]
    cancelled = Sitting(BCB, dt.date(2026, 12, 1), cancelled=True)

    plan = forward_plan([PERFORMANCE], [*outside, cancelled, *held], YEAR)

    assert [paper.meeting for paper in plan.papers] == held
    assert plan.without_meetings == []


def test_a_paper_for_every_meeting_of_a_body_with_none_is_flagged_once():
    plan = forward_plan([PERFORMANCE], [Sitting(PANEL, dt.date(2026, 9, 8))], YEAR)

    assert plan.papers == []
    assert plan.without_meetings == [PERFORMANCE]
    assert plan.gaps == 1


def test_papers_come_in_date_order_with_gaps_at_the_end_of_their_month():
    sittings = [Sitting(BCB, dt.date(2026, 9, 29)), Sitting(PANEL, dt.date(2026, 9, 8))]
    late = Expected(PANEL, "theme", "Deep dive", months=frozenset({9}))
    missing = Expected(JAC, "other", "Risk register", months=frozenset({9}))

    plan = forward_plan([missing, PERFORMANCE, late, DELIVERY], sittings, YEAR[:1])

    assert [paper.expected.title for paper in plan.papers] == [
        "Deep dive",
        "Delivery",
        "Performance",
        "Risk register",
    ]
    assert [month.label for month, papers in plan.by_month() if papers] == ["September 2026"]


def test_due_next_is_each_bodys_next_meeting_with_its_papers():
    past = Sitting(PANEL, dt.date(2026, 9, 8))
    panel_next = Sitting(PANEL, dt.date(2026, 11, 17))
    bcb_next = Sitting(BCB, dt.date(2026, 10, 6))
    bcb_later = Sitting(BCB, dt.date(2026, 12, 1))
    theme = Expected(PANEL, "theme", "Deep dive", months=frozenset({11}))
    plan = forward_plan(
        [DELIVERY, theme, PERFORMANCE], [past, panel_next, bcb_next, bcb_later], YEAR
    )

    due = due_next(plan, dt.date(2026, 9, 9))

    assert [(meeting, [p.expected.title for p in papers]) for meeting, papers in due] == [
        (bcb_next, ["Performance"]),
        (panel_next, ["Delivery", "Deep dive"]),
    ]


def _months_ahead(today: dt.date, count: int = 12) -> list[tuple[int, int]]:
    """(year, month) for this month and the next ones, counted by hand."""
    year, month, months = today.year, today.month, []
    for _ in range(count):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def test_the_forward_plan_from_the_database_matches_one_worked_out_by_hand(panel, bcb):
    today = timezone.localdate()
    window = _months_ahead(today)
    builders.expect(panel, PaperKind.DELIVERY_MONITORING, "Delivery", months={9, 11, 3})
    builders.expect(panel, PaperKind.ANNUAL, "Annual Report", months={6})
    builders.expect(bcb, PaperKind.PERFORMANCE, "Performance", every=True)
    panel_meetings, bcb_meetings = {}, []
    for year, month in window:
        if month in (9, 11):  # no March or June Panel: those two papers have nowhere to go
            panel_meetings[(year, month)] = builders.meeting(panel, dt.date(year, month, 15))
        if month % 2:
            bcb_meetings.append(builders.meeting(bcb, dt.date(year, month, 3), hour=14))
    private = builders.meeting(bcb, dt.date(*window[1], 20), access=Access.PRIVATE)
    beyond = dt.date(*_months_ahead(today, 13)[-1], 3)
    builders.meeting(bcb, beyond)
    builders.meeting(panel, dt.date(*window[0], 1) - dt.timedelta(days=1))

    plan, _ = forward_plan_for(today)

    expected = set()
    for year, month in window:
        if month in (9, 11, 3):
            meeting = panel_meetings.get((year, month))
            expected.add(((year, month), "Delivery", meeting.pk if meeting else None))
        if month == 6:
            expected.add(((year, month), "Annual Report", None))
    for meeting in [*bcb_meetings, private]:
        day = timezone.localtime(meeting.starts)
        expected.add(((day.year, day.month), "Performance", meeting.pk))
    found = {
        (
            (paper.month.year, paper.month.month),
            paper.expected.title,
            paper.meeting.ref.pk if paper.meeting else None,
        )
        for paper in plan.papers
    }
    assert found == expected
    assert len(plan.papers) == len(expected)
    assert {(p.month.month, p.expected.title) for p in plan.missing} == {
        (3, "Delivery"),
        (6, "Annual Report"),
    }


def test_the_forward_plan_page_shows_gaps_and_what_is_due_next(
    client, auditor, panel, bcb, django_assert_max_num_queries
):
    today = timezone.localdate()
    september = dt.date(today.year + 1, 9, 8)
    builders.expect(panel, PaperKind.DELIVERY_MONITORING, "Monitoring delivery", months={9})
    builders.expect(panel, PaperKind.ANNUAL, "The Annual Report", months={6})
    meeting = builders.meeting(panel, september)
    builders.item(meeting, "5", "Delivery", PaperKind.DELIVERY_MONITORING, "Monitoring delivery")
    for month in range(1, 13):
        builders.meeting(bcb, dt.date(today.year + 1, month, 2))
    client.force_login(auditor)

    with django_assert_max_num_queries(8):
        html = client.get("/governance/forward-plan/").content.decode()

    assert "1 expected paper has no meeting scheduled." in html
    assert f"The Annual Report: no Police and Crime Panel meeting in June {today.year + 1}" in html
    assert "On the agenda" in html
    assert september.strftime("%A %-d September %Y, 10:00") in html
