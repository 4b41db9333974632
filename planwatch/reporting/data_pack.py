"""The performance data pack as a tagged PDF, a workbook or a standalone HTML page.

Rendering reads only the DataPack the selectors loaded; it never queries the database.
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string

from planwatch.language import in_english
from planwatch.performance.display import DataPackView, data_pack_view
from planwatch.performance.selectors import DataPack
from planwatch.reporting.pdf import tagged_pdf

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}
FORMATS = tuple(CONTENT_TYPES)
INDICATOR_COLUMNS = [
    ("Theme", 16),
    ("Code", 22),
    ("Indicator", 36),
    ("Unit", 12),
    ("Better when", 12),
    ("Area", 18),
    ("Period", 10),
    ("Figure", 11),
    ("Same period last year", 12),
    ("Change", 30),
    ("Test", 18),
    ("p-value", 10),
    ("Change (tested)", 20),
    ("Judgement", 20),
    ("SPC mean", 11),
    ("SPC lower limit", 11),
    ("SPC upper limit", 11),
    ("SPC signals", 22),
    ("Control chart", 60),
    ("Definition", 50),
]
SERIES_COLUMNS = ["Code", "Indicator", "Period", "Figure", "Mean", "Lower limit", "Upper limit"]
SERIES_COLUMNS += ["Variation", "Signals"]


def document_title(view: DataPackView) -> str:
    pack = view.pack
    return f"{view.title}: {pack.plan_title}, {pack.area.name}"


def html(view: DataPackView) -> str:
    return render_to_string(
        "performance/data_pack_document.html",
        {"view": view, "pack": view.pack, "title": document_title(view)},
    )


def pdf(view: DataPackView) -> bytes:
    return tagged_pdf(html(view))


def _put(sheet, row: int, column: int, value):
    """Write a cell; text is always text, so a name starting "=" is never a formula."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _table(sheet, headings: list[str], rows: list[list], widths: list[int] | None = None) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for column, heading in enumerate(headings, start=1):
        _put(sheet, 1, column, heading).font = Font(bold=True)
        if widths:
            sheet.column_dimensions[get_column_letter(column)].width = widths[column - 1]
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, number, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{len(rows) + 1}"


def xlsx(view: DataPackView) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    pack = view.pack
    book = Workbook()
    book.properties.title = document_title(view)
    book.properties.creator = f"Office of the Police and Crime Commissioner for {pack.plan_area}"
    book.properties.language = "en-GB"
    sheet = book.active
    sheet.title = "Indicators"
    rows = []
    for theme in view.themes:
        for item in theme.indicators:
            f, spc = item.figures, item.figures.spc
            rows.append(
                [
                    theme.name,
                    f.code,
                    f.name,
                    f.unit_label,
                    f.polarity_label,
                    pack.area.name,
                    pack.period.slug,
                    f.figure.value if f.figure else None,
                    f.previous.value if f.previous else None,
                    item.change,
                    f.comparison.test or "",
                    f.comparison.p_value,
                    f.comparison.change,
                    f.comparison.direction or "",
                    spc.mean if spc else None,
                    spc.lower if spc else None,
                    spc.upper if spc else None,
                    ", ".join(spc.signals) if spc else "",
                    item.spc,
                    f.definition,
                ]
            )
    _table(sheet, [h for h, _ in INDICATOR_COLUMNS], rows, [w for _, w in INDICATOR_COLUMNS])

    series = book.create_sheet("Series")
    points = []
    for f in pack.indicators:
        chart = f.chart or (None,) * len(f.series)  # too few points for a control chart
        for p, s in zip(f.series, chart, strict=True):
            spc = [s.mean, s.lower, s.upper, s.variation, ", ".join(s.signals)] if s else []
            points.append([f.code, f.name, p.period, p.value, *spc])
    _table(series, SERIES_COLUMNS, points, [22, 36, 12, 11, 11, 11, 11, 14, 30])

    notes = book.create_sheet("Notes")
    entries = [
        [f.code, kind, day, text]
        for f in pack.indicators
        for kind, items in (("Data note", f.notes), ("Series break", f.breaks))
        for day, text in items
    ]
    _table(notes, ["Code", "Kind", "Date", "Text"], entries, [22, 14, 12, 80])
    for row in range(2, len(entries) + 2):
        notes.cell(row=row, column=3).number_format = "dd/mm/yyyy"

    about = book.create_sheet("About")
    lines = [document_title(view), pack.period.label, f"Compared with {pack.previous_period.label}"]
    for number, text in enumerate([*lines, "", *view.summary], start=1):
        _put(about, number, 1, text)
    about["A1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 120

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@in_english
def render_data_pack(pack: DataPack, fmt: str) -> bytes:
    """The data pack in one of FORMATS, always in English (the page is translated, the
    documents are not)."""
    renderers = {"pdf": pdf, "xlsx": xlsx, "html": lambda view: html(view).encode("utf-8")}
    if fmt not in renderers:
        raise ValueError(f"{fmt!r} is not one of {', '.join(FORMATS)}")
    return renderers[fmt](data_pack_view(pack))


def data_pack_filename(pack: DataPack, fmt: str) -> str:
    """For example northmoor-2017-20-e23000023-2018-03-performance-data-pack.pdf."""
    area = pack.area.code.lower()
    return f"{pack.plan_slug}-{area}-{pack.period.slug}-performance-data-pack.{fmt}"
