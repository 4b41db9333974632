from __future__ import annotations

from django import forms

from planwatch.forms import GovukForm, GovukModelForm, UKDateInput
from planwatch.plans.models import Plan, Theme

DATE_HINT = "For example, 31/03/2020"


class PlanForm(GovukModelForm):
    class Meta:
        model = Plan
        fields = ["title", "slug", "area", "force", "commissioner", "starts", "ends", "status"]
        widgets = {"starts": UKDateInput(), "ends": UKDateInput()}
        help_texts = {
            "slug": "Used in web addresses and on the command line, for example northmoor-2017-20",
            "starts": DATE_HINT,
            "ends": DATE_HINT,
        }
        labels = {"starts": "Start date", "ends": "End date", "commissioner": "Commissioner"}

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", "The end date must be after the start date")
        return cleaned


class ThemeForm(GovukModelForm):
    class Meta:
        model = Theme
        fields = ["name", "aim"]
        widgets = {"aim": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"aim": "What the theme sets out to achieve, in a sentence or two"}
        labels = {"name": "Theme name", "aim": "Aim"}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = self.plan.themes.filter(name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("This Plan already has a theme with that name")
        return name


class TextForm(GovukForm):
    """The text of a shared outcome, an objective or a priority for action."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label
        self.fields["text"].error_messages["required"] = f"Enter the {label.lower()}"
