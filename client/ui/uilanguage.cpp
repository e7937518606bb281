// SPDX-License-Identifier: MIT
#include "client/ui/uilanguage.h"

#include "client/ui/logging.h"
#include "shared/errorcode.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace roomgate::client::ui {

UiLanguage::~UiLanguage()
{
    uninstall();
}

QStringList UiLanguage::supported()
{
    return {QStringLiteral("en"), QStringLiteral("ko")};
}

QString UiLanguage::install(const QString &language)
{
    uninstall();
    QLocale locale;
    if (!language.isEmpty()) {
        locale = QLocale(language);
        QLocale::setDefault(locale);
    }
    // The first supported language the user's locale asks for, else English: the
    // English translation carries the plural forms ("1 second", "2 seconds").
    QString chosen = QStringLiteral("en");
    for (const QString &wanted : locale.uiLanguages()) {
        const QString code = wanted.section(QLatin1Char('-'), 0, 0).toLower();
        if (supported().contains(code)) {
            chosen = code;
            break;
        }
    }
    if (m_app.load(QStringLiteral(":/i18n/roomgate_%1.qm").arg(chosen)))
        QCoreApplication::installTranslator(&m_app);
    else
        qCWarning(lcUi) << "no embedded translation for" << chosen;
    if (roomgate::loadErrorSentences(m_errors, chosen))
        QCoreApplication::installTranslator(&m_errors);
    else
        qCWarning(lcUi) << "no embedded error sentences for" << chosen;
    if (m_qt.load(QLocale(chosen), QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qt);
    m_installed = true;
    qCDebug(lcUi) << "user interface language" << chosen;
    return chosen;
}

void UiLanguage::uninstall()
{
    if (!m_installed)
        return;
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_errors);
    QCoreApplication::removeTranslator(&m_qt);
    m_installed = false;
}

} // namespace roomgate::client::ui
