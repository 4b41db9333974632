"""Forms that render as GOV.UK Frontend components (with our partials/field.html)."""

from __future__ import annotations

from typing import Any

from django import forms

_CLASSES = {
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.DateInput: "govuk-input govuk-input--width-10",
    forms.PasswordInput: "govuk-input govuk-!-width-one-half",
}


class GovukBoundField(forms.BoundField):
    """Adds the GOV.UK classes and ties hint and error text to the control."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = next(
            (value for kind, value in _CLASSES.items() if isinstance(widget, kind)), "govuk-input"
        )
        if self.errors and not isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
            css += " " + css.split()[0] + "--error"
        attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
        described = []
        if self.help_text:
            described.append(f"{self.auto_id}-hint")
        if self.errors:
            described.append(f"{self.auto_id}-error")
        if described:
            attrs["aria-describedby"] = " ".join(described)
        return attrs


class GovukMessagesMixin:
    """Error messages that say what to do, in the GOV.UK style ("Enter the title")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            label = str(field.label or name.replace("_", " ")).lower()
            field.error_messages["required"] = f"Enter the {label}"
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = (
                    f"The {label} must be a real date, for example 31/03/2020"
                )


class GovukForm(GovukMessagesMixin, forms.Form):
    bound_field_class = GovukBoundField
    template_name = "partials/form_fields.html"


class GovukModelForm(GovukMessagesMixin, forms.ModelForm):
    bound_field_class = GovukBoundField


class UKDateInput(forms.DateInput):
    """A date shown and typed in the UK way (31/03/2020); YYYY-MM-DD is accepted too."""

    input_type = "text"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%d/%m/%Y", **kwargs)
