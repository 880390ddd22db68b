"""Russian texts of the what-if panel, the tornado chart and the scenarios; merged by update.py."""

RU = {
    # WhatIfPanel
    "What-if": "Что если",
    "What-if — {segment}": "Что если — {segment}",
    "Target:": "Цель:",
    "Pick a value or type your own": "Выберите значение или введите своё",
    "Select a segment to see what each input would have to be to reach the target, and which "
    "input moves it most.": (
        "Выберите сегмент, чтобы увидеть, каким должен быть каждый показатель для достижения "
        "цели и какой из них влияет сильнее всего."
    ),
    "(no name)": "(без названия)",
    "Type a number above 0.": "Введите число больше 0.",
    "Now: {metric} {value}": "Сейчас: {metric} {value}",
    "Apply": "Применить",
    "reaches {value}": "даёт {value}",
    "Set {changes} (one step: Ctrl+Z undoes it)": (
        "Установить {changes} (один шаг: Ctrl+Z отменяет)"
    ),
    "{input} to {value}": "«{input}» = {value}",
    "Already {value}": "Уже {value}",
    "{title}: {metric} has no value yet — {reason}": (
        "{title}: у {metric} пока нет значения — {reason}"
    ),
    "Which input moves {metric} most (each ±10 %)": (
        "Какой показатель сильнее всего меняет {metric} (каждый ±10 %)"
    ),
    "now {value}": "сейчас {value}",
    "now: never": "сейчас: никогда",
    "never": "никогда",
    "input −10 %": "показатель −10 %",
    "input +10 %": "показатель +10 %",
    "What-if: {input}": "Что если: {input}",
    # ScenariosPanel, ScenarioBar, ComparisonModel
    "Scenarios": "Сценарии",
    "Base": "База",
    "Base inputs": "Базовые данные",
    "Scenario “{name}”": "Сценарий «{name}»",
    "Base (as typed)": "База (как введено)",
    "New scenario (a copy of the base)…": "Новый сценарий (копия базы)…",
    "Which inputs the grid shows and edits: the base, or a scenario — a named copy of the "
    "inputs to try changes on.": (
        "Какие исходные данные показаны и редактируются в таблице: база или сценарий — "
        "именованная копия данных, чтобы пробовать изменения."
    ),
    "A scenario is a named copy of the inputs to try changes on (“Prices +10 %”). The grid "
    "shows the one chosen on the toolbar; edit it like the base.": (
        "Сценарий — именованная копия исходных данных, чтобы пробовать изменения («Цены +10 %»). "
        "Таблица показывает выбранный на панели инструментов; редактируйте его как базу."
    ),
    "New": "Новый",
    "A copy of the base's inputs under a new name": "Копия исходных данных базы под новым именем",
    "Rename": "Переименовать",
    "Delete": "Удалить",
    "Show": "Показать",
    "Show and edit it in the grid": "Показать и редактировать в таблице",
    "Compared with the base:": "Сравнение с базой:",
    "Portfolio": "Портфель",
    "Figure": "Показатель",
    "Scenario": "Сценарий",
    "Difference": "Разница",
    "{change} against the base": "{change} к базе",
    # scenario_commands
    "New scenario “{name}”": "Новый сценарий «{name}»",
    "Rename scenario “{name}”": "Переименование сценария «{name}»",
    "Delete scenario “{name}”": "Удаление сценария «{name}»",
    "Scenario {n}": "Сценарий {n}",
}
