// SPDX-License-Identifier: MIT
#include "bench/httppool.h"

namespace roomgate::bench {

HttpPool::HttpPool(ThreadContext &context, const QString &host, quint16 port, qint64 timeoutNs,
                   int maxSize, QObject *parent)
    : QObject(parent),
      m_context(context),
      m_host(host),
      m_port(port),
      m_timeoutNs(timeoutNs),
      m_maxSize(std::max(1, maxSize))
{ }

void HttpPool::send(HttpRequest request, HttpClient::Callback callback)
{
    HttpClient *best = nullptr;
    for (HttpClient *c : std::as_const(m_clients)) {
        if (!best || c->pending() < best->pending())
            best = c;
        if (best->pending() == 0)
            break;
    }
    if ((!best || best->pending() > 0) && m_clients.size() < m_maxSize) {
        best = new HttpClient(m_context, m_host, m_port, m_timeoutNs, this);
        m_clients.append(best);
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
