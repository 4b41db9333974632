from __future__ import annotations

from django import forms

from planwatch.forms import GovukForm, UKDateInput
from planwatch.performance.models import Area, Indicator
from planwatch.performance.periods import parse_period

DATE_HINT = "For example, 23/05/2018"


class DefinitionForm(GovukForm):
    text = forms.CharField(label="Definition", widget=forms.Textarea(attrs={"rows": 4}))
    valid_from = forms.DateField(label="Applies from", widget=UKDateInput(), help_text=DATE_HINT)


class SeriesBreakForm(GovukForm):
    date = forms.DateField(label="Date of the break", widget=UKDateInput(), help_text=DATE_HINT)
    reason = forms.CharField(
        max_length=300, help_text="For example: a new crime recording system went live"
    )


class DataNoteForm(GovukForm):
    text = forms.CharField(label="Data note", widget=forms.Textarea(attrs={"rows": 3}))
    added = forms.DateField(label="Date of the note", widget=UKDateInput(), help_text=DATE_HINT)


class ObservationForm(GovukForm):
    indicator = forms.ModelChoiceField(queryset=Indicator.objects.all())
    area = forms.ModelChoiceField(
        queryset=Area.objects.filter(kind__in=["force", "csp", "district"])
    )
    period = forms.CharField(
        max_length=12, help_text="A month such as 2018-03 or a quarter such as 2018-19-q1"
    )
    value = forms.FloatField()
    numerator = forms.FloatField(required=False, help_text="For a proportion only")
    denominator = forms.FloatField(required=False, min_value=0.000001)

    def clean_period(self):
        try:
            return parse_period(self.cleaned_data["period"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("numerator") is None) != (cleaned.get("denominator") is None):
            self.add_error("denominator", "Give both the numerator and the denominator, or neither")
        return cleaned
