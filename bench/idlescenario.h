// SPDX-License-Identifier: MIT
#pragma once

#include "bench/chatload.h"
#include "bench/scenario.h"

#include <QJsonArray>

#include <vector>

namespace roomgate::bench {

/**
 * `idle`: rooms × members joined and held, silent; the server's RSS before they join and
 * at the end of the hold, and so what one joined member costs. Against the bare WebSocket
 * server, members only connect.
 */
class IdleScenario : public Scenario
{
    Q_OBJECT
public:
    explicit IdleScenario(BenchOptions options, QObject *parent = nullptr);
    ~IdleScenario() override;

protected:
    void run() override;
    QString progress() const override;
    double expectedSeconds() const override;
    QJsonObject partialResult() override;

private:
    void measureBefore();
    void joinAll();
    void hold();
    void sample();
    qint64 joined() const;

    QStringList m_rooms;
    std::vector<ChatLoad *> m_loads;
    bool m_ready = false;
    std::optional<qint64> m_rssBefore;
    QJsonArray m_samples;
    QElapsedTimer m_joinClock;
    double m_joinSeconds = 0;
    QTimer m_sampler;
};

} // namespace roomgate::bench
