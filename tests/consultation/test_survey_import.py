"""Importing a survey export of 3,600 rows: personal columns dropped and said so, answers
counted as an independent count of the file's rows gives, all or nothing on bad rows."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from planwatch.consultation.models import Answer, Respondent, Survey
from planwatch.consultation.selectors import by_group, results
from planwatch.consultation.services import survey_import
from planwatch.delivery.spreadsheet import SpreadsheetError
from tests.consultation.exports import HEADER, rows, write_csv, write_xlsx

SAFE_Q = HEADER[5]
PRIORITY_Q = HEADER[6]


@pytest.fixture(scope="module")
def body() -> list[list[str]]:
    return rows()


@pytest.mark.parametrize("write", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_a_big_export_is_imported_without_personal_data(db, officer, tmp_path, body, write):
    path = write(tmp_path / f"export.{'csv' if write is write_csv else 'xlsx'}", body)
    survey, parsed = survey_import(path=path, name="Plan survey 2016", by=officer)

    assert survey.respondents == len(body) == 3600
    assert parsed.dropped == ["Respondent ID", "Full name", "Email address", "Postcode"]
    kinds = {c.heading: c.kind for c in parsed.columns}
    assert kinds == {
        HEADER[3]: "district",
        HEADER[4]: "age_band",
        SAFE_Q: "choice",
        PRIORITY_Q: "multi",
        HEADER[7]: "text",
    }
    stored = " ".join(Answer.objects.values_list("value", flat=True))
    assert "@example" not in stored and "Person 1" not in stored and "07700" not in stored
    assert "R00001" not in stored and "NM1" not in stored
    mentions = sum(1 for r in body if "07700" in r[7] or "@" in r[7])
    assert parsed.blanked == mentions
    assert Answer.objects.filter(value__contains="[email removed]").exists()


def test_results_match_a_count_of_the_rows(db, officer, tmp_path, body):
    survey, _ = survey_import(path=write_csv(tmp_path / "e.csv", body), name="S", by=officer)
    found = {r.question.text: r for r in results(survey)}

    safe = Counter(r[5] for r in body)
    assert found[SAFE_Q].answered == len(body)
    assert {s.value: s.count for s in found[SAFE_Q].shares} == dict(safe)
    top = found[SAFE_Q].shares[0]
    assert top.percent == round(100 * safe[top.value] / len(body), 1)

    ticked = Counter(p for r in body for p in r[6].split(";") if p)
    answered = sum(1 for r in body if r[6])
    assert found[PRIORITY_Q].answered == answered
    assert {s.value: s.count for s in found[PRIORITY_Q].shares} == dict(ticked)

    question = survey.questions.get(text=SAFE_Q)
    table = by_group(question, "district")
    moorside = next(row for row in table.rows if row[0] == "Moorside")
    expected = Counter(r[5] for r in body if r[3] == "Moorside")
    assert moorside[1] == sum(expected.values())
    assert dict(zip(table.values, (c for c, _ in moorside[2]), strict=True)) == {
        v: expected.get(v, 0) for v in table.values
    }


def test_bad_rows_are_all_reported_and_nothing_is_imported(db, officer, tmp_path, body):
    bad = [list(r) for r in body[:50]]
    bad[9][4] = "two hundred"  # row 11: not an age band
    bad[19] = bad[19] + ["stray cell"]  # row 21: a cell past the header
    bad[29][5] = "x" * 300  # row 31: too long for a choice
    with pytest.raises(SpreadsheetError) as refused:
        survey_import(path=write_csv(tmp_path / "bad.csv", bad), name="Bad", by=officer)
    errors = refused.value.errors
    age = "'two hundred' is not an age band (for example 25-34, 75+)"
    assert errors[0] == f"row 11, column {HEADER[4]!r}: {age}"
    assert errors[1] == "row 21: 10 cells where the header has 9"
    assert errors[2].startswith(f"row 31, column {SAFE_Q!r}: an answer this long is free text")
    assert not Survey.objects.exists() and not Respondent.objects.exists()


def test_the_mapping_overrides_the_guess_and_must_name_real_columns(db, officer, tmp_path, body):
    path = write_csv(tmp_path / "e.csv", body[:100])
    _, parsed = survey_import(path=path, name="S", mapping={SAFE_Q: "text"}, by=officer)
    assert {c.heading: c.kind for c in parsed.columns}[SAFE_Q] == "text"
    with pytest.raises(SpreadsheetError, match="does not have: 'Favourite colour'"):
        survey_import(path=path, name="T", mapping={"Favourite colour": "choice"}, by=officer)


def test_the_command_says_what_it_left_out(db, tmp_path, body, capsys):
    path = write_csv(tmp_path / "e.csv", body[:200])
    call_command("survey_import", str(path), "--survey", "Quick poll", "--text", SAFE_Q)
    out = capsys.readouterr().out
    assert "Left out as personal data: Respondent ID, Full name, Email address, Postcode." in out
    assert "Imported 200 responses into 'Quick poll'" in out
    with pytest.raises(CommandError, match="already a survey called 'Quick poll'"):
        call_command("survey_import", str(path), "--survey", "Quick poll")


def test_contact_details_in_a_choice_column_are_blanked_too(db, officer, tmp_path):
    header = ["How did you hear about the survey?"]
    body = [["Facebook"], ["call 07700 900456"], ["a.b@example.com"], ["Facebook"]] * 3
    path = write_csv(tmp_path / "e.csv", body, header=header)
    _, parsed = survey_import(path=path, name="S", by=officer)
    values = set(Answer.objects.values_list("value", flat=True))
    assert values == {"Facebook", "call [phone number removed]", "[email removed]"}
    assert parsed.blanked == 6
