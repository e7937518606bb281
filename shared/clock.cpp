// SPDX-License-Identifier: MIT
#include "shared/clock.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace roomgate {

namespace {

class SystemClock final : public Clock
{
public:
    SystemClock() { m_started.start(); }
    qint64 wallMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
    qint64 monotonicMs() const override { return m_started.elapsed(); }

private:
    QElapsedTimer m_started;
};

} // namespace

Clock &Clock::system()
{
    static SystemClock clock;
    return clock;
}

} // namespace roomgate
