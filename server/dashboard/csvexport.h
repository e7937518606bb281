// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

class QAbstractItemModel;
class QIODevice;

namespace roomgate::server::dashboard {

/**
 * Comma-separated values as RFC 4180 has them: a field with a comma, a double quote,
 * CR or LF is enclosed in double quotes and its quotes are doubled; records end in CRLF.
 */
namespace Csv {

/** One field, quoted when it has to be. */
QString field(const QString &text);
/** One record, CRLF included. */
QString record(const QStringList &fields);
/**
 * Writes @p model (its horizontal header, then every row's display text) to @p out as
 * UTF-8. False when the device refuses a write.
 */
bool write(const QAbstractItemModel &model, QIODevice *out);

} // namespace Csv

} // namespace roomgate::server::dashboard
