// SPDX-License-Identifier: MIT
// roomgate: the desktop chat client. Signs in, lists rooms, and enters them in two
// phases (reserve over HTTP, claim over WebSocket) through roomgate_client_core.
#include "client/ui/clientshell.h"
#include "client/ui/uilanguage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>

using namespace roomgate::client::ui;

namespace {

/** `--lang` is needed before the parser exists: its help text is translated. */
QString languageArgument(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument.startsWith(QStringLiteral("--lang=")))
            return argument.mid(7);
        if (argument == u"--lang" && i + 1 < arguments.size())
            return arguments.at(i + 1);
    }
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Roomgate"));
    QCoreApplication::setApplicationName(QStringLiteral("roomgate"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ROOMGATE_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Roomgate"));
    QGuiApplication::setDesktopFileName(QStringLiteral("roomgate"));
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/roomgate.svg")));

    const QString language = languageArgument(QCoreApplication::arguments());
    if (!language.isEmpty() && !UiLanguage::supported().contains(language)) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate(
                                    "main", "Unknown language \"%1\": use one of %2.")
                                    .arg(language, UiLanguage::supported().join(u", "))));
        return 2;
    }
    UiLanguage ui;
    ui.install(language);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Roomgate chat client."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QCoreApplication::translate("main",
                                    "User interface language: ko or en (default: the "
                                    "system's)."),
        QStringLiteral("language"));
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QCoreApplication::translate("main",
                                    "Server address (default: the last one used, "
                                    "else http://127.0.0.1:8080)."),
        QStringLiteral("url"));
    const QCommandLineOption userOption(
        QStringLiteral("user"),
        QCoreApplication::translate("main", "User name to fill in (default: the last one used)."),
        QStringLiteral("name"));
    const QCommandLineOption enterOption(
        QStringLiteral("enter"),
        QCoreApplication::translate("main", "Enter this room after signing in (repeatable)."),
        QStringLiteral("room"));
    const QCommandLineOption noKeychainOption(
        QStringLiteral("no-keychain"),
        QCoreApplication::translate("main",
                                    "Keep the session token in memory only, without "
                                    "asking the system keychain."));
    parser.addOptions({langOption, serverOption, userOption, enterOption, noKeychainOption});
    parser.process(app);

    ClientShell::Options options;
    if (parser.isSet(serverOption)) {
        options.server = QUrl(parser.value(serverOption));
        if (!options.server.isValid() || options.server.host().isEmpty()) {
            std::fprintf(stderr, "%s\n",
                         qPrintable(QCoreApplication::translate("main", "Not a server address: %1")
                                        .arg(parser.value(serverOption))));
            return 2;
        }
    }
    options.username = parser.value(userOption);
    options.enterRooms = parser.values(enterOption);
    options.useKeychain = !parser.isSet(noKeychainOption);

    ClientShell shell(options);
    shell.start();
    return app.exec();
}
