<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>ChartPanel</name>
    <message>
        <source>Charts are not available in this installation.</source>
        <translation>Графики недоступны в этой установке.</translation>
    </message>
    <message>
        <source>LTV:CAC</source>
        <translation>LTV:CAC</translation>
    </message>
    <message>
        <source>Segments by LTV:CAC, with the lines of 1:1 and 3:1</source>
        <translation>Сегменты по LTV:CAC, с линиями 1:1 и 3:1</translation>
    </message>
    <message>
        <source>{value} and CAC</source>
        <translation>{value} и CAC</translation>
    </message>
    <message>
        <source>The two sides of the ratio per segment: CLV (LTV on the revenue basis) and CAC</source>
        <translation>Обе стороны отношения по сегментам: CLV (LTV при расчёте по выручке) и CAC</translation>
    </message>
</context>
<context>
    <name>ErrorHandler</name>
    <message>
        <source>Unexpected error</source>
        <translation>Непредвиденная ошибка</translation>
    </message>
    <message>
        <source>Something went wrong: {error}. Your work is still open. Save a copy to be safe?</source>
        <translation>Что-то пошло не так: {error}. Ваша работа по-прежнему открыта. Сохранить копию на всякий случай?</translation>
    </message>
    <message>
        <source>Details were written to {path}.</source>
        <translation>Подробности записаны в {path}.</translation>
    </message>
    <message>
        <source>Save a Copy…</source>
        <translation>Сохранить копию…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Продолжить</translation>
    </message>
</context>
<context>
    <name>ExplainPanel</name>
    <message>
        <source>Explain</source>
        <translation>Пояснение</translation>
    </message>
    <message>
        <source>Select a cell to see how its number is made: the formula with the numbers substituted.</source>
        <translation>Выберите ячейку, чтобы увидеть, как получено её число: формулу с подставленными значениями.</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Портфель</translation>
    </message>
    <message>
        <source>This input is not summed across segments.</source>
        <translation>Этот показатель не суммируется по сегментам.</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <source>“{text}” cannot be read as a number; it is kept as typed and not used.</source>
        <translation>«{text}» не читается как число; сохранено как введено и не используется.</translation>
    </message>
    <message>
        <source>Out of range ({range}); not used.</source>
        <translation>Вне допустимого диапазона ({range}); не используется.</translation>
    </message>
    <message>
        <source>Empty. Metrics that need it are left empty with the reason.</source>
        <translation>Пусто. Показатели, которым нужно это значение, остаются пустыми с указанием причины.</translation>
    </message>
    <message>
        <source>Valid range: {range}</source>
        <translation>Допустимый диапазон: {range}</translation>
    </message>
