<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>ChartPanel</name>
    <message>
        <location filename="../../ui/chart_panel.py" line="67" />
        <location filename="../../ui/chart_panel.py" line="112" />
        <source>Charts are not available in this installation.</source>
        <translation>Графики недоступны в этой установке.</translation>
    </message>
</context>
<context>
    <name>ErrorHandler</name>
    <message>
        <location filename="../../ui/errors.py" line="53" />
        <source>Unexpected error</source>
        <translation>Непредвиденная ошибка</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="55" />
        <source>Something went wrong: {error}. Your work is still open. Save a copy to be safe?</source>
        <translation>Что-то пошло не так: {error}. Ваша работа по-прежнему открыта. Сохранить копию на всякий случай?</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="63" />
        <source>Details were written to {path}.</source>
        <translation>Подробности записаны в {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="69" />
        <source>Save a Copy…</source>
        <translation>Сохранить копию…</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="73" />
        <source>Continue</source>
        <translation>Продолжить</translation>
    </message>
</context>
<context>
    <name>ExplainPanel</name>
    <message>
        <location filename="../../ui/explain_panel.py" line="74" />
        <source>Explain</source>
        <translation>Пояснение</translation>
    </message>
    <message>
        <location filename="../../ui/explain_panel.py" line="78" />
        <source>Select a cell to see how its number is made: the formula with the numbers substituted.</source>
        <translation>Выберите ячейку, чтобы увидеть, как получено её число: формулу с подставленными значениями.</translation>
    </message>
    <message>
        <location filename="../../ui/explain_panel.py" line="87" />
        <source>Portfolio</source>
        <translation>Портфель</translation>
    </message>
    <message>
        <location filename="../../ui/explain_panel.py" line="92" />
        <source>This input is not summed across segments.</source>
        <translation>Этот показатель не суммируется по сегментам.</translation>
    </message>
    <message>
        <location filename="../../ui/explain_panel.py" line="99" />
        <source>(no name)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <location filename="../../ui/explain_panel.py" line="113" />
        <source>“{text}” cannot be read as a number; it is kept as typed and not used.</source>
        <translation>«{text}» не читается как число; сохранено как введено и не используется.</translation>
    </message>
    <message>
        <location filename="../../ui/explain_panel.py" line="123" />
        <source>Out of range ({range}); not used.</source>
        <translation>Вне допустимого диапазона ({range}); не используется.</translation>
    </message>
    <message>
        <location filename="../../ui/explain_panel.py" line="132" />
        <source>Empty. Metrics that need it are left empty with the reason.</source>
        <translation>Пусто. Показатели, которым нужно это значение, остаются пустыми с указанием причины.</translation>
    </message>
    <message>
        <location filename="../../ui/explain_panel.py" line="138" />
        <source>Valid range: {range}</source>
        <translation>Допустимый диапазон: {range}</translation>
    </message>
</context>
<context>
    <name>GridEditor</name>
    <message>
        <location filename="../../ui/editing.py" line="79" />
        <source>Segment</source>
        <translation>Сегмент</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="84" />
        <location filename="../../ui/editing.py" line="111" />
        <source>Paste</source>
        <translation>Вставка</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="92" />
        <source>{n} pasted cells could not be read as numbers; they are kept as typed and shown in red.</source>
        <translation>Вставленных ячеек, не прочитанных как число: {n}; они сохранены как введены и выделены красным.</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="116" />
        <source>Clear cells</source>
        <translation>Очистить ячейки</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="121" />
        <source>New segment</source>
        <translation>Новый сегмент</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="135" />
        <source>{name} (copy)</source>
        <translation>{name} (копия)</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="141" />
        <source>Duplicate segments</source>
        <translation>Копировать сегменты</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/import_dialog.py" line="216" />
        <source>Import segments — {file}</source>
        <translation>Импорт сегментов — {file}</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="241" />
        <source>Import</source>
        <translation>Импортировать</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="244" />
        <source>Sheet:</source>
        <translation>Лист:</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="245" />
        <source>Header row:</source>
        <translation>Строка заголовка:</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="246" />
        <source>Columns</source>
        <translation>Столбцы</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="248" />
        <source>Cells that could not be read</source>
        <translation>Ячейки, которые не удалось прочитать</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="353" />
        <source>Choose which column holds the segment names.</source>
        <translation>Выберите столбец с названиями сегментов.</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="359" />
        <source>Cells that could not be read: {n}</source>
        <translation>Ячейки, которые не удалось прочитать: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="364" />
        <source>{n} segments will be imported. Cells that could not be read are kept as typed and shown in red; fix them in the grid.</source>
        <translation>Будет импортировано сегментов: {n}. Непрочитанные ячейки сохранены как введены и выделены красным; исправьте их в таблице.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="306" />
        <source>&amp;New</source>
        <translation>&amp;Создать</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="307" />
        <source>&amp;Open…</source>
        <translation>&amp;Открыть…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308" />
        <source>&amp;Save</source>
        <translation>Со&amp;хранить</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309" />
        <source>Save &amp;As…</source>
        <translation>Сохранить &amp;как…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="310" />
        <source>Export &amp;Workbook…</source>
        <translation>Экспорт в &amp;книгу Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="311" />
        <source>Export &amp;PDF Report…</source>
        <translation>Экспорт отчёта в &amp;PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="312" />
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313" />
        <source>&amp;Copy</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="314" />
        <source>&amp;Paste</source>
        <translation>&amp;Вставить</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315" />
        <source>C&amp;lear Cells</source>
        <translation>&amp;Очистить ячейки</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316" />
        <source>&amp;Add Segment</source>
        <translation>&amp;Добавить сегмент</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317" />
        <source>D&amp;uplicate Segment</source>
        <translation>Д&amp;ублировать сегмент</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318" />
        <source>&amp;Delete Segment</source>
        <translation>&amp;Удалить сегмент</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319" />
        <source>Move Segment &amp;Up</source>
        <translation>Переместить сегмент &amp;вверх</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="320" />
        <source>Move Segment D&amp;own</source>
        <translation>Переместить сегмент в&amp;низ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321" />
        <source>&amp;Presentation Mode</source>
        <translation>Режим &amp;презентации</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="322" />
        <source>Zoom &amp;In Explanation</source>
        <translation>&amp;Увеличить пояснение</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323" />
        <source>Zoom &amp;Out Explanation</source>
        <translation>У&amp;меньшить пояснение</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="324" />
        <source>&amp;About LTV Studio</source>
        <translation>&amp;О программе LTV Studio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="325" />
        <source>Follow the &amp;System</source>
        <translation>Как в &amp;системе</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="331" />
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332" />
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="333" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="334" />
        <source>Open &amp;Recent</source>
        <translation>&amp;Недавние файлы</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="335" />
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="336" />
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="337" />
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="338" />
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="339" />
        <source> Basis: </source>
        <translation> Расчёт по: </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="340" />
        <source>profit</source>
        <translation>прибыль</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="341" />
        <source>revenue</source>
        <translation>выручка</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="343" />
        <source>The basis of LTV:CAC and payback: gross profit (CLV) or revenue (LTV).</source>
        <translation>Основа LTV:CAC и окупаемости: валовая прибыль (CLV) или выручка (LTV).</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="345" />
        <source> Currency: </source>
        <translation> Валюта: </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="346" />
        <source> CRR benchmark: </source>
        <translation> Ориентир CRR: </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="350" />
        <source>The retention rate against which CRR is judged.</source>
        <translation>Коэффициент удержания, с которым сравнивается CRR.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="351" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="363" />
        <location filename="../../ui/main_window.py" line="550" />
        <location filename="../../ui/main_window.py" line="843" />
        <source>Untitled</source>
        <translation>Без названия</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="485" />
        <source>Change CRR benchmark</source>
        <translation>Изменить ориентир CRR</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="555" />
        <source>Save the changes to “{name}”?</source>
        <translation>Сохранить изменения в «{name}»?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="578" />
        <source>Projects and tables ({patterns})</source>
        <translation>Проекты и таблицы ({patterns})</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="581" />
        <location filename="../../ui/main_window.py" line="647" />
        <location filename="../../ui/main_window.py" line="677" />
        <source>LTV Studio projects (*{suffix})</source>
        <translation>Проекты LTV Studio (*{suffix})</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="582" />
        <source>Spreadsheets ({patterns})</source>
        <translation>Электронные таблицы ({patterns})</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="583" />
        <source>All files (*)</source>
        <translation>Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="586" />
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="607" />
        <source>Opened {file}</source>
        <translation>Открыт {file}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="611" />
        <source>Reading {file}…</source>
        <translation>Чтение {file}…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="631" />
        <source>Imported {n} segments from {file}; {p} cells to check.</source>
        <translation>Импортировано сегментов из {file}: {n}; ячеек для проверки: {p}.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="645" />
        <source>Save As</source>
        <translation>Сохранить как</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="668" />
        <source>Saved {file}</source>
        <translation>Сохранён {file}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="675" />
        <source>Save a Copy</source>
        <translation>Сохранить копию</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="694" />
        <source>No recent files</source>
        <translation>Нет недавних файлов</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="698" />
        <source>Clear the List</source>
        <translation>Очистить список</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="710" />
        <source>Export Workbook</source>
        <translation>Экспорт в книгу Excel</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="710" />
        <source>Export PDF Report</source>
        <translation>Экспорт отчёта в PDF</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="712" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Книги Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="714" />
        <source>PDF documents (*.pdf)</source>
        <translation>Документы PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="729" />
        <source>Exported {file}</source>
        <translation>Экспортирован {file}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="731" />
        <source>{n} problems noted</source>
        <translation>замечаний: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="734" />
        <source>Writing {file}…</source>
        <translation>Запись {file}…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="745" />
        <source>Please wait: the previous task is still running.</source>
        <translation>Подождите: предыдущая задача ещё выполняется.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="748" />
        <location filename="../../ui/main_window.py" line="771" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="811" />
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="849" />
        <source>LTV Studio was closed unexpectedly. Unsaved changes to “{name}” were kept at {time}. Restore them?</source>
        <translation>LTV Studio была закрыта неожиданно. Несохранённые изменения в «{name}» сохранены в {time}. Восстановить их?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="854" />
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="855" />
        <source>Discard</source>
        <translation>Отбросить</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="864" />
        <source>Restored the unsaved changes.</source>
        <translation>Несохранённые изменения восстановлены.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="890" />
        <source>About LTV Studio</source>
        <translation>О программе LTV Studio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="892" />
        <source>LTV Studio: customer lifetime value, LTV:CAC, payback and retention for each segment, with every formula explained.</source>
        <translation>LTV Studio: пожизненная ценность клиента, LTV:CAC, окупаемость и удержание по каждому сегменту, с пояснением каждой формулы.</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <location filename="../../ui/import_dialog.py" line="77" />
        <source>Column in the file</source>
        <translation>Столбец в файле</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="78" />
        <source>First values</source>
        <translation>Первые значения</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="79" />
        <source>Read as</source>
        <translation>Читать как</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="104" />
        <location filename="../../ui/import_dialog.py" line="186" />
        <source>(not used)</source>
        <translation>(не используется)</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../../ui/import_dialog.py" line="162" />
        <source>Cell</source>
        <translation>Ячейка</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="163" />
        <source>As found</source>
        <translation>Как в файле</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="164" />
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
</context>
<context>
    <name>SegmentsTableModel</name>
    <message>
        <location filename="../../ui/segments_model.py" line="62" />
        <source>profit</source>
        <translation>прибыль</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="64" />
        <source>revenue</source>
        <translation>выручка</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="81" />
        <source>Valid range: {range}</source>
        <translation>Допустимый диапазон: {range}</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="86" />
        <source>Type 35 or 35% for 35 %.</source>
        <translation>Введите 35 или 35% для 35 %.</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="138" />
        <source>{words} (rule: {rule})</source>
        <translation>{words} (правило: {rule})</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="142" />
        <source>benchmark {value}</source>
        <translation>ориентир {value}</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="241" />
        <source>This column is computed; type into the white columns.</source>
        <translation>Этот столбец рассчитывается; вводите данные в белые столбцы.</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="252" />
        <source>A segment needs a name.</source>
        <translation>У сегмента должно быть название.</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="258" />
        <source>Another segment is already called “{name}”.</source>
        <translation>Сегмент «{name}» уже есть.</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="278" />
        <source>“{text}” is not read as a number: {why}.</source>
        <translation>«{text}» не читается как число: {why}.</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="291" />
        <source>{label} must be {range}; “{text}” is outside.</source>
        <translation>{label}: допустимо {range}; «{text}» вне диапазона.</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="325" />
        <source>“{text}” cannot be read as a number; it is kept as typed and not used. Type a number to replace it.</source>
        <translation>«{text}» не читается как число; сохранено как введено и не используется. Введите число, чтобы заменить.</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="331" />
        <source>Out of range ({range}); not used.</source>
        <translation>Вне допустимого диапазона ({range}); не используется.</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="479" />
        <source>Portfolio ({n})</source>
        <translation>Портфель ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="483" />
        <source>All segments together: customers summed, CAC and CRR pooled, LTV, CLV and net CLV weighted by customers.</source>
        <translation>Все сегменты вместе: клиенты суммируются, CAC и CRR считаются по сумме, LTV, CLV и чистый CLV взвешиваются по числу клиентов.</translation>
    </message>
    <message>
        <location filename="../../ui/segments_model.py" line="512" />
        <source>{n} of {total} segments left out: they lack what this needs</source>
        <translation>не учтено сегментов: {n} из {total} — в них нет нужных данных</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <location filename="../../ui/commands.py" line="18" />
        <source>Edit cell</source>
        <translation>Изменение ячейки</translation>
    </message>
    <message>
        <location filename="../../ui/commands.py" line="38" />
        <source>Edit cells</source>
        <translation>Изменение ячеек</translation>
    </message>
    <message>
        <location filename="../../ui/commands.py" line="56" />
        <source>Add segment</source>
        <translation>Добавление сегмента</translation>
    </message>
    <message>
        <location filename="../../ui/commands.py" line="70" />
        <source>Delete segments</source>
        <translation>Удаление сегментов</translation>
    </message>
    <message>
        <location filename="../../ui/commands.py" line="86" />
        <source>Move segment</source>
        <translation>Перемещение сегмента</translation>
    </message>
    <message>
        <location filename="../../ui/commands.py" line="100" />
        <source>Change setting</source>
        <translation>Изменение настройки</translation>
    </message>
</context>
</TS>