<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en_US">
<context>
    <name>ActivityLog</name>
    <message>
        <source>The activity log %1 could not be written: %2.</source>
        <translation>Das Aktivitätsprotokoll %1 konnte nicht geschrieben werden: %2.</translation>
    </message>
</context>
<context>
    <name>BaseUrl</name>
    <message>
        <source>Enter a base URL, or choose Global, US or UK.</source>
        <translation>Geben Sie eine Basis-URL ein oder wählen Sie Global, USA oder Vereinigtes Königreich.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a URL. Use a form like https://api.services.mimecast.com.</source>
        <translation>„%1“ ist keine URL. Verwenden Sie eine Form wie https://api.services.mimecast.com.</translation>
    </message>
    <message>
        <source>The base URL must be scheme and host only (no path, query or user): use %1://%2.</source>
        <translation>Die Basis-URL darf nur Schema und Host enthalten (keinen Pfad, keine Abfrage, keinen Benutzer): verwenden Sie %1://%2.</translation>
    </message>
    <message>
        <source>Plain http is only allowed for the local simulator (127.0.0.1, ::1, localhost). Use https://%1.</source>
        <translation>Unverschlüsseltes http ist nur für den lokalen Simulator erlaubt (127.0.0.1, ::1, localhost). Verwenden Sie https://%1.</translation>
    </message>
    <message>
        <source>The base URL must start with https://.</source>
        <translation>Die Basis-URL muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>%1 is an API 1.0 host; API 2.0 uses https://api.services.mimecast.com (or the US/UK gateway).</source>
        <translation>%1 ist ein Host der API 1.0; die API 2.0 verwendet https://api.services.mimecast.com (oder das US- bzw. UK-Gateway).</translation>
    </message>
</context>
<context>
    <name>BatchFileReader</name>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>die Datei ist leer</translation>
    </message>
    <message>
        <source>the file ends before the gzip trailer (truncated download): only 1 byte was received</source>
        <translation>die Datei endet vor dem gzip-Trailer (abgebrochener Download): nur 1 Byte wurde empfangen</translation>
    </message>
    <message>
        <source>the gzip decoder could not start: %1</source>
        <translation>der gzip-Decoder konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>the file is neither gzip nor JSON text (it starts with %1)</source>
        <translation>die Datei ist weder gzip noch JSON-Text (sie beginnt mit %1)</translation>
    </message>
    <message>
        <source>the file is neither gzip (it does not start with 1f 8b) nor JSON text (it starts with %1)</source>
        <translation>die Datei ist weder gzip (sie beginnt nicht mit 1f 8b) noch JSON-Text (sie beginnt mit %1)</translation>
    </message>
    <message>
        <source>the gzip decoder ran out of memory</source>
        <translation>dem gzip-Decoder ist der Speicher ausgegangen</translation>
    </message>
    <message>
        <source>the gzip CRC-32 check failed in member %1: the file is damaged</source>
        <translation>die gzip-CRC-32-Prüfung ist in Teil %1 fehlgeschlagen: die Datei ist beschädigt</translation>
    </message>
    <message>
        <source>the gzip length check failed in member %1: the file is damaged</source>
        <translation>die gzip-Längenprüfung ist in Teil %1 fehlgeschlagen: die Datei ist beschädigt</translation>
    </message>
    <message>
        <source>data after the end of gzip member %1 is not a gzip member (%2 at compressed byte %3)</source>
        <translation>die Daten nach dem Ende von gzip-Teil %1 sind kein gzip-Teil (%2 bei komprimiertem Byte %3)</translation>
    </message>
    <message>
        <source>the gzip data is corrupt (%1) in member %2 near compressed byte %3</source>
        <translation>die gzip-Daten sind beschädigt (%1) in Teil %2 nahe komprimiertem Byte %3</translation>
    </message>
    <message>
        <source>decompressed size exceeds %1: possible gzip bomb (after %2 compressed bytes)</source>
        <translation>die entpackte Größe überschreitet %1: möglicherweise eine gzip-Bombe (nach %2 komprimierten Bytes)</translation>
    </message>
    <message>
        <source>the file is larger than %1</source>
        <translation>die Datei ist größer als %1</translation>
    </message>
    <message>
        <source>the file ends before the gzip trailer (truncated download) after %1 compressed bytes</source>
        <translation>die Datei endet vor dem gzip-Trailer (abgebrochener Download) nach %1 komprimierten Bytes</translation>
    </message>
    <message>
        <source>not a JSON object (the line starts with %1)</source>
        <translation>kein JSON-Objekt (die Zeile beginnt mit %1)</translation>
    </message>
    <message>
        <source>JSON nesting deeper than %1</source>
        <translation>JSON-Verschachtelung tiefer als %1</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at byte %2</source>
        <translation>kein gültiges JSON: %1 bei Byte %2</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>invalid UTF-8 replaced</source>
        <translation>ungültiges UTF-8 ersetzt</translation>
    </message>
</context>
<context>
    <name>BatchStream</name>
    <message>
        <source>expired at source</source>
        <translation>an der Quelle abgelaufen</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>read the file ledger</source>
        <translation>das Dateiverzeichnis lesen</translation>
    </message>
    <message>
        <source>A quarantined file holds the type %1: retry, accept or skip it on the health page.</source>
        <translation>Eine Datei in Quarantäne hält den Typ %1 an: Wiederholen, akzeptieren oder überspringen Sie sie auf der Statusseite.</translation>
    </message>
    <message>
        <source>Mimecast rejected the page token of the type %1 again right after a token reset; the next run tries again.</source>
        <translation>Mimecast hat das Seitentoken des Typs %1 direkt nach einem Token-Reset erneut abgelehnt; der nächste Lauf versucht es wieder.</translation>
    </message>
    <message>
        <source>the listing of %1 %2</source>
        <translation>die Auflistung von %1 %2</translation>
    </message>
    <message>
        <source>beyond Mimecast SIEM retention (about 7 days)</source>
        <translation>außerhalb der Mimecast-SIEM-Aufbewahrung (etwa 7 Tage)</translation>
    </message>
    <message>
        <source>The quarantined file %1 holds the type %2: retry, accept or skip it on the health page.</source>
        <translation>Die Datei %1 in Quarantäne hält den Typ %2 an: Wiederholen, akzeptieren oder überspringen Sie sie auf der Statusseite.</translation>
    </message>
    <message>
        <source>the position of %1 %2</source>
        <translation>die Position von %1 %2</translation>
    </message>
    <message>
        <source>the token reset of %1 %2</source>
        <translation>den Token-Reset von %1 %2</translation>
    </message>
    <message>
        <source>The link to %1 expired again after %2 new listings; the next run tries again.</source>
        <translation>Der Link zu %1 ist nach %2 neuen Auflistungen erneut abgelaufen; der nächste Lauf versucht es wieder.</translation>
    </message>
    <message>
        <source>The file %1 failed %2 times in this run (%3); the next run tries again.</source>
        <translation>Die Datei %1 ist in diesem Lauf %2-mal fehlgeschlagen (%3); der nächste Lauf versucht es wieder.</translation>
    </message>
    <message>
        <source>file download failed</source>
        <translation>Herunterladen der Datei fehlgeschlagen</translation>
    </message>
    <message>
        <source>line longer than %1 bytes</source>
        <translation>Zeile länger als %1 Bytes</translation>
    </message>
    <message>
        <source>the file %1 of %2</source>
        <translation>die Datei %1 von %2</translation>
    </message>
    <message>
        <source>a failed attempt at %1</source>
        <translation>ein Fehlversuch bei %1</translation>
    </message>
    <message>
        <source>The file %1 of the type %2 failed %3 times and is quarantined: %4. Retry it, accept it as partial or skip it on the health page.</source>
        <translation>Die Datei %1 des Typs %2 ist %3-mal fehlgeschlagen und in Quarantäne: %4. Wiederholen Sie sie, akzeptieren Sie sie als unvollständig oder überspringen Sie sie auf der Statusseite.</translation>
    </message>
    <message>
        <source>the quarantine of %1</source>
        <translation>die Quarantäne von %1</translation>
    </message>
    <message>
        <source>The file %1 of the type %2 is no longer listed by Mimecast (expired at source). Skip it on the health page to record the gap.</source>
        <translation>Die Datei %1 des Typs %2 wird von Mimecast nicht mehr aufgeführt (an der Quelle abgelaufen). Überspringen Sie sie auf der Statusseite, um die Lücke zu erfassen.</translation>
    </message>
    <message>
        <source>the counters of %1</source>
        <translation>die Zähler von %1</translation>
    </message>
</context>
<context>
    <name>CacheAccess</name>
    <message>
        <source>To start a new cache, move the file aside, e.g. mv &apos;%1&apos; &apos;%1.broken&apos; (the console window offers this too).</source>
        <translation>Um einen neuen Cache zu beginnen, verschieben Sie die Datei, z. B. mv &apos;%1&apos; &apos;%1.broken&apos; (das Konsolenfenster bietet das ebenfalls an).</translation>
    </message>
</context>
<context>
    <name>CacheConnection</name>
    <message>
        <source>The cache %1 cannot be opened: %2. Check that you own the file and the profile folder.</source>
        <translation>Der Cache %1 kann nicht geöffnet werden: %2. Prüfen Sie, ob Ihnen die Datei und der Profilordner gehören.</translation>
    </message>
    <message>
        <source>The cache %1 is not a SQLite database (damaged or replaced). Move it aside and start a new cache; the data will be fetched again from Mimecast.</source>
        <translation>Der Cache %1 ist keine SQLite-Datenbank (beschädigt oder ersetzt). Verschieben Sie ihn und beginnen Sie einen neuen Cache; die Daten werden erneut von Mimecast abgerufen.</translation>
    </message>
    <message>
        <source>%1 is a SQLite database of another program (application id 0x%2), not a Mimecast Sentinel Console cache. Move it aside or choose another profile folder.</source>
        <translation>%1 ist eine SQLite-Datenbank eines anderen Programms (Anwendungs-ID 0x%2), kein Cache der Mimecast Sentinel Console. Verschieben Sie sie oder wählen Sie einen anderen Profilordner.</translation>
    </message>
    <message>
        <source>The cache %1 does not exist yet.</source>
        <translation>Der Cache %1 existiert noch nicht.</translation>
    </message>
    <message>
        <source>The cache %1 cannot be opened: %2. Check that the profile folder exists and is writable.</source>
        <translation>Der Cache %1 kann nicht geöffnet werden: %2. Prüfen Sie, ob der Profilordner existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <source>The cache %1 is read-only. Check that you own the file and the folder %2 and that the disk is not mounted read-only.</source>
        <translation>Der Cache %1 ist schreibgeschützt. Prüfen Sie, ob Ihnen die Datei und der Ordner %2 gehören und ob das Laufwerk nicht schreibgeschützt eingehängt ist.</translation>
    </message>
    <message>
        <source>read the schema</source>
        <translation>das Schema lesen</translation>
    </message>
    <message>
        <source>%1 is a SQLite database of another program, not a Mimecast Sentinel Console cache. Move it aside or choose another profile folder.</source>
        <translation>%1 ist eine SQLite-Datenbank eines anderen Programms, kein Cache der Mimecast Sentinel Console. Verschieben Sie sie oder wählen Sie einen anderen Profilordner.</translation>
    </message>
    <message>
        <source>configure the connection</source>
        <translation>die Verbindung einrichten</translation>
    </message>
    <message>
        <source>%1 already exists; try again in a second.</source>
        <translation>%1 existiert bereits; versuchen Sie es in einer Sekunde erneut.</translation>
    </message>
    <message>
        <source>Could not move %1 aside: %2</source>
        <translation>%1 konnte nicht verschoben werden: %2</translation>
    </message>
    <message>
        <source>The cache %1 cannot be opened: the raw_json() function could not be registered (%2).</source>
        <translation>Der Cache %1 kann nicht geöffnet werden: Die Funktion raw_json() konnte nicht registriert werden (%2).</translation>
    </message>
