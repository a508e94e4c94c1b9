// mimecast-simulator: the Mimecast API 2.0 simulator (and, in one process, the Sentinel fakes)
// on 127.0.0.1, as cli.md describes. Line 1 of stdout is the base URL, then key=value lines.
#include "mimecastsimulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>
#include <iostream>
#include <string>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"mimecast-simulator"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Mimecast API 2.0 simulator for tests and the demo (127.0.0.1 only)."_s);
    parser.addHelpOption();
    parser.addOptions({
        {u"port"_s, u"Port to listen on (0: a free port)."_s, u"N"_s, u"0"_s},
        {u"seed"_s, u"Dataset seed."_s, u"S"_s},
        {u"volume"_s, u"Gateway messages per simulated day."_s, u"N"_s},
        {u"tls"_s, u"Serve HTTPS with a per-run CA."_s},
        {u"faults"_s, u"Fault switches, e.g. 429:every=5,truncated-gzip."_s, u"LIST"_s},
        {u"client-id"_s, u"Accepted client id (default demo-client)."_s, u"ID"_s},
        {u"client-secret-stdin"_s, u"Read the accepted client secret from standard input."_s},
        {u"config"_s, u"JSON configuration file (cli.md keys)."_s, u"FILE"_s},
        {u"state-dir"_s, u"Directory for every file the simulator writes."_s, u"DIR"_s},
    });
    parser.process(app);

    auto fail = [](const QString &message) {
        std::fprintf(stderr, "mimecast-simulator: %s\n", qPrintable(message));
        return 2;
    };
    msc::sim::SimulatorConfig config;
    if (parser.isSet(u"config"_s)) {
        QFile file(parser.value(u"config"_s));
        if (!file.open(QIODevice::ReadOnly))
            return fail(u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return fail(u"%1 is not a JSON object: %2"_s.arg(file.fileName(), error.errorString()));
        QString problem;
        if (!config.apply(document.object(), &problem))
            return fail(u"%1: %2"_s.arg(file.fileName(), problem));
    }
    bool ok = true;
    if (parser.isSet(u"seed"_s))
        config.seed = parser.value(u"seed"_s).toULongLong(&ok);
    if (!ok)
        return fail(u"--seed needs a number"_s);
    if (parser.isSet(u"volume"_s))
        config.volume = parser.value(u"volume"_s).toInt(&ok);
    if (!ok || config.volume < 1)
        return fail(u"--volume needs a positive number"_s);
    if (parser.isSet(u"tls"_s))
        config.tls = true;
    if (parser.isSet(u"client-id"_s))
        config.clientId = parser.value(u"client-id"_s);
    if (parser.isSet(u"faults"_s)) {
        QString problem;
        config.faults = msc::sim::FaultSet::parseList(parser.value(u"faults"_s), &problem);
        if (!problem.isEmpty())
            return fail(problem);
    }
    if (parser.isSet(u"client-secret-stdin"_s)) {
        std::string line;
        std::getline(std::cin, line);
        config.clientSecret = QString::fromStdString(line).trimmed();
        if (config.clientSecret.isEmpty())
            return fail(u"--client-secret-stdin: standard input held no secret"_s);
    }
    const quint16 port = quint16(parser.value(u"port"_s).toUInt(&ok));
    if (!ok)
        return fail(u"--port needs a number"_s);

    msc::sim::MimecastSimulator simulator(config, parser.value(u"state-dir"_s));
    QString problem;
    if (!simulator.start(port, &problem))
        return fail(problem);

    // The legacy workspace key of the Data Collector fake: derived from the seed, so a run is
    // reproducible; it protects nothing.
    const QByteArray workspaceKey =
        QCryptographicHash::hash(QByteArray("msc-workspace-key:" + QByteArray::number(config.seed)),
            QCryptographicHash::Sha512)
            .left(48)
            .toBase64();
    QTextStream out(stdout);
    out << simulator.baseUrl() << '\n';
    out << "workspace_key=" << QString::fromLatin1(workspaceKey) << '\n';
    if (!simulator.caFile().isEmpty())
        out << "ca_file=" << simulator.caFile() << '\n';
    out << "state_dir=" << simulator.stateDirectory() << '\n';
    out.flush();
    return QCoreApplication::exec();
}
