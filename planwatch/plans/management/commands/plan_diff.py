from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from planwatch.plans.comparison_paper import ELEMENTS
from planwatch.plans.lifecycle import versions_compared
from planwatch.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Compare two versions of a Plan: each theme, aim, shared outcome, objective and priority "
        "added, removed or changed, with its old and new text."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--from", dest="old", type=int, required=True, metavar="VERSION")
        parser.add_argument("--to", dest="new", type=int, required=True, metavar="VERSION")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, slug: str, old: int, new: int, json: bool, **options):
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            raise CommandError(f"No Plan has the slug {slug!r}.")
        versions = {v.number: v for v in plan.versions.all()}
        for number in (old, new):
            if number not in versions:
                known = ", ".join(map(str, versions)) or "none yet"
                raise CommandError(f"{slug} has no version {number} (versions: {known}).")
        changes = versions_compared(plan, versions[old], versions[new])
        if json:
            self.stdout.write(_json(slug, old, new, changes))
            return
        for change in changes:
            where = change.theme + (f" / {change.objective}" if change.objective else "")
            line = f"{change.change:8} {ELEMENTS[change.element]} ({where})"
            detail = {"added": change.new, "removed": change.old}.get(
                change.change, f"{change.old} -> {change.new}"
            )
            self.stdout.write(f"{line}: {detail}")
        self.stdout.write(f"{len(changes)} change(s) from version {old} to version {new}.")


def _json(slug: str, old: int, new: int, changes) -> str:
    data = {"plan": slug, "from": old, "to": new, "changes": [c.as_data() for c in changes]}
    return json.dumps(data, indent=2, ensure_ascii=False)
