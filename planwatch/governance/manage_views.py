"""Officers' pages: bodies, meetings (add, change, cancel, reinstate) and agenda items."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from planwatch.governance import services
from planwatch.governance.forms import (
    AgendaItemForm,
    BodyForm,
    CancelForm,
    MeetingForm,
    put_errors,
)
from planwatch.governance.models import AgendaItem, Body, Meeting
from planwatch.governance.selectors import body_for, meeting_for
from planwatch.permissions import allow


@require_http_methods(["GET", "POST"])
@allow("governance.manage")
def body_edit(request: HttpRequest, body: str | None = None) -> HttpResponse:
    found = body_for(body) if body else Body()
    form = BodyForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.body_save(body=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, f"{found.name} was saved.")
            return redirect(found)
    title = f"Change {found.name}" if body else "Add a body"
    return render(
        request, "governance/body_form.html", {"body": found, "form": form, "title": title}
    )


@require_http_methods(["GET", "POST"])
@allow("governance.manage")
def meeting_edit(request: HttpRequest, body: str, pk: int | None = None) -> HttpResponse:
    found = body_for(body)
    meeting = meeting_for(request.user, found, pk) if pk else Meeting(body=found)
    form = MeetingForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_save(
                meeting=meeting, by=request.user, **form.meeting_fields()
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, "The meeting was saved.")
            return redirect(meeting)
    title = "Change the meeting" if pk else f"Add a meeting of the {found.short_name}"
    return render(
        request,
        "governance/meeting_form.html",
        {"body": found, "meeting": meeting, "form": form, "title": title},
    )


@require_http_methods(["GET", "POST"])
@allow("governance.manage")
def meeting_cancel(request: HttpRequest, body: str, pk: int) -> HttpResponse:
    meeting = meeting_for(request.user, body_for(body), pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The meeting was cancelled.")
        return redirect(meeting)
    return render(
        request,
        "governance/meeting_cancel.html",
        {"body": meeting.body, "meeting": meeting, "form": form},
    )


@require_POST
@allow("governance.manage")
def meeting_reinstate(request: HttpRequest, body: str, pk: int) -> HttpResponse:
    meeting = meeting_for(request.user, body_for(body), pk)
    try:
        services.meeting_reinstate(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The meeting was reinstated.")
    return redirect(meeting)


def _item_for(meeting: Meeting, item: int) -> AgendaItem:
    found = meeting.agenda_items.filter(pk=item).first()
    if found is None:
        raise Http404("No such agenda item")
    return found


@require_http_methods(["GET", "POST"])
@allow("governance.manage")
def agenda_item_edit(
    request: HttpRequest, body: str, pk: int, item: int | None = None
) -> HttpResponse:
    meeting = meeting_for(request.user, body_for(body), pk)
    found = _item_for(meeting, item) if item else AgendaItem(meeting=meeting)
    form = AgendaItemForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.agenda_item_save(item=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, f"Item {found.number} was saved.")
            return redirect(meeting)
    title = f"Change item {found.number}" if item else "Add an agenda item"
    return render(
        request,
        "governance/agenda_item_form.html",
        {"body": meeting.body, "meeting": meeting, "form": form, "title": title},
    )


@require_http_methods(["GET", "POST"])
@allow("governance.manage")
def agenda_item_remove(request: HttpRequest, body: str, pk: int, item: int) -> HttpResponse:
    meeting = meeting_for(request.user, body_for(body), pk)
    found = _item_for(meeting, item)
    if request.method == "POST":
        services.agenda_item_remove(item=found, by=request.user)
        messages.success(request, f"Item {found.number} was taken off the agenda.")
        return redirect(meeting)
    return render(
        request,
        "governance/agenda_item_remove.html",
        {"body": meeting.body, "meeting": meeting, "item": found},
    )
