// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionsettings.h"
#include "server/storage/secrets.h"

#include <QHostAddress>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace roomgate::server {

/**
 * Everything `roomgate-server` is told at start, from flags, ROOMGATE_* variables
 * and the [server] section of an INI file (in that order of precedence).
 */
struct ServerConfig
{
    QHostAddress listen = QHostAddress(QHostAddress::LocalHost);
    QString listenText = QStringLiteral("127.0.0.1");
    quint16 httpPort = 8080;
    quint16 wsPort = 8081;
    QString dataDir;
    QString database; ///< empty: SQLite file in the data dir
    QString nodeId; ///< empty: generated once and kept in the data dir
    QString broker; ///< amqp://…; empty: the in-process bus (one node)
    int ticketTtlSeconds = 30;
    QString publicWsUrl;
    QString secretFile;
    int pingIntervalSeconds = 30;
    int idleTimeoutSeconds = 90;
    int sweepIntervalMs = 1000;
    int nodeLeaseSeconds = 15;
    qint64 bodyLimitBytes = 16LL * 1024;
    qint64 frameLimitBytes = 64LL * 1024;
    AbuseLimits limits; ///< contract v1.1 defaults, each overridable
    bool rateLimits = true; ///< --rate-limits off: every rate limit off at once
    QList<QHostAddress> trustedProxies; ///< their X-Forwarded-For names the client
    QStringList allowedOrigins; ///< empty: any; a request without Origin always passes
    QString tlsCert; ///< PEM certificate (chain); with tlsKey: https and wss
    QString tlsKey; ///< PEM private key
    bool verify = false; ///< --verify: check I1–I5 in the store and exit
    int handshakeTimeoutSeconds = 10; ///< a WebSocket upgrade must be complete by then
    qint64 sendBufferLimitBytes = 1024LL * 1024; ///< unsent output of one WebSocket, at most
    int connectionsPerAddress = 256; ///< open TCP connections per address and port; 0: off
    int hashQueue = 64; ///< password hashes waiting for a core; 0: off
    int ioThreads = -1; ///< socket threads; -1: one per core, 0: the main thread
    Secrets::PasswordCost passwordCost = Secrets::PasswordCost::Interactive;
    QString passwordCostText = QStringLiteral("interactive");
    QString createAdmin;
    bool headless = false; ///< --headless: never open the dashboard
    bool dashboard = false; ///< --dashboard: open it (default when a display is present)
    bool metricsPublic = false;

    /** What parsing decided: run, or exit at once with a code and a message. */
    struct ParseResult
    {
        bool run = true;
        int exitCode = 0;
        QString message; ///< printed to stdout when exitCode is 0, else to stderr
    };

    /** The storage URL: --database, or SQLite in the data dir. */
    QString databaseUrl() const;

    static ParseResult parse(const QStringList &arguments, const QProcessEnvironment &environment,
                             ServerConfig *config);
};

} // namespace roomgate::server
