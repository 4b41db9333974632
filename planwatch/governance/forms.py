from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from planwatch.forms import GovukBoundField, GovukForm, GovukModelForm, UKDateInput
from planwatch.governance.models import Access, AgendaItem, Body, Meeting, PaperKind
from planwatch.governance.months import MONTH_NAMES

TIME_FORMATS = ["%H:%M", "%H.%M"]


class SizedBoundField(GovukBoundField):
    """Keeps a widget's own classes (a GOV.UK width) beside the ones GovukBoundField adds."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        own = (widget or self.field.widget).attrs.get("class")
        if own:
            attrs["class"] = f"{attrs['class']} {own}"
        return attrs


class TimeInput(forms.TimeInput):
    input_type = "text"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", attrs={"class": "govuk-input--width-5"}, **kwargs)


class BodyForm(GovukModelForm):
    bound_field_class = SizedBoundField

    class Meta:
        model = Body
        fields = ["name", "short_name", "slug", "description", "default_venue", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        labels = {"slug": "Web address name"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].widget.attrs["class"] = "govuk-input--width-3"
        if self.instance.pk:
            # Calendar subscriptions use the address, so it stays as it was made.
            del self.fields["slug"]


class MeetingForm(GovukForm):
    bound_field_class = SizedBoundField
    title = forms.CharField(
        max_length=200,
        required=False,
        help_text="Optional, for example Annual Report meeting",
        label="Title (optional)",
    )
    date = forms.DateField(widget=UKDateInput(), help_text="For example, 08/09/2026")
    start_time = forms.TimeField(
        label="Start time",
        widget=TimeInput(),
        input_formats=TIME_FORMATS,
        help_text="24-hour clock, for example 10:00",
    )
    end_time = forms.TimeField(
        label="End time",
        widget=TimeInput(),
        input_formats=TIME_FORMATS,
        help_text="24-hour clock, for example 12:30",
    )
    venue = forms.CharField(max_length=200, help_text="For example: Council Chamber, Town Hall")
    access = forms.ChoiceField(
        label="Who may attend",
        choices=[
            (Access.PUBLIC, "Public: anyone may see the meeting, its agenda and papers"),
            (Access.PRIVATE, "Private: only OPCC staff and auditors see it in PlanWatch"),
        ],
        widget=forms.RadioSelect,
        initial=Access.PUBLIC,
    )

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        if meeting is not None and meeting.pk:
            starts, ends = timezone.localtime(meeting.starts), timezone.localtime(meeting.ends)
            kwargs.setdefault(
                "initial",
                {
                    "title": meeting.title,
                    "date": starts.date(),
                    "start_time": starts.time(),
                    "end_time": ends.time(),
                    "venue": meeting.venue,
                    "access": meeting.access,
                },
            )
        elif meeting is not None:
            kwargs.setdefault("initial", {"venue": meeting.body.default_venue})
        super().__init__(*args, **kwargs)
        self.fields["access"].error_messages["required"] = "Choose who may attend"
        for name in ("start_time", "end_time"):
            label = str(self.fields[name].label).lower()
            self.fields[name].error_messages["invalid"] = (
                f"The {label} must be a real time, for example 10:00"
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", "The end time must be after the start time")
            else:
                cleaned["starts"] = timezone.make_aware(dt.datetime.combine(day, start))
                cleaned["ends"] = timezone.make_aware(dt.datetime.combine(day, end))
        return cleaned

    def meeting_fields(self) -> dict[str, Any]:
        """What the service takes: times in Europe/London, made aware."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts": data["starts"],
            "ends": data["ends"],
            "venue": data["venue"],
            "access": data["access"],
        }


class CancelForm(GovukForm):
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the meeting's page, for example: moved to 15 September",
    )


class AgendaItemForm(GovukModelForm):
    bound_field_class = SizedBoundField

    class Meta:
        model = AgendaItem
        fields = ["number", "title", "paper_kind", "paper_title"]
        labels = {"title": "Item title"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].widget.attrs["class"] = "govuk-input--width-4"
        self.fields["paper_kind"].choices = [("", "No paper"), *PaperKind.choices]
        self.fields["paper_kind"].error_messages["invalid_choice"] = "Choose a kind of paper"


class ExpectationForm(GovukForm):
    body = forms.ModelChoiceField(queryset=Body.objects.all(), empty_label=None)
    paper_kind = forms.ChoiceField(label="Kind of paper", choices=PaperKind.choices)
    title = forms.CharField(
        max_length=300,
        label="Title of the paper",
        help_text="For example: Monitoring the delivery of the Police and Crime Plan",
    )
    every_meeting = forms.TypedChoiceField(
        label="When it goes",
        choices=[("yes", "To every meeting of the body"), ("no", "In the months chosen below")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    months = forms.TypedMultipleChoiceField(
        label="Months",
        choices=[(str(number), name) for number, name in enumerate(MONTH_NAMES, start=1)],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose each month in which the paper goes to the body's meeting",
    )
    is_active = forms.BooleanField(
        label="Still expected",
        required=False,
        initial=True,
        help_text="Untick to take the paper off the forward plan; its history is kept",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["every_meeting"].error_messages["required"] = "Choose when the paper goes"
        self.fields["body"].error_messages["required"] = "Choose the body"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("every_meeting") is False and not cleaned.get("months"):
            self.add_error("months", "Choose the months the paper goes in")
        return cleaned


def put_errors(form: forms.BaseForm, error: Any) -> None:
    """Put a service's refusal on the form, so it shows in the GOV.UK error summary."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
