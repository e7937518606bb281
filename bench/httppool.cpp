// SPDX-License-Identifier: MIT
#include "bench/httppool.h"

namespace roomgate::bench {

HttpPool::HttpPool(ThreadContext &context, const QString &host, quint16 port, qint64 timeoutNs,
                   int size, QObject *parent)
    : QObject(parent)
{
    for (int i = 0; i < size; ++i)
        m_clients.append(new HttpClient(context, host, port, timeoutNs, this));
}

void HttpPool::send(HttpRequest request, HttpClient::Callback callback)
{
    HttpClient *best = m_clients.first();
    for (HttpClient *c : std::as_const(m_clients)) {
        if (c->pending() < best->pending())
            best = c;
        if (best->pending() == 0)
            break;
    }
    best->send(std::move(request), std::move(callback));
}

int HttpPool::pending() const
{
    int n = 0;
    for (const HttpClient *c : m_clients)
        n += c->pending();
    return n;
}

} // namespace roomgate::bench
