// SPDX-License-Identifier: MIT
#include "client/core/apiclient.h"

#include "client/core/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

#include <memory>

namespace roomgate::client {

namespace {

QString percentEncoded(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

/** Seconds from a `Retry-After` header in its delay-seconds form; 0 when absent. */
int retryAfterHeader(QNetworkReply *reply)
{
    bool ok = false;
    const int seconds = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
    return ok && seconds > 0 ? seconds : 0;
}

} // namespace

ApiClient::ApiClient(const QUrl &baseUrl, QObject *parent)
    : QObject(parent),
      m_nam(new QNetworkAccessManager(this)),
      m_pins(new CertificatePins(this)),
      m_baseUrl(baseUrl)
{
    // A connection kept alive after its certificate was accepted would outlive the pin
    // that accepted it, and so would a TLS session resumed from it.
    connect(m_pins, &CertificatePins::changed, this, [this] {
        m_flushWanted = true;
        flushConnectionsWhenIdle();
    });
}

ApiClient::~ApiClient()
{
    // Replies are children of the manager and would report OperationCanceled while it
    // is destroyed, into callers that may be half-destroyed themselves: silence them.
    const QList<QNetworkReply *> replies = m_nam->findChildren<QNetworkReply *>();
    for (QNetworkReply *reply : replies) {
        reply->disconnect();
        reply->abort();
    }
}

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
}

void ApiClient::setToken(const QString &token)
{
    m_token = token;
}

QUrl ApiClient::endpoint(const QString &encodedPath) const
{
    QUrl url = m_baseUrl;
    QString base = url.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    // Tolerant mode keeps escapes such as %2F as they are: a room name may hold any
    // character and must arrive as one path segment.
    url.setPath(base + encodedPath, QUrl::TolerantMode);
    url.setQuery(QString());
    return url;
}

void ApiClient::send(const QByteArray &method, const QString &encodedPath, const QJsonObject *body,
                     bool authenticated, std::function<void(const Answer &)> handle)
{
    QNetworkRequest request(endpoint(encodedPath));
    request.setRawHeader("Accept", "application/json, application/problem+json");
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArrayLiteral("roomgate/" ROOMGATE_VERSION));
    request.setTransferTimeout(m_transferTimeoutMs);
    if (authenticated && !m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
    QByteArray payload;
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = body ? m_nam->sendCustomRequest(request, method, payload)
                                : m_nam->sendCustomRequest(request, method);
    qCDebug(lcApi).noquote() << method << encodedPath.section(u'/', 0, 3) << "sent";
    ++m_callsRunning;
    auto certificate = std::make_shared<CertificateCheck>();
    connect(reply, &QNetworkReply::sslErrors, this,
            [this, reply, certificate](const QList<QSslError> &errors) {
                // The system could not verify the certificate: only a pin can accept it.
                // The key is the request's own server, whatever the base URL is by now.
                *certificate = m_pins->check(CertificatePins::serverKey(reply->url()),
                                             reply->sslConfiguration().peerCertificate(), errors);
                if (certificate->verdict == CertificateCheck::Verdict::Pinned) {
                    // Exactly these errors, not all: the manager's connection remembers what
                    // it was told to ignore and applies it when it reconnects, to whatever
                    // certificate the server then presents.
                    reply->ignoreSslErrors(errors);
                    return;
                }
                qCWarning(lcApi).noquote()
                    << "refused the certificate of" << certificate->server << "-"
                    << CertificateCheck::verdictName(certificate->verdict) << "-"
                    << CertificateCheck::displayFingerprint(certificate->fingerprint) << "-"
                    << certificate->errors;
            });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, certificate, handle = std::move(handle)] {
                reply->deleteLater();
                --m_callsRunning;
                const Answer answer = readAnswer(reply, *certificate);
                flushConnectionsWhenIdle();
                handle(answer);
            });
}

void ApiClient::flushConnectionsWhenIdle()
{
    if (!m_flushWanted || m_callsRunning > 0)
        return;
    // Not from inside a reply's own signal: the manager still finishes that reply's work.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_flushWanted || m_callsRunning > 0)
                return;
            m_flushWanted = false;
            m_nam->clearConnectionCache();
        },
        Qt::QueuedConnection);
}

ApiClient::Answer ApiClient::readAnswer(QNetworkReply *reply, const CertificateCheck &certificate)
{
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (certificate.isRefusal() && answer.status != 0) {
        // Never happens unless the network stack went on after all: its answer is not used.
        qCWarning(lcApi) << "an answer came over a refused certificate; dropped";
        answer.status = 0;
    }
    if (answer.status == 0) {
        // No HTTP answer at all: refused, reset, time-out, DNS, TLS. Nothing was decided
        // that we could know of, so retries treat it like the server being unavailable;
        // `local` tells the user it came from this side of the network.
        answer.local = localErrorFromNetworkError(reply->error());
        if (answer.local == LocalError::None)
            answer.local = LocalError::ConnectionLost;
        if (certificate.isRefusal()) {
            answer.local = LocalError::Tls;
            answer.certificate = certificate;
        }
        const bool timedOut = answer.local == LocalError::TimedOut;
        answer.problem
            = Problem(ErrorCode::Unavailable,
                      timedOut ? tr("The server did not answer in time.") : reply->errorString());
        qCInfo(lcApi).noquote() << "no answer:" << localErrorName(answer.local) << "-"
                                << reply->errorString();
        return answer;
    }
    const QByteArray bytes = reply->readAll();
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    answer.isJson = parseError.error == QJsonParseError::NoError && document.isObject();
    answer.json = document.object();
    if (answer.status >= 200 && answer.status < 300)
        return answer;

    bool known = false;
    errorCodeFromWireName(answer.json.value(u"code").toString(), &known);
    if (answer.isJson && known) {
        answer.problem = Problem::fromJson(answer.json);
    } else {
        answer.problem = unexpectedAnswer(answer);
    }
    if (answer.problem.retryAfterSeconds == 0)
        answer.problem.retryAfterSeconds = retryAfterHeader(reply);
    qCInfo(lcApi).noquote() << "refused:" << answer.status << wireName(answer.problem.code);
    if (answer.status == 401 && answer.problem.code == ErrorCode::Unauthenticated)
        Q_EMIT unauthenticated();
    return answer;
}

Problem ApiClient::unexpectedAnswer(const Answer &answer)
{
    return Problem(ErrorCode::Internal,
                   tr("The server gave an unexpected answer (HTTP %1).").arg(answer.status));
}

template<typename T>
void ApiClient::deliver(Call call, const QPointer<QObject> &receiver, const Callback<T> &done,
                        const ApiResult<T> &result)
{
    Q_EMIT callFinished(call, result.httpStatus, result.problem.code);
    // The caller's context went away first: nobody is left to tell.
    if (receiver && done)
        done(result);
}

template<typename T, typename Parse>
void ApiClient::call(Call call, const QByteArray &method, const QString &encodedPath,
                     const QJsonObject *body, bool authenticated, QObject *context,
                     Callback<T> done, Parse parse)
{
    // The answer is read (and a token kept) even when the context is gone by then.
    send(method, encodedPath, body, authenticated,
         [this, call, receiver = QPointer<QObject>(context ? context : this),
          done = std::move(done), parse = std::move(parse)](const Answer &answer) {
             ApiResult<T> result = resultOf<T>(answer);
             if (result.ok() && !parse(answer, &result.value)) {
                 result.problem = unexpectedAnswer(answer);
                 qCWarning(lcApi) << "unreadable answer, HTTP" << answer.status;
             }
             deliver(call, receiver, done, result);
         });
}

void ApiClient::signUp(const QString &username, const QString &password, QObject *context,
                       Callback<QString> done)
{
    const QJsonObject body{{QStringLiteral("username"), username},
                           {QStringLiteral("password"), password}};
    call<QString>(Call::SignUp, "POST", QStringLiteral("/api/v1/accounts"), &body, false, context,
                  std::move(done), [](const Answer &answer, QString *name) {
                      const QJsonValue value = answer.json.value(u"username");
                      *name = value.toString();
                      return answer.status == 201 && value.isString();
                  });
}

void ApiClient::signIn(const QString &username, const QString &password, QObject *context,
                       Callback<AuthSession> done)
{
    const QJsonObject body{{QStringLiteral("username"), username},
                           {QStringLiteral("password"), password}};
    call<AuthSession>(Call::SignIn, "POST", QStringLiteral("/api/v1/sessions"), &body, false,
                      context, std::move(done), [this](const Answer &answer, AuthSession *session) {
                          if (!AuthSession::fromJson(answer.json, session))
                              return false;
                          m_token = session->token;
                          return true;
                      });
}

void ApiClient::signOut(QObject *context, Done done)
{
    send("DELETE", QStringLiteral("/api/v1/sessions/current"), nullptr, true,
         [this, receiver = QPointer<QObject>(context ? context : this),
          done = std::move(done)](const Answer &answer) {
             if (answer.problem.code == ErrorCode::Ok || answer.status == 401)
                 m_token.clear();
             deliver(Call::SignOut, receiver, done, resultOf<std::monostate>(answer));
         });
}

void ApiClient::listRooms(QObject *context, Callback<QList<RoomInfo>> done)
{
    call<QList<RoomInfo>>(Call::ListRooms, "GET", QStringLiteral("/api/v1/rooms"), nullptr, true,
                          context, std::move(done),
                          [](const Answer &answer, QList<RoomInfo> *rooms) {
                              const QJsonValue list = answer.json.value(u"rooms");
                              if (!list.isArray())
                                  return false;
                              for (const QJsonValue entry : list.toArray()) {
                                  RoomInfo room;
                                  if (!RoomInfo::fromJson(entry.toObject(), &room))
                                      return false;
                                  rooms->append(room);
                              }
                              return true;
                          });
}

void ApiClient::reserve(const QString &room, const EntryOptions &options, QObject *context,
                        Callback<Reservation> done)
{
    const QJsonObject body{{QStringLiteral("create"), options.create},
                           {QStringLiteral("capacity"), options.capacity}};
    call<Reservation>(
        Call::Reserve, "POST",
        QStringLiteral("/api/v1/rooms/") + percentEncoded(room) + QStringLiteral("/entries"), &body,
        true, context, std::move(done), [](const Answer &answer, Reservation *reservation) {
            if (!Reservation::fromJson(answer.json, reservation))
                return false;
            reservation->repeated = answer.status == 200;
            return true;
        });
}

void ApiClient::cancel(const QString &ticket, QObject *context, Done done)
{
    call<std::monostate>(
        Call::Cancel, "DELETE", QStringLiteral("/api/v1/entries/") + percentEncoded(ticket),
        nullptr, true, context, std::move(done),
        [](const Answer &answer, std::monostate *) { return answer.status == 204; });
}

} // namespace roomgate::client
