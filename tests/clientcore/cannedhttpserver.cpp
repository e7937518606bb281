// SPDX-License-Identifier: MIT
#include "tests/clientcore/cannedhttpserver.h"

#include <QTcpSocket>

namespace roomgate::test {

CannedHttpServer::CannedHttpServer(QByteArray response, QObject *parent)
    : QObject(parent), m_response(std::move(response))
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QObject::destroyed, this,
                    [this](QObject *gone) { m_buffers.remove(gone); });
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                QByteArray &buffer = m_buffers[socket];
                buffer += socket->readAll();
                // Requests here carry at most a small JSON body, sent with the headers.
                if (!buffer.contains("\r\n\r\n"))
                    return;
                ++m_requests;
                buffer.clear();
                if (!m_queue.isEmpty())
                    m_response = m_queue.takeFirst();
                if (m_response.isEmpty())
                    return; // hang
                socket->write(m_response);
                socket->disconnectFromHost();
            });
        }
    });
}

void CannedHttpServer::setResponses(const QList<QByteArray> &responses)
{
    m_queue = responses;
}

QByteArray CannedHttpServer::jsonResponse(int status, const QByteArray &body)
{
    return "HTTP/1.1 " + QByteArray::number(status)
        + " Canned\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

QUrl CannedHttpServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

} // namespace roomgate::test
