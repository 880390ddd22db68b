"""The import preview's notices are lines of their own: each begins with a capital and ends with
a full stop. «суммы в файле указаны в ₽: это валюта проекта» stood lowercase under the
problems, a clause made for the command line's "file: …"."""

from __future__ import annotations

from tests.ui.test_import import _preview


def test_the_previews_notices_read_as_sentences(window, qtbot, tmp_path):
    from ui import i18n

    path = tmp_path / "клиенты.csv"
    path.write_text(
        "Сегмент;Клиентов;Средний чек\nРозница;1 200;2 345,50 ₽\nОпт;15;900 ₽\n", encoding="utf-8"
    )
    i18n.language().set("ru")
    try:
        dialog = _preview(window, qtbot, path)
        lines = dialog.notices.text().splitlines()
        assert "Суммы в файле указаны в ₽: это валюта проекта." in lines, lines
        assert all(line[:1].isupper() and line.endswith(".") for line in lines), lines
        dialog.done(0)
    finally:
        i18n.language().set("en")
