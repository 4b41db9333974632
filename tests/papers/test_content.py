"""The content shape every paper is built into: it goes to JSON and back unchanged, and the
same content always has the same digest."""

from __future__ import annotations

from planwatch.papers.content import (
    BulletList,
    Cell,
    Chart,
    HeadingBlock,
    PaperContent,
    Paragraph,
    Section,
    Table,
)

TABLE = Table("Actions by status", ("Status", "Actions"), ((Cell("Red", rag="red"), Cell("1")),))


def a_paper() -> PaperContent:
    return PaperContent(
        kind="delivery-monitoring",
        title="Monitoring the delivery of the Plan",
        heading=HeadingBlock(body="Police and Crime Panel", agenda_item="7", public=True),
        sections=(
            Section("1", "Purpose", (Paragraph("Why.", editable="purpose"),)),
            Section(
                "6",
                "Background documents",
                (BulletList(("The Plan",), editable="background_documents"), TABLE),
                (Section("6.1", "Chart", (Chart("<svg/>", "T", "D", TABLE),)),),
            ),
        ),
        appendices=(Section("Appendix 1", "Delivery Plan", (BulletList(("A", "B")),)),),
        made_from={"plan": "northmoor-2017-20", "period": "2018-19-q1"},
    )


def test_it_goes_to_json_and_back_unchanged():
    content = a_paper()

    assert PaperContent.from_json(content.to_json()) == content


def test_an_editable_list_keeps_its_key():
    back = PaperContent.from_json(a_paper().to_json())

    assert back.sections[1].blocks[0].editable == "background_documents"
    assert back.appendices[0].blocks[0].editable is None


def test_a_list_stored_before_lists_could_be_edited_still_reads():
    text = a_paper().to_json().replace('"editable": null,\n', "")
    assert '"editable": null' not in text

    assert PaperContent.from_json(text).appendices[0].blocks[0] == BulletList(("A", "B"))


def test_the_same_content_has_the_same_digest_and_a_change_changes_it():
    changed = PaperContent.from_json(a_paper().to_json().replace("Why.", "Why not."))

    assert a_paper().digest() == a_paper().digest()
    assert changed.digest() != a_paper().digest()
