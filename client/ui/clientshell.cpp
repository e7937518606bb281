// SPDX-License-Identifier: MIT
#include "client/ui/clientshell.h"

#include "client/ui/failurebanner.h"
#include "client/ui/logging.h"
#include "client/ui/mainwindow.h"
#include "client/ui/signinwindow.h"
#include "client/ui/tokenstore.h"

#include <QLineEdit>
#include <QSettings>

namespace roomgate::client::ui {

namespace {
const QString kServerKey = QStringLiteral("signIn/server");
const QString kUsernameKey = QStringLiteral("signIn/username");
/** `host:port=sha256hex` per server whose unverifiable certificate the user trusted. */
const QString kTrustedCertificatesKey = QStringLiteral("tls/trustedCertificates");
} // namespace

ClientShell::ClientShell(Options options, QObject *parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_clock(m_options.clock ? *m_options.clock : Clock::system()),
      m_api(new ApiClient(QUrl(), this)),
      m_tokens(new TokenStore(this)),
      m_signIn(std::make_unique<SignInWindow>(m_clock))
{
    m_tokens->setKeychainEnabled(m_options.useKeychain);

    // The server and the user name are remembered; the password and the token are not
    // (the token goes to the keychain only).
    const QSettings settings;
    m_server = m_options.server.isValid()
        ? m_options.server
        : QUrl(settings.value(kServerKey, defaultServer().toString()).toString());
    m_username = m_options.username.isEmpty() ? settings.value(kUsernameKey).toString()
                                              : m_options.username;
    m_signIn->setServer(m_server.toString());
    m_signIn->setUsername(m_username);
    m_signIn->setMemoryOnlyNote(m_tokens->isMemoryOnly(), !m_options.useKeychain);

    // The certificates trusted for servers are remembered like the server itself; they
    // are no secret (anyone can see a server's certificate), but they are the user's word.
    CertificatePins *pins = m_api->certificatePins();
    pins->setFromStringList(settings.value(kTrustedCertificatesKey).toStringList());
    connect(pins, &CertificatePins::changed, this, [pins] {
        QSettings settings;
        if (pins->servers().isEmpty())
            settings.remove(kTrustedCertificatesKey);
        else
            settings.setValue(kTrustedCertificatesKey, pins->toStringList());
    });
    m_signIn->setCertificatePins(pins);
    connect(m_signIn.get(), &SignInWindow::certificateAccepted, this,
            &ClientShell::trustCertificate);
    connect(m_signIn.get(), &SignInWindow::certificateDeclined, this,
            [this] { m_afterTrust = {}; });
    connect(m_signIn.get(), &SignInWindow::forgetCertificateRequested, this,
            [this](const QString &server) {
                m_api->certificatePins()->forget(server);
                m_signIn->clearProblem();
                m_signIn->focusFirstEmptyField();
            });

    connect(m_signIn.get(), &SignInWindow::signInRequested, this, &ClientShell::signIn);
    connect(m_signIn.get(), &SignInWindow::registerRequested, this, &ClientShell::signUp);
    connect(m_tokens, &TokenStore::backendChanged, this, [this](TokenStore::Backend backend) {
        const bool memoryOnly = backend == TokenStore::Backend::MemoryOnly;
        m_signIn->setMemoryOnlyNote(memoryOnly, !m_options.useKeychain);
        if (m_main)
            m_main->setMemoryOnlyNote(memoryOnly, !m_options.useKeychain);
    });
}

ClientShell::~ClientShell()
{
    // The main window's sessions use the ApiClient: they go first.
    delete m_main;
}

MainWindow *ClientShell::mainWindow() const
{
    return m_main;
}

QUrl ClientShell::defaultServer()
{
    return QUrl(QStringLiteral("http://127.0.0.1:8080"));
}

QString ClientShell::accountKey() const
{
    return TokenStore::accountKey(m_server, m_username);
}

void ClientShell::start()
{
    showSignIn();
    if (!m_options.restoreSession || m_username.isEmpty()) {
        // Still ask the keychain once, so the note about it shows before signing in.
        if (m_options.useKeychain)
            m_tokens->load(accountKey(), this, [](const QString &) {});
        return;
    }
    m_signIn->setBusy(true, tr("Checking the saved session…"));
    m_tokens->load(accountKey(), this, [this](const QString &token) {
        if (token.isEmpty()) {
            m_signIn->setBusy(false);
            return;
        }
        restoreSession(token);
    });
}

void ClientShell::restoreSession(const QString &token)
{
    m_api->setBaseUrl(m_server);
    m_api->setToken(token);
    // Any authenticated call proves the token: the room list is needed next anyway.
    m_api->listRooms(this, [this, token](const ApiResult<QList<RoomInfo>> &result) {
        m_signIn->setBusy(false);
        if (result.ok()) {
            qCInfo(lcUi) << "saved session still valid";
            openMainWindow(m_username);
            return;
        }
        m_api->setToken({});
        if (result.code() == ErrorCode::Unauthenticated) {
            m_tokens->remove(accountKey());
            return; // expired or signed out elsewhere: simply sign in
        }
        if (result.certificate.canBeTrusted())
            m_afterTrust = [this, token] {
                m_signIn->setBusy(true, tr("Checking the saved session…"));
                restoreSession(token);
            };
        m_signIn->showProblem(tr("Could not check the saved session"), result.problem, result.local,
                              result.certificate);
    });
}

void ClientShell::trustCertificate(const CertificateCheck &check)
{
    qCInfo(lcUi).noquote() << "the user trusts the certificate of" << check.server;
    m_api->certificatePins()->setPin(check.server, check.fingerprint);
    // Then what the question interrupted, now that the certificate is trusted.
    if (const std::function<void()> resume = std::exchange(m_afterTrust, {}))
        resume();
}

void ClientShell::signIn(const QUrl &server, const QString &username, const QString &password)
{
    m_signIn->setBusy(true, tr("Signing in…"));
    m_api->setBaseUrl(server);
    m_api->signIn(username, password, this, [this, server](const ApiResult<AuthSession> &result) {
        m_signIn->setBusy(false);
        if (!result.ok()) {
            if (result.certificate.canBeTrusted())
                m_afterTrust = [this] { m_signIn->submitAgain(); };
            m_signIn->showProblem(tr("Could not sign in"), result.problem, result.local,
                                  result.certificate);
            return;
        }
        m_server = server;
        finishSignIn(result.value);
    });
}

void ClientShell::signUp(const QUrl &server, const QString &username, const QString &password)
{
    m_signIn->setBusy(true, tr("Creating the account…"));
    m_api->setBaseUrl(server);
    m_api->signUp(username, password, this,
                  [this, server, username, password](const ApiResult<QString> &result) {
                      if (!result.ok()) {
                          m_signIn->setBusy(false);
                          if (result.certificate.canBeTrusted())
                              m_afterTrust = [this] { m_signIn->submitAgain(); };
                          m_signIn->showProblem(tr("Could not create the account"), result.problem,
                                                result.local, result.certificate);
                          return;
                      }
                      qCInfo(lcUi) << "account created";
                      signIn(server, result.value.isEmpty() ? username : result.value, password);
                  });
}

void ClientShell::finishSignIn(const AuthSession &session)
{
    const bool sameAccount = m_main && m_username == session.username;
    m_username = session.username;
    QSettings settings;
    settings.setValue(kServerKey, m_server.toString());
    settings.setValue(kUsernameKey, m_username);
    m_tokens->store(accountKey(), session.token);
    m_signIn->clearPassword();
    m_signIn->clearProblem();
    qCInfo(lcUi) << "signed in";
    if (sameAccount) {
        m_signIn->hide();
        m_main->show();
        m_main->resumeAfterSignIn();
        Q_EMIT signedIn(m_username);
        return;
    }
    openMainWindow(m_username);
}

void ClientShell::openMainWindow(const QString &username)
{
    delete m_main;
    m_main = new MainWindow(m_api, username, m_clock);
    m_main->setAttribute(Qt::WA_DeleteOnClose);
    m_main->setMemoryOnlyNote(m_tokens->isMemoryOnly(), !m_options.useKeychain);
    connect(m_main, &MainWindow::signOutRequested, this, &ClientShell::signOut);
    connect(m_main, &MainWindow::signInAgainRequested, this, &ClientShell::signInAgain);
    m_main->show();
    m_signIn->hide();
    const QStringList rooms = std::exchange(m_options.enterRooms, {});
    for (const QString &room : rooms)
        m_main->enterRoom(room);
    Q_EMIT signedIn(username);
}

void ClientShell::showSignIn()
{
    m_signIn->show();
    m_signIn->raise();
    m_signIn->activateWindow();
    m_signIn->focusFirstEmptyField();
}

void ClientShell::signOut()
{
    const QString account = accountKey();
    // The sign-in window first, so the app does not end with its last window; then leave
    // the rooms (the sessions say goodbye), then end the session.
    m_signIn->clearPassword();
    showSignIn();
    delete m_main;
    m_api->signOut(this, [](const ApiResult<> &result) {
        if (!result.ok())
            qCInfo(lcUi) << "sign-out not confirmed:" << wireName(result.code());
    });
    m_api->setToken({});
    m_tokens->remove(account);
    Q_EMIT signedOut();
}

void ClientShell::signInAgain()
{
    // The server no longer knows the token: forget it, keep the rooms' tabs, and come
    // back to them after signing in as the same user.
    m_tokens->remove(accountKey());
    m_api->setToken({});
    m_signIn->setUsername(m_username);
    m_signIn->clearPassword();
    m_signIn->showProblem(tr("Signed out by the server"), Problem(ErrorCode::Unauthenticated));
    if (m_main)
        m_main->hide();
    showSignIn();
}

} // namespace roomgate::client::ui
