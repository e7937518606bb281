// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>

#include <algorithm>

/**
 * The few rules of HTTP's grammar (RFC 9110 §5.6) that both the request parser and the
 * response serializer apply. Pure functions, no state.
 */
namespace roomgate::server::http::grammar {

/** A `tchar`: the bytes a method or a field name may consist of. */
inline bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

/** A non-empty run of tchars. */
inline bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

inline bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

/** Calls @p visit with each trimmed, non-empty element of a comma-separated list. */
template<typename Visit> void forEachListElement(QByteArrayView list, Visit visit)
{
    qsizetype start = 0;
    while (start <= list.size()) {
        qsizetype end = list.indexOf(',', start);
        if (end < 0)
            end = list.size();
        const QByteArrayView element = list.sliced(start, end - start).trimmed();
        if (!element.isEmpty())
            visit(element);
        start = end + 1;
    }
}

} // namespace roomgate::server::http::grammar
