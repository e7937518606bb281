// SPDX-License-Identifier: MIT
#include "server/dashboard/overviewpage.h"

#include "server/admission/metrics.h"
#include "server/dashboard/dashboardcontext.h"
#include "server/dashboard/ratechart.h"
#include "server/storage/records.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace roomgate::server::dashboard {

namespace {

const QString kOk = QStringLiteral("OK");

struct Totals
{
    quint64 reserves = 0; ///< granted reservations
    quint64 claims = 0; ///< granted claims
    quint64 refusals = 0; ///< refused decisions of both phases
};

Totals totals(const Metrics &metrics)
{
    Totals t;
    const auto &reserve = metrics.decisions(AdmissionService::Phase::Reserve);
    const auto &claim = metrics.decisions(AdmissionService::Phase::Claim);
    for (auto it = reserve.cbegin(); it != reserve.cend(); ++it)
        (it.key() == kOk ? t.reserves : t.refusals) += it.value();
    for (auto it = claim.cbegin(); it != claim.cend(); ++it)
        (it.key() == kOk ? t.claims : t.refusals) += it.value();
    return t;
}

QLabel *valueLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(QStringLiteral("0"), parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QString number(quint64 value)
{
    return QLocale().toString(value);
}

} // namespace

OverviewPage::OverviewPage(const DashboardContext &context, QWidget *parent)
    : QWidget(parent),
      m_context(context),
      m_uptime(valueLabel(this, QStringLiteral("uptime"))),
      m_nodes(valueLabel(this, QStringLiteral("nodes"))),
      m_sockets(valueLabel(this, QStringLiteral("sockets"))),
      m_rooms(valueLabel(this, QStringLiteral("rooms"))),
      m_occupants(valueLabel(this, QStringLiteral("occupants"))),
      m_reservations(valueLabel(this, QStringLiteral("reservations"))),
      m_reserved(valueLabel(this, QStringLiteral("reserved"))),
      m_claimed(valueLabel(this, QStringLiteral("claimed"))),
      m_expired(valueLabel(this, QStringLiteral("expired"))),
      m_cancelled(valueLabel(this, QStringLiteral("cancelled"))),
      m_messages(valueLabel(this, QStringLiteral("messages"))),
      m_refused(valueLabel(this, QStringLiteral("refused"))),
      m_refusals(new QTableWidget(0, 4, this)),
      m_chart(new RateChart(this))
{
    auto *node = new QGroupBox(tr("This node"), this);
    auto *nodeForm = new QFormLayout(node);
    auto *nodeId = valueLabel(node, QStringLiteral("nodeId"));
    nodeId->setText(m_context.nodeId);
    auto *http = valueLabel(node, QStringLiteral("httpAddress"));
    http->setText(QStringLiteral("http://") + m_context.httpAddress);
    auto *ws = valueLabel(node, QStringLiteral("wsAddress"));
    ws->setText(QStringLiteral("ws://") + m_context.wsAddress);
    auto *started = valueLabel(node, QStringLiteral("startedAt"));
    started->setText(m_context.startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    nodeForm->addRow(tr("Node:"), nodeId);
    nodeForm->addRow(tr("HTTP API:"), http);
    nodeForm->addRow(tr("WebSocket:"), ws);
    nodeForm->addRow(tr("Started:"), started);
    nodeForm->addRow(tr("Uptime:"), m_uptime);
    nodeForm->addRow(tr("Nodes:"), m_nodes);
    nodeForm->addRow(tr("Connections:"), m_sockets);
    m_nodes->setText(tr("%1 (this node)").arg(m_context.nodeId));

    auto *seats = new QGroupBox(tr("Now"), this);
    auto *seatsForm = new QFormLayout(seats);
    seatsForm->addRow(tr("Rooms:"), m_rooms);
    seatsForm->addRow(tr("Present:"), m_occupants);
    seatsForm->addRow(tr("Live reservations:"), m_reservations);

    auto *counters = new QGroupBox(tr("Since start"), this);
    auto *countersForm = new QFormLayout(counters);
    countersForm->addRow(tr("Reserved:"), m_reserved);
    countersForm->addRow(tr("Claimed:"), m_claimed);
    countersForm->addRow(tr("Expired:"), m_expired);
    countersForm->addRow(tr("Cancelled:"), m_cancelled);
    countersForm->addRow(tr("Refused:"), m_refused);
    countersForm->addRow(tr("Messages:"), m_messages);

    auto *refusals = new QGroupBox(tr("Refusals by code"), this);
    auto *refusalsLayout = new QVBoxLayout(refusals);
    m_refusals->setHorizontalHeaderLabels({tr("Code"), tr("Reserve"), tr("Claim"), tr("Meaning")});
    m_refusals->verticalHeader()->hide();
    m_refusals->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_refusals->setSelectionMode(QAbstractItemView::NoSelection);
    m_refusals->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_refusals->horizontalHeader()->setStretchLastSection(true);
    refusalsLayout->addWidget(m_refusals);

    auto *left = new QVBoxLayout;
    left->addWidget(node);
    left->addStretch();
    auto *middle = new QVBoxLayout;
    middle->addWidget(seats);
    middle->addWidget(counters);
    middle->addStretch();
    auto *top = new QHBoxLayout;
    top->addLayout(left, 3);
    top->addLayout(middle, 2);
    top->addWidget(refusals, 5);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_chart, 1);

    // The chart starts from what was counted before the window opened, not from zero.
    const Totals now = totals(m_context.metrics);
    m_lastReserves = now.reserves;
    m_lastClaims = now.claims;
    m_lastRefusals = now.refusals;
    m_sinceSample.start();
    sample(QDateTime::currentDateTime());
}

QString OverviewPage::uptimeText(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    const qint64 days = seconds / 86'400;
    QString clock = QStringLiteral("%1:%2:%3")
                        .arg((seconds / 3600) % 24, 2, 10, QLatin1Char('0'))
                        .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
                        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (days == 0)
        return clock;
    return tr("%n day(s)", nullptr, static_cast<int>(days)) + QLatin1Char(' ') + clock;
}

void OverviewPage::sample(const QDateTime &now)
{
    m_uptime->setText(uptimeText(m_context.startedAt.secsTo(now)));
    if (m_context.socketCount)
        m_sockets->setText(number(static_cast<quint64>(std::max(0, m_context.socketCount()))));

    const Metrics &metrics = m_context.metrics;
    const Totals t = totals(metrics);
    m_reserved->setText(number(t.reserves));
    m_claimed->setText(number(t.claims));
    m_refused->setText(number(t.refusals));
    m_expired->setText(number(metrics.expired()));
    m_cancelled->setText(number(metrics.cancelled()));
    m_messages->setText(number(metrics.messages()));
    updateRefusals();

    const qint64 elapsedMs = m_sinceSample.restart();
    if (elapsedMs > 0) {
        const double seconds = static_cast<double>(elapsedMs) / 1000.0;
        m_chart->addSample(now, static_cast<double>(t.reserves - m_lastReserves) / seconds,
                           static_cast<double>(t.claims - m_lastClaims) / seconds,
                           static_cast<double>(t.refusals - m_lastRefusals) / seconds);
    }
    m_lastReserves = t.reserves;
    m_lastClaims = t.claims;
    m_lastRefusals = t.refusals;
}

void OverviewPage::updateRefusals()
{
    const auto &reserve = m_context.metrics.decisions(AdmissionService::Phase::Reserve);
    const auto &claim = m_context.metrics.decisions(AdmissionService::Phase::Claim);
    QStringList codes;
    for (const QString &code : reserve.keys() + claim.keys()) {
        if (code != kOk && !codes.contains(code))
            codes.append(code);
    }
    std::sort(codes.begin(), codes.end());
    m_refusals->setRowCount(static_cast<int>(codes.size()));
    for (int row = 0; row < codes.size(); ++row) {
        const QString &code = codes.at(row);
        const QStringList cells{code, number(reserve.value(code)), number(claim.value(code)),
                                errorSentence(errorCodeFromWireName(code))};
        for (int column = 0; column < cells.size(); ++column) {
            QTableWidgetItem *item = m_refusals->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                if (column == 1 || column == 2)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_refusals->setItem(row, column, item);
            }
            if (item->text() != cells.at(column))
                item->setText(cells.at(column));
        }
        m_refusals->item(row, 3)->setToolTip(cells.at(3));
    }
}

