// SPDX-License-Identifier: MIT
#include "shared/ticketformat.h"

namespace roomgate::TicketFormat {

QByteArray encode(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool isWellFormed(QByteArrayView text)
{
    if (text.size() != kEncodedLength)
        return false;
    for (char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace roomgate::TicketFormat