</context>
<context>
    <name>GridEditor</name>
    <message>
        <source>Segment</source>
        <translation>Сегмент</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Вставка</translation>
    </message>
    <message>
        <source>{n} pasted cells could not be read as numbers; they are kept as typed and shown in red.</source>
        <translation>Вставленных ячеек, не прочитанных как число: {n}; они сохранены как введены и выделены красным.</translation>
    </message>
    <message>
        <source>Clear cells</source>
        <translation>Очистить ячейки</translation>
    </message>
    <message>
        <source>New segment</source>
        <translation>Новый сегмент</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name} (копия)</translation>
    </message>
    <message>
        <source>Duplicate segments</source>
        <translation>Копировать сегменты</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import segments — {file}</source>
        <translation>Импорт сегментов — {file}</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Импортировать</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Лист:</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>Строка заголовка:</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Столбцы</translation>
    </message>
    <message>
        <source>Cells that could not be read</source>
        <translation>Ячейки, которые не удалось прочитать</translation>
    </message>
    <message>
        <source>Choose which column holds the segment names.</source>
        <translation>Выберите столбец с названиями сегментов.</translation>
    </message>
    <message>
        <source>Cells that could not be read: {n}</source>
        <translation>Ячейки, которые не удалось прочитать: {n}</translation>
    </message>
    <message>
        <source>{n} segments will be imported. Cells that could not be read are kept as typed and shown in red; fix them in the grid.</source>
        <translation>Будет импортировано сегментов: {n}. Непрочитанные ячейки сохранены как введены и выделены красным; исправьте их в таблице.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Создать</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Открыть…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>Со&amp;хранить</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Сохранить &amp;как…</translation>
    </message>
    <message>
        <source>Export &amp;Workbook…</source>
        <translation>Экспорт в &amp;книгу Excel…</translation>
    </message>
    <message>
        <source>Export &amp;PDF Report…</source>
        <translation>Экспорт отчёта в &amp;PDF…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Вставить</translation>
    </message>
    <message>
        <source>C&amp;lear Cells</source>
        <translation>&amp;Очистить ячейки</translation>
    </message>
    <message>
        <source>&amp;Add Segment</source>
        <translation>&amp;Добавить сегмент</translation>
    </message>
    <message>
        <source>D&amp;uplicate Segment</source>
        <translation>Д&amp;ублировать сегмент</translation>
    </message>
    <message>
        <source>&amp;Delete Segment</source>
        <translation>&amp;Удалить сегмент</translation>
    </message>
    <message>
        <source>Move Segment &amp;Up</source>
        <translation>Переместить сегмент &amp;вверх</translation>
    </message>
    <message>
        <source>Move Segment D&amp;own</source>
        <translation>Переместить сегмент в&amp;низ</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>Режим &amp;презентации</translation>
    </message>
    <message>
        <source>Zoom &amp;In Explanation</source>
        <translation>&amp;Увеличить пояснение</translation>
    </message>
    <message>
        <source>Zoom &amp;Out Explanation</source>
        <translation>У&amp;меньшить пояснение</translation>
    </message>
    <message>
        <source>&amp;About LTV Studio</source>
        <translation>&amp;О программе LTV Studio</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>Как в &amp;системе</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Недавние файлы</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source> Basis: </source>
        <translation> Расчёт по: </translation>
    </message>
    <message>
        <source>profit</source>
        <translation>прибыль</translation>
    </message>
    <message>
        <source>revenue</source>
        <translation>выручка</translation>
    </message>
    <message>
        <source>The basis of LTV:CAC and payback: gross profit (CLV) or revenue (LTV).</source>
        <translation>Основа LTV:CAC и окупаемости: валовая прибыль (CLV) или выручка (LTV).</translation>
    </message>
    <message>
        <source> Currency: </source>
        <translation> Валюта: </translation>
    </message>
    <message>
        <source> CRR benchmark: </source>
        <translation> Ориентир CRR: </translation>
    </message>
    <message>
        <source>The retention rate against which CRR is judged.</source>
        <translation>Коэффициент удержания, с которым сравнивается CRR.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Без названия</translation>
    </message>
    <message>
        <source>Change CRR benchmark</source>
        <translation>Изменить ориентир CRR</translation>
    </message>
    <message>
        <source>Save the changes to “{name}”?</source>
        <translation>Сохранить изменения в «{name}»?</translation>
    </message>
    <message>
        <source>Projects and tables ({patterns})</source>
        <translation>Проекты и таблицы ({patterns})</translation>
    </message>
    <message>
        <source>LTV Studio projects (*{suffix})</source>
        <translation>Проекты LTV Studio (*{suffix})</translation>
    </message>
    <message>
        <source>Spreadsheets ({patterns})</source>
        <translation>Электронные таблицы ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Все файлы (*)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Opened {file}</source>
        <translation>Открыт {file}</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Чтение {file}…</translation>
    </message>
    <message>
        <source>Imported {n} segments from {file}; {p} cells to check.</source>
        <translation>Импортировано сегментов из {file}: {n}; ячеек для проверки: {p}.</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Сохранить как</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>Сохранён {file}</translation>
    </message>
    <message>
        <source>Save a Copy</source>
        <translation>Сохранить копию</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>Нет недавних файлов</translation>
    </message>
    <message>
        <source>Clear the List</source>
        <translation>Очистить список</translation>
    </message>
    <message>
        <source>Export Workbook</source>
        <translation>Экспорт в книгу Excel</translation>
    </message>
    <message>
        <source>Export PDF Report</source>
        <translation>Экспорт отчёта в PDF</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Книги Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Документы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Exported {file}</source>
        <translation>Экспортирован {file}</translation>
    </message>
    <message>
        <source>{n} problems noted</source>
        <translation>замечаний: {n}</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>Запись {file}…</translation>
    </message>
    <message>
        <source>Please wait: the previous task is still running.</source>
        <translation>Подождите: предыдущая задача ещё выполняется.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <source>LTV Studio was closed unexpectedly. Unsaved changes to “{name}” were kept at {time}. Restore them?</source>
        <translation>LTV Studio была закрыта неожиданно. Несохранённые изменения в «{name}» сохранены в {time}. Восстановить их?</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Отбросить</translation>
    </message>
    <message>
        <source>Restored the unsaved changes.</source>
        <translation>Несохранённые изменения восстановлены.</translation>
    </message>
    <message>
        <source>About LTV Studio</source>
        <translation>О программе LTV Studio</translation>
    </message>
    <message>
        <source>LTV Studio: customer lifetime value, LTV:CAC, payback and retention for each segment, with every formula explained.</source>
        <translation>LTV Studio: пожизненная ценность клиента, LTV:CAC, окупаемость и удержание по каждому сегменту, с пояснением каждой формулы.</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <source>Column in the file</source>
        <translation>Столбец в файле</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>Первые значения</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>Читать как</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>(не используется)</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>Cell</source>
        <translation>Ячейка</translation>
    </message>
    <message>
        <source>As found</source>
        <translation>Как в файле</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
