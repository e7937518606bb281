// SPDX-License-Identifier: MIT
#pragma once

#include <QHostAddress>
#include <QTcpServer>

#include <functional>

namespace roomgate::server::net {

/**
 * A listening socket that hands each accepted connection on as a plain descriptor, so
 * that it can become a QTcpSocket on whichever thread will serve it. The listen backlog
 * is raised to 1024: QTcpServer's default of 50 makes bursts of connects wait for 1 s SYN
 * retransmits. Lives on the thread that listens.
 */
class Listener : public QTcpServer
{
    Q_OBJECT
public:
    /** Called on the listener's thread with each accepted descriptor and its peer. */
    using Accept = std::function<void(qintptr descriptor, const QHostAddress &peer)>;

    explicit Listener(Accept accept, QObject *parent = nullptr);

    /** Closes a descriptor that will not be served (over a limit, shutting down). */
    static void refuse(qintptr descriptor);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    Accept m_accept;
};

} // namespace roomgate::server::net
