"""The paper as a standalone web page: in English, titled, its style sheet inside and allowed
by hash, no script and no inline style attribute; every text escaped, the officers' narrative
and the Leads' commentary included; tables with captions and header cells."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from planwatch.papers.render import render_html, standalone_policy
from planwatch.papers.selectors import draft_content
from planwatch.papers.services import paper_edit_narrative
from tests.papers.monitoring import SECTIONS, expected_rows, reload
from tests.reporting.delivery_report import parsed

SCRIPT = "<script>alert('narrative')</script>"


@pytest.fixture
def html(paper) -> str:
    return render_html(draft_content(paper))


def test_it_is_a_titled_english_document(paper, html):
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in html
    assert f"<title>{draft_content(paper).title.replace(chr(39), '&#x27;')}</title>" in html


def test_its_headings_are_the_papers_sections_in_order(html):
    headings = parsed(html).headings

    assert headings[0][0] == "h1"
    assert [text for tag, text in headings if tag == "h2"][: len(SECTIONS)] == SECTIONS
    assert any(text.startswith("Appendix 1: Delivery Plan") for tag, text in headings)


def test_the_appendix_rows_are_the_delivery_plans(paper, html):
    rows = [row for row in parsed(html).rows if len(row) == 7 and row[0] != "Ref"]

    assert [(row[0], row[4], row[5]) for row in rows] == expected_rows(paper.plan)


def test_narrative_and_commentary_are_escaped(paper):
    paper_edit_narrative(paper=paper, by=None, texts={"purpose": f"Purpose {SCRIPT} & more"})

    html = render_html(draft_content(reload(paper)))

    assert "<script>" not in html
    assert "Purpose &lt;script&gt;alert(&#x27;narrative&#x27;)&lt;/script&gt; &amp; more" in html
    # The Lead's commentary on V1.2 is <script>alert(1)</script> in the fixture.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_has_no_inline_style_attribute_and_no_script(html):
    assert not re.search(r"\sstyle=", html)
    assert "<script" not in html


def test_its_policy_allows_exactly_its_own_style_sheet(html):
    css = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")

    assert standalone_policy(html) == (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:"
    )


def test_tables_have_captions_and_header_cells_with_scope(html):
    assert html.count("<table>") == html.count("<caption>")
    assert html.count('<thead><tr><th scope="col">') == html.count("<table>")
    assert '<th scope="row">V1.1</th>' in html


def test_status_cells_are_coloured_by_class_and_say_their_status(html):
    assert re.search(r'<td class="rag rag-red">Red</td>', html)
    assert re.search(r'<td class="rag rag-green">Green</td>', html)
