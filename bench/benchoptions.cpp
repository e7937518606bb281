// SPDX-License-Identifier: MIT
#include "bench/benchoptions.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QThread>

#include <cmath>

namespace roomgate::bench {

namespace {

constexpr const char *kDescription
    = R"(roomgate-bench: load generator for Roomgate and its bare reference servers.

Usage: roomgate-bench SCENARIO [options]
       roomgate-bench compare BARE.json ROOMGATE.json
       roomgate-bench check RESULT.json...

Scenarios (defaults in brackets):
  reserve  reserve + cancel at full speed, each of --connections [32] keep-alive HTTP
           connections its own user; --rooms [1], --capacity [10000]. req/s, latency
           percentiles, refusals by code. Bare: the same requests to roomgate-bare-http.
  enter    reserve -> claim (WebSocket, until `joined`) -> leave, started on schedule at
           --rate [100] a second whether or not earlier ones finished (open loop), by
           --users [rate x (request timeout + 1 s), at least 100] over --rooms [10];
           latency per enter and phase, timeouts counted apart.
  storm    --users [1000] users, each signed in with its own connection, all reserve at once
           in one room of --capacity [100]; time until every one is answered, how many got
           in (must equal the capacity) and the refusal codes.
  fanout   --rooms [1] x --members [10] joined, --senders [1] per room sending messages that
           carry their send time; at --rate messages a second in total, or at full speed
           (rate 0, the default) with --window [8] messages in flight per sender. Deliveries
           a second and delivery latency. Bare: roomgate-bare-ws (no reservation, no claim).
           --stalled [0] more members per room join and then never read: the server's RSS
           growth while they stall, and how each of them was ended (Roomgate: 4509).
  idle     --rooms [1] x --members [100] joined and held for --duration [5] s; the server's
           RSS (--server-pid) before and after, per member. Bare: roomgate-bare-ws.
  mixed    a soak: churn (--rate [10] enters a second, each held --hold [2] s), chat
           (--rooms [4] x --members [10], --senders [2] per room, --message-rate [20] a
           second in all) and room-list polling (--poll-rate [5] a second), with the RSS
           sampled every --rss-interval [5] s.

Accounts are signed up and signed in before the timed part (run the server with
--password-cost minimum).

Several nodes: give --server once per node (or a comma list). User u talks to node
u mod N for everything it does (reserve, claim, chat, polling); with --claim-on next a
ticket reserved on node i is claimed on node i+1 (their WebSocket URLs are learnt at
setup). Sign-ups, sign-ins and opening the rooms go to --setup-node [0] only, and RSS
and CPU time are summed over every --server-pid. The result is one JSON object on stdout; progress goes to stderr.
Exit status: 0 done without errors, 1 done with errors, 2 bad command line, 3 the run did
not complete (hard timeout, setup failed).
`compare` prints the headline numbers of a bare and a Roomgate result side by side with
their ratio; `check` exits 0 when every result is well-formed, completed and error-free.)";

struct Spec
{
    const char *name;
    const char *value;
    const char *help;
};

// clang-format off
constexpr Spec kSpecs[] = {
    {"target", "NAME", "roomgate (default) or bare: the bare reference servers."},
    {"server", "URL", "HTTP base URL of a node (default http://127.0.0.1:8080); repeat it, or give a comma list, for several nodes."},
    {"claim-on", "WHERE", "Several nodes: same (default): claim on the node that reserved; next: on the following node."},
    {"setup-node", "I", "Several nodes: the node (0 = the first --server) for sign-ups, sign-ins and opening rooms [0]."},
    {"ws-port", "PORT", "The bare WebSocket server's port (Roomgate's comes in websocketUrl)."},
    {"threads", "N", "Generator threads, each with its own event loop (default: cores)."},
    {"connections", "N", "reserve: HTTP connections, one per user [32]; others: the most HTTP connections opened for traffic [256 a thread]."},
    {"duration", "S", "Seconds of the timed part (storm: unused)."},
    {"warmup", "S", "Seconds run before the timed part, not counted [0]."},
    {"rate", "R", "enter, mixed: enters a second; fanout: messages a second in all (0: full speed)."},
    {"drain", "S", "Seconds to wait for what is in flight after the timed part [5]."},
    {"rooms", "N", "Rooms."},
    {"members", "N", "Members per room (fanout, idle, mixed)."},
    {"senders", "N", "Senders per room (fanout, mixed)."},
    {"window", "N", "fanout at full speed: messages in flight per sender [8]."},
    {"stalled", "N", "fanout: members per room, beyond --members, that join and then never read [0]."},
    {"users", "N", "Users (enter, storm, mixed churn)."},
    {"capacity", "N", "Room capacity."},
    {"hold", "S", "mixed: seconds a churning member stays [2]."},
    {"poll-rate", "R", "mixed: room-list requests a second [5]."},
    {"message-rate", "R", "mixed: chat messages a second in all [20]."},
    {"rss-interval", "S", "mixed, idle: seconds between RSS samples [5]."},
    {"server-pid", "PID", "The server's process id, for its RSS and CPU time from /proc; repeat it (or a comma list) for several nodes: summed."},
    {"request-timeout", "S", "Deadline of every request, connect and enter [10]."},
    {"timeout", "S", "Hard limit of the whole run (default: 180 + the run's own times)."},
    {"source-addresses", "N", "Spread sockets over N loopback source addresses 127.0.0.2... [1: kernel's choice]."},
    {"password", "TEXT", "Password of the generated users."},
};
// clang-format on

/** Every value of a repeatable option, comma lists split, blanks dropped. */
QStringList listValues(const QCommandLineParser &parser, const QString &name)
{
    QStringList out;
    for (const QString &value : parser.values(name)) {
        for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            out.append(part.trimmed());
    }
    return out;
}

} // namespace

