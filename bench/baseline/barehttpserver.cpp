// SPDX-License-Identifier: MIT
// roomgate-bare-http: the smallest QHttpServer that does what a reservation must at least
// do, one durable SQLite write per request, so that Roomgate's reserve and cancel can be
// compared with the bare Qt stack (docs/performance.md). Not part of Roomgate.
//
//   POST   /api/v1/rooms/{name}/entries  -> 201 {"ticket","room"}  (one upsert)
//   DELETE /api/v1/entries/{ticket}      -> 204                    (one delete)
//   GET    /healthz                      -> 200 {"status":"ok"}    (no write)
//
// SQLite as Roomgate keeps it: WAL, synchronous=FULL (--synchronous normal to compare),
// each statement its own transaction, prepared once.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("roomgate-bare-http"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Bare reference: QHttpServer + one SQLite write per request."));
    parser.addHelpOption();
    const QCommandLineOption listenOption(QStringLiteral("listen"),
                                          QStringLiteral("Address (default 127.0.0.1)."),
                                          QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port (default 0: a free one)."),
                                        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption dirOption(QStringLiteral("data-dir"),
                                       QStringLiteral("Directory of the database (required)."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption syncOption(QStringLiteral("synchronous"),
                                        QStringLiteral("full (default) or normal."),
                                        QStringLiteral("MODE"), QStringLiteral("full"));
    parser.addOptions({listenOption, portOption, dirOption, syncOption});
    parser.process(app);
    const QString synchronous = parser.value(syncOption).toUpper();
    if (!parser.isSet(dirOption)
        || (synchronous != QLatin1String("FULL") && synchronous != QLatin1String("NORMAL"))) {
        std::fprintf(stderr,
                     "roomgate-bare-http: --data-dir DIR is required; --synchronous "
                     "is full or normal\n");
        return 2;
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"));
    db.setDatabaseName(QDir(parser.value(dirOption)).filePath(QStringLiteral("bare.db")));
    if (!db.open()) {
        std::fprintf(stderr, "roomgate-bare-http: %s\n", qPrintable(db.lastError().text()));
        return 1;
    }
    QSqlQuery setup(db);
    for (const QString &statement : QStringList{
             QStringLiteral("PRAGMA journal_mode=WAL"),
             QStringLiteral("PRAGMA synchronous=") + synchronous,
             QStringLiteral("PRAGMA busy_timeout=5000"),
             QStringLiteral("CREATE TABLE IF NOT EXISTS entries (ticket INTEGER PRIMARY KEY, "
                            "room TEXT NOT NULL, at INTEGER NOT NULL)")}) {
        if (!setup.exec(statement)) {
            std::fprintf(stderr, "roomgate-bare-http: %s\n", qPrintable(setup.lastError().text()));
            return 1;
        }
    }
    QSqlQuery upsert(db);
    upsert.prepare(QStringLiteral(
        "INSERT INTO entries (ticket, room, at) VALUES (?, ?, ?) "
        "ON CONFLICT (ticket) DO UPDATE SET room = excluded.room, at = excluded.at"));
    QSqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM entries WHERE ticket = ?"));
    qint64 nextTicket = 1;

    QHttpServer server;
    server.route(QStringLiteral("/api/v1/rooms/<arg>/entries"), QHttpServerRequest::Method::Post,
                 [&](const QString &room, const QHttpServerRequest &) {
                     const qint64 ticket = nextTicket++;
                     upsert.bindValue(0, ticket);
                     upsert.bindValue(1, room);
                     upsert.bindValue(2, QDateTime::currentMSecsSinceEpoch());
                     if (!upsert.exec())
                         return QHttpServerResponse(
                             QJsonObject{{QStringLiteral("code"), QStringLiteral("UNAVAILABLE")}},
                             QHttpServerResponse::StatusCode::ServiceUnavailable);
                     return QHttpServerResponse(
                         QJsonObject{{QStringLiteral("ticket"), QString::number(ticket)},
                                     {QStringLiteral("room"), room}},
                         QHttpServerResponse::StatusCode::Created);
                 });
    server.route(QStringLiteral("/api/v1/entries/<arg>"), QHttpServerRequest::Method::Delete,
                 [&](qint64 ticket, const QHttpServerRequest &) {
                     remove.bindValue(0, ticket);
                     if (!remove.exec())
                         return QHttpServerResponse(
                             QJsonObject{{QStringLiteral("code"), QStringLiteral("UNAVAILABLE")}},
                             QHttpServerResponse::StatusCode::ServiceUnavailable);
                     return QHttpServerResponse(QHttpServerResponse::StatusCode::NoContent);
                 });
    server.route(QStringLiteral("/healthz"), QHttpServerRequest::Method::Get, [] {
        return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    });

    // Our own listener, as Roomgate has: a backlog for bursts of connects.
    auto *tcp = new QTcpServer(&server);
    tcp->setListenBacklogSize(1024);
    const QHostAddress address(parser.value(listenOption));
    if (address.isNull() || !tcp->listen(address, quint16(parser.value(portOption).toUInt()))) {
        std::fprintf(stderr, "roomgate-bare-http: cannot listen: %s\n",
                     qPrintable(tcp->errorString()));
        return 1;
    }
    server.bind(tcp);
    std::printf("roomgate-bare-http ready http=%s:%u\n", qPrintable(address.toString()),
                unsigned(tcp->serverPort()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
