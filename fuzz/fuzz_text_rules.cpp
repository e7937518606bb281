// SPDX-License-Identifier: MIT
// Fuzz target: the protocol's text rules (shared/textrules.h) on arbitrary text: the input
// read as UTF-8, and the same bytes read as UTF-16 (which may hold unpaired surrogates).
// Checked:
//  - isWellFormedUtf16() agrees with a plain reading of the surrogates, and codePointCount()
//    with the code points Qt counts in well-formed text;
//  - a normalized user or room name is well formed, NFC, within the length rules (room
//    names also trimmed), and normalizes to itself; text that is not well formed has none;
//  - nameKey() is idempotent on every normalized name;
//  - checkMessageText() and checkPassword() follow their length rules;
//  - and, through ASan and UBSan, no memory error or undefined behaviour anywhere.
#include "fuzz/fuzzcheck.h"
#include "shared/textrules.h"

#include <QList>

#include <cstdint>
#include <cstring>

namespace TextRules = roomgate::TextRules;
using roomgate::ErrorCode;

namespace {

using roomgate::fuzz::check;

/** No high surrogate without a low one after it, no low one without a high one before. */
bool wellFormed(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isHighSurrogate()) {
            if (i + 1 == text.size() || !text[i + 1].isLowSurrogate())
                return false;
            ++i;
        } else if (text[i].isLowSurrogate()) {
            return false;
        }
    }
    return true;
}

void checkName(const QString &name, int minimum, int maximum, QString (*normalize)(const QString &))
{
    check(TextRules::isWellFormedUtf16(name), "a normalized name is well formed");
    check(name == name.normalized(QString::NormalizationForm_C), "a normalized name is NFC");
    const int length = TextRules::codePointCount(name);
    check(length >= minimum && length <= maximum, "a normalized name is within its lengths");
    check(normalize(name) == name, "a normalized name normalizes to itself");
    const QString key = TextRules::nameKey(name);
    check(TextRules::nameKey(key) == key, "nameKey is idempotent");
}

void checkText(const QString &text)
{
    const bool formed = wellFormed(text);
    check(TextRules::isWellFormedUtf16(text) == formed, "isWellFormedUtf16 reads surrogates");
    const int count = TextRules::codePointCount(text);
    check(count <= text.size() && 2 * count >= text.size(), "codePointCount within bounds");
    if (formed)
        check(count == text.toUcs4().size(), "codePointCount counts code points");

    const QString user = TextRules::normalizedUsername(text);
    if (!formed)
        check(user.isNull(), "no user name from text that is not well formed");
    if (!user.isNull()) {
        checkName(user, TextRules::kUsernameMin, TextRules::kUsernameMax,
                  TextRules::normalizedUsername);
        check(!user.contains(u' '), "a user name has no space");
    }

    const QString room = TextRules::normalizedRoomName(text);
    if (!formed)
        check(room.isNull(), "no room name from text that is not well formed");
    if (!room.isNull()) {
        checkName(room, TextRules::kRoomNameMin, TextRules::kRoomNameMax,
                  TextRules::normalizedRoomName);
        check(room == room.trimmed(), "a room name is trimmed");
    }

    const ErrorCode message = TextRules::checkMessageText(text);
    if (text.isEmpty())
        check(message == ErrorCode::BadRequest, "an empty message is refused");
    else
        check((message == ErrorCode::Ok) == (count <= TextRules::kMessageMax),
              "a message within 4000 code points is accepted");

    const ErrorCode password = TextRules::checkPassword(text);
    check(password == ErrorCode::Ok || password == ErrorCode::WeakPassword
              || password == ErrorCode::BadRequest,
          "a password is Ok, weak or refused");
    if (!formed)
        check(password == ErrorCode::BadRequest, "a password that is not well formed is refused");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QString utf8
        = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    check(wellFormed(utf8), "text decoded from UTF-8 is well formed");
    checkText(utf8);

    QString utf16(static_cast<qsizetype>(size / 2), Qt::Uninitialized);
    std::memcpy(utf16.data(), data, utf16.size() * sizeof(char16_t));
    checkText(utf16);
    return 0;
}
