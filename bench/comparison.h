// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace roomgate::bench {

/**
 * The bare reference's result and Roomgate's side by side: the headline numbers of their
 * scenario and Roomgate's ratio to the bare stack (above 1 is better for throughput, the
 * ratio of costs for latency and memory). Reads two result files of one scenario.
 */
std::optional<QJsonObject> compareResults(const QString &bareFile, const QString &roomgateFile,
                                          QString *error);

/**
 * Whether every result in @p files is a JSON object of a run that completed without
 * errors; a line per file in @p report.
 */
bool checkResults(const QStringList &files, QString *report);

} // namespace roomgate::bench
