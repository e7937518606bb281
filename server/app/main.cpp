// SPDX-License-Identifier: MIT
#include "server/admission/accountservice.h"
#include "server/app/servercore.h"
#include "server/app/unixsignals.h"
#include "server/storage/database.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace roomgate;
using namespace roomgate::server;

namespace {

int createAdmin(ServerCore &core, const QString &name)
{
    QString password = qEnvironmentVariable("ROOMGATE_ADMIN_PASSWORD");
    if (!qEnvironmentVariableIsSet("ROOMGATE_ADMIN_PASSWORD")) {
        QTextStream in(stdin);
        password = in.readLine();
    }
    bool created = false;
    const auto admin = core.accounts().bootstrapAdmin(name, password, &created);
    if (!admin.ok()) {
        const bool badInput = admin.code == ErrorCode::InvalidUsername
            || admin.code == ErrorCode::WeakPassword || admin.code == ErrorCode::BadRequest;
        std::fprintf(stderr, "roomgate-server: --create-admin: %s (%s)\n",
                     qPrintable(errorSentence(admin.code)), qPrintable(wireName(admin.code)));
        return badInput ? 2 : 1;
    }
    std::printf("%s admin %s\n", created ? "created" : "promoted existing user to",
                qPrintable(admin.value.name));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("roomgate-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ROOMGATE_VERSION));

    ServerConfig config;
    const auto parsed
        = ServerConfig::parse(app.arguments(), QProcessEnvironment::systemEnvironment(), &config);
    if (!parsed.run) {
        std::fprintf(parsed.exitCode == 0 ? stdout : stderr, "%s\n", qPrintable(parsed.message));
        return parsed.exitCode;
    }

    ServerCore core(config);
    if (!core.open()) {
        std::fprintf(stderr, "roomgate-server: %s\n", qPrintable(core.errorString()));
        return 1;
    }
    if (!config.createAdmin.isEmpty())
        return createAdmin(core, config.createAdmin);

    UnixSignals signals;
    if (!core.start()) {
        std::fprintf(stderr, "roomgate-server: %s\n", qPrintable(core.errorString()));
        return 1;
    }
    QObject::connect(&signals, &UnixSignals::terminationRequested, &core, [&core](int) {
        static bool stopping = false;
        if (stopping)
            return;
        stopping = true;
        core.stop([] { QCoreApplication::exit(0); });
    });
    // One machine-readable line for scripts and tests: where this node listens.
    std::printf("roomgate-server ready http=%s:%u ws=%s:%u node=%s\n",
                qPrintable(config.listenText), unsigned(core.httpPort()),
                qPrintable(config.listenText), unsigned(core.wsPort()), qPrintable(core.nodeId()));
    std::fflush(stdout);
    return app.exec();
}
