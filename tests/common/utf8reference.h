// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>

namespace roomgate::test {

/** A strict UTF-8 check written differently from the reader's: by decoding code points. */
inline bool referenceUtf8(QByteArrayView bytes)
{
    qsizetype i = 0;
    while (i < bytes.size()) {
        const auto lead = static_cast<quint8>(bytes[i]);
        int extra = 0;
        char32_t cp = 0;
        char32_t smallest = 0;
        if (lead < 0x80) {
            cp = lead;
        } else if ((lead & 0xe0) == 0xc0) {
            extra = 1, cp = lead & 0x1f, smallest = 0x80;
        } else if ((lead & 0xf0) == 0xe0) {
            extra = 2, cp = lead & 0x0f, smallest = 0x800;
        } else if ((lead & 0xf8) == 0xf0) {
            extra = 3, cp = lead & 0x07, smallest = 0x10000;
        } else {
            return false;
        }
        if (i + extra >= bytes.size())
            return false; // cut short
        for (int k = 1; k <= extra; ++k) {
            const auto next = static_cast<quint8>(bytes[i + k]);
            if ((next & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (next & 0x3f);
        }
        if (cp < smallest || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += 1 + extra;
    }
    return true;
}

} // namespace roomgate::test
