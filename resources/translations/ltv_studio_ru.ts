<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;New</source>
        <extracomment>File ▸ Examples, in the menu's order (``core.paths.example`` finds their files)</extracomment>
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
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Вы&amp;резать</translation>
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
        <source>Select &amp;All</source>
        <translation>Выделить &amp;всё</translation>
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
        <source>&amp;Explain Panel</source>
        <translation>&amp;Панель пояснений</translation>
    </message>
    <message>
        <source>&amp;What-if: How to Reach the Target</source>
        <translation>&amp;Что если: как достичь цели</translation>
    </message>
    <message>
        <source>E&amp;xplain This Cell</source>
        <translation>&amp;Пояснить эту ячейку</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>Режим &amp;презентации</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Крупнее</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>&amp;Мельче</translation>
    </message>
    <message>
        <source>&amp;About LTV Studio</source>
        <translation>&amp;О программе LTV Studio</translation>
    </message>
    <message>
        <source>Online Shop: a Log of &amp;Orders</source>
        <translation>Интернет-магазин: журнал &amp;заказов</translation>
    </message>
    <message>
        <source>Coffee Shop: &amp;Segments</source>
        <translation>Кофейня: &amp;сегменты</translation>
    </message>
    <message>
        <source>Customers Left Year by Year: the &amp;Retention Curve</source>
        <translation>Клиенты, оставшиеся по годам: &amp;кривая удержания</translation>
    </message>
    <message>
        <source>The &amp;Worked Examples of the Formulas</source>
        <translation>&amp;Примеры расчёта по формулам</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>Как в &amp;системе</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Дублировать</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>Пояснения</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>Что если</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Презентация</translation>
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
        <source>E&amp;xamples</source>
        <translation>&amp;Примеры</translation>
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
        <source>&amp;Columns</source>
        <translation>&amp;Столбцы</translation>
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
        <source>Segments</source>
        <translation>Сегменты</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Close this message</source>
        <extracomment>how long info and success banners stay, in milliseconds the most lines of words a banner shows at once; a longer message scrolls</extracomment>
        <translation>Закрыть сообщение</translation>
    </message>
</context>
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
    <name>ChartsTab</name>
    <message>
        <source>Charts</source>
        <translation>Графики</translation>
    </message>
</context>
<context>
    <name>CohortsPanel</name>
    <message>
        <source>Classic retention: buying in month k</source>
        <translation>Классическое удержание: покупали в месяц k</translation>
    </message>
    <message>
        <source>Rolling retention: buying in month k or later</source>
        <translation>Скользящее удержание: покупали в месяц k или позже</translation>
    </message>
    <message>
        <source>Revenue per customer to month k</source>
        <translation>Выручка на клиента к месяцу k</translation>
    </message>
    <message>
        <source>Cohorts</source>
        <translation>Когорты</translation>
    </message>
    <message>
        <source>The cohorts of an order log appear here: open a log of orders (File ▸ Open) — a table with a customer, an order date and an amount.</source>
        <translation>Здесь появляются когорты журнала заказов: откройте журнал (Файл ▸ Открыть) — таблицу с клиентом, датой заказа и суммой.</translation>
    </message>
    <message numerus="yes">
        <source>{cohort} · %Ln customer(s)</source>
        <translation>
            <numerusform>{cohort} · %Ln клиент</numerusform>
            <numerusform>{cohort} · %Ln клиента</numerusform>
            <numerusform>{cohort} · %Ln клиентов</numerusform>
        </translation>
    </message>
    <message>
        <source>Month 0 is the month of the first purchase; months up to {end}, from {file}.</source>
        <translation>Месяц 0 — месяц первой покупки; месяцы по {end}, из {file}.</translation>
    </message>
    <message>
        <source>{text} of the {cohort} cohort bought in month {k}</source>
        <translation>{text} когорты {cohort} покупали в месяц {k}</translation>
    </message>
    <message>
        <source>{text} of the {cohort} cohort bought in month {k} or later</source>
        <translation>{text} когорты {cohort} покупали в месяц {k} или позже</translation>
    </message>
    <message>
        <source>{text} per customer of the {cohort} cohort by month {k}</source>
        <translation>{text} на клиента когорты {cohort} к месяцу {k}</translation>
    </message>
