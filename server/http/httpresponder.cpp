// SPDX-License-Identifier: MIT
#include "server/http/httpresponder.h"

#include "server/http/httpconnection.h"

namespace roomgate::server::http {

HttpResponder::HttpResponder(Sink sink)
    : m_sink(std::make_shared<SinkState>(SinkState{std::move(sink), false}))
{ }

HttpResponder::HttpResponder(HttpConnection *connection, quint64 sequence,
                             std::shared_ptr<std::atomic<bool>> settled)
    : m_connection(connection), m_sequence(sequence), m_settled(std::move(settled))
{ }

void HttpResponder::send(HttpResponse response) const
{
    if (m_sink) {
        if (m_sink->answered)
            return;
        m_sink->answered = true;
        if (m_sink->sink)
            m_sink->sink(std::move(response));
        return;
    }
    if (HttpConnection *connection = m_connection.data())
        connection->respond(m_sequence, std::move(response));
}

bool HttpResponder::isConnected() const
{
    if (m_sink)
        return !m_sink->answered;
    const HttpConnection *connection = m_connection.data();
    return connection && connection->isAwaitingResponse(m_sequence);
}

std::function<bool()> HttpResponder::stillWanted() const
{
    if (m_sink)
        return [sink = m_sink] { return !sink->answered; };
    if (!m_settled)
        return [] { return false; };
    return [settled = m_settled] { return !settled->load(); };
}

} // namespace roomgate::server::http
