// SPDX-License-Identifier: MIT
#include "server/app/serverconfig.h"

#include "server/events/rabbitmqeventbus.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

namespace roomgate::server {

namespace {

struct Option
{
    const char *name;
    const char *valueName; ///< null for a switch
    const char *help;
};

// clang-format off
constexpr Option kOptions[] = {
    {"headless", nullptr, "Run without any window (QCoreApplication only)."},
    {"dashboard", nullptr, "Open the admin dashboard window (default when a display is present)."},
    {"listen", "ADDR", "Address to listen on (default 127.0.0.1)."},
    {"http-port", "N", "HTTP API port (default 8080; 0 picks a free one)."},
    {"ws-port", "N", "WebSocket port (default 8081; 0 picks a free one)."},
    {"data-dir", "DIR", "Where the database, node id and secret live."},
    {"database", "URL", "sqlite:///path.db or postgresql://user:pass@host:port/db (default: SQLite in the data dir)."},
    {"ticket-ttl", "S", "Seconds a reservation waits for its claim (default 30)."},
    {"public-ws-url", "URL", "Public WebSocket URL the tickets point to (behind a proxy)."},
    {"secret-file", "FILE", "File with the ticket secret, the same on every node (default: in the data dir)."},
    {"ping-interval", "S", "Seconds between WebSocket pings (default 30)."},
    {"idle-timeout", "S", "Seconds of silence before a socket is dropped (default 90)."},
    {"sweep-interval", "MS", "Milliseconds between expiry sweeps (default 1000)."},
    {"node-id", "NAME", "This node's id among the nodes sharing the storage: 1-64 of A-Z a-z 0-9 . _ - (default: generated once and kept in the data dir)."},
    {"broker", "URL", "amqp://user:pass@host:port/vhost: carry room events between nodes on RabbitMQ (default: none, one node)."},
    {"node-lease", "S", "Seconds a node's lease lasts without renewal (default 15)."},
    {"body-limit", "BYTES", "Largest HTTP body accepted (default 16384)."},
    {"frame-limit", "BYTES", "Largest WebSocket frame accepted (default 65536)."},
    {"login-failures-per-user", "N", "Failed sign-ins for one user name, from anywhere; refills 1 a minute (default 5; 0: off)."},
    {"login-failures-per-address", "N", "Failed sign-ins from one address; refills 1 every 3 s (default 20; 0: off)."},
    {"accounts-per-address", "N", "Sign-ups from one address; refills 1 a minute (default 5; 0: off)."},
    {"rooms-per-user", "N", "Rooms one user creates; refills 1 a minute (default 10; 0: off)."},
    {"http-rate-per-address", "N", "HTTP requests a second per client address, in bursts of N (default 100; 0: off)."},
    {"http-rate-per-user", "N", "HTTP requests a second per signed-in user, in bursts of N (default 20; 0: off)."},
    {"message-rate", "N", "Chat frames a second per WebSocket, in bursts of 2·N (default 10; 0: off)."},
    {"sockets-per-user", "N", "Joined WebSockets of one user (default 32; 0: off)."},
    {"history-keep", "N", "Messages kept per room; older ones are pruned in the background (default 100000; 0: all)."},
    {"sessions-per-user", "N", "Sign-in sessions of one user; the oldest go first (default 20; 0: no cap)."},
    {"trusted-proxy", "ADDR", "A reverse proxy whose X-Forwarded-For names the client (repeatable; comma-separated in env and INI)."},
    {"allowed-origins", "LIST", "Comma-separated origins a WebSocket upgrade may come from (default: any); a client that sends no Origin is allowed."},
    {"tls-cert", "FILE", "PEM certificate (chain) for https and wss on both ports; needs --tls-key."},
    {"tls-key", "FILE", "PEM private key for --tls-cert."},
    {"rate-limits", "on|off", "off turns every rate limit off at once, for benchmarks and test harnesses (default on)."},
    {"handshake-timeout", "S", "Seconds a WebSocket connection has to complete its upgrade (default 10)."},
    {"send-buffer-limit", "BYTES", "Unsent output a WebSocket may hold before it is closed as a slow consumer (default 1048576)."},
    {"connections-per-address", "N", "Open TCP connections from one address, per port (default 256; 0: no limit)."},
    {"hash-queue", "N", "Password hashes that may wait for a core (default 64; 0: no limit)."},
    {"io-threads", "N", "Threads serving sockets (default: one per core; 0: the main thread)."},
    {"password-cost", "COST", "interactive (default), moderate or minimum (tests and benchmarks only)."},
    {"config", "FILE", "INI file with a [server] section of these settings."},
    {"create-admin", "NAME", "Create or promote the admin NAME (password from ROOMGATE_ADMIN_PASSWORD or stdin), then exit."},
    {"metrics-public", nullptr, "Serve /metrics without an admin token."},
    {"verify", nullptr, "Check the store for violations of I1-I5, print them and exit (0 clean, 3 violations, 1 unreadable)."},
};
// clang-format on

QString envName(const char *option)
{
    return QStringLiteral("ROOMGATE_")
        + QString::fromLatin1(option).toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

bool parseBool(const QString &text, bool *ok)
{
    const QString t = text.trimmed().toLower();
    *ok = true;
    if (t == QLatin1String("1") || t == QLatin1String("true") || t == QLatin1String("yes")
        || t == QLatin1String("on") || t.isEmpty())
        return true;
    if (t == QLatin1String("0") || t == QLatin1String("false") || t == QLatin1String("no")
        || t == QLatin1String("off"))
        return false;
    *ok = false;
    return false;
}

} // namespace

QString ServerConfig::databaseUrl() const
{
    if (!database.isEmpty())
        return database;
    return QStringLiteral("sqlite://")
        + QDir(dataDir).absoluteFilePath(QStringLiteral("roomgate.db"));
}

ServerConfig::ParseResult ServerConfig::parse(const QStringList &arguments,
                                              const QProcessEnvironment &environment,
                                              ServerConfig *config)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Roomgate server: two-phase room admission (reserve over HTTP, claim over WebSocket).\n"
        "Every option can also be set as a ROOMGATE_<NAME> environment variable or as a key "
        "of the [server] section of the --config file. Precedence: flag > env > file > default."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    for (const Option &o : kOptions) {
        if (o.valueName)
            parser.addOption({QString::fromLatin1(o.name), QString::fromUtf8(o.help),
                              QString::fromLatin1(o.valueName)});
        else
            parser.addOption({QString::fromLatin1(o.name), QString::fromUtf8(o.help)});
    }
    ParseResult result;
    auto fail = [&result](const QString &message) {
        result.run = false;
        result.exitCode = 2;
        result.message = QStringLiteral("roomgate-server: ") + message
            + QStringLiteral(" (see roomgate-server --help)");
        return result;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return fail(
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    if (parser.isSet(help)) {
        result.run = false;
        result.message = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.run = false;
        result.message = QStringLiteral("roomgate-server " ROOMGATE_VERSION);
        return result;
    }

    // The config file itself may come from a flag or the environment.
    QString configFile = parser.value(QStringLiteral("config"));
    if (configFile.isEmpty())
        configFile = environment.value(envName("config"));
    QHash<QString, QString> fileValues;
    if (!configFile.isEmpty()) {
        if (!QFileInfo(configFile).isReadable())
            return fail(QStringLiteral("--config: cannot read '%1'").arg(configFile));
        QSettings ini(configFile, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError)
            return fail(QStringLiteral("--config: '%1' is not a valid INI file").arg(configFile));
        // A key outside [server] is a typo that would silently lose settings.
        const QStringList all = ini.allKeys();
        for (const QString &key : all) {
            if (!key.startsWith(QLatin1String("server/")))
                return fail(
                    QStringLiteral("--config: '%1' is outside the [server] section").arg(key));
        }
        ini.beginGroup(QStringLiteral("server"));
        const QStringList keys = ini.childKeys();
        for (const QString &key : keys) {
            bool known = false;
            for (const Option &o : kOptions)
                known = known || key == QLatin1String(o.name);
            if (!known)
                return fail(QStringLiteral("--config: unknown key '%1' in [server]").arg(key));
            fileValues.insert(key, ini.value(key).toString());
        }
    }

    // flag > env > file; nullopt when none sets it.
    auto lookup = [&](const char *name) -> std::optional<QString> {
        const QString key = QString::fromLatin1(name);
        if (parser.isSet(key))
            return parser.value(key).isNull() ? QString() : parser.value(key);
        if (environment.contains(envName(name)))
            return environment.value(envName(name));
        if (fileValues.contains(key))
            return fileValues.value(key);
        return std::nullopt;
    };
    QString error;
    auto integer = [&](const char *name, qint64 min, qint64 max, qint64 fallback) -> qint64 {
        const auto text = lookup(name);
        if (!text)
            return fallback;
        bool ok = false;
        const qint64 v = text->trimmed().toLongLong(&ok);
        if (!ok || v < min || v > max) {
            if (error.isEmpty())
                error = QStringLiteral("--%1: expected a whole number from %2 to %3, got '%4'")
                            .arg(QString::fromLatin1(name))
                            .arg(min)
                            .arg(max)
                            .arg(*text);
            return fallback;
        }
        return v;
    };
    auto flag = [&](const char *name) {
        const auto text = lookup(name);
        if (!text)
            return false;
        if (parser.isSet(QString::fromLatin1(name)))
            return true;
        bool ok = false;
        const bool v = parseBool(*text, &ok);
        if (!ok && error.isEmpty())
            error
                = QStringLiteral("%1: expected true or false, got '%2'").arg(envName(name), *text);
        return v;
    };

    ServerConfig &c = *config;
    if (const auto listen = lookup("listen")) {
        QHostAddress address;
        const QString text = listen->trimmed();
        if (text == QLatin1String("localhost"))
            address = QHostAddress(QHostAddress::LocalHost);
        else if (!address.setAddress(text))
            return fail(QStringLiteral("--listen: '%1' is not an IP address").arg(*listen));
        c.listen = address;
        c.listenText = text;
    }
    c.httpPort = static_cast<quint16>(integer("http-port", 0, 65535, c.httpPort));
    c.wsPort = static_cast<quint16>(integer("ws-port", 0, 65535, c.wsPort));
    c.ticketTtlSeconds = static_cast<int>(integer("ticket-ttl", 1, 86400, c.ticketTtlSeconds));
    c.pingIntervalSeconds
        = static_cast<int>(integer("ping-interval", 1, 3600, c.pingIntervalSeconds));
    c.idleTimeoutSeconds
        = static_cast<int>(integer("idle-timeout", 1, 86400, c.idleTimeoutSeconds));
    c.sweepIntervalMs = static_cast<int>(integer("sweep-interval", 10, 60000, c.sweepIntervalMs));
    c.nodeLeaseSeconds = static_cast<int>(integer("node-lease", 3, 3600, c.nodeLeaseSeconds));
    c.bodyLimitBytes = integer("body-limit", 1024, 64LL * 1024 * 1024, c.bodyLimitBytes);
    c.frameLimitBytes = integer("frame-limit", 1024, 64LL * 1024 * 1024, c.frameLimitBytes);
    AbuseLimits &l = c.limits;
    auto burst = [&](const char *name, RateLimit *limit) {
        limit->burst = static_cast<int>(integer(name, 0, 1'000'000, limit->burst));
    };
    burst("login-failures-per-user", &l.loginFailuresPerUser);
    burst("login-failures-per-address", &l.loginFailuresPerAddress);
    burst("accounts-per-address", &l.accountsPerAddress);
    burst("rooms-per-user", &l.roomsPerUser);
    // N a second, in bursts of N.
    l.httpPerAddress = RateLimit::perSecondOf(
        static_cast<int>(integer("http-rate-per-address", 0, 1'000'000, l.httpPerAddress.burst)));
    l.httpPerUser = RateLimit::perSecondOf(
        static_cast<int>(integer("http-rate-per-user", 0, 1'000'000, l.httpPerUser.burst)));
    // N a second, in bursts of 2·N.
    const int messageRate = static_cast<int>(
        integer("message-rate", 0, 1'000'000, static_cast<qint64>(l.messages.perSecond)));
    l.messages = RateLimit{2 * messageRate, static_cast<double>(messageRate)};
    l.socketsPerUser
        = static_cast<int>(integer("sockets-per-user", 0, 1'000'000, l.socketsPerUser));
    l.historyKeep = static_cast<int>(integer("history-keep", 0, 1'000'000'000, l.historyKeep));
    l.sessionsPerUser
        = static_cast<int>(integer("sessions-per-user", 0, 1'000'000, l.sessionsPerUser));
    if (const auto limits = lookup("rate-limits")) {
        bool ok = false;
        c.rateLimits = parseBool(*limits, &ok);
        if (!ok || limits->trimmed().isEmpty())
            return fail(QStringLiteral("--rate-limits: expected on or off, got '%1'").arg(*limits));
    }
    c.handshakeTimeoutSeconds
        = static_cast<int>(integer("handshake-timeout", 1, 3600, c.handshakeTimeoutSeconds));
    c.sendBufferLimitBytes
        = integer("send-buffer-limit", 64LL * 1024, 1024LL * 1024 * 1024, c.sendBufferLimitBytes);
    c.connectionsPerAddress = static_cast<int>(
        integer("connections-per-address", 0, 1'000'000, c.connectionsPerAddress));
    c.hashQueue = static_cast<int>(integer("hash-queue", 0, 1'000'000, c.hashQueue));
    c.ioThreads = static_cast<int>(integer("io-threads", 0, 256, c.ioThreads));
    c.headless = flag("headless");
    c.dashboard = flag("dashboard");
    c.metricsPublic = flag("metrics-public");
    c.verify = flag("verify");
    if (!error.isEmpty())
        return fail(error);
    if (c.headless && c.dashboard)
        return fail(QStringLiteral("--headless and --dashboard exclude each other"));
    if (c.httpPort != 0 && c.httpPort == c.wsPort)
        return fail(
            QStringLiteral("--http-port and --ws-port must differ (both %1)").arg(c.httpPort));

    if (const auto cost = lookup("password-cost")) {
        const QString t = cost->trimmed().toLower();
        if (t == QLatin1String("interactive"))
            c.passwordCost = Secrets::PasswordCost::Interactive;
        else if (t == QLatin1String("moderate"))
            c.passwordCost = Secrets::PasswordCost::Moderate;
        else if (t == QLatin1String("minimum"))
            c.passwordCost = Secrets::PasswordCost::Minimum;
        else
            return fail(QStringLiteral(
                            "--password-cost: expected interactive, moderate or minimum, got '%1'")
                            .arg(*cost));
        c.passwordCostText = t;
    }
    if (const auto url = lookup("public-ws-url")) {
        const QUrl parsed(*url, QUrl::StrictMode);
        const QString scheme = parsed.scheme();
        if (!parsed.isValid() || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))
            || parsed.host().isEmpty() || parsed.hasQuery())
            return fail(
                QStringLiteral(
                    "--public-ws-url: expected a ws:// or wss:// URL without a query, got '%1'")
                    .arg(*url));
        c.publicWsUrl = *url;
    }
    if (const auto db = lookup("database")) {
        const QString scheme = QUrl(*db).scheme();
        if (scheme != QLatin1String("sqlite") && scheme != QLatin1String("postgresql")
            && scheme != QLatin1String("postgres"))
            return fail(
                QStringLiteral("--database: expected sqlite:///path or postgresql://…, got '%1'")
                    .arg(*db));
        c.database = *db;
    }
    if (const auto id = lookup("node-id")) {
        static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
        if (!valid.match(*id).hasMatch())
            return fail(
                QStringLiteral("--node-id: expected 1-64 of A-Z a-z 0-9 . _ -, got '%1'").arg(*id));
        c.nodeId = *id;
    }
    if (const auto broker = lookup("broker")) {
        if (const QString problem = RabbitMqEventBus::urlProblem(*broker); !problem.isEmpty())
            return fail(QStringLiteral("--broker: %1").arg(problem));
        c.broker = *broker;
    }
    // Repeatable on the command line, a comma-separated list in env and INI.
    QStringList proxies = parser.values(QStringLiteral("trusted-proxy"));
    if (proxies.isEmpty()) {
        if (const auto list = lookup("trusted-proxy"))
            proxies = list->split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    for (const QString &proxy : std::as_const(proxies)) {
        QHostAddress address;
        if (!address.setAddress(proxy.trimmed()))
            return fail(QStringLiteral("--trusted-proxy: '%1' is not an IP address").arg(proxy));
        c.trustedProxies.append(address);
    }
    if (const auto origins = lookup("allowed-origins")) {
        for (const QString &origin : origins->split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QUrl url(origin.trimmed(), QUrl::StrictMode);
            if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()
                || !url.path().isEmpty())
                return fail(QStringLiteral("--allowed-origins: '%1' is not an origin like "
                                           "https://chat.example.org")
                                .arg(origin.trimmed()));
            c.allowedOrigins.append(origin.trimmed().toLower());
        }
    }
    c.tlsCert = lookup("tls-cert").value_or(QString());
    c.tlsKey = lookup("tls-key").value_or(QString());
    if (c.tlsCert.isEmpty() != c.tlsKey.isEmpty())
        return fail(QStringLiteral("--tls-cert and --tls-key go together"));
    c.secretFile = lookup("secret-file").value_or(QString());
    c.createAdmin = lookup("create-admin").value_or(QString());
    c.dataDir = lookup("data-dir").value_or(QString());
    if (c.dataDir.isEmpty()) {
        c.dataDir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
            + QStringLiteral("/roomgate-server");
    }
    return result;
}

} // namespace roomgate::server
