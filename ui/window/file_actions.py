"""Files: New, Open (a project, or a spreadsheet through the import preview), Save, Save As,
recent files, export of the workbook and the PDF, recovery after a crash.

Reading and writing run through the window's task runner (a worker, progress and Cancel in the
window); what they report goes to the window's banner, with buttons to open what was written.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from core import schema
from core.errors import LtvError
from core.paths import resources
from core.project import SUFFIX, Project, SegmentTable, save_project
from ui import i18n, preferences
from ui.autosave import INLINE_SEGMENTS, Recovery, discard, find_recoveries
from ui.workers import export_job, load_job, read_segments_job, release_bulk

APP_NAME = "LTV Studio"
SPREADSHEETS = ("*.xlsx", "*.xlsm", "*.xls", "*.ods", "*.csv")


def is_project(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIX) or path.suffix.lower() == ".json"


def dropped_file(mime) -> str | None:
    """The first local project or spreadsheet among dropped URLs."""
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = url.toLocalFile()
            if path.lower().endswith((SUFFIX, ".json", *(p[1:] for p in SPREADSHEETS))):
                return path
    return None


class FileActions(QObject):
    """The file side of a main window.

    Signals
    -------
    imported(count, problems)
        A spreadsheet became the open project (``count`` segments, ``problems`` flagged cells).
    """

    imported = Signal(int, int)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.doc = window.doc
        self.import_dialog = None
        #: import spreadsheets with the preview's defaults, without asking (``--screenshot``)
        self.auto_import = False

    # Asking ----------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current project (saved, discarded or unchanged)."""
        if self.doc.undo_stack.isClean():
            return True
        name = (
            self.doc.path.name if self.doc.path else (self.doc.project.name or self.tr("Untitled"))
        )
        QMessageBox = _message_box()  # noqa: N806
        answer = QMessageBox.question(
            self.window,
            APP_NAME,
            self.tr("Save the changes to “{name}”?").format(name=name),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # New and Open ----------------------------------------------------------------------------
    def new_project(self) -> None:
        """An untitled project of one empty segment, its name cell current, so that what is
        typed next names it. Nothing is changed yet: closing it at once asks nothing."""
        if not self.maybe_save():
            return
        self.window.autosaver.remove()
        segments = SegmentTable.from_records([{"segment": self.window.editor.new_name()}])
        self.doc.load(Project(segments=segments, settings=preferences.default_settings()))
        self.window.select_cell(0, "segment")
        self.window.view.setFocus()

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        folder = str(self._folder())
        filters = ";;".join(
            [
                self.tr("Projects and tables ({patterns})").format(
                    patterns=" ".join(("*" + SUFFIX, *SPREADSHEETS))
                ),
                self.tr("LTV Studio projects (*{suffix})").format(suffix=SUFFIX),
                self.tr("Spreadsheets ({patterns})").format(patterns=" ".join(SPREADSHEETS)),
                self.tr("All files (*)"),
            ]
        )
        path, _ = _file_dialog().getOpenFileName(self.window, self.tr("Open"), folder, filters)
        if path:
            self.open_file(path, ask=False)

    def _read_project(self, path: Path) -> Project | None:
        """The project file at ``path``, its recovery copy put aside to open it; None, said in
        the banner, when it cannot be read."""
        from core.project import load_project

        try:
            project = load_project(path, i18n.lang())
        except LtvError as exc:
            self.window.show_message(str(exc), "error")
            return None
        self.window.autosaver.remove()
        return project

    def open_example(self, name: str) -> bool:
        """File ▸ Examples: the example ``name`` (``core.paths.example``) as a new, untitled
        project (Save asks where: the program's own file is never written over). A project
        opens at once; an order log or a table goes through its preview, as any file does."""
        from core.paths import example

        path = example(name)
        if name == "survivors":  # a table beside the project, for the retention curve's panel
            self.open_survivors(path)
            return True
        if not self.maybe_save():
            return False
        if not is_project(path):
            return self.open_file(path, ask=False)
        project = self._read_project(path)
        if project is None:
            return False
        self.doc.load(project)
        self.window.show_message(
            self.tr("Opened the example {name}. Save asks where to keep your copy.").format(
                name=project.name or path.name
            ),
            "success",
        )
        return True

    def open_file(self, path: str | Path, ask: bool = True) -> bool:
        """Open a project at once, or read a spreadsheet in a worker for the import preview."""
        if ask and not self.maybe_save():
            return False
        path = Path(path)
        lang = i18n.lang()
        if not path.resolve().is_relative_to(resources().resolve()):  # not the program's own
            preferences.set_last_folder(path)
        if is_project(path):
            project = self._read_project(path)
            if project is None:
                return False
            self.doc.load(project, path)
            preferences.add_recent(path)
            self.window.show_message(self.tr("Opened {file}").format(file=path.name), "success")
            return True
        label = self.tr("Reading {file}…").format(file=path.name)
        from ui.orders_import import routed_load_job  # an order log goes to its own preview

        if self.auto_import:
            # the preview's defaults, without asking: the command line's reading of the file
            job = read_segments_job(str(path), lang, preferences.default_settings())
            job = routed_load_job(str(path), lang, job)
            done = lambda ready: self._imported(ready, path)  # noqa: E731
        else:
            job, done = (
                routed_load_job(str(path), lang, load_job(str(path), lang)),
                self._preview_import,
            )
        return self.window.run_task(job, label, done) is not None

    def open_survivors(self, path: str | Path) -> None:
        """A table of survivors by period in the side panel's Retention curve tab (beside the
        project, which it does not change)."""
        panel = self.window.show_side_panel("ui.panels.retention:RetentionPanel")
        panel.open_file(str(path))

    def _preview_import(self, found) -> None:
        from ui.dialogs.import_dialog import ImportDialog
        from ui.orders_import import OrdersFound, open_preview
        from ui.workers import SurvivorsFound

        if isinstance(found, OrdersFound):
            open_preview(self.window, found)
            return
        if isinstance(found, SurvivorsFound):
            # a turn later: the reading task is the runner's until this returns
            QTimer.singleShot(0, lambda: self.open_survivors(found.path))
            self.window.show_message(
                self.tr(
                    "{file} holds customers left period by period, not segments: it is opened "
                    "in the Retention curve tab."
                ).format(file=Path(found.path).name),
                "info",
            )
            return
        source, mapping, why_not = found
        dialog = ImportDialog(source, preferences.default_settings(), self.window, mapping, why_not)
        self.import_dialog = dialog
        dialog.accepted.connect(lambda: self._imported(dialog.prepared, source.path))
        dialog.finished.connect(self._on_preview_closed)
        dialog.open()

    def _on_preview_closed(self) -> None:
        dialog, self.import_dialog = self.import_dialog, None
        if dialog is not None:
            # its grids go with it; then the collector may see what is left
            dialog.destroyed.connect(lambda: QTimer.singleShot(0, release_bulk))
            dialog.deleteLater()

    def _imported(self, ready, path: Path) -> None:
        """Make a table read and prepared in a worker (``ui.workers.Imported``) the project."""
        if ready is None:
            return
        from ui.orders_import import OrdersFound, make_project

        if isinstance(ready, OrdersFound):  # an order log, with the preview's defaults
            make_project(self.window, ready)
            return
        path = Path(path)
        project = ready.project
        problems = len(ready.read.problems)
        self.window.autosaver.remove()
        self.doc.load(
            project, None, clean=False, results=ready.results, problems=ready.read.problems
        )
        preferences.add_recent(path)
        text = self.tr("Imported %Ln segment(s) from {file}.", "", len(project.segments)).format(
            file=path.name
        )
        if problems:
            text += " " + self.tr(
                "%Ln cell(s) could not be read: shown in red, the tooltip says why.", "", problems
            )
        columns = project.segments.columns
        unusual = sum(col.count_unusual(columns[col.key]) for col in schema.NUMERIC_INPUTS)
        if unusual:  # valid, so used: but a retention of 1 234,5 years is worth a look
            text += " " + self.tr(
                "%Ln value(s) unusually large (marked “!”): used as they are; check them.",
                "",
                unusual,
            )
        self.window.show_message(text, "warning" if problems or unusual else "success")
        self.imported.emit(len(project.segments), problems)
        if self.import_dialog is None:  # read without the preview: nothing else holds the rows
            QTimer.singleShot(0, release_bulk)

    # Save ------------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.doc.path is None or not self.doc.path.name.lower().endswith(SUFFIX):
            return self.save_as()
        return self.save_to(self.doc.path)

    def _folder(self) -> Path:
        """Where a file dialog starts: the open file's folder, else the last one used."""
        return self.doc.path.parent if self.doc.path else preferences.last_folder()

    def save_as(self) -> bool:
        name = _file_stem(self.doc.project.name, self.tr("project"))
        start = str(self.doc.path or self._folder() / (name + SUFFIX))
        path, _ = _file_dialog().getSaveFileName(
            self.window,
            self.tr("Save As"),
            start,
            self.tr("LTV Studio projects (*{suffix})").format(suffix=SUFFIX),
        )
        if not path:
            return False
        if not path.lower().endswith(SUFFIX):
            path += SUFFIX
        return self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        path = Path(path)
        if not self._write(self.doc.project, path):
            return False
        if path != self.doc.path:
            self.window.autosaver.remove()
            self.doc.set_path(path)
        self.doc.undo_stack.setClean()
        self.window.autosaver.remove()
        preferences.add_recent(path)
        preferences.set_last_folder(path)
        self.window.show_message(self.tr("Saved {file}").format(file=path.name), "success")
        return True

    def save_copy(self) -> None:
        """Save a copy elsewhere without changing the open file (after an unexpected error)."""
        path, _ = _file_dialog().getSaveFileName(
            self.window,
            self.tr("Save a Copy"),
            str(self._folder() / (self.tr("copy") + SUFFIX)),
            self.tr("LTV Studio projects (*{suffix})").format(suffix=SUFFIX),
        )
        if path:
            self._write(self.doc.snapshot(), Path(path))

    def _write(self, project: Project, path: Path) -> bool:
        """Save ``project`` to ``path``; a large one in a worker while the window answers
        (100 000 segments take seconds). False, said in the banner, when it could not."""
        lang = i18n.lang()
        if len(project.segments) <= INLINE_SEGMENTS:
            try:
                save_project(project, path, lang)
            except LtvError as exc:
                self.window.show_message(str(exc), "error")
                return False
            return True
        copy = self.doc.snapshot() if project is self.doc.project else project
        ok, why = self.window.runner.run_and_wait(
            lambda _progress, _cancelled: save_project(copy, path, lang),
            self.tr("Writing {file}…").format(file=path.name),
        )
        if not ok and why:
            self.window.show_message(str(why), "error")
        return ok

    def fill_recent(self) -> None:
        menu = self.window.actions.menu_recent
        menu.clear()
        files = preferences.recent_files()
        for file in files:
            act = menu.addAction(Path(file).name)
            act.setToolTip(file)
            act.setStatusTip(file)
            act.triggered.connect(lambda _c=False, f=file: self.open_file(f))
        if not files:
            empty = menu.addAction(self.tr("No recent files"))
            empty.setEnabled(False)
        else:
            menu.addSeparator()
            clear = menu.addAction(self.tr("Clear the List"))
            clear.triggered.connect(preferences.clear_recent)

    # Export ----------------------------------------------------------------------------------
    def export(self, kind: str) -> None:
        """Ask where, then write the workbook (kind "xlsx") or the PDF report."""
        suffix = "." + kind
        base = (
            self.doc.path.name.split(".")[0]
            if self.doc.path
            else _file_stem(self.doc.project.name, self.tr("report"))
        )
        start = self._folder() / (base + suffix)
        if self._is_a_source(start):
            # never the person's own table or order log, one Enter and a "Yes" from its end
            start = start.with_name(base + " (LTV)" + suffix)
        start = str(start)
        title = self.tr("Export Workbook") if kind == "xlsx" else self.tr("Export PDF Report")
        filt = (
            self.tr("Excel workbooks (*.xlsx)")
            if kind == "xlsx"
            else self.tr("PDF documents (*.pdf)")
        )
        path, _ = _file_dialog().getSaveFileName(self.window, title, start, filt)
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        self.export_to(kind, path)

    def _is_a_source(self, path: Path) -> bool:
        """``path`` is a file the project's numbers were read from: the open file, the order
        log it was made from, or a table or log opened before (the recent files)."""
        names = set()
        if self.doc.path is not None:
            names.add(self.doc.path.name.casefold())
        orders = self.doc.project.orders or {}
        if isinstance(orders.get("file"), str):
            names.add(Path(orders["file"]).name.casefold())
        if path.name.casefold() in names:
            return True
        try:
            where = str(path.resolve())
        except OSError:
            return False
        return where in preferences.recent_files()

    def export_to(self, kind: str, path: str) -> None:
        job = export_job(
            kind,
            self.doc.snapshot(),
            path,
            i18n.lang(),
            None,
            extras=dict(self.doc.lanes),
            read=(list(self.doc.read_problems), list(self.doc.read_names)),
        )
        target = Path(path)

        def done(problems) -> None:
            count = len(problems or [])
            text = self.tr("Exported {file}").format(file=target.name)
            if count:
                text += "; " + self.tr("%Ln problem(s) noted", "", count)
            actions = [
                (self.tr("Open file"), lambda: _open(target)),
                (self.tr("Show folder"), lambda: _open(target.parent)),
            ]
            self.window.show_message(text, "warning" if count else "success", actions)

        label = self.tr("Writing {file}…").format(file=target.name)
        if kind == "pdf":
            # the PDF draws its charts with Qt widgets, which live in the GUI thread only
            self.window.runner.run_inline(job, label, done)
        else:
            self.window.run_task(job, label, done)

    # Recovery --------------------------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """After a crash: offer each recovery copy (Restore / Discard) with its time."""
        for recovery in find_recoveries():
            if self._ask_restore(recovery):
                self.restore(recovery)
                return True
            discard(recovery)
        return False

    def _ask_restore(self, recovery: Recovery) -> bool:
        locale = i18n.locale_for(i18n.lang())
        when = locale.toString(recovery.saved_at, locale.FormatType.ShortFormat)
        what = (
            Path(recovery.original).name
            if recovery.original
            else (recovery.project.name or self.tr("Untitled"))
        )
        from ui import startup

        startup.early()  # asked before the window's first paint: with the program's icon
        QMessageBox = _message_box()  # noqa: N806
        box = QMessageBox(
            QMessageBox.Icon.Question,
            APP_NAME,
            self.tr(
                "LTV Studio was closed unexpectedly. Unsaved changes to “{name}” were kept at "
                "{time}. Restore them?"
            ).format(name=what, time=when),
            parent=self.window,
        )
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.exec()
        return box.clickedButton() is restore

    def restore(self, recovery: Recovery) -> None:
        path = Path(recovery.original) if recovery.original else None
        self.doc.load(recovery.project, path, clean=False)
        discard(recovery)
        self.window.autosaver.save_now()
        self.window.show_message(self.tr("Restored the unsaved changes."), "success")


def _file_stem(name: str, otherwise: str) -> str:
    """A project's name as the start of a file name offered by a dialog: without the characters
    no system's file names may hold ("Опт: зерно" → "Опт - зерно"), ``otherwise`` when empty."""
    stem = re.sub(r'\s*[<>:"/\\|?*\x00-\x1f]+\s*', " - ", name or "").strip(" .-")
    return stem or otherwise


def _open(path: Path) -> None:
    from ui.desktop import open_path  # with the desktop's environment, not the bundle's

    open_path(path)


# The file dialogs and message boxes are imported when first shown: importing a Qt class makes
# all its enums, and these have many (measured in the start-up time, bench/bench_window.py).
def _file_dialog():
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog


def _message_box():
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox
