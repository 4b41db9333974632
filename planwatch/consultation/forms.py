from __future__ import annotations

from django import forms

from planwatch.consultation.models import HeardPriority, Survey
from planwatch.forms import GovukForm, GovukModelForm
from planwatch.grants.forms import ObjectiveChoice
from planwatch.plans.models import Objective, Plan

COLUMNS_HINT = (
    "Column headings exactly as in the file, separated by commas; left empty, PlanWatch decides"
)


class SurveyImportForm(GovukForm):
    name = forms.CharField(
        label="Name of the survey",
        max_length=200,
        help_text="For example: Police and Crime Plan survey 2016",
    )
    file = forms.FileField(
        label="The export (CSV or XLSX)",
        help_text="One row per respondent, one column per question",
    )
    text = forms.CharField(label="Free-text columns", required=False, help_text=COLUMNS_HINT)
    multi = forms.CharField(
        label="Multiple-choice columns (answers separated by ;)",
        required=False,
        help_text=COLUMNS_HINT,
    )
    choice = forms.CharField(label="Single-choice columns", required=False, help_text=COLUMNS_HINT)
    district = forms.CharField(label="District column", required=False, max_length=500)
    age_band = forms.CharField(label="Age band column", required=False, max_length=500)

    def mapping(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for kind in ("text", "multi", "choice", "district", "age_band"):
            for heading in (self.cleaned_data.get(kind) or "").split(","):
                if heading.strip():
                    found[heading.strip()] = kind
        return found


class PriorityForm(GovukModelForm):
    objectives = ObjectiveChoice(
        queryset=Objective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Objectives that answer it",
    )

    class Meta:
        model = HeardPriority
        fields = ["source", "survey", "partner", "text", "reference", "objectives"]
        widgets = {"source": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 2})}
        labels = {
            "source": "Heard from",
            "survey": "Survey (when from the public)",
            "text": "What was said",
        }

    def __init__(self, *args, plan: Plan | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = Survey.objects.all()
        self.fields["objectives"].offer(plan, self.instance)
