"""plan-load refuses bad documents and unreadable files, naming the field and the line,
and writes nothing: a new Plan is not made and an existing one is left unchanged."""

from __future__ import annotations

import pytest
from django.core.management import CommandError

from planwatch.plans.models import Plan, PlanStatus
from tests.plans.plan_files import PLAN, contents, dump, load, replacing, row_counts, write

# Bad documents: (what is wrong, the document, words the message must hold, the line).
BAD_DOCUMENTS = [
    ("unknown top-level key", replacing(PLAN, 5, "colour: blue"), ["'colour'"], 5),
    ("unknown theme key", replacing(PLAN, 11, "    colour: blue"), ["'colour'", "theme"], 11),
    ("missing title", replacing(PLAN, 2, "# no title"), ["'title'", "missing"], 1),
    ("missing theme aim", replacing(PLAN, 11, "    # no aim"), ["'aim'", "missing"], 10),
    ("impossible date", replacing(PLAN, 6, "starts: 2021-13-01"), ["'starts'", "YYYY-MM-DD"], 6),
    ("words for a date", replacing(PLAN, 7, "ends: next year"), ["'ends'", "next year"], 7),
    ("a number for a date", replacing(PLAN, 7, "ends: 20240331"), ["'ends'"], 7),
    ("ends before starts", replacing(PLAN, 7, "ends: 2020-03-31"), ["'ends'", "'starts'"], 7),
    (
        "duplicate theme",
        replacing(PLAN, 21, "  - name: ZEBRA CROSSINGS"),
        ["'ZEBRA CROSSINGS'", "twice", "first at line 10"],
        21,
    ),
    (
        "duplicate objective",
        replacing(PLAN, 20, "      - text: Enforce speed limits near schools."),
        ["'Enforce speed limits near schools.'", "twice", "first at line 16"],
        20,
    ),
    ("themes not a list", PLAN.split("themes:")[0] + "themes: Zebra\n", ["'themes'", "list"], 9),
    ("invalid YAML", replacing(PLAN, 4, "force: testshire: north"), ["YAML"], 4),
    ("bad slug", replacing(PLAN, 1, "slug: test plan"), ["'slug'"], 1),
    ("empty text", replacing(PLAN, 11, '    aim: ""'), ["'aim'", "empty"], 11),
    ("duplicate key", replacing(PLAN, 3, "title: Twice"), ["'title'", "twice"], 3),
    ("invalid status", replacing(PLAN, 8, "status: finished"), ["'status'", "'finished'"], 8),
    # Refused by the database's rules rather than the document's shape:
    (
        "force that is not a slug",
        replacing(PLAN, 4, "force: Test Shire"),
        ["force", "slug"],
        4,
    ),
    ("title too long", replacing(PLAN, 2, "title: " + "T" * 201), ["title", "200"], 2),
    (
        "second theme name too long",
        replacing(PLAN, 21, "  - name: " + "N" * 121),
        ["name", "120"],
        21,
    ),
]


def bad_documents():
    return [pytest.param(text, words, line, id=what) for what, text, words, line in BAD_DOCUMENTS]


class TestBadDocumentsAreRefused:
    @pytest.mark.parametrize(("text", "words", "line"), bad_documents())
    def test_a_bad_document_fails_naming_the_field_and_line_and_writes_nothing(
        self, db, tmp_path, text, words, line
    ):
        before = row_counts()

        with pytest.raises(CommandError) as caught:
            load(write(tmp_path, text))

        message = str(caught.value)
        assert message.startswith(f"{tmp_path / 'plan.yaml'}: line {line}: ")
        for word in words:
            assert word in message
        assert row_counts() == before

    @pytest.mark.parametrize(("text", "words", "line"), bad_documents())
    def test_a_bad_replacement_leaves_the_existing_plan_unchanged(
        self, db, tmp_path, text, words, line
    ):
        load(write(tmp_path, PLAN, "good.yaml"))
        plan = Plan.objects.get(slug="test-plan")
        before = (row_counts(), contents(plan), dump("test-plan"))
        theme_ids = list(plan.themes.values_list("pk", flat=True))

        with pytest.raises(CommandError, match=f"line {line}: "):
            load(write(tmp_path, text))

        plan.refresh_from_db()
        assert (row_counts(), contents(plan), dump("test-plan")) == before
        assert list(plan.themes.values_list("pk", flat=True)) == theme_ids

    def test_an_invalid_status_is_refused_and_names_the_statuses_allowed(self, db, tmp_path):
        with pytest.raises(CommandError) as caught:
            load(write(tmp_path, replacing(PLAN, 8, "status: finished")))

        for status in PlanStatus.values:
            assert status in str(caught.value)
        assert not Plan.objects.exists()

    def test_a_file_that_is_not_utf8_is_refused_clearly(self, db, tmp_path):
        path = tmp_path / "latin1.yaml"
        path.write_bytes(PLAN.replace("Testshire", "Ynys Môn").encode("latin-1"))
        before = row_counts()

        with pytest.raises(CommandError) as caught:
            load(path)

        assert str(caught.value).startswith(f"{path}: cannot read the file")
        assert "utf-8" in str(caught.value)
        assert row_counts() == before

    def test_a_missing_file_is_refused_clearly(self, db, tmp_path):
        with pytest.raises(CommandError, match="cannot read the file"):
            load(tmp_path / "missing.yaml")
