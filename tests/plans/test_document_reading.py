"""The Plan document read from YAML, without Django or a database: the values it holds,
the line of each part, comments, optional parts, and text kept as written."""

from __future__ import annotations

import datetime as dt

from planwatch.plans.document import ObjectiveDoc, PlanDoc, ThemeDoc, parse_plan_document
from tests.plans.documents import EXAMPLE, inserting, replacing


class TestTheExample:
    def test_the_example_loads_with_the_values_it_holds(self):
        assert parse_plan_document(EXAMPLE) == PlanDoc(
            slug="example-2017-20",
            title="Police and Crime Plan 2017-20",
            area="Example Shire",
            force="example-shire",
            commissioner="A. Person",
            starts=dt.date(2017, 4, 1),
            ends=dt.date(2020, 3, 31),
            status=None,
            themes=(
                ThemeDoc(
                    name="Victims",
                    aim="Victims are supported ...",
                    outcomes=("...", "..."),
                    objectives=(
                        ObjectiveDoc(
                            text="The police respond to immediate needs ...",
                            priorities=("...", "..."),
                        ),
                    ),
                ),
            ),
        )

    def test_the_example_remembers_the_line_of_each_theme_and_objective(self):
        document = parse_plan_document(EXAMPLE)

        assert document.line == 1
        assert document.themes[0].line == 9
        assert document.themes[0].objectives[0].line == 13

    def test_comments_after_a_value_are_not_part_of_it(self):
        document = parse_plan_document(EXAMPLE)

        assert document.area == "Example Shire"
        assert document.force == "example-shire"

    def test_a_status_is_read_when_given(self):
        document = parse_plan_document(inserting(7, "status: published"))

        assert document.status == "published"
        assert document.field_lines["status"] == 8

    def test_outcomes_objectives_and_priorities_may_be_left_out(self):
        text = "\n".join(EXAMPLE.splitlines()[:10]) + "\n"

        theme = parse_plan_document(text).themes[0]

        assert theme.outcomes == ()
        assert theme.objectives == ()

    def test_a_plan_may_have_no_themes_yet(self):
        assert parse_plan_document(replacing(8, "themes: []").split("  - name")[0]).themes == ()

    def test_text_that_yaml_would_read_as_a_number_or_boolean_is_kept_as_written(self):
        document = parse_plan_document(replacing(2, "title: 2017").replace("A. Person", "yes"))

        assert document.title == "2017"
        assert document.commissioner == "yes"

    def test_a_quoted_date_is_read_as_a_date(self):
        assert parse_plan_document(replacing(6, 'starts: "2017-04-01"')).starts == dt.date(
            2017, 4, 1
        )
