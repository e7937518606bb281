// SPDX-License-Identifier: MIT
#include "server/net/clientaddress.h"

namespace roomgate::server::net {

namespace {

QHostAddress plain(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

} // namespace

bool ClientAddress::isTrusted(const QHostAddress &peer) const
{
    const QHostAddress p = plain(peer);
    for (const QHostAddress &trusted : m_trusted) {
        if (plain(trusted) == p)
            return true;
    }
    return false;
}

QHostAddress ClientAddress::resolve(const QHostAddress &peer, const QByteArray &forwardedFor) const
{
    if (!isTrusted(peer) || forwardedFor.trimmed().isEmpty())
        return plain(peer);
    const QList<QByteArray> hops = forwardedFor.split(',');
    QHostAddress client = plain(peer);
    for (auto it = hops.crbegin(); it != hops.crend(); ++it) {
        QHostAddress hop;
        if (!hop.setAddress(QString::fromLatin1(it->trimmed())))
            return client; // not an address: stop at the last one we could trust
        client = plain(hop);
        if (!isTrusted(client))
            return client;
    }
    return client;
}

} // namespace roomgate::server::net