</context>
<context>
    <name>CacheError</name>
    <message>
        <source>The cache could not be written: %1 (while trying to %2). Free space at %3, then try again; nothing was half-written.</source>
        <translation>Der Cache konnte nicht geschrieben werden: %1 (Vorgang: %2). Schaffen Sie Platz auf %3 und versuchen Sie es erneut; nichts wurde halb geschrieben.</translation>
    </message>
    <message>
        <source>The cache %1 is not writable: %2 (while trying to %3). Check that you own the file and the folder %4 and that the disk is not mounted read-only.</source>
        <translation>Der Cache %1 ist nicht beschreibbar: %2 (Vorgang: %3). Prüfen Sie, ob Ihnen die Datei und der Ordner %4 gehören und ob das Laufwerk nicht schreibgeschützt eingehängt ist.</translation>
    </message>
    <message>
        <source>The cache %1 is damaged: %2 (while trying to %3). Move it aside and start a new cache; the data will be fetched again from Mimecast.</source>
        <translation>Der Cache %1 ist beschädigt: %2 (Vorgang: %3). Verschieben Sie ihn und beginnen Sie einen neuen Cache; die Daten werden erneut von Mimecast abgerufen.</translation>
    </message>
    <message>
        <source>The cache %1 could not be read or written: %2 (while trying to %3). Check the disk holding %4.</source>
        <translation>Der Cache %1 konnte nicht gelesen oder geschrieben werden: %2 (Vorgang: %3). Prüfen Sie das Laufwerk mit %4.</translation>
    </message>
    <message>
        <source>A write to the cache %1 was refused: %2 (while trying to %3). Nothing from this step was kept.</source>
        <translation>Ein Schreibvorgang in den Cache %1 wurde abgewiesen: %2 (Vorgang: %3). Nichts aus diesem Schritt wurde behalten.</translation>
    </message>
    <message>
        <source>The cache %1 reported an error: %2 (while trying to %3).</source>
        <translation>Der Cache %1 hat einen Fehler gemeldet: %2 (Vorgang: %3).</translation>
    </message>
</context>
<context>
    <name>CacheReader</name>
    <message>
        <source>count the rows of %1</source>
        <translation>die Zeilen von %1 zählen</translation>
    </message>
    <message>
        <source>read the state of %1</source>
        <translation>den Zustand von %1 lesen</translation>
    </message>
    <message>
        <source>read the quarantine of %1</source>
        <translation>die Quarantäne von %1 lesen</translation>
    </message>
    <message>
        <source>read the gap ledger</source>
        <translation>das Lückenverzeichnis lesen</translation>
    </message>
    <message>
        <source>read the cursors</source>
        <translation>die Cursor lesen</translation>
    </message>
</context>
<context>
    <name>CacheWriter</name>
    <message>
        <source>The cache writer is shutting down.</source>
        <translation>Der Cache-Schreiber wird beendet.</translation>
    </message>
    <message>
        <source>unknown table %1</source>
        <translation>unbekannte Tabelle %1</translation>
    </message>
    <message>
        <source>write to the cache</source>
        <translation>in den Cache schreiben</translation>
    </message>
    <message>
        <source>write %1</source>
        <translation>%1 schreiben</translation>
    </message>
    <message>
        <source>register unit_rows_inserted()</source>
        <translation>unit_rows_inserted() registrieren</translation>
    </message>
    <message>
        <source>%1 was abandoned before it was complete.</source>
        <translation>%1 wurde abgebrochen, bevor es vollständig war.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Profile directory (settings and cache).</source>
        <translation>Profilverzeichnis (Einstellungen und Cache).</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>VERZ</translation>
    </message>
    <message>
        <source>Use the demo profile against the built-in simulator.</source>
        <translation>Das Demoprofil mit dem eingebauten Simulator verwenden.</translation>
    </message>
    <message>
        <source>Machine-readable output (one JSON document).</source>
        <translation>Maschinenlesbare Ausgabe (ein JSON-Dokument).</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Die Version anzeigen.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Run with --help for the usage.</source>
        <translation>Starten Sie mit --help, um die Verwendung zu sehen.</translation>
    </message>
    <message>
        <source>--enable and --disable cannot be used together.</source>
        <translation>--enable und --disable können nicht zusammen verwendet werden.</translation>
    </message>
    <message>
        <source>--profile needs a directory.</source>
        <translation>--profile braucht ein Verzeichnis.</translation>
    </message>
    <message>
        <source>Usage: mimecast-console [OPTIONS] [COMMAND]

Without a command the console window opens. With a command it runs headless,
sharing the profile, keychain and cache with the window.

Options:
  --profile DIR     profile directory (settings and cache); default
                    &lt;AppDataLocation&gt;/profiles/default, or $MIMECAST_CONSOLE_PROFILE
  --demo            a throwaway demo profile against the built-in simulator,
                    which it starts on loopback (demo secret in memory only)
  --json            machine-readable output on stdout (one JSON document)
  -v, --version     show the version
  -h, --help        show this help

Commands:
  connectors list   every connector and stream: enabled, base URL, interval,
                    last success, cursor
  connectors set NAME [--base-url URL] [--client-id ID] [--client-secret-stdin]
                 [--start-date YYYY-MM-DD] [--interval MINUTES] [--enable|--disable]
                    configure a connector (audit, awareness, cloud-integrated, seg,
                    ttp); the secret is read from standard input into the keychain
  sync [NAME...]    ingest once, the named connectors or every enabled one
  status            per stream: rows in cache, newest event time, lag, last
                    success, last error, duplicates, quarantined items, open gaps
  gaps list         the gap ledger: ranges the console knows it could not fetch
  gaps ack ID...    acknowledge the named gaps
  quarantine purge  delete the stored text of quarantined lines

Exit codes: 0 OK; 1 failed or waiting (also disk full, cache not writable);
2 bad usage or configuration; 3 credentials missing or rejected, no keychain.
</source>
        <translation>Verwendung: mimecast-console [OPTIONEN] [BEFEHL]

Ohne Befehl öffnet sich das Konsolenfenster. Mit einem Befehl läuft sie ohne Fenster
und teilt Profil, Schlüsselbund und Cache mit dem Fenster.

Optionen:
  --profile VERZ    Profilverzeichnis (Einstellungen und Cache); Standard
                    &lt;AppDataLocation&gt;/profiles/default oder $MIMECAST_CONSOLE_PROFILE
  --demo            ein Wegwerf-Demoprofil mit dem eingebauten Simulator, den sie
                    auf Loopback startet (Demo-Geheimnis nur im Speicher)
  --json            maschinenlesbare Ausgabe auf stdout (ein JSON-Dokument)
  -v, --version     die Version anzeigen
  -h, --help        diese Hilfe anzeigen

Befehle:
  connectors list   alle Konnektoren und Datenströme: aktiviert, Basis-URL, Intervall,
                    letzter Erfolg, Cursor
  connectors set NAME [--base-url URL] [--client-id ID] [--client-secret-stdin]
                 [--start-date JJJJ-MM-TT] [--interval MINUTEN] [--enable|--disable]
                    einen Konnektor einrichten (audit, awareness, cloud-integrated, seg,
                    ttp); das Geheimnis wird von der Standardeingabe in den
                    Schlüsselbund gelesen
  sync [NAME...]    einmal abrufen: die genannten Konnektoren oder alle aktivierten
  status            je Datenstrom: Zeilen im Cache, neueste Ereigniszeit, Verzug,
                    letzter Erfolg, letzter Fehler, Duplikate, Quarantäne, offene Lücken
  gaps list         das Lückenverzeichnis: Bereiche, die nicht abgerufen werden konnten
  gaps ack ID...    die genannten Lücken bestätigen
  quarantine purge  den gespeicherten Text von Zeilen in Quarantäne löschen

Exit-Codes: 0 OK; 1 fehlgeschlagen oder wartend (auch Datenträger voll, Cache nicht
beschreibbar); 2 falsche Verwendung oder Konfiguration; 3 Zugangsdaten fehlen oder
abgelehnt, kein Schlüsselbund.
</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source> (acknowledged)</source>
        <translation> (bestätigt)</translation>
    </message>
    <message>
        <source>The gap ledger is empty: nothing is known to be missing.</source>
        <translation>Das Lückenverzeichnis ist leer: es ist nichts als fehlend bekannt.</translation>
    </message>
    <message>
        <source>gaps ack needs at least one gap id; &apos;gaps list&apos; shows them.</source>
        <translation>gaps ack braucht mindestens eine Lücken-ID; „gaps list“ zeigt sie an.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a gap id; &apos;gaps list&apos; shows the ids.</source>
        <translation>„%1“ ist keine Lücken-ID; „gaps list“ zeigt die IDs an.</translation>
    </message>
    <message>
        <source>There is no gap with id %1; &apos;gaps list&apos; shows the ids.</source>
        <translation>Es gibt keine Lücke mit der ID %1; „gaps list“ zeigt die IDs an.</translation>
    </message>
    <message>
        <source>gap acknowledgements</source>
        <translation>Lückenbestätigungen</translation>
    </message>
    <message numerus="yes">
        <source>Acknowledged %n gap(s).</source>
        <translation>
            <numerusform>%n Lücke bestätigt.</numerusform>
            <numerusform>%n Lücken bestätigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>quarantine purge</source>
        <translation>Quarantäne leeren</translation>
    </message>
    <message numerus="yes">
        <source>Purged %n quarantined line(s).</source>
        <translation>
            <numerusform>%n Zeile in Quarantäne gelöscht.</numerusform>
            <numerusform>%n Zeilen in Quarantäne gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>No command given. Run with --help for the commands, or without arguments to open the console window.</source>
        <translation>Kein Befehl angegeben. Starten Sie mit --help für die Befehle oder ohne Argumente, um das Konsolenfenster zu öffnen.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; takes no argument &apos;%2&apos;. Run with --help for the usage.</source>
        <translation>„%1“ nimmt kein Argument „%2“. Starten Sie mit --help, um die Verwendung zu sehen.</translation>
    </message>
    <message>
        <source>--%1 belongs to &apos;connectors set&apos;. Run with --help for the usage.</source>
        <translation>--%1 gehört zu „connectors set“. Starten Sie mit --help, um die Verwendung zu sehen.</translation>
    </message>
    <message>
        <source>Unknown command &apos;%1&apos;. Run with --help for the commands this version has.</source>
        <translation>Unbekannter Befehl „%1“. Starten Sie mit --help, um die Befehle dieser Version zu sehen.</translation>
    </message>
    <message>
        <source>not scheduled</source>
        <translation>nicht geplant</translation>
    </message>
    <message>
        <source>The demo simulator (%1) did not start listening within %2 s.</source>
        <translation>Der Demo-Simulator (%1) hat nicht innerhalb von %2 s zu lauschen begonnen.</translation>
    </message>
    <message>
        <source>--demo works in a throwaway profile of its own: leave out --profile, or leave out --demo to use that profile.</source>
        <translation>--demo arbeitet in einem eigenen Wegwerfprofil: --profile weglassen, oder --demo weglassen, um dieses Profil zu verwenden.</translation>
    </message>
