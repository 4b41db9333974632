"""Who may do what: the one place that decides.

Every view is marked with the rule that admits it (``@allow("plan.edit")``).
``DenyUnlessRuleAllowsMiddleware`` refuses any view that carries no rule, so a
new page is closed until somebody decides who may see it. Rules that depend on
an object (a draft Plan, say) are checked again in the view with ``require``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from planwatch.accounts.models import Role

STAFF = frozenset({Role.ADMIN, Role.OFFICER})
READ_ALL = frozenset({Role.ADMIN, Role.OFFICER, Role.AUDITOR})

# Plan statuses each kind of reader may see. The Panel sees a Plan from the
# moment it is sent to them; the public and Leads only once it is published.
PUBLISHED_PLAN_STATUSES = frozenset({"published", "varied", "superseded"})
PANEL_PLAN_STATUSES = PUBLISHED_PLAN_STATUSES | {"with_panel", "approved"}


def role_of(user: Any) -> str | None:
    """The user's role, or None for an anonymous visitor or a disabled account."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return user.role


def visible_plan_statuses(user: Any) -> frozenset[str] | None:
    """Plan statuses the user may read; None means every status."""
    role = role_of(user)
    if role in READ_ALL:
        return None
    if role == Role.PANEL:
        return PANEL_PLAN_STATUSES
    return PUBLISHED_PLAN_STATUSES


def _plan_visible(user: Any, plan: Any) -> bool:
    statuses = visible_plan_statuses(user)
    return plan is None or statuses is None or plan.status in statuses


def _roles(*roles: str) -> Callable[[Any, Any], bool]:
    allowed = frozenset(roles)
    return lambda user, obj=None: role_of(user) in allowed


def _anyone(user: Any, obj: Any = None) -> bool:
    return True


def _signed_in(user: Any, obj: Any = None) -> bool:
    return role_of(user) is not None


def _period_visible(user: Any, period: Any) -> bool:
    """Unpublished periods (and their updates) are for OPCC staff and auditors only."""
    if period is None:
        return True
    return _plan_visible(user, period.plan) and (
        role_of(user) in READ_ALL or period.state == "published"
    )


def _leads(user: Any, action: Any) -> bool:
    return action is not None and role_of(user) is not None and action.lead_id == user.pk


def _writes_update(user: Any, action: Any) -> bool:
    """Staff may write any update; a Lead only for the actions they lead."""
    if role_of(user) in STAFF:
        return True
    return role_of(user) == Role.LEAD and (action is None or _leads(user, action))


def _reads_action_record(user: Any, action: Any) -> bool:
    return role_of(user) in READ_ALL or (
        role_of(user) == Role.LEAD and (action is None or _leads(user, action))
    )


def _meeting_visible(user: Any, meeting: Any) -> bool:
    """Public meetings are for anyone; private ones for OPCC staff and auditors only."""
    return meeting is None or meeting.access == "public" or role_of(user) in READ_ALL


def _paper_readable(user: Any, paper: Any) -> bool:
    """A published paper is public when its meeting is; otherwise for OPCC staff and auditors."""
    if paper is None or role_of(user) in READ_ALL:
        return True
    return paper.meeting is not None and paper.meeting.access == "public"


def _updates_assurance_item(user: Any, item: Any) -> bool:
    """OPCC staff update any audit action or recommendation; its owner updates their own
    (without an item: anyone signed in, who may own some)."""
    if role_of(user) in STAFF:
        return True
    return role_of(user) is not None and (item is None or item.owner_id == user.pk)


def _assurance_visible(user: Any, record: Any) -> bool:
    """An audit or inspection report an officer has published is for anyone; the rest for
    OPCC staff, auditors and Panel members (without a record: anyone, who may see some)."""
    return record is None or record.published or role_of(user) in (*READ_ALL, Role.PANEL)


RULES: dict[str, Callable[[Any, Any], bool]] = {
    "page.public": _anyone,
    "account.sign_out": _signed_in,
    "plan.list": _anyone,
    "plan.view": _plan_visible,
    "plan.create": _roles(*STAFF),
    "plan.edit": _roles(*STAFF),
    "plan.history": _roles(*READ_ALL),
    "admin.site": _roles(Role.ADMIN),
    "delivery.view": _period_visible,
    "delivery.manage": _roles(*STAFF),
    "delivery.review": _roles(*STAFF),
    "delivery.my_actions": _roles(Role.LEAD, Role.ADMIN),
    "update.write": _writes_update,
    "action.record": _reads_action_record,
    "performance.view": _anyone,
    "performance.manage": _roles(*STAFF),
    "governance.view": _meeting_visible,
    "governance.plan": _roles(*READ_ALL),
    "governance.manage": _roles(*STAFF),
    "paper.manage": _roles(*STAFF),
    "paper.read": _paper_readable,
    "assurance.read": _roles(*READ_ALL, Role.PANEL),
    "assurance.view": _assurance_visible,
    "grants.read": _roles(*READ_ALL, Role.PANEL),
    "grants.manage": _roles(*STAFF),
    "consultation.read": _roles(*READ_ALL, Role.PANEL),
    "consultation.manage": _roles(*STAFF),
    "assurance.manage": _roles(*STAFF),
    "assurance.update": _updates_assurance_item,
}


def can(user: Any, rule: str, obj: Any = None) -> bool:
    """Whether ``user`` passes ``rule`` (for ``obj`` when given). Unknown rules deny."""
    check = RULES.get(rule)
    return bool(check and check(user, obj))


def require(request: HttpRequest, rule: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless the rule allows; views call this for object checks."""
    if not can(request.user, rule, obj):
        raise PermissionDenied(rule)


def allow(rule: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Mark a view with the rule that admits it."""
    if rule not in RULES:
        raise KeyError(f"No permission rule named {rule!r}")

    def mark(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        view.planwatch_rule = rule  # type: ignore[attr-defined]
        return view

    return mark


def denied(request: HttpRequest) -> HttpResponse:
    """Anonymous visitors are sent to sign in; signed-in users get 403."""
    if role_of(request.user) is None:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


class DenyUnlessRuleAllowsMiddleware:
    """Refuse every view that no rule admits."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any):
        match = request.resolver_match
        if match is not None and match.app_name == "admin":
            rule = "admin.site"
        else:
            rule = getattr(view_func, "planwatch_rule", None)
        if rule is None or not can(request.user, rule):
            return denied(request)
        return None

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, PermissionDenied) and role_of(request.user) is None:
            return redirect_to_login(request.get_full_path())
        return None


class _Can:
    """Template access to rules without an object: ``{% if can.plan_edit %}``."""

    def __init__(self, user: Any) -> None:
        self._user = user

    def __getattr__(self, name: str) -> bool:
        return can(self._user, name.replace("_", ".", 1))


def context_processor(request: HttpRequest) -> dict[str, Any]:
    return {"can": _Can(getattr(request, "user", None))}
