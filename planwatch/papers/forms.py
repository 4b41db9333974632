"""Forms for papers: the heading and parameters, the narrative, publishing."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django import forms

from planwatch.forms import GovukForm
from planwatch.governance.forms import SizedBoundField
from planwatch.papers.models import Kind, Paper
from planwatch.papers.selectors import EditablePart
from planwatch.plans.models import Plan, Theme

HEADING_FIELDS = ("title", "report_of", "author", "contact_officer", "contact_details")


class PaperForm(GovukForm):
    """A paper's kind and Plan (when it is made), what it covers, and its heading block."""

    bound_field_class = SizedBoundField
    kind = forms.ChoiceField(label="Kind of paper", choices=Kind.choices, widget=forms.RadioSelect)
    plan = forms.ModelChoiceField(queryset=Plan.objects.all(), empty_label=None)
    period = forms.CharField(
        max_length=20,
        required=False,
        label="Period",
        help_text="For monitoring the delivery, a published quarter such as 2018-19-q1; for a "
        "performance report a month (2018-03) or quarter; for a theme report, optional",
    )
    theme = forms.CharField(
        max_length=120,
        required=False,
        label="Theme",
        help_text="For a theme report: the name of one of the Plan's themes, such as Victims",
    )
    year = forms.CharField(
        max_length=7,
        required=False,
        label="Financial year",
        help_text="For the Annual Report, for example 2017-18",
    )
    title = forms.CharField(
        max_length=300,
        required=False,
        label="Title (optional)",
        help_text="Leave empty for the usual title of this kind of paper",
    )
    report_of = forms.CharField(
        max_length=200, label="Report of", help_text="For example: Police and Crime Commissioner"
    )
    author = forms.CharField(
        max_length=120,
        required=False,
        label="Author (optional)",
        help_text="Who wrote the paper; shown in the files' details",
    )
    contact_officer = forms.CharField(max_length=120, required=False, label="Contact officer")
    contact_details = forms.CharField(
        max_length=200,
        required=False,
        label="Contact details",
        help_text="For example: an email address and a telephone number",
    )

    def __init__(self, *args: Any, paper: Paper | None = None, **kwargs: Any) -> None:
        self.paper = paper
        if paper is not None and paper.pk:
            kwargs.setdefault(
                "initial",
                {
                    **{name: getattr(paper, name) for name in HEADING_FIELDS},
                    "period": paper.period,
                    "theme": paper.theme.name if paper.theme else "",
                    "year": paper.year,
                },
            )
        super().__init__(*args, **kwargs)
        for name in ("period", "year"):
            self.fields[name].widget.attrs["class"] = "govuk-input--width-10"
        self.fields["kind"].error_messages["required"] = "Choose the kind of paper"
        if paper is not None and paper.pk:
            # The kind and the Plan are fixed once the paper is made: its narrative is theirs.
            del self.fields["kind"], self.fields["plan"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        plan = cleaned.get("plan") or (self.paper.plan if self.paper else None)
        name = (cleaned.get("theme") or "").strip()
        cleaned["theme"] = None
        if name and plan is not None:
            theme = Theme.objects.filter(plan=plan, name__iexact=name).first()
            if theme is None:
                names = ", ".join(plan.themes.values_list("name", flat=True))
                self.add_error("theme", f"The Plan has no theme called {name}: choose {names}")
            cleaned["theme"] = theme
        return cleaned

    def paper_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {name: data[name] for name in (*HEADING_FIELDS, "period", "theme", "year")}
        fields["period"] = fields["period"].strip().lower()
        return fields


class NarrativeForm(GovukForm):
    """One text box for each part of the paper officers may edit, holding its text now."""

    def __init__(self, *args: Any, parts: list[EditablePart], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parts = parts
        sections = Counter(part.section for part in parts)
        for part in parts:
            label = part.section
            if sections[part.section] > 1:
                label += f": {part.key.replace('_', ' ')}"
            hint = (
                "One item a line. " if part.is_list else "Leave a blank line between paragraphs. "
            ) + "Empty it to go back to the wording made from the data."
            self.fields[part.key] = forms.CharField(
                label=label,
                required=False,
                initial=part.current,
                help_text=hint,
                widget=forms.Textarea(
                    attrs={"rows": max(3, min(12, part.current.count("\n") + 4))}
                ),
            )

    def texts(self) -> dict[str, str]:
        return {part.key: self.cleaned_data.get(part.key, "") for part in self.parts}


class PublishForm(GovukForm):
    reason = forms.CharField(
        label="What does this version correct?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown beside the paper, for example: the status of action V1.2 was corrected",
    )

    def __init__(self, *args: Any, replaces: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if replaces is None:
            del self.fields["reason"]
        else:
            self.fields["reason"].required = True
            self.fields["reason"].label = f"What does this version correct in version {replaces}?"
            self.fields["reason"].error_messages["required"] = (
                f"Say what this version corrects in version {replaces}"
            )
