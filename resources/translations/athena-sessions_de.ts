<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CalculationListModel</name>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="19"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="21"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="22"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="53"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="54"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="55"/>
        <source>Submitted</source>
        <translation>Eingereicht</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="56"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="57"/>
        <source>DPU-hours</source>
        <translation>DPU-Stunden</translation>
    </message>
</context>
<context>
    <name>CalculationsTab</name>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="56"/>
        <source>Calculations</source>
        <translation>Berechnungen</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="72"/>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="74"/>
        <source>Stop the selected calculation (StopCalculationExecution)</source>
        <translation>Die ausgewählte Berechnung stoppen (StopCalculationExecution)</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="80"/>
        <source>Code of the selected calculation</source>
        <translation>Code der ausgewählten Berechnung</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="88"/>
        <source>Result:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="89"/>
        <source>Standard output:</source>
        <translation>Standardausgabe:</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="90"/>
        <source>Standard error:</source>
        <translation>Standardfehler:</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="108"/>
        <source>Stopping…</source>
        <translation>Wird gestoppt …</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="112"/>
        <source>Calculation %1 is %2.</source>
        <translation>Berechnung %1 ist %2.</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="115"/>
        <source>Could not stop %1: %2</source>
        <translation>%1 konnte nicht gestoppt werden: %2</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="133"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="134"/>
        <source>Copy %1</source>
        <translation>%1 kopieren</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="162"/>
        <source>Select a calculation to see its code and results.</source>
        <translation>Wählen Sie eine Berechnung, um Code und Ergebnisse zu sehen.</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="163"/>
        <source>No calculations in this session yet.</source>
        <translation>Noch keine Berechnungen in dieser Sitzung.</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="177"/>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="181"/>
        <source>Progress: %1</source>
        <translation>Fortschritt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="185"/>
        <source>Loading the code…</source>
        <translation>Code wird geladen …</translation>
    </message>
</context>
<context>
    <name>ConnectTab</name>
    <message>
        <location filename="../../ui/executorstab.cpp" line="68"/>
        <source>Connect a Spark Connect client (PySpark 3.4 or later) to this session. The URL comes from GetSessionEndpoint; the client also needs the authentication token, which expires. The token is never shown here.</source>
        <translation>Verbinden Sie einen Spark-Connect-Client (PySpark 3.4 oder neuer) mit dieser Sitzung. Die URL kommt von GetSessionEndpoint; der Client braucht außerdem das Authentifizierungstoken, das abläuft. Das Token wird hier nie angezeigt.</translation>
    </message>
    <message>
        <location filename="../../ui/executorstab.cpp" line="72"/>
        <source>&amp;Get endpoint</source>
        <translation>Endpunkt &amp;abrufen</translation>
    </message>
    <message>
        <location filename="../../ui/executorstab.cpp" line="77"/>
        <source>Spark Connect URL</source>
        <translation>Spark-Connect-URL</translation>
    </message>
    <message>
        <location filename="../../ui/executorstab.cpp" line="80"/>
        <source>Copy Spark Connect &amp;URL</source>
        <translation>Spark-Connect-&amp;URL kopieren</translation>
    </message>
    <message>
        <location filename="../../ui/executorstab.cpp" line="82"/>
        <source>Copy &amp;token</source>
        <translation>&amp;Token kopieren</translation>
    </message>
    <message>
        <location filename="../../ui/executorstab.cpp" line="84"/>
        <source>Copies the secret token to the clipboard; it is cleared from there after a minute</source>
        <translation>Kopiert das geheime Token in die Zwischenablage; dort wird es nach einer Minute gelöscht</translation>
    </message>
    <message>
        <location filename="../../ui/executorstab.cpp" line="112"/>
        <source>Asking for the endpoint…</source>
        <translation>Endpunkt wird abgefragt …</translation>
    </message>
    <message>
        <location filename="../../ui/executorstab.cpp" line="122"/>
        <source>No endpoint: %1</source>
        <translation>Kein Endpunkt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/executorstab.cpp" line="129"/>
        <source>URL copied.</source>
        <translation>URL kopiert.</translation>
    </message>
    <message>
        <location filename="../../ui/executorstab.cpp" line="136"/>
        <source>Token copied; it leaves the clipboard in a minute.</source>
        <translation>Token kopiert; es verlässt die Zwischenablage in einer Minute.</translation>
    </message>
    <message>
        <location filename="../../ui/executorstab.cpp" line="155"/>
        <source>Press Get endpoint</source>
        <translation>Auf „Endpunkt abrufen“ klicken</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/executorstab.cpp" line="164"/>
        <source>The token expires %1 (in %n min).</source>
        <translation>
            <numerusform>Das Token läuft %1 ab (in %n Minute).</numerusform>
            <numerusform>Das Token läuft %1 ab (in %n Minuten).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/executorstab.cpp" line="165"/>
        <source>The token expired %1: get the endpoint again.</source>
        <translation>Das Token ist %1 abgelaufen: Endpunkt erneut abrufen.</translation>
    </message>