QStringList scenarioNames()
{
    return {QStringLiteral("reserve"), QStringLiteral("enter"), QStringLiteral("storm"),
            QStringLiteral("fanout"),  QStringLiteral("idle"),  QStringLiteral("mixed")};
}

QList<QHostAddress> BenchOptions::sourceAddressList() const
{
    QList<QHostAddress> list;
    if (sourceAddresses <= 1)
        return list;
    for (int i = 0; i < sourceAddresses; ++i)
        list.append(QHostAddress(quint32(0x7F000002u + quint32(i))));
    return list;
}

QJsonObject BenchOptions::toJson() const
{
    QJsonObject o{
        {QStringLiteral("target"), targetName()},
        {QStringLiteral("http"), servers.first().toString()},
        {QStringLiteral("threads"), threads},
        {QStringLiteral("duration"), duration},
        {QStringLiteral("warmup"), warmup},
        {QStringLiteral("requestTimeout"), requestTimeout},
        {QStringLiteral("sourceAddresses"), sourceAddresses},
    };
    const auto put = [&o](const char *key, double value) {
        if (value != 0)
            o.insert(QString::fromLatin1(key), value);
    };
    put("wsPort", wsPort);
    put("connections", connections);
    put("rate", rate);
    put("rooms", rooms);
    put("members", members);
    put("senders", senders);
    put("window", window);
    put("stalled", stalled);
    put("users", users);
    put("capacity", capacity);
    put("hold", hold);
    put("pollRate", pollRate);
    put("messageRate", messageRate);
    put("rssInterval", rssInterval);
    if (servers.size() > 1) {
        QJsonArray list;
        for (const QUrl &url : servers)
            list.append(url.toString());
        o.insert(QStringLiteral("servers"), list);
        o.insert(QStringLiteral("claimOn"),
                 claimOn == ClaimOn::Next ? QStringLiteral("next") : QStringLiteral("same"));
        o.insert(QStringLiteral("setupNode"), setupNode);
    }
    if (!serverPids.isEmpty()) {
        put("serverPid", double(serverPids.first()));
        if (serverPids.size() > 1) {
            QJsonArray list;
            for (const qint64 pid : serverPids)
                list.append(pid);
            o.insert(QStringLiteral("serverPids"), list);
        }
    }
    return o;
}

