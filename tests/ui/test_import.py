"""Opening a segment table goes through the import preview; nothing of it blocks the window."""

from __future__ import annotations

import threading

from ui.dialogs.import_dialog import ImportDialog
from ui.workers import Task, TaskRunner

CSV = (
    "Отчёт по сегментам;;;\n"
    ";;;\n"
    "Сегмент;Средний чек;Покупок в год;Маржа, %;Комментарий\n"
    "Розница;1 200,50;4;35;ок\n"
    "Опт;много;2;20;проверить\n"
)


def _preview(window, qtbot, path) -> ImportDialog:
    """Open ``path`` as a user does and wait for the preview's first conversion."""
    window.open_file(path, ask=False)
    qtbot.waitUntil(lambda: window.files.import_dialog is not None, timeout=10_000)
    dialog = window.files.import_dialog
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=10_000)
    return dialog


def test_a_table_read_whole_says_nothing_of_red_cells_to_fix(app, qtbot, tmp_path):
    """Every cell read: the preview said «Непрочитанные ячейки … выделены красным; исправьте
    их в таблице» under «Ячейки, которые не удалось прочитать: 0» all the same."""
    from core.readers import pipeline
    from ui import i18n

    path = tmp_path / "clean.csv"
    path.write_text("Сегмент;Средний чек;Покупок в год\nA;1 000 ₽;2\nB;500;4\n", "utf-8")
    i18n.language().set("ru")
    try:
        dialog = ImportDialog(pipeline.load(path))
        qtbot.waitUntil(lambda: dialog.read is not None, timeout=20_000)
        assert dialog.summary.text() == "Будут импортированы 2 сегмента."
        # no list of unread cells to show: the columns take its room
        assert dialog.problems_box.isHidden()
        dialog.done(0)
        dialog.deleteLater()
    finally:
        i18n.language().set("en")


def test_open_a_messy_table_through_the_preview(window, qtbot, tmp_path):
    path = tmp_path / "клиенты.csv"
    path.write_text(CSV, encoding="cp1251")
    dialog = _preview(window, qtbot, path)
    assert dialog.isVisible() and window.task is None  # the reading task is over
    assert not window.task_bar.isVisible()  # no progress outlives its task
    assert dialog.header_row.value() == 3
    assert dialog.mapping.keys[:4] == [
        "segment",
        "avg_order_value",
        "purchases_per_year",
        "gross_margin",
    ]
    assert ("B5", "много") in [(p.cell, p.value) for p in dialog.problems.problems]
    # the person says the comment column is not used, then imports
    dialog.set_key(4, None)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: window.doc.names() == ["Розница", "Опт"], timeout=10_000)
    assert window.doc.value(0, "avg_order_value") == 1200.5
    assert window.doc.value(0, "gross_margin") == 0.35
    assert window.doc.value(1, "avg_order_value") == "много"  # kept, flagged, not lost
    assert window.isWindowModified() and window.doc.path is None
    # the summary of what was read is in view, in the window, not in a status bar
    assert window.banner.isVisible()
    assert "Imported 2 segments from клиенты.csv" in window.banner.message()
    assert "1 cell could not be read: it is shown in red" in window.banner.message()


def test_changing_the_mapping_converts_again_in_a_worker(app, qtbot, tmp_path, qtmodeltester):
    from core.readers import pipeline

    path = tmp_path / "t.csv"
    path.write_text(CSV, encoding="utf-8")
    dialog = ImportDialog(pipeline.load(path))
    qtmodeltester.check(dialog.mapping)
    qtmodeltester.check(dialog.problems)
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=10_000)
    assert len(dialog.read.table) == 2
    dialog.set_key(1, "acquisition_spend")  # "Средний чек" read as acquisition spend instead
    assert dialog.read is None and not dialog.import_button.isEnabled()  # until converted
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=10_000)
    assert dialog.read.table.value(0, "acquisition_spend") == 1200.5
    assert dialog.read.table.value(0, "avg_order_value") is None
    dialog.set_key(0, None)
    qtbot.waitUntil(lambda: "segment names" in dialog.summary.text(), timeout=10_000)
    assert dialog.read is None and not dialog.import_button.isEnabled()
    dialog.done(0)
    dialog.deleteLater()


def test_leaving_the_drop_down_does_not_convert_again(app, qtbot, tmp_path):
    """A key picked in the drop-down is committed once more when the drop-down loses focus (the
    click on Import takes it): the same key is no change, so Import stays enabled under the
    click and imports."""
    from PySide6.QtWidgets import QComboBox

    from core.readers import pipeline

    path = tmp_path / "t.csv"
    path.write_text(CSV, encoding="utf-8")
    dialog = ImportDialog(pipeline.load(path))
    dialog.show()
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=10_000)
    index = dialog.mapping.index(1, 2)
    dialog.mapping_view.setCurrentIndex(index)  # opens the drop-down (any edit trigger)
    box = dialog.mapping_view.findChild(QComboBox)
    box.setCurrentIndex(box.findData("acquisition_spend"))
    box.activated.emit(box.currentIndex())  # a pick in the list
    assert dialog.read is None
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=10_000)
    assert dialog.mapping.keys[1] == "acquisition_spend"
    read = dialog.read
    dialog.mapping_view.itemDelegateForColumn(2).commitData.emit(box)  # focus leaves it
    assert dialog.read is read and dialog.import_button.isEnabled()
    dialog.done(0)
    dialog.deleteLater()


