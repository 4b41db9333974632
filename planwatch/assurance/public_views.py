"""What the public sees of assurance: the audits and inspection reports an officer has
published, and the officers' switch that publishes or withdraws one."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from planwatch.assurance import services
from planwatch.assurance.models import Audit, Inspection
from planwatch.permissions import allow, can

KINDS = {"audits": (Audit, "assurance:audit"), "inspections": (Inspection, "assurance:inspection")}


def visible_or_404(request: HttpRequest, record: Audit | Inspection | None):
    """The record when this user may see it; otherwise no such page (nothing unpublished
    shows that it exists)."""
    if record is None or not can(request.user, "assurance.view", record):
        raise Http404("No such report")
    return record


@require_GET
@allow("page.public")
def published(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assurance/published.html",
        {
            "audits": Audit.objects.filter(published=True).select_related("assurance"),
            "inspections": Inspection.objects.filter(published=True),
        },
    )


@require_POST
@allow("assurance.manage")
def publish(request: HttpRequest, kind: str, reference: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404("No such kind of report")
    model, page = KINDS[kind]
    record = model.objects.filter(reference=reference).first()
    if record is None:
        raise Http404("No such report")
    shown = request.POST.get("published") == "1"
    services.publish_set(record=record, published=shown, by=request.user)
    messages.success(
        request,
        "The report is now published: anyone can read it."
        if shown
        else "The report was withdrawn: only OPCC staff, auditors and the Panel can read it.",
    )
    return redirect(page, reference=record.reference)
