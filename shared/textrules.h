// SPDX-License-Identifier: MIT
#pragma once

#include "shared/errorcode.h"

#include <QString>

namespace roomgate {

/**
 * The text rules of the protocol: what a valid user name, room name, password and
 * chat text are, and how names are normalised and compared. Pure functions,
 * usable on any thread.
 */
namespace TextRules {

inline constexpr int kUsernameMin = 2;
inline constexpr int kUsernameMax = 32;
inline constexpr int kPasswordMin = 8;
inline constexpr int kPasswordMax = 1024;
inline constexpr int kRoomNameMin = 1;
inline constexpr int kRoomNameMax = 64;
inline constexpr int kCapacityMin = 1;
inline constexpr int kCapacityMax = 10000;
inline constexpr int kDefaultCapacity = 16;
inline constexpr int kMessageMax = 4000;
inline constexpr int kClientIdMax = 64;

/** Number of Unicode code points in @p text (surrogate pairs count once). */
int codePointCount(QStringView text);

/** True when @p text holds no unpaired surrogate. */
bool isWellFormedUtf16(QStringView text);

/** The NFC form of @p name, when it is a valid user name; else a null string. */
QString normalizedUsername(const QString &name);
/** The NFC form of @p name with surrounding white space removed, when valid. */
QString normalizedRoomName(const QString &name);

/** The key two names are compared by: Unicode case folding of the NFC form. */
QString nameKey(const QString &normalizedName);

/** Ok, WeakPassword (under 8) or BadRequest (over 1024) for an NFC password. */
ErrorCode checkPassword(const QString &password);
/** The NFC form a password is hashed in. */
QString normalizedPassword(const QString &password);

/** Ok, InvalidCapacity. */
ErrorCode checkCapacity(qint64 capacity);

/** Ok, BadRequest (empty) or MessageTooLarge (over 4000 code points). */
ErrorCode checkMessageText(QStringView text);

} // namespace TextRules
} // namespace roomgate
