// SPDX-License-Identifier: MIT
#include "bench/benchoptions.h"
#include "bench/comparison.h"
#include "bench/scenariofactory.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

using namespace roomgate::bench;

int main(int argc, char *argv[])
{
    // Qt's own UNIX event dispatcher: with thousands of sockets per thread its poll costs a
    // third of the GLib one's (measured on the storm), and the generator must stay light.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("roomgate-bench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ROOMGATE_VERSION));

    const BenchCommand command = parseBenchCommand(QCoreApplication::arguments());
    switch (command.kind) {
    case BenchCommand::Kind::Exit:
        std::fprintf(command.exitCode == 0 ? stdout : stderr, "%s\n", qPrintable(command.message));
        return command.exitCode;
    case BenchCommand::Kind::Compare: {
        QString error;
        const auto compared = compareResults(command.files.at(0), command.files.at(1), &error);
        if (!compared) {
            std::fprintf(stderr, "roomgate-bench: compare: %s\n", qPrintable(error));
            return 2;
        }
        const QByteArray json = QJsonDocument(*compared).toJson();
        std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
        return 0;
    }
    case BenchCommand::Kind::Check: {
        QString report;
        const bool good = checkResults(command.files, &report);
        std::fprintf(stderr, "%s\n", qPrintable(report));
        return good ? 0 : 1;
    }
    case BenchCommand::Kind::Run:
        break;
    }

    const std::unique_ptr<Scenario> scenario = makeScenario(command.options);
    int exitCode = 3;
    QObject::connect(scenario.get(), &Scenario::finished, &app,
                     [&exitCode](const QJsonObject &result, int code) {
                         const QByteArray json = QJsonDocument(result).toJson();
                         std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
                         std::fflush(stdout);
                         exitCode = code;
                         QCoreApplication::exit(code);
                     });
    QMetaObject::invokeMethod(scenario.get(), &Scenario::start, Qt::QueuedConnection);
    QCoreApplication::exec();
    return exitCode;
}
