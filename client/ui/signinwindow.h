// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/certificatecheck.h"
#include "client/core/localerror.h"
#include "shared/clock.h"
#include "shared/problem.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace roomgate::client {
class CertificatePins;
}

namespace roomgate::client::ui {

class CertificatePanel;
class FailureBanner;

/**
 * The first window: server address, user name and password, Sign in and Register.
 * It only collects and reports: the ClientShell does the calls and hands back
 * refusals (shown in a FailureBanner) and the keychain note. A server that cannot be
 * reached is told apart from one that refused (with Retry, and the cursor in the
 * address field); a sign-in refused for its rate says until when, and the buttons wait.
 *
 * An `https://` server whose certificate the system cannot verify gets the
 * CertificatePanel in place of a refusal: its fingerprint, once, with Accept and Cancel;
 * an accepted one is reported for the shell to pin. While the address names a server with
 * a trusted certificate, "Forget trusted certificate" offers to stop trusting it.
 * Top-level window owned by the ClientShell; GUI thread.
 */
class SignInWindow : public QWidget
{
    Q_OBJECT
public:
    explicit SignInWindow(const Clock &clock = Clock::system(), QWidget *parent = nullptr);

    void setServer(const QString &server);
    void setUsername(const QString &username);
    QString username() const;
    /** The address as typed, completed to a URL (`127.0.0.1:8080` → `http://127.0.0.1:8080`). */
    QUrl server() const;

    /** While a call runs: fields and buttons off, @p message shown. */
    void setBusy(bool busy, const QString &message = {});
    /**
     * Shows why signing in (or registering, or the saved session) did not work: the
     * server's refusal, or, with @p local set, that no answer came from @p server.
     */
    void showProblem(const QString &title, const Problem &problem,
                     LocalError local = LocalError::None, const CertificateCheck &certificate = {});
    /**
     * Asks whether to trust the certificate of @p check (canBeTrusted()): the panel,
     * with the buttons off until the user answers.
     */
    void askToTrust(const CertificateCheck &check);
    bool isAskingToTrust() const;
    /** Sends again what was asked last (sign in or register) with the fields as they are. */
    void submitAgain();
    /** The trusted certificates, to offer forgetting the one of the address typed. */
    void setCertificatePins(const CertificatePins *pins);
    void clearProblem();
    /** Says, once and quietly, that the session token lives in memory only, and why. */
    void setMemoryOnlyNote(bool memoryOnly, bool keychainOff = false);
    /** Puts the cursor where typing goes next: the first empty field, else the password. */
    void focusFirstEmptyField();
    /** Empties the password field (after a sign-in, or when a session ended). */
    void clearPassword();
    /** While a rate-limited sign-in waits: the buttons are off until the time given. */
    bool isWaiting() const { return m_waiting; }

    FailureBanner *banner() const { return m_banner; }
    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *signInButton() const { return m_signIn; }
    QPushButton *registerButton() const { return m_register; }
    QLabel *memoryOnlyNote() const { return m_keychainNote; }
    CertificatePanel *certificatePanel() const { return m_certificatePanel; }
    QPushButton *forgetCertificateButton() const { return m_forgetCertificate; }

Q_SIGNALS:
    void signInRequested(const QUrl &server, const QString &username, const QString &password);
    void registerRequested(const QUrl &server, const QString &username, const QString &password);
    /** The user trusts @p check's certificate for its server (the panel's Accept). */
    void certificateAccepted(const roomgate::client::CertificateCheck &check);
    /** The user did not trust the certificate asked about (the panel's Cancel). */
    void certificateDeclined();
    /** The user no longer trusts the certificate kept for @p server (a CertificatePins key). */
    void forgetCertificateRequested(const QString &server);

private:
    /** True when the fields can be sent; else says what is missing. */
    bool checkFields();
    void updateButtons();
    void submit(bool registering);
    void fitContents();
    void updateForgetCertificate();

    // Declared in the order they are seen: the keyboard follows it.
    QLineEdit *m_server;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QPushButton *m_forgetCertificate;
    CertificatePanel *m_certificatePanel;
    QLabel *m_hint;
    FailureBanner *m_banner;
    QLabel *m_busy;
    QPushButton *m_register;
    QPushButton *m_signIn;
    QLabel *m_keychainNote;
    QFormLayout *m_form = nullptr;
    QPointer<const CertificatePins> m_pins;
    const Clock &m_clock;
    bool m_isBusy = false;
    bool m_waiting = false; ///< a rate-limited sign-in counts down
    bool m_lastWasRegister = false; ///< what Retry repeats
};

} // namespace roomgate::client::ui
