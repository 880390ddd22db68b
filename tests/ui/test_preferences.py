"""What the program remembers between runs is kept in memory and written to disk in a thread of
its own: a settings file's sync waits for the disk (0.8 s was seen in the window's thread)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings

from ui import preferences


def test_a_setting_is_read_back_at_once_and_written_to_disk_outside_the_window_thread(
    app, monkeypatch, tmp_path
):
    writers: list[str] = []

    class Recording(QSettings):
        def setValue(self, key, value):  # noqa: N802
            writers.append(threading.current_thread().name)
            super().setValue(key, value)

    monkeypatch.setattr(preferences, "QSettings", Recording)
    file = tmp_path / "сегменты.csv"
    file.write_text("x", encoding="utf-8")

    assert preferences.add_recent(file) == [str(file.resolve())]
    preferences.set_side_panel_open(True)
    assert preferences.recent_files() == [str(file.resolve())]  # before it is on disk
    assert preferences.side_panel_open() is True
    preferences.flush()

    assert writers and threading.main_thread().name not in writers
    on_disk = QSettings()
    assert on_disk.value("recent") == [str(file.resolve())]
    assert str(on_disk.value("window/side_panel")).lower() == "true"


def test_what_was_set_is_there_at_the_next_start(app, monkeypatch):
    preferences.set_language("ru")
    preferences.set_column_group_folded("inputs", True)
    preferences.flush()
    monkeypatch.setattr(preferences, "_values", None)  # as a new process starts: nothing read
    assert preferences.language() == "ru"
    assert preferences.column_group_folded("inputs", False) is True


def test_many_settings_in_a_row_all_reach_the_disk(app):
    for i in range(50):
        preferences.store().setValue(f"test/key{i}", i)
    preferences.flush()
    on_disk = QSettings()
    assert [int(on_disk.value(f"test/key{i}")) for i in range(50)] == list(range(50))


def test_the_window_state_is_written_as_qt_writes_it_and_read_back(app, monkeypatch):
    """Geometry as ``@ByteArray(…)``, the layout as text: a ``bytes`` value went into the file
    as a PySide6 pickle (``PySide::PyObjectWrapper``), which nothing but PySide6 reads."""
    geometry, layout = b"\x01\xd9\xd0\xcb\x00\x03", b'{"grid": [258, 322]}'
    preferences.set_window_state(geometry, layout)
    assert preferences.window_state() == (geometry, layout)  # at once, from memory
    preferences.flush()
    text = open(QSettings().fileName(), encoding="utf-8").read()
    assert "geometry=@ByteArray(" in text and "PyObjectWrapper" not in text
    assert 'layout="{\\"grid\\": [258, 322]}"' in text
    monkeypatch.setattr(preferences, "_values", None)  # the next start reads the file
    assert preferences.window_state() == (geometry, layout)


def test_a_window_state_saved_by_an_earlier_version_is_still_read(app, monkeypatch):
    geometry, layout = b"\x01\xd9\xd0\xcb", b'{"side_open": false}'
    settings = QSettings()
    settings.setValue("window/geometry", geometry)  # as the earlier version wrote them
    settings.setValue("window/layout", layout)
    del settings
    monkeypatch.setattr(preferences, "_values", None)
    assert preferences.window_state() == (geometry, layout)