void OverviewPage::setCounts(const StorageCounts &counts)
{
    m_rooms->setText(number(static_cast<quint64>(counts.rooms)));
    m_occupants->setText(number(static_cast<quint64>(counts.occupants)));
    m_reservations->setText(number(static_cast<quint64>(counts.reservations)));
}

void OverviewPage::setNodes(const QList<NodeLease> &nodes, qint64 nowMs)
{
    QStringList live;
    QStringList all;
    for (const NodeLease &node : nodes) {
        const bool alive = node.leaseExpires > nowMs;
        const QString name
            = node.id == m_context.nodeId ? tr("%1 (this node)").arg(node.id) : node.id;
        all.append(alive ? tr("%1: lease until %2; %n socket(s), %3 decisions/s, %4 messages/s",
                              nullptr, node.load.sockets)
                               .arg(name,
                                    QDateTime::fromMSecsSinceEpoch(node.leaseExpires)
                                        .toString(QStringLiteral("HH:mm:ss")),
                                    QLocale().toString(node.load.decisionRate, 'f', 1),
                                    QLocale().toString(node.load.messageRate, 'f', 1))
                         : tr("%1: lease lapsed").arg(name));
        if (alive)
            live.append(tr("%1 · %n socket(s)", nullptr, node.load.sockets).arg(name));
    }
    if (live.isEmpty())
        live.append(tr("%1 (this node)").arg(m_context.nodeId));
    m_nodes->setText(live.join(QStringLiteral(", ")));
    m_nodes->setToolTip(all.join(QLatin1Char('\n')));
}

QString OverviewPage::counterText(const QString &name) const
{
    const auto *label = findChild<QLabel *>(name);
    return label ? label->text() : QString();
}

} // namespace roomgate::server::dashboard
