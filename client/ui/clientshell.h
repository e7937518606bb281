// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/apiclient.h"
#include "client/core/authsession.h"
#include "shared/clock.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

namespace roomgate::client::ui {

class MainWindow;
class SignInWindow;
class TokenStore;

/**
 * The desktop client as a whole: shows the sign-in window, signs in or registers
 * through the ApiClient, keeps the token in the TokenStore and the server and user
 * name in QSettings, then opens a MainWindow for the account; signs out, and asks for
 * a new sign-in when the server ends the session (401). A server certificate the system
 * cannot verify is asked about in the sign-in window; an accepted one is pinned in the
 * ApiClient's CertificatePins, kept in QSettings, and what was interrupted goes on.
 *
 * Owns the ApiClient, the TokenStore and both windows. Created by main() (or a GUI
 * test) after the translators are installed; GUI thread.
 */
class ClientShell : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl server; ///< empty: the remembered one, else defaultServer()
        QString username; ///< empty: the remembered one
        QStringList enterRooms; ///< entered right after signing in
        bool useKeychain = true; ///< false: the token stays in memory only
        bool restoreSession = true; ///< try the remembered account's stored token first
        /** The clock of countdowns and times shown; null: the system's. Must outlive the shell. */
        const Clock *clock = nullptr;
    };

    explicit ClientShell(Options options, QObject *parent = nullptr);
    ~ClientShell() override;

    /** Shows the first window (and tries a stored session). */
    void start();

    ApiClient *api() const { return m_api; }
    TokenStore *tokens() const { return m_tokens; }
    SignInWindow *signInWindow() const { return m_signIn.get(); }
    /** The window of the signed-in account; nullptr before signing in. */
    MainWindow *mainWindow() const;

    static QUrl defaultServer();

Q_SIGNALS:
    void signedIn(const QString &username);
    void signedOut();

private:
    void signIn(const QUrl &server, const QString &username, const QString &password);
    void signUp(const QUrl &server, const QString &username, const QString &password);
    void finishSignIn(const AuthSession &session);
    void restoreSession(const QString &token);
    void trustCertificate(const CertificateCheck &check);
    void openMainWindow(const QString &username);
    void signOut();
    void signInAgain();
    void showSignIn();
    QString accountKey() const;

    Options m_options;
    const Clock &m_clock;
    ApiClient *m_api;
    TokenStore *m_tokens;
    std::unique_ptr<SignInWindow> m_signIn;
    QPointer<MainWindow> m_main;
    QUrl m_server;
    QString m_username; ///< the account signed in (the server's form of the name)
    std::function<void()> m_afterTrust; ///< what a certificate question interrupted
};

} // namespace roomgate::client::ui
