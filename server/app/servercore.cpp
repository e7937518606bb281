// SPDX-License-Identifier: MIT
#include "server/app/servercore.h"

#include "server/admission/accountservice.h"
#include "server/admission/adminservice.h"
#include "server/admission/admissionservice.h"
#include "server/admission/chatservice.h"
#include "server/admission/hashqueue.h"
#include "server/admission/healthservice.h"
#include "server/admission/metrics.h"
#include "server/admission/nodeservice.h"
#include "server/admission/sqlentryqueue.h"
#include "server/admission/sweeper.h"
#include "server/api/httpapi.h"
#include "server/events/inprocesseventbus.h"
#include "server/events/rabbitmqeventbus.h"
#include "server/http/httpserver.h"
#include "server/net/socketworkers.h"
#include "server/realtime/gateway.h"
#include "server/storage/readconnections.h"
#include "server/storage/replyhome.h"
#include "server/storage/storagewriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

Q_LOGGING_CATEGORY(lcServer, "roomgate.server.app", QtInfoMsg)

namespace roomgate::server {

namespace {

/** Reads @p path, or creates it with @p make() (owner-only) when missing. */
std::optional<QByteArray> readOrCreate(const QString &path, const std::function<QByteArray()> &make,
                                       QString *error)
{
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
            return std::nullopt;
        }
        return file.readAll().trimmed();
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, out.errorString());
        return std::nullopt;
    }
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QByteArray value = make();
    out.write(value + '\n');
    if (!out.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, out.errorString());
        return std::nullopt;
    }
    return value;
}

/**
 * Creates @p path empty if missing and makes it the owner's only, before SQLite opens it:
 * its journal files take the database file's permissions.
 */
bool makePrivateFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.exists() && !file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot create %1: %2").arg(path, file.errorString());
        return false;
    }
    file.close();
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = QStringLiteral("cannot make %1 private: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

/** The server side of TLS from a PEM certificate (chain) and key; nullopt with @p error. */
std::optional<QSslConfiguration> loadTls(const QString &certPath, const QString &keyPath,
                                         QString *error)
{
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("TLS is not available: Qt found no TLS backend (libssl)");
        return std::nullopt;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certPath, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = QStringLiteral("--tls-cert: no PEM certificate in %1").arg(certPath);
        return std::nullopt;
    }
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error
            = QStringLiteral("--tls-key: cannot read %1: %2").arg(keyPath, keyFile.errorString());
        return std::nullopt;
    }
    const QByteArray pem = keyFile.readAll();
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(pem, algorithm, QSsl::Pem);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error = QStringLiteral("--tls-key: no PEM private key in %1").arg(keyPath);
        return std::nullopt;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

} // namespace

ServerCore::ServerCore(ServerConfig config, Clock &clock, QObject *parent)
    : QObject(parent), m_config(std::move(config))
{
    m_settings.clock = &clock;
    m_settings.ticketTtlMs = m_config.ticketTtlSeconds * 1000LL;
    m_settings.sweepIntervalMs = m_config.sweepIntervalMs;
    m_settings.nodeLeaseMs = m_config.nodeLeaseSeconds * 1000LL;
    m_settings.passwordCost = m_config.passwordCost;
}

ServerCore::~ServerCore()
{
    // Transports first, so nothing new comes in; then every decision is written and its
    // answer (now for nobody) dropped; then the services, the stores and the writer.
    m_gateway.reset();
    m_api.reset();
    m_http.reset();
    m_sweeper.reset();
    if (m_writer)
        m_writer->drain();
    if (m_leaseWriter)
        m_leaseWriter->drain();
    // The socket threads end with their answers still queued, before the services go.
    m_socketThreads.reset();
    m_hashes.reset();
    QCoreApplication::removePostedEvents(ReplyHome::forCurrentThread());
    m_metrics.reset();
    m_node.reset();
    m_adminService.reset();
    m_chat.reset();
    m_admission.reset();
    m_accounts.reset();
    m_health.reset();
    m_queue.reset();
    m_bus.reset();
    if (m_reads)
        m_reads->closeForThisThread();
    m_reads.reset();
    m_leaseWriter.reset();
    m_writer.reset();
}

