"""Plan documents that are refused, without Django or a database: unknown keys, missing
fields, bad dates, duplicates, wrong shapes, empty text and invalid YAML, each named
with its line."""

from __future__ import annotations

import pytest

from planwatch.plans.document import DocumentError, parse_plan_document
from tests.plans.documents import EXAMPLE, inserting, replacing


def refusal(text: str) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        parse_plan_document(text)
    return caught.value


class TestUnknownKeys:
    def test_an_unknown_key_at_the_top_level_is_refused_at_its_line(self):
        error = refusal(inserting(5, "colour: blue"))

        assert error.line == 6
        assert "unknown key 'colour'" in error.message
        assert "the plan" in error.message

    def test_an_unknown_key_in_a_theme_is_refused_at_its_line(self):
        error = refusal(inserting(11, "    colour: blue"))

        assert error.line == 12
        assert "unknown key 'colour'" in error.message
        assert "theme" in error.message

    def test_an_unknown_key_in_an_objective_is_refused_at_its_line(self):
        error = refusal(inserting(14, "        colour: blue"))

        assert error.line == 15
        assert "unknown key 'colour'" in error.message
        assert "objective" in error.message

    def test_the_message_lists_the_keys_that_are_allowed(self):
        error = refusal(inserting(5, "colour: blue"))

        for key in ("slug", "title", "area", "force", "commissioner", "starts", "ends", "status"):
            assert key in error.message


class TestMissingFields:
    @pytest.mark.parametrize(
        ("field", "line"),
        [
            ("slug", 1),
            ("title", 2),
            ("area", 3),
            ("force", 4),
            ("commissioner", 5),
            ("starts", 6),
            ("ends", 7),
        ],
    )
    def test_each_required_top_level_field_must_be_present(self, field, line):
        error = refusal(replacing(line, ""))

        assert f"missing the field {field!r}" in error.message
        assert error.line == 1

    def test_the_themes_field_must_be_present(self):
        text = "\n".join(EXAMPLE.splitlines()[:7]) + "\n"

        error = refusal(text)

        assert "missing the field 'themes'" in error.message
        assert error.line == 1

    def test_a_theme_must_have_a_name(self):
        error = refusal(replacing(9, "").replace("    aim:", "  - aim:", 1))

        assert "missing the field 'name'" in error.message
        assert "theme 1" in error.message
        assert error.line == 9

    def test_a_theme_must_have_an_aim(self):
        error = refusal(replacing(10, ""))

        assert "missing the field 'aim'" in error.message
        assert error.line == 9

    def test_the_second_theme_is_named_by_its_position(self):
        error = refusal(EXAMPLE + "  - name: Offenders\n")

        assert "theme 2" in error.message
        assert "missing the field 'aim'" in error.message
        assert error.line == 15

    def test_an_objective_must_have_text(self):
        error = refusal(replacing(13, "").replace("        priorities", "      - priorities"))

        assert "missing the field 'text'" in error.message
        assert "objective of theme 'Victims'" in error.message
        assert error.line == 13


class TestDates:
    @pytest.mark.parametrize(
        "written",
        [
            "2017-13-01",
            "2017-02-30",
            "next year",
            "2017",
            "20170401",
            "2017-W13-6",
            "1 April 2017",
            "01/04/2017",
            "2017-04-01 09:00:00",
            "2017-4-1",
        ],
    )
    def test_starts_must_be_a_real_date_written_year_month_day(self, written):
        error = refusal(replacing(6, f"starts: {written}"))

        assert "'starts' must be a date written YYYY-MM-DD" in error.message
        assert error.line == 6

    def test_ends_must_be_a_real_date(self):
        error = refusal(replacing(7, "ends: 2020-02-30"))

        assert "'ends' must be a date" in error.message
        assert error.line == 7

    def test_a_date_may_not_be_a_list(self):
        error = refusal(replacing(6, "starts: [2017, 4, 1]"))

        assert "'starts'" in error.message
        assert error.line == 6

    def test_ends_on_the_day_it_starts_is_refused(self):
        error = refusal(replacing(7, "ends: 2017-04-01"))

        assert "'ends' must be after 'starts'" in error.message
        assert error.line == 7

    def test_ends_before_it_starts_is_refused(self):
        error = refusal(replacing(7, "ends: 2016-03-31"))

        assert "'ends' must be after 'starts'" in error.message
        assert error.line == 7


class TestDuplicates:
    def test_two_themes_with_the_same_name_in_any_case_are_refused(self):
        error = refusal(EXAMPLE + "  - name: VICTIMS\n    aim: Again\n")

        assert "theme 'VICTIMS' appears twice" in error.message
        assert "first at line 9" in error.message
        assert error.line == 15

    def test_two_equal_objectives_in_one_theme_are_refused(self):
        error = refusal(EXAMPLE + "      - text: the police respond to immediate needs ...\n")

        assert "in theme 'Victims', objective" in error.message
        assert "appears twice (first at line 13)" in error.message
        assert error.line == 15

    def test_the_same_objective_under_two_themes_is_allowed(self):
        text = (
            EXAMPLE
            + "  - name: Offenders\n    aim: Fewer offend.\n    objectives:\n"
            + "      - text: The police respond to immediate needs ...\n"
        )

        document = parse_plan_document(text)

        assert [theme.name for theme in document.themes] == ["Victims", "Offenders"]

    def test_a_key_given_twice_is_refused_at_its_second_line(self):
        error = refusal(inserting(5, "title: Another title"))

        assert "key 'title' appears twice" in error.message
        assert error.line == 6

    def test_a_key_given_twice_in_a_theme_is_refused(self):
        error = refusal(inserting(10, "    aim: A second aim"))

        assert "key 'aim' appears twice" in error.message
        assert error.line == 11


