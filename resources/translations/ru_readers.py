"""The window's counts of what reading found and pasting kept, in every plural form.

A source text with ``%Ln`` is a count (Qt's plural): Russian gives three forms (one, few,
many: 1 ячейку, 2 ячейки, 5 ячеек), English two (``EN``: 1 cell, 2 cells), so that no message
says "1 cells".
"""

RU = {
    "Imported %Ln segment(s) from {file}.": (
        "Импортирован %Ln сегмент из {file}.",
        "Импортировано %Ln сегмента из {file}.",
        "Импортировано %Ln сегментов из {file}.",
    ),
    "%Ln cell(s) could not be read: shown in red, the tooltip says why.": (
        "%Ln ячейку не удалось прочитать: она выделена красным, подсказка объясняет почему.",
        "%Ln ячейки не удалось прочитать: они выделены красным, подсказка объясняет почему.",
        "%Ln ячеек не удалось прочитать: они выделены красным, подсказка объясняет почему.",
    ),
    "%Ln problem(s) noted": ("%Ln замечание", "%Ln замечания", "%Ln замечаний"),
    "%Ln new segment(s) added below.": (
        "Внизу добавлен %Ln новый сегмент.",
        "Внизу добавлены %Ln новых сегмента.",
        "Внизу добавлено %Ln новых сегментов.",
    ),
    (
        "%Ln pasted cell(s) could not be read as numbers: kept as typed and shown in red (the "
        "tooltip says why)."
    ): (
        "%Ln вставленную ячейку не удалось прочитать как число: она сохранена как введена и "
        "выделена красным (подсказка объясняет почему).",
        "%Ln вставленные ячейки не удалось прочитать как числа: они сохранены как введены и "
        "выделены красным (подсказка объясняет почему).",
        "%Ln вставленных ячеек не удалось прочитать как числа: они сохранены как введены и "
        "выделены красным (подсказка объясняет почему).",
    ),
    "%Ln value(s) unusually large (marked “!”): used as they are; check them.": (
        "%Ln значение необычно велико (отмечено «!») и используется как есть — проверьте его.",
        "%Ln значения необычно велики (отмечены «!») и используются как есть — проверьте их.",
        "%Ln значений необычно велики (отмечены «!») и используются как есть — проверьте их.",
    ),
    "%Ln pasted value(s) unusually large (marked “!”): used as they are; check them.": (
        "%Ln вставленное значение необычно велико (отмечено «!») и используется как есть — "
        "проверьте его.",
        "%Ln вставленных значения необычно велики (отмечены «!») и используются как есть — "
        "проверьте их.",
        "%Ln вставленных значений необычно велики (отмечены «!») и используются как есть — "
        "проверьте их.",
    ),
    "%Ln pasted value(s) out of range: kept, shown in red and not used.": (
        "%Ln вставленное значение вне диапазона: оно сохранено, выделено красным и не "
        "используется.",
        "%Ln вставленных значения вне диапазона: они сохранены, выделены красным и не "
        "используются.",
        "%Ln вставленных значений вне диапазона: они сохранены, выделены красным и не "
        "используются.",
    ),
    "%Ln cell(s) fell on computed or unknown columns and were not pasted.": (
        "%Ln ячейка попала на вычисляемый или неизвестный столбец и не вставлена.",
        "%Ln ячейки попали на вычисляемые или неизвестные столбцы и не вставлены.",
        "%Ln ячеек попали на вычисляемые или неизвестные столбцы и не вставлены.",
    ),
    "%Ln cell(s) keep “{text}” as typed, shown in red: {why}.": (
        "%Ln ячейка сохраняет «{text}» как введено, выделена красным: {why}.",
        "%Ln ячейки сохраняют «{text}» как введено, выделены красным: {why}.",
        "%Ln ячеек сохраняют «{text}» как введено, выделены красным: {why}.",
    ),
    (
        "%Ln segment(s) will be imported. Cells that could not be read are kept as typed and "
        "shown in red; fix them in the grid."
    ): (
        "Будет импортирован %Ln сегмент. Непрочитанные ячейки сохранены как введены и "
        "выделены красным; исправьте их в таблице.",
        "Будут импортированы %Ln сегмента. Непрочитанные ячейки сохранены как введены и "
        "выделены красным; исправьте их в таблице.",
        "Будет импортировано %Ln сегментов. Непрочитанные ячейки сохранены как введены и "
        "выделены красным; исправьте их в таблице.",
    ),
    "%Ln segment(s) will be imported.": (
        "Будет импортирован %Ln сегмент.",
        "Будут импортированы %Ln сегмента.",
        "Будет импортировано %Ln сегментов.",
    ),
}

EN = {
    "Imported %Ln segment(s) from {file}.": (
        "Imported %Ln segment from {file}.",
        "Imported %Ln segments from {file}.",
    ),
    "%Ln cell(s) could not be read: shown in red, the tooltip says why.": (
        "%Ln cell could not be read: it is shown in red, its tooltip says why.",
        "%Ln cells could not be read: they are shown in red, their tooltips say why.",
    ),
    "%Ln problem(s) noted": ("%Ln problem noted", "%Ln problems noted"),
    "%Ln new segment(s) added below.": (
        "%Ln new segment added below.",
        "%Ln new segments added below.",
    ),
    (
        "%Ln pasted cell(s) could not be read as numbers: kept as typed and shown in red (the "
        "tooltip says why)."
    ): (
        "%Ln pasted cell could not be read as a number; it is kept as typed and shown in red "
        "(the tooltip says why).",
        "%Ln pasted cells could not be read as numbers; they are kept as typed and shown in "
        "red (the tooltip says why).",
    ),
    "%Ln pasted value(s) out of range: kept, shown in red and not used.": (
        "%Ln pasted value is out of range; it is kept, shown in red and not used.",
        "%Ln pasted values are out of range; they are kept, shown in red and not used.",
    ),
    "%Ln value(s) unusually large (marked “!”): used as they are; check them.": (
        "%Ln value is unusually large (marked “!”); it is used as it is: check it.",
        "%Ln values are unusually large (marked “!”); they are used as they are: check them.",
    ),
    "%Ln pasted value(s) unusually large (marked “!”): used as they are; check them.": (
        "%Ln pasted value is unusually large (marked “!”); it is used as it is: check it.",
        "%Ln pasted values are unusually large (marked “!”); they are used as they are: check "
        "them.",
    ),
    "%Ln cell(s) fell on computed or unknown columns and were not pasted.": (
        "%Ln cell fell on a computed or unknown column and was not pasted.",
        "%Ln cells fell on computed or unknown columns and were not pasted.",
    ),
    "%Ln cell(s) keep “{text}” as typed, shown in red: {why}.": (
        "%Ln cell keeps “{text}” as typed, shown in red: {why}.",
        "%Ln cells keep “{text}” as typed, shown in red: {why}.",
    ),
    (
        "%Ln segment(s) will be imported. Cells that could not be read are kept as typed and "
        "shown in red; fix them in the grid."
    ): (
        "%Ln segment will be imported. Cells that could not be read are kept as typed and "
        "shown in red; fix them in the grid.",
        "%Ln segments will be imported. Cells that could not be read are kept as typed and "
        "shown in red; fix them in the grid.",
    ),
    "%Ln segment(s) will be imported.": (
        "%Ln segment will be imported.",
        "%Ln segments will be imported.",
    ),
}
