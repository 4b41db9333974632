"""How every format lays a paper out: headings, paragraph numbers, column widths and RAG
colours; and the style sheet that colours the cells."""

from __future__ import annotations

import re

from planwatch.delivery.models import PRINT_COLOURS
from planwatch.papers.content import (
    BulletList,
    Cell,
    HeadingBlock,
    PaperContent,
    Paragraph,
    Section,
    Table,
)
from planwatch.papers.render.html import stylesheet
from planwatch.papers.render.layout import colour_of, column_widths, layout
from planwatch.reporting.delivery_plan.document import ink_for


def a_paper(*sections: Section, appendices: tuple[Section, ...] = ()) -> PaperContent:
    return PaperContent(
        kind="delivery-monitoring",
        title="A paper",
        heading=HeadingBlock(body="Police and Crime Panel", agenda_item="7", public=False),
        sections=sections,
        appendices=appendices,
    )


def test_paragraphs_are_numbered_within_their_section_as_in_the_panels_papers():
    shown = layout(
        a_paper(
            Section("1", "Purpose", (Paragraph("One."),)),
            Section("4", "Background", (Paragraph("First.\n\nSecond."), BulletList(("A",)))),
        )
    )

    assert [s.title for s in shown.sections] == ["1. Purpose", "4. Background"]
    assert [(b.number, b.text) for b in shown.sections[1].blocks if b.kind == "paragraph"] == [
        ("4.1", "First."),
        ("4.2", "Second."),
    ]


def test_sections_with_subsections_and_appendices_leave_paragraphs_unnumbered():
    shown = layout(
        a_paper(
            Section(
                "4", "Theme", (Paragraph("Intro."),), (Section("4.1", "Aim", (Paragraph("x"),)),)
            ),
            appendices=(Section("Appendix 1", "Delivery Plan", (Paragraph("Notes."),)),),
        )
    )

    theme, appendix = shown.sections[0], shown.appendices[0]
    assert theme.blocks[0].number == "" and theme.subsections[0].title == "4.1 Aim"
    assert theme.subsections[0].level == 3
    assert appendix.title == "Appendix 1: Delivery Plan"
    assert appendix.blocks[0].number == ""


def test_the_heading_block_says_a_private_paper_is_not_for_publication():
    lines = dict(layout(a_paper()).heading)

    assert lines["body"] == "Police and Crime Panel"
    assert lines["agenda"] == "Agenda Item No. 7"
    assert lines["access"].startswith("Private report")
    assert "contact_officer" not in lines


def test_column_widths_add_up_to_100_and_fit_each_columns_longest_word():
    table = Table(
        "Actions",
        ("Ref", "Action", "Status", "Direction of travel", "Commentary"),
        tuple(
            (
                Cell(f"V{n}"),
                Cell("Improve how partners share information about victims"),
                Cell("Amber"),
                Cell("↓ Deteriorating"),
                Cell("A long commentary " * 8),
            )
            for n in range(100, 130)
        ),
    )

    widths = column_widths(table, 150)

    assert sum(widths) == 100
    assert widths[0] >= 100 * (len("V129") + 4) / 150 - 1
    assert widths[3] >= 100 * (len("Deteriorating") + 4) / 150 - 1
    assert widths[4] == max(widths)


def test_rag_cells_are_coloured_by_their_print_colour_and_amber_means_orange():
    assert colour_of("green") == "green"
    assert colour_of("Amber") == "orange"
    assert colour_of("no-such-colour") is None
    assert colour_of(None) is None


def test_the_style_sheet_colours_every_rag_colour_with_readable_ink():
    css = stylesheet()

    for name, fill in PRINT_COLOURS.items():
        assert f".paper .rag-{name} {{ background: {fill}; color: {ink_for(fill)}; }}" in css


def test_the_style_sheet_has_a_class_for_every_column_width():
    widths = {int(n) for n in re.findall(r"\.paper \.w-(\d+) \{ width: \1%; \}", stylesheet())}

    assert widths == set(range(1, 101))
