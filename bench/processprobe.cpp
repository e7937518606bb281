// SPDX-License-Identifier: MIT
#include "bench/processprobe.h"

#include <QFile>

#include <sys/resource.h>
#include <unistd.h>

namespace roomgate::bench::ProcessProbe {

namespace {

QByteArray readProc(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

std::optional<qint64> rssKiB(qint64 pid)
{
    const QByteArray status = readProc(QStringLiteral("/proc/%1/status").arg(pid));
    for (const QByteArray &line : status.split('\n')) {
        if (line.startsWith("VmRSS:")) {
            // "VmRSS:	   12345 kB"
            bool ok = false;
            const qint64 kib = line.mid(6).trimmed().split(' ').first().toLongLong(&ok);
            if (ok)
                return kib;
        }
    }
    return std::nullopt;
}

std::optional<double> cpuSeconds(qint64 pid)
{
    const QByteArray stat = readProc(QStringLiteral("/proc/%1/stat").arg(pid));
    // The command name may hold spaces: count fields after its closing parenthesis.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // After the name: state is field 3, utime 14, stime 15 (1-based over the whole line).
    if (fields.size() < 13)
        return std::nullopt;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticks;
}

double selfCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds
        = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

QJsonArray loadAverage()
{
    const QList<QByteArray> parts = readProc(QStringLiteral("/proc/loadavg")).split(' ');
    QJsonArray load;
    for (int i = 0; i < 3 && i < parts.size(); ++i)
        load.append(parts.at(i).toDouble());
    return load;
}

} // namespace roomgate::bench::ProcessProbe
