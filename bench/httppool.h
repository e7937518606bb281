// SPDX-License-Identifier: MIT
#pragma once

#include "bench/httpclient.h"

#include <QList>

namespace roomgate::bench {

/**
 * A few keep-alive connections of one generator thread shared by many users (each request
 * carries its own token): setup, sign-ins, reservations of members, polling. A request goes
 * to the connection with the fewest waiting. Lives on its thread; parented to its context.
 */
class HttpPool : public QObject
{
    Q_OBJECT
public:
    HttpPool(ThreadContext &context, const QString &host, quint16 port, qint64 timeoutNs, int size,
             QObject *parent = nullptr);

    void send(HttpRequest request, HttpClient::Callback callback);
    int pending() const;

private:
    QList<HttpClient *> m_clients;
};

} // namespace roomgate::bench
