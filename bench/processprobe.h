// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonArray>
#include <QtGlobal>

#include <optional>

namespace roomgate::bench {

/** What /proc tells about a process and the machine (Linux). Pure reads, any thread. */
namespace ProcessProbe {

/** VmRSS of @p pid in KiB; nullopt when it cannot be read (no such process). */
std::optional<qint64> rssKiB(qint64 pid);
/** User + system CPU seconds @p pid has used so far. */
std::optional<double> cpuSeconds(qint64 pid);
/** User + system CPU seconds of this process so far. */
double selfCpuSeconds();
/** The 1, 5 and 15 minute load averages. */
QJsonArray loadAverage();

} // namespace ProcessProbe
} // namespace roomgate::bench
