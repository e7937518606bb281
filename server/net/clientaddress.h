// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>

namespace roomgate::server::net {

/**
 * Who a connection's client is: the TCP peer, unless that peer is a trusted reverse proxy
 * (`--trusted-proxy`), whose `X-Forwarded-For` then names the client — read from the
 * right, past every trusted proxy, so a client cannot forge its way in by sending the
 * header itself. Value type, any thread.
 */
class ClientAddress
{
public:
    ClientAddress() = default;
    explicit ClientAddress(QList<QHostAddress> trustedProxies)
        : m_trusted(std::move(trustedProxies))
    { }

    /** The client behind @p peer, given the `X-Forwarded-For` value it sent. */
    QHostAddress resolve(const QHostAddress &peer, const QByteArray &forwardedFor) const;
    bool isTrusted(const QHostAddress &peer) const;

private:
    QList<QHostAddress> m_trusted;
};

} // namespace roomgate::server::net
