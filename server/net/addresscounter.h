// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>

namespace roomgate::server::net {

/**
 * Open connections per client address, against a limit (contract v1.1,
 * `--connections-per-address`). IPv6 peers count by their /64: one host holds a whole
 * /64 as easily as one address. Thread-safe: counted when a listener accepts, uncounted
 * on whichever thread the connection ends.
 */
class AddressCounter
{
public:
    /** @p limit connections per address at most; 0: no limit. */
    explicit AddressCounter(int limit) : m_limit(limit) { }

    /** Counts a new connection from @p peer; false (not counted) when over the limit. */
    bool tryAdd(const QHostAddress &peer);
    void remove(const QHostAddress &peer);
    int count(const QHostAddress &peer) const;

    /** The key @p peer counts under: the address, or its /64 for IPv6. */
    static QString keyOf(const QHostAddress &peer);

private:
    const int m_limit;
    mutable QMutex m_mutex;
    QHash<QString, int> m_open;
};

} // namespace roomgate::server::net
