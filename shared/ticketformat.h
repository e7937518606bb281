// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QStringView>

namespace roomgate {

/**
 * The outward form of secrets the server hands out (tickets and session tokens):
 * 32 random or derived bytes as base64url without padding, 43 characters.
 */
namespace TicketFormat {

inline constexpr int kSecretBytes = 32;
inline constexpr int kEncodedLength = 43;

QByteArray encode(const QByteArray &bytes);
/** True when @p text could be a ticket or token: 43 base64url characters. */
bool isWellFormed(QByteArrayView text);

} // namespace TicketFormat
} // namespace roomgate
