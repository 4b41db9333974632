"""The data pack in Welsh at /cy/: its sentences, judgements, periods and charts are Welsh,
while the pack's files and the CLI's JSON stay in English wherever they are asked for."""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import translation

from planwatch.pages.static_site import fingerprint
from planwatch.reporting.data_pack import render_data_pack
from tests.pdf_tools import run
from tests.performance.packs import pack_for
from tests.performance.test_data_pack_outputs import DIRECTIONS, JUDGEMENTS

WELSH = (
    "Pecyn data perfformiad: Mawrth 2018",
    "Cynnydd sylweddol",  # burglary, 400 to 500
    "Gostyngiad sylweddol",  # all crime, 1,100 to 1,000
    "Yn gwaethygu",
    "Yn gwella",
    "Heb ei brofi",
    "Cynnydd o 100 (25.0%) o’i gymharu â Mawrth 2017",
    "Burglary: siart reoli",
    "Troseddau a gofnodwyd yn ôl math, Northmoor",
)
ENGLISH = (
    "Performance data pack: March 2018",
    "Significant increase",
    "Significant decrease",
    "Deteriorating",
    "Improving",
    "Not tested",
    "Up 100 (25.0%) on March 2017",
    "Burglary: control chart",
    "Recorded crime by type, Northmoor",
)


def _text(content: bytes) -> str:
    return re.sub(r"\s+", " ", content.decode())


def test_the_welsh_data_pack_says_its_judgements_periods_and_charts_in_welsh(client, march):
    page = _text(client.get(f"/cy/plans/{march.slug}/performance/2018-03/").content)

    for phrase in WELSH:
        assert phrase in page
    for phrase in ENGLISH:
        assert phrase not in page
    assert "Y mis cynt: Chwefror 2018" in page
    assert "Y chwarter cyfan: Ch4 2017/18 (Ionawr i Fawrth 2018)" in page


def test_the_english_data_pack_is_unchanged(client, march):
    page = _text(client.get(f"/plans/{march.slug}/performance/2018-03/").content)

    for phrase in ENGLISH:
        assert phrase in page
    assert "Cynnydd sylweddol" not in page
    assert "The whole quarter: Q4 2017/18 (January to March 2018)" in page


def test_a_welsh_quarter_is_named_in_welsh(client, march):
    page = _text(client.get(f"/cy/plans/{march.slug}/performance/2017-18-q4/").content)

    assert "Pecyn data perfformiad: Ch4 2017/18 (Ionawr i Fawrth 2018)" in page
    assert "Y chwarter cynt: Ch3 2017/18 (Hydref i Ragfyr 2017)" in page


def test_the_pdf_asked_for_under_cy_is_in_english(client, march, tmp_path):
    response = client.get(f"/cy/plans/{march.slug}/performance/2018-03/data-pack.pdf")
    assert response.status_code == 200
    output = tmp_path / "pack.pdf"
    output.write_bytes(response.content)

    text = re.sub(r"\s+", " ", run("pdftotext", str(output), "-"))
    for phrase in ("Performance data pack: March 2018", "Significant increase", "Deteriorating"):
        assert phrase in text
    for phrase in ("Cynnydd", "Mawrth", "siart reoli", "Yn gwaethygu"):
        assert phrase not in text


def test_the_workbook_and_html_asked_for_under_cy_are_the_english_ones(client, march):
    base = f"/plans/{march.slug}/performance/2018-03/data-pack"
    for fmt in ("xlsx", "html"):
        english = client.get(f"{base}.{fmt}").content
        welsh_asked = client.get(f"/cy{base}.{fmt}").content
        assert fingerprint(f"pack.{fmt}", welsh_asked) == fingerprint(f"pack.{fmt}", english)

    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/cy{base}.xlsx").content))
    about = [row[0] for row in book["About"].iter_rows(values_only=True)]
    assert about[1:3] == ["March 2018", "Compared with March 2017"]


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "html"])
def test_rendering_with_welsh_active_gives_the_english_document(march, fmt):
    pack = pack_for(march, "2018-03")
    english = render_data_pack(pack, fmt)
    with translation.override("cy"):
        welsh_asked = render_data_pack(pack, fmt)
        assert translation.get_language() == "cy"  # and the caller's language is left alone
    if fmt == "pdf":  # a PDF carries the time it was made
        assert b"Cynnydd" not in welsh_asked
    else:  # so does a workbook, in its properties: the rest must be the same
        assert fingerprint(f"pack.{fmt}", welsh_asked) == fingerprint(f"pack.{fmt}", english)


def test_indicators_json_keeps_its_english_values_with_welsh_active(march):
    def rows() -> str:
        out = io.StringIO()
        call_command(
            "indicators", "--plan", march.slug, "--period", "2018-03", "--json", stdout=out
        )
        return out.getvalue()

    english = rows()
    with translation.override("cy"):
        welsh_active = rows()

    assert welsh_active == english
    for row in json.loads(welsh_active):
        assert row["judgement"] in JUDGEMENTS and row["direction"] in DIRECTIONS


def test_a_chart_drawn_for_one_language_is_not_shown_in_the_other(client, march):
    welsh = client.get(f"/cy/plans/{march.slug}/performance/2018-03/").content.decode()
    english = client.get(f"/plans/{march.slug}/performance/2018-03/").content.decode()

    assert "Achos arbennig" in welsh or "Terfynau’r broses" in welsh
    assert "Terfynau’r broses" not in english and "Process limits" in english