</context>
<context>
    <name>ConnectionBar</name>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="26"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="27"/>
        <source>The AWS region of the connection; empty uses the profile&apos;s</source>
        <translation>Die AWS-Region der Verbindung; leer: die des Profils</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="32"/>
        <location filename="../../ui/connectionbar.cpp" line="150"/>
        <source>Region; empty uses the profile&apos;s (AWS_REGION, the config file)</source>
        <translation>Region; leer: die des Profils (AWS_REGION, die Konfigurationsdatei)</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="44"/>
        <source>Search ID or description (Ctrl+F)</source>
        <translation>ID oder Beschreibung suchen (Strg+F)</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="45"/>
        <source>Search sessions</source>
        <translation>Sitzungen suchen</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="46"/>
        <source>Shows only the sessions whose ID or description contains the text; Escape clears it</source>
        <translation>Zeigt nur Sitzungen, deren ID oder Beschreibung den Text enthält; Escape leert das Feld</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="59"/>
        <source>Refresh the list automatically: off, every 10 s, 30 s, minute or 5 minutes</source>
        <translation>Liste automatisch aktualisieren: aus, alle 10 s, 30 s, jede Minute oder alle 5 Minuten</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="60"/>
        <source>Auto: off</source>
        <translation>Auto: aus</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="61"/>
        <source>Auto: 10 s</source>
        <translation>Auto: 10 s</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="62"/>
        <source>Auto: 30 s</source>
        <translation>Auto: 30 s</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="63"/>
        <source>Auto: 1 min</source>
        <translation>Auto: 1 min</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="64"/>
        <source>Auto: 5 min</source>
        <translation>Auto: 5 min</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="75"/>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="76"/>
        <source>Re&amp;gion:</source>
        <translation>Re&amp;gion:</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="77"/>
        <source>&amp;Workgroup:</source>
        <translation>&amp;Arbeitsgruppe:</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="78"/>
        <source>S&amp;tate:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="104"/>
        <source>Local sandbox</source>
        <translation>Lokale Sandbox</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="149"/>
        <source>In effect: %1 (from %2)</source>
        <translation>Wirksam: %1 (aus %2)</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="157"/>
        <source>%1 (keys from the environment)</source>
        <translation>%1 (Schlüssel aus der Umgebung)</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="158"/>
        <source>Credentials: %1</source>
        <translation>Anmeldedaten: %1</translation>
    </message>
    <message>
        <location filename="../../ui/connectionbar.cpp" line="174"/>
        <source>All Spark workgroups</source>
        <translation>Alle Spark-Arbeitsgruppen</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="49"/>
        <source>Listing sessions</source>
        <translation>Sitzungen auflisten</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="58"/>
        <source>Refreshing session %1</source>
        <translation>Sitzung %1 aktualisieren</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="160"/>
        <source>Local sandbox (%1)</source>
        <translation>Lokale Sandbox (%1)</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="176"/>
        <source>Profile %1 · %2 · %3</source>
        <translation>Profil %1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="214"/>
        <location filename="../../app/dashboard/dashboard.cpp" line="270"/>
        <source>Loading workgroups</source>
        <translation>Arbeitsgruppen laden</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="223"/>
        <source>%1 is disabled</source>
        <translation>%1 ist deaktiviert</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="224"/>
        <source>%1 runs SQL queries (%2), not Spark sessions</source>
        <translation>%1 führt SQL-Abfragen aus (%2), keine Spark-Sitzungen</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="269"/>
        <source>Loading the workgroups was cancelled</source>
        <translation>Das Laden der Arbeitsgruppen wurde abgebrochen</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="332"/>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="389"/>
        <source>Session ready</source>
        <translation>Sitzung bereit</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="389"/>
        <source>%1 is IDLE in %2</source>
        <translation>%1 ist IDLE in %2</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="393"/>
        <source>Session %1</source>
        <translation>Sitzung %1</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="394"/>
        <source>%1 in %2 is %3</source>
        <translation>%1 in %2 ist %3</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="397"/>
        <source>Session ended</source>
        <translation>Sitzung beendet</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="397"/>
        <source>%1 in %2 is TERMINATED</source>
        <translation>%1 in %2 ist TERMINATED</translation>
    </message>
    <message>
        <location filename="../../app/dashboard/dashboard.cpp" line="466"/>
        <source>%1 DPU-hours · %2</source>
        <translation>%1 DPU-Stunden · %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/dashboard/dashboard.cpp" line="469"/>
        <source>(%1 of %n known)</source>
        <translation>
            <numerusform>(%1 von %n bekannt)</numerusform>
            <numerusform>(%1 von %n bekannt)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../ui/detailpane.cpp" line="74"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="75"/>
        <source>State:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="76"/>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="77"/>
        <source>Session ID:</source>
        <translation>Sitzungs-ID:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="78"/>
        <source>Workgroup:</source>
        <translation>Arbeitsgruppe:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="79"/>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="80"/>
        <source>Started:</source>
        <translation>Gestartet:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="81"/>
        <source>Last modified:</source>
        <translation>Zuletzt geändert:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="82"/>
        <source>Idle since:</source>
        <translation>Leerlauf seit:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="83"/>
        <source>Ended:</source>
        <translation>Beendet:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="85"/>
        <source>Engine configuration</source>
        <translation>Engine-Konfiguration</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="86"/>
        <source>Engine version:</source>
        <translation>Engine-Version:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="87"/>
        <source>Max concurrent DPUs:</source>
        <translation>Max. gleichzeitige DPUs:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="88"/>
        <source>Coordinator DPU size:</source>
        <translation>DPU-Größe des Koordinators:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="89"/>
        <source>Default executor DPU size:</source>
        <translation>Standard-DPU-Größe der Executors:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="90"/>
        <source>Notebook version:</source>
        <translation>Notebook-Version:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="91"/>
        <source>Additional configs:</source>
        <translation>Zusätzliche Konfiguration:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="92"/>
        <source>Spark properties:</source>
        <translation>Spark-Eigenschaften:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="96"/>
        <source>Session configuration</source>
        <translation>Sitzungskonfiguration</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="97"/>
        <source>Execution role:</source>
        <translation>Ausführungsrolle:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="98"/>
        <source>Working directory:</source>
        <translation>Arbeitsverzeichnis:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="99"/>
        <source>Idle timeout:</source>
        <translation>Leerlauf-Zeitlimit:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="100"/>
        <source>Encryption:</source>
        <translation>Verschlüsselung:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="102"/>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="103"/>
        <source>DPU-hours:</source>
        <translation>DPU-Stunden:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="104"/>
        <source>Estimated cost:</source>
        <translation>Geschätzte Kosten:</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="106"/>
        <source>Observed state changes</source>
        <translation>Beobachtete Statuswechsel</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="124"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="134"/>
        <source>Select a session to see its details.</source>
        <translation>Wählen Sie eine Sitzung, um ihre Details zu sehen.</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="173"/>
        <source>Calculations</source>
        <translation>Berechnungen</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="174"/>
        <source>Run code</source>
        <translation>Code ausführen</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="175"/>
        <source>Executors</source>
        <translation>Executors</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="176"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="243"/>
        <source>Loading details…</source>
        <translation>Details werden geladen …</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="276"/>
        <source> (idle for %1)</source>
        <translation> (%1 im Leerlauf)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/detailpane.cpp" line="293"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="301"/>
        <source>%1 (at %2 per DPU-hour)</source>
        <translation>%1 (bei %2 pro DPU-Stunde)</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="318"/>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="319"/>
        <source>from %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="319"/>
        <source>first seen</source>
        <translation>zuerst gesehen</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="322"/>
        <source>No state change observed yet.</source>
        <translation>Noch kein Statuswechsel beobachtet.</translation>
    </message>
    <message>
        <location filename="../../ui/detailpane.cpp" line="330"/>
        <source>Updated %1 ago</source>
        <translation>Vor %1 aktualisiert</translation>
    </message>
</context>
<context>
    <name>DpuChart</name>
    <message>
        <location filename="../../ui/dpuchart.cpp" line="9"/>
        <source>DPUs in use over time</source>
        <translation>Genutzte DPUs im Zeitverlauf</translation>
    </message>
    <message>
        <location filename="../../ui/dpuchart.cpp" line="34"/>
        <source>No executors seen yet</source>
        <translation>Noch keine Executors gesehen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dpuchart.cpp" line="49"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n Minute</numerusform>
            <numerusform>vor %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dpuchart.cpp" line="51"/>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
</context>
<context>
    <name>EmptyStatePage</name>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="80"/>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt …</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="86"/>
        <source>No session matches “%1”</source>
        <translation>Keine Sitzung passt zu „%1“</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="87"/>
        <source>The search looks at session IDs and descriptions.</source>
        <translation>Die Suche berücksichtigt Sitzungs-IDs und Beschreibungen.</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="87"/>
        <source>Clear search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="93"/>
        <source>No Spark workgroups</source>
        <translation>Keine Spark-Arbeitsgruppen</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="94"/>
        <source>&lt;p&gt;This account has no workgroup with an Apache Spark engine in %1.&lt;/p&gt;&lt;p&gt;Create one in the Athena console (or with &lt;code&gt;aws athena create-work-group&lt;/code&gt;), then refresh.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Dieses Konto hat in %1 keine Arbeitsgruppe mit einer Apache-Spark-Engine.&lt;/p&gt;&lt;p&gt;Legen Sie eine in der Athena-Konsole an (oder mit &lt;code&gt;aws athena create-work-group&lt;/code&gt;) und aktualisieren Sie dann.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="96"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="100"/>
        <source>Sessions could not be listed</source>
        <translation>Sitzungen konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="101"/>
        <location filename="../../ui/emptystatepage.cpp" line="109"/>
        <location filename="../../ui/emptystatepage.cpp" line="143"/>
        <location filename="../../ui/emptystatepage.cpp" line="149"/>
        <location filename="../../ui/emptystatepage.cpp" line="155"/>
        <location filename="../../ui/emptystatepage.cpp" line="159"/>
        <location filename="../../ui/emptystatepage.cpp" line="164"/>
        <location filename="../../ui/emptystatepage.cpp" line="170"/>
        <location filename="../../ui/emptystatepage.cpp" line="177"/>
        <location filename="../../ui/emptystatepage.cpp" line="182"/>
        <location filename="../../ui/emptystatepage.cpp" line="184"/>
        <location filename="../../ui/emptystatepage.cpp" line="187"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="105"/>
        <source>Loading sessions…</source>
        <translation>Sitzungen werden geladen …</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="109"/>
        <source>The listing was cancelled</source>
        <translation>Das Auflisten wurde abgebrochen</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="109"/>
        <source>Nothing was listed before it stopped.</source>
        <translation>Bis zum Abbruch wurde nichts aufgelistet.</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="112"/>
        <source>any Spark workgroup</source>
        <translation>einer Spark-Arbeitsgruppe</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="114"/>
        <source>active sessions</source>
        <translation>aktiven Sitzungen</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="115"/>
        <source>sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="116"/>
        <source>%1 sessions</source>
        <translation>Sitzungen im Status %1</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="117"/>
        <source>No %1 in %2</source>
        <translation>Keine %1 in %2</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="117"/>
        <source>Start one, or choose another workgroup or state above.</source>
        <translation>Starten Sie eine oder wählen Sie oben eine andere Arbeitsgruppe oder einen anderen Status.</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="118"/>
        <source>Start session…</source>
        <translation>Sitzung starten …</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="135"/>
        <source>Sign-in required</source>
        <translation>Anmeldung erforderlich</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="136"/>
        <source>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Sign in to IAM Identity Center: your browser opens the sign-in page, and the AWS CLI shares the sign-in.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Melden Sie sich bei IAM Identity Center an: Ihr Browser öffnet die Anmeldeseite, und die AWS CLI nutzt dieselbe Anmeldung.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="138"/>
        <source>Sign in…</source>
        <translation>Anmelden…</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="140"/>
        <source>The AWS session has expired</source>
        <translation>Die AWS-Sitzung ist abgelaufen</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="141"/>
        <source>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Retry to get new credentials from the profile (an assumed role asks for its MFA code again), or refresh the keys it reads.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Wiederholen Sie den Versuch, um neue Anmeldedaten aus dem Profil zu erhalten (eine übernommene Rolle fragt erneut nach ihrem MFA-Code), oder erneuern Sie die Schlüssel, die es liest.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="145"/>
        <source>No AWS credentials</source>
        <translation>Keine AWS-Anmeldedaten</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="146"/>
        <source>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Add a profile with &lt;code&gt;aws configure --profile NAME&lt;/code&gt; (or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), then choose it above. Or look around in the Local sandbox, which needs no AWS account.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Legen Sie mit &lt;code&gt;aws configure --profile NAME&lt;/code&gt; ein Profil an (oder setzen Sie AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY) und wählen Sie es oben aus. Oder sehen Sie sich in der lokalen Sandbox um, die kein AWS-Konto braucht.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="138"/>
        <location filename="../../ui/emptystatepage.cpp" line="143"/>
        <location filename="../../ui/emptystatepage.cpp" line="149"/>
        <location filename="../../ui/emptystatepage.cpp" line="155"/>
        <location filename="../../ui/emptystatepage.cpp" line="159"/>
        <location filename="../../ui/emptystatepage.cpp" line="164"/>
        <location filename="../../ui/emptystatepage.cpp" line="170"/>
        <location filename="../../ui/emptystatepage.cpp" line="177"/>
        <location filename="../../ui/emptystatepage.cpp" line="182"/>
        <location filename="../../ui/emptystatepage.cpp" line="185"/>
        <location filename="../../ui/emptystatepage.cpp" line="188"/>
        <source>Use the Local sandbox</source>
        <translation>Lokale Sandbox verwenden</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="51"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="64"/>
        <source>No answer yet after %1 s.</source>
        <translation>Noch keine Antwort nach %1 s.</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="152"/>
        <source>An AWS configuration file is broken</source>
        <translation>Eine AWS-Konfigurationsdatei ist fehlerhaft</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="153"/>
        <source>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Fix that line (the AWS CLI refuses the file too), then Retry. The profiles above are those that could be read; the Local sandbox works meanwhile.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Berichtigen Sie diese Zeile (auch die AWS CLI lehnt die Datei ab) und versuchen Sie es erneut. Oben stehen die Profile, die sich lesen ließen; die lokale Sandbox funktioniert solange.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="157"/>
        <source>The connection settings are incomplete</source>
        <translation>Die Verbindungseinstellungen sind unvollständig</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="158"/>
        <source>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Choose a region above, or fix the profile in your AWS config files.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Wählen Sie oben eine Region oder korrigieren Sie das Profil in Ihren AWS-Konfigurationsdateien.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="161"/>
        <source>The access key is not known</source>
        <translation>Der Zugriffsschlüssel ist unbekannt</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="162"/>
        <source>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;AWS does not know the access key id of this profile: it was deleted, mistyped, or belongs to another partition or endpoint. Check the profile&apos;s keys.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;AWS kennt die Zugriffsschlüssel-ID dieses Profils nicht: Sie wurde gelöscht, falsch eingegeben oder gehört zu einer anderen Partition oder einem anderen Endpunkt. Prüfen Sie die Schlüssel des Profils.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="167"/>
        <source>The secret key does not match</source>
        <translation>Der geheime Schlüssel passt nicht</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="168"/>
        <source>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;The request was signed with a secret access key that does not belong to the access key id (or the machine&apos;s clock is far off). Check the profile&apos;s secret key.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Die Anfrage wurde mit einem geheimen Schlüssel signiert, der nicht zur Zugriffsschlüssel-ID gehört (oder die Uhr des Rechners geht weit falsch). Prüfen Sie den geheimen Schlüssel des Profils.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="173"/>
        <source>Access denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="174"/>
        <source>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;The credentials were refused or lack permission (athena:ListWorkGroups, athena:ListSessions, athena:GetSession). Check the profile&apos;s policy, or its clock if the signature expired.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Die Anmeldedaten wurden abgelehnt oder haben keine Berechtigung (athena:ListWorkGroups, athena:ListSessions, athena:GetSession). Prüfen Sie die Richtlinie des Profils – oder die Uhr, falls die Signatur abgelaufen ist.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="179"/>
        <source>The endpoint cannot be reached</source>
        <translation>Der Endpunkt ist nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="180"/>
        <source>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Check the network, a proxy, or the endpoint URL (AWS_ENDPOINT_URL_ATHENA, the profile&apos;s endpoint_url).&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Prüfen Sie das Netzwerk, einen Proxy oder die Endpunkt-URL (AWS_ENDPOINT_URL_ATHENA, endpoint_url des Profils).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="184"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../../ui/emptystatepage.cpp" line="187"/>
        <source>Could not connect</source>
        <translation>Verbindung fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>ExecutorListModel</name>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="237"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="238"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="239"/>
        <source>DPUs</source>
        <translation>DPUs</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="240"/>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="241"/>
        <source>Executor ID</source>
        <translation>Executor-ID</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="256"/>
        <source>Started %1</source>
        <translation>Gestartet %1</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="258"/>
        <source>Ended %1</source>
        <translation>Beendet %1</translation>
    </message>
    <message>
        <location filename="../../app/sessions/calculationmodels.cpp" line="271"/>
        <source>ended %1 ago</source>
        <translation>beendet vor %1</translation>
    </message>
