// SPDX-License-Identifier: MIT
#include "server/http/httprequest.h"

#include <optional>

namespace roomgate::server::http {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/** The raw value of the first item whose decoded name is @p key; nullopt when absent. */
std::optional<QByteArrayView> findQueryItem(QByteArrayView query, const QByteArray &key)
{
    qsizetype start = 0;
    while (start <= query.size()) {
        qsizetype end = query.indexOf('&', start);
        if (end < 0)
            end = query.size();
        const QByteArrayView item = query.sliced(start, end - start);
        if (!item.isEmpty()) {
            const qsizetype eq = item.indexOf('=');
            const QByteArrayView name = eq < 0 ? item : item.first(eq);
            if (HttpRequest::percentDecoded(name, true) == key)
                return eq < 0 ? QByteArrayView("", 0) : item.sliced(eq + 1);
        }
        start = end + 1;
    }
    return std::nullopt;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView lowerName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

QString HttpRequest::queryItem(const QString &key) const
{
    const std::optional<QByteArrayView> raw = findQueryItem(query, key.toUtf8());
    if (!raw)
        return {};
    QString value = QString::fromUtf8(percentDecoded(*raw, true));
    if (value.isNull())
        value = QString(0, QChar()); // present but empty: non-null
    return value;
}

bool HttpRequest::hasQueryItem(const QString &key) const
{
    return findQueryItem(query, key.toUtf8()).has_value();
}

QByteArray HttpRequest::percentDecoded(QByteArrayView encoded, bool plusAsSpace)
{
    if (!encoded.contains('%') && !(plusAsSpace && encoded.contains('+')))
        return encoded.toByteArray();
    QByteArray out;
    out.reserve(encoded.size());
    const qsizetype size = encoded.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = encoded[i];
        if (c == '%' && i + 2 < size) {
            const int high = hexValue(encoded[i + 1]);
            const int low = hexValue(encoded[i + 2]);
            if (high >= 0 && low >= 0) {
                out.append(static_cast<char>((high << 4) | low));
                i += 2;
                continue;
            }
        }
        out.append(plusAsSpace && c == '+' ? ' ' : c);
    }
    return out;
}

} // namespace roomgate::server::http
