// SPDX-License-Identifier: MIT
#pragma once

#include "bench/entryload.h"
#include "bench/scenario.h"

#include <vector>

namespace roomgate::bench {

/**
 * `enter`: reserve → claim → leave, started at a target rate whether or not earlier enters
 * have finished (open loop); latency per enter and per phase, timeouts apart. Roomgate only.
 */
class EnterScenario : public Scenario
{
    Q_OBJECT
public:
    explicit EnterScenario(BenchOptions options, QObject *parent = nullptr);
    ~EnterScenario() override;

protected:
    void run() override;
    QString progress() const override;
    QJsonObject partialResult() override;

private:
    void startLoad();
    void collect();
    qint64 sum(std::atomic<qint64> EntryLoad::Counters::*counter) const;

    QStringList m_rooms;
    std::vector<EntryLoad *> m_loads;
    bool m_ready = false;
    std::vector<EntryLoad::Latencies> m_latencies;
};

} // namespace roomgate::bench