BenchCommand parseBenchCommand(const QStringList &arguments)
{
    BenchCommand command;
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(kDescription));
    parser.addPositionalArgument(QStringLiteral("scenario"),
                                 scenarioNames().join(QStringLiteral(", "))
                                     + QStringLiteral("; or compare, check"));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    for (const Spec &s : kSpecs) {
        QStringList names{QString::fromLatin1(s.name)};
        if (names.first() == QLatin1String("server"))
            names.append(QStringLiteral("http"));
        parser.addOption({names, QString::fromLatin1(s.help), QString::fromLatin1(s.value)});
    }
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No progress line."));
    parser.addOption(quiet);

    const auto fail = [&command](const QString &message) {
        command.kind = BenchCommand::Kind::Exit;
        command.exitCode = 2;
        command.message
            = QStringLiteral("roomgate-bench: %1 (see roomgate-bench --help)").arg(message);
        return command;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        command.message = parser.helpText();
        return command;
    }
    if (parser.isSet(version)) {
        command.message = QStringLiteral("roomgate-bench " ROOMGATE_VERSION);
        return command;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(QStringLiteral("name a scenario"));
    if (positional.first() == QLatin1String("compare")) {
        if (positional.size() != 3)
            return fail(QStringLiteral("compare takes two result files"));
        command.kind = BenchCommand::Kind::Compare;
        command.files = positional.mid(1);
        return command;
    }
    if (positional.first() == QLatin1String("check")) {
        if (positional.size() < 2)
            return fail(QStringLiteral("check takes one or more result files"));
        command.kind = BenchCommand::Kind::Check;
        command.files = positional.mid(1);
        return command;
    }
    if (positional.size() > 1)
        return fail(QStringLiteral("unexpected argument '%1'").arg(positional.at(1)));
    BenchOptions &o = command.options;
    o.scenario = positional.first();
    if (!scenarioNames().contains(o.scenario))
        return fail(QStringLiteral("unknown scenario '%1'").arg(o.scenario));

    QString error;
    const auto number = [&](const char *name, double min, double max, double *out) {
        const QString key = QString::fromLatin1(name);
        if (!parser.isSet(key) || !error.isEmpty())
            return;
        bool ok = false;
        const double v = parser.value(key).toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < min || v > max)
            error = QStringLiteral("--%1: expected a number from %2 to %3, got '%4'")
                        .arg(key)
                        .arg(min)
                        .arg(max)
                        .arg(parser.value(key));
        else
            *out = v;
    };
    const auto whole = [&](const char *name, int min, int max, int *out) {
        double v = *out;
        number(name, min, max, &v);
        if (error.isEmpty() && v != std::floor(v))
            error = QStringLiteral("--%1: expected a whole number").arg(QString::fromLatin1(name));
        *out = int(v);
    };
    if (parser.isSet(QStringLiteral("target"))) {
        const QString t = parser.value(QStringLiteral("target"));
        if (t == QLatin1String("bare"))
            o.target = BenchOptions::Target::Bare;
        else if (t != QLatin1String("roomgate"))
            return fail(QStringLiteral("--target: roomgate or bare, got '%1'").arg(t));
    }
    if (parser.isSet(QStringLiteral("server"))) {
        o.servers.clear();
        for (const QString &url : listValues(parser, QStringLiteral("server"))) {
            const QUrl server(url);
            if (!server.isValid() || server.scheme() != QLatin1String("http")
                || server.host().isEmpty())
                return fail(
                    QStringLiteral("--server: expected http://HOST:PORT, got '%1'").arg(url));
            o.servers.append(server);
        }
    }
    if (parser.isSet(QStringLiteral("claim-on"))) {
        const QString c = parser.value(QStringLiteral("claim-on"));
        if (c == QLatin1String("next"))
            o.claimOn = BenchOptions::ClaimOn::Next;
        else if (c != QLatin1String("same"))
            return fail(QStringLiteral("--claim-on: same or next, got '%1'").arg(c));
    }
    whole("setup-node", 0, int(o.servers.size()) - 1, &o.setupNode);
    for (const QString &value : listValues(parser, QStringLiteral("server-pid"))) {
        bool ok = false;
        const qint64 pid = value.toLongLong(&ok);
        if (!ok || pid < 1 || pid > 4194304)
            return fail(QStringLiteral("--server-pid: expected a process id, got '%1'").arg(value));
        o.serverPids.append(pid);
    }
    int wsPort = 0;
    whole("ws-port", 1, 65535, &wsPort);
    o.wsPort = quint16(wsPort);
    whole("threads", 1, 256, &o.threads);
    whole("connections", 1, 100000, &o.connections);
    number("duration", 0.1, 86400, &o.duration);
    number("warmup", 0, 3600, &o.warmup);
    number("rate", 0, 1e7, &o.rate);
    number("drain", 0, 600, &o.drain);
    whole("rooms", 1, 100000, &o.rooms);
    whole("members", 1, 100000, &o.members);
    whole("senders", 1, 100000, &o.senders);
    whole("window", 1, 100000, &o.window);
    whole("stalled", 0, 100000, &o.stalled);
    whole("users", 1, 1000000, &o.users);
    whole("capacity", 1, 10000, &o.capacity);
    number("hold", 0, 3600, &o.hold);
    number("poll-rate", 0, 1e6, &o.pollRate);
    number("message-rate", 0, 1e7, &o.messageRate);
    number("rss-interval", 0.1, 3600, &o.rssInterval);
    number("request-timeout", 0.1, 3600, &o.requestTimeout);
    number("timeout", 1, 86400 * 7, &o.timeout);
    whole("source-addresses", 1, 65000, &o.sourceAddresses);
    if (!error.isEmpty())
        return fail(error);
    if (parser.isSet(QStringLiteral("password")))
        o.password = parser.value(QStringLiteral("password"));
    o.quiet = parser.isSet(quiet);
    if (o.threads == 0)
        o.threads = std::max(1, QThread::idealThreadCount());
    if (o.stalled > 0 && o.scenario != QLatin1String("fanout"))
        return fail(QStringLiteral("--stalled is an option of fanout only"));

    if (o.target == BenchOptions::Target::Bare) {
        const QStringList bare{QStringLiteral("reserve"), QStringLiteral("fanout"),
                               QStringLiteral("idle")};
        if (!bare.contains(o.scenario))
            return fail(QStringLiteral("scenario '%1' has no bare reference (only %2 do): it "
                                       "needs reservations, claims or accounts")
                            .arg(o.scenario, bare.join(QStringLiteral(", "))));
        if (o.claimOn == BenchOptions::ClaimOn::Next)
            return fail(QStringLiteral("--claim-on next needs tickets: not with --target bare"));
        if (o.scenario != QLatin1String("reserve") && o.wsPort == 0)
            return fail(QStringLiteral("--target bare %1 needs --ws-port").arg(o.scenario));
    }
    command.kind = BenchCommand::Kind::Run;
    return command;
}

} // namespace roomgate::bench
