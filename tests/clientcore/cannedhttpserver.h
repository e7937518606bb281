// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

namespace roomgate::test {

/**
 * An HTTP server on loopback that answers every request with one canned response
 * (or, with an empty one, never): for answers a real roomgate-server does not give.
 * Test fixture; lives on the test's thread.
 */
class CannedHttpServer : public QObject
{
    Q_OBJECT
public:
    explicit CannedHttpServer(QByteArray response = {}, QObject *parent = nullptr);

    void setResponse(const QByteArray &response)
    {
        m_response = response;
        m_queue.clear();
    }
    /** Answers the next requests with @p responses in turn, then with the last one. */
    void setResponses(const QList<QByteArray> &responses);
    /** A complete `HTTP/1.1 <status>` response with a JSON body. */
    static QByteArray jsonResponse(int status, const QByteArray &body);

    QUrl url() const;
    int requestCount() const { return m_requests; }

private:
    QTcpServer m_server;
    QHash<QObject *, QByteArray> m_buffers; ///< per connection, until its headers are in
    QByteArray m_response;
    QList<QByteArray> m_queue;
    int m_requests = 0;
};

} // namespace roomgate::test
