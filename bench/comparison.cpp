// SPDX-License-Identifier: MIT
#include "bench/comparison.h"

#include <QFile>
#include <QJsonDocument>

#include <cmath>

namespace roomgate::bench {

namespace {

std::optional<QJsonObject> load(const QString &file, QString *error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(file);
        return std::nullopt;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("%1 is not a JSON object (%2)").arg(file, parseError.errorString());
        return std::nullopt;
    }
    return doc.object();
}

/** The value at a dotted @p path ("latency.p99"). */
QJsonValue at(const QJsonObject &o, const QString &path)
{
    QJsonValue v = o;
    for (const QString &key : path.split(QLatin1Char('.')))
        v = v.toObject().value(key);
    return v;
}

double ratio(double a, double b)
{
    return b != 0 ? std::round(a / b * 1000.0) / 1000.0 : 0.0;
}

} // namespace

std::optional<QJsonObject> compareResults(const QString &bareFile, const QString &roomgateFile,
                                          QString *error)
{
    const auto bare = load(bareFile, error);
    if (!bare)
        return std::nullopt;
    const auto roomgate = load(roomgateFile, error);
    if (!roomgate)
        return std::nullopt;
    const QString scenario = roomgate->value(QStringLiteral("scenario")).toString();
    if (bare->value(QStringLiteral("scenario")).toString() != scenario) {
        *error = QStringLiteral("the two results are of different scenarios");
        return std::nullopt;
    }
    // Per scenario: the headline (higher is better) and the costs (lower is better).
    QStringList higher;
    QStringList lower;
    if (scenario == QLatin1String("reserve")) {
        higher = {QStringLiteral("requestsPerSecond")};
        lower = {QStringLiteral("latency.p50"), QStringLiteral("latency.p99")};
    } else if (scenario == QLatin1String("fanout")) {
        higher = {QStringLiteral("deliveriesPerSecond")};
        lower = {QStringLiteral("latency.p50"), QStringLiteral("latency.p99")};
    } else if (scenario == QLatin1String("idle")) {
        lower = {QStringLiteral("perMemberKiB")};
    }
    QJsonObject side;
    QJsonObject ratios;
    QStringList summary;
    for (const QString &path : higher + lower) {
        const double b = at(*bare, path).toDouble();
        const double r = at(*roomgate, path).toDouble();
        side.insert(path,
                    QJsonObject{{QStringLiteral("bare"), b}, {QStringLiteral("roomgate"), r}});
        ratios.insert(path, ratio(r, b));
        summary.append(QStringLiteral("%1: bare %2, roomgate %3 (%4x)")
                           .arg(path)
                           .arg(b)
                           .arg(r)
                           .arg(ratio(r, b)));
    }
    return QJsonObject{
        {QStringLiteral("scenario"), scenario},
        {QStringLiteral("summary"), summary.join(QStringLiteral("; "))},
        {QStringLiteral("sideBySide"), side},
        {QStringLiteral("ratioRoomgateToBare"), ratios},
        {QStringLiteral("bareErrors"), bare->value(QStringLiteral("errorCount"))},
        {QStringLiteral("roomgateErrors"), roomgate->value(QStringLiteral("errorCount"))},
    };
}

bool checkResults(const QStringList &files, QString *report)
{
    bool allGood = true;
    QStringList lines;
    for (const QString &file : files) {
        QString error;
        const auto result = load(file, &error);
        if (!result) {
            lines.append(error);
            allGood = false;
            continue;
        }
        const bool completed = result->value(QStringLiteral("completed")).toBool();
        const qint64 errors = result->value(QStringLiteral("errorCount")).toInteger(-1);
        const bool good
            = completed && errors == 0 && result->value(QStringLiteral("scenario")).isString();
        allGood = allGood && good;
        lines.append(
            QStringLiteral("%1: %2 %3, %4 errors%5")
                .arg(file, result->value(QStringLiteral("scenario")).toString(),
                     completed ? QStringLiteral("completed") : QStringLiteral("NOT completed"))
                .arg(errors)
                .arg(good ? QString()
                          : QStringLiteral(" ")
                             + QString::fromUtf8(
                                 QJsonDocument(result->value(QStringLiteral("errors")).toObject())
                                     .toJson(QJsonDocument::Compact))
                             + QLatin1Char(' ')
                             + result->value(QStringLiteral("failure")).toString()));
    }
    *report = lines.join(QLatin1Char('\n'));
    return allGood;
}

} // namespace roomgate::bench
