// SPDX-License-Identifier: MIT
#include "server/admission/accountservice.h"
#include "server/admission/storeverifier.h"
#include "server/app/servercore.h"
#include "server/app/unixsignals.h"
#include "server/dashboard/dashboardwindow.h"
#include "server/storage/database.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>

#include <cstdio>
#include <memory>

using namespace roomgate;
using namespace roomgate::server;

namespace {

int createAdmin(ServerCore &core, const QString &name)
{
    QString password = qEnvironmentVariable("ROOMGATE_ADMIN_PASSWORD");
    if (!qEnvironmentVariableIsSet("ROOMGATE_ADMIN_PASSWORD")) {
        QTextStream in(stdin);
        password = in.readLine();
    }
    bool created = false;
    const auto admin = core.accounts().bootstrapAdmin(name, password, &created);
    if (!admin.ok()) {
        const bool badInput = admin.code == ErrorCode::InvalidUsername
            || admin.code == ErrorCode::WeakPassword || admin.code == ErrorCode::BadRequest;
        std::fprintf(stderr, "roomgate-server: --create-admin: %s (%s)\n",
                     qPrintable(errorSentence(admin.code)), qPrintable(wireName(admin.code)));
        return badInput ? 2 : 1;
    }
    std::printf("%s admin %s\n", created ? "created" : "promoted existing user to",
                qPrintable(admin.value.name));
    return 0;
}

/** --verify: 0 clean, 3 violations (one per line on stdout), 1 cannot read the store. */
int verifyStore(const ServerConfig &config)
{
    const QString url = config.databaseUrl();
    if (url.startsWith(QLatin1String("sqlite://"))
        && !QFileInfo::exists(url.mid(int(qstrlen("sqlite://"))))) {
        std::fprintf(stderr, "roomgate-server: --verify: there is no store at %s\n",
                     qPrintable(url));
        return 1;
    }
    Database db;
    QStringList violations;
    const StoreVerifier::Windows windows{config.ticketTtlSeconds * 1000LL, config.sweepIntervalMs,
                                         config.nodeLeaseSeconds * 1000LL};
    if (!db.open(url, Database::Role::Inspector)
        || !StoreVerifier(db, windows).verify(Clock::system().wallMs(), &violations)) {
        std::fprintf(
            stderr, "roomgate-server: --verify: cannot read the store: %s\n",
            qPrintable(db.errorString().isEmpty() ? wireName(db.failureCode()) : db.errorString()));
        return 1;
    }
    for (const QString &line : std::as_const(violations))
        std::printf("%s\n", qPrintable(line));
    std::printf("%s\n",
                violations.isEmpty()
                    ? "store verified: no violation of I1-I5"
                    : qPrintable(QStringLiteral("%1 violation(s)").arg(violations.size())));
    return violations.isEmpty() ? 0 : 3;
}

bool hasDisplay(const QProcessEnvironment &environment)
{
    return !environment.value(QStringLiteral("DISPLAY")).isEmpty()
        || !environment.value(QStringLiteral("WAYLAND_DISPLAY")).isEmpty();
}

/** `host:port`, with an IPv6 host in brackets. */
QString endpoint(const QString &host, quint16 port)
{
    const QString h
        = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return h + QLatin1Char(':') + QString::number(port);
}

/** Qt's own strings (dialog buttons), the dashboard's and the error sentences, in the system
 * locale. */
void installTranslators(QTranslator &qt, QTranslator &dashboard, QTranslator &errors)
{
    const QLocale locale;
    if (qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qt);
    // English is the fallback: its numerus forms read "1 room", where the source says "room(s)".
    if (dashboard.load(locale, QStringLiteral("roomgate_dashboard"), QStringLiteral("_"),
                       QStringLiteral(":/i18n"))
        || dashboard.load(QStringLiteral(":/i18n/roomgate_dashboard_en.qm")))
        QCoreApplication::installTranslator(&dashboard);
    // The same language as the dashboard's, so a window never mixes two.
    const QString language = dashboard.language().left(2);
    if (loadErrorSentences(errors, language.isEmpty() ? QStringLiteral("en") : language))
        QCoreApplication::installTranslator(&errors);
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's own event dispatcher rather than GLib's, on every thread: with thousands of
    // sockets a thread, GLib's spends most of its time adding and removing poll records
    // (a linear search each time a socket's write notifier turns on or off), and the storm
    // benchmark answered 10,000 reservations in 7.0 s with it, 4.2–4.7 s without. An
    // operator's own QT_NO_GLIB wins.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication::setApplicationName(QStringLiteral("roomgate-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ROOMGATE_VERSION));

    // The configuration decides which application object the process needs (with
    // widgets or without), so it is read before there is one.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    ServerConfig config;
    const auto parsed = ServerConfig::parse(arguments, environment, &config);
    if (!parsed.run) {
        // --help names the executable only when an application object exists.
        QCoreApplication app(argc, argv);
        const auto answer
            = ServerConfig::parse(QCoreApplication::arguments(), environment, &config);
        std::fprintf(answer.exitCode == 0 ? stdout : stderr, "%s\n", qPrintable(answer.message));
        return answer.exitCode;
    }
    if (config.verify) {
        QCoreApplication app(argc, argv);
        return verifyStore(config);
    }
    const bool dashboard = config.createAdmin.isEmpty() && !config.headless
        && (config.dashboard || hasDisplay(environment));
    if (dashboard && !hasDisplay(environment)
        && environment.value(QStringLiteral("QT_QPA_PLATFORM")).isEmpty()) {
        std::fprintf(stderr,
                     "roomgate-server: --dashboard needs a display (DISPLAY or "
                     "WAYLAND_DISPLAY); run with --headless without one\n");
        return 1;
    }
    const std::unique_ptr<QCoreApplication> app = dashboard
        ? std::make_unique<QApplication>(argc, argv)
        : std::make_unique<QCoreApplication>(argc, argv);

    ServerCore core(config);
    if (!core.open()) {
        std::fprintf(stderr, "roomgate-server: %s\n", qPrintable(core.errorString()));
        return 1;
    }
    if (!config.createAdmin.isEmpty())
        return createAdmin(core, config.createAdmin);

    UnixSignals signals;
    if (!core.start()) {
        std::fprintf(stderr, "roomgate-server: %s\n", qPrintable(core.errorString()));
        return 1;
    }
    // SIGINT/SIGTERM and closing the dashboard take the same graceful path.
    bool stopping = false;
    const auto stop = [&core, &stopping] {
        if (stopping)
            return;
        stopping = true;
        core.stop([] { QCoreApplication::exit(0); });
    };
    QObject::connect(&signals, &UnixSignals::terminationRequested, &core, [&stop](int) { stop(); });
    // One machine-readable line for scripts and tests: where this node listens.
    std::printf("roomgate-server ready http=%s:%u ws=%s:%u node=%s\n",
                qPrintable(config.listenText), unsigned(core.httpPort()),
                qPrintable(config.listenText), unsigned(core.wsPort()), qPrintable(core.nodeId()));
    std::fflush(stdout);

    // Declared after core: the window goes first, while the services it shows still exist.
    QTranslator qtTranslator;
    QTranslator dashboardTranslator;
    QTranslator errorTranslator;
    std::unique_ptr<dashboard::DashboardWindow> window;
    if (dashboard) {
        // The node stops first (members told SERVER_SHUTDOWN), then the process exits.
        QGuiApplication::setQuitOnLastWindowClosed(false);
        installTranslators(qtTranslator, dashboardTranslator, errorTranslator);
        window = std::make_unique<dashboard::DashboardWindow>(dashboard::DashboardContext{
            .admin = core.admin(),
            .admission = core.admission(),
            .metrics = core.metrics(),
            .bus = core.bus(),
            .nodeId = core.nodeId(),
            .httpAddress = endpoint(config.listenText, core.httpPort()),
            .wsAddress = endpoint(config.listenText, core.wsPort()),
            .startedAt = core.startedAt(),
            .socketCount = [&core] { return core.socketCount(); },
        });
        QObject::connect(window.get(), &dashboard::DashboardWindow::stopRequested, &core, stop);
        // Undocumented, for the screenshots in docs/: which tab to open with.
        const QString tab = environment.value(QStringLiteral("ROOMGATE_DASHBOARD_TAB"));
        if (!tab.isEmpty())
            window->showTab(tab);
        window->show();
    }
    return app->exec();
}