def test_the_preview_maps_a_file_as_the_command_line_does(app, qtbot, tmp_path):
    """One pipeline: the preview's default mapping and notices are those of ``compute``."""
    from core.readers import pipeline, read_segments

    path = tmp_path / "t.csv"
    path.write_text(CSV, encoding="utf-8")
    cli = read_segments(path)
    dialog = ImportDialog(pipeline.load(path))
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=10_000)
    assert dialog.read.mapping.keys == cli.mapping.keys
    assert [n.message("en") for n in dialog.read.notices] == [n.message("en") for n in cli.notices]
    assert [(p.cell, p.value) for p in dialog.read.problems] == [
        (p.cell, p.value) for p in cli.problems
    ]
    dialog.done(0)
    dialog.deleteLater()


def test_worker_reports_progress_and_cancels(app, qtbot):
    release = threading.Event()

    def job(progress, cancelled):
        for i in range(1000):
            progress(i, 1000)
            if i == 2:
                release.wait(5)
        return "done"

    task = Task(job)
    seen = []
    task.progressed.connect(lambda d, t: seen.append(d))
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.start()
        qtbot.waitUntil(lambda: len(seen) >= 2, timeout=5000)
        task.cancel()
        release.set()
    task.wait()
    assert seen and seen[-1] < 999


def test_the_runner_runs_one_task_at_a_time_and_says_when_it_is_idle(app, qtbot):
    runner = TaskRunner()
    release = threading.Event()
    results = []
    first = runner.run(lambda p, c: release.wait(5) and "first", "one", results.append)
    assert first is not None and runner.busy
    assert runner.run(lambda p, c: "second", "two", results.append) is None
    with qtbot.waitSignal(runner.idle, timeout=5000):
        release.set()
    assert results == ["first"] and not runner.busy


def test_a_file_that_is_not_a_segment_table_says_so_as_the_command_line_does(
    window, qtbot, tmp_path
):
    from core.readers import pipeline, specs

    path = tmp_path / "прочее.csv"
    path.write_text("Товар;Склад;Остаток\nЧай;Север;12\nКофе;Юг;8\n", encoding="utf-8")
    source = pipeline.load(path)
    expected = pipeline.why_not(source, specs.SEGMENTS, pipeline.find(source, specs.SEGMENTS), "en")
    assert expected
    window.open_file(path, ask=False)
    qtbot.waitUntil(lambda: window.files.import_dialog is not None, timeout=10_000)
    dialog = window.files.import_dialog
    assert dialog.refusal.isVisibleTo(dialog) and dialog.refusal.text() == expected
    qtbot.waitUntil(lambda: "segment names" in dialog.summary.text(), timeout=10_000)
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_an_order_log_goes_to_its_own_preview_not_the_segment_tables(window, qtbot, tmp_path):
    """Issue 15: opening an order log shows the order-log preview (tests/ui/test_orders_*)."""
    from ui.orders_import import OrdersDialog

    path = tmp_path / "заказы.csv"
    path.write_text(
        "Клиент;Дата;Сумма\nИванов;01.02.2024;1 200\nПетров;03.02.2024;800\n", encoding="utf-8"
    )
    window.open_file(path, ask=False)
    qtbot.waitUntil(lambda: bool(window.findChildren(OrdersDialog)), timeout=30_000)
    assert window.files.import_dialog is None
    window.findChildren(OrdersDialog)[-1].reject()


def test_the_preview_counts_in_the_language_s_digits(app, qtbot, tmp_path):
    from core.readers import pipeline

    path = tmp_path / "many.csv"
    rows = "".join(f"S{i};{i % 50 + 1};{'x' if i < 1100 else '3'}\n" for i in range(1200))
    path.write_text("Сегмент;Средний чек;Покупок в год\n" + rows, encoding="utf-8")
    dialog = ImportDialog(pipeline.load(path))
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=20_000)
    assert dialog.summary.text().startswith("1,200 segments will be imported.")
    assert dialog.problems_box.title() == "Cells that could not be read: 1,100"
    assert not dialog.problems_box.isHidden()
    dialog.done(0)
    dialog.deleteLater()


def test_progress_of_a_task_moves_nothing_and_stays_in_presentation_mode(window, qtbot):
    """The task bar sits in the status bar, whose height never changes: showing it lays out and
    paints nothing again (a grid repainted while a worker held the GIL blocked the window for
    ~200 ms). In presentation mode, where the status bar is hidden, it comes back for the task."""
    release = threading.Event()
    grid = window.grid.view.viewport().size()
    status = window.statusBar().height()
    for presenting in (False, True):
        window.presentation.set(presenting)
        qtbot.wait(50)
        grid = window.grid.view.viewport().size()
        release.clear()
        window.run_task(lambda progress, cancelled: release.wait(10), "Working…", lambda r: None)
        qtbot.waitUntil(lambda: window.task_bar.isVisible(), timeout=5_000)
        assert window.statusBar().isVisible()
        qtbot.wait(50)
        assert window.grid.view.viewport().size() == grid  # nothing laid out again
        if not presenting:
            assert window.statusBar().height() == status
        release.set()
        qtbot.waitUntil(lambda: window.task is None, timeout=5_000)
        assert not window.task_bar.isVisible()
        assert window.statusBar().isVisible() is not presenting
    window.presentation.set(False)


