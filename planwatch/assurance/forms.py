"""Forms for recording an inspection report and its recommendations."""

from __future__ import annotations

from django import forms

from planwatch.accounts.models import User
from planwatch.assurance.models import InspectionKind, RecommendationKind, ScaleKind, ScaleLevel
from planwatch.delivery.models import Action
from planwatch.forms import GovukForm, UKDateInput
from planwatch.plans.models import Plan


class InspectionForm(GovukForm):
    reference = forms.CharField(max_length=30, help_text="For example: HMI-2018-01")
    title = forms.CharField(max_length=300, label="Title of the report")
    kind = forms.ChoiceField(
        label="Type of inspection", choices=InspectionKind.choices, widget=forms.RadioSelect
    )
    published_on = forms.DateField(
        label="Date the report was published",
        widget=UKDateInput(),
        help_text="For example, 12/07/2018. The response is due 56 days from this day.",
    )
    comments = forms.CharField(
        label="The Commissioner's comments (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The opening of the response; left empty, PlanWatch words it from the report",
    )


class RecommendationForm(GovukForm):
    reference = forms.CharField(max_length=30, help_text="For example: R1 or AFI2")
    kind = forms.ChoiceField(choices=RecommendationKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(label="What the report asks", widget=forms.Textarea(attrs={"rows": 4}))
    owner = forms.ModelChoiceField(
        label="Owner in PlanWatch (optional)",
        queryset=User.objects.filter(is_active=True).order_by("first_name", "username"),
        required=False,
        empty_label="Nobody yet",
    )
    owner_post = forms.CharField(
        label="Owner's post (optional)",
        max_length=200,
        required=False,
        help_text="For example: Head of Crime Recording",
    )
    response = forms.CharField(
        label="Action taken or proposed, or why none (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    actions = forms.CharField(
        label="Delivery Plan actions it answers (optional)",
        required=False,
        help_text="Their references, separated by commas, for example V1.1, V2.3",
    )

    def __init__(self, *args, plan: Plan | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_actions(self) -> list[Action]:
        refs = [ref.strip() for ref in self.cleaned_data["actions"].split(",") if ref.strip()]
        if not refs:
            return []
        if self.plan is None:
            raise forms.ValidationError("There is no Plan with actions to link to")
        found = {a.reference: a for a in Action.objects.filter(plan=self.plan, reference__in=refs)}
        missing = [ref for ref in refs if ref not in found]
        if missing:
            raise forms.ValidationError(
                f"{', '.join(missing)}: no such action in {self.plan.title}"
            )
        return [found[ref] for ref in refs]


def _levels(kind: str):
    return ScaleLevel.objects.filter(kind=kind).order_by("rank")


class AuditForm(GovukForm):
    reference = forms.CharField(max_length=30, help_text="For example: IA-2018-03")
    title = forms.CharField(max_length=300, label="Title of the audit")
    auditor = forms.CharField(max_length=200, help_text="For example: the internal auditors")
    reported_on = forms.DateField(
        label="Date reported", widget=UKDateInput(), help_text="For example, 20/03/2018"
    )
    scope = forms.CharField(
        label="Scope (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    assurance = forms.ModelChoiceField(
        label="Assurance level",
        queryset=ScaleLevel.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assurance"].queryset = _levels(ScaleKind.ASSURANCE)


class AgreedActionForm(RecommendationForm):
    """An action agreed on an audit: the recommendation form's owner and links, with the
    finding, priority, management response and the date first agreed."""

    finding = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    recommendation = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    priority = forms.ModelChoiceField(
        queryset=ScaleLevel.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    management_response = forms.CharField(
        label="Management response (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    original_due = forms.DateField(
        label="Due date agreed", widget=UKDateInput(), help_text="For example, 30/06/2018"
    )
    field_order = [
        "reference",
        "finding",
        "recommendation",
        "priority",
        "management_response",
        "owner",
        "owner_post",
        "original_due",
        "actions",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("kind", "text", "response"):
            del self.fields[name]
        self.fields["priority"].queryset = _levels(ScaleKind.PRIORITY)
        self.order_fields(self.field_order)


class GradeForm(GovukForm):
    area = forms.CharField(max_length=200, help_text="For example: Preventing crime")
    grade = forms.ModelChoiceField(
        queryset=ScaleLevel.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    scheme = forms.CharField(
        label="Grading scheme",
        max_length=80,
        help_text="For example: PEEL 2021/22 onwards. A new scheme shows as a break in the "
        "history of grades.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grade"].queryset = _levels(ScaleKind.GRADE)
