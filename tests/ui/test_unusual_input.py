"""A retention of «1 234,5» years typed into the Russian grid: accepted silently before. DESIGN
§1's range for it is "> 0", so it stays accepted and used, but the cell is marked as a flagged
metric is («1 234,5 г. !» in red) and says why in its tooltip, the formula line and the Explain
panel; the lifetime it gives is flagged the same way."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.models.columns import COL

OFFICES = 3  # «Офисы», retention 4 years


def test_an_unusual_retention_is_kept_and_flagged_where_a_user_looks(window):
    window.set_language("ru")
    try:
        model = window.model
        index = model.index(OFFICES, COL["retention_years"])
        assert model.setData(index, "1 234,5")  # not refused
        assert window.doc.value(OFFICES, "retention_years") == 1234.5
        shown = index.data(Qt.ItemDataRole.DisplayRole)
        assert shown.endswith(" !"), shown
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith("Необычно большое значение: больше 50 лет"), tip
        assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
        assert index.data(Qt.ItemDataRole.EditRole) == "1234,5"  # edited back as typed
        window.select_cell(OFFICES, "retention_years")
        assert "Необычно большое значение" in window.formula.edit.toolTip()
        window.set_side_panel(True)
        assert "Необычно большое значение" in " ".join(window.explain.text().split())
        life = model.index(OFFICES, COL["lifetime_years"])
        assert "необычно долго" in life.data(Qt.ItemDataRole.ToolTipRole)
        ltv = model.index(OFFICES, COL["ltv"])  # the first figure read, with its mark
        assert ltv.data(Qt.ItemDataRole.DisplayRole).endswith(" !")
        assert "по необычно долгому сроку жизни" in ltv.data(Qt.ItemDataRole.ToolTipRole)
        # four years again: nothing to check
        assert model.setData(index, "4")
        assert not index.data(Qt.ItemDataRole.DisplayRole).endswith("!")
        assert index.data(Qt.ItemDataRole.ToolTipRole) in (None, "")
    finally:
        window.doc.undo_stack.setClean()
        window.set_language("en")


def test_a_pasted_unusual_value_is_named_in_the_pastes_report(window, qtbot):
    """A block pasted from Excel with «1 234,5» in its retention column: the cell is marked, and
    the paste's report (the banner) says so, since a pasted block may reach out of sight."""
    from PySide6.QtGui import QGuiApplication

    window.set_language("ru")
    try:
        n = len(window.doc)
        QGuiApplication.clipboard().setText(
            "Сегмент\tСредний чек\tСрок удержания, лет\nОпт новый\t1 200\t1 234,5\n"
            "Розница новая\t900\t3\n"
        )
        window.select_cell(n - 1, "segment")
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert window.doc.value(n - 1, "retention_years") == 1234.5
        said = window.banner.message()
        assert "1 вставленное значение необычно велико (отмечено «!»)" in said, said
    finally:
        window.doc.undo_stack.setClean()
        window.set_language("en")


def test_an_imported_unusual_value_is_named_in_the_import_message(window, qtbot, tmp_path):
    """клиенты.csv with a retention of «1 234,5» years: the import's banner named the unread
    cell only; the unusual one is said as well (it is used, and the portfolio with it)."""
    from ui import i18n

    path = tmp_path / "клиенты.csv"
    path.write_text(
        "Сегмент;Средний чек;Срок удержания, лет\nРозница;2 345,50;3\nОпт;900;1 234,5\n",
        encoding="utf-8",
    )
    i18n.language().set("ru")
    try:
        window.files.auto_import = True  # the preview's defaults, as --screenshot opens a table
        window.open_file(path, ask=False)
        qtbot.waitUntil(lambda: window.doc.names() == ["Розница", "Опт"], timeout=30_000)
        said = window.banner.message()
        assert "1 значение необычно велико (отмечено «!»)" in said, said
        assert window.doc.value(1, "retention_years") == 1234.5
    finally:
        window.doc.undo_stack.setClean()
        i18n.language().set("en")
