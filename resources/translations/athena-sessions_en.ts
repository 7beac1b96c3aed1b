<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConnectTab</name>
    <message numerus="yes">
        <location filename="../../ui/executorstab.cpp" line="164"/>
        <source>The token expires %1 (in %n min).</source>
        <translation>
            <numerusform>The token expires %1 (in %n min).</numerusform>
            <numerusform>The token expires %1 (in %n min).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message numerus="yes">
        <location filename="../../app/dashboard/dashboard.cpp" line="469"/>
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
        <location filename="../../ui/detailpane.cpp" line="293"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DpuChart</name>
    <message numerus="yes">
        <location filename="../../ui/dpuchart.cpp" line="49"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExecutorsTab</name>
    <message numerus="yes">
        <location filename="../../ui/executorstab.cpp" line="55"/>
        <source>&lt;b&gt;%1 DPUs in use now&lt;/b&gt; by %n executor(s); peak seen %2 DPUs.</source>
        <translation>
            <numerusform>&lt;b&gt;%1 DPUs in use now&lt;/b&gt; by %n executor; peak seen %2 DPUs.</numerusform>
            <numerusform>&lt;b&gt;%1 DPUs in use now&lt;/b&gt; by %n executors; peak seen %2 DPUs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="459"/>
        <source>%n sessions selected.</source>
        <translation>
            <numerusform>%n session selected.</numerusform>
            <numerusform>%n sessions selected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="534"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="536"/>
        <source>Terminate these sessions?</source>
        <translation>
            <numerusform>Terminate this session?</numerusform>
            <numerusform>Terminate these sessions?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="538"/>
        <source>Terminate sessions</source>
        <translation>
            <numerusform>Terminate session</numerusform>
            <numerusform>Terminate sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="538"/>
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
        <location filename="../../ui/windowactions.cpp" line="123"/>
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
