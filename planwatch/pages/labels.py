"""The labels from Python that public pages show: the names of states, kinds and units
(TextChoices) and the directions of travel. Marked here so that makemessages puts them in the
catalogue; templates translate them as they show them ({% translate plan.get_status_display %}).
The models keep plain English labels because open data, the API and papers must not change with
the language of the page."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _

LABELS = (
    # PlanStatus
    _("Draft"),
    _("Out for comment"),
    _("With the Panel"),
    _("Approved"),
    _("Published"),
    _("Varied"),
    _("Superseded"),
    # PeriodState
    _("Not open yet"),
    _("Open for updates"),
    _("In review"),
    # ActionState
    _("Open"),
    _("Complete"),
    _("Withdrawn"),
    # UpdateState
    _("Awaiting review"),
    _("Returned"),
    # MeetingStatus
    _("Scheduled"),
    _("Cancelled"),
    # PaperKind
    _("Monitoring the delivery of the Plan"),
    _("Theme report (deep dive)"),
    _("Performance report"),
    _("Annual Report"),
    _("Other paper"),
    # Status
    _("In progress"),
    _("Implemented – pending verification"),
    _("Closed"),
    _("Not accepted"),
    # InspectionKind
    _("PEEL"),
    _("Thematic"),
    _("National"),
    # ResponseState
    _("Not started"),
    _("Being drafted"),
    # RecommendationKind
    _("Cause of concern"),
    _("Recommendation"),
    _("Area for improvement"),
    # Unit
    _("Count"),
    _("Percentage"),
    _("Rate per 1,000 people"),
    _("Seconds"),
    _("Score"),
    # Polarity
    _("Higher is better"),
    _("Lower is better"),
    _("Neither"),
    # Frequency
    _("Monthly"),
    _("Quarterly"),
    # Direction of travel
    _("Improving"),
    _("No change"),
    _("Deteriorating"),
    _("New"),
    _("Completed"),
)
