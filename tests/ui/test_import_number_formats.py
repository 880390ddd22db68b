"""The import preview shows a workbook's percent cells as Excel (or LibreOffice) does, and flags
none as unclear."""

from __future__ import annotations

import pytest
import xlsxwriter

from core.schema import AMBIGUOUS_PERCENT
from tests.conftest import libreoffice_converted, require_tool
from ui.dialogs.import_dialog import ImportDialog


def test_the_preview_shows_percent_cells_as_excel_does(app, qtbot, tmp_path):
    """0.35 and 1.2 formatted ``0%`` (35 % and 120 % in Excel): the preview's first values
    are 35% and 120%; 120 % is flagged out of range, nothing is "ambiguous"; amounts in ₽
    make a rouble project."""
    preview_shows_percents(qtbot, margins(tmp_path / "margins.xlsx"))


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", ["ods", "xls"])
def test_the_preview_shows_percent_cells_saved_by_libreoffice(app, qtbot, tmp_path, kind):
    """The same workbook saved by LibreOffice as .ods or .xls reads the same in the preview."""
    require_tool("soffice", package="LibreOffice", required_by="REQUIRE_LIBREOFFICE")
    source = margins(tmp_path / "margins.xlsx")
    preview_shows_percents(qtbot, libreoffice_converted([source], kind, tmp_path)["margins"])


def margins(path):
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("S")
    pct = book.add_format({"num_format": "0%"})
    rub = book.add_format({"num_format": "#,##0 ₽"})
    ws.write_row(0, 0, ["Сегмент", "Клиентов", "Маржа", "Средний чек"])
    for i, (name, customers, margin) in enumerate([("A", 10, 0.35), ("B", 20, 1.2)], 1):
        ws.write_row(i, 0, [name, customers])
        ws.write(i, 2, margin, pct)
        ws.write(i, 3, 1500 * i, rub)
    book.close()
    return path


def preview_shows_percents(qtbot, path):
    from core.readers import pipeline

    dialog = ImportDialog(pipeline.load(path))
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=10_000)
    assert dialog.mapping.keys == ["segment", "customers", "gross_margin", "avg_order_value"]
    assert dialog.mapping.index(2, 1).data() == "35%; 120%"
    problems = dialog.read.problems
    assert [p.cell for p in problems] == ["C3"]
    assert not any(p.text is AMBIGUOUS_PERCENT for p in problems)
    assert dialog.problems.index(0, 2).data().startswith("out of range")
    assert dialog.read.table.value(0, "gross_margin") == 0.35
    assert "amounts are typed in ₽" in dialog.notices.text()
    assert dialog.prepared.project.settings.currency == "₽"
    dialog.done(0)
    dialog.deleteLater()
