<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>CohortsPanel</name>
    <message numerus="yes">
        <source>{cohort} · %Ln customer(s)</source>
        <translation>
            <numerusform>{cohort} · %Ln customer</numerusform>
            <numerusform>{cohort} · %Ln customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerModelsWords</name>
    <message numerus="yes">
        <source>P(alive) = {value}: the mean over %Ln customer(s) who bought in the last 365 days (BG/NBD)</source>
        <translation>
            <numerusform>P(alive) = {value}: the mean over %Ln customer who bought in the last 365 days (BG/NBD)</numerusform>
            <numerusform>P(alive) = {value}: the mean over %Ln customers who bought in the last 365 days (BG/NBD)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message numerus="yes">
        <source>Imported %Ln segment(s) from {file}.</source>
        <translation>
            <numerusform>Imported %Ln segment from {file}.</numerusform>
            <numerusform>Imported %Ln segments from {file}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cell(s) could not be read: shown in red, the tooltip says why.</source>
        <translation>
            <numerusform>%Ln cell could not be read: it is shown in red, its tooltip says why.</numerusform>
            <numerusform>%Ln cells could not be read: they are shown in red, their tooltips say why.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln value(s) unusually large (marked “!”): used as they are; check them.</source>
        <translation>
            <numerusform>%Ln value is unusually large (marked “!”); it is used as it is: check it.</numerusform>
            <numerusform>%Ln values are unusually large (marked “!”); they are used as they are: check them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln problem(s) noted</source>
        <translation>
            <numerusform>%Ln problem noted</numerusform>
            <numerusform>%Ln problems noted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridEditor</name>
    <message numerus="yes">
        <source>%Ln new segment(s) added below.</source>
        <translation>
            <numerusform>%Ln new segment added below.</numerusform>
            <numerusform>%Ln new segments added below.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pasted cell(s) could not be read as numbers: kept as typed and shown in red (the tooltip says why).</source>
        <translation>
            <numerusform>%Ln pasted cell could not be read as a number; it is kept as typed and shown in red (the tooltip says why).</numerusform>
            <numerusform>%Ln pasted cells could not be read as numbers; they are kept as typed and shown in red (the tooltip says why).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pasted value(s) out of range: kept, shown in red and not used.</source>
        <translation>
            <numerusform>%Ln pasted value is out of range; it is kept, shown in red and not used.</numerusform>
            <numerusform>%Ln pasted values are out of range; they are kept, shown in red and not used.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pasted value(s) unusually large (marked “!”): used as they are; check them.</source>
        <translation>
            <numerusform>%Ln pasted value is unusually large (marked “!”); it is used as it is: check it.</numerusform>
            <numerusform>%Ln pasted values are unusually large (marked “!”); they are used as they are: check them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cell(s) fell on computed or unknown columns and were not pasted.</source>
        <translation>
            <numerusform>%Ln cell fell on a computed or unknown column and was not pasted.</numerusform>
            <numerusform>%Ln cells fell on computed or unknown columns and were not pasted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cell(s) keep “{text}” as typed, shown in red: {why}.</source>
        <translation>
            <numerusform>%Ln cell keeps “{text}” as typed, shown in red: {why}.</numerusform>
            <numerusform>%Ln cells keep “{text}” as typed, shown in red: {why}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%Ln segment(s) will be imported. Cells that could not be read are kept as typed and shown in red; fix them in the grid.</source>
        <translation>
            <numerusform>%Ln segment will be imported. Cells that could not be read are kept as typed and shown in red; fix them in the grid.</numerusform>
            <numerusform>%Ln segments will be imported. Cells that could not be read are kept as typed and shown in red; fix them in the grid.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln segment(s) will be imported.</source>
        <translation>
            <numerusform>%Ln segment will be imported.</numerusform>
            <numerusform>%Ln segments will be imported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersImportWords</name>
    <message numerus="yes">
        <source>Made %Ln segment(s) from the orders in {file} (report date {end}): customers, average order value, purchases per year, margin and the yearly counts come from the log; type acquisition spend, service cost and retention, which a log cannot know.</source>
        <translation>
            <numerusform>Made %Ln segment from the orders in {file} (report date {end}): customers, average order value, purchases per year, margin and the yearly counts come from the log; type acquisition spend, service cost and retention, which a log cannot know.</numerusform>
            <numerusform>Made %Ln segments from the orders in {file} (report date {end}): customers, average order value, purchases per year, margin and the yearly counts come from the log; type acquisition spend, service cost and retention, which a log cannot know.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Made %Ln segment(s) from the orders in {file} (report date {end}): customers, average order value, purchases per year and the yearly counts come from the log; type margin, acquisition spend, service cost and retention, which this log does not give.</source>
        <translation>
            <numerusform>Made %Ln segment from the orders in {file} (report date {end}): customers, average order value, purchases per year and the yearly counts come from the log; type margin, acquisition spend, service cost and retention, which this log does not give.</numerusform>
            <numerusform>Made %Ln segments from the orders in {file} (report date {end}): customers, average order value, purchases per year and the yearly counts come from the log; type margin, acquisition spend, service cost and retention, which this log does not give.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) left out (see the preview's list).</source>
        <translation>
            <numerusform>%Ln row was left out (see the preview's list).</numerusform>
            <numerusform>%Ln rows were left out (see the preview's list).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryStrip</name>
    <message numerus="yes">
        <source>Portfolio · %Ln segment(s)</source>
        <extracomment>the room between the strip's columns, and in a window too narrow for it where the segment's name is cut ("…"), and in a window too narrow for it figures of registered column groups after the answers (the model's CLV), shown when the group has a portfolio figure for them</extracomment>
        <translation>
            <numerusform>Portfolio · %Ln segment</numerusform>
            <numerusform>Portfolio · %Ln segments</numerusform>
        </translation>
    </message>
</context>
</TS>