"""The problems a report lists for a project read from a file and edited since (the window's
export): the file's own addresses while they hold, the project's own for cells typed since."""

from __future__ import annotations

from core.export.base import current_problems
from core.problems import Problem
from core.project import Project
from core.readers import read_segments
from core.text import Text

CSV = (
    "Сегмент;Средний чек;Покупок в год;Маржа, %\n"
    "Розница;1 200,50;4;35\nОпт;много;2;20\nРозница;900;3;250\n"
)


def _read(tmp_path):
    path = tmp_path / "клиенты.csv"
    path.write_text(CSV, encoding="utf-8")
    read = read_segments(path, "ru")
    return read.problems, Project(name="клиенты", segments=read.table)


def _cells(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.cell, p.value) for p in problems]


def test_unedited_project_lists_what_the_command_line_lists(tmp_path):
    read, project = _read(tmp_path)
    assert _cells(current_problems(read, project, "ru")) == _cells(read)
    assert _cells(read) == [("B3", "много"), ("A4", "Розница"), ("D4", "250 %")]
    assert all(p.file == "клиенты.csv" for p in current_problems(read, project))


def test_a_cell_put_right_is_not_listed_and_a_cell_typed_wrong_is(tmp_path):
    read, project = _read(tmp_path)
    project.segments.set_value(1, "avg_order_value", 800.0)  # B3 put right
    project.segments.set_value(2, "segment", "Розница 2")  # the repeat renamed
    project.segments.set_value(0, "purchases_per_year", "часто")  # typed wrong in the window
    listed = current_problems(read, project, "en")
    assert _cells(listed) == [("Розница · Purchases per year", "часто"), ("D4", "250 %")]


def test_rows_removed_and_moved_keep_no_stale_address(tmp_path):
    read, project = _read(tmp_path)
    project.segments.remove([0])  # every row moves up: the file's A1 cells no longer fit
    listed = current_problems(read, project, "en")
    # "много" is still wrong, now in row 1 of the project: named by segment and column
    assert ("Опт · Average order value", "много") in _cells(listed)
    assert not any(p.cell in ("B3", "A4") for p in listed)  # the repeat is gone with its twin
    assert ("Розница · Gross margin", "250 %") in _cells(listed)


def test_file_problems_and_what_the_check_cannot_see_are_kept(tmp_path):
    read, project = _read(tmp_path)
    left_out = Problem("orders.csv", "", "C7", "вчера", Text("not a date", "не дата"))
    name_error = Problem(
        "клиенты.csv",
        "",
        "A2",
        "Розница",
        Text("the segment name cell shows {code}", "в ячейке названия сегмента {code}"),
        (("code", "#N/A"),),
        row=0,
        key="segment",
    )
    listed = current_problems([left_out, name_error, *read], project, "en")
    assert listed[0] is left_out and name_error in listed
    project.segments.set_value(0, "segment", "Розница 1")  # the name typed anew
    assert name_error not in current_problems([left_out, name_error, *read], project, "en")


def test_names_as_read_keep_a_moved_row_from_another_rows_address(tmp_path):
    read, project = _read(tmp_path)
    names = list(project.segments.names)
    project.segments.insert(1, [{"segment": "Новый", "unread": {"avg_order_value": "много"}}])
    project.segments.remove([2])  # "Опт" (B3, "много") goes; "Новый" holds "много" in its row
    assert ("B3", "много") in _cells(current_problems(read, project, "en"))  # without names
    listed = current_problems(read, project, "en", names)
    assert ("B3", "много") not in _cells(listed)
    assert ("Новый · Average order value", "много") in _cells(listed)