</context>
<context>
    <name>ConnectionCheck</name>
    <message>
        <source>Unknown stream %1.</source>
        <translation>Unbekannter Datenstrom %1.</translation>
    </message>
</context>
<context>
    <name>ConnectorCommands</name>
    <message>
        <source>enabled </source>
        <translation>aktiviert </translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>nicht eingerichtet</translation>
    </message>
    <message>
        <source>connectors set needs exactly one connector: seg, ttp, audit, cloud-integrated or awareness.</source>
        <translation>connectors set braucht genau einen Connector: seg, ttp, audit, cloud-integrated oder awareness.</translation>
    </message>
    <message>
        <source>Unknown connector &quot;%1&quot;; use seg, ttp, audit, cloud-integrated or awareness.</source>
        <translation>Unbekannter Connector „%1“; verwenden Sie seg, ttp, audit, cloud-integrated oder awareness.</translation>
    </message>
    <message>
        <source>--base-url: %1</source>
        <translation>--base-url: %1</translation>
    </message>
    <message>
        <source>--start-date: &quot;%1&quot; is not a date; use YYYY-MM-DD.</source>
        <translation>--start-date: „%1“ ist kein Datum; verwenden Sie JJJJ-MM-TT.</translation>
    </message>
    <message>
        <source>--interval: &quot;%1&quot; is not a whole number of minutes.</source>
        <translation>--interval: „%1“ ist keine ganze Zahl von Minuten.</translation>
    </message>
    <message>
        <source>Nothing was saved:
  %1</source>
        <translation>Nichts wurde gespeichert:
  %1</translation>
    </message>
    <message>
        <source>--client-secret-stdin: standard input held no secret; nothing was saved.</source>
        <translation>--client-secret-stdin: die Standardeingabe enthielt kein Geheimnis; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The client secret could not be stored, so nothing was saved. %1</source>
        <translation>Das Client-Geheimnis konnte nicht gespeichert werden, daher wurde nichts gespeichert. %1</translation>
    </message>
    <message>
        <source>A new connector needs its client secret: pass --client-secret-stdin and type or pipe the secret.</source>
        <translation>Ein neuer Connector braucht sein Client-Geheimnis: übergeben Sie --client-secret-stdin und tippen oder leiten Sie das Geheimnis ein.</translation>
    </message>
    <message>
        <source>The settings file %1 could not be written.</source>
        <translation>Die Einstellungsdatei %1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Saved connector %1 (secret in the keychain).</source>
        <translation>Connector %1 gespeichert (Geheimnis im Schlüsselbund).</translation>
    </message>
    <message>
        <source>Connector %1 is not configured or disabled: use &apos;connectors set %1&apos;.</source>
        <translation>Connector %1 ist nicht eingerichtet oder deaktiviert: verwenden Sie „connectors set %1“.</translation>
    </message>
    <message>
        <source>No client secret is stored for %1: run &apos;connectors set %1 --client-secret-stdin&apos;.</source>
        <translation>Für %1 ist kein Client-Geheimnis gespeichert: führen Sie „connectors set %1 --client-secret-stdin“ aus.</translation>
    </message>
    <message>
        <source>No connector is configured and enabled: use &apos;connectors set NAME&apos;.</source>
        <translation>Kein Connector ist eingerichtet und aktiviert: verwenden Sie „connectors set NAME“.</translation>
    </message>
    <message>
        <source>Saved connector %1 (demo: secret in memory only).</source>
        <translation>Konnektor %1 gespeichert (Demo: Geheimnis nur im Speicher).</translation>
    </message>
    <message>
        <source>%1 waits %2 s (%3)</source>
        <translation>%1 wartet %2 s (%3)</translation>
    </message>
    <message>
        <source>Syncing: %L1 rows added, %L2 pages, %L3 files</source>
        <translation>Abruf läuft: %L1 Zeilen hinzugefügt, %L2 Seiten, %L3 Dateien</translation>
    </message>
    <message>
        <source>
Stopping at the next safe point; what is committed stays. Press Ctrl+C again to quit at once.
</source>
        <translation>
Halt am nächsten sicheren Punkt; Festgeschriebenes bleibt erhalten. Erneut Strg+C drücken, um sofort zu beenden.
</translation>
    </message>
</context>
<context>
    <name>ConnectorConfig</name>
    <message>
        <source>Secure Email Gateway</source>
        <translation>Secure Email Gateway</translation>
    </message>
    <message>
        <source>Targeted Threat Protection</source>
        <translation>Targeted Threat Protection</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Cloud Integrated</source>
        <translation>Cloud Integrated</translation>
    </message>
    <message>
        <source>Awareness Training</source>
        <translation>Awareness Training</translation>
    </message>
    <message>
        <source>Unknown connector &quot;%1&quot;; use seg, ttp, audit, cloud-integrated or awareness.</source>
        <translation>Unbekannter Connector „%1“; verwenden Sie seg, ttp, audit, cloud-integrated oder awareness.</translation>
    </message>
    <message>
        <source>Base URL: %1</source>
        <translation>Basis-URL: %1</translation>
    </message>
    <message>
        <source>Client ID: required; copy it from Integrations → Mimecast API 2.0.</source>
        <translation>Client-ID: erforderlich; kopieren Sie sie aus Integrations → Mimecast API 2.0.</translation>
    </message>
    <message>
        <source>Client ID: no spaces and at most 256 characters.</source>
        <translation>Client-ID: keine Leerzeichen und höchstens 256 Zeichen.</translation>
    </message>
    <message>
        <source>Start date: %1 is in the future; use a past date or leave it empty.</source>
        <translation>Startdatum: %1 liegt in der Zukunft; verwenden Sie ein vergangenes Datum oder lassen Sie das Feld leer.</translation>
    </message>
    <message>
        <source>Interval: %1 minutes is outside %2–%3 minutes.</source>
        <translation>Intervall: %1 Minuten liegt außerhalb von %2–%3 Minuten.</translation>
    </message>
    <message>
        <source>Streams: enable at least one stream, or disable the connector.</source>
        <translation>Datenströme: aktivieren Sie mindestens einen Datenstrom oder deaktivieren Sie den Connector.</translation>
    </message>
</context>
<context>
    <name>ConnectorDialog</name>
    <message>
        <source>CG — Cloud Gateway SIEM</source>
        <translation>CG — Cloud Gateway SIEM</translation>
    </message>
    <message>
        <source>DLP</source>
        <translation>DLP</translation>
    </message>
    <message>
        <source>TTP URL</source>
        <translation>TTP URL</translation>
    </message>
    <message>
        <source>TTP Attachment</source>
        <translation>TTP Attachment</translation>
    </message>
    <message>
        <source>TTP Impersonation</source>
        <translation>TTP Impersonation</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>CI — Cloud Integrated SIEM</source>
        <translation>CI — Cloud Integrated SIEM</translation>
    </message>
    <message>
        <source>AT Performance details</source>
        <translation>AT Performance-Details</translation>
    </message>
    <message>
        <source>AT SAFE score details</source>
        <translation>AT SAFE-Score-Details</translation>
    </message>
    <message>
        <source>AT Watchlist details</source>
        <translation>AT Watchlist-Details</translation>
    </message>
    <message>
        <source>AT Phishing user data</source>
        <translation>AT Phishing-Benutzerdaten</translation>
    </message>
</context>
<context>
    <name>GuiMain</name>
    <message>
        <source>The cache cannot be used</source>
        <translation>Der Cache kann nicht verwendet werden</translation>
    </message>
    <message>
        <source>&amp;Move aside and start a new cache</source>
        <translation>&amp;Verschieben und einen neuen Cache beginnen</translation>
    </message>
    <message>
        <source>The cache could not be moved</source>
        <translation>Der Cache konnte nicht verschoben werden</translation>
    </message>
    <message>
        <source>The demo cannot start</source>
        <translation>Die Demo kann nicht starten</translation>
    </message>
    <message>
        <source>The profile cannot be opened</source>
        <translation>Das Profil kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Demo: simulator data, demo secret in memory only</source>
        <translation>Demo: Simulatordaten, Demo-Geheimnis nur im Arbeitsspeicher</translation>
    </message>
    <message>
        <source>No connector configured yet</source>
        <translation>Noch kein Connector eingerichtet</translation>
    </message>
    <message>
        <source>No Mimecast connector is configured in this profile yet.

Yes: start the demo in a second window (a local Mimecast simulator with sample data, nothing leaves this computer).
No: configure a connector now.</source>
        <translation>In diesem Profil ist noch kein Mimecast-Connector eingerichtet.

Ja: die Demo in einem zweiten Fenster starten (ein lokaler Mimecast-Simulator mit Beispieldaten, nichts verlässt diesen Computer).
Nein: jetzt einen Connector einrichten.</translation>
    </message>
