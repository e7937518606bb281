// SPDX-License-Identifier: MIT
#include "shared/textrules.h"

namespace roomgate::TextRules {

namespace {

bool isNameLetterOrDigit(char32_t ch)
{
    switch (QChar::category(ch)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Number_DecimalDigit:
        return true;
    default:
        return false;
    }
}

bool isNamePunctuation(char32_t ch)
{
    return ch == U'_' || ch == U'-' || ch == U'.';
}

// Walks the code points of @p text; false at the first one @p accept refuses or at
// an unpaired surrogate.
template<typename Accept> bool allCodePoints(QStringView text, Accept accept, int *count)
{
    int n = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t ch = text[i].unicode();
        if (QChar::isHighSurrogate(ch)) {
            if (i + 1 >= text.size() || !QChar::isLowSurrogate(text[i + 1].unicode()))
                return false;
            ch = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        } else if (QChar::isLowSurrogate(ch)) {
            return false;
        }
        if (!accept(ch))
            return false;
        ++n;
    }
    *count = n;
    return true;
}

} // namespace

int codePointCount(QStringView text)
{
    int n = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (QChar::isHighSurrogate(text[i].unicode()) && i + 1 < text.size()
            && QChar::isLowSurrogate(text[i + 1].unicode()))
            ++i;
        ++n;
    }
    return n;
}

bool isWellFormedUtf16(QStringView text)
{
    int count = 0;
    return allCodePoints(
        text, [](char32_t) { return true; }, &count);
}

QString normalizedUsername(const QString &name)
{
    if (!isWellFormedUtf16(name))
        return {};
    QString nfc = name.normalized(QString::NormalizationForm_C);
    int count = 0;
    const bool ok = allCodePoints(
        nfc, [](char32_t ch) { return isNameLetterOrDigit(ch) || isNamePunctuation(ch); }, &count);
    if (!ok || count < kUsernameMin || count > kUsernameMax)
        return {};
    return nfc;
}

QString normalizedRoomName(const QString &name)
{
    if (!isWellFormedUtf16(name))
        return {};
    QString nfc = name.normalized(QString::NormalizationForm_C).trimmed();
    int count = 0;
    const bool ok = allCodePoints(
        nfc,
        [](char32_t ch) { return isNameLetterOrDigit(ch) || isNamePunctuation(ch) || ch == U' '; },
        &count);
    if (!ok || count < kRoomNameMin || count > kRoomNameMax)
        return {};
    return nfc;
}

QString nameKey(const QString &normalizedName)
{
    return normalizedName.toCaseFolded().normalized(QString::NormalizationForm_C);
}

QString normalizedPassword(const QString &password)
{
    return password.normalized(QString::NormalizationForm_C);
}

ErrorCode checkPassword(const QString &password)
{
    if (!isWellFormedUtf16(password))
        return ErrorCode::BadRequest;
    const int count = codePointCount(normalizedPassword(password));
    if (count > kPasswordMax)
        return ErrorCode::BadRequest;
    if (count < kPasswordMin)
        return ErrorCode::WeakPassword;
    return ErrorCode::Ok;
}

ErrorCode checkCapacity(qint64 capacity)
{
    return capacity >= kCapacityMin && capacity <= kCapacityMax ? ErrorCode::Ok
                                                                : ErrorCode::InvalidCapacity;
}

ErrorCode checkMessageText(QStringView text)
{
    if (text.isEmpty())
        return ErrorCode::BadRequest;
    if (codePointCount(text) > kMessageMax)
        return ErrorCode::MessageTooLarge;
    return ErrorCode::Ok;
}

} // namespace roomgate::TextRules
