// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QSocketNotifier;

namespace roomgate::server {

/**
 * Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), so a
 * stop always happens between two event-loop turns: never inside a transaction.
 */
class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;
    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace roomgate::server
