"""DESIGN.md §5: the .ltv.json project file — round trip, atomic save, one-line refusals."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from core import atomic
from core.errors import ReadError, SaveError
from core.project import Project, SegmentTable, Settings, load_project, save_project


def sample_project() -> Project:
    table = SegmentTable.from_records(
        [
            {"segment": "Клуб", "customers": 850, "avg_order_value": 420.5, "gross_margin": 0.62},
            {
                "segment": "=cmd",
                "purchases_per_year": 2.5,
                "unread": {"avg_order_value": "четыреста"},
            },
        ]
    )
    return Project(
        name="Кофейня",
        settings=Settings(basis="revenue", currency="$", language="ru", crr_benchmark=0.5),
        segments=table,
    )


def test_round_trip_keeps_everything_as_typed(tmp_path):
    path = tmp_path / "p.ltv.json"
    project = sample_project()
    save_project(project, path)
    loaded = load_project(path)
    assert loaded.name == "Кофейня"
    assert loaded.settings == project.settings
    assert loaded.segments.records() == project.segments.records()
    assert loaded.segments.value(1, "avg_order_value") == "четыреста"
    doc = json.loads(path.read_text("utf-8"))
    assert doc["format"] == "ltv-studio" and doc["version"] == 1


def test_failure_mid_write_leaves_old_file_byte_identical(tmp_path, monkeypatch):
    path = tmp_path / "p.ltv.json"
    save_project(sample_project(), path)
    before = path.read_bytes()

    def broken_write(handle):
        handle.write(b'{"format": "ltv-studio", "vers')
        raise OSError(28, "No space left on device")

    with pytest.raises(SaveError, match="No space left"):
        atomic.write_atomic(path, broken_write)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.ltv.json"]  # no temporary left behind


def test_failure_at_rename_leaves_old_file(tmp_path, monkeypatch):
    path = tmp_path / "p.ltv.json"
    save_project(sample_project(), path)
    before = path.read_bytes()
    changed = sample_project()
    changed.name = "other"

    def refuse(*_):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SaveError, match="another program"):
        save_project(changed, path)
    assert path.read_bytes() == before


def test_save_into_missing_folder_is_one_line(tmp_path):
    with pytest.raises(SaveError) as info:
        save_project(sample_project(), tmp_path / "nope" / "p.ltv.json")
    assert "folder does not exist" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "content, words",
    [
        (b'{"format": "ltv-studio", "version": 1, "segments": [', "damaged"),
        (b'{"name": "something else"}', "not an LTV Studio project"),
        (b"[1, 2, 3]", "not an LTV Studio project"),
        (b'{"format": "ltv-studio", "version": 7}', "newer LTV Studio"),
        (b'{"format": "ltv-studio", "version": 1, "segments": [{"customers": NaN}]}', "damaged"),
        (b'{"format": "ltv-studio", "version": 1, "settings": {"basis": "vibes"}}', "damaged"),
        (b"\xff\xfe\x00garbage", "damaged"),
    ],
)
def test_bad_files_give_one_line_naming_the_file(tmp_path, content, words):
    path = tmp_path / "bad.ltv.json"
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        load_project(path)
    message = str(info.value)
    assert words in message and "bad.ltv.json" in message and "\n" not in message


def test_text_in_a_number_field_is_kept_not_lost(tmp_path):
    path = tmp_path / "typed.ltv.json"
    path.write_text(
        json.dumps(
            {
                "format": "ltv-studio",
                "version": 1,
                "segments": [{"segment": "A", "avg_order_value": "1 200", "customers": "много"}],
            }
        ),
        "utf-8",
    )
    table = load_project(path).segments
    assert table.value(0, "avg_order_value") == 1200
    assert table.value(0, "customers") == "много"


def test_table_edits_insert_remove_move():
    t = SegmentTable.from_records([{"segment": "a", "customers": 1}, {"segment": "b"}])
    t.insert(1, [{"segment": "x", "customers": 5}])
    assert t.names == ["a", "x", "b"]
    assert t.columns["customers"][1] == 5
    removed = t.remove([0, 2])
    assert [r for r, _ in removed] == [0, 2]
    assert t.names == ["x"]
    t.insert(0, [rec for _, rec in removed[:1]])
    t.move(0, 1)
    assert t.names == ["x", "a"]
    assert np.isnan(t.columns["avg_order_value"]).all()
