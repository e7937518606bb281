// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <utility>

namespace roomgate::server::http {

/**
 * One parsed HTTP/1.x request as a handler sees it. Value type; HttpRequestParser fills
 * it and HttpConnection adds the peer, on the server's thread; handlers may copy it
 * anywhere.
 */
struct HttpRequest
{
    QByteArray method; ///< "GET", "POST"… as sent (case-sensitive, per RFC 9110)
    QByteArray path; ///< raw, still percent-encoded path, before '?'
    QByteArray query; ///< raw query after '?', without the '?'
    /// In arrival order; names lower-cased, values trimmed of surrounding white space.
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body; ///< complete body (chunked bodies already decoded)
    QHostAddress peerAddress;
    quint16 peerPort = 0;

    /** Value of the first header named @p lowerName (lower case), or an empty array. */
    QByteArray header(QByteArrayView lowerName) const;

    /**
     * Value of the first query item named @p key, decoded like a form (`+` is a space,
     * then percent-decoding) and read as UTF-8. A null QString when absent; an empty,
     * non-null one for `?key` or `?key=`.
     */
    QString queryItem(const QString &key) const;
    bool hasQueryItem(const QString &key) const;

    /**
     * Percent-decodes @p encoded. A `%` not followed by two hex digits is kept as is
     * (WHATWG URL rules); with @p plusAsSpace, `+` becomes a space.
     */
    static QByteArray percentDecoded(QByteArrayView encoded, bool plusAsSpace = false);
};

} // namespace roomgate::server::http
