// SPDX-License-Identifier: MIT
#include "server/net/listener.h"

#include <sys/socket.h>
#include <unistd.h>

namespace roomgate::server::net {

namespace {

QHostAddress peerOf(qintptr descriptor)
{
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getpeername(static_cast<int>(descriptor), reinterpret_cast<sockaddr *>(&address), &length)
        != 0)
        return {};
    QHostAddress peer(reinterpret_cast<const sockaddr *>(&address));
    // A v4 peer of a dual-stack socket reads as ::ffff:a.b.c.d; keep it v4.
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : peer;
}

} // namespace

Listener::Listener(Accept accept, QObject *parent) : QTcpServer(parent), m_accept(std::move(accept))
{
    setListenBacklogSize(1024);
}

void Listener::incomingConnection(qintptr descriptor)
{
    m_accept(descriptor, peerOf(descriptor));
}

void Listener::refuse(qintptr descriptor)
{
    ::close(static_cast<int>(descriptor));
}

} // namespace roomgate::server::net
