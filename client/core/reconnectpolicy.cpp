// SPDX-License-Identifier: MIT
#include "client/core/reconnectpolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace roomgate::client {

ReconnectPolicy::ReconnectPolicy(RandomSource random)
{
    setRandomSource(std::move(random));
}

void ReconnectPolicy::setRandomSource(RandomSource random)
{
    if (random)
        m_random = std::move(random);
    else
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

void ReconnectPolicy::setJitter(Jitter jitter, double spread)
{
    m_jitter = jitter;
    m_spread = std::clamp(spread, 0.0, 1.0);
}

bool ReconnectPolicy::retryHelps(ErrorCode code)
{
    switch (code) {
    // An admin's decision or a room that is gone: entering again would be refused, or
    // would undo what the admin did. The user chooses what to do next.
    case ErrorCode::Kicked:
    case ErrorCode::RoomClosed:
    case ErrorCode::RoomNotFound:
    case ErrorCode::Forbidden:
    // The user must sign in again.
    case ErrorCode::Unauthenticated:
        return false;
    default:
        return errorInfo(code).retryable;
    }
}

bool ReconnectPolicy::shouldRetry(ErrorCode code) const
{
    return (retryHelps(code) || code == ErrorCode::AlreadyInRoom) && !exhausted();
}

int ReconnectPolicy::nominalDelay(int attempt) const
{
    const double exponent = qMax(0, attempt - 1);
    const double delay = m_baseMs * std::pow(m_factor, exponent);
    return delay >= m_maxMs ? m_maxMs : static_cast<int>(delay);
}

int ReconnectPolicy::nextDelay(int minimumMs)
{
    ++m_attempts;
    const double nominal = nominalDelay(m_attempts);
    const double r = std::clamp(m_random(), 0.0, 1.0);
    double delay = nominal;
    switch (m_jitter) {
    case Jitter::None:
        break;
    case Jitter::Proportional:
        delay = nominal * (1.0 + m_spread * (2.0 * r - 1.0));
        break;
    case Jitter::Full:
        delay = nominal * r;
        break;
    }
    const int jittered = static_cast<int>(std::lround(std::clamp(delay, 0.0, double(m_maxMs))));
    return qMax(jittered, minimumMs);
}

} // namespace roomgate::client
