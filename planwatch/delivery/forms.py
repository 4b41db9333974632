from __future__ import annotations

from django import forms

from planwatch.accounts.models import Role, User
from planwatch.delivery.models import Action, RagStatus
from planwatch.delivery.quarters import parse_quarter
from planwatch.forms import GovukForm, GovukModelForm, UKDateInput
from planwatch.plans.models import Objective, Plan

DATE_HINT = "For example, 31/03/2020"


class ActionForm(GovukModelForm):
    class Meta:
        model = Action
        fields = [
            "reference",
            "title",
            "description",
            "theme",
            "objective",
            "lead",
            "lead_name",
            "partners",
            "starts",
            "due",
            "state",
        ]
        widgets = {
            "starts": UKDateInput(),
            "due": UKDateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "starts": "Start date",
            "due": "Due date",
            "lead": "Lead (a person with an account)",
        }
        help_texts = {"starts": DATE_HINT, "due": DATE_HINT}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["theme"].queryset = plan.themes.all()
        self.fields["objective"].queryset = Objective.objects.filter(
            theme__plan=plan
        ).select_related("theme")
        self.fields["objective"].label_from_instance = lambda o: f"{o.theme.name}: {o.text}"
        self.fields["lead"].queryset = User.objects.filter(role=Role.LEAD, is_active=True)

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        others = Action.objects.filter(plan=self.plan, reference__iexact=reference)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("Another action in this Plan has that reference")
        return reference

    def clean(self):
        cleaned = super().clean()
        theme, objective = cleaned.get("theme"), cleaned.get("objective")
        if theme and objective and objective.theme_id != theme.pk:
            self.add_error("objective", "Choose an objective of the action's theme")
        if not cleaned.get("lead") and not cleaned.get("lead_name"):
            self.add_error("lead_name", "Choose a lead or enter the lead organisation or post")
        starts, due = cleaned.get("starts"), cleaned.get("due")
        if starts and due and due < starts:
            self.add_error("due", "The due date must be on or after the start date")
        return cleaned


class RagChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: RagStatus) -> str:
        return f"{obj.label}: {obj.meaning}"


class UpdateForm(GovukForm):
    rag = RagChoiceField(
        queryset=RagStatus.objects.none(),
        widget=forms.RadioSelect,
        label="Status",
        empty_label=None,
    )
    commentary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="What has been done this quarter and what happens next. Required for Red and "
        "Amber and whenever the status changes.",
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rag"].queryset = plan.rag_statuses.all()
        self.fields["rag"].error_messages["required"] = "Choose a status"


class ReasonForm(GovukForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].error_messages["required"] = f"Enter the {label.lower()}"


class AmendForm(UpdateForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Reason for changing a published update",
        help_text="This is kept in the record of the action.",
    )


class PeriodForm(GovukForm):
    quarter = forms.CharField(
        label="Quarter", help_text="For example 2018-19-q1 (April to June 2018)", max_length=12
    )
    update_deadline = forms.DateField(
        required=False,
        widget=UKDateInput(),
        help_text="Leave empty for 14 days after the quarter ends",
    )

    def clean_quarter(self):
        try:
            return parse_quarter(self.cleaned_data["quarter"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class RagStatusForm(GovukModelForm):
    class Meta:
        model = RagStatus
        fields = [
            "code",
            "label",
            "meaning",
            "colour",
            "rank",
            "is_complete",
            "counts_as_on_track",
            "needs_commentary",
        ]
