"""The open project as a QObject: its segments, computed results and the one undo stack."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from core import schema
from core.metrics import Results
from core.project import Project, Record, Scenario, SegmentTable, Settings, fold_name

CellValue = float | str | None


class ProjectDocument(QObject):
    """Owns the :class:`Project`, its :class:`metrics.Results` and one :class:`QUndoStack`.

    Every change goes through the methods below (called by the undo commands); each recomputes
    all metrics at once (vectorised, < 1 ms for 10 000 segments) and says what changed, so the
    models repaint only that. No formulas here: core computes, this object coordinates.

    Signals
    -------
    cells_changed(first, last)
        Inputs of segments ``first`` … ``last`` changed (their metrics too).
    segments_inserting/segments_inserted(row, count), segments_removing/segments_removed(first,
    last), segment_moving/segment_moved(row, to)
        Structural changes, announced before and after, for ``begin…``/``end…`` in models.
    results_changed()
        The results were recomputed (after any of the above, a settings change or a load).
    settings_changed()
        A project setting changed: basis, currency, CRR benchmark.
    project_loading(), project_loaded()
        The whole project is being replaced / was replaced (New, Open, Restore), or the grid
        switches between the base and a scenario (the segments shown are replaced).
    scenario_switched(name)
        The grid now shows scenario ``name`` ("" for the base): its inputs are edited and
        computed; every undo command carries the scenario it was made in (DESIGN.md §7.1).
    scenarios_changed()
        A scenario was added, renamed or deleted.
    lane_changed(name)
        A lane beside the segments changed (``lanes[name]``: the fitted customer models …);
        ``results_changed`` follows, so whatever shows results shows it.
    """

    cells_changed = Signal(int, int)
    segments_inserting = Signal(int, int)
    segments_inserted = Signal(int, int)
    segments_removing = Signal(int, int)
    segments_removed = Signal(int, int)
    segment_moving = Signal(int, int)
    segment_moved = Signal(int, int)
    results_changed = Signal()
    settings_changed = Signal()
    project_loading = Signal()
    project_loaded = Signal()
    path_changed = Signal(str)
    scenario_switched = Signal(str)
    scenarios_changed = Signal()
    lane_changed = Signal(str)

    def __init__(self, project: Project | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._project = project or Project()
        self._path: Path | None = None
        self._batch = 0
        self._last_change: tuple[list[int], list[str]] = ([], [])
        self._scenario: str | None = None  # None: the base
        #: counts recomputations: results of an older revision are stale
        self.revision = 0
        #: figures derived beside the segments, by name (``set_lane``); a new project has none
        self.lanes: dict[str, object] = {}
        #: what reading the project's file found (``core.problems.Problem``): an import's
        #: unreadable cells, an order log's rows left out; the reports list those still true
        self.read_problems: list = []
        #: the segments' names as read, beside ``read_problems`` (rows move with edits)
        self.read_names: list[str] = []
        self.results = self._project.compute()

    # Reading ---------------------------------------------------------------------------------
    @property
    def project(self) -> Project:
        return self._project

    @property
    def settings(self) -> Settings:
        return self._project.settings

    @property
    def segments(self) -> SegmentTable:
        """The segments shown and edited: the base's, or the scenario's in view."""
        if self._scenario is None:
            return self._project.segments
        return self._project.scenario(self._scenario).segments

    @property
    def path(self) -> Path | None:
        return self._path

    def set_path(self, path: str | Path | None) -> None:
        self._path = Path(path) if path else None
        self.path_changed.emit(str(self._path or ""))

    def __len__(self) -> int:
        return len(self.segments)

    def value(self, row: int, key: str) -> CellValue:
        """An input cell as typed: the name, a number, unread text, or None."""
        return self.segments.value(row, key)

    def record(self, row: int) -> Record:
        return self.segments.record(row)

    def names(self) -> list[str]:
        """A copy of every segment's name (100 000 names take a millisecond or two: for one name,
        ``name``)."""
        return list(self.segments.names)

    def name(self, row: int) -> str:
        """Segment ``row``'s name."""
        return self.segments.names[row]

    def unique_name(self, base: str, taken: Iterable[str] = ()) -> str:
        """``base``, or ``base (2)``, ``base (3)``… — the first not used in the project."""
        return schema.unique_name(base, [*self.segments.names, *taken])

    def name_taken(self, name: str, row: int) -> bool:
        """True when another segment than ``row`` already has this name."""
        return schema.name_clash(name, self.segments.names, row) is not None

    @property
    def last_change(self) -> tuple[list[int], list[str]]:
        """The rows and input keys the latest change touched (undo and redo select them)."""
        return self._last_change

    def note_change(self, rows: Sequence[int], keys: Sequence[str]) -> None:
        """Say which rows and input keys a step of several changes touched in all (a paste that
        set cells and added rows), for undo and redo to select them."""
        self._last_change = (sorted(set(rows)), list(dict.fromkeys(keys)))

    # Changing (the undo commands call these) --------------------------------------------------
    def set_values(self, changes: Sequence[tuple[int, str, CellValue]]) -> None:
        """Set several cells at once; one recompute."""
        if not changes:
            return
        table = self.segments
        for row, key, value in changes:
            table.set_value(row, key, value)
        rows = [row for row, _, _ in changes]
        self._last_change = (sorted(set(rows)), list(dict.fromkeys(k for _, k, _ in changes)))
        self._recompute(rows)
        self.cells_changed.emit(min(rows), max(rows))
        self.results_changed.emit()

    def set_value(self, row: int, key: str, value: CellValue) -> None:
        self.set_values([(row, key, value)])

    def insert(self, row: int, records: Sequence[Record]) -> None:
        if not records:
            return
        self.segments_inserting.emit(row, len(records))
        self.segments.insert(row, list(records))
        self._last_change = (list(range(row, row + len(records))), ["segment"])
        self._recompute()
        self.segments_inserted.emit(row, len(records))
        self.results_changed.emit()

    def remove(self, rows: Iterable[int]) -> list[tuple[int, Record]]:
        """Remove segments, one contiguous run at a time from the bottom; (row, record) pairs."""
        rows = sorted(set(rows))
        removed = [(r, self.record(r)) for r in rows]
        for first, last in reversed(_runs(rows)):
            self.segments_removing.emit(first, last)
            self.segments.remove(range(first, last + 1))
            self.segments_removed.emit(first, last)
        left = min(rows[0], len(self) - 1) if rows else -1
        self._last_change = ([left] if left >= 0 else [], ["segment"])
        self._recompute()
        self.results_changed.emit()
        return removed

    def restore(self, removed: Sequence[tuple[int, Record]]) -> None:
        """Put back segments that :meth:`remove` returned, at their old rows."""
        rows = [r for r, _ in removed]
        by_row = dict(removed)
        for first, last in _runs(rows):
            self.segments_inserting.emit(first, last - first + 1)
            self.segments.insert(first, [by_row[r] for r in range(first, last + 1)])
            self.segments_inserted.emit(first, last - first + 1)
        self._last_change = (sorted(rows), ["segment"])
        self._recompute()
        self.results_changed.emit()

    def move(self, row: int, to: int) -> None:
        """Move one segment from ``row`` to position ``to`` (its index after the move)."""
        if row == to:
            return
        self.segment_moving.emit(row, to)
        self.segments.move(row, to)
        self._last_change = ([to], ["segment"])
        self._recompute()
        self.segment_moved.emit(row, to)
        self.results_changed.emit()

    def set_setting(self, name: str, value: object) -> None:
        settings = self._project.settings
        setattr(settings, name, value)
        self._last_change = ([], [])
        self._recompute()
        self.settings_changed.emit()
        self.results_changed.emit()

    def setting(self, name: str) -> object:
        return getattr(self._project.settings, name)

    def load(
        self,
        project: Project,
        path: str | Path | None = None,
        clean: bool = True,
        results: Results | None = None,
        problems: Sequence = (),
    ) -> None:
        """Replace the whole project (New, Open, Restore); the undo history starts afresh.

        ``results`` are the project's metrics when a worker computed them already (a large
        import: ``prepare``), so the window does not compute them again. ``problems``: what
        reading the file found (``read_problems``), for the reports.
        """
        self.project_loading.emit()
        self._project = project
        self.lanes.clear()
        self.read_problems = list(problems)
        self.read_names = list(project.segments.names) if self.read_problems else []
        self._scenario = None
        self._last_change = ([], [])
        if results is None:
            self._recompute()
        else:
            self.results = results
            self.revision += 1
        self.undo_stack.clear()
        self.set_path(path)
        self.project_loaded.emit()
        self.results_changed.emit()
        if not clean:
            # a restored copy is not saved anywhere yet: mark it modified
            self.undo_stack.resetClean()

    def set_lane(self, name: str, value: object | None) -> None:
        """Keep (or, with None, drop) the lane ``name`` beside the segments, and say so."""
        if value is None:
            self.lanes.pop(name, None)
        else:
            self.lanes[name] = value
        self.lane_changed.emit(name)
        self.results_changed.emit()

    def snapshot(self) -> Project:
        """A copy of the project (for saving from another thread or an autosave)."""
        p = self._project
        return Project(
            name=p.name,
            settings=replace(p.settings),
            segments=p.segments.copy(),
            scenarios=[Scenario(s.name, s.segments.copy()) for s in p.scenarios],
            orders=p.orders,  # where derived inputs came from: read-only once made
        )

    @contextmanager
    def macro(self, text: str):
        """Group the commands pushed inside into one undo step."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    def _recompute(self, rows: Sequence[int] | None = None) -> None:
        """All metrics again; ``rows``: only these segments' inputs changed since the last
        recompute (the portfolio row then adds up only their blocks again)."""
        # the results before are dropped here: an edit may set their arrays in place (reuse)
        self.results = self._project.compute(
            scenario=self._scenario,
            since=self.results if rows is not None else None,
            rows=rows,
            reuse=True,
        )
        self.revision += 1

    # Scenarios (DESIGN.md §7.1; the undo commands in ui.scenario_commands call these) ------------
    @property
    def scenario(self) -> str | None:
        """The scenario in view (its name as saved), or None for the base."""
        return self._scenario

    def show_scenario(self, name: str | None) -> None:
        """Show and edit scenario ``name`` (None: the base); the grid's segments are replaced."""
        if name is not None:
            name = self._project.scenario(name).name
        if name == self._scenario:
            return
        self.project_loading.emit()
        self._scenario = name
        self._last_change = ([], [])
        self._recompute()
        self.project_loaded.emit()
        self.results_changed.emit()
        self.scenario_switched.emit(name or "")

    def add_scenario(self, name: str, table: SegmentTable, index: int | None = None) -> None:
        """Add scenario ``name`` with a copy of ``table`` as its inputs, at ``index``."""
        self._project.add_scenario(name, table, index)
        self.scenarios_changed.emit()

    def remove_scenario(self, name: str) -> tuple[int, Scenario]:
        """Delete scenario ``name`` (showing the base if it was in view); (position, it)."""
        if self._scenario is not None and fold_name(self._scenario) == fold_name(name):
            self.show_scenario(None)
        removed = self._project.remove_scenario(name)
        self.scenarios_changed.emit()
        return removed

    def rename_scenario(self, name: str, new: str) -> None:
        in_view = self._scenario is not None and fold_name(self._scenario) == fold_name(name)
        self._project.rename_scenario(name, new)
        if in_view:
            self._scenario = self._project.scenario(new).name
            self.scenario_switched.emit(self._scenario)
        self.scenarios_changed.emit()


def prepare(project: Project) -> Results:
    """The project's metrics with the portfolio row and every empty cell's reason made, for a
    worker to hand to ``load`` (both are computed on first use: here, not in the GUI thread)."""
    results = project.compute()
    results.portfolio  # noqa: B018
    results.reasons  # noqa: B018
    return results


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted rows as contiguous (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for r in sorted(rows):
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs
