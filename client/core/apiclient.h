// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/apiresult.h"
#include "client/core/authsession.h"
#include "client/core/certificatepins.h"
#include "client/core/entryoptions.h"
#include "client/core/reservation.h"
#include "shared/roominfo.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace roomgate::client {

/**
 * The client side of the HTTP API (phase 0 and phase 1) on one QNetworkAccessManager:
 * accounts, sessions, the room list, reservations.
 *
 * Each call is asynchronous and reports once through a callback that runs in the
 * context of a QObject given by the caller: when that object is destroyed first, the
 * callback is not called (a null context stands for the ApiClient). Every failure arrives as a
 * `roomgate::Problem` with its HTTP status: problem+json bodies through Problem::fromJson, no HTTP
 * answer (refused connection, DNS, time-out, TLS) as ErrorCode::Unavailable with the reason in
 * ApiResult::local and the network error as detail, any other answer as ErrorCode::Internal.
 *
 * `https://` servers: a certificate the system's CAs verify just works; one they cannot
 * verify is accepted only when it is exactly the one pinned for that server in
 * certificatePins(), and otherwise refused (LocalError::Tls, with ApiResult::certificate
 * saying Unverified or Changed and the fingerprint presented). Nothing is sent over a
 * refused connection.
 *
 * Owned by the application (one per server), shared by the RoomSessions, which it must
 * outlive. Lives on the thread that created it (the GUI thread in the app).
 */
class ApiClient : public QObject
{
    Q_OBJECT
public:
    /** The calls, for callFinished(). */
    enum class Call { SignUp, SignIn, SignOut, ListRooms, Reserve, Cancel };
    Q_ENUM(Call)

    template<typename T> using Callback = std::function<void(const ApiResult<T> &)>;
    using Done = Callback<std::monostate>;

    explicit ApiClient(const QUrl &baseUrl = {}, QObject *parent = nullptr);
    ~ApiClient() override;

    /** The server, e.g. `http://127.0.0.1:8080`; paths are appended to its path. */
    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }

    /** The certificates the user trusted, per server: consulted for each call and claim. */
    CertificatePins *certificatePins() const { return m_pins; }

    /** The bearer token sent with every call but sign-up and sign-in. */
    void setToken(const QString &token);
    QString token() const { return m_token; }
    bool hasToken() const { return !m_token.isEmpty(); }

    /** Time-out for one call, from its start to its last byte (default 30 s). */
    void setTransferTimeout(int milliseconds) { m_transferTimeoutMs = milliseconds; }
    int transferTimeout() const { return m_transferTimeoutMs; }

    /** `POST /api/v1/accounts`; the value is the stored (NFC) user name. */
    void signUp(const QString &username, const QString &password, QObject *context,
                Callback<QString> done);
    /** `POST /api/v1/sessions`; on success the token becomes this client's token. */
    void signIn(const QString &username, const QString &password, QObject *context,
                Callback<AuthSession> done);
    /**
     * `DELETE /api/v1/sessions/current`. On success, or 401 (the session is gone anyway),
     * the token is cleared; on other failures it is kept so the call can be repeated.
     */
    void signOut(QObject *context, Done done);

    /** `GET /api/v1/rooms`. */
    void listRooms(QObject *context, Callback<QList<RoomInfo>> done);
    /** `POST /api/v1/rooms/{room}/entries`: phase 1, a seat as a reservation. */
    void reserve(const QString &room, const EntryOptions &options, QObject *context,
                 Callback<Reservation> done);
    /** `DELETE /api/v1/entries/{ticket}`: gives an unclaimed seat back. */
    void cancel(const QString &ticket, QObject *context, Done done);

    /** The URL of @p path under the base URL; @p path is already percent-encoded. */
    QUrl endpoint(const QString &encodedPath) const;

Q_SIGNALS:
    /** A call was answered 401 UNAUTHENTICATED: the token is unknown, expired or gone. */
    void unauthenticated();
    /**
     * Every call, once answered or failed, with its final code (before its callback
     * runs): for activity indicators and tests. @p httpStatus is 0 when no HTTP answer
     * arrived.
     */
    void callFinished(roomgate::client::ApiClient::Call call, int httpStatus,
                      roomgate::ErrorCode code);

private:
    /** An answer as the callbacks see it before the value is parsed. */
    struct Answer
    {
        int status = 0;
        QJsonObject json;
        bool isJson = false;
        Problem problem{ErrorCode::Ok};
        LocalError local = LocalError::None;
        CertificateCheck certificate;
    };

    /** Sends one request; @p handle always runs with its answer. */
    void send(const QByteArray &method, const QString &encodedPath, const QJsonObject *body,
              bool authenticated, std::function<void(const Answer &)> handle);
    Answer readAnswer(QNetworkReply *reply, const CertificateCheck &certificate);
    /** Drops kept-alive connections once no call runs: a forgotten pin must be asked again. */
    void flushConnectionsWhenIdle();
    /** send() plus the common success/failure split; @p parse reads the value. */
    template<typename T, typename Parse>
    void call(Call call, const QByteArray &method, const QString &encodedPath,
              const QJsonObject *body, bool authenticated, QObject *context, Callback<T> done,
              Parse parse);

    /** Emits callFinished(), then calls @p done if @p receiver still exists. */
    template<typename T>
    void deliver(Call call, const QPointer<QObject> &receiver, const Callback<T> &done,
                 const ApiResult<T> &result);

    /** The answer's problem and status (code Ok on success), without a value yet. */
    template<typename T> static ApiResult<T> resultOf(const Answer &answer)
    {
        ApiResult<T> result;
        result.problem = answer.problem;
        result.httpStatus = answer.status;
        result.local = answer.local;
        result.certificate = answer.certificate;
        return result;
    }
    static Problem unexpectedAnswer(const Answer &answer);

    QNetworkAccessManager *m_nam = nullptr;
    CertificatePins *m_pins;
    int m_callsRunning = 0;
    bool m_flushWanted = false; ///< the pins changed while calls ran
    QUrl m_baseUrl;
    QString m_token;
    int m_transferTimeoutMs = 30'000;
};

} // namespace roomgate::client