</context>
<context>
    <name>SegmentsTableModel</name>
    <message>
        <source>profit</source>
        <translation>прибыль</translation>
    </message>
    <message>
        <source>revenue</source>
        <translation>выручка</translation>
    </message>
    <message>
        <source>Valid range: {range}</source>
        <translation>Допустимый диапазон: {range}</translation>
    </message>
    <message>
        <source>Type 35 or 35% for 35 %.</source>
        <translation>Введите 35 или 35% для 35 %.</translation>
    </message>
    <message>
        <source>{words} (rule: {rule})</source>
        <translation>{words} (правило: {rule})</translation>
    </message>
    <message>
        <source>benchmark {value}</source>
        <translation>ориентир {value}</translation>
    </message>
    <message>
        <source>This column is computed; type into the white columns.</source>
        <translation>Этот столбец рассчитывается; вводите данные в белые столбцы.</translation>
    </message>
    <message>
        <source>A segment needs a name.</source>
        <translation>У сегмента должно быть название.</translation>
    </message>
    <message>
        <source>Another segment is already called “{name}”.</source>
        <translation>Сегмент «{name}» уже есть.</translation>
    </message>
    <message>
        <source>“{text}” is not read as a number: {why}.</source>
        <translation>«{text}» не читается как число: {why}.</translation>
    </message>
    <message>
        <source>{label} must be {range}; “{text}” is outside.</source>
        <translation>{label}: допустимо {range}; «{text}» вне диапазона.</translation>
    </message>
    <message>
        <source>“{text}” cannot be read as a number; it is kept as typed and not used. Type a number to replace it.</source>
        <translation>«{text}» не читается как число; сохранено как введено и не используется. Введите число, чтобы заменить.</translation>
    </message>
    <message>
        <source>Out of range ({range}); not used.</source>
        <translation>Вне допустимого диапазона ({range}); не используется.</translation>
    </message>
    <message>
        <source>Portfolio ({n})</source>
        <translation>Портфель ({n})</translation>
    </message>
    <message>
        <source>All segments together: customers summed, CAC and CRR pooled, LTV, CLV and net CLV weighted by customers.</source>
        <translation>Все сегменты вместе: клиенты суммируются, CAC и CRR считаются по сумме, LTV, CLV и чистый CLV взвешиваются по числу клиентов.</translation>
    </message>
    <message>
        <source>{n} of {total} segments left out: they lack what this needs</source>
        <translation>не учтено сегментов: {n} из {total} — в них нет нужных данных</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <source>Edit cell</source>
        <translation>Изменение ячейки</translation>
    </message>
    <message>
        <source>Edit cells</source>
        <translation>Изменение ячеек</translation>
    </message>
    <message>
        <source>Add segment</source>
        <translation>Добавление сегмента</translation>
    </message>
    <message>
        <source>Delete segments</source>
        <translation>Удаление сегментов</translation>
    </message>
    <message>
        <source>Move segment</source>
        <translation>Перемещение сегмента</translation>
    </message>
    <message>
        <source>Change setting</source>
        <translation>Изменение настройки</translation>
    </message>
</context>
</TS>