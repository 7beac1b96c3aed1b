<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Dashboard</name>
    <message numerus="yes">
        <location filename="../../app/dashboard/dashboard.cpp" line="467"/>
        <source>(%1 of %n known)</source>
        <translation>
            <numerusform>(%1 of %n known)</numerusform>
            <numerusform>(%1 of %n known)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message numerus="yes">
        <location filename="../../ui/detailpane.cpp" line="216"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="440"/>
        <source>%n sessions selected.</source>
        <translation>
            <numerusform>%n session selected.</numerusform>
            <numerusform>%n sessions selected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="508"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="510"/>
        <source>Terminate these sessions?</source>
        <translation>
            <numerusform>Terminate this session?</numerusform>
            <numerusform>Terminate these sessions?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="512"/>
        <source>Terminate sessions</source>
        <translation>
            <numerusform>Terminate session</numerusform>
            <numerusform>Terminate sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="512"/>
        <source>&amp;Terminate %n session(s)</source>
        <translation>
            <numerusform>&amp;Terminate %n session</numerusform>
            <numerusform>&amp;Terminate %n sessions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message numerus="yes">
        <location filename="../../ui/notifier.cpp" line="69"/>
        <source>Notifications, %n not seen yet</source>
        <translation>
            <numerusform>Notifications, %n not seen yet</numerusform>
            <numerusform>Notifications, %n not seen yet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RowExporter</name>
    <message numerus="yes">
        <location filename="../../ui/rowexporter.cpp" line="38"/>
        <source>Exported %n session(s) to %1</source>
        <translation>
            <numerusform>Exported %n session to %1</numerusform>
            <numerusform>Exported %n sessions to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message numerus="yes">
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="91"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="94"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message numerus="yes">
        <location filename="../../ui/windowactions.cpp" line="119"/>
        <source>&amp;Copy session ID(s)</source>
        <translation>
            <numerusform>&amp;Copy session ID</numerusform>
            <numerusform>&amp;Copy session IDs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowStatusBar</name>
    <message numerus="yes">
        <location filename="../../ui/windowstatusbar.cpp" line="61"/>
        <source>Loaded %n session(s), </source>
        <translation>
            <numerusform>Loaded %n session, </numerusform>
            <numerusform>Loaded %n sessions, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/windowstatusbar.cpp" line="61"/>
        <source>%n page(s)…</source>
        <translation>
            <numerusform>%n page…</numerusform>
            <numerusform>%n pages…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/windowstatusbar.cpp" line="100"/>
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/windowstatusbar.cpp" line="101"/>
        <source>%1 of %n session(s)</source>
        <translation>
            <numerusform>%1 of %n session</numerusform>
            <numerusform>%1 of %n sessions</numerusform>
        </translation>
    </message>
</context>
</TS>
