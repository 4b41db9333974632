from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from planwatch.plans.models import Plan
from planwatch.plans.statutory import checklist


class Command(BaseCommand):
    help = (
        "The statutory checklist of a version of a Plan (default: the latest): each requirement "
        "of PRSRA 2011 s.5 and s.7 and the matters to have regard to, met or not, and what "
        "meets it."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names the Plan's version here, in place of Django's own --version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--version", dest="number", type=int, metavar="N")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, slug: str, number: int | None, **options):
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            raise CommandError(f"No Plan has the slug {slug!r}.")
        versions = list(plan.versions.all())
        if not versions:
            raise CommandError(f"{slug} has no versions yet: record its first step.")
        version = (
            versions[-1]
            if number is None
            else next((v for v in versions if v.number == number), None)
        )
        if version is None:
            known = ", ".join(str(v.number) for v in versions)
            raise CommandError(f"{slug} has no version {number} (versions: {known}).")
        checks = checklist(version)
        if options["json"]:
            data = {
                "plan": slug,
                "version": version.number,
                "state": version.state,
                "requirements": [
                    {
                        "code": c.requirement.code,
                        "group": c.requirement.group,
                        "requirement": c.requirement.text,
                        "met": c.met,
                        "met_by": list(c.evidence),
                    }
                    for c in checks
                ],
            }
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        for check in checks:
            mark = "met    " if check.met else "MISSING"
            self.stdout.write(f"{mark} {check.requirement.text}")
            for line in check.evidence:
                self.stdout.write(f"        {line}")
        missing = sum(not c.met for c in checks)
        self.stdout.write(f"{missing} of {len(checks)} requirement(s) not met.")
