// SPDX-License-Identifier: MIT
#include "server/net/addresscounter.h"

namespace roomgate::server::net {

QString AddressCounter::keyOf(const QHostAddress &peer)
{
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    Q_IPV6ADDR bytes = peer.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

bool AddressCounter::tryAdd(const QHostAddress &peer)
{
    const QString key = keyOf(peer);
    QMutexLocker lock(&m_mutex);
    int &open = m_open[key];
    if (m_limit > 0 && open >= m_limit) {
        if (open == 0)
            m_open.remove(key);
        return false;
    }
    ++open;
    return true;
}

void AddressCounter::remove(const QHostAddress &peer)
{
    const QString key = keyOf(peer);
    QMutexLocker lock(&m_mutex);
    auto it = m_open.find(key);
    if (it == m_open.end())
        return;
    if (--*it <= 0)
        m_open.erase(it);
}

int AddressCounter::count(const QHostAddress &peer) const
{
    QMutexLocker lock(&m_mutex);
    return m_open.value(keyOf(peer));
}

} // namespace roomgate::server::net