def test_a_table_typed_in_dollars_is_imported_in_dollars_as_on_the_command_line(
    window, qtbot, tmp_path
):
    from core.readers import open_project

    path = tmp_path / "segments.csv"
    path.write_text('Segment,Customers,Avg check\nSMB,120,"$1,234.50"\nEnterprise,15,"$25,000"\n')
    dialog = _preview(window, qtbot, path)
    assert any("typed in $" in n.message("en") for n in dialog.read.notices)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: window.doc.names() == ["SMB", "Enterprise"], timeout=10_000)
    assert window.doc.project.settings.currency == "$"
    assert open_project(path, "en").project.settings.currency == "$"


def test_the_first_values_are_the_segments_not_a_units_row(app, qtbot, tmp_path):
    """A units row under the header is left out by the import; the preview's first values,
    which say what each column holds, leave it out too (they showed «шт, 10, 200»)."""
    from core.readers import pipeline

    path = tmp_path / "units.csv"
    path.write_text(
        "Сегмент;Клиентов;Средний чек;Маржа\n;шт;руб.;%\nОпт;10;1 200;35\nРозница;200;800;40\n",
        encoding="utf-8",
    )
    dialog = ImportDialog(pipeline.load(path))
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=10_000)
    assert dialog.mapping.samples == ["Опт; Розница", "10; 200", "1 200; 800", "35; 40"]
    dialog.done(0)
    dialog.deleteLater()


def test_the_preview_shows_a_column_by_the_month_read_by_the_year(app, qtbot, tmp_path):
    """«Срок жизни клиента, мес» is read as the retention in years divided by 12: the mapping's
    "Read as" says so, and so do the preview's notices; a column chosen by hand the same."""
    from PySide6.QtCore import Qt

    from core.readers import pipeline

    path = tmp_path / "months.csv"
    path.write_text(
        "Сегмент;Средний чек;Срок жизни клиента, мес;LT, мес\nОпт;1000;30;24\n", encoding="utf-8"
    )
    dialog = ImportDialog(pipeline.load(path))
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=10_000)
    assert dialog.mapping.keys == ["segment", "avg_order_value", "retention_years", None]
    shown = dialog.mapping.index(2, 2).data(Qt.ItemDataRole.DisplayRole)
    assert shown == "Retention, years (months ÷ 12)", shown
    assert "divided by 12" in dialog.mapping.index(2, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "is in months: read as “Retention, years”" in dialog.notices.text()
    assert dialog.read.table.value(0, "retention_years") == 2.5
    dialog.set_key(3, "retention_years")  # the other one, chosen by hand: in months as well
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=10_000)
    assert dialog.read.table.value(0, "retention_years") == 2
    assert "Column D1 “LT, мес” is in months" in dialog.notices.text()  # a line: a capital
    dialog.done(0)
    dialog.deleteLater()


def test_the_first_values_are_shown_as_the_spreadsheet_shows_them(app, qtbot, tmp_path):
    """A workbook whose person sees «300 000 ₽», «35%» and «01.03.2024»: the preview's first
    values read so, not as the stored 300000, 0.35 and 2024-03-01 (the text comes from core:
    ``segments.samples``)."""
    import datetime as dt

    import xlsxwriter

    from core.readers import pipeline
    from ui import i18n

    path = tmp_path / "segments.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Сегменты")
    rub = book.add_format({"num_format": '#,##0 "₽"'})
    pct = book.add_format({"num_format": "0%"})
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    ws.write_row(0, 0, ["Сегмент", "Клиентов", "Средний чек", "Маржа", "Начало"])
    for i, (name, amount, margin) in enumerate([("Опт", 300000, 0.35), ("Розница", 1500, 0.4)]):
        ws.write_row(i + 1, 0, [name, 1000])
        ws.write(i + 1, 2, amount, rub)
        ws.write(i + 1, 3, margin, pct)
        ws.write_datetime(i + 1, 4, dt.datetime(2024, 3, i + 1), day)
    book.close()
    i18n.language().set("ru")
    try:
        dialog = ImportDialog(pipeline.load(path))
        qtbot.waitUntil(lambda: dialog.read is not None, timeout=10_000)
        shown = [dialog.mapping.index(row, 1).data() for row in range(2, 5)]
        assert shown == [
            "300\u00a0000 ₽; 1\u00a0500 ₽",
            "35%; 40%",
            "01.03.2024; 02.03.2024",
        ]
        dialog.done(0)
        dialog.deleteLater()
    finally:
        i18n.language().set("en")
