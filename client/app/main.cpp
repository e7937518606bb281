// SPDX-License-Identifier: MIT
// roomgate: the desktop chat client. Signs in, lists rooms, and enters them in two
// phases (reserve over HTTP, claim over WebSocket) through roomgate_client_core.
#include "client/ui/clientshell.h"
#include "client/ui/uilanguage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QProcessEnvironment>

#include <cstdio>
#include <memory>

using namespace roomgate::client::ui;

namespace {

/** The client's options; their help texts are translated when a translator is installed. */
struct CommandLine
{
    QCommandLineParser parser;
    QCommandLineOption help = parser.addHelpOption();
    QCommandLineOption version = parser.addVersionOption();
    QCommandLineOption lang{
        QStringLiteral("lang"),
        QCoreApplication::translate("main",
                                    "User interface language: ko or en (default: the "
                                    "system's)."),
        QStringLiteral("language")};
    QCommandLineOption server{
        QStringLiteral("server"),
        QCoreApplication::translate("main",
                                    "Server address (default: the last one used, "
                                    "else http://127.0.0.1:8080)."),
        QStringLiteral("url")};
    QCommandLineOption user{
        QStringLiteral("user"),
        QCoreApplication::translate("main", "User name to fill in (default: the last one used)."),
        QStringLiteral("name")};
    QCommandLineOption enter{
        QStringLiteral("enter"),
        QCoreApplication::translate("main", "Enter this room after signing in (repeatable)."),
        QStringLiteral("room")};
    QCommandLineOption noKeychain{
        QStringLiteral("no-keychain"),
        QCoreApplication::translate("main",
                                    "Keep the session token in memory only, without "
                                    "asking the system keychain.")};

    CommandLine()
    {
        parser.setApplicationDescription(
            QCoreApplication::translate("main", "Roomgate chat client."));
        parser.addOptions({lang, server, user, enter, noKeychain});
    }

    /** The --server value as a URL, when it is one; an empty URL when not given. */
    std::optional<QUrl> serverUrl() const
    {
        if (!parser.isSet(server))
            return QUrl();
        const QUrl url(parser.value(server));
        if (!url.isValid() || url.host().isEmpty())
            return std::nullopt;
        return url;
    }
};

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

/**
 * Whether @p arguments ask for the windows: not for --help, --version or a mistake in
 * them, which are answered on the terminal, with no display needed.
 */
bool wantsWindows(const QStringList &arguments)
{
    CommandLine line;
    if (!line.parser.parse(arguments))
        return false;
    if (line.parser.isSet(line.help) || line.parser.isSet(line.version)
        || line.parser.optionNames().contains(u"help-all"))
        return false;
    const QString language = languageArgument(arguments);
    return (language.isEmpty() || UiLanguage::supported().contains(language))
        && line.serverUrl().has_value();
}

bool hasDisplay()
{
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    return !environment.value(QStringLiteral("DISPLAY")).isEmpty()
        || !environment.value(QStringLiteral("WAYLAND_DISPLAY")).isEmpty()
        || !environment.value(QStringLiteral("QT_QPA_PLATFORM")).isEmpty();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("Roomgate"));
    QCoreApplication::setApplicationName(QStringLiteral("roomgate"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ROOMGATE_VERSION));

    // The arguments decide which application object the process needs: answering
    // --help or --version must work without a display, so it is read before there is one.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const bool windows = wantsWindows(arguments);
    if (windows && !hasDisplay()) {
        std::fprintf(stderr,
                     "roomgate: no display (DISPLAY or WAYLAND_DISPLAY is not set); "
                     "see roomgate --help\n");
        return 1;
    }
    const std::unique_ptr<QCoreApplication> app = windows
        ? std::make_unique<QApplication>(argc, argv)
        : std::make_unique<QCoreApplication>(argc, argv);

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

    // Help, version and unknown options end the process here, on the terminal.
    CommandLine line;
    line.parser.process(*app);
    const std::optional<QUrl> server = line.serverUrl();
    if (!server) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate("main", "Not a server address: %1")
                                    .arg(line.parser.value(line.server))));
        return 2;
    }
    if (!windows)
        return 2; // not reached: every reason for no windows was answered above

    QGuiApplication::setApplicationDisplayName(QStringLiteral("Roomgate"));
    QGuiApplication::setDesktopFileName(QStringLiteral("roomgate"));
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/roomgate.svg")));

    ClientShell::Options options;
    options.server = *server;
    options.username = line.parser.value(line.user);
    options.enterRooms = line.parser.values(line.enter);
    options.useKeychain = !line.parser.isSet(line.noKeychain);

    ClientShell shell(options);
    shell.start();
    return app->exec();
}