</context>
<context>
    <name>HealthService</name>
    <message>
        <source>read the blocked streams</source>
        <translation>die blockierten Datenströme lesen</translation>
    </message>
    <message>
        <source>read the run history</source>
        <translation>den Laufverlauf lesen</translation>
    </message>
    <message>
        <source>read the quarantined files</source>
        <translation>die Dateien in Quarantäne lesen</translation>
    </message>
    <message>
        <source>read the quarantined pages</source>
        <translation>die Seiten in Quarantäne lesen</translation>
    </message>
    <message>
        <source>count the quarantined lines</source>
        <translation>die Zeilen in Quarantäne zählen</translation>
    </message>
    <message>
        <source>read the quarantined lines</source>
        <translation>die Zeilen in Quarantäne lesen</translation>
    </message>
    <message numerus="yes">
        <source>acknowledging %n gap(s)</source>
        <translation>
            <numerusform>%n Lücke bestätigen</numerusform>
            <numerusform>%n Lücken bestätigen</numerusform>
        </translation>
    </message>
    <message>
        <source>purging the quarantined lines</source>
        <translation>die Zeilen in Quarantäne löschen</translation>
    </message>
    <message>
        <source>retrying page %1 of %2</source>
        <translation>Seite %1 von %2 wiederholen</translation>
    </message>
    <message>
        <source>retrying the file %1 of %2</source>
        <translation>die Datei %1 von %2 wiederholen</translation>
    </message>
    <message>
        <source>skipping page %1 of %2</source>
        <translation>Seite %1 von %2 überspringen</translation>
    </message>
    <message>
        <source>page skipped</source>
        <translation>Seite übersprungen</translation>
    </message>
    <message>
        <source>file skipped: unknown range, file %1</source>
        <translation>Datei übersprungen: unbekannter Bereich, Datei %1</translation>
    </message>
    <message>
        <source>file skipped: %1</source>
        <translation>Datei übersprungen: %1</translation>
    </message>
    <message>
        <source>skipping the file %1 of %2</source>
        <translation>die Datei %1 von %2 überspringen</translation>
    </message>
    <message>
        <source>file accepted as partial (no rows kept): unknown range, file %1</source>
        <translation>Datei als unvollständig akzeptiert (keine Zeilen behalten): unbekannter Bereich, Datei %1</translation>
    </message>
    <message>
        <source>file accepted as partial (no rows kept): %1</source>
        <translation>Datei als unvollständig akzeptiert (keine Zeilen behalten): %1</translation>
    </message>
    <message>
        <source>accepting the file %1 of %2 as partial</source>
        <translation>die Datei %1 von %2 als unvollständig akzeptieren</translation>
    </message>
    <message>
        <source>The stream %1 is not in the table definition.</source>
        <translation>Der Datenstrom %1 steht nicht in der Tabellendefinition.</translation>
    </message>
    <message>
        <source>read the quarantined page</source>
        <translation>die Seite in Quarantäne lesen</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>No secret is stored for this item yet.</source>
        <translation>Für diesen Eintrag ist noch kein Geheimnis gespeichert.</translation>
    </message>
    <message>
        <source>The keychain refused access (%1). Unlock the keychain and allow Mimecast Sentinel Console to use it, then try again.</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert (%1). Entsperren Sie den Schlüsselbund, erlauben Sie der Mimecast Sentinel Console den Zugriff und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>No usable keychain: %1. Secrets are kept only in the OS keychain: start a Secret Service (gnome-keyring or KWallet) in your desktop session, or install gnome-keyring, then try again.</source>
        <translation>Kein nutzbarer Schlüsselbund: %1. Geheimnisse werden nur im Schlüsselbund des Betriebssystems gespeichert: starten Sie einen Secret Service (gnome-keyring oder KWallet) in Ihrer Desktop-Sitzung oder installieren Sie gnome-keyring und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>MimecastClient</name>
    <message>
        <source>%1 timeout</source>
        <translation>Zeitüberschreitung (%1)</translation>
    </message>
    <message>
        <source>no response (%1)</source>
        <translation>keine Antwort (%1)</translation>
    </message>
    <message>
        <source>connection error (%1)</source>
        <translation>Verbindungsfehler (%1)</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Mimecast did not issue an access token for %1 (the response had no usable access_token, token_type or expires_in). Check the base URL and the API application.</source>
        <translation>Mimecast hat für %1 kein Zugriffstoken ausgestellt (die Antwort enthielt kein verwendbares access_token, token_type oder expires_in). Prüfen Sie die Basis-URL und die API-Anwendung.</translation>
    </message>
    <message>
        <source>rate limit reached for %1</source>
        <translation>Ratenlimit für %1 erreicht</translation>
    </message>
    <message>
        <source>No response from %1 — check the region or base URL. Choose Global, US or UK, or check the custom URL (API 2.0 hosts look like https://api.services.mimecast.com).</source>
        <translation>Keine Antwort von %1 — prüfen Sie die Region oder die Basis-URL. Wählen Sie Global, USA oder Vereinigtes Königreich oder prüfen Sie die eigene URL (Hosts der API 2.0 sehen aus wie https://api.services.mimecast.com).</translation>
    </message>
    <message>
        <source>Mimecast did not answer %1 successfully after %2 attempts (last: %3). The run stopped; it resumes from the saved position on the next run.</source>
        <translation>Mimecast hat %1 nach %2 Versuchen nicht erfolgreich beantwortet (zuletzt: %3). Der Lauf wurde angehalten; er setzt beim nächsten Lauf an der gespeicherten Position fort.</translation>
    </message>
    <message>
        <source>The response of %1 is larger than %2 MiB; it was not read.</source>
        <translation>Die Antwort von %1 ist größer als %2 MiB; sie wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>The TLS certificate of %1 could not be verified: %2. If a proxy inspects TLS, add its CA bundle in Settings → Network.</source>
        <translation>Das TLS-Zertifikat von %1 konnte nicht überprüft werden: %2. Wenn ein Proxy TLS prüft, fügen Sie sein CA-Bündel unter Einstellungen → Netzwerk hinzu.</translation>
    </message>
    <message>
        <source>the body is not JSON (%1)</source>
        <translation>der Inhalt ist kein JSON (%1)</translation>
    </message>
    <message>
        <source>Mimecast answered %1 with a body that is not JSON (%2).</source>
        <translation>Mimecast hat %1 mit einem Inhalt beantwortet, der kein JSON ist (%2).</translation>
    </message>
    <message>
        <source>retryable failure: %1</source>
        <translation>wiederholbarer Fehler: %1</translation>
    </message>
    <message>
        <source>Mimecast rejected the request for %1: %2.</source>
        <translation>Mimecast hat die Anfrage für %1 abgelehnt: %2.</translation>
    </message>
    <message>
        <source>Mimecast kept rate-limiting %1 for more than %2 minutes. The run stopped and resumes on the next run; a separate API application per connector spreads the quota.</source>
        <translation>Mimecast hat %1 länger als %2 Minuten gedrosselt. Der Lauf wurde angehalten und setzt beim nächsten Lauf fort; eine eigene API-Anwendung je Connector verteilt das Kontingent.</translation>
    </message>
    <message>
        <source>rate limited</source>
        <translation>gedrosselt</translation>
    </message>
    <message>
        <source>Unexpected redirect to %1: check the base URL.</source>
        <translation>Unerwartete Weiterleitung zu %1: prüfen Sie die Basis-URL.</translation>
    </message>
    <message>
        <source>another location</source>
        <translation>eine andere Adresse</translation>
    </message>
    <message>
        <source>Mimecast rejected the client id or secret for %1. Re-enter the secret (it is shown only once when keys are generated), or generate new keys under Integrations → Mimecast API 2.0.</source>
        <translation>Mimecast hat die Client-ID oder das Geheimnis für %1 abgelehnt. Geben Sie das Geheimnis erneut ein (es wird beim Erzeugen der Schlüssel nur einmal angezeigt) oder erzeugen Sie neue Schlüssel unter Integrations → Mimecast API 2.0.</translation>
    </message>
    <message>
        <source>A fresh token was rejected by %1. The API application may have been disabled or its keys regenerated.</source>
        <translation>Ein frisches Token wurde von %1 abgelehnt. Die API-Anwendung wurde möglicherweise deaktiviert oder ihre Schlüssel neu erzeugt.</translation>
    </message>
    <message>
        <source>The API application lacks access to %1: add the product and the role permission &apos;%2&apos;. Products cannot be added to an existing application: create a new one and enter its id/secret here.</source>
        <translation>Der API-Anwendung fehlt der Zugriff auf %1: fügen Sie das Produkt und die Rollenberechtigung „%2“ hinzu. Produkte lassen sich einer bestehenden Anwendung nicht hinzufügen: erstellen Sie eine neue und geben Sie hier deren ID und Geheimnis ein.</translation>
    </message>
    <message>
        <source>No Mimecast API at %1. Choose Global, US or UK, or check the custom URL (API 2.0 hosts look like https://api.services.mimecast.com).</source>
        <translation>Keine Mimecast-API unter %1. Wählen Sie Global, USA oder Vereinigtes Königreich oder prüfen Sie die eigene URL (Hosts der API 2.0 sehen aus wie https://api.services.mimecast.com).</translation>
    </message>
    <message>
        <source>These are API 1.0 keys; create an API 2.0 application under Integrations → Mimecast API 2.0 and enter its id/secret.</source>
        <translation>Dies sind Schlüssel der API 1.0; erstellen Sie eine Anwendung der API 2.0 unter Integrations → Mimecast API 2.0 und geben Sie deren ID und Geheimnis ein.</translation>
    </message>
    <message>
        <source>Mimecast rejected the request for %1: %2. Settings used: %3.</source>
        <translation>Mimecast hat die Anfrage für %1 abgelehnt: %2. Verwendete Einstellungen: %3.</translation>
    </message>
    <message>
        <source>Mimecast answered %1 with HTTP %2: %3.</source>
        <translation>Mimecast hat %1 mit HTTP %2 beantwortet: %3.</translation>
    </message>
    <message>
        <source>no message</source>
        <translation>keine Meldung</translation>
    </message>
    <message>
        <source>The batch file link %1 is not https; it was not followed.</source>
        <translation>Der Link zur Batch-Datei %1 ist nicht https; ihm wurde nicht gefolgt.</translation>
    </message>
    <message>
        <source>Reading %1 stopped: its content could not be processed.</source>
        <translation>Das Lesen von %1 wurde angehalten: der Inhalt konnte nicht verarbeitet werden.</translation>
    </message>
    <message>
        <source>The link to %1 has expired or the file is gone (HTTP %2).</source>
        <translation>Der Link zu %1 ist abgelaufen oder die Datei ist nicht mehr vorhanden (HTTP %2).</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2.</source>
        <translation>Das Herunterladen von %1 ist fehlgeschlagen: %2.</translation>
    </message>
</context>
<context>
    <name>Pager</name>
    <message>
        <source>The response of %1 has no %2 list where the records belong.</source>
        <translation>Die Antwort von %1 enthält keine Liste %2, in der die Datensätze stehen.</translation>
    </message>
    <message>
        <source>The %1 listing of %2 holds a file link that is not a URL.</source>
        <translation>Die Auflistung %1 von %2 enthält einen Dateilink, der keine URL ist.</translation>
    </message>
</context>
<context>
    <name>Profile</name>
    <message>
        <source>The profile %1 is a file, not a folder. Choose a folder with --profile or %2.</source>
        <translation>Das Profil %1 ist eine Datei, kein Ordner. Wählen Sie einen Ordner mit --profile oder %2.</translation>
    </message>
    <message>
        <source>The profile folder %1 could not be created: %2. Choose another folder with --profile or %3.</source>
        <translation>Der Profilordner %1 konnte nicht angelegt werden: %2. Wählen Sie einen anderen Ordner mit --profile oder %3.</translation>
    </message>
    <message>
        <source>The profile folder %1 is not writable. Check that you own it, or choose another folder with --profile.</source>
        <translation>Der Profilordner %1 ist nicht beschreibbar. Prüfen Sie, ob er Ihnen gehört, oder wählen Sie einen anderen Ordner mit --profile.</translation>
    </message>
</context>
<context>
    <name>ProfileSettings</name>
    <message>
        <source>%1 must be http://host:port or https://host:port, for example http://proxy.example.com:3128 (got &quot;%2&quot;). Leave it empty to use the system proxy.</source>
        <translation>%1 muss http://host:port oder https://host:port sein, zum Beispiel http://proxy.example.com:3128 (erhalten: „%2“). Lassen Sie das Feld leer, um den System-Proxy zu verwenden.</translation>
    </message>
    <message>
        <source>%1 must not contain a user name or password: the settings file is plain text. Write it as http://host:port.</source>
        <translation>%1 darf keinen Benutzernamen und kein Passwort enthalten: die Einstellungsdatei ist Klartext. Schreiben Sie es als http://host:port.</translation>
    </message>
    <message>
        <source>%1 has no host name. Write it as http://host:port, for example http://proxy.example.com:3128.</source>
        <translation>%1 hat keinen Hostnamen. Schreiben Sie es als http://host:port, zum Beispiel http://proxy.example.com:3128.</translation>
    </message>
    <message>
        <source>%1 needs a port. Write it as http://host:port, for example http://proxy.example.com:3128.</source>
        <translation>%1 braucht einen Port. Schreiben Sie es als http://host:port, zum Beispiel http://proxy.example.com:3128.</translation>
    </message>
    <message>
        <source>%1 must be only http://host:port or https://host:port, without a path, query or fragment.</source>
        <translation>%1 darf nur http://host:port oder https://host:port sein, ohne Pfad, Abfrage oder Fragment.</translation>
    </message>
    <message>
        <source>%1 must be an absolute path (got &quot;%2&quot;). Choose the file with Browse….</source>
        <translation>%1 muss ein absoluter Pfad sein (erhalten: „%2“). Wählen Sie die Datei mit Durchsuchen….</translation>
    </message>
    <message>
        <source>%1: the file %2 does not exist. Choose the PEM file that holds the extra CA certificates, or leave the field empty.</source>
        <translation>%1: die Datei %2 existiert nicht. Wählen Sie die PEM-Datei mit den zusätzlichen CA-Zertifikaten oder lassen Sie das Feld leer.</translation>
    </message>
    <message>
        <source>%1: %2 is not a file. Choose the PEM file that holds the extra CA certificates.</source>
        <translation>%1: %2 ist keine Datei. Wählen Sie die PEM-Datei mit den zusätzlichen CA-Zertifikaten.</translation>
    </message>
    <message>
        <source>%1: the file %2 cannot be read. Check its permissions.</source>
        <translation>%1: die Datei %2 kann nicht gelesen werden. Prüfen Sie ihre Berechtigungen.</translation>
    </message>
    <message>
        <source>%1: the file %2 holds no PEM certificate. Choose a file with at least one &quot;-----BEGIN CERTIFICATE-----&quot; block.</source>
        <translation>%1: die Datei %2 enthält kein PEM-Zertifikat. Wählen Sie eine Datei mit mindestens einem Block „-----BEGIN CERTIFICATE-----“.</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3 (got &quot;%4&quot;).</source>
        <translation>%1 muss eine ganze Zahl von %2 bis %3 sein (erhalten: „%4“).</translation>
    </message>
    <message>
        <source>%1 must be one of %2 (got &quot;%3&quot;).</source>
        <translation>%1 muss eines von %2 sein (erhalten: „%3“).</translation>
    </message>
    <message>
        <source>The settings file %1 could not be written. Check free space and that you own the profile folder.</source>
        <translation>Die Einstellungsdatei %1 konnte nicht geschrieben werden. Prüfen Sie den freien Speicherplatz und ob Ihnen der Profilordner gehört.</translation>
    </message>
</context>
<context>
    <name>RawCompression</name>
    <message>
        <source>Reading the raw dictionaries of %1 failed: %2</source>
        <translation>Das Lesen der Rohdaten-Wörterbücher von %1 ist fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>RawCompressor</name>
    <message>
        <source>not a raw record dictionary</source>
        <translation>kein Wörterbuch für Rohdatensätze</translation>
    </message>
    <message>
        <source>zstd refused the dictionary</source>
        <translation>zstd hat das Wörterbuch abgelehnt</translation>
    </message>
    <message>
        <source>zstd could not train a dictionary: %1</source>
        <translation>zstd konnte kein Wörterbuch trainieren: %1</translation>
    </message>
    <message>
        <source>zstd made a dictionary without a header</source>
        <translation>zstd hat ein Wörterbuch ohne Kopfdaten erzeugt</translation>
    </message>
</context>
<context>
    <name>RecordMapper</name>
    <message>
        <source>not valid JSON</source>
        <translation>kein gültiges JSON</translation>
    </message>
</context>
<context>
    <name>RetentionPruner</name>
    <message>
        <source>retention pruning of %1</source>
        <translation>Aufbewahrungsbereinigung von %1</translation>
    </message>
</context>
<context>
    <name>Schedules</name>
    <message>
        <source>The settings file %1 could not be written. Check free space and that you own the profile folder.</source>
        <translation>Die Einstellungsdatei %1 konnte nicht geschrieben werden. Prüfen Sie den freien Speicherplatz und ob Ihnen der Profilordner gehört.</translation>
    </message>
</context>
<context>
    <name>SchemaDefinition</name>
    <message>
        <source>Table definition %1: %2</source>
        <translation>Tabellendefinition %1: %2</translation>
    </message>
    <message>
        <source>not valid JSON at offset %1 (%2)</source>
        <translation>kein gültiges JSON an Position %1 (%2)</translation>
    </message>
    <message>
        <source>&quot;definitionVersion&quot; must be a positive number</source>
        <translation>„definitionVersion“ muss eine positive Zahl sein</translation>
    </message>
    <message>
        <source>no tables are defined</source>
        <translation>es sind keine Tabellen definiert</translation>
    </message>
    <message>
        <source>table name &quot;%1&quot; is not a plain identifier</source>
        <translation>der Tabellenname „%1“ ist kein einfacher Bezeichner</translation>
    </message>
    <message>
        <source>table &quot;%1&quot; is defined twice</source>
        <translation>die Tabelle „%1“ ist doppelt definiert</translation>
    </message>
    <message>
        <source>table &quot;%1&quot;: stream id &quot;%2&quot; must start with its connector id</source>
        <translation>Tabelle „%1“: die Datenstrom-ID „%2“ muss mit ihrer Connector-ID beginnen</translation>
    </message>
    <message>
        <source>stream &quot;%1&quot; fills two tables</source>
        <translation>der Datenstrom „%1“ füllt zwei Tabellen</translation>
    </message>
    <message>
        <source>table &quot;%1&quot;: unknown kind &quot;%2&quot;</source>
        <translation>Tabelle „%1“: unbekannte Art „%2“</translation>
    </message>
    <message>
        <source>table &quot;%1&quot; has no dedup fields</source>
        <translation>die Tabelle „%1“ hat keine Deduplizierungsfelder</translation>
    </message>
    <message>
        <source>table &quot;%1&quot;: column name &quot;%2&quot; is not allowed</source>
        <translation>Tabelle „%1“: der Spaltenname „%2“ ist nicht erlaubt</translation>
    </message>
    <message>
        <source>table &quot;%1&quot;: column &quot;%2&quot; is defined twice</source>
        <translation>Tabelle „%1“: die Spalte „%2“ ist doppelt definiert</translation>
    </message>
    <message>
        <source>table &quot;%1&quot;, column &quot;%2&quot;: unknown type &quot;%3&quot;</source>
        <translation>Tabelle „%1“, Spalte „%2“: unbekannter Typ „%3“</translation>
    </message>
    <message>
        <source>table &quot;%1&quot;, column &quot;%2&quot;: value map &quot;%3&quot; is not defined</source>
        <translation>Tabelle „%1“, Spalte „%2“: die Wertezuordnung „%3“ ist nicht definiert</translation>
    </message>
    <message>
        <source>table &quot;%1&quot; has no TimeGenerated column</source>
        <translation>die Tabelle „%1“ hat keine Spalte TimeGenerated</translation>
    </message>
</context>
<context>
    <name>SchemaMigrator</name>
    <message>
        <source>read the schema version</source>
        <translation>die Schemaversion lesen</translation>
    </message>
    <message>
        <source>The cache %1 was written by a newer version of the console (schema %2; this version knows up to %3). Update the console or choose another profile; the file was not changed.</source>
        <translation>Der Cache %1 wurde von einer neueren Version der Konsole geschrieben (Schema %2; diese Version kennt bis %3). Aktualisieren Sie die Konsole oder wählen Sie ein anderes Profil; die Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>start a schema migration</source>
        <translation>eine Schemamigration beginnen</translation>
    </message>
    <message>
        <source>upgrade the schema to version %1</source>
        <translation>das Schema auf Version %1 aktualisieren</translation>
    </message>
    <message>
        <source>Upgrading the cache %1 to schema version %2 (%3) failed: %4. The file was left at version %5, unchanged.</source>
        <translation>Das Aktualisieren des Caches %1 auf Schemaversion %2 (%3) ist fehlgeschlagen: %4. Die Datei blieb unverändert auf Version %5.</translation>
    </message>
</context>
<context>
    <name>SnapshotStream</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The response of %1 has no data list where the campaigns belong.</source>
        <translation>Die Antwort von %1 enthält keine Datenliste, in der die Kampagnen stehen.</translation>
    </message>
    <message>
        <source>skipping a quarantined page of %1</source>
        <translation>eine Seite von %1 in Quarantäne überspringen</translation>
    </message>
    <message>
        <source>page skipped</source>
        <translation>Seite übersprungen</translation>
    </message>
    <message>
        <source>the start of a snapshot of %1</source>
        <translation>den Beginn eines Schnappschusses von %1</translation>
    </message>
    <message>
        <source>the end of a snapshot of %1</source>
        <translation>das Ende eines Schnappschusses von %1</translation>
    </message>
    <message>
        <source>a failed page attempt of %1</source>
        <translation>einen fehlgeschlagenen Seitenversuch von %1</translation>
    </message>
    <message>
        <source>Page %1 of snapshot %2</source>
        <translation>Seite %1 des Schnappschusses %2</translation>
    </message>
    <message>
        <source>Page %1 of campaign %2 in snapshot %3</source>
        <translation>Seite %1 der Kampagne %2 im Schnappschuss %3</translation>
    </message>
    <message>
        <source>%1 failed %2 times and is quarantined: %3. Retry it or skip it on the health page.</source>
        <translation>%1 ist %2-mal fehlgeschlagen und in Quarantäne: %3. Wiederholen oder überspringen Sie sie auf der Statusseite.</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>the counters of %1</source>
        <translation>die Zähler von %1</translation>
    </message>
</context>
<context>
    <name>StreamRun</name>
    <message>
        <source>read the cursor</source>
        <translation>den Cursor lesen</translation>
    </message>
    <message>
        <source>read the newest event time</source>
        <translation>die neueste Ereigniszeit lesen</translation>
    </message>
    <message>
        <source>read the oldest event time</source>
        <translation>die älteste Ereigniszeit lesen</translation>
    </message>
    <message>
        <source>read the quarantine</source>
        <translation>die Quarantäne lesen</translation>
    </message>
    <message>
        <source>A quarantined page holds %1: retry or skip it on the health page.</source>
        <translation>Eine Seite in Quarantäne hält %1 an: Wiederholen oder überspringen Sie sie auf der Statusseite.</translation>
    </message>
</context>
<context>
    <name>SyncEngine</name>
    <message>
        <source>the lease of %1</source>
        <translation>die Lease von %1</translation>
    </message>
    <message>
        <source>running in another process</source>
        <translation>läuft in einem anderen Prozess</translation>
    </message>
    <message>
        <source>this version does not ingest %1 yet</source>
        <translation>diese Version ruft %1 noch nicht ab</translation>
    </message>
    <message>
        <source>the health of %1</source>
        <translation>den Zustand von %1</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>Writing the export failed: %1</source>
        <translation>Das Schreiben des Exports ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>TableQuery</name>
    <message>
        <source>There is no table or view named %1.</source>
        <translation>Es gibt keine Tabelle und keine Sicht namens %1.</translation>
    </message>
    <message>
        <source>The query is for %1, not for %2.</source>
        <translation>Die Abfrage gilt %1, nicht %2.</translation>
    </message>
    <message>
        <source>%1 has no event time to filter on.</source>
        <translation>%1 hat keine Ereigniszeit, nach der gefiltert werden kann.</translation>
    </message>
    <message>
        <source>%1 has no column named %2.</source>
        <translation>%1 hat keine Spalte namens %2.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Reading %1 failed: %2</source>
        <translation>Das Lesen von %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Invalid page: offset %1, limit %2.</source>
        <translation>Ungültige Seite: Versatz %1, Grenze %2.</translation>
    </message>
</context>
<context>
    <name>WindowStream</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>a failed page attempt of %1</source>
        <translation>einen fehlgeschlagenen Seitenversuch von %1</translation>
    </message>
    <message>
        <source>Page %1 of the window %2 – %3 failed %4 times and is quarantined: %5. Retry it or skip the window on the health page.</source>
        <translation>Seite %1 des Fensters %2 – %3 ist %4-mal fehlgeschlagen und in Quarantäne: %5. Wiederholen Sie sie oder überspringen Sie das Fenster auf der Statusseite.</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>the audit history gap</source>
        <translation>die Lücke im Audit-Verlauf</translation>
    </message>
    <message>
        <source>beyond Mimecast audit history</source>
        <translation>außerhalb des Mimecast-Audit-Verlaufs</translation>
    </message>
    <message>
        <source>the backfill of %1</source>
        <translation>das Nachladen von %1</translation>
    </message>
    <message>
        <source>the counters of %1</source>
        <translation>die Zähler von %1</translation>
    </message>
    <message>
        <source>A quarantined page holds the backfill of %1: retry or skip it on the health page.</source>
        <translation>Eine Seite in Quarantäne hält das Nachladen von %1 an: Wiederholen oder überspringen Sie sie auf der Statusseite.</translation>
    </message>
</context>
<context>
    <name>msc::CacheOverviewPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>Aktualisie&amp;ren</translation>
    </message>
    <message>
        <source>Cache overview</source>
        <translation>Cache-Übersicht</translation>
    </message>
    <message>
        <source>Reading the cache…</source>
        <translation>Der Cache wird gelesen…</translation>
    </message>
    <message numerus="yes">
        <source>%n stream(s) in %1</source>
        <translation>
            <numerusform>%n Datenstrom in %1</numerusform>
            <numerusform>%n Datenströme in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>msc::ConnectorDialog</name>
    <message>
        <source>Configure %1</source>
        <translation>%1 einrichten</translation>
    </message>
    <message>
        <source>Global</source>
        <translation>Global</translation>
    </message>
    <message>
        <source>United States</source>
        <translation>Vereinigte Staaten</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>Vereinigtes Königreich</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <source>https://host[:port]</source>
        <translation>https://host[:port]</translation>
    </message>
    <message>
        <source>From Integrations → Mimecast API 2.0</source>
        <translation>Aus Integrations → Mimecast API 2.0</translation>
    </message>
    <message>
        <source>&amp;Replace…</source>
        <translation>&amp;Ersetzen…</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (UTC); empty: 60 days back, SIEM 7 days</source>
        <translation>JJJJ-MM-TT (UTC); leer: 60 Tage zurück, SIEM 7 Tage</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>&amp;Enabled: sync on the schedule</source>
        <translation>&amp;Aktiviert: nach Zeitplan synchronisieren</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>Datenströme</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>Client-&amp;ID:</translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation>Client-&amp;Geheimnis:</translation>
    </message>
    <message>
        <source>Start &amp;date:</source>
        <translation>Start&amp;datum:</translation>
    </message>
    <message>
        <source>Sync e&amp;very:</source>
        <translation>S&amp;ynchronisieren alle:</translation>
    </message>
    <message>
        <source>Enter the new client secret</source>
        <translation>Geben Sie das neue Client-Geheimnis ein</translation>
    </message>
    <message>
        <source>Client secret of the API application</source>
        <translation>Client-Geheimnis der API-Anwendung</translation>
    </message>
    <message>
        <source>&amp;Keep stored</source>
        <translation>Gespeichertes &amp;behalten</translation>
    </message>
    <message>
        <source>stored in keychain</source>
        <translation>im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>Start date: &quot;%1&quot; is not a date; use YYYY-MM-DD.</source>
        <translation>Startdatum: „%1“ ist kein Datum; verwenden Sie JJJJ-MM-TT.</translation>
    </message>
    <message>
        <source>Client secret: required; paste the secret of the API 2.0 application. It is kept in the keychain only.</source>
        <translation>Client-Geheimnis: erforderlich; fügen Sie das Geheimnis der Anwendung der API 2.0 ein. Es wird nur im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>Client secret: enter the new secret, or choose Keep stored to keep the old one.</source>
        <translation>Client-Geheimnis: geben Sie das neue Geheimnis ein oder wählen Sie „Gespeichertes behalten“, um das alte zu behalten.</translation>
    </message>
    <message>
        <source>%1: Mimecast keeps about %2 days; the older part is recorded as a gap.</source>
        <translation>%1: Mimecast bewahrt etwa %2 Tage auf; der ältere Teil wird als Lücke erfasst.</translation>
    </message>
    <message>
        <source>Cannot test the connection. Base URL: %1</source>
        <translation>Die Verbindung kann nicht getestet werden. Basis-URL: %1</translation>
    </message>
    <message>
        <source>Cannot test the connection: enter the client ID first.</source>
        <translation>Die Verbindung kann nicht getestet werden: geben Sie zuerst die Client-ID ein.</translation>
    </message>
    <message>
        <source>Cannot test the connection: enter the client secret first.</source>
        <translation>Die Verbindung kann nicht getestet werden: geben Sie zuerst das Client-Geheimnis ein.</translation>
    </message>
    <message>
        <source>testing…</source>
        <translation>wird getestet…</translation>
    </message>
    <message>
        <source>Requesting a token from %1…</source>
        <translation>Token wird bei %1 angefordert…</translation>
    </message>
    <message>
        <source>No client secret is stored for this connector: choose Replace and enter it.</source>
        <translation>Für diesen Connector ist kein Client-Geheimnis gespeichert: wählen Sie Ersetzen und geben Sie es ein.</translation>
    </message>
    <message>
        <source>Nothing was saved: a new connector is saved only after its token request succeeds. %1</source>
        <translation>Nichts wurde gespeichert: ein neuer Connector wird erst gespeichert, wenn seine Token-Anfrage gelingt. %1</translation>
    </message>
    <message>
        <source>The token request failed: %1</source>
        <translation>Die Token-Anfrage ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message numerus="yes">
        <source>Connection OK: token and %n stream(s).</source>
        <translation>
            <numerusform>Verbindung OK: Token und %n Datenstrom.</numerusform>
            <numerusform>Verbindung OK: Token und %n Datenströme.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Token OK; %n stream(s) failed, see above.</source>
        <translation>
            <numerusform>Token OK; %n Datenstrom fehlgeschlagen, siehe oben.</numerusform>
            <numerusform>Token OK; %n Datenströme fehlgeschlagen, siehe oben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was saved: fix the problems above.</source>
        <translation>Nichts wurde gespeichert: beheben Sie die Probleme oben.</translation>
    </message>
    <message>
        <source>Storing the client secret in the keychain…</source>
        <translation>Das Client-Geheimnis wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>The client secret could not be stored, so nothing was saved. %1</source>
        <translation>Das Client-Geheimnis konnte nicht gespeichert werden, daher wurde nichts gespeichert. %1</translation>
    </message>
    <message>
        <source>The settings file %1 could not be written.</source>
        <translation>Die Einstellungsdatei %1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>msc::ConnectorListModel</name>
    <message>
        <source>Not configured</source>
        <translation>Nicht eingerichtet</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message numerus="yes">
        <source>every %n min</source>
        <translation>
            <numerusform>alle %n Min.</numerusform>
            <numerusform>alle %n Min.</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzte Synchronisierung</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>msc::ConnectorsPage</name>
    <message>
        <source>&amp;Configure…</source>
        <translation>&amp;Einrichten…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Connectors</source>
        <translation>Connectors</translation>
    </message>
    <message>
        <source>This profile keeps client secrets in memory only (demo): they are lost when the console quits.</source>
        <translation>Dieses Profil hält Client-Geheimnisse nur im Arbeitsspeicher (Demo): sie gehen verloren, wenn die Konsole beendet wird.</translation>
    </message>
    <message>
        <source>Client secrets are kept in the system keychain, never in the settings file.</source>
        <translation>Client-Geheimnisse werden im Schlüsselbund des Systems gespeichert, nie in der Einstellungsdatei.</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Aktivieren</translation>
    </message>
    <message>
        <source>The connector cannot be enabled</source>
        <translation>Der Connector kann nicht aktiviert werden</translation>
    </message>
    <message>
        <source>Configure it first:
%1</source>
        <translation>Richten Sie ihn zuerst ein:
%1</translation>
    </message>
    <message>
        <source>The settings were not saved</source>
        <translation>Die Einstellungen wurden nicht gespeichert</translation>
    </message>
    <message>
        <source>The settings file %1 could not be written.</source>
        <translation>Die Einstellungsdatei %1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Delete connector</source>
        <translation>Connector löschen</translation>
    </message>
    <message>
        <source>Delete the configuration of %1 and remove its client secret from the keychain?
Rows and cursors already in the cache are kept.</source>
        <translation>Die Konfiguration von %1 löschen und sein Client-Geheimnis aus dem Schlüsselbund entfernen?
Zeilen und Cursor, die bereits im Cache sind, bleiben erhalten.</translation>
    </message>
    <message>
        <source>The connector was not deleted</source>
        <translation>Der Connector wurde nicht gelöscht</translation>
    </message>
    <message>
        <source>The client secret of %1 could not be removed, so nothing was deleted. %2</source>
        <translation>Das Client-Geheimnis von %1 konnte nicht entfernt werden, daher wurde nichts gelöscht. %2</translation>
    </message>
</context>
<context>
    <name>msc::DataPage</name>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Export selection…</source>
        <translation>Auswahl &amp;exportieren…</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Events at or after this time (UTC)</source>
        <translation>Ereignisse zu oder nach diesem Zeitpunkt (UTC)</translation>
    </message>
    <message>
        <source>Events before this time (UTC)</source>
        <translation>Ereignisse vor diesem Zeitpunkt (UTC)</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <source>equals</source>
        <translation>ist gleich</translation>
    </message>
    <message>
        <source>Filter value</source>
        <translation>Filterwert</translation>
    </message>
    <message>
        <source>Select a row to see all of its columns.</source>
        <translation>Wählen Sie eine Zeile, um alle ihre Spalten zu sehen.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>&amp;Tabelle</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>&amp;Where</source>
        <translation>&amp;Wo</translation>
    </message>
    <message>
        <source>%1 of %2 rows loaded</source>
        <translation>%1 von %2 Zeilen geladen</translation>
    </message>
    <message>
        <source>%1 rows loaded</source>
        <translation>%1 Zeilen geladen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>NDJSON (*.ndjson)</source>
        <translation>NDJSON (*.ndjson)</translation>
    </message>
    <message>
        <source>Export selected rows</source>
        <translation>Ausgewählte Zeilen exportieren</translation>
    </message>
    <message>
        <source>Select the rows to export first.</source>
        <translation>Wählen Sie zuerst die zu exportierenden Zeilen.</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n row(s)…</source>
        <translation>
            <numerusform>%n Zeile wird exportiert…</numerusform>
            <numerusform>%n Zeilen werden exportiert…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1</source>
        <translation>
            <numerusform>%n Zeile nach %1 exportiert</numerusform>
            <numerusform>%n Zeilen nach %1 exportiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>msc::DemoSession</name>
    <message>
        <source>The demo profile could not be created in %1: %2</source>
        <translation>Das Demoprofil konnte in %1 nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>The demo simulator (%1) could not be started: %2</source>
        <translation>Der Demo-Simulator (%1) konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>The demo simulator (%1) stopped before it was ready (exit code %2)%3</source>
        <translation>Der Demo-Simulator (%1) wurde beendet, bevor er bereit war (Exit-Code %2)%3</translation>
    </message>
</context>
<context>
    <name>msc::HealthPage</name>
    <message>
        <source>&amp;Sync all now</source>
        <translation>Alle &amp;jetzt synchronisieren</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Retry &amp;blocked</source>
        <translation>Blockierte wieder&amp;holen</translation>
    </message>
    <message>
        <source>C&amp;hange all schedules…</source>
        <translation>Alle &amp;Zeitpläne ändern…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Aktualisie&amp;ren</translation>
    </message>
    <message>
        <source>No sync has run since the console started.</source>
        <translation>Seit dem Start der Konsole lief noch keine Synchronisierung.</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>Über&amp;springen</translation>
    </message>
    <message>
        <source>Accept &amp;partial</source>
        <translation>Als &amp;unvollständig akzeptieren</translation>
    </message>
    <message>
        <source>P&amp;urge quarantined lines</source>
        <translation>Zeilen in Quarantäne &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>Jobs &amp; health</source>
        <translation>Aufträge &amp; Status</translation>
    </message>
    <message>
        <source>Sync all now skips streams whose last run was blocked (credentials, permissions, configuration). Retry them once the cause is fixed.</source>
        <translation>„Alle jetzt synchronisieren“ überspringt Datenströme, deren letzter Lauf blockiert war (Zugangsdaten, Berechtigungen, Konfiguration). Wiederholen Sie sie, sobald die Ursache behoben ist.</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Datenstrom</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Rows added</source>
        <translation>Neue Zeilen</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplikate</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>In Quarantäne</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Teil</translation>
    </message>
    <message>
        <source>File, window or snapshot</source>
        <translation>Datei, Fenster oder Schnappschuss</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>A quarantined page or file holds its stream (or SIEM type) until you act. Retry tries it again at the next sync. Skip records its range in the gap ledger and moves on. Accept partial marks a file as partial and records it as a gap, like Skip: files are committed whole, so no rows of a failed file were kept. Purge deletes the stored text of bad lines and keeps their length and SHA-256.</source>
        <translation>Eine Seite oder Datei in Quarantäne hält ihren Datenstrom (oder SIEM-Typ) an, bis Sie handeln. Wiederholen versucht sie bei der nächsten Synchronisierung erneut. Überspringen erfasst ihren Bereich im Lückenverzeichnis und macht weiter. Als unvollständig akzeptieren markiert eine Datei als unvollständig und erfasst sie wie Überspringen als Lücke: Dateien werden nur ganz übernommen, daher wurden aus einer fehlgeschlagenen Datei keine Zeilen behalten. Löschen entfernt den gespeicherten Text fehlerhafter Zeilen und behält ihre Länge und ihren SHA-256.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Erfasst</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>Datenströme</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>Laufverlauf</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>Quarantäne</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>Lücken</translation>
    </message>
    <message>
        <source>Cancelling: each stream stops at its next page, file or wait…</source>
        <translation>Wird abgebrochen: jeder Datenstrom hält an seiner nächsten Seite, Datei oder Wartezeit an…</translation>
    </message>
    <message>
        <source>Syncing %1…</source>
        <translation>%1 wird synchronisiert…</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>%1, resuming in %2 s</source>
        <translation>%1, weiter in %2 s</translation>
    </message>
    <message>
        <source>%1, resuming</source>
        <translation>%1, wird fortgesetzt</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <source>Blocked, skipped: %1</source>
        <translation>Blockiert, übersprungen: %1</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message>
        <source>not started: %1</source>
        <translation>nicht gestartet: %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Waiting: %1</source>
        <translation>Wartet: %1</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <source>Interrupted: %1</source>
        <translation>Unterbrochen: %1</translation>
    </message>
    <message>
        <source>Blocked: %1</source>
        <translation>Blockiert: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Sync finished: %1 stream(s): %2 OK, %3 waiting for you, %4 interrupted, %5 blocked, %6 cancelled, %7 running in another process. %8 rows added, %9 duplicates suppressed, %10 items quarantined, %11 gaps recorded, %12 errors.</source>
        <translation>Synchronisierung beendet: %1 Datenstrom/-ströme: %2 OK, %3 warten auf Sie, %4 unterbrochen, %5 blockiert, %6 abgebrochen, %7 laufen in einem anderen Prozess. %8 Zeilen hinzugefügt, %9 Duplikate unterdrückt, %10 Einträge in Quarantäne, %11 Lücken erfasst, %12 Fehler.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>page %1 of %2 – %3</source>
        <translation>Seite %1 von %2 – %3</translation>
    </message>
    <message>
        <source>page %1 of snapshot %2</source>
        <translation>Seite %1 des Schnappschusses %2</translation>
    </message>
    <message>
        <source>page %1 of snapshot %2, campaign %3</source>
        <translation>Seite %1 des Schnappschusses %2, Kampagne %3</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>%1, line %2 (%3 bytes)</source>
        <translation>%1, Zeile %2 (%3 Bytes)</translation>
    </message>
    <message>
        <source>%1 file(s), %2 page(s) and %3 line(s) quarantined.</source>
        <translation>%1 Datei(en), %2 Seite(n) und %3 Zeile(n) in Quarantäne.</translation>
    </message>
    <message>
        <source>Quarantine (%1)</source>
        <translation>Quarantäne (%1)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>%1 gap(s), %2 not acknowledged. Gaps are ranges the console knows it could not fetch; acknowledging keeps them in the ledger.</source>
        <translation>%1 Lücke(n), %2 nicht bestätigt. Lücken sind Bereiche, von denen die Konsole weiß, dass sie sie nicht abrufen konnte; bestätigte Lücken bleiben im Verzeichnis.</translation>
    </message>
    <message>
        <source>Gaps (%1 open)</source>
        <translation>Lücken (%1 offen)</translation>
    </message>
    <message>
        <source>the file %1 of %2 (type %3), %4 failed attempt(s): %5</source>
        <translation>die Datei %1 von %2 (Typ %3), %4 Fehlversuch(e): %5</translation>
    </message>
    <message>
        <source>page %1 of the snapshot %2 of %3, %4 failed attempt(s): %5</source>
        <translation>Seite %1 des Schnappschusses %2 von %3, %4 Fehlversuch(e): %5</translation>
    </message>
    <message>
        <source>page %1 of the window %2 – %3 of %4, %5 failed attempt(s): %6</source>
        <translation>Seite %1 des Fensters %2 – %3 von %4, %5 Fehlversuch(e): %6</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Retry %1?

The next sync of the stream tries it again.</source>
        <translation>%1 wiederholen?

Die nächste Synchronisierung des Datenstroms versucht es erneut.</translation>
    </message>
    <message>
        <source>Marked for retry: the next sync tries it again.</source>
        <translation>Zum Wiederholen markiert: die nächste Synchronisierung versucht es erneut.</translation>
    </message>
    <message>
        <source>Accept partial</source>
        <translation>Als unvollständig akzeptieren</translation>
    </message>
    <message>
        <source>Accept %1 as partial?

Files are committed whole, so no rows of this file were kept: the whole file is recorded as a gap, as Skip does, and the type moves on.</source>
        <translation>%1 als unvollständig akzeptieren?

Dateien werden nur ganz übernommen, daher wurden aus dieser Datei keine Zeilen behalten: die ganze Datei wird wie beim Überspringen als Lücke erfasst, und der Typ macht weiter.</translation>
    </message>
    <message>
        <source>Accepted as partial; the file is recorded in the gap ledger.</source>
        <translation>Als unvollständig akzeptiert; die Datei ist im Lückenverzeichnis erfasst.</translation>
    </message>
    <message>
        <source>The file is recorded as a gap (its event time range, if known) and the type moves on.</source>
        <translation>Die Datei wird als Lücke erfasst (mit ihrem Ereigniszeitraum, falls bekannt), und der Typ macht weiter.</translation>
    </message>
    <message>
        <source>Its whole window or list is recorded as a gap (rows already fetched stay) and the stream moves on.</source>
        <translation>Das ganze Fenster bzw. die ganze Liste wird als Lücke erfasst (bereits abgerufene Zeilen bleiben), und der Datenstrom macht weiter.</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Skip %1?

%2</source>
        <translation>%1 überspringen?

%2</translation>
    </message>
    <message>
        <source>Skipped; the range is recorded in the gap ledger.</source>
        <translation>Übersprungen; der Bereich ist im Lückenverzeichnis erfasst.</translation>
    </message>
    <message>
        <source>Purge quarantined lines</source>
        <translation>Zeilen in Quarantäne löschen</translation>
    </message>
    <message>
        <source>Delete the stored text of %1 quarantined line(s)?

Their stream, source, line number, length, SHA-256 and reason are kept.</source>
        <translation>Den gespeicherten Text von %1 Zeile(n) in Quarantäne löschen?

Datenstrom, Quelle, Zeilennummer, Länge, SHA-256 und Grund bleiben erhalten.</translation>
    </message>
    <message>
        <source>Quarantined lines purged.</source>
        <translation>Zeilen in Quarantäne gelöscht.</translation>
    </message>
    <message>
        <source>Acknowledge gaps</source>
        <translation>Lücken bestätigen</translation>
    </message>
    <message numerus="yes">
        <source>Acknowledge %n gap(s)? They stay in the ledger and no longer count as open.</source>
        <translation>
            <numerusform>%n Lücke bestätigen? Sie bleibt im Verzeichnis und zählt nicht mehr als offen.</numerusform>
            <numerusform>%n Lücken bestätigen? Sie bleiben im Verzeichnis und zählen nicht mehr als offen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n gap(s) acknowledged.</source>
        <translation>
            <numerusform>%n Lücke bestätigt.</numerusform>
            <numerusform>%n Lücken bestätigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to do: the item was already handled.</source>
        <translation>Nichts zu tun: der Eintrag wurde bereits bearbeitet.</translation>
    </message>
    <message>
        <source>Nothing changed: the item was already handled.</source>
        <translation>Nichts geändert: der Eintrag wurde bereits bearbeitet.</translation>
    </message>
    <message>
        <source>Rows without event time</source>
        <translation>Zeilen ohne Ereigniszeit</translation>
    </message>
    <message>
        <source>Coercion warnings</source>
        <translation>Typwarnungen</translation>
    </message>
    <message>
        <source>Unknown types</source>
        <translation>Unbekannte Typen</translation>
    </message>
    <message>
        <source>Undeclared fields</source>
        <translation>Nicht deklarierte Felder</translation>
    </message>
    <message>
        <source>Counted over every sync. Undeclared fields are fields Mimecast sent that the table has no column for: they are kept in _raw only, and new names here mean the Mimecast schema changed. A coercion warning is a value that did not fit its column&apos;s type (stored empty, kept in _raw). Rows without event time use their ingestion time instead.</source>
        <translation>Über alle Synchronisierungen gezählt. Nicht deklarierte Felder sind Felder, die Mimecast gesendet hat und für die die Tabelle keine Spalte hat: Sie bleiben nur in _raw erhalten, und neue Namen hier bedeuten, dass sich das Mimecast-Schema geändert hat. Eine Typwarnung ist ein Wert, der nicht zum Typ seiner Spalte passte (leer gespeichert, in _raw erhalten). Zeilen ohne Ereigniszeit verwenden stattdessen ihre Aufnahmezeit.</translation>
    </message>
    <message>
        <source>Data quality</source>
        <translation>Datenqualität</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1, and %n more</source>
        <translation>
            <numerusform>%1 und %n weiteres</numerusform>
            <numerusform>%1 und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>msc::LogModel</name>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Fatal</source>
        <translation>Schwerwiegend</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>msc::LogViewer</name>
    <message>
        <source>Filter: text in the message or category</source>
        <translation>Filter: Text in der Meldung oder Kategorie</translation>
    </message>
    <message>
        <source>Debug and above</source>
        <translation>Debug und höher</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Ebene:</translation>
    </message>
    <message>
        <source>The most recent %1 log lines of this session. Secrets, tokens and signed links are redacted before a line is kept.</source>
        <translation>Die letzten %1 Protokollzeilen dieser Sitzung. Geheimnisse, Tokens und signierte Links werden geschwärzt, bevor eine Zeile behalten wird.</translation>
    </message>
    <message>
        <source>%1 of %2 lines shown.</source>
        <translation>%1 von %2 Zeilen angezeigt.</translation>
    </message>
</context>
<context>
    <name>msc::MainWindow</name>
    <message>
        <source>Mimecast Sentinel Console</source>
        <translation>Mimecast Sentinel Console</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Connectors</source>
        <translation>Connectors</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>Profil: %1</translation>
    </message>
    <message>
        <source>Jobs &amp; health</source>
        <translation>Aufträge &amp; Status</translation>
    </message>
    <message>
        <source>Syncing %1…</source>
        <translation>%1 wird synchronisiert…</translation>
    </message>
    <message>
        <source>%1: %2 rows, %3 pages, %4 files</source>
        <translation>%1: %2 Zeilen, %3 Seiten, %4 Dateien</translation>
    </message>
    <message>
        <source>%1: %2, resuming in %3 s</source>
        <translation>%1: %2, weiter in %3 s</translation>
    </message>
    <message>
        <source>Sync finished: %1 rows added.</source>
        <translation>Synchronisierung beendet: %1 Zeilen hinzugefügt.</translation>
    </message>
    <message>
        <source>Sync finished: %1 rows added, %2 stream(s) need attention.</source>
        <translation>Synchronisierung beendet: %1 Zeilen hinzugefügt, %2 Datenstrom/-ströme brauchen Aufmerksamkeit.</translation>
    </message>
    <message>
        <source>Schedules saved; they apply from now on.</source>
        <translation>Zeitpläne gespeichert; sie gelten ab sofort.</translation>
    </message>
    <message>
        <source>Mimecast Sentinel Console — demo</source>
        <translation>Mimecast Sentinel Console — Demo</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Sync all now</source>
        <translation>Alle &amp;jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Retry &amp;blocked streams</source>
        <translation>Blockierte Datenströme &amp;wiederholen</translation>
    </message>
    <message>
        <source>Change all s&amp;chedules…</source>
        <translation>Alle &amp;Zeitpläne ändern…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Aktualisie&amp;ren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>About Mimecast Sentinel Console</source>
        <translation>Über Mimecast Sentinel Console</translation>
    </message>
    <message>
        <source>Mimecast Sentinel Console %1
Mimecast email security data and Microsoft Sentinel content on your desktop.</source>
        <translation>Mimecast Sentinel Console %1
Daten der Mimecast-E-Mail-Sicherheit und Inhalte für Microsoft Sentinel auf Ihrem Desktop.</translation>
    </message>
</context>
<context>
    <name>msc::SchedulesDialog</name>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>Apply to &amp;all</source>
        <translation>Auf alle an&amp;wenden</translation>
    </message>
    <message>
        <source>Change all schedules</source>
        <translation>Alle Zeitpläne ändern</translation>
    </message>
    <message>
        <source>Each connector syncs its enabled streams once per interval. Changes apply at once: the next sync of a connector is its last scheduled sync plus the new interval, or now if that time has passed.</source>
        <translation>Jeder Connector synchronisiert seine aktivierten Datenströme einmal pro Intervall. Änderungen gelten sofort: die nächste Synchronisierung eines Connectors ist seine letzte geplante Synchronisierung plus das neue Intervall oder jetzt, falls dieser Zeitpunkt schon vorbei ist.</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>Synchronisieren alle</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>Erlaubt</translation>
    </message>
    <message>
        <source>%1 enabled</source>
        <translation>%1 aktiviert</translation>
    </message>
    <message>
        <source>%1 interval</source>
        <translation>%1 Intervall</translation>
    </message>
    <message>
        <source>%1–%2 hours</source>
        <translation>%1–%2 Stunden</translation>
    </message>
    <message>
        <source>%1–%2 minutes</source>
        <translation>%1–%2 Minuten</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>nicht eingerichtet</translation>
    </message>
    <message>
        <source>&amp;Set all to:</source>
        <translation>Alle &amp;setzen auf:</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the connectors marked above.</source>
        <translation>Nichts wurde gespeichert: korrigieren Sie die oben markierten Connectors.</translation>
    </message>
</context>
<context>
    <name>msc::SettingsPage</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation>Proxy-URL</translation>
    </message>
    <message>
        <source>Extra CA bundle</source>
        <translation>Zusätzliches CA-Bündel</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>Verbindungs-Zeitlimit</translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation>Leerlauf-Zeitlimit</translation>
    </message>
    <message>
        <source>Total timeout</source>
        <translation>Gesamt-Zeitlimit</translation>
    </message>
    <message>
        <source>Concurrent jobs</source>
        <translation>Gleichzeitige Aufträge</translation>
    </message>
    <message>
        <source>Max concurrent requests</source>
        <translation>Höchstzahl gleichzeitiger Anfragen</translation>
    </message>
    <message>
        <source>Cache retention</source>
        <translation>Cache-Aufbewahrung</translation>
    </message>
    <message>
        <source>Log level</source>
        <translation>Protokollstufe</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>These settings apply to every connector of this profile.</source>
        <translation>Diese Einstellungen gelten für jeden Connector dieses Profils.</translation>
    </message>
    <message>
        <source>Empty: use the system proxy</source>
        <translation>Leer: den System-Proxy verwenden</translation>
    </message>
    <message>
        <source>Empty: trust the system&apos;s CA certificates only</source>
        <translation>Leer: nur den CA-Zertifikaten des Systems vertrauen</translation>
    </message>
    <message>
        <source>Written as http://host:port or https://host:port, for example http://proxy.example.com:3128.</source>
        <translation>Geschrieben als http://host:port oder https://host:port, zum Beispiel http://proxy.example.com:3128.</translation>
    </message>
    <message>
        <source>TLS certificate verification is always on. A CA bundle only adds trusted certificates (for example for a TLS-inspecting proxy); it never turns verification off.</source>
        <translation>Die Prüfung von TLS-Zertifikaten ist immer eingeschaltet. Ein CA-Bündel fügt nur vertrauenswürdige Zertifikate hinzu (zum Beispiel für einen TLS-prüfenden Proxy); es schaltet die Prüfung nie ab.</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Proxy URL:</source>
        <translation>Proxy-URL:</translation>
    </message>
    <message>
        <source>Extra CA bundle:</source>
        <translation>Zusätzliches CA-Bündel:</translation>
    </message>
    <message>
        <source> s</source>
        <comment>suffix: seconds</comment>
        <translation> s</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>Zeitlimits</translation>
    </message>
    <message>
        <source>Connect timeout:</source>
        <translation>Verbindungs-Zeitlimit:</translation>
    </message>
    <message>
        <source>to open a connection, including TLS</source>
        <translation>zum Öffnen einer Verbindung, einschließlich TLS</translation>
    </message>
    <message>
        <source>Idle timeout:</source>
        <translation>Leerlauf-Zeitlimit:</translation>
    </message>
    <message>
        <source>without any data from the server</source>
        <translation>ohne Daten vom Server</translation>
    </message>
    <message>
        <source>Total timeout:</source>
        <translation>Gesamt-Zeitlimit:</translation>
    </message>
    <message>
        <source>for one request, start to end</source>
        <translation>für eine Anfrage, von Anfang bis Ende</translation>
    </message>
    <message>
        <source>Ingestion</source>
        <translation>Datenabruf</translation>
    </message>
    <message>
        <source>Concurrent jobs:</source>
        <translation>Gleichzeitige Aufträge:</translation>
    </message>
    <message>
        <source>streams synced at the same time</source>
        <translation>gleichzeitig synchronisierte Datenströme</translation>
    </message>
    <message>
        <source>Max concurrent requests:</source>
        <translation>Höchstzahl gleichzeitiger Anfragen:</translation>
    </message>
    <message>
        <source>per Mimecast API application (base URL and client ID)</source>
        <translation>je Mimecast-API-Anwendung (Basis-URL und Client-ID)</translation>
    </message>
    <message>
        <source>Cache retention:</source>
        <translation>Cache-Aufbewahrung:</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>older events are purged from the local cache</source>
        <translation>ältere Ereignisse werden aus dem lokalen Cache gelöscht</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Logging</source>
        <translation>Protokollierung</translation>
    </message>
    <message>
        <source>Log level:</source>
        <translation>Protokollstufe:</translation>
    </message>
    <message>
        <source>&amp;Profile settings</source>
        <translation>&amp;Profileinstellungen</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>Pro&amp;tokoll</translation>
    </message>
    <message numerus="yes">
        <source>The file holds %n PEM certificate(s), trusted in addition to the system&apos;s.</source>
        <translation>
            <numerusform>Die Datei enthält %n PEM-Zertifikat, dem zusätzlich zu denen des Systems vertraut wird.</numerusform>
            <numerusform>Die Datei enthält %n PEM-Zertifikate, denen zusätzlich zu denen des Systems vertraut wird.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an Extra CA Bundle</source>
        <translation>Ein zusätzliches CA-Bündel wählen</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Nothing was saved. Correct the fields with a message, then save again.</source>
        <translation>Nichts wurde gespeichert. Korrigieren Sie die Felder mit einer Meldung und speichern Sie erneut.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
</context>
<context>
    <name>msc::StreamHealthModel</name>
    <message>
        <source>none yet</source>
        <translation>noch keine</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Datenstrom</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Newest event (UTC)</source>
        <translation>Neuestes Ereignis (UTC)</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>In Quarantäne</translation>
    </message>
    <message>
        <source>Open gaps</source>
        <translation>Offene Lücken</translation>
    </message>
</context>
<context>
    <name>msc::SyncController</name>
    <message>
        <source>No connector is configured and enabled yet: configure one on the Connectors page.</source>
        <translation>Noch kein Connector ist eingerichtet und aktiviert: richten Sie einen auf der Seite Connectors ein.</translation>
    </message>
    <message>
        <source>blocked: use Retry blocked once the cause is fixed</source>
        <translation>blockiert: verwenden Sie „Blockierte wiederholen“, sobald die Ursache behoben ist</translation>
    </message>
    <message>
        <source>No stream is blocked: there is nothing to retry.</source>
        <translation>Kein Datenstrom ist blockiert: es gibt nichts zu wiederholen.</translation>
    </message>
    <message>
        <source>No client secret is stored for %1: open its configuration and enter it.</source>
        <translation>Für %1 ist kein Client-Geheimnis gespeichert: öffnen Sie seine Konfiguration und geben Sie es ein.</translation>
    </message>
</context>
</TS>