</context>
<context>
    <name>ExecutorsTab</name>
    <message>
        <location filename="../../ui/executorstab.cpp" line="32"/>
        <source>Executors</source>
        <translation>Executors</translation>
    </message>
    <message>
        <location filename="../../ui/executorstab.cpp" line="53"/>
        <source>No executors listed yet.</source>
        <translation>Noch keine Executors aufgelistet.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/executorstab.cpp" line="55"/>
        <source>&lt;b&gt;%1 DPUs in use now&lt;/b&gt; by %n executor(s); peak seen %2 DPUs.</source>
        <translation>
            <numerusform>&lt;b&gt;%1 DPUs jetzt genutzt&lt;/b&gt; von %n Executor; höchster Wert %2 DPUs.</numerusform>
            <numerusform>&lt;b&gt;%1 DPUs jetzt genutzt&lt;/b&gt; von %n Executors; höchster Wert %2 DPUs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeyValueTable</name>
    <message>
        <location filename="../../ui/keyvaluetable.cpp" line="23"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location filename="../../ui/keyvaluetable.cpp" line="26"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../../ui/keyvaluetable.cpp" line="57"/>
        <source>Add a row to %1</source>
        <translation>Zeile zu %1 hinzufügen</translation>
    </message>
    <message>
        <location filename="../../ui/keyvaluetable.cpp" line="58"/>
        <source>Remove the current row from %1</source>
        <translation>Aktuelle Zeile aus %1 entfernen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="42"/>
        <source>Athena Sessions</source>
        <translation>Athena Sessions</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="61"/>
        <source>MFA code</source>
        <translation>MFA-Code</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="61"/>
        <source>Enter the MFA code for %1:</source>
        <translation>MFA-Code für %1 eingeben:</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="86"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="184"/>
        <source>Price per DPU-hour</source>
        <translation>Preis pro DPU-Stunde</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="185"/>
        <source>The price of a DPU-hour in US dollars, for every cost shown (Athena&apos;s us-east-1 price is $0.35):</source>
        <translation>Der Preis einer DPU-Stunde in US-Dollar, für alle angezeigten Kosten (Athenas Preis in us-east-1: 0,35 $):</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="266"/>
        <source>Terminating %1</source>
        <translation>%1 wird beendet</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="268"/>
        <source>Could not terminate %1: %2</source>
        <translation>%1 konnte nicht beendet werden: %2</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="276"/>
        <location filename="../../ui/mainwindow.cpp" line="458"/>
        <source>Select a session to see its details.</source>
        <translation>Wählen Sie eine Sitzung, um ihre Details zu sehen.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="345"/>
        <source>Signed in to IAM Identity Center</source>
        <translation>Bei IAM Identity Center angemeldet</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="354"/>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="459"/>
        <source>%n sessions selected.</source>
        <translation>
            <numerusform>%n Sitzung ausgewählt.</numerusform>
            <numerusform>%n Sitzungen ausgewählt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="534"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="536"/>
        <source>Terminate these sessions?</source>
        <translation>
            <numerusform>Diese Sitzung beenden?</numerusform>
            <numerusform>Diese Sitzungen beenden?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="537"/>
        <source>Running calculations are cancelled. This cannot be undone.</source>
        <translation>Laufende Berechnungen werden abgebrochen. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="538"/>
        <source>Terminate sessions</source>
        <translation>
            <numerusform>Sitzung beenden</numerusform>
            <numerusform>Sitzungen beenden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.cpp" line="538"/>
        <source>&amp;Terminate %n session(s)</source>
        <translation>
            <numerusform>%n Sitzung &amp;beenden</numerusform>
            <numerusform>%n Sitzungen &amp;beenden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="68"/>
        <source>Started %1</source>
        <translation>%1 gestartet</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../ui/notifier.cpp" line="66"/>
        <source>Notifications (%1)</source>
        <translation>Benachrichtigungen (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.cpp" line="66"/>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.cpp" line="67"/>
        <source>State changes of the sessions you started or pinned appear here</source>
        <translation>Statuswechsel der Sitzungen, die Sie gestartet oder angeheftet haben, erscheinen hier</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/notifier.cpp" line="69"/>
        <source>Notifications, %n not seen yet</source>
        <translation>
            <numerusform>Benachrichtigungen, %n ungelesen</numerusform>
            <numerusform>Benachrichtigungen, %n ungelesen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/notifier.cpp" line="80"/>
        <source>No notifications yet</source>
        <translation>Noch keine Benachrichtigungen</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.cpp" line="90"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
</context>
<context>
    <name>RowExporter</name>
    <message>
        <location filename="../../ui/rowexporter.cpp" line="22"/>
        <source>Export as JSON</source>
        <translation>Als JSON exportieren</translation>
    </message>
    <message>
        <location filename="../../ui/rowexporter.cpp" line="22"/>
        <source>Export as CSV</source>
        <translation>Als CSV exportieren</translation>
    </message>
    <message>
        <location filename="../../ui/rowexporter.cpp" line="24"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/rowexporter.cpp" line="24"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/rowexporter.cpp" line="35"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../../ui/rowexporter.cpp" line="35"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/rowexporter.cpp" line="38"/>
        <source>Exported %n session(s) to %1</source>
        <translation>
            <numerusform>%n Sitzung nach %1 exportiert</numerusform>
            <numerusform>%n Sitzungen nach %1 exportiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunCodeTab</name>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="206"/>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="208"/>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="212"/>
        <source>Code to run</source>
        <translation>Auszuführender Code</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="214"/>
        <source>Python code for the session, e.g. spark.range(10).count()</source>
        <translation>Python-Code für die Sitzung, z. B. spark.range(10).count()</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="222"/>
        <source>&amp;Run</source>
        <translation>A&amp;usführen</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="224"/>
        <source>Run the code in the session (%1)</source>
        <translation>Den Code in der Sitzung ausführen (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="240"/>
        <source>Submitted %1.</source>
        <translation>%1 eingereicht.</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="246"/>
        <source>Not submitted: %1</source>
        <translation>Nicht eingereicht: %1</translation>
    </message>
    <message>
        <location filename="../../ui/calculationstab.cpp" line="276"/>
        <source>Submitting…</source>
        <translation>Wird eingereicht …</translation>
    </message>
</context>
<context>
    <name>SandboxBanner</name>
    <message>
        <location filename="../../ui/sandboxbanner.cpp" line="18"/>
        <source>&lt;b&gt;Local sandbox:&lt;/b&gt; simulated sessions on this computer, no AWS account and no cost. To see your AWS sessions, choose a profile in the Profile box (from ~/.aws/config).</source>
        <translation>&lt;b&gt;Lokale Sandbox:&lt;/b&gt; simulierte Sitzungen auf diesem Rechner, ohne AWS-Konto und ohne Kosten. Für Ihre AWS-Sitzungen wählen Sie ein Profil im Feld Profil (aus ~/.aws/config).</translation>
    </message>
    <message>
        <location filename="../../ui/sandboxbanner.cpp" line="27"/>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <location filename="../../ui/sandboxbanner.cpp" line="30"/>
        <source>Dismiss this note; it will not come back</source>
        <translation>Diesen Hinweis ausblenden; er kommt nicht wieder</translation>
    </message>
    <message>
        <location filename="../../ui/sandboxbanner.cpp" line="31"/>
        <source>Dismiss the sandbox note</source>
        <translation>Sandbox-Hinweis ausblenden</translation>
    </message>
</context>
<context>
    <name>SessionInside</name>
    <message>
        <location filename="../../app/sessions/sessioninside.cpp" line="215"/>
        <source>Select a session first.</source>
        <translation>Wählen Sie zuerst eine Sitzung.</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessioninside.cpp" line="217"/>
        <location filename="../../app/sessions/sessioninside.cpp" line="233"/>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessioninside.cpp" line="225"/>
        <source>The session is starting; code can run once it is IDLE.</source>
        <translation>Die Sitzung startet; Code kann laufen, sobald sie IDLE ist.</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessioninside.cpp" line="226"/>
        <source>The session has ended (%1): start a new one to run code.</source>
        <translation>Die Sitzung ist beendet (%1): Starten Sie eine neue, um Code auszuführen.</translation>
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
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="97"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="98"/>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="135"/>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="145"/>
        <source>busy %1</source>
        <translation>beschäftigt %1</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="162"/>
        <source>The session&apos;s state; its tooltip gives the reason for the last change</source>
        <translation>Der Status der Sitzung; der Tooltip nennt den Grund des letzten Wechsels</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="163"/>
        <source>The session&apos;s ID</source>
        <translation>Die ID der Sitzung</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="164"/>
        <source>The description given when the session was started</source>
        <translation>Die Beschreibung, die beim Start angegeben wurde</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="165"/>
        <source>The Spark workgroup the session runs in</source>
        <translation>Die Spark-Arbeitsgruppe, in der die Sitzung läuft</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="166"/>
        <source>The Apache Spark engine version</source>
        <translation>Die Version der Apache-Spark-Engine</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="167"/>
        <source>When the session was started</source>
        <translation>Wann die Sitzung gestartet wurde</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="168"/>
        <source>How long an IDLE session has been idle, or a BUSY one busy</source>
        <translation>Wie lange eine IDLE-Sitzung schon im Leerlauf ist, eine BUSY-Sitzung schon arbeitet</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="169"/>
        <source>When the idle timeout ends an IDLE session</source>
        <translation>Wann das Leerlauf-Zeitlimit eine IDLE-Sitzung beendet</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="170"/>
        <source>When the session last changed</source>
        <translation>Wann sich die Sitzung zuletzt änderte</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="171"/>
        <source>When the session ended</source>
        <translation>Wann die Sitzung endete</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="172"/>
        <source>The notebook version, for sessions started from a notebook</source>
        <translation>Die Notebook-Version, bei Sitzungen aus einem Notebook</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="173"/>
        <source>DPU-hours used so far</source>
        <translation>Bisher verbrauchte DPU-Stunden</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="174"/>
        <source>Estimated cost: DPU-hours times the price per DPU-hour</source>
        <translation>Geschätzte Kosten: DPU-Stunden mal Preis pro DPU-Stunde</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="288"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="289"/>
        <source>Session ID</source>
        <translation>Sitzungs-ID</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="290"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="291"/>
        <source>Workgroup</source>
        <translation>Arbeitsgruppe</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="292"/>
        <source>Engine version</source>
        <translation>Engine-Version</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="293"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="294"/>
        <source>Idle / busy for</source>
        <translation>Leerlauf-/Arbeitsdauer</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="295"/>
        <source>Ends in</source>
        <translation>Endet in</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="300"/>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="296"/>
        <source>Last modified</source>
        <translation>Zuletzt geändert</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="297"/>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="298"/>
        <source>Notebook version</source>
        <translation>Notebook-Version</translation>
    </message>
    <message>
        <location filename="../../app/sessions/sessiontablemodel.cpp" line="299"/>
        <source>DPU-hours</source>
        <translation>DPU-Stunden</translation>
    </message>
</context>
<context>
    <name>SessionTableView</name>
    <message>
        <location filename="../../ui/sessiontableview.cpp" line="11"/>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <location filename="../../ui/sessiontableview.cpp" line="12"/>
        <source>One row per session; Enter shows its details, the context menu its commands</source>
        <translation>Eine Zeile pro Sitzung; Eingabe zeigt die Details, das Kontextmenü die Befehle</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/signindialog.cpp" line="16"/>
        <source>Sign in to IAM Identity Center</source>
        <translation>Bei IAM Identity Center anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/signindialog.cpp" line="18"/>
        <source>Profile &lt;b&gt;%1&lt;/b&gt; signs in at %2. The sign-in page opens in your browser; approve the request there.</source>
        <translation>Profil &lt;b&gt;%1&lt;/b&gt; meldet sich bei %2 an. Die Anmeldeseite öffnet sich in Ihrem Browser; bestätigen Sie die Anfrage dort.</translation>
    </message>
    <message>
        <location filename="../../ui/signindialog.cpp" line="31"/>
        <location filename="../../ui/signindialog.cpp" line="85"/>
        <source>Contacting IAM Identity Center…</source>
        <translation>IAM Identity Center wird kontaktiert…</translation>
    </message>
    <message>
        <location filename="../../ui/signindialog.cpp" line="35"/>
        <source>Open the page again</source>
        <translation>Seite erneut öffnen</translation>
    </message>
    <message>
        <location filename="../../ui/signindialog.cpp" line="38"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../ui/signindialog.cpp" line="104"/>
        <source>Check that the page shows this code, then approve. Waiting for the approval… (the code is valid for %1 more minutes)</source>
        <translation>Prüfen Sie, dass die Seite diesen Code zeigt, und bestätigen Sie dann. Warte auf die Bestätigung… (der Code ist noch %1 Minuten gültig)</translation>
    </message>
    <message>
        <location filename="../../ui/signindialog.cpp" line="116"/>
        <source>The sign-in did not complete: %1</source>
        <translation>Die Anmeldung wurde nicht abgeschlossen: %1</translation>
    </message>
</context>
<context>
    <name>StartSessionDialog</name>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="27"/>
        <source>Start session</source>
        <translation>Sitzung starten</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="44"/>
        <source>Workgroup</source>
        <translation>Arbeitsgruppe</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="50"/>
        <source>&amp;Workgroup:</source>
        <translation>&amp;Arbeitsgruppe:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="56"/>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="56"/>
        <source>What this session is for</source>
        <translation>Wofür diese Sitzung gedacht ist</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="58"/>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="60"/>
        <source>Max concurrent &amp;DPUs:</source>
        <translation>Max. gleichzeitige &amp;DPUs:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="60"/>
        <source>2 to 5000</source>
        <translation>2 bis 5000</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="61"/>
        <source>&amp;Coordinator DPU size:</source>
        <translation>DPU-Größe des &amp;Koordinators:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="62"/>
        <source>Default &amp;executor DPU size:</source>
        <translation>Standard-DPU-Größe der &amp;Executors:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="63"/>
        <source>&amp;Idle timeout (minutes):</source>
        <translation>&amp;Leerlauf-Zeitlimit (Minuten):</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="63"/>
        <source>1 to 480</source>
        <translation>1 bis 480</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="67"/>
        <source>Notebook version</source>
        <translation>Notebook-Version</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="70"/>
        <source>&amp;Notebook version:</source>
        <translation>&amp;Notebook-Version:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="79"/>
        <source>Estimated cost:</source>
        <translation>Geschätzte Kosten:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="81"/>
        <location filename="../../ui/startsessiondialog.cpp" line="84"/>
        <source>Additional configs</source>
        <translation>Zusätzliche Konfiguration</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="82"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="82"/>
        <location filename="../../ui/startsessiondialog.cpp" line="90"/>
        <location filename="../../ui/startsessiondialog.cpp" line="176"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="89"/>
        <location filename="../../ui/startsessiondialog.cpp" line="92"/>
        <source>Spark properties</source>
        <translation>Spark-Eigenschaften</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="90"/>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="178"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="251"/>
        <source>&amp;Managed logging (kept by Athena)</source>
        <translation>&amp;Verwaltete Protokollierung (bei Athena)</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="252"/>
        <location filename="../../ui/startsessiondialog.cpp" line="260"/>
        <source>KMS key:</source>
        <translation>KMS-Schlüssel:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="253"/>
        <location filename="../../ui/startsessiondialog.cpp" line="260"/>
        <source>optional: key ARN, alias or key ID</source>
        <translation>optional: Schlüssel-ARN, Alias oder Schlüssel-ID</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="254"/>
        <source>Clo&amp;udWatch Logs</source>
        <translation>Clo&amp;udWatch Logs</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="255"/>
        <source>Log group:</source>
        <translation>Protokollgruppe:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="255"/>
        <source>/aws-athena/spark</source>
        <translation>/aws-athena/spark</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="256"/>
        <source>Stream prefix:</source>
        <translation>Stream-Präfix:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="257"/>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="258"/>
        <source>S&amp;3</source>
        <translation>S&amp;3</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="259"/>
        <source>Location:</source>
        <translation>Ort:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="259"/>
        <source>s3://bucket/logs/</source>
        <translation>s3://bucket/logs/</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="327"/>
        <source>up to %1 per hour with every DPU in use
%2 per hour while idle (at %3 per DPU-hour)</source>
        <translation>bis zu %1 pro Stunde, wenn alle DPUs arbeiten
%2 pro Stunde im Leerlauf (bei %3 pro DPU-Stunde)</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="331"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="343"/>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="351"/>
        <source>The session was not started: %1</source>
        <translation>Die Sitzung wurde nicht gestartet: %1</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="353"/>
        <source>&lt;br&gt;The request may have reached the service. Pressing Start again sends the same client request token, so it cannot start a second session.</source>
        <translation>&lt;br&gt;Die Anfrage hat den Dienst möglicherweise erreicht. Ein erneutes Starten schickt dasselbe Client-Anfrage-Token und kann daher keine zweite Sitzung starten.</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="209"/>
        <source>Sent with every retry of this start, so that a retry never starts a second session.</source>
        <translation>Wird bei jeder Wiederholung dieses Starts mitgeschickt, damit eine Wiederholung nie eine zweite Sitzung startet.</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="212"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="218"/>
        <source>Client request &amp;token:</source>
        <translation>Client-Anfrage-&amp;Token:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="129"/>
        <location filename="../../ui/startsessiondialog.cpp" line="350"/>
        <source>&amp;Start session</source>
        <translation>Sitzung &amp;starten</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="108"/>
        <source>Advanced: execution role, tags, logging, classifications, request token</source>
        <translation>Erweitert: Ausführungsrolle, Tags, Protokollierung, Klassifizierungen, Anfrage-Token</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="173"/>
        <source>E&amp;xecution role:</source>
        <translation>Ausführungs&amp;rolle:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="174"/>
        <source>The workgroup&apos;s role unless set: arn:aws:iam::123456789012:role/name</source>
        <translation>Leer: die Rolle der Arbeitsgruppe; sonst arn:aws:iam::123456789012:role/name</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="176"/>
        <source>Tag key</source>
        <translation>Tag-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="180"/>
        <source>Ta&amp;gs:</source>
        <translation>Ta&amp;gs:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="186"/>
        <source>&amp;Also tag the session with the workgroup&apos;s tags</source>
        <translation>&amp;Auch die Tags der Arbeitsgruppe an die Sitzung hängen</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="189"/>
        <source>Logging:</source>
        <translation>Protokollierung:</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="198"/>
        <source>C&amp;lassifications (JSON):</source>
        <translation>K&amp;lassifizierungen (JSON):</translation>
    </message>
    <message>
        <location filename="../../ui/startsessiondialog.cpp" line="213"/>
        <source>A new token: pressing Start then starts a new session even if an earlier start reached the service.</source>
        <translation>Ein neues Token: Starten beginnt dann eine neue Sitzung, auch wenn ein früherer Start den Dienst erreicht hat.</translation>
    </message>
</context>
<context>
    <name>StartSessionForm</name>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="131"/>
        <source>%1 must be a whole number</source>
        <translation>%1 muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="138"/>
        <source>Additional config</source>
        <translation>Zusätzliche Konfiguration</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="138"/>
        <source>Spark property</source>
        <translation>Spark-Eigenschaft</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="144"/>
        <source>%1 with value &apos;%2&apos; has no key</source>
        <translation>%1 mit dem Wert „%2“ hat keinen Schlüssel</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="146"/>
        <source>%1 &apos;%2&apos; appears twice</source>
        <translation>%1 „%2“ kommt zweimal vor</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="149"/>
        <location filename="../../app/sessions/startsessionform.cpp" line="151"/>
        <source>%1 &apos;%2&apos;: %3</source>
        <translation>%1 „%2“: %3</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="164"/>
        <source>The tag with value &apos;%1&apos; has no key</source>
        <translation>Das Tag mit dem Wert „%1“ hat keinen Schlüssel</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="166"/>
        <source>Tag &apos;%1&apos; appears twice</source>
        <translation>Tag „%1“ kommt zweimal vor</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="169"/>
        <source>Tag &apos;%1&apos;: keys beginning with &apos;aws:&apos; are reserved for AWS</source>
        <translation>Tag „%1“: Schlüssel, die mit „aws:“ beginnen, sind AWS vorbehalten</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="171"/>
        <location filename="../../app/sessions/startsessionform.cpp" line="173"/>
        <source>Tag &apos;%1&apos;: %2</source>
        <translation>Tag „%1“: %2</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="185"/>
        <source>Classifications are not valid JSON: %1 at character %2</source>
        <translation>Die Klassifizierungen sind kein gültiges JSON: %1 bei Zeichen %2</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="189"/>
        <source>Classifications must be a JSON list such as [{&quot;Name&quot;: &quot;spark-defaults&quot;, &quot;Properties&quot;: {…}}]</source>
        <translation>Die Klassifizierungen müssen eine JSON-Liste sein, etwa [{&quot;Name&quot;: &quot;spark-defaults&quot;, &quot;Properties&quot;: {…}}]</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="196"/>
        <source>Classifications do not match the API: %1</source>
        <translation>Die Klassifizierungen passen nicht zur API: %1</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="209"/>
        <source>Classification &apos;%1&apos;, property &apos;%2&apos;: %3</source>
        <translation>Klassifizierung „%1“, Eigenschaft „%2“: %3</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="246"/>
        <source>%1: sessions need an enabled workgroup with an Apache Spark engine</source>
        <translation>%1: Sitzungen brauchen eine aktivierte Arbeitsgruppe mit Apache-Spark-Engine</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="264"/>
        <source>A notebook version needs a NotebookId in the additional configs</source>
        <translation>Eine Notebook-Version braucht eine NotebookId in der zusätzlichen Konfiguration</translation>
    </message>
    <message>
        <location filename="../../app/sessions/startsessionform.cpp" line="286"/>
        <source>S3 logging needs a location such as s3://bucket/logs/</source>
        <translation>Die S3-Protokollierung braucht einen Ort wie s3://bucket/logs/</translation>
    </message>
</context>
<context>
    <name>StartSessionLauncher</name>
    <message>
        <location filename="../../ui/startsessionlauncher.cpp" line="29"/>
        <source>Start a session like %1</source>
        <translation>Eine Sitzung wie %1 starten</translation>
    </message>
</context>
<context>
    <name>StateFilter</name>
    <message>
        <location filename="../../app/sessions/statefilter.cpp" line="54"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../app/sessions/statefilter.cpp" line="55"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
</context>
<context>
    <name>TableLive</name>
    <message>
        <location filename="../../ui/tablelive.cpp" line="84"/>
        <source>Selection: %1</source>
        <translation>Auswahl: %1</translation>
    </message>
    <message>
        <location filename="../../ui/tablelive.cpp" line="91"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/tablelive.cpp" line="94"/>
        <source>Shown: %1</source>
        <translation>Angezeigt: %1</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../ui/windowactions.cpp" line="23"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="26"/>
        <source>Refresh the session list (F5)</source>
        <translation>Sitzungsliste aktualisieren (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="28"/>
        <source>&amp;New session…</source>
        <translation>&amp;Neue Sitzung …</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="32"/>
        <source>Start &amp;similar…</source>
        <translation>Ä&amp;hnliche starten …</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="36"/>
        <source>&amp;Terminate…</source>
        <translation>Sitzung b&amp;eenden …</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="40"/>
        <source>&amp;Copy session ID</source>
        <translation>Sitzungs-ID &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="45"/>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="49"/>
        <source>&amp;Pin (notify on state changes)</source>
        <translation>&amp;Anheften (bei Statuswechseln benachrichtigen)</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="54"/>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="58"/>
        <source>Export visible rows as &amp;CSV…</source>
        <translation>Sichtbare Zeilen als &amp;CSV exportieren …</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="60"/>
        <source>Export visible rows as &amp;JSON…</source>
        <translation>Sichtbare Zeilen als &amp;JSON exportieren …</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="63"/>
        <source>&amp;Sign in to IAM Identity Center…</source>
        <translation>Bei IAM Identity Center &amp;anmelden…</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="67"/>
        <source>Show the &amp;detail pane</source>
        <translation>&amp;Detailbereich anzeigen</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="73"/>
        <source>Price per DPU-&amp;hour…</source>
        <translation>&amp;Preis pro DPU-Stunde …</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="84"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="90"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="92"/>
        <source>&amp;Session</source>
        <translation>&amp;Sitzung</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="96"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="101"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="102"/>
        <source>&amp;About Athena Sessions</source>
        <translation>&amp;Über Athena Sessions</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="104"/>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="113"/>
        <source>About Athena Sessions</source>
        <translation>Über Athena Sessions</translation>
    </message>
    <message>
        <location filename="../../ui/windowactions.cpp" line="114"/>
        <source>&lt;h3&gt;Athena Sessions %1&lt;/h3&gt;&lt;p&gt;A dashboard for Amazon Athena for Apache Spark sessions.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Athena Sessions %1&lt;/h3&gt;&lt;p&gt;Ein Dashboard für Sitzungen von Amazon Athena für Apache Spark.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/windowactions.cpp" line="123"/>
        <source>&amp;Copy session ID(s)</source>
        <translation>
            <numerusform>Sitzungs-ID &amp;kopieren</numerusform>
            <numerusform>Sitzungs-IDs &amp;kopieren</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowStatusBar</name>
    <message>
        <location filename="../../ui/windowstatusbar.cpp" line="13"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/windowstatusbar.cpp" line="22"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../ui/windowstatusbar.cpp" line="27"/>
        <source>DPU-hours and estimated cost of the selected sessions, of the workgroup and of every session shown</source>
        <translation>DPU-Stunden und geschätzte Kosten der ausgewählten Sitzungen, der Arbeitsgruppe und aller angezeigten Sitzungen</translation>
    </message>
    <message>
        <location filename="../../ui/windowstatusbar.cpp" line="60"/>
        <source>Loading sessions…</source>
        <translation>Sitzungen werden geladen …</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/windowstatusbar.cpp" line="61"/>
        <source>Loaded %n session(s), </source>
        <translation>
            <numerusform>%n Sitzung geladen, </numerusform>
            <numerusform>%n Sitzungen geladen, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/windowstatusbar.cpp" line="61"/>
        <source>%n page(s)…</source>
        <translation>
            <numerusform>%n Seite …</numerusform>
            <numerusform>%n Seiten …</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/windowstatusbar.cpp" line="63"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/windowstatusbar.cpp" line="100"/>
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n Sitzung</numerusform>
            <numerusform>%n Sitzungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/windowstatusbar.cpp" line="101"/>
        <source>%1 of %n session(s)</source>
        <translation>
            <numerusform>%1 von %n Sitzung</numerusform>
            <numerusform>%1 von %n Sitzungen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/windowstatusbar.cpp" line="103"/>
        <source>(incomplete)</source>
        <translation>(unvollständig)</translation>
    </message>
    <message>
        <location filename="../../ui/windowstatusbar.cpp" line="124"/>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>athena::Validation</name>
    <message>
        <location filename="../../app/athena/validation.cpp" line="24"/>
        <source>Workgroup</source>
        <translation>Arbeitsgruppe</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="25"/>
        <source>letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;</source>
        <translation>Buchstaben, Ziffern, „.“, „_“ und „-“ enthalten</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="26"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="28"/>
        <source>Max concurrent DPUs</source>
        <translation>Max. gleichzeitige DPUs</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="28"/>
        <source> DPUs</source>
        <translation> DPUs</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="30"/>
        <source>Coordinator DPU size</source>
        <translation>DPU-Größe des Koordinators</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="30"/>
        <location filename="../../app/athena/validation.cpp" line="32"/>
        <source> DPU</source>
        <translation> DPU</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="32"/>
        <source>Default executor DPU size</source>
        <translation>Standard-DPU-Größe der Executors</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="34"/>
        <source>Idle timeout</source>
        <translation>Leerlauf-Zeitlimit</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="34"/>
        <source> minutes</source>
        <translation> Minuten</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="35"/>
        <source>Notebook version</source>
        <translation>Notebook-Version</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="38"/>
        <source>Additional configs</source>
        <translation>Zusätzliche Konfigurationen</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="39"/>
        <source>Spark properties</source>
        <translation>Spark-Eigenschaften</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="41"/>
        <source>Client request token</source>
        <translation>Client-Anfrage-Token</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="43"/>
        <source>Execution role</source>
        <translation>Ausführungsrolle</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="45"/>
        <source>an IAM role ARN such as arn:aws:iam::123456789012:role/name</source>
        <translation>eine IAM-Rollen-ARN wie arn:aws:iam::123456789012:role/name sein</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="46"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="47"/>
        <source>printable characters</source>
        <translation>druckbare Zeichen enthalten</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="48"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="49"/>
        <source>Classification name</source>
        <translation>Klassifizierungsname</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="51"/>
        <source>Tag key</source>
        <translation>Tag-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="52"/>
        <source>Tag value</source>
        <translation>Tag-Wert</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="53"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="54"/>
        <source>Classifications</source>
        <translation>Klassifizierungen</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="57"/>
        <source>Log group</source>
        <translation>Protokollgruppe</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="58"/>
        <source>letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;/&apos; and &apos;-&apos;</source>
        <translation>Buchstaben, Ziffern, „.“, „_“, „/“ und „-“ enthalten</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="60"/>
        <source>Log stream prefix</source>
        <translation>Stream-Präfix</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="61"/>
        <source>characters other than &apos;:&apos; and &apos;*&apos;</source>
        <translation>andere Zeichen als „:“ und „*“ enthalten</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="63"/>
        <location filename="../../app/athena/validation.cpp" line="69"/>
        <source>KMS key</source>
        <translation>KMS-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="64"/>
        <location filename="../../app/athena/validation.cpp" line="70"/>
        <source>a KMS key ARN, alias ARN, alias/NAME or key ID</source>
        <translation>eine KMS-Schlüssel-ARN, Alias-ARN, alias/NAME oder Schlüssel-ID sein</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="66"/>
        <source>S3 log location</source>
        <translation>S3-Protokollort</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="67"/>
        <source>an S3 URI such as s3://bucket/prefix/</source>
        <translation>eine S3-URI wie s3://bucket/prefix/ sein</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="71"/>
        <source>Session ID</source>
        <translation>Sitzungs-ID</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="72"/>
        <location filename="../../app/athena/validation.cpp" line="76"/>
        <location filename="../../app/athena/validation.cpp" line="78"/>
        <source>Max results</source>
        <translation>Max. Ergebnisse</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="74"/>
        <location filename="../../app/athena/validation.cpp" line="80"/>
        <source>Next token</source>
        <translation>Fortsetzungstoken</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="81"/>
        <source>Calculation ID</source>
        <translation>Berechnungs-ID</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="83"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="144"/>
        <location filename="../../app/athena/validation.cpp" line="159"/>
        <source>%1 is required</source>
        <translation>%1 ist erforderlich</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="151"/>
        <source>%1 must be %2%3</source>
        <translation>%1 muss %2%3 sein</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="152"/>
        <source>%1 must be between %2 and %3%4</source>
        <translation>%1 muss zwischen %2 und %3%4 liegen</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="163"/>
        <source>%1 must be at most %2 characters (it has %3)</source>
        <translation>%1 darf höchstens %2 Zeichen haben (hat %3)</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="164"/>
        <source>%1 must be %2 to %3 characters (it has %4)</source>
        <translation>%1 muss %2 bis %3 Zeichen haben (hat %4)</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="177"/>
        <source>%1 may contain only %2</source>
        <translation>%1 darf nur %2</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="201"/>
        <source>A notebook version needs a NotebookId in the additional configs</source>
        <translation>Eine Notebook-Version braucht eine NotebookId in der zusätzlichen Konfiguration</translation>
    </message>
    <message>
        <location filename="../../app/athena/validation.cpp" line="220"/>
        <source>Tag &apos;%1&apos; appears twice</source>
        <translation>Tag „%1“ kommt zweimal vor</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/main.cpp" line="48"/>
        <source>A dashboard for Amazon Athena for Apache Spark sessions.</source>
        <translation>Ein Dashboard für Sitzungen von Amazon Athena für Apache Spark.</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="51"/>
        <source>Connect with this AWS profile.</source>
        <translation>Mit diesem AWS-Profil verbinden.</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="52"/>
        <source>Use this AWS region.</source>
        <translation>Diese AWS-Region verwenden.</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="53"/>
        <source>Send Athena requests to this URL.</source>
        <translation>Athena-Anfragen an diese URL senden.</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="54"/>
        <source>Show this workgroup.</source>
        <translation>Diese Arbeitsgruppe anzeigen.</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="55"/>
        <source>Use the Local sandbox (no AWS account needed).</source>
        <translation>Die lokale Sandbox verwenden (kein AWS-Konto nötig).</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="57"/>
        <source>Save a PNG of the window once the first listing finished, then quit.</source>
        <translation>Ein PNG des Fensters speichern, sobald die erste Liste geladen ist, dann beenden.</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="59"/>
        <source>Quit after this many milliseconds.</source>
        <translation>Nach so vielen Millisekunden beenden.</translation>
    </message>
</context>
</TS>
