"""The Plan document written as YAML and read back, without Django or a database: the
order of its fields, and awkward text that must survive the round trip."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.plans.document import (
    ObjectiveDoc,
    PlanDoc,
    ThemeDoc,
    dump_plan_document,
    parse_plan_document,
)
from tests.plans.documents import EXAMPLE


def a_document(*texts: str, status: str | None = "published") -> PlanDoc:
    """A document whose every piece of free text is one of ``texts``."""
    return PlanDoc(
        slug="round-trip",
        title=texts[0],
        area=texts[-1],
        force="example-shire",
        commissioner=texts[0],
        starts=dt.date(2021, 4, 1),
        ends=dt.date(2024, 3, 31),
        status=status,
        themes=tuple(
            ThemeDoc(
                name=f"Theme {number}: {text}",
                aim=text,
                outcomes=(text, f"{text} again"),
                objectives=(
                    ObjectiveDoc(text=text, priorities=(text, f"more {text}")),
                    ObjectiveDoc(text=f"second {text}"),
                ),
            )
            for number, text in enumerate(texts, 1)
        ),
    )


class TestRoundTrip:
    def test_the_example_dumped_parses_back_equal(self):
        document = parse_plan_document(EXAMPLE)

        assert parse_plan_document(dump_plan_document(document)) == document

    def test_dumping_twice_gives_the_same_text(self):
        text = dump_plan_document(parse_plan_document(EXAMPLE))

        assert dump_plan_document(parse_plan_document(text)) == text

    def test_the_dump_lists_the_fields_in_the_documented_order(self):
        text = dump_plan_document(a_document("A title"))
        keys = [line.split(":")[0] for line in text.splitlines() if line[0] not in " -"]

        assert keys == [
            "slug",
            "title",
            "area",
            "force",
            "commissioner",
            "starts",
            "ends",
            "status",
            "themes",
        ]

    def test_a_document_without_a_status_dumps_without_one(self):
        document = a_document("A title", status=None)
        text = dump_plan_document(document)

        assert "status" not in text
        assert parse_plan_document(text) == document

    @pytest.mark.parametrize(
        "text",
        [
            "Ünïcödé café — “curly quotes” and ‘single’ 😀 Ærøskøbing",
            "Cymraeg: Cynllun Heddlu a Throseddu",
            "Ключевые цели и 目標",
            "key: value",
            "ends with a colon:",
            "a: b: c",
            'He said "no"',
            "it's the officer's",
            "'single quoted'",
            '"double quoted"',
            "- leading dash",
            "-",
            "--- three dashes",
            "? question mark first",
            "# looks like a comment",
            "value # with a hash",
            "[looks, like, a, list]",
            "{looks: like a mapping}",
            "&anchor",
            "*alias",
            "!tag",
            "%directive",
            "@at and `backtick",
            "| pipe",
            "> greater than",
            "yes",
            "null",
            "~",
            "2017-04-01",
            "123",
            "1e3",
            "0x1F",
            ".inf",
            "first line\nsecond line",
            "a tab\tinside",
            "back\\slash",
            "<script>alert(1)</script>",
            "a long sentence that will be folded by the dumper " * 6 + "and end here",
            "two  spaces  between  words " * 8 + "end",
        ],
    )
    def test_awkward_text_survives_a_round_trip(self, text):
        document = a_document(text)

        assert parse_plan_document(dump_plan_document(document)) == document

    def test_every_awkward_text_together_survives_a_round_trip(self):
        document = a_document("κείμενο: «ελληνικά»", "- dash: 'quote' \"double\"", "日本語")

        assert parse_plan_document(dump_plan_document(document)) == document

    def test_unicode_is_written_as_itself_not_escaped(self):
        text = dump_plan_document(a_document("Ærøskøbing café"))

        assert "Ærøskøbing café" in text
