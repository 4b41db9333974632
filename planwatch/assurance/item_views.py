"""An agreed audit action or a recommendation, for its owner and OPCC staff: move it on (with
evidence to close it), revise its due date (audit actions) and add progress notes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from planwatch.assurance import services
from planwatch.assurance.models import AuditAction, Recommendation
from planwatch.assurance.states import Status
from planwatch.forms import GovukForm, UKDateInput
from planwatch.governance.forms import put_errors
from planwatch.permissions import allow, require

KINDS = {"audit-action": AuditAction, "recommendation": Recommendation}


class StatusForm(GovukForm):
    status = forms.ChoiceField(choices=Status.choices, widget=forms.RadioSelect)
    evidence = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What shows it is done: needed to close it",
    )
    reason = forms.CharField(
        label="Reason (when it is not accepted, or reopened)", required=False, max_length=500
    )


class DueForm(GovukForm):
    due = forms.DateField(
        label="New due date", widget=UKDateInput(), help_text="For example, 30/09/2018"
    )
    why = forms.CharField(label="Why the date moves", max_length=500)


class NoteForm(GovukForm):
    text = forms.CharField(label="Progress update", widget=forms.Textarea(attrs={"rows": 3}))


def _item(kind: str, pk: int):
    model = KINDS.get(kind)
    item = model.objects.filter(pk=pk).first() if model else None
    if item is None:
        raise Http404("No such item")
    return item


@require_http_methods(["GET", "POST"])
@allow("assurance.update")
def item_page(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item(kind, pk)
    require(request, "assurance.update", item)
    posted = request.POST if request.method == "POST" else None
    which = posted.get("form") if posted else None
    status_form = StatusForm(posted if which == "status" else None, initial={"status": item.status})
    due_form = DueForm(posted if which == "due" else None)
    note_form = NoteForm(posted if which == "note" else None)
    form = {"status": status_form, "due": due_form, "note": note_form}.get(which)
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if which == "status":
                services.item_set_status(
                    item=item,
                    status=data["status"],
                    by=request.user,
                    evidence=data["evidence"],
                    reason=data["reason"],
                )
            elif which == "due" and isinstance(item, AuditAction):
                services.due_date_revise(
                    item=item, due=data["due"], reason=data["why"], by=request.user
                )
            else:
                services.progress_note_add(item=item, text=data["text"], by=request.user)
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(request.path)
    item = _item(kind, pk)
    return render(
        request,
        "assurance/item.html",
        {
            "item": item,
            "kind": kind,
            "status_form": status_form,
            "due_form": due_form if isinstance(item, AuditAction) else None,
            "note_form": note_form,
            "notes": item.notes.select_related("written_by"),
            "revisions": item.revisions.select_related("made_by")
            if isinstance(item, AuditAction)
            else [],
            "slippage": item.slippage(timezone.localdate())
            if isinstance(item, AuditAction)
            else None,
        },
    )
