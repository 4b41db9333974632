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


class AreaChoiceField(forms.ModelChoiceField):
    """Names the kind of area too: a partnership and a district often share a name."""

    def label_from_instance(self, obj: Area) -> str:
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class ObservationForm(GovukForm):
    indicator = forms.ModelChoiceField(queryset=Indicator.objects.all())
    area = AreaChoiceField(queryset=Area.objects.filter(kind__in=["force", "csp", "district"]))
    period = forms.CharField(
        max_length=12, help_text="A month such as 2018-03 or a quarter such as 2018-19-q1"
    )
    value = forms.FloatField()
    numerator = forms.FloatField(required=False, help_text="For a proportion only")
    denominator = forms.FloatField(
        required=False,
        min_value=0.000001,
        error_messages={"min_value": "The denominator must be more than 0"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                field.error_messages["required"] = f"Select the {name}"
            elif isinstance(field, forms.FloatField):
                field.error_messages["invalid"] = f"The {name} must be a number"

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
