from __future__ import annotations

from django import forms

from planwatch.forms import GovukForm, GovukModelForm, UKDateInput
from planwatch.grants.models import Grant, ReturnState, Scheme, SchemeKind
from planwatch.plans.models import Objective, Plan


class ObjectiveChoice(forms.ModelMultipleChoiceField):
    """The objectives a record (a grant, a priority heard) serves, shown as "Theme: text"."""

    def label_from_instance(self, obj: Objective) -> str:
        return f"{obj.theme.name}: {obj.text}"

    def offer(self, plan: Plan | None, record) -> None:
        """Offer the Plan's objectives, and any the record already serves (kept on saving)."""
        objectives = Objective.objects.select_related("theme").order_by("theme__order", "order")
        chosen = record.objectives.all() if record.pk else objectives.none()
        self.queryset = (
            objectives.filter(theme__plan=plan) if plan else objectives.none()
        ) | objectives.filter(pk__in=chosen.values("pk"))


class GrantForm(GovukModelForm):
    objectives = ObjectiveChoice(
        queryset=Objective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Objectives it serves",
        help_text="The Plan's objectives the grant helps to meet",
    )

    class Meta:
        model = Grant
        fields = [
            "scheme",
            "reference",
            "recipient",
            "purpose",
            "amount",
            "starts",
            "ends",
            "conditions",
            "objectives",
            "published",
        ]
        widgets = {
            "starts": UKDateInput(),
            "ends": UKDateInput(),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "amount": forms.TextInput(
                attrs={
                    "class": "govuk-input--width-10",
                    "inputmode": "decimal",
                    "spellcheck": "false",
                }
            ),
        }
        help_texts = {"starts": "For example, 01/04/2021", "ends": "For example, 31/03/2022"}
        labels = {"starts": "Start date", "ends": "End date", "amount": "Amount (£)"}

    def __init__(self, *args, plan: Plan | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].offer(plan, self.instance)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", "The end date must not be before the start date")
        return cleaned


class SchemeForm(GovukForm):
    name = forms.CharField(label="Name of the scheme", max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=SchemeKind.choices, widget=forms.RadioSelect)


class ReturnForm(GovukForm):
    title = forms.CharField(
        label="Return", max_length=200, help_text="For example: Q2 monitoring return"
    )
    due = forms.DateField(label="Due by", widget=UKDateInput(), help_text="For example, 31/10/2021")


class ReturnStateForm(GovukForm):
    state = forms.ChoiceField(label="State", choices=ReturnState.choices, widget=forms.RadioSelect)
    on = forms.DateField(
        label="Date received",
        required=False,
        widget=UKDateInput(),
        help_text="For example, 28/10/2021",
    )
    note = forms.CharField(label="Note", required=False, max_length=2000)


__all__ = ["GrantForm", "ReturnForm", "ReturnStateForm", "Scheme", "SchemeForm"]
