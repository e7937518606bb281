// SPDX-License-Identifier: MIT
#include "client/core/certificatepins.h"

#include "client/core/logging.h"

#include <QCryptographicHash>

namespace roomgate::client {

namespace {

int defaultPort(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == u"https" || scheme == u"wss" ? 443 : 80;
}

} // namespace

CertificatePins::CertificatePins(QObject *parent) : QObject(parent) { }

QString CertificatePins::serverKey(const QUrl &url)
{
    const QString host = url.host().toLower();
    const QString shown = host.contains(QLatin1Char(':')) ? u'[' + host + u']' : host;
    return shown + u':' + QString::number(url.port(defaultPort(url)));
}

void CertificatePins::setPin(const QString &server, const QByteArray &fingerprint)
{
    if (server.isEmpty() || fingerprint.isEmpty() || m_pins.value(server) == fingerprint)
        return;
    m_pins.insert(server, fingerprint);
    qCInfo(lcApi).noquote() << "trusting the certificate"
                            << CertificateCheck::displayFingerprint(fingerprint) << "for" << server;
    Q_EMIT changed();
}

void CertificatePins::forget(const QString &server)
{
    if (m_pins.remove(server) == 0)
        return;
    qCInfo(lcApi).noquote() << "no certificate trusted for" << server << "any more";
    Q_EMIT changed();
}

CertificateCheck CertificatePins::check(const QString &server, const QSslCertificate &presented,
                                        const QList<QSslError> &errors) const
{
    return CertificateCheck::judge(server, pin(server), presented, errors);
}

QStringList CertificatePins::toStringList() const
{
    QStringList lines;
    for (auto it = m_pins.cbegin(); it != m_pins.cend(); ++it)
        lines.append(it.key() + u'=' + QString::fromLatin1(it.value().toHex()));
    return lines;
}

void CertificatePins::setFromStringList(const QStringList &lines)
{
    QMap<QString, QByteArray> pins;
    for (const QString &line : lines) {
        // The key holds colons (and an IPv6 address brackets), never an equals sign.
        const qsizetype split = line.lastIndexOf(u'=');
        const QByteArray fingerprint
            = split > 0 ? QByteArray::fromHex(line.mid(split + 1).toLatin1()) : QByteArray();
        if (fingerprint.size() != QCryptographicHash::hashLength(QCryptographicHash::Sha256)) {
            qCWarning(lcApi).noquote() << "ignored an unreadable trusted certificate entry";
            continue;
        }
        pins.insert(line.left(split), fingerprint);
    }
    if (pins == m_pins)
        return;
    m_pins = pins;
    Q_EMIT changed();
}

} // namespace roomgate::client
