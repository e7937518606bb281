// SPDX-License-Identifier: MIT
#pragma once

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace roomgate::bench {

/**
 * Everything a run of roomgate-bench is told on its command line, parsed and checked once.
 * Zero for a count means "the scenario's default" (see `--help`), resolved by the scenario.
 */
struct BenchOptions
{
    enum class Target : quint8 { Roomgate, Bare };

    /** Where a ticket reserved on one node is claimed (several nodes only). */
    enum class ClaimOn : quint8 { Same, Next };

    QString scenario;
    Target target = Target::Roomgate;
    /** HTTP base URLs of the server's nodes; user u goes to node u mod their count. */
    QList<QUrl> servers{QUrl(QStringLiteral("http://127.0.0.1:8080"))};
    ClaimOn claimOn = ClaimOn::Same;
    int setupNode = 0; ///< the node sign-ups, sign-ins and room opening go to
    quint16 wsPort = 0; ///< the bare WebSocket server's port
    int threads = 0;
    int connections = 0;
    double duration = 0;
    double warmup = 0;
    double rate = 0; ///< operations (enters, messages) a second offered; 0: full speed
    double drain = 5;
    int rooms = 0;
    int members = 0;
    int senders = 0;
    int window = 0;
    int stalled = 0; ///< fanout: members per room that join and never read
    int users = 0;
    int capacity = 0;
    double hold = 0;
    double pollRate = 0;
    double messageRate = 0;
    double rssInterval = 0;
    QList<qint64> serverPids; ///< the nodes' process ids, for RSS and CPU time
    double requestTimeout = 10;
    double timeout = 0; ///< the hard limit of the whole run; 0: derived from the others
    int sourceAddresses = 1;
    QString password = QStringLiteral("bench-password-1");
    bool quiet = false;

    QString targetName() const
    {
        return target == Target::Bare ? QStringLiteral("bare") : QStringLiteral("roomgate");
    }
    int nodeCount() const { return int(servers.size()); }
    const QUrl &server(int node) const { return servers.at(node); }
    /** The loopback addresses the sockets bind to (none: the kernel picks). */
    QList<QHostAddress> sourceAddressList() const;
    /** The options as given, for the result. */
    QJsonObject toJson() const;
};

/** What parsing the command line decided. */
struct BenchCommand
{
    enum class Kind : quint8 { Run, Compare, Check, Exit };
    Kind kind = Kind::Exit;
    int exitCode = 0;
    QString message; ///< for Exit: the help, version or error text
    BenchOptions options;
    QStringList files; ///< compare: bare and Roomgate; check: any number
};

BenchCommand parseBenchCommand(const QStringList &arguments);

/** The scenario names, in the order --help lists them. */
QStringList scenarioNames();

} // namespace roomgate::bench
