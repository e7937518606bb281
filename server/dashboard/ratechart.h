// SPDX-License-Identifier: MIT
#pragma once

#include <QChartView>
#include <QList>
#include <QPointF>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace roomgate::server::dashboard {

/**
 * A line chart of reserve, claim and refusal rates (per second) over a sliding
 * window of the last few minutes, one sample a second. Main thread only.
 */
class RateChart : public QChartView
{
    Q_OBJECT
public:
    static constexpr int kWindowSeconds = 300;

    explicit RateChart(QWidget *parent = nullptr);

    /** Adds one sample (decisions per second) taken at @p at and drops what fell out. */
    void addSample(const QDateTime &at, double reserves, double claims, double refusals);
    qsizetype sampleCount() const { return m_reserves.size(); }

private:
    QLineSeries *m_reserveSeries;
    QLineSeries *m_claimSeries;
    QLineSeries *m_refusalSeries;
    QDateTimeAxis *m_time;
    QValueAxis *m_rate;
    QList<QPointF> m_reserves;
    QList<QPointF> m_claims;
    QList<QPointF> m_refusals;
};

} // namespace roomgate::server::dashboard