bool ServerCore::prepareDataDir()
{
    const QString dir = m_config.dataDir;
    if (!QDir().mkpath(dir)) {
        m_error = QStringLiteral("cannot create the data dir %1").arg(dir);
        return false;
    }
    // Secrets and the store live here: the owner's only, whatever the umask.
    if (!QFile::setPermissions(
            dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
        m_error = QStringLiteral("cannot make the data dir %1 private").arg(dir);
        return false;
    }
    QFile probe(dir + QStringLiteral("/.write-test"));
    if (!probe.open(QIODevice::WriteOnly) || probe.write("ok") != 2) {
        m_error = QStringLiteral("the data dir %1 is not writable").arg(dir);
        return false;
    }
    probe.close();
    probe.remove();
    if (!m_config.nodeId.isEmpty()) {
        m_settings.nodeId = m_config.nodeId;
    } else {
        const auto nodeId = readOrCreate(
            dir + QStringLiteral("/node-id"),
            []() -> QByteArray {
                return QByteArrayLiteral("node-") + Secrets::randomBytes(6).toHex();
            },
            &m_error);
        if (!nodeId)
            return false;
        m_settings.nodeId = QString::fromLatin1(*nodeId);
    }
    const QString secretPath = m_config.secretFile.isEmpty()
        ? dir + QStringLiteral("/ticket-secret")
        : m_config.secretFile;
    const auto secret = readOrCreate(
        secretPath, [] { return Secrets::randomBytes(32).toHex(); }, &m_error);
    if (!secret)
        return false;
    if (secret->size() < 32) {
        m_error = QStringLiteral("the ticket secret in %1 is too short (at least 32 characters)")
                      .arg(secretPath);
        return false;
    }
    m_settings.ticketKey = *secret;
    return true;
}

bool ServerCore::open()
{
    if (!Secrets::initialize()) {
        m_error = QStringLiteral("libsodium could not be initialised");
        return false;
    }
    if (!prepareDataDir())
        return false;
    if (m_config.passwordCost == Secrets::PasswordCost::Minimum)
        qCWarning(lcServer) << "--password-cost minimum: passwords are hashed with the weakest "
                               "limits; use this for tests and benchmarks only";
    m_settings.limits = m_config.limits;
    if (!m_config.rateLimits) {
        qCWarning(lcServer) << "--rate-limits off: no rate limit is enforced; use this for "
                               "benchmarks and test harnesses on loopback only";
        m_settings.limits.turnRatesOff();
    }
    const QString url = m_config.databaseUrl();
    if (url.startsWith(QLatin1String("sqlite://")) && !makePrivateFile(url.mid(9), &m_error))
        return false;
    m_writer = std::make_unique<StorageWriter>(StorageWriter::Limits{});
    if (!m_writer->open(url)) {
        m_error = QStringLiteral("cannot open the database: %1").arg(m_writer->errorString());
        return false;
    }
    if (m_writer->dialect() == Database::Dialect::Postgres) {
        m_leaseWriter = std::make_unique<StorageWriter>(StorageWriter::Limits{});
        if (!m_leaseWriter->open(url)) {
            m_error
                = QStringLiteral("cannot open the database: %1").arg(m_leaseWriter->errorString());
            return false;
        }
    }
    m_reads = std::make_unique<ReadConnections>(url);
    if (m_config.broker.isEmpty())
        m_bus = std::make_unique<InProcessEventBus>();
    else
        m_bus = std::make_unique<RabbitMqEventBus>(m_config.broker, m_settings.nodeId);
    m_queue = std::make_unique<SqlEntryQueue>(*m_writer, *m_reads, *m_bus, m_settings.nodeId);
    // Hashing keeps to its own thread(s): half the cores, so sign-ins never starve sockets.
    m_hashes = std::make_unique<HashQueue>(std::max(1, QThread::idealThreadCount() / 2),
                                           m_config.hashQueue);
    m_accounts = std::make_unique<AccountService>(*m_writer, *m_reads, *m_hashes, m_settings);
    m_admission = std::make_unique<AdmissionService>(*m_queue, *m_reads, m_settings);
    m_health = std::make_unique<HealthService>(*m_reads, *m_bus, *m_admission);
    m_chat = std::make_unique<ChatService>(*m_writer, *m_bus, m_settings);
    m_adminService = std::make_unique<AdminService>(*m_writer, *m_reads, *m_bus, m_settings);
    m_node = std::make_unique<NodeService>(*m_writer, m_leaseWriter ? *m_leaseWriter : *m_writer,
                                           *m_bus, m_settings);
    m_metrics = std::make_unique<Metrics>(*m_admission, *m_bus);
    m_node->setTotals([this] {
        NodeService::Totals totals;
        totals.sockets = socketCount();
        for (auto phase : {AdmissionService::Phase::Reserve, AdmissionService::Phase::Claim}) {
            for (quint64 n : m_metrics->decisions(phase))
                totals.decisions += n;
        }
        totals.messages = m_metrics->messages();
        return totals;
    });
    return true;
}

bool ServerCore::start()
{
    if (const ErrorCode code = m_node->start(); code != ErrorCode::Ok) {
        m_error = QStringLiteral("cannot register this node in storage: %1").arg(wireName(code));
        return false;
    }
    std::optional<QSslConfiguration> tls;
    if (!m_config.tlsCert.isEmpty()) {
        tls = loadTls(m_config.tlsCert, m_config.tlsKey, &m_error);
        if (!tls)
            return false;
    }
    m_socketThreads = std::make_unique<net::SocketWorkers>(
        m_config.ioThreads < 0 ? QThread::idealThreadCount() : m_config.ioThreads);
    GatewaySettings gateway;
    gateway.pingIntervalMs = m_config.pingIntervalSeconds * 1000LL;
    gateway.idleTimeoutMs = m_config.idleTimeoutSeconds * 1000LL;
    gateway.maxFrameBytes = m_config.frameLimitBytes;
    gateway.clock = m_settings.clock;
    gateway.handshakeTimeoutMs = m_config.handshakeTimeoutSeconds * 1000LL;
    gateway.sendBufferLimitBytes = m_config.sendBufferLimitBytes;
    gateway.connectionsPerAddress = m_config.connectionsPerAddress;
    gateway.floodCloseMs = m_settings.limits.messageFloodCloseMs;
    gateway.allowedOrigins = m_config.allowedOrigins;
    gateway.clients = net::ClientAddress(m_config.trustedProxies);
    gateway.tls = tls;
    m_gateway
        = std::make_unique<Gateway>(*m_admission, *m_chat, *m_bus, gateway, m_socketThreads.get());
    if (!m_gateway->listen(m_config.listen, m_config.wsPort)) {
        m_error = QStringLiteral("cannot listen for WebSocket on %1 port %2: %3")
                      .arg(m_config.listenText)
                      .arg(m_config.wsPort)
                      .arg(m_gateway->errorString());
        return false;
    }
    HttpApiSettings api;
    api.nodeId = m_settings.nodeId;
    api.publicWsUrl = m_config.publicWsUrl;
    api.wsPort = m_gateway->serverPort();
    api.perAddress = m_settings.limits.httpPerAddress;
    api.perUser = m_settings.limits.httpPerUser;
    api.clients = net::ClientAddress(m_config.trustedProxies);
    api.clock = m_settings.clock;
    api.metricsPublic = m_config.metricsPublic;
    api.wss = tls.has_value();
    http::HttpLimits limits;
    limits.maxBodyBytes = m_config.bodyLimitBytes;
    limits.connectionsPerAddress = m_config.connectionsPerAddress;
    m_http = std::make_unique<http::HttpServer>(limits, m_socketThreads.get());
    if (tls)
        m_http->setTls(*tls);
    // The routes are in place before the first request can come.
    m_api = std::make_unique<HttpApi>(*m_http,
                                      HttpApiServices{*m_accounts, *m_admission, *m_adminService,
                                                      *m_health, *m_metrics,
                                                      [this] { return socketCount(); }},
                                      api);
    if (!m_http->listen(m_config.listen, m_config.httpPort)) {
        m_error = QStringLiteral("cannot listen for HTTP on %1 port %2: %3")
                      .arg(m_config.listenText)
                      .arg(m_config.httpPort)
                      .arg(m_http->errorString());
        return false;
    }
    connect(m_gateway.get(), &Gateway::connectionCountChanged, this,
            &ServerCore::socketCountChanged);
    m_startedAt = QDateTime::fromMSecsSinceEpoch(m_settings.nowMs(), Qt::UTC);
    // Without its lease the node admits nobody and sends its members away: other nodes may
    // already be giving their seats to others.
    connect(m_node.get(), &NodeService::admittingChanged, this, [this](bool admitting) {
        m_admission->setAdmitting(admitting);
        if (!admitting && m_gateway) {
            Problem away(ErrorCode::ServerShutdown,
                         QStringLiteral("this node lost its hold on the shared storage; enter "
                                        "again (another node may serve you)"));
            m_gateway->sendAllAway(away, false);
        }
    });
    // Events of other nodes published while the broker was away never came here: the
    // members re-enter, and their `joined` frame brings the history they missed.
    connect(m_bus.get(), &EventBus::connectionChanged, this, [this](bool connected) {
        const bool wasLost = std::exchange(m_brokerLost, !connected);
        if (connected && wasLost && m_gateway && m_gateway->connectionCount() > 0) {
            qCInfo(lcServer) << "the event broker is back: members re-enter to catch up";
            m_gateway->sendAllAway(
                Problem(
                    ErrorCode::ServerShutdown,
                    QStringLiteral("room events may have been missed while the event broker was "
                                   "away; enter again")),
                true);
        } else if (!connected) {
            qCWarning(lcServer) << "the event broker is away: serving this node's members only";
        }
    });
    m_sweeper = std::make_unique<Sweeper>(*m_admission, *m_node, *m_accounts, *m_chat);
    m_sweeper->start();
    qCInfo(lcServer).noquote() << "node" << m_settings.nodeId << "serving HTTP on"
                               << m_config.listenText + QLatin1Char(':')
            + QString::number(httpPort())
                               << "and WebSocket on"
                               << m_config.listenText + QLatin1Char(':')
            + QString::number(wsPort());
    return true;
}

quint16 ServerCore::httpPort() const
{
    return m_http ? m_http->serverPort() : 0;
}

int ServerCore::socketCount() const
{
    return m_gateway ? m_gateway->connectionCount() : 0;
}

quint16 ServerCore::wsPort() const
{
    return m_gateway ? m_gateway->serverPort() : 0;
}

void ServerCore::stop(std::function<void()> done)
{
    if (m_sweeper)
        m_sweeper->stop();
    if (m_http)
        m_http->close();
    // Every ending the shutdown caused is written before the process may go.
    auto finish = [this, done = std::move(done)] {
        if (m_writer)
            m_writer->drain();
        done();
    };
    if (!m_gateway) {
        finish();
        return;
    }
    m_gateway->shutdown(std::move(finish));
}

} // namespace roomgate::server
