"""Regenerate the translations: pyside6-lupdate over ui/, fill from RU, pyside6-lrelease.

Run: ``.venv/bin/python resources/translations/update.py``. A source text without a Russian
entry here makes the script fail, so no English is left in the Russian interface.

A count (``tr("%Ln cell(s) …", "", n)``, Qt's plural) takes a tuple of forms: Russian three
(one, few, many), and English two in an ``EN`` dict — the English translation holds only these
plural texts (``ltv_studio_en``), so that English says "1 cell" and "2 cells".
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "ltv_studio_ru.ts"
QM = HERE / "ltv_studio_ru.qm"
TS_EN = HERE / "ltv_studio_en.ts"
QM_EN = HERE / "ltv_studio_en.qm"
NOT_OURS = {"charts.py", "report_pdf.py"}  # translated by their own authors

RU: dict[str, str] = {
    # ChartPanel
    "Charts are not available in this installation.": "Графики недоступны в этой установке.",
    # ErrorHandler
    "Unexpected error": "Непредвиденная ошибка",
    "Something went wrong: {error}. Your work is still open. Save a copy to be safe?":
        "Что-то пошло не так: {error}. Ваша работа по-прежнему открыта. Сохранить копию на "
        "всякий случай?",
    "Details were written to {path}.": "Подробности записаны в {path}.",
    "Save a Copy…": "Сохранить копию…",
    "Continue": "Продолжить",
    # ExplainPanel
    "Explain": "Пояснение",
    "Select a cell to see how its number is made: the formula with the numbers substituted.":
        "Выберите ячейку, чтобы увидеть, как получено её число: формулу с подставленными "
        "значениями.",
    "Portfolio": "Портфель",
    "This input is not summed across segments.": "Этот показатель не суммируется по сегментам.",
    "(no name)": "(без названия)",
    "“{text}” cannot be read as a number; it is kept as typed and not used.":
        "«{text}» не читается как число; сохранено как введено и не используется.",
    "Out of range ({range}); not used.": "Вне допустимого диапазона ({range}); не используется.",
    "Empty. Metrics that need it are left empty with the reason.":
        "Пусто. Показатели, которым нужно это значение, остаются пустыми с указанием причины.",
    "Valid range: {range}": "Допустимый диапазон: {range}",
    # GridEditor
    "Segment": "Сегмент",
    "Paste": "Вставка",
    "{n} pasted cells could not be read as numbers; they are kept as typed and shown in red.":
        "Вставленных ячеек, не прочитанных как число: {n}; они сохранены как введены и "
        "выделены красным.",
    "Clear cells": "Очистить ячейки",
    "New segment": "Новый сегмент",
    "{name} (copy)": "{name} (копия)",
    "Duplicate segments": "Копировать сегменты",
    # ImportDialog
    "Import segments — {file}": "Импорт сегментов — {file}",
    "Import": "Импортировать",
    "Sheet:": "Лист:",
    "Header row:": "Строка заголовка:",
    "Columns": "Столбцы",
    "Cells that could not be read": "Ячейки, которые не удалось прочитать",
    "Choose which column holds the segment names.":
        "Выберите столбец с названиями сегментов.",
    "Cells that could not be read: {n}": "Ячейки, которые не удалось прочитать: {n}",
    "{n} segments will be imported. Cells that could not be read are kept as typed and shown "
    "in red; fix them in the grid.":
        "Будет импортировано сегментов: {n}. Непрочитанные ячейки сохранены как введены и "
        "выделены красным; исправьте их в таблице.",
    # MainWindow
    "&New": "&Создать",
    "&Open…": "&Открыть…",
    "&Save": "Со&хранить",
    "Save &As…": "Сохранить &как…",
    "Export &Workbook…": "Экспорт в &книгу Excel…",
    "Export &PDF Report…": "Экспорт отчёта в &PDF…",
    "&Quit": "&Выход",
    "&Copy": "&Копировать",
    "&Paste": "&Вставить",
    "C&lear Cells": "&Очистить ячейки",
    "&Add Segment": "&Добавить сегмент",
    "D&uplicate Segment": "Д&ублировать сегмент",
    "&Delete Segment": "&Удалить сегмент",
    "Move Segment &Up": "Переместить сегмент &вверх",
    "Move Segment D&own": "Переместить сегмент в&низ",
    "&Presentation Mode": "Режим &презентации",
    "Zoom &In Explanation": "&Увеличить пояснение",
    "Zoom &Out Explanation": "У&меньшить пояснение",
    "&About LTV Studio": "&О программе LTV Studio",
    "Follow the &System": "Как в &системе",
    "&Undo": "&Отменить",
    "&Redo": "&Повторить",
    "&File": "&Файл",
    "Open &Recent": "&Недавние файлы",
    "&Edit": "&Правка",
    "&View": "&Вид",
    "&Language": "&Язык",
    "&Help": "&Справка",
    " Basis: ": " Расчёт по: ",
    "profit": "прибыль",
    "revenue": "выручка",
    "The basis of LTV:CAC and payback: gross profit (CLV) or revenue (LTV).":
        "Основа LTV:CAC и окупаемости: валовая прибыль (CLV) или выручка (LTV).",
    " Currency: ": " Валюта: ",
    " CRR benchmark: ": " Ориентир CRR: ",
    "The retention rate against which CRR is judged.":
        "Коэффициент удержания, с которым сравнивается CRR.",
    "Settings": "Настройки",
    "Untitled": "Без названия",
    "Change CRR benchmark": "Изменить ориентир CRR",
    "Save the changes to “{name}”?": "Сохранить изменения в «{name}»?",
    "Projects and tables ({patterns})": "Проекты и таблицы ({patterns})",
    "LTV Studio projects (*{suffix})": "Проекты LTV Studio (*{suffix})",
    "Spreadsheets ({patterns})": "Электронные таблицы ({patterns})",
    "All files (*)": "Все файлы (*)",
    "Open": "Открыть",
    "Opened {file}": "Файл {file} открыт",
    "Reading {file}…": "Чтение {file}…",
    "Imported {n} segments from {file}; {p} cells to check.":
        "Импортировано сегментов из {file}: {n}; ячеек для проверки: {p}.",
    "Save As": "Сохранить как",
    "Saved {file}": "Файл {file} сохранён",
    "Save a Copy": "Сохранить копию",
    "No recent files": "Нет недавних файлов",
    "Clear the List": "Очистить список",
    "Export Workbook": "Экспорт в книгу Excel",
    "Export PDF Report": "Экспорт отчёта в PDF",
    "Excel workbooks (*.xlsx)": "Книги Excel (*.xlsx)",
    "PDF documents (*.pdf)": "Документы PDF (*.pdf)",
    "Exported {file}": "Файл {file} сохранён",
    "{n} problems noted": "замечаний: {n}",
    "Writing {file}…": "Запись {file}…",
    "Please wait: the previous task is still running.":
        "Подождите: предыдущая задача ещё выполняется.",
    "Cancel": "Отмена",
    "Cancelled.": "Отменено.",
    "LTV Studio was closed unexpectedly. Unsaved changes to “{name}” were kept at {time}. "
    "Restore them?":
        "LTV Studio была закрыта неожиданно. Несохранённые изменения в «{name}» сохранены в "
        "{time}. Восстановить их?",
    "Restore": "Восстановить",
    "Discard": "Отбросить",
    "Restored the unsaved changes.": "Несохранённые изменения восстановлены.",
    "About LTV Studio": "О программе LTV Studio",
    "LTV Studio: customer lifetime value, LTV:CAC, payback and retention for each segment, "
    "with every formula explained.":
        "LTV Studio: пожизненная ценность клиента, LTV:CAC, окупаемость и удержание по каждому "
        "сегменту, с пояснением каждой формулы.",
    # MappingModel, ProblemsModel
    "Column in the file": "Столбец в файле",
    "First values": "Первые значения",
    "Read as": "Читать как",
    "(not used)": "(не используется)",
    "Cell": "Ячейка",
    "As found": "Как в файле",
    "Problem": "Проблема",
    # SegmentsTableModel
    "Type 35 or 35% for 35 %.": "Введите 35 или 35% для 35 %.",
    "{words} (rule: {rule})": "{words} (правило: {rule})",
    "benchmark {value}": "ориентир {value}",
    "This column is computed; type into the white columns.":
        "Этот столбец рассчитывается; вводите данные в белые столбцы.",
    "A segment needs a name.": "У сегмента должно быть название.",
    "Another segment is already called “{name}”.": "Сегмент «{name}» уже есть.",
    "“{text}” is not read as a number: {why}.": "«{text}» не читается как число: {why}.",
    "{label} must be {range}; “{text}” is outside.":
        "{label}: допустимо {range}; «{text}» вне диапазона.",
    "“{text}” cannot be read as a number; it is kept as typed and not used. Type a number to "
    "replace it.":
        "«{text}» не читается как число; сохранено как введено и не используется. Введите "
        "число, чтобы заменить.",
    "Portfolio ({n})": "Портфель ({n})",
    "All segments together: customers summed, CAC and CRR pooled, LTV, CLV and net CLV "
    "weighted by customers.":
        "Все сегменты вместе: клиенты суммируются, CAC и CRR считаются по сумме, LTV, CLV и "
        "чистый CLV взвешиваются по числу клиентов.",
    "{n} of {total} segments left out: they lack what this needs":
        "не учтено сегментов: {n} из {total} — в них нет нужных данных",
    # commands
    "Edit cell": "Изменение ячейки",
    "Edit cells": "Изменение ячеек",
    "Add segment": "Добавление сегмента",
    "Delete segments": "Удаление сегментов",
    "Move segment": "Перемещение сегмента",
    "Change setting": "Изменение настройки",
}


def _all_russian() -> dict[str, str | tuple[str, ...]]:
    """RU above plus the ``RU`` dict of every ``ru_*.py`` beside this file.

    Each part of the window keeps its Russian texts in a file of its own
    (``ru_whatif.py``, ``ru_cohorts.py`` …), so work on one part does not touch another's list.
    """
    return _merged("RU", dict(RU))


def _all_english() -> dict[str, tuple[str, ...]]:
    """The English plural forms: the ``EN`` dict of every ``ru_*.py`` that has one."""
    return _merged("EN", {})


def _merged(name: str, merged: dict) -> dict:
    import importlib.util

    for path in sorted(HERE.glob("ru_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        merged.update(getattr(module, name, {}))
    return merged


def _fill(ts: Path, texts: dict) -> list[str]:
    """Write ``texts`` into the translation file; the sources without a fitting entry.

    A key ``(context, source)`` translates ``source`` in that context only (Qt's own "Discard"
    button is «Не сохранять», our recovery box's «Отбросить»); a plain ``source`` in any."""
    tree = ET.parse(ts)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.find("name").text or ""
        missing += _fill_context(context, name, texts)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def _fill_context(context: ET.Element, name: str, texts: dict) -> list[str]:
    missing = []
    for message in context.iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation")
        value = texts.get((name, source), texts.get(source))
        forms = translation.findall("numerusform")
        if message.get("numerus") == "yes":
            if not isinstance(value, tuple) or len(value) != len(forms):
                missing.append(f"{source} ({len(forms)} plural forms)")
                continue
            for form, text in zip(forms, value):
                form.text = text
        elif isinstance(value, str):
            translation.text = value
        else:
            missing.append(source)
            continue
        translation.attrib.pop("type", None)
    return missing


def main() -> int:
    bin_dir = Path(sys.executable).parent
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py") if p.name not in NOT_OURS)
    missing = []
    # no source locations: line numbers would change the .ts at every edit of ui/
    for ts, qm, texts, extra in (
        (TS, QM, _all_russian(), ["-target-language", "ru_RU"]),
        (TS_EN, QM_EN, _all_english(), ["-target-language", "en_US", "-pluralonly"]),
    ):
        subprocess.run(
            [str(bin_dir / "pyside6-lupdate"), *sources, "-ts", str(ts), "-no-obsolete",
             "-locations", "none", "-silent", *extra],
            check=True,
        )
        missing += _fill(ts, texts)
        if not missing:
            # written beside it, then renamed over it: a running LTV Studio maps the old file,
            # and lrelease writing into it in place crashed that window (a segfault in QtCore)
            fresh = qm.with_suffix(".qm.new")
            subprocess.run(
                [str(bin_dir / "pyside6-lrelease"), str(ts), "-qm", str(fresh)], check=True
            )
            fresh.replace(qm)
    if missing:
        print("no translation for:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
