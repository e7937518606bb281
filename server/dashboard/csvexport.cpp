// SPDX-License-Identifier: MIT
#include "server/dashboard/csvexport.h"

#include <QAbstractItemModel>
#include <QIODevice>

namespace roomgate::server::dashboard::Csv {

QString field(const QString &text)
{
    static const QString special = QStringLiteral(",\"\r\n");
    bool quote = false;
    for (const QChar c : text) {
        if (special.contains(c)) {
            quote = true;
            break;
        }
    }
    if (!quote)
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString record(const QStringList &fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString &f : fields)
        out.append(field(f));
    return out.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

bool write(const QAbstractItemModel &model, QIODevice *out)
{
    const int columns = model.columnCount();
    QStringList header;
    for (int c = 0; c < columns; ++c)
        header.append(model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
    if (out->write(record(header).toUtf8()) < 0)
        return false;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList fields;
        for (int c = 0; c < columns; ++c)
            fields.append(model.index(r, c).data(Qt::DisplayRole).toString());
        if (out->write(record(fields).toUtf8()) < 0)
            return false;
    }
    return true;
}

} // namespace roomgate::server::dashboard::Csv
