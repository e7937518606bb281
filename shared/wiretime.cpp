// SPDX-License-Identifier: MIT
#include "shared/wiretime.h"

#include <QDateTime>

namespace roomgate::WireTime {

QString format(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

std::optional<qint64> parse(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toMSecsSinceEpoch();
}

} // namespace roomgate::WireTime
