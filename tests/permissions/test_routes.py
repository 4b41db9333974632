"""Every page is marked with a rule, and the matrix says who may see each one."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

from planwatch import permissions


def _walk(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":
                yield from _walk(entry, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def test_every_view_outside_the_admin_is_marked_with_a_known_rule():
    patterns = list(_walk(get_resolver()))
    assert len(patterns) >= 15
    unmarked = [
        route
        for route, entry in patterns
        if getattr(entry.callback, "planwatch_rule", None) not in permissions.RULES
    ]
    assert unmarked == []


def test_the_matrix_covers_every_url_pattern():
    """A new page must be added to GET_CASES, saying who may see it."""
    routes = {route for route, _ in _walk(get_resolver())}
    covered = {
        "",
        "accessibility/",
        "privacy/",
        "healthz/",
        "sign-in/",
        "sign-out/",
        "plans/",
        "plans/new/",
        "plans/<slug:slug>/",
        "plans/<slug:slug>/plan-on-a-page.pdf",
        "plans/<slug:slug>/edit/",
        "plans/<slug:slug>/contents/",
        "plans/<slug:slug>/history/",
        "plans/<slug:slug>/versions/",
        "plans/<slug:slug>/versions/record/",
        "plans/<slug:slug>/versions/<int:number>/",
        "plans/<slug:slug>/versions/<int:number>/checklist/",
        "plans/<slug:slug>/versions/<int:number>/checklist/record/",
        "plans/<slug:slug>/compare/",
        "plans/<slug:slug>/compare.<str:fmt>",
        "plans/<slug:slug>/themes/<int:pk>/",
        "plans/<slug:slug>/<str:kind>/new/",
        "plans/<slug:slug>/<str:kind>/new/under/<int:parent>/",
        "plans/<slug:slug>/<str:kind>/<int:pk>/edit/",
        "plans/<slug:slug>/<str:kind>/<int:pk>/remove/",
        "my-actions/",
        "review/",
        "review/<int:pk>/",
        "review/<int:pk>/approve/",
        "governance/",
        "governance/calendar/",
        "governance/calendar/<int:year>/<int:month>/",
        "governance/forward-plan/",
        "governance/forward-plan/new/",
        "governance/forward-plan/<int:pk>/edit/",
        "governance/bodies/new/",
        "governance/<slug:body>/",
        "governance/<slug:body>/past/",
        "governance/<slug:body>/edit/",
        "governance/<slug:body>/meetings.ics",
        "governance/<slug:body>/meetings/new/",
        "governance/<slug:body>/meetings/<int:pk>/",
        "governance/<slug:body>/meetings/<int:pk>/edit/",
        "governance/<slug:body>/meetings/<int:pk>/cancel/",
        "governance/<slug:body>/meetings/<int:pk>/reinstate/",
        "governance/<slug:body>/meetings/<int:pk>/agenda/new/",
        "governance/<slug:body>/meetings/<int:pk>/agenda/<int:item>/edit/",
        "governance/<slug:body>/meetings/<int:pk>/agenda/<int:item>/remove/",
        "plans/<slug:slug>/delivery/",
        "plans/<slug:slug>/delivery/<slug:period>/",
        "plans/<slug:slug>/delivery/<slug:period>/appendix-1.<str:fmt>",
        "plans/<slug:slug>/periods/",
        "plans/<slug:slug>/periods/<slug:period>/advance/",
        "plans/<slug:slug>/rag-key/",
        "plans/<slug:slug>/rag-key/new/",
        "plans/<slug:slug>/rag-key/<str:code>/edit/",
        "plans/<slug:slug>/actions/",
        "plans/<slug:slug>/actions/new/",
        "plans/<slug:slug>/actions/<str:ref>/",
        "plans/<slug:slug>/actions/<str:ref>/edit/",
        "plans/<slug:slug>/actions/<str:ref>/record/",
        "plans/<slug:slug>/actions/<str:ref>/updates/<slug:period>/",
        "plans/<slug:slug>/actions/<str:ref>/updates/<slug:period>/amend/",
        "plans/<slug:slug>/performance/",
        "plans/<slug:slug>/performance/<slug:period>/",
        "plans/<slug:slug>/performance/<slug:period>/data-pack.<str:fmt>",
        "performance/indicators/",
        "performance/indicators/<str:code>/",
        "performance/indicators/<str:code>/<indicator_change:what>/",
        "performance/observations/new/",
        "performance/observations/example.csv",
        "assurance/",
        "assurance/published/",
        "data/",
        "api/v1/",
        "api/v1/openapi.json",
        "api/v1/plans",
        "api/v1/plans/<slug>",
        "api/v1/plans/<slug>/periods",
        "api/v1/plans/<slug>/periods/<period>/actions",
        "api/v1/plans/<slug>/periods/<period>/actions/<ref>/update",
        "api/v1/grants",
        "data/<slug:slug>.<str:fmt>",
        "grants/",
        "consultation/",
        "consultation/surveys/import/",
        "consultation/surveys/<slug:slug>/",
        "consultation/surveys/<slug:slug>/questions/<int:pk>/",
        "consultation/answers/<int:pk>/themes/",
        "consultation/priorities/new/",
        "consultation/priorities/<int:pk>/",
        "consultation/you-said-we-did/",
        "grants/new/",
        "grants/schemes/new/",
        "grants/register/",
        "grants/register.<str:fmt>",
        "grants/<int:pk>/",
        "grants/<int:pk>/edit/",
        "grants/<int:pk>/returns/new/",
        "grants/returns/<int:pk>/",
        "assurance/scales/",
        "assurance/scales/new/",
        "assurance/scales/<int:pk>/",
        "assurance/scales/<int:pk>/remove/",
        "assurance/<slug:kind>/<str:reference>/publish/",
        "assurance/inspections/new/",
        "assurance/audits/new/",
        "assurance/audits/<str:reference>/",
        "assurance/audits/<str:reference>/actions/new/",
        "assurance/items/<slug:kind>/<int:pk>/",
        "assurance/jac-paper.<str:fmt>",
        "assurance/inspections/<str:reference>/",
        "assurance/inspections/<str:reference>/recommendations/new/",
        "assurance/inspections/<str:reference>/response.<str:fmt>",
        "assurance/inspections/<str:reference>/response/",
        "assurance/inspections/<str:reference>/grades/new/",
        "assurance/<slug:what>/",
        "assurance/<slug:what>.xlsx",
        "papers/",
        "papers/new/for-agenda-item/<int:item>/",
        "papers/<int:pk>/",
        "papers/<int:pk>/edit/",
        "papers/<int:pk>/narrative/",
        "papers/<int:pk>/preview/",
        "papers/<int:pk>/draft.<str:fmt>",
        "papers/<int:pk>/publish/",
        "papers/<int:pk>/versions/<int:number>.<str:fmt>",
        "papers/<int:pk>/draft.<str:fmt>/prepare/",
        "papers/jobs/<int:pk>/",
        "papers/jobs/<int:pk>/state/",
        "papers/jobs/<int:pk>/file/",
        "governance/<slug:body>/meetings/<int:pk>/agenda-pack.pdf",
        "governance/<slug:body>/meetings/<int:pk>/agenda-pack/assemble/",
    }
    assert routes == covered
