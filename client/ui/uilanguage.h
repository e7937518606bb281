// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QTranslator>

namespace roomgate::client::ui {

/**
 * The client's user-interface language: its own translations (embedded as
 * `:/i18n/roomgate_<lang>.qm`), the error sentences of shared/ (`roomgate_errors_<lang>.qm`), Qt's
 * own strings (dialog buttons), and the default QLocale for dates and numbers.
 *
 * Owned by main() or a test for as long as the translators are installed; GUI thread.
 */
class UiLanguage
{
public:
    UiLanguage() = default;
    ~UiLanguage();
    UiLanguage(const UiLanguage &) = delete;
    UiLanguage &operator=(const UiLanguage &) = delete;

    /**
     * Installs the translators for @p language ("ko", "en"), or for the system locale
     * when it is empty. A language without translations falls back to English.
     * Returns the language in use ("ko" or "en").
     */
    QString install(const QString &language = {});
    /** Removes the translators again (tests switch languages). */
    void uninstall();

    /** The languages with a complete translation. */
    static QStringList supported();

private:
    QTranslator m_qt;
    QTranslator m_app;
    QTranslator m_errors; ///< the shared code table's sentences
    bool m_installed = false;
};

} // namespace roomgate::client::ui
