"""Reading a page's plain-English summary: the one paragraph under its main heading."""

from __future__ import annotations

from lxml import html

SUMMARY = "//*[contains(concat(' ', normalize-space(@class), ' '), ' pw-summary ')]"


def summary_of(page: str) -> str:
    """The text of the page's summary; fails unless there is exactly one, a paragraph, in
    <main> right after the h1 (only the heading's caption may come between)."""
    doc = html.fromstring(page)
    found = doc.xpath(SUMMARY)
    assert len(found) == 1, f"{len(found)} summaries"
    summary = found[0]
    assert summary.tag == "p", summary.tag
    (main,) = doc.xpath("//main")
    (h1,) = main.xpath(".//h1")
    between = []
    for sibling in h1.itersiblings():
        if sibling is summary:
            break
        between.append(sibling)
    else:
        raise AssertionError("the summary is not after the h1")
    for element in between:
        assert "govuk-caption" in element.get("class", ""), html.tostring(element)[:120]
    assert not (h1.tail or "").strip() and not any((e.tail or "").strip() for e in between)
    return " ".join(summary.text_content().split())
