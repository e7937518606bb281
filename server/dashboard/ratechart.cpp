// SPDX-License-Identifier: MIT
#include "server/dashboard/ratechart.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>

namespace roomgate::server::dashboard {

namespace {

QLineSeries *makeSeries(const QString &name, const QColor &colour)
{
    auto *series = new QLineSeries;
    series->setName(name);
    QPen pen(colour);
    pen.setWidthF(2.0);
    series->setPen(pen);
    return series;
}

void slide(QList<QPointF> &points, const QPointF &point, double oldest)
{
    points.append(point);
    const auto firstKept = std::find_if(points.cbegin(), points.cend(),
                                        [oldest](const QPointF &p) { return p.x() >= oldest; });
    points.remove(0, firstKept - points.cbegin());
}

double highest(const QList<QPointF> &points)
{
    double top = 0;
    for (const QPointF &p : points)
        top = std::max(top, p.y());
    return top;
}

} // namespace

RateChart::RateChart(QWidget *parent)
    // The chart is given at construction: setChart() would leak the view's default one.
    : QChartView(new QChart, parent),
      m_reserveSeries(makeSeries(tr("Reserves/s"), QColor(0x1f, 0x77, 0xb4))),
      m_claimSeries(makeSeries(tr("Claims/s"), QColor(0x2c, 0xa0, 0x2c))),
      m_refusalSeries(makeSeries(tr("Refusals/s"), QColor(0xd6, 0x27, 0x28))),
      m_time(new QDateTimeAxis),
      m_rate(new QValueAxis)
{
    QChart *chart = this->chart();
    chart->setTitle(
        tr("Admission decisions per second, last %n minute(s)", nullptr, kWindowSeconds / 60));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    for (QLineSeries *series : {m_reserveSeries, m_claimSeries, m_refusalSeries})
        chart->addSeries(series);

    m_time->setFormat(QStringLiteral("HH:mm:ss"));
    m_time->setTickCount(6);
    m_rate->setLabelFormat(QStringLiteral("%.0f"));
    m_rate->setRange(0, 5);
    m_rate->setTitleText(tr("per second"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_rate, Qt::AlignLeft);
    for (QLineSeries *series : {m_reserveSeries, m_claimSeries, m_refusalSeries}) {
        series->attachAxis(m_time);
        series->attachAxis(m_rate);
    }
    const QDateTime now = QDateTime::currentDateTime();
    m_time->setRange(now.addSecs(-kWindowSeconds), now);

    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(260);
}

void RateChart::addSample(const QDateTime &at, double reserves, double claims, double refusals)
{
    const double x = static_cast<double>(at.toMSecsSinceEpoch());
    const double oldest = x - kWindowSeconds * 1000.0;
    slide(m_reserves, {x, reserves}, oldest);
    slide(m_claims, {x, claims}, oldest);
    slide(m_refusals, {x, refusals}, oldest);
    // replace() hands each series its points in one go: one repaint, not one per point.
    m_reserveSeries->replace(m_reserves);
    m_claimSeries->replace(m_claims);
    m_refusalSeries->replace(m_refusals);
    m_time->setRange(at.addSecs(-kWindowSeconds), at);
    const double top = std::max({highest(m_reserves), highest(m_claims), highest(m_refusals)});
    m_rate->setRange(0, std::max(5.0, top * 1.15));
    m_rate->applyNiceNumbers();
}

} // namespace roomgate::server::dashboard
