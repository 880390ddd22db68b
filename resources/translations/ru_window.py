"""Russian texts of the window's shell: layout, strip, formula line, banners, paste, import."""

RU = {
    # actions and menus
    "Cu&t": "Вы&резать",
    "E&xamples": "&Примеры",
    "project": "проект",
    "copy": "копия",
    "report": "отчёт",
    "Online Shop: a Log of &Orders": "Интернет-магазин: журнал &заказов",
    "Coffee Shop: &Segments": "Кофейня: &сегменты",
    "The &Worked Examples of the Formulas": "&Примеры расчёта по формулам",
    "Customers Left Year by Year: the &Retention Curve": (
        "Клиенты, оставшиеся по годам: &кривая удержания"
    ),
    "Opened the example {name}. Save asks where to keep your copy.": (
        "Открыт пример: {name}. «Сохранить» спросит, куда положить вашу копию."
    ),
    "Select &All": "Выделить &всё",
    "&Explain Panel": "&Панель пояснений",
    "Zoom &In": "&Крупнее",
    "Zoom &Out": "&Мельче",
    "Show or hide the side panel: the selected cell explained at length": (
        "Показать или скрыть боковую панель: подробное пояснение выбранной ячейки"
    ),
    "&Columns": "&Столбцы",
    "Segments": "Сегменты",
    "View": "Вид",
    "Add": "Добавить",
    "Duplicate": "Дублировать",
    "Delete": "Удалить",
    "Explain": "Пояснения",
    "&What-if: How to Reach the Target": "&Что если: как достичь цели",
    "E&xplain This Cell": "&Пояснить эту ячейку",
    "{file} holds customers left period by period, not segments: it is opened in the "
    "Retention curve tab.": (
        "В {file} не сегменты, а число оставшихся клиентов по периодам: файл открыт на вкладке "
        "«Кривая удержания»."
    ),
    "Present": "Презентация",
    # banners
    "Close this message": "Закрыть сообщение",
    "Presentation mode: F11 or Esc returns to the normal window.": (
        "Режим презентации: F11 или Esc возвращают обычное окно."
    ),
    # panels and column groups
    "Charts": "Графики",
    "Results": "Результаты",
    "Inputs": "Исходные данные",
    "More results": "Другие показатели",
    "Show the “{group}” columns": "Показать столбцы «{group}»",
    "Fold the “{group}” columns": "Свернуть столбцы «{group}»",
    "Folded": "Свёрнуто",
    "Show the folded columns: {groups}": "Показать свёрнутые столбцы: {groups}",
    "Portfolio · %Ln segment(s)": ("Портфель · сегментов: %Ln",) * 3,
    "* Left out of the portfolio: {parts}": "* Не учтены в портфеле: {parts}",
    "{figures}: {n} of {total} segments": "{figures}: сегментов {n} из {total}",
    # Qt's file dialog (ui/qt_words.py): words its Russian catalogue lacks
    "&Look in:": "&Перейти к:",
    ("QPlatformTheme", "Discard"): "Не сохранять",
    "Files of &type:": "&Типы файлов:",
    "{label}: not summed across segments.": "{label}: не суммируется по сегментам.",
    "Exactly {value}": "Точно {value}",
    "Empty: the lifetime comes from CRR: {formula}": "Пусто: срок жизни берётся из CRR: {formula}",
    "▴ Charts": "▴ Графики",
    "The window is too low for the charts under the grid's rows: show them (the grid then "
    "scrolls). They come back by themselves when the window is taller.": (
        "Окно слишком низкое для графиков под строками таблицы: показать их (таблица тогда "
        "прокручивается). Они вернутся сами, когда окно станет выше."
    ),
    "Not summed across segments.": "Не суммируется по сегментам.",
    (
        "All segments together: customers, spend and new customers summed, CAC and CRR pooled, "
        "the other figures weighted by customers. A figure marked * left out the segments that "
        "lack what it needs; its tooltip names them."
    ): (
        "Все сегменты вместе: клиенты, расходы и новые клиенты сложены, CAC и CRR общие, "
        "остальное — средневзвешенное по числу клиентов. Число со звёздочкой * не учитывает "
        "сегменты, где нет нужных данных; подсказка называет их."
    ),
    # cells
    "Type 35, 35% or 0.35 for 35 %.": "Введите 35, 35% или 0,35 — это 35 %.",
    "“{text}” is kept as typed and not used: {why}.": (
        "«{text}» сохранено как введено и не используется: {why}."
    ),
    # files
    "Open file": "Открыть файл",
    "Show folder": "Показать папку",
    # paste
    "The first row held column names ({names}): each column went under its name.": (
        "В первой строке были названия столбцов ({names}): каждый столбец вставлен под своё "
        "название."
    ),
    "“{column}” is computed: select a white (input) cell to paste into.": (
        "«{column}» вычисляется: чтобы вставить, выберите белую ячейку (исходные данные)."
    ),
    "The portfolio row is computed from the segments above: type or paste into a segment's "
    "white (input) cells.": (
        "Строка портфеля вычисляется по сегментам выше: вводите и вставляйте числа в белые "
        "ячейки сегментов (исходные данные)."
    ),
    "“{column}” is computed: type into the white (input) columns.": (
        "«{column}» вычисляется: вводите числа в белые столбцы (исходные данные)."
    ),
    # import preview
    "Stop reading": "Остановить чтение",
    "Reading the table…": "Читается таблица…",
    "Reading was stopped. Change the mapping or the header row to read again.": (
        "Чтение остановлено. Измените сопоставление столбцов или строку заголовка, чтобы "
        "прочитать снова."
    ),
}


#: English forms of the counts above (``%Ln``: 1 segment, 2 segments).
EN = {
    "Portfolio · %Ln segment(s)": ("Portfolio · %Ln segment", "Portfolio · %Ln segments"),
}