class TestShapes:
    def test_themes_written_as_text_are_refused(self):
        text = "\n".join(EXAMPLE.splitlines()[:7]) + "\nthemes: Victims\n"

        error = refusal(text)

        assert "'themes' must be a list" in error.message
        assert error.line == 8

    def test_themes_written_as_a_mapping_are_refused(self):
        text = "\n".join(EXAMPLE.splitlines()[:7]) + "\nthemes:\n  name: Victims\n"

        error = refusal(text)

        assert "'themes' must be a list" in error.message
        assert error.line == 9

    def test_a_theme_written_as_text_is_refused(self):
        text = "\n".join(EXAMPLE.splitlines()[:8]) + "\n  - Victims\n"

        error = refusal(text)

        assert "theme 1 must be a mapping" in error.message
        assert error.line == 9

    def test_outcomes_written_as_text_are_refused(self):
        error = refusal(replacing(11, "    outcomes: Victims are safer"))

        assert "'outcomes' of theme 'Victims' must be a list" in error.message
        assert error.line == 11

    def test_an_outcome_written_as_a_mapping_is_refused(self):
        error = refusal(replacing(11, "    outcomes: [ {a: b} ]"))

        assert "'outcomes' of theme 'Victims' must be text" in error.message
        assert error.line == 11

    def test_an_aim_written_as_a_mapping_is_refused(self):
        error = refusal(replacing(10, "    aim: {a: b}"))

        assert "'aim' of theme 'Victims' must be text" in error.message
        assert error.line == 10

    @pytest.mark.parametrize("text", ["- a list\n- of things\n", "just some text\n"])
    def test_a_document_that_is_not_a_mapping_is_refused(self, text):
        error = refusal(text)

        assert "the plan must be a mapping" in error.message
        assert error.line == 1


class TestEmptyAndInvalid:
    @pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
    def test_an_empty_document_is_refused(self, text):
        error = refusal(text)

        assert "the document is empty" in error.message
        assert error.line == 1

    def test_a_tab_used_for_indentation_is_invalid_yaml_at_its_line(self):
        error = refusal(replacing(10, "\taim: Victims are supported ..."))

        assert "not valid YAML" in error.message
        assert error.line == 10

    def test_a_second_colon_in_a_plain_value_is_invalid_yaml_at_its_line(self):
        error = refusal(replacing(5, "commissioner: A. Person: Deputy"))

        assert "not valid YAML" in error.message
        assert error.line == 5

    def test_an_unclosed_quote_is_invalid_yaml(self):
        error = refusal(replacing(2, 'title: "Police and Crime Plan'))

        assert "not valid YAML" in error.message
        assert error.line is not None

    @pytest.mark.parametrize(
        "slug", ["example 2017/20", "plan.2017", "café-plan", "'with:colon'", "a/b"]
    )
    def test_a_slug_may_hold_only_letters_digits_hyphens_and_underscores(self, slug):
        error = refusal(replacing(1, f"slug: {slug}"))

        assert "'slug' may hold only letters, digits, hyphens and underscores" in error.message
        assert error.line == 1

    @pytest.mark.parametrize(
        ("line", "written", "field"),
        [
            (1, 'slug: ""', "'slug'"),
            (2, 'title: "   "', "'title'"),
            (5, "commissioner: ''", "'commissioner'"),
            (9, '  - name: ""', "'name' of theme 1"),
            (10, '    aim: " "', "'aim' of theme 'Victims'"),
            (11, '    outcomes: [ "...", "" ]', "'outcomes'"),
            (13, '      - text: ""', "'text' of an objective of theme 'Victims'"),
            (14, '        priorities: [ "", "..." ]', "'priorities'"),
        ],
    )
    def test_empty_text_is_refused(self, line, written, field):
        error = refusal(replacing(line, written))

        assert f"{field}" in error.message
        assert "must not be empty" in error.message
        assert error.line == line

    @pytest.mark.parametrize(
        ("line", "written", "field"),
        [
            (2, "title:", "'title'"),
            (3, "area: ~", "'area'"),
            (10, "    aim: null", "'aim' of theme 'Victims'"),
        ],
    )
    def test_a_missing_value_is_refused_as_not_text(self, line, written, field):
        error = refusal(replacing(line, written))

        assert f"{field} must be text" in error.message
        assert error.line == line

    def test_the_error_reads_with_its_line_first(self):
        error = refusal(replacing(6, "starts: next year"))

        assert str(error) == ("line 6: 'starts' must be a date written YYYY-MM-DD, not 'next year'")