</context>
<context>
    <name>ColumnGroup</name>
    <message>
        <source>Results</source>
        <extracomment>``source(doc, row, key, lang) -&gt; Cell``: where a group's computed cells come from. ``portfolio(doc, key, lang) -&gt; Cell | None``: a group's figure for the whole business. ``explain(doc, row, key, lang, fmt) -&gt; str``: the formula line's words for a group's cell.</extracomment>
        <translation>Результаты</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Исходные данные</translation>
    </message>
    <message>
        <source>More results</source>
        <translation>Другие показатели</translation>
    </message>
    <message>
        <source>Customer model</source>
        <extracomment>the key of ``Project.orders`` (the project file's ``"orders"``) that keeps the fit's figures: ``core.models.report.MODEL_KEY``, not imported here (the models load with the fit)</extracomment>
        <translation>Модель клиентов</translation>
    </message>
</context>
<context>
    <name>ColumnGroupBar</name>
    <message>
        <source>Show the “{group}” columns</source>
        <translation>Показать столбцы «{group}»</translation>
    </message>
    <message>
        <source>Folded</source>
        <translation>Свёрнуто</translation>
    </message>
    <message>
        <source>Show the folded columns: {groups}</source>
        <translation>Показать свёрнутые столбцы: {groups}</translation>
    </message>
</context>
<context>
    <name>ComparisonModel</name>
    <message>
        <source>Figure</source>
        <extracomment>``note(name, key, value, fmt)``: where input ``key``'s ``value`` of segment ``name`` came from the columns: what, the base, the scenario, the difference</extracomment>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>База</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Сценарий</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Разница</translation>
    </message>
    <message>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <source>{change} against the base</source>
        <translation>{change} к базе</translation>
    </message>
</context>
<context>
    <name>CustomerModels</name>
    <message>
        <source>LTV, CLV and CAC come from the formulas and do not depend on them.</source>
        <translation>LTV, CLV и CAC считаются по формулам и от моделей не зависят.</translation>
    </message>
    <message>
        <source>The customer models were not fitted: the fit was cancelled.</source>
        <translation>Модели клиентов не подобраны: подбор отменён.</translation>
    </message>
    <message>
        <source>Fit the Models</source>
        <translation>Подобрать модели</translation>
    </message>
    <message>
        <source>Fitting the customer models…</source>
        <translation>Подбор моделей клиентов…</translation>
    </message>
    <message>
        <source>open an order log: the models are fitted to its customers</source>
        <translation>откройте журнал заказов: модели подбираются по его клиентам</translation>
    </message>
    <message>
        <source>no customers of this name in the order log</source>
        <translation>в журнале заказов нет клиентов с таким сегментом</translation>
    </message>
    <message>
        <source>nobody in this segment bought in the last 365 days</source>
        <translation>никто в этом сегменте не покупал за последние 365 дней</translation>
    </message>
    <message>
        <source>no segment has this figure</source>
        <translation>ни у одного сегмента нет этого значения</translation>
    </message>
    <message>
        <source>{label} = {value}: each segment's figure weighted by its customers</source>
        <translation>{label} = {value}: значения сегментов, взвешенные по числу клиентов</translation>
    </message>
    <message>
        <source>Expected purchases in the next {months} months = {value} a customer (BG/NBD)</source>
        <translation>Ожидаемых покупок за {months} мес. = {value} на клиента (BG/NBD)</translation>
    </message>
    <message>
        <source>; the formula counts {f} a year</source>
        <translation>; формула считает {f} в год</translation>
    </message>
    <message>
        <source>Predicted CLV = {value} revenue in {months} mo × {margin} = {clv}</source>
        <translation>Прогноз CLV = {value} выручки за {months} мес. × {margin} = {clv}</translation>
    </message>
</context>
<context>
    <name>CustomerModelsWords</name>
    <message numerus="yes">
        <source>P(alive) = {value}: the mean over %Ln customer(s) who bought in the last 365 days (BG/NBD)</source>
        <translation>
            <numerusform>P(активен) = {value}: среднее по %Ln клиенту, покупавшему за последние 365 дней (BG/NBD)</numerusform>
            <numerusform>P(активен) = {value}: среднее по %Ln клиентам, покупавшим за последние 365 дней (BG/NBD)</numerusform>
            <numerusform>P(активен) = {value}: среднее по %Ln клиентам, покупавшим за последние 365 дней (BG/NBD)</numerusform>
        </translation>
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
        <extracomment>the tab's title (translated in the context "ExplainPanel")</extracomment>
        <translation>Пояснения</translation>
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
    <name>FileActions</name>
    <message>
        <source>Untitled</source>
        <extracomment>import spreadsheets with the preview's defaults, without asking (``--screenshot``)</extracomment>
        <translation>Без названия</translation>
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
        <source>Opened the example {name}. Save asks where to keep your copy.</source>
        <translation>Открыт пример: {name}. «Сохранить» спросит, куда положить вашу копию.</translation>
    </message>
    <message>
        <source>Opened {file}</source>
        <translation>Файл {file} открыт</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Чтение {file}…</translation>
    </message>
    <message>
        <source>{file} holds customers left period by period, not segments: it is opened in the Retention curve tab.</source>
        <translation>В {file} не сегменты, а число оставшихся клиентов по периодам: файл открыт на вкладке «Кривая удержания».</translation>
    </message>
    <message numerus="yes">
        <source>%Ln value(s) unusually large (marked “!”): used as they are; check them.</source>
        <translation>
            <numerusform>%Ln значение необычно велико (отмечено «!») и используется как есть — проверьте его.</numerusform>
            <numerusform>%Ln значения необычно велики (отмечены «!») и используются как есть — проверьте их.</numerusform>
            <numerusform>%Ln значений необычно велики (отмечены «!») и используются как есть — проверьте их.</numerusform>
        </translation>
    </message>
    <message>
        <source>project</source>
        <translation>проект</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Сохранить как</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>Файл {file} сохранён</translation>
    </message>
    <message>
        <source>Save a Copy</source>
        <translation>Сохранить копию</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>копия</translation>
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
        <source>report</source>
        <translation>отчёт</translation>
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
        <translation>Файл {file} сохранён</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>Открыть файл</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>Показать папку</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>Запись {file}…</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln segment(s) from {file}.</source>
        <translation>
            <numerusform>Импортирован %Ln сегмент из {file}.</numerusform>
            <numerusform>Импортировано %Ln сегмента из {file}.</numerusform>
            <numerusform>Импортировано %Ln сегментов из {file}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cell(s) could not be read: shown in red, the tooltip says why.</source>
        <translation>
            <numerusform>%Ln ячейку не удалось прочитать: она выделена красным, подсказка объясняет почему.</numerusform>
            <numerusform>%Ln ячейки не удалось прочитать: они выделены красным, подсказка объясняет почему.</numerusform>
            <numerusform>%Ln ячеек не удалось прочитать: они выделены красным, подсказка объясняет почему.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln problem(s) noted</source>
        <translation>
            <numerusform>%Ln замечание</numerusform>
            <numerusform>%Ln замечания</numerusform>
            <numerusform>%Ln замечаний</numerusform>
        </translation>
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
</context>
<context>
    <name>FormulaLine</name>
    <message>
        <source>Empty: the lifetime comes from CRR: {formula}</source>
        <extracomment>the width of the box naming the cell, left of "fx"</extracomment>
        <translation>Пусто: срок жизни берётся из CRR: {formula}</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Портфель</translation>
    </message>
    <message>
        <source>Exactly {value}</source>
        <translation>Точно {value}</translation>
    </message>
    <message>
        <source>{label}: not summed across segments.</source>
        <translation>{label}: не суммируется по сегментам.</translation>
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
        <source>The first row held column names ({names}): each column went under its name.</source>
        <extracomment>the share of a first pasted row's filled cells that must be column names to take it as a header</extracomment>
        <translation>В первой строке были названия столбцов ({names}): каждый столбец вставлен под своё название.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln new segment(s) added below.</source>
        <translation>
            <numerusform>Внизу добавлен %Ln новый сегмент.</numerusform>
            <numerusform>Внизу добавлены %Ln новых сегмента.</numerusform>
            <numerusform>Внизу добавлено %Ln новых сегментов.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pasted cell(s) could not be read as numbers: kept as typed and shown in red (the tooltip says why).</source>
        <translation>
            <numerusform>%Ln вставленную ячейку не удалось прочитать как число: она сохранена как введена и выделена красным (подсказка объясняет почему).</numerusform>
            <numerusform>%Ln вставленные ячейки не удалось прочитать как числа: они сохранены как введены и выделены красным (подсказка объясняет почему).</numerusform>
            <numerusform>%Ln вставленных ячеек не удалось прочитать как числа: они сохранены как введены и выделены красным (подсказка объясняет почему).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pasted value(s) out of range: kept, shown in red and not used.</source>
        <translation>
            <numerusform>%Ln вставленное значение вне диапазона: оно сохранено, выделено красным и не используется.</numerusform>
            <numerusform>%Ln вставленных значения вне диапазона: они сохранены, выделены красным и не используются.</numerusform>
            <numerusform>%Ln вставленных значений вне диапазона: они сохранены, выделены красным и не используются.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pasted value(s) unusually large (marked “!”): used as they are; check them.</source>
        <translation>
            <numerusform>%Ln вставленное значение необычно велико (отмечено «!») и используется как есть — проверьте его.</numerusform>
            <numerusform>%Ln вставленных значения необычно велики (отмечены «!») и используются как есть — проверьте их.</numerusform>
            <numerusform>%Ln вставленных значений необычно велики (отмечены «!») и используются как есть — проверьте их.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cell(s) fell on computed or unknown columns and were not pasted.</source>
        <translation>
            <numerusform>%Ln ячейка попала на вычисляемый или неизвестный столбец и не вставлена.</numerusform>
            <numerusform>%Ln ячейки попали на вычисляемые или неизвестные столбцы и не вставлены.</numerusform>
            <numerusform>%Ln ячеек попали на вычисляемые или неизвестные столбцы и не вставлены.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cell(s) keep “{text}” as typed, shown in red: {why}.</source>
        <translation>
            <numerusform>%Ln ячейка сохраняет «{text}» как введено, выделена красным: {why}.</numerusform>
            <numerusform>%Ln ячейки сохраняют «{text}» как введено, выделены красным: {why}.</numerusform>
            <numerusform>%Ln ячеек сохраняют «{text}» как введено, выделены красным: {why}.</numerusform>
        </translation>
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
    <name>GridPane</name>
    <message>
        <source>{figures}: {n} of {total} segments</source>
        <extracomment>the time columns are fitted for in one turn of the event loop, the rest in the next turns: a large table's fitting never holds the window, a small one's is done before the first paint (four columns a turn took the sample's 18 columns five turns, each with a repaint of the window, before its first screen stayed as it is) what ``settle`` may take for the first screen: the whole of a small table's columns (a turn's worth left the last of the sample's columns unfitted on a busy machine: the first paint was then of a scroll bar that changed a turn later), within the longest the window may be held (DESIGN.md §9: 100 ms) the segment column is at least this wide (names are what people look for) the segments' rows the grid shows at least (all when there are fewer) before the charts under it keep their room: in a lower window the charts fold away instead the pane's wanted height may have changed (rows, the note, the columns' scroll bar)</extracomment>
        <translation>{figures}: сегментов {n} из {total}</translation>
    </message>
    <message>
        <source>* Left out of the portfolio: {parts}</source>
        <translation>* Не учтены в портфеле: {parts}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import segments — {file}</source>
        <translation>Импорт сегментов — {file}</translation>
    </message>
    <message>
        <source>Stop reading</source>
        <translation>Остановить чтение</translation>
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
        <source>Reading the table…</source>
        <translation>Читается таблица…</translation>
    </message>
    <message>
        <source>Reading was stopped. Change the mapping or the header row to read again.</source>
        <translation>Чтение остановлено. Измените сопоставление столбцов или строку заголовка, чтобы прочитать снова.</translation>
    </message>
    <message>
        <source>Cells that could not be read: {n}</source>
        <translation>Ячейки, которые не удалось прочитать: {n}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln segment(s) will be imported. Cells that could not be read are kept as typed and shown in red; fix them in the grid.</source>
        <translation>
            <numerusform>Будет импортирован %Ln сегмент. Непрочитанные ячейки сохранены как введены и выделены красным; исправьте их в таблице.</numerusform>
            <numerusform>Будут импортированы %Ln сегмента. Непрочитанные ячейки сохранены как введены и выделены красным; исправьте их в таблице.</numerusform>
            <numerusform>Будет импортировано %Ln сегментов. Непрочитанные ячейки сохранены как введены и выделены красным; исправьте их в таблице.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln segment(s) will be imported.</source>
        <translation>
            <numerusform>Будет импортирован %Ln сегмент.</numerusform>
            <numerusform>Будут импортированы %Ln сегмента.</numerusform>
            <numerusform>Будет импортировано %Ln сегментов.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeyDelegate</name>
    <message>
        <source>(not used)</source>
        <extracomment>a burst of mapping changes converts once, this long after the last the first conversion waits for the preview's first paint, or this long when it is not shown … and this long after it, while its tables and the window behind it are painted</extracomment>
        <translation>(не используется)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Untitled</source>
        <translation>Без названия</translation>
    </message>
    <message>
        <source>Please wait: the previous task is still running.</source>
        <translation>Подождите: предыдущая задача ещё выполняется.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <source>View</source>
        <extracomment>the side panel's share of the window's width when it opens the most of a narrowed window the side panel keeps (at least ``SIDE_MIN`` pixels) the least height of the charts under the grid (their own minimum when higher) keep the frame inside the screen (off for a picture of a given size: --screenshot) (project, row, key) of the cell in hand as the grid's segments are replaced</extracomment>
        <translation>Вид</translation>
    </message>
    <message>
        <source>▴ Charts</source>
        <translation>▴ Графики</translation>
    </message>
    <message>
        <source>The window is too low for the charts under the grid's rows: show them (the grid then scrolls). They come back by themselves when the window is taller.</source>
        <translation>Окно слишком низкое для графиков под строками таблицы: показать их (таблица тогда прокручивается). Они вернутся сами, когда окно станет выше.</translation>
    </message>
    <message>
        <source>About LTV Studio</source>
        <translation>О программе LTV Studio</translation>
    </message>
    <message>
        <source>LTV Studio: customer lifetime value, LTV:CAC, payback and retention for each segment, with every formula explained.</source>
        <translation>LTV Studio: пожизненная ценность клиента, LTV:CAC, окупаемость и удержание по каждому сегменту, с пояснением каждой формулы.</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Версия {version}</translation>
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
        <translation>Прочитан как</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>(не используется)</translation>
    </message>
</context>
<context>
    <name>OrdersDialog</name>
    <message>
        <source>Orders from {file}</source>
        <translation>Заказы из {file}</translation>
    </message>
    <message>
        <source>day/month/year (31/12/2024)</source>
        <translation>день/месяц/год (31/12/2024)</translation>
    </message>
    <message>
        <source>month/day/year (12/31/2024)</source>
        <translation>месяц/день/год (12/31/2024)</translation>
    </message>
    <message>
        <source>No date of the log says whether 10/9/2024 is 10 September or 9 October: choose how its dates are written.</source>
        <translation>Ни одна дата журнала не показывает, 10/9/2024 — это 10 сентября или 9 октября: выберите, как записаны его даты.</translation>
    </message>
    <message>
        <source>Create project</source>
        <translation>Создать проект</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>Прочитан как</translation>
    </message>
    <message>
        <source>Report date T:</source>
        <translation>Дата отчёта T:</translation>
    </message>
    <message>
        <source>Segments by:</source>
        <translation>Сегменты по:</translation>
    </message>
    <message>
        <source>Slashed dates:</source>
        <translation>Даты через косую черту:</translation>
    </message>
    <message>
        <source>Segments and the inputs the log gives:</source>
        <translation>Сегменты и данные, которые даёт журнал:</translation>
    </message>
    <message>
        <source>{column} (the log's segment column)</source>
        <translation>{column} (столбец сегмента в журнале)</translation>
    </message>
    <message>
        <source>One segment: all customers</source>
        <translation>Один сегмент: все клиенты</translation>
    </message>
    <message>
        <source>{orders} order lines of {customers} customers, {purchases} purchases, from {first} to {last}. Report date T: {end}; the year Y is the 365 days to it.</source>
        <translation>Строк заказов: {orders}, клиентов: {customers}, покупок: {purchases}, с {first} по {last}. Дата отчёта T: {end}; год Y — 365 дней до неё.</translation>
    </message>
    <message>
        <source>{orders} orders of {customers} customers, {purchases} purchases, from {first} to {last}. Report date T: {end}; the year Y is the 365 days to it.</source>
        <translation>Заказов: {orders}, клиентов: {customers}, покупок: {purchases}, с {first} по {last}. Дата отчёта T: {end}; год Y — 365 дней до неё.</translation>
    </message>
    <message>
        <source>not used</source>
        <translation>не используется</translation>
    </message>
    <message>
        <source>Rows left out: {n}</source>
        <translation>Не учтено строк: {n}</translation>
    </message>
    <message>
        <source>Every row was read.</source>
        <translation>Прочитаны все строки.</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… и ещё {n}</translation>
    </message>
    <message>
        <source>Deriving {file}…</source>
        <translation>Расчёт по {file}…</translation>
    </message>
</context>
<context>
    <name>OrdersImport</name>
    <message>
        <source>customer</source>
        <extracomment>the customer models' fit starts this long after the project is made: once the window has painted it (the fit's worker holds the GIL between the hundreds of calls of that paint)</extracomment>
        <translation>клиент</translation>
    </message>
    <message>
        <source>order date</source>
        <translation>дата заказа</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>сумма</translation>
    </message>
    <message>
        <source>segment</source>
        <translation>сегмент</translation>
    </message>
    <message>
        <source>cost of goods</source>
        <translation>себестоимость</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>количество</translation>
    </message>
    <message>
        <source>unit price</source>
        <translation>цена за единицу</translation>
    </message>
    <message>
        <source>refunded amount</source>
        <translation>сумма возврата</translation>
    </message>
    <message>
        <source>cost per unit</source>
        <translation>себестоимость за единицу</translation>
    </message>
    <message>
        <source>order number</source>
        <translation>номер заказа</translation>
    </message>
    <message>
        <source>order status</source>
        <translation>статус заказа</translation>
    </message>
</context>
<context>
    <name>OrdersImportWords</name>
    <message numerus="yes">
        <source>Made %Ln segment(s) from the orders in {file} (report date {end}): customers, average order value, purchases per year, margin and the yearly counts come from the log; type acquisition spend, service cost and retention, which a log cannot know.</source>
        <translation>
            <numerusform>Создан %Ln сегмент по заказам из {file} (дата отчёта {end}): клиенты, средний чек, покупки в год, маржа и годовые счётчики взяты из журнала; расходы на привлечение, затраты на обслуживание и срок удержания журнал знать не может — введите их.</numerusform>
            <numerusform>Создано %Ln сегмента по заказам из {file} (дата отчёта {end}): клиенты, средний чек, покупки в год, маржа и годовые счётчики взяты из журнала; расходы на привлечение, затраты на обслуживание и срок удержания журнал знать не может — введите их.</numerusform>
            <numerusform>Создано %Ln сегментов по заказам из {file} (дата отчёта {end}): клиенты, средний чек, покупки в год, маржа и годовые счётчики взяты из журнала; расходы на привлечение, затраты на обслуживание и срок удержания журнал знать не может — введите их.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Made %Ln segment(s) from the orders in {file} (report date {end}): customers, average order value, purchases per year and the yearly counts come from the log; type margin, acquisition spend, service cost and retention, which this log does not give.</source>
        <translation>
            <numerusform>Создан %Ln сегмент по заказам из {file} (дата отчёта {end}): клиенты, средний чек, покупки в год и годовые счётчики взяты из журнала; маржи, расходов на привлечение, затрат на обслуживание и срока удержания в этом журнале нет — введите их.</numerusform>
            <numerusform>Создано %Ln сегмента по заказам из {file} (дата отчёта {end}): клиенты, средний чек, покупки в год и годовые счётчики взяты из журнала; маржи, расходов на привлечение, затрат на обслуживание и срока удержания в этом журнале нет — введите их.</numerusform>
            <numerusform>Создано %Ln сегментов по заказам из {file} (дата отчёта {end}): клиенты, средний чек, покупки в год и годовые счётчики взяты из журнала; маржи, расходов на привлечение, затрат на обслуживание и срока удержания в этом журнале нет — введите их.</numerusform>
        </translation>
    </message>
    <message>
        <source>The log gives no new customers (that needs two years of orders): type them too, or CAC stays empty.</source>
        <translation>Новых клиентов журнал не даёт (для этого нужны заказы за два года): введите их тоже, иначе CAC останется пустым.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) left out (see the preview's list).</source>
        <translation>
            <numerusform>Не учтена %Ln строка (список — в окне просмотра).</numerusform>
            <numerusform>Не учтены %Ln строки (список — в окне просмотра).</numerusform>
            <numerusform>Не учтено %Ln строк (список — в окне просмотра).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PortfolioRowView</name>
    <message>
        <source>The portfolio row is computed from the segments above: type or paste into a segment's white (input) cells.</source>
        <extracomment>column fitting looks at the rows in sight only (each cell asked costs a call into Python)</extracomment>
        <translation>Строка портфеля вычисляется по сегментам выше: вводите и вставляйте числа в белые ячейки сегментов (исходные данные).</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Presentation mode: F11 or Esc returns to the normal window.</source>
        <translation>Режим презентации: F11 или Esc возвращают обычное окно.</translation>
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
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <extracomment>Qt's own words that its Russian translation lacks: the Open dialog's "Type" column said "Folder" in the Russian window. Ours translate them (resources/translations/ru_orders.py).</extracomment>
        <translation>Папка</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Диск</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Ярлык</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Перейти к:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Типы файлов:</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>Discard</source>
        <translation>Не сохранять</translation>
    </message>
</context>
<context>
    <name>RetentionPanel</name>
    <message>
        <source>year</source>
        <translation>год</translation>
    </message>
    <message>
        <source>quarter</source>
        <translation>квартал</translation>
    </message>
    <message>
        <source>month</source>
        <translation>месяц</translation>
    </message>
    <message>
        <source>Tables (*.csv *.xlsx *.xlsm *.xls *.ods *.txt *.tsv);;All files (*)</source>
        <translation>Таблицы (*.csv *.xlsx *.xlsm *.xls *.ods *.txt *.tsv);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Retention curve</source>
        <extracomment>the tab's title (translated in the context "RetentionPanel")</extracomment>
        <translation>Кривая удержания</translation>
    </message>
    <message>
        <source>Open survivors table…</source>
        <translation>Открыть таблицу удержания…</translation>
    </message>
    <message>
        <source>A table of customers still there by period: the first column counts periods 0, 1, 2, …, each further column is a cohort.</source>
        <translation>Таблица оставшихся клиентов по периодам: в первом столбце периоды 0, 1, 2, …, в каждом следующем — когорта.</translation>
    </message>
    <message>
        <source>One period:</source>
        <translation>Один период:</translation>
    </message>
    <message>
        <source>Discount rate a year:</source>
        <translation>Ставка дисконтирования в год:</translation>
    </message>
    <message>
        <source>Cap an endless life at:</source>
        <translation>Бесконечный срок ограничить:</translation>
    </message>
    <message>
        <source>years</source>
        <translation>г.</translation>
    </message>
    <message>
        <source>Lifetime, years</source>
        <translation>Срок жизни, лет</translation>
    </message>
    <message>
        <source>Discounted, years</source>
        <translation>С дисконтом, лет</translation>
    </message>
    <message>
        <source>Lifetime, quarters</source>
        <translation>Срок жизни, кварталов</translation>
    </message>
    <message>
        <source>Discounted, quarters</source>
        <translation>С дисконтом, кварталов</translation>
    </message>
    <message>
        <source>Lifetime, months</source>
        <translation>Срок жизни, мес.</translation>
    </message>
    <message>
        <source>Discounted, months</source>
        <translation>С дисконтом, мес.</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>Когорта</translation>
    </message>
    <message>
        <source>No table open.</source>
        <translation>Таблица не открыта.</translation>
    </message>
    <message>
        <source>Open survivors table</source>
        <translation>Открыть таблицу удержания</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Чтение {file}…</translation>
    </message>
    <message>
        <source>Fitting the retention curves…</source>
        <translation>Расчёт кривых удержания…</translation>
    </message>
    <message>
        <source>(and {n} more)</source>
        <translation>(и ещё {n})</translation>
    </message>
    <message>
        <source>How long a customer stays on average, as the fitted curve expects (∞ when α ≤ 1: a share of customers practically never leaves).</source>
        <translation>Сколько в среднем остаётся клиент по рассчитанной кривой (∞ при α ≤ 1: часть клиентов практически не уходит).</translation>
    </message>
    <message>
        <source>The same lifetime with each later period counted at today's value, at the discount rate above: finite even when the lifetime has no end.</source>
        <translation>Тот же срок жизни, где каждый следующий период учтён в сегодняшних деньгах по ставке выше: он конечен, даже когда срок жизни бесконечен.</translation>
    </message>
    <message>
        <source>Open a table to fit its cohorts.</source>
        <translation>Откройте таблицу, чтобы рассчитать её когорты.</translation>
    </message>
    <message>
        <source>{cohort}: the expected lifetime is {years} {years_word}.</source>
        <translation>{cohort}: ожидаемый срок жизни — {years} {years_word}.</translation>
    </message>
    <message>
        <source>Use {years} {years_word} as the retention of “{segment}”</source>
        <translation>Взять {years} {years_word} как срок удержания «{segment}»</translation>
    </message>
    <message>
        <source>Retention of “{segment}” set to {years} {years_word} from the cohort “{cohort}” (Ctrl+Z undoes it).</source>
        <translation>Срок удержания «{segment}»: {years} {years_word} по когорте «{cohort}» (Ctrl+Z отменит).</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <source>{cohort}: α {alpha} ≤ 1, so a share of customers practically never leaves and the expected lifetime has no end; within {cap} {cap_word} it is {years} {years_word}.</source>
        <translation>{cohort}: α {alpha} ≤ 1 — часть клиентов практически не уходит, и ожидаемый срок жизни бесконечен; в пределах {cap} г. он составляет {years} {years_word}.</translation>
    </message>
    <message>
        <source>Use the lifetime as a segment's retention</source>
        <translation>Взять срок жизни как срок удержания сегмента</translation>
    </message>
    <message>
        <source>Select a segment to use the lifetime as its retention</source>
        <translation>Выберите сегмент, чтобы взять срок жизни как его срок удержания</translation>
    </message>
    <message>
        <source>Use fitted lifetime</source>
        <translation>Срок жизни по модели</translation>
    </message>
    <message>
        <source>model</source>
        <translation>модель</translation>
    </message>
    <message>
        <source>observed</source>
        <translation>факт</translation>
    </message>
</context>
<context>
    <name>ScenarioBar</name>
    <message>
        <source>Scenarios</source>
        <extracomment>the data of the item that makes a new scenario (the others hold a name, a string)</extracomment>
        <translation>Сценарии</translation>
    </message>
    <message>
        <source>Base inputs</source>
        <translation>Базовые данные</translation>
    </message>
    <message>
        <source>Which inputs the grid shows and edits: the base, or a scenario — a named copy of the inputs to try changes on.</source>
        <translation>Какие исходные данные показаны и редактируются в таблице: база или сценарий — именованная копия данных, чтобы пробовать изменения.</translation>
    </message>
    <message>
        <source>Scenario “{name}”</source>
        <translation>Сценарий «{name}»</translation>
    </message>
    <message>
        <source>New scenario (a copy of the base)…</source>
        <translation>Новый сценарий (копия базы)…</translation>
    </message>
</context>
<context>
    <name>ScenariosPanel</name>
    <message>
        <source>Scenarios</source>
        <translation>Сценарии</translation>
    </message>
    <message>
        <source>A scenario is a named copy of the inputs to try changes on (“Prices +10 %”). The grid shows the one chosen on the toolbar; edit it like the base.</source>
        <translation>Сценарий — именованная копия исходных данных, чтобы пробовать изменения («Цены +10 %»). Таблица показывает выбранный на панели инструментов; редактируйте его как базу.</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Новый</translation>
    </message>
    <message>
        <source>A copy of the base's inputs under a new name</source>
        <translation>Копия исходных данных базы под новым именем</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Переименовать</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <source>Show and edit it in the grid</source>
        <translation>Показать и редактировать в таблице</translation>
    </message>
    <message>
        <source>Compared with the base:</source>
        <translation>Сравнение с базой:</translation>
    </message>
    <message>
        <source>Base (as typed)</source>
        <translation>База (как введено)</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Портфель</translation>
    </message>
</context>
<context>
    <name>SegmentsTableModel</name>
    <message>
        <source>profit</source>
        <extracomment>the most cell looks kept (a screenful is a few hundred), and the most rows of them up to this many segments the reasons of empty cells are computed for every row at once shown in an empty computed cell; the reason is in its tooltip and the formula line the brushes the grid paints with, made once</extracomment>
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
        <source>Type 35, 35% or 0.35 for 35 %.</source>
        <translation>Введите 35, 35% или 0,35 — это 35 %.</translation>
    </message>
    <message>
        <source>benchmark {value}</source>
        <extracomment>the looks of painted cells by row and column, kept until they change (``forget_looks``) the looks of computed cells with the figure each was made of (``cell_look``)</extracomment>
        <translation>ориентир {value}</translation>
    </message>
    <message>
        <source>This column is computed; type into the white columns.</source>
        <translation>Этот столбец рассчитывается; вводите данные в белые столбцы.</translation>
    </message>
    <message>
        <source>“{text}” is kept as typed and not used: {why}.</source>
        <translation>«{text}» сохранено как введено и не используется: {why}.</translation>
    </message>
    <message>
        <source>Out of range ({range}); not used.</source>
        <translation>Вне допустимого диапазона ({range}); не используется.</translation>
    </message>
    <message>
        <source>Not summed across segments.</source>
        <extracomment>shown after a figure that left some segments out (the tooltip names them)</extracomment>
        <translation>Не суммируется по сегментам.</translation>
    </message>
    <message>
        <source>Portfolio ({n})</source>
        <translation>Портфель ({n})</translation>
    </message>
    <message>
        <source>All segments together: customers, spend and new customers summed, CAC and CRR pooled, the other figures weighted by customers. A figure marked * left out the segments that lack what it needs; its tooltip names them.</source>
        <translation>Все сегменты вместе: клиенты, расходы и новые клиенты сложены, CAC и CRR общие, остальное — средневзвешенное по числу клиентов. Число со звёздочкой * не учитывает сегменты, где нет нужных данных; подсказка называет их.</translation>
    </message>
</context>
<context>
    <name>SegmentsView</name>
    <message>
        <source>“{column}” is computed: type into the white (input) columns.</source>
        <extracomment>the column a run of Tabs started from (Enter returns under it), None otherwise</extracomment>
        <translation>«{column}» вычисляется: вводите числа в белые столбцы (исходные данные).</translation>
    </message>
    <message>
        <source>“{column}” is computed: select a white (input) cell to paste into.</source>
        <translation>«{column}» вычисляется: чтобы вставить, выберите белую ячейку (исходные данные).</translation>
    </message>
</context>
<context>
    <name>SettingsBar</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
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
        <source>Change CRR benchmark</source>
        <translation>Изменить ориентир CRR</translation>
    </message>
</context>
<context>
    <name>SummaryStrip</name>
    <message numerus="yes">
        <source>Portfolio · %Ln segment(s)</source>
        <extracomment>the room between the strip's columns, and in a window too narrow for it where the segment's name is cut ("…"), and in a window too narrow for it figures of registered column groups after the answers (the model's CLV), shown when the group has a portfolio figure for them</extracomment>
        <translation>
            <numerusform>Портфель · сегментов: %Ln</numerusform>
            <numerusform>Портфель · сегментов: %Ln</numerusform>
            <numerusform>Портфель · сегментов: %Ln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskBar</name>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>{words} (rule: {rule})</source>
        <extracomment>The grid position of each column key: ``COL["ltv"]``.</extracomment>
        <translation>{words} (правило: {rule})</translation>
    </message>
</context>
<context>
    <name>WhatIfPanel</name>
    <message>
        <source>What-if</source>
        <extracomment>the values offered for each target (any other can be typed) the metrics the tornado can show: the two targets and CLV (§7.1)</extracomment>
        <translation>Что если</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Цель:</translation>
    </message>
    <message>
        <source>Pick a value or type your own</source>
        <translation>Выберите значение или введите своё</translation>
    </message>
    <message>
        <source>Select a segment to see what each input would have to be to reach the target, and which input moves it most.</source>
        <translation>Выберите сегмент, чтобы увидеть, каким должен быть каждый показатель для достижения цели и какой из них влияет сильнее всего.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <source>What-if — {segment}</source>
        <translation>Что если — {segment}</translation>
    </message>
    <message>
        <source>Type a number above 0.</source>
        <translation>Введите число больше 0.</translation>
    </message>
    <message>
        <source>Now: {metric} {value}</source>
        <translation>Сейчас: {metric} {value}</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <source>reaches {value}</source>
        <translation>даёт {value}</translation>
    </message>
    <message>
        <source>{input} to {value}</source>
        <translation>«{input}» = {value}</translation>
    </message>
    <message>
        <source>Set {changes} (one step: Ctrl+Z undoes it)</source>
        <translation>Установить {changes} (один шаг: Ctrl+Z отменяет)</translation>
    </message>
    <message>
        <source>Already {value}</source>
        <translation>Уже {value}</translation>
    </message>
    <message>
        <source>Which input moves {metric} most (each ±10 %)</source>
        <translation>Какой показатель сильнее всего меняет {metric} (каждый ±10 %)</translation>
    </message>
    <message>
        <source>{title}: {metric} has no value yet — {reason}</source>
        <translation>{title}: у {metric} пока нет значения — {reason}</translation>
    </message>
    <message>
        <source>now {value}</source>
        <translation>сейчас {value}</translation>
    </message>
    <message>
        <source>now: never</source>
        <translation>сейчас: никогда</translation>
    </message>
    <message>
        <source>input −10 %</source>
        <translation>показатель −10 %</translation>
    </message>
    <message>
        <source>input +10 %</source>
        <translation>показатель +10 %</translation>
    </message>
    <message>
        <source>What-if: {input}</source>
        <translation>Что если: {input}</translation>
    </message>
</context>
<context>
    <name>_Spans</name>
    <message>
        <source>Fold the “{group}” columns</source>
        <extracomment>the titles as last painted: (where, group name, the words drawn) the brackets as last painted: (group name, first x, last x)</extracomment>
        <translation>Свернуть столбцы «{group}»</translation>
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
        <source>Paste</source>
        <translation>Вставка</translation>
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
<context>
    <name>scenario_commands</name>
    <message>
        <source>New scenario “{name}”</source>
        <translation>Новый сценарий «{name}»</translation>
    </message>
    <message>
        <source>Rename scenario “{name}”</source>
        <translation>Переименование сценария «{name}»</translation>
    </message>
    <message>
        <source>Delete scenario “{name}”</source>
        <translation>Удаление сценария «{name}»</translation>
    </message>
    <message>
        <source>Scenario {n}</source>
        <translation>Сценарий {n}</translation>
    </message>
</context>
</TS>