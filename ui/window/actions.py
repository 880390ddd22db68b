"""The window's actions, menus and toolbar buttons, in one place, with their words.

``Actions`` makes every QAction of the window (connected to the window's slots), the menu bar
and the tool bar's buttons; ``retranslate()`` gives them their words in the language in force.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from ui import preferences

K = QKeySequence.StandardKey

#: File ▸ Examples, in the menu's order (``core.paths.example`` finds their files)
EXAMPLES = ("shop_orders", "coffee_shop", "survivors", "worked_examples")


class Actions(QObject):
    """Every action of a main window, with its shortcut, menu and tool-bar place."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        w = window
        a = self._action
        self.new = a("new", w.files.new_project, K.New)
        self.open = a("open", w.files.open_dialog, K.Open)
        self.save = a("save", w.files.save, K.Save)
        self.save_as = a("saveAs", w.files.save_as, K.SaveAs)
        self.export_xlsx = a("exportWorkbook", lambda: w.files.export("xlsx"), "Ctrl+E")
        self.export_pdf = a("exportPdf", lambda: w.files.export("pdf"), "Ctrl+Shift+E")
        self.quit = a("quit", w.close, K.Quit)
        self.undo = a("undo", w.undo, K.Undo)
        self.redo = a("redo", w.redo, ["Ctrl+Y", "Ctrl+Shift+Z"])
        self.cut = a("cut", w.cut, K.Cut, grid_only=True)
        self.copy = a("copy", w.copy, K.Copy, grid_only=True)
        self.paste = a("paste", w.paste, K.Paste, grid_only=True)
        self.clear = a("clear", w.clear_cells)
        self.select_all = a("selectAll", w.select_all, K.SelectAll, grid_only=True)
        self.add = a("addSegment", w.add_segment, "Ctrl+Shift+N")
        self.duplicate = a("duplicate", w.duplicate_segments, "Ctrl+D")
        self.delete = a("deleteSegments", w.delete_segments, "Ctrl+Shift+Del")
        self.up = a("moveUp", lambda: w.move_segment(-1), "Ctrl+Shift+Up")
        self.down = a("moveDown", lambda: w.move_segment(1), "Ctrl+Shift+Down")
        self.side_panel = a("sidePanel", w.set_side_panel, "F9", checkable=True)
        # the what-if questions (DESIGN.md §7.1), from the View menu and a cell's context menu:
        # they wait in the side panel, whose button says "Explain", where an owner asking "what
        # would reach 3:1?" did not look
        self.whatif = a("whatIf", lambda: w.show_side_panel("ui.panels.whatif:WhatIfPanel"))
        self.explain_cell = a(
            "explainCell", lambda: w.show_side_panel("ui.panels.explain:ExplainPanel")
        )
        self.presentation = a("presentation", w.set_presentation, "F11", checkable=True)
        self.zoom_in = a("zoomIn", lambda: w.zoom(1), ["Ctrl++", "Ctrl+="])
        self.zoom_out = a("zoomOut", lambda: w.zoom(-1), "Ctrl+-")
        self.about = a("about", w.about)
        # File ▸ Examples: the program's own examples, each opened as a new untitled project
        self.examples: dict[str, QAction] = {
            name: a(f"example_{name}", lambda _on=False, n=name: w.files.open_example(n))
            for name in EXAMPLES
        }
        self.fold: dict[str, QAction] = {}
        for group in w.grid_groups():
            self.fold[group.name] = a(
                f"show_{group.name}",
                lambda on, n=group.name: w.grid.set_folded(n, not on),
                checkable=True,
            )
        self.language_group = QActionGroup(self)
        self.lang: dict[str, QAction] = {}
        for code in ("", "en", "ru"):
            act = a(
                f"language_{code or 'system'}",
                lambda _c=False, c=code: w.set_language(c),
                checkable=True,
            )
            self.language_group.addAction(act)
            self.lang[code] = act
        self.lang[preferences.language()].setChecked(True)
        w.doc.undo_stack.canUndoChanged.connect(self.undo.setEnabled)
        w.doc.undo_stack.canRedoChanged.connect(self.redo.setEnabled)
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        self._make_menus()
        self._make_toolbar()
        self._make_cell_menu()

    def _action(
        self, name: str, slot, shortcut=None, checkable: bool = False, grid_only: bool = False
    ) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        shortcuts = shortcut if isinstance(shortcut, list) else [shortcut] if shortcut else []
        action.setShortcuts([QKeySequence(s) if isinstance(s, (str, K)) else s for s in shortcuts])
        if grid_only:
            # the grid's own keys: in a text field Ctrl+C/V/X/A keep their usual meaning
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.window.grid.view.addAction(action)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _make_menus(self) -> None:
        bar = self.window.menuBar()

        def fill(menu: QMenu, items) -> None:
            for item in items:
                if item is None:
                    menu.addSeparator()
                elif isinstance(item, QMenu):
                    menu.addMenu(item)
                else:
                    menu.addAction(item)

        self.menu_file = bar.addMenu("")
        self.menu_recent = QMenu(self.window)
        self.menu_recent.aboutToShow.connect(self.window.files.fill_recent)
        self.menu_examples = QMenu(self.window)
        for act in self.examples.values():
            self.menu_examples.addAction(act)
        fill(
            self.menu_file,
            [
                self.new,
                self.open,
                self.menu_recent,
                self.menu_examples,
                None,
                self.save,
                self.save_as,
                None,
                self.export_xlsx,
                self.export_pdf,
                None,
                self.quit,
            ],
        )
        self.menu_edit = bar.addMenu("")
        fill(
            self.menu_edit,
            [
                self.undo,
                self.redo,
                None,
                self.cut,
                self.copy,
                self.paste,
                self.clear,
                self.select_all,
                None,
                self.add,
                self.duplicate,
                self.delete,
                self.up,
                self.down,
            ],
        )
        self.menu_view = bar.addMenu("")
        self.menu_columns = QMenu(self.window)
        fill(self.menu_columns, list(self.fold.values()))
        self.menu_language = QMenu(self.window)
        fill(self.menu_language, list(self.lang.values()))
        fill(
            self.menu_view,
            [
                self.menu_columns,
                self.side_panel,
                self.whatif,
                None,
                self.presentation,
                self.zoom_in,
                self.zoom_out,
                None,
                self.menu_language,
            ],
        )
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.about)

    def _make_cell_menu(self) -> None:
        """The grid's context menu (a right click), as a spreadsheet's: the clipboard, the
        segments, and the cell explained or its what-if. The grid had none."""
        self.cell_menu = QMenu(self.window)
        self.cell_menu.setObjectName("cellMenu")
        for item in (
            self.cut,
            self.copy,
            self.paste,
            self.clear,
            None,
            self.add,
            self.duplicate,
            self.delete,
            None,
            self.explain_cell,
            self.whatif,
        ):
            if item is None:
                self.cell_menu.addSeparator()
            else:
                self.cell_menu.addAction(item)
        view = self.window.grid.view
        for widget in (view, view.frozen):
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            widget.customContextMenuRequested.connect(
                lambda pos, w=widget: self.cell_menu.popup(w.viewport().mapToGlobal(pos))
            )

    def _make_toolbar(self) -> None:
        bar = QToolBar(self.window)
        bar.setObjectName("editBar")
        bar.setMovable(False)
        for act in (self.add, self.duplicate, self.delete):
            bar.addAction(act)
        self.toolbar = bar

    def retranslate(self) -> None:
        texts = {
            self.new: self.tr("&New"),
            self.open: self.tr("&Open…"),
            self.save: self.tr("&Save"),
            self.save_as: self.tr("Save &As…"),
            self.export_xlsx: self.tr("Export &Workbook…"),
            self.export_pdf: self.tr("Export &PDF Report…"),
            self.quit: self.tr("&Quit"),
            self.undo: self.tr("&Undo"),
            self.redo: self.tr("&Redo"),
            self.cut: self.tr("Cu&t"),
            self.copy: self.tr("&Copy"),
            self.paste: self.tr("&Paste"),
            self.clear: self.tr("C&lear Cells"),
            self.select_all: self.tr("Select &All"),
            self.add: self.tr("&Add Segment"),
            self.duplicate: self.tr("D&uplicate Segment"),
            self.delete: self.tr("&Delete Segment"),
            self.up: self.tr("Move Segment &Up"),
            self.down: self.tr("Move Segment D&own"),
            self.side_panel: self.tr("&Explain Panel"),
            self.whatif: self.tr("&What-if: How to Reach the Target"),
            self.explain_cell: self.tr("E&xplain This Cell"),
            self.presentation: self.tr("&Presentation Mode"),
            self.zoom_in: self.tr("Zoom &In"),
            self.zoom_out: self.tr("Zoom &Out"),
            self.about: self.tr("&About LTV Studio"),
            self.examples["shop_orders"]: self.tr("Online Shop: a Log of &Orders"),
            self.examples["coffee_shop"]: self.tr("Coffee Shop: &Segments"),
            self.examples["survivors"]: self.tr(
                "Customers Left Year by Year: the &Retention Curve"
            ),
            self.examples["worked_examples"]: self.tr("The &Worked Examples of the Formulas"),
            self.lang[""]: self.tr("Follow the &System"),
            self.lang["en"]: "English",
            self.lang["ru"]: "Русский",
        }
        for action, text in texts.items():
            action.setText(text)
        # the tool bar's buttons say it short (the menus say it in full)
        short = {
            self.add: self.tr("Add"),
            self.duplicate: self.tr("Duplicate"),
            self.delete: self.tr("Delete"),
            self.side_panel: self.tr("Explain"),
            self.whatif: self.tr("What-if"),
            self.presentation: self.tr("Present"),
        }
        for action, text in short.items():
            action.setIconText(text)
            action.setToolTip(action.text().replace("&", ""))
        for group in self.window.grid_groups():
            self.fold[group.name].setText(group.label())
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_recent.setTitle(self.tr("Open &Recent"))
        self.menu_examples.setTitle(self.tr("E&xamples"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_columns.setTitle(self.tr("&Columns"))
        self.menu_language.setTitle(self.tr("&Language"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Segments"))
