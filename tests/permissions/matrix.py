"""The permission matrix: every URL with what each role gets (a status or a redirect)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.http import HttpResponse

# "lead" leads the actions in the URLs; "other_lead" is a Lead who leads none of them.
ROLES = ["anonymous", "admin", "officer", "lead", "other_lead", "panel", "auditor"]
ROLE_FIXTURES = {
    "admin": "administrator",
    "officer": "officer",
    "lead": "lead",
    "other_lead": "other_lead",
    "panel": "panel_member",
    "auditor": "auditor",
}
SIGN_IN = "redirect to sign in"
HOME = "redirect home"


@dataclass(frozen=True)
class Redirect:
    """A redirect to this address (with the ids filled in)."""

    to: str


def _outcomes(
    anonymous: object,
    admin: object,
    officer: object,
    lead: object,
    panel: object,
    auditor: object,
    *,
    other_lead: object | None = None,
) -> dict[str, object]:
    """Expected outcome for each role; another Lead fares as the action's Lead unless told."""
    return {
        "anonymous": anonymous,
        "admin": admin,
        "officer": officer,
        "lead": lead,
        "other_lead": lead if other_lead is None else other_lead,
        "panel": panel,
        "auditor": auditor,
    }


# Columns: anonymous, admin, officer, lead, panel, auditor.
EVERYONE = _outcomes(200, 200, 200, 200, 200, 200)
NOWHERE = _outcomes(404, 404, 404, 404, 404, 404)
STAFF = _outcomes(SIGN_IN, 200, 200, 403, 403, 403)
READ_ALL = _outcomes(SIGN_IN, 200, 200, 403, 403, 200)
# Audits and inspections: OPCC staff, auditors and the Panel; nothing is public yet.
ASSURANCE_READERS = _outcomes(SIGN_IN, 200, 200, 403, 200, 200)
# An audit or inspection report not yet published: as if missing to anyone but its readers.
UNPUBLISHED_REPORT = _outcomes(404, 200, 200, 404, 200, 200)
ADMIN = _outcomes(SIGN_IN, 200, 403, 403, 403, 403)
# A draft is hidden from the public, Leads and the Panel exactly as a missing page is.
DRAFT = _outcomes(404, 200, 200, 404, 404, 200)
SIGN_IN_PAGE = _outcomes(200, HOME, HOME, HOME, HOME, HOME)
SIGN_OUT_BY_GET = _outcomes(SIGN_IN, 405, 405, 405, 405, 405)
# Delivery: a quarter not yet published is hidden from all but OPCC staff and auditors.
UNPUBLISHED = DRAFT
STAFF_POST_ONLY = _outcomes(SIGN_IN, 405, 405, 403, 403, 403)
MY_ACTIONS = _outcomes(SIGN_IN, 200, 403, 200, 403, 403)
ACTION_RECORD = _outcomes(SIGN_IN, 200, 200, 200, 403, 200, other_lead=403)
UPDATE_WRITE = _outcomes(SIGN_IN, 200, 200, 200, 403, 403, other_lead=403)
FORMATS = ["xlsx", "docx", "pdf", "html"]
PUBLISHED_Q, OPEN_Q, NEW_Q = "2018-19-q1", "2018-19-q2", "2018-19-q3"
# Performance: the data pack is public for a published Plan; the month has a figure.
MONTH = "2018-03"
DATA_PACK_FORMATS = ["pdf", "xlsx", "html"]
DRAFT_PACK = "/plans/{draft}/performance"
TO_DRAFT_MONTH = Redirect(f"{DRAFT_PACK}/{MONTH}/")
DRAFT_LATEST_MONTH = _outcomes(404, TO_DRAFT_MONTH, TO_DRAFT_MONTH, 404, 404, TO_DRAFT_MONTH)
# Indicators are read by anyone; only OPCC staff change them or enter figures.
INDICATOR = "/performance/indicators/crime-burglary"
INDICATOR_CHANGES = ("definition", "break", "note")
# Governance: a private meeting is hidden from all but OPCC staff and auditors, as a draft is.
PRIVATE_MEETING = DRAFT
GOV_BODY = "/governance/{body}"
GOV_MEETING = "/governance/{body}/meetings/{public_meeting}"
# Papers: drafts are for OPCC staff; a published version is public when its meeting is.
PAPER = "/papers/{paper}"
PAPER_PAGES = ("", "edit/", "narrative/", "preview/", "publish/")
PAPER_FORMATS = ["pdf", "docx", "html"]
NO_SUCH_DRAFT_FORMAT = _outcomes(SIGN_IN, 404, 404, 403, 403, 403)

PUB = "/plans/{pub}"
PARTS = "themes", "outcomes", "objectives", "priorities"
PARENT = {"themes": None, "outcomes": "theme", "objectives": "theme", "priorities": "objective"}
PART_ID = {
    "themes": "theme",
    "outcomes": "outcome",
    "objectives": "objective",
    "priorities": "priority",
}


def _add_url(kind: str) -> str:
    parent = PARENT[kind]
    return f"{PUB}/{kind}/new/" + (f"under/{{{parent}}}/" if parent else "")


GET_CASES = [
    ("/", EVERYONE),
    ("/accessibility/", EVERYONE),
    ("/privacy/", EVERYONE),
    ("/healthz/", EVERYONE),
    ("/cy/", EVERYONE),
    ("/sign-in/", SIGN_IN_PAGE),
    ("/sign-out/", SIGN_OUT_BY_GET),
    ("/plans/", EVERYONE),
    ("/plans/new/", STAFF),
    (f"{PUB}/", EVERYONE),
    ("/plans/{draft}/", DRAFT),
    (f"{PUB}/plan-on-a-page.pdf", EVERYONE),
    ("/plans/{draft}/plan-on-a-page.pdf", DRAFT),
    (f"{PUB}/edit/", STAFF),
    ("/plans/{draft}/edit/", STAFF),
    (f"{PUB}/contents/", STAFF),
    ("/plans/{draft}/contents/", STAFF),
    (f"{PUB}/history/", READ_ALL),
    ("/plans/{draft}/history/", READ_ALL),
    (f"{PUB}/versions/", EVERYONE),
    ("/plans/{draft}/versions/", DRAFT),
    (f"{PUB}/versions/record/", STAFF_POST_ONLY),
    (f"{PUB}/versions/1/", NOWHERE),  # no steps recorded: no versions to read yet
    (f"{PUB}/versions/1/checklist/", _outcomes(SIGN_IN, 404, 404, 403, 403, 404)),
    (f"{PUB}/versions/1/checklist/record/", STAFF_POST_ONLY),
    (f"{PUB}/compare/", NOWHERE),  # fewer than two versions
    (f"{PUB}/compare.docx", NOWHERE),
    (f"{PUB}/themes/{{theme}}/", EVERYONE),
    ("/plans/{draft}/themes/{draft_theme}/", DRAFT),
    *[(_add_url(kind), STAFF) for kind in PARTS],
    *[(f"{PUB}/{kind}/{{{PART_ID[kind]}}}/edit/", STAFF) for kind in PARTS],
    *[(f"{PUB}/{kind}/{{{PART_ID[kind]}}}/remove/", STAFF) for kind in PARTS],
    ("/admin/", ADMIN),
    ("/admin/accounts/user/", ADMIN),
    ("/governance/", EVERYONE),
    ("/governance/calendar/", EVERYONE),
    ("/governance/calendar/2026/9/", EVERYONE),
    ("/governance/calendar/2026/13/", NOWHERE),
    ("/governance/forward-plan/", READ_ALL),
    ("/governance/forward-plan/new/", STAFF),
    ("/governance/forward-plan/{expectation}/edit/", STAFF),
    ("/governance/bodies/new/", STAFF),
    (f"{GOV_BODY}/", EVERYONE),
    ("/governance/no-such-body/", NOWHERE),
    (f"{GOV_BODY}/past/", EVERYONE),
    (f"{GOV_BODY}/edit/", STAFF),
    (f"{GOV_BODY}/meetings.ics", EVERYONE),
    (f"{GOV_BODY}/meetings/new/", STAFF),
    (f"{GOV_MEETING}/", EVERYONE),
    (f"{GOV_BODY}/meetings/{{private_meeting}}/", PRIVATE_MEETING),
    ("/governance/joint-audit-committee/meetings/{public_meeting}/", NOWHERE),
    (f"{GOV_MEETING}/edit/", STAFF),
    (f"{GOV_MEETING}/cancel/", STAFF),
    (f"{GOV_MEETING}/reinstate/", STAFF_POST_ONLY),
    (f"{GOV_MEETING}/agenda/new/", STAFF),
    (f"{GOV_MEETING}/agenda/{{agenda_item}}/edit/", STAFF),
    (f"{GOV_MEETING}/agenda/{{agenda_item}}/remove/", STAFF),
    ("/my-actions/", MY_ACTIONS),
    ("/review/", STAFF),
    ("/review/{submitted}/", STAFF),
    ("/review/{submitted}/approve/", STAFF_POST_ONLY),
    (f"{PUB}/delivery/", _outcomes(*[Redirect(f"{PUB}/delivery/{PUBLISHED_Q}/")] * 6)),
    ("/plans/{draft}/delivery/", DRAFT),
    (f"{PUB}/delivery/{PUBLISHED_Q}/", EVERYONE),
    (f"{PUB}/delivery/{OPEN_Q}/", UNPUBLISHED),
    (f"{PUB}/delivery/no-such-quarter/", NOWHERE),
    *[(f"{PUB}/delivery/{PUBLISHED_Q}/appendix-1.{fmt}", EVERYONE) for fmt in FORMATS],
    *[(f"{PUB}/delivery/{OPEN_Q}/appendix-1.{fmt}", UNPUBLISHED) for fmt in FORMATS],
    (f"{PUB}/delivery/{PUBLISHED_Q}/appendix-1.txt", NOWHERE),
    (f"{PUB}/periods/", STAFF),
    (f"{PUB}/periods/{OPEN_Q}/advance/", STAFF_POST_ONLY),
    (f"{PUB}/rag-key/", EVERYONE),
    ("/plans/{draft}/rag-key/", DRAFT),
    (f"{PUB}/rag-key/new/", STAFF),
    (f"{PUB}/rag-key/G/edit/", STAFF),
    (f"{PUB}/actions/", STAFF),
    (f"{PUB}/actions/new/", STAFF),
    (f"{PUB}/actions/V1.1/", EVERYONE),
    ("/plans/{draft}/actions/D1.1/", DRAFT),
    (f"{PUB}/actions/V1.1/edit/", STAFF),
    (f"{PUB}/actions/V1.1/record/", ACTION_RECORD),
    (f"{PUB}/actions/V1.2/updates/{OPEN_Q}/", UPDATE_WRITE),
    (f"{PUB}/actions/V1.1/updates/{OPEN_Q}/", UPDATE_WRITE),
    (f"{PUB}/actions/V1.1/updates/{PUBLISHED_Q}/amend/", STAFF),
    (f"{PUB}/performance/", _outcomes(*[Redirect(f"{PUB}/performance/{MONTH}/")] * 6)),
    (f"{DRAFT_PACK}/", DRAFT_LATEST_MONTH),
    (f"{PUB}/performance/{MONTH}/", EVERYONE),
    (f"{PUB}/performance/{MONTH}/?area=E07000008", EVERYONE),
    (f"{DRAFT_PACK}/{MONTH}/", DRAFT),
    (f"{PUB}/performance/{PUBLISHED_Q}/", EVERYONE),
    (f"{PUB}/performance/2018-13/", NOWHERE),
    *[(f"{PUB}/performance/{MONTH}/data-pack.{fmt}", EVERYONE) for fmt in DATA_PACK_FORMATS],
    (f"{DRAFT_PACK}/{MONTH}/data-pack.html", DRAFT),
    (f"{PUB}/performance/{MONTH}/data-pack.docx", NOWHERE),
    ("/performance/indicators/", EVERYONE),
    (f"{INDICATOR}/", EVERYONE),
    ("/performance/indicators/no-such-indicator/", NOWHERE),
    *[(f"{INDICATOR}/{what}/", STAFF_POST_ONLY) for what in INDICATOR_CHANGES],
    (f"{INDICATOR}/widget/", NOWHERE),
    ("/performance/observations/new/", STAFF),
    ("/performance/observations/example.csv", EVERYONE),
    ("/assurance/", ASSURANCE_READERS),
    ("/assurance/inspections/new/", STAFF),
    ("/assurance/audits/new/", STAFF),
    ("/assurance/audits/IA-2018-03/", UNPUBLISHED_REPORT),
    ("/assurance/audits/NO-SUCH/", NOWHERE),
    ("/assurance/audits/IA-2018-03/actions/new/", STAFF),
    ("/assurance/items/audit-action/{audit_action}/", UPDATE_WRITE),
    ("/assurance/items/widget/{audit_action}/", _outcomes(SIGN_IN, 404, 404, 404, 404, 404)),
    ("/assurance/inspections/{inspection}/", UNPUBLISHED_REPORT),
    ("/assurance/inspections/NO-SUCH/", NOWHERE),
    ("/assurance/published/", EVERYONE),
    ("/consultation/", ASSURANCE_READERS),
    ("/consultation/surveys/import/", STAFF),
    ("/consultation/surveys/{survey}/", ASSURANCE_READERS),
    ("/consultation/surveys/no-such/", _outcomes(SIGN_IN, 404, 404, 403, 404, 404)),
    ("/consultation/surveys/{survey}/questions/{text_question}/", STAFF),
    ("/consultation/answers/{answer}/themes/", STAFF_POST_ONLY),
    ("/consultation/priorities/new/", STAFF),
    ("/consultation/priorities/{heard}/", STAFF),
    ("/consultation/you-said-we-did/", EVERYONE),
    # The API reads keys, not the browser's session: every role is the public there.
    ("/api/v1/openapi.json", EVERYONE),
    ("/api/v1/plans", EVERYONE),
    ("/api/v1/plans/{pub}", EVERYONE),
    ("/api/v1/plans/{draft}", NOWHERE),
    ("/api/v1/plans/{pub}/periods", EVERYONE),
    (f"/api/v1/plans/{{pub}}/periods/{PUBLISHED_Q}/actions", EVERYONE),
    (f"/api/v1/plans/{{pub}}/periods/{OPEN_Q}/actions", NOWHERE),
    (f"/api/v1/plans/{{pub}}/periods/{OPEN_Q}/actions/V1.1/update", _outcomes(*[405] * 6)),
    ("/api/v1/grants", EVERYONE),
    ("/api/v1/", NOWHERE),
    ("/data/", EVERYONE),
    ("/data/plans.csv", EVERYONE),
    ("/data/delivery-plan.json", EVERYONE),
    ("/data/plans.xml", NOWHERE),
    ("/grants/", ASSURANCE_READERS),
    ("/grants/new/", STAFF),
    ("/grants/schemes/new/", STAFF),
    ("/grants/register/", EVERYONE),
    ("/grants/register.csv", EVERYONE),
    ("/grants/register.xlsx", EVERYONE),
    ("/grants/register.pdf", NOWHERE),
    ("/grants/{grant}/", ASSURANCE_READERS),
    ("/grants/999999/", _outcomes(SIGN_IN, 404, 404, 403, 404, 404)),
    ("/grants/{grant}/edit/", STAFF),
    ("/grants/{grant}/returns/new/", STAFF_POST_ONLY),
    ("/grants/returns/{grant_return}/", STAFF),
    ("/assurance/scales/", STAFF),
    ("/assurance/scales/new/", STAFF),
    ("/assurance/scales/{scale_level}/", STAFF),
    ("/assurance/scales/{scale_level}/remove/", STAFF),
    ("/assurance/scales/999999/", _outcomes(SIGN_IN, 404, 404, 403, 403, 403)),
    ("/assurance/inspections/{inspection}/publish/", STAFF_POST_ONLY),
    ("/assurance/audits/IA-2018-03/publish/", STAFF_POST_ONLY),
    ("/assurance/inspections/{inspection}/recommendations/new/", STAFF),
    ("/assurance/inspections/{inspection}/response/", STAFF),
    ("/assurance/inspections/{inspection}/grades/new/", STAFF),
    *[(f"/assurance/inspections/{{inspection}}/response.{fmt}", STAFF) for fmt in ("docx", "html")],
    ("/assurance/inspections/{inspection}/response.txt", NO_SUCH_DRAFT_FORMAT),
    ("/assurance/audit-actions/", ASSURANCE_READERS),
    ("/assurance/recommendations/", ASSURANCE_READERS),
    ("/assurance/audit-actions.xlsx", ASSURANCE_READERS),
    *[(f"/assurance/jac-paper.{fmt}", ASSURANCE_READERS) for fmt in ("docx", "html")],
    ("/assurance/jac-paper.txt", _outcomes(SIGN_IN, 404, 404, 403, 404, 404)),
    ("/assurance/no-such-tracker/", _outcomes(SIGN_IN, 404, 404, 403, 404, 404)),
    ("/papers/", STAFF),
    ("/papers/new/for-agenda-item/{agenda_item}/", STAFF),
    *[(f"{PAPER}/{page}", STAFF) for page in PAPER_PAGES],
    *[(f"{PAPER}/draft.{fmt}", STAFF) for fmt in PAPER_FORMATS if fmt != "pdf"],
    (f"{PAPER}/draft.pdf", NO_SUCH_DRAFT_FORMAT),  # printed in the background instead
    (f"{PAPER}/draft.pdf/prepare/", STAFF_POST_ONLY),
    *[(f"/papers/jobs/{{job}}/{page}", STAFF) for page in ("", "state/", "file/")],
    ("/papers/jobs/999999/", NO_SUCH_DRAFT_FORMAT),
    (f"{GOV_MEETING}/agenda-pack.pdf", EVERYONE),
    (f"{GOV_BODY}/meetings/{{private_meeting}}/agenda-pack.pdf", PRIVATE_MEETING),
    (f"{GOV_MEETING}/agenda-pack/assemble/", STAFF_POST_ONLY),
    (f"{PAPER}/draft.txt", NO_SUCH_DRAFT_FORMAT),
    *[(f"{PAPER}/versions/1.{fmt}", EVERYONE) for fmt in PAPER_FORMATS],
    ("/papers/{private_paper}/versions/1.pdf", PRIVATE_MEETING),
    (f"{PAPER}/versions/2.pdf", NOWHERE),
    (f"{PAPER}/versions/1.txt", NOWHERE),
]


def client_for(role: str, client, request):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(ROLE_FIXTURES[role]))
    return client


def assert_outcome(response: HttpResponse, url: str, expected: object) -> None:
    if isinstance(expected, Redirect):
        assert response.status_code == 302
        assert response["Location"] == expected.to
    elif expected == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"] == f"/sign-in/?next={quote(url, safe='/')}"
    elif expected == HOME:
        assert response.status_code == 302
        assert response["Location"] == "/"
    else:
        assert response.status_code == expected
