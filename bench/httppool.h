// SPDX-License-Identifier: MIT
#pragma once

#include "bench/httpclient.h"

#include <QList>

namespace roomgate::bench {

/**
 * Keep-alive connections of one generator thread shared by many users (each request carries
 * its own token): sign-ins, reservations of members, polling. A request goes to an idle
 * connection; when none is idle a new one is opened, up to @p maxSize, and past that it
 * waits behind the connection with the fewest waiting. So an open loop is not queued by
 * the generator as long as the cap is not reached, and a setup pool with a small cap keeps
 * the server's hash queue from overflowing. Lives on its thread; parented to its context.
 */
class HttpPool : public QObject
{
    Q_OBJECT
public:
    HttpPool(ThreadContext &context, const QString &host, quint16 port, qint64 timeoutNs,
             int maxSize, QObject *parent = nullptr);

    void send(HttpRequest request, HttpClient::Callback callback);
    int pending() const;
    int size() const { return int(m_clients.size()); }

private:
    ThreadContext &m_context;
    QString m_host;
    quint16 m_port;
    qint64 m_timeoutNs;
    int m_maxSize;
    QList<HttpClient *> m_clients;
};

} // namespace roomgate::bench
